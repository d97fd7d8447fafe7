//! The report's statements as CSV: one row per statement, for a spreadsheet.
//!
//! UTF-8 with a byte-order mark (without it Excel on Japanese Windows reads the file as Shift_JIS
//! and shows mojibake), CRLF line ends and every text field quoted (RFC 4180). Rates are
//! percentages with one decimal, so a spreadsheet can sort and chart them as numbers.

use super::html::group_name;
use super::model::Report;
use crate::context::Ctx;

const BYTE_ORDER_MARK: char = '\u{feff}';

/// One field, quoted. A text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// carriage return first) gets a leading apostrophe, as OWASP advises against CSV injection.
pub fn quoted(text: &str) -> String {
    let inert = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    format!("\"{}\"", inert.replace('"', "\"\""))
}

fn percent(rate: Option<f64>) -> String {
    rate.map(|rate| format!("{:.1}", rate * 100.0))
        .unwrap_or_default()
}

pub fn report_csv(ctx: &Ctx, report: &Report) -> String {
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
    .map(|id| quoted(&ctx.t(id)))
    .collect();
    for group in &report.groups {
        header.push(quoted(&crate::i18n::t_args(
            ctx.locale,
            "report-csv-group-agree-rate",
            &[("group", group_name(ctx, &group.label).into())],
        )));
    }
    for id in [
        "report-csv-consensus",
        "report-csv-divisive",
        "report-csv-meta",
    ] {
        header.push(quoted(&ctx.t(id)));
    }

    let mut out = String::new();
    out.push(BYTE_ORDER_MARK);
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for statement in &report.statements {
        let mut fields: Vec<String> = vec![
            statement.id.to_string(),
            quoted(&statement.text),
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
        fields.push(quoted(&agreement));
        let yes = |flag: bool| {
            if flag {
                ctx.t("report-csv-yes")
            } else {
                String::new()
            }
        };
        fields.push(quoted(&yes(statement.divisive)));
        fields.push(quoted(&yes(statement.is_meta)));
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn fields_are_quoted_and_formulas_made_inert() {
        assert_eq!(quoted("駅前に\"ベンチ\"を"), "\"駅前に\"\"ベンチ\"\"を\"");
        assert_eq!(quoted("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(quoted("-1 は少ない"), "\"'-1 は少ない\"");
        assert_eq!(quoted("a,b"), "\"a,b\"");
    }
}
