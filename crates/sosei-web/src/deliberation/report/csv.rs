//! The report's statements as CSV: one row per statement, for a spreadsheet, written by
//! [`crate::csv_export`] (byte-order mark, CRLF, text quoted, formulas made inert). Rates are
//! percentages with one decimal, so a spreadsheet can sort and chart them as numbers.

use super::html::group_name;
use super::model::Report;
use crate::context::Ctx;
use crate::error::AppError;

fn percent(rate: Option<f64>) -> String {
    rate.map(|rate| format!("{:.1}", rate * 100.0))
        .unwrap_or_default()
}

pub fn report_csv(ctx: &Ctx, report: &Report) -> Result<Vec<u8>, AppError> {
    let mut header: Vec<String> = [
        "report-csv-id",
        "report-csv-text",
        "report-csv-language",
        "report-csv-agree",
        "report-csv-disagree",
        "report-csv-pass",
        "report-csv-agree-rate",
    ]
    .iter()
    .map(|id| ctx.t(id))
    .collect();
    for group in &report.groups {
        header.push(crate::i18n::t_args(
            ctx.locale,
            "report-csv-group-agree-rate",
            &[("group", group_name(ctx, &group.label).into())],
        ));
    }
    for id in [
        "report-csv-consensus",
        "report-csv-divisive",
        "report-csv-meta",
    ] {
        header.push(ctx.t(id));
    }

    let mut rows = Vec::with_capacity(report.statements.len());
    for statement in &report.statements {
        let mut fields: Vec<String> = vec![
            statement.id.to_string(),
            statement.text.clone(),
            statement.language.to_owned(),
            statement.agree.to_string(),
            statement.disagree.to_string(),
            statement.pass.to_string(),
            percent(statement.agree_rate),
        ];
        fields.extend(
            statement
                .group_agree_rates
                .iter()
                .map(|rate| percent(*rate)),
        );
        let agreement = statement
            .agreement
            .map(|agreement| crate::deliberation::agreement_words::label(ctx.locale, agreement))
            .unwrap_or_default();
        fields.push(agreement);
        let yes = |flag: bool| {
            if flag {
                ctx.t("report-csv-yes")
            } else {
                String::new()
            }
        };
        fields.push(yes(statement.divisive));
        fields.push(yes(statement.is_meta));
        rows.push(fields);
    }
    crate::csv_export::csv_file(&header, &rows)
}
