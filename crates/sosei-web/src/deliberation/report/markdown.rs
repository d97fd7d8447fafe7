//! The report as Markdown, to paste into a policy draft.

use std::fmt::Write;

use sosei_core::deliberation::FactCard;

use super::html::group_name;
use super::labelled;
use super::model::{GroupRate, Report};
use super::{
    format_count, format_interval, format_optional_percent, format_percent, people, report_dates,
};
use crate::context::Ctx;
use crate::i18n::t_args;

/// Text from participants, made inert: it cannot start a heading or a list, break a table,
/// become a link or emphasis, or carry raw HTML into a renderer. Line breaks and runs of ASCII
/// spaces become one space (Markdown would do so anyway); everything else, the ideographic
/// space and full-width punctuation included, stays as written.
pub fn inline(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            pending_space = !escaped.is_empty();
            continue;
        }
        if std::mem::take(&mut pending_space) {
            escaped.push(' ');
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            _ => escaped.push(c),
        }
    }
    // A leading "-" or "+" would start a list, and "1." or "1)" a numbered one.
    if escaped.starts_with(['-', '+']) {
        escaped.insert(0, '\\');
    } else {
        let digits = escaped.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && escaped[digits..].starts_with(['.', ')']) {
            escaped.insert(digits, '\\');
        }
    }
    escaped
}

fn group_table(out: &mut String, ctx: &Ctx, rates: &[GroupRate]) {
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} |\n|---|---:|---:|---:|",
        ctx.t("report-column-group"),
        ctx.t("report-column-agree-rate"),
        ctx.t("report-column-interval"),
        ctx.t("report-column-votes"),
    );
    for rate in rates {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            group_name(ctx, &rate.group),
            format_percent(rate.agree_rate),
            format_interval(rate.agree_low, rate.agree_high),
            t_args(
                ctx.locale,
                "report-votes-detail",
                &[
                    ("agree", format_count(rate.agree as usize).into()),
                    ("disagree", format_count(rate.disagree as usize).into()),
                    ("pass", format_count(rate.pass as usize).into()),
                ]
            ),
        );
    }
    out.push('\n');
}

/// A statement quoted: in the report's language when translated, followed by who translated it
/// and the original.
fn quote(out: &mut String, report: &Report, id: i64, text: &str) {
    let translation = report
        .statements
        .iter()
        .find(|statement| statement.id == id)
        .and_then(|statement| statement.translation.as_ref());
    match translation {
        Some(translation) => {
            let _ = writeln!(
                out,
                "> **#{id}** {}\n>\n> *{}:* {}\n",
                inline(&translation.text),
                inline(&translation.translator_label),
                inline(text)
            );
        }
        None => {
            let _ = writeln!(out, "> **#{id}** {}\n", inline(text));
        }
    }
}

pub fn report_markdown(ctx: &Ctx, report: &Report, fact_cards: &[FactCard]) -> String {
    let mut out = String::new();
    let dates = report_dates(ctx, report);
    let participation = &report.participation;
    let _ = writeln!(
        out,
        "# {}\n\n*{}*\n",
        inline(&t_args(
            ctx.locale,
            "report-title",
            &[("title", report.conversation.title.as_str().into())]
        )),
        ctx.t("report-kicker")
    );
    let _ = writeln!(
        out,
        "{}\n",
        labelled(
            &format!("**{}**", ctx.t("report-question")),
            &inline(&report.conversation.question)
        )
    );
    for (label_id, value) in [
        ("report-opened", &dates.opened),
        ("report-closed", &dates.closed),
        ("report-as-of", &dates.as_of),
    ] {
        if let Some(value) = value {
            let _ = writeln!(out, "- {}: {value}", ctx.t(label_id));
        }
    }
    out.push('\n');
    if dates.closed.is_none() {
        let _ = writeln!(out, "{}\n", ctx.t("report-still-open"));
    }

    let _ = writeln!(out, "## {}\n", ctx.t("report-participation-heading"));
    for (label_id, count) in [
        ("report-count-participants", participation.participants),
        ("report-count-voters", participation.voters),
        ("report-count-statements", participation.statements),
        ("report-count-votes", participation.votes),
    ] {
        let _ = writeln!(out, "- {}: {}", ctx.t(label_id), format_count(count));
    }
    let _ = writeln!(
        out,
        "\n{}\n",
        t_args(
            ctx.locale,
            "report-count-grouped",
            &[
                (
                    "grouped",
                    format_count(participation.grouped_participants).into()
                ),
                ("groups", report.groups.len().into()),
            ]
        )
    );

    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        ctx.t("report-consensus-heading"),
        ctx.t("report-consensus-lead")
    );
    if report.consensus.is_empty() {
        let _ = writeln!(out, "{}\n", ctx.t("report-consensus-none"));
    }
    for entry in &report.consensus {
        quote(&mut out, report, entry.statement, &entry.text);
        let rates = t_args(
            ctx.locale,
            "report-overall-rates",
            &[
                (
                    "agree",
                    format_optional_percent(entry.overall_agree_rate).into(),
                ),
                (
                    "disagree",
                    format_optional_percent(entry.overall_disagree_rate).into(),
                ),
            ],
        );
        let level = crate::deliberation::agreement_words::label(ctx.locale, entry.agreement);
        let _ = writeln!(
            out,
            "{}\n",
            t_args(
                ctx.locale,
                "wording-label-and-text",
                &[("label", level.into()), ("text", rates.into())],
            )
        );
        group_table(&mut out, ctx, &entry.groups);
    }

    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        ctx.t("report-groups-heading"),
        ctx.t("report-groups-lead")
    );
    if report.groups.is_empty() {
        let _ = writeln!(out, "{}\n", ctx.t("report-groups-none"));
    }
    for group in &report.groups {
        let _ = writeln!(
            out,
            "### {}\n\n**{}**\n",
            t_args(
                ctx.locale,
                "report-group-heading",
                &[
                    ("group", group_name(ctx, &group.label).into()),
                    ("people", people(ctx, group.size).into()),
                ]
            ),
            ctx.t("report-representative-heading")
        );
        if group.representative.is_empty() {
            let _ = writeln!(out, "{}\n", ctx.t("report-representative-none"));
        }
        for entry in &group.representative {
            quote(&mut out, report, entry.statement, &entry.text);
            let message = if entry.direction == "agree" {
                "report-representative-agree"
            } else {
                "report-representative-disagree"
            };
            let _ = writeln!(
                out,
                "{}\n",
                t_args(
                    ctx.locale,
                    message,
                    &[
                        ("rate", format_percent(entry.votes.agree_rate).into()),
                        (
                            "interval",
                            format_interval(entry.votes.agree_low, entry.votes.agree_high).into()
                        ),
                        (
                            "others",
                            format_optional_percent(entry.others_agree_rate).into()
                        ),
                    ]
                )
            );
        }
    }

    let _ = writeln!(
        out,
        "## {}\n\n{}\n",
        ctx.t("report-divisive-heading"),
        ctx.t("report-divisive-lead")
    );
    if report.divisive.is_empty() {
        let _ = writeln!(out, "{}\n", ctx.t("report-divisive-none"));
    }
    for entry in &report.divisive {
        quote(&mut out, report, entry.statement, &entry.text);
        let _ = writeln!(
            out,
            "{}\n",
            t_args(
                ctx.locale,
                "report-divisive-summary",
                &[
                    ("most", group_name(ctx, &entry.most_agreeing_group).into()),
                    ("least", group_name(ctx, &entry.least_agreeing_group).into()),
                ]
            )
        );
        group_table(&mut out, ctx, &entry.groups);
    }

    let _ = writeln!(out, "## {}\n", ctx.t("report-facts-heading"));
    if fact_cards.is_empty() {
        let _ = writeln!(out, "{}\n", ctx.t("report-facts-none"));
    }
    for card in fact_cards {
        let mut line = String::from("- ");
        if let Some(value) = card.value {
            let _ = write!(
                line,
                "**{}{}** ",
                crate::deliberation::facilitate::format_number(value),
                card.unit.as_deref().map(inline).unwrap_or_default()
            );
        }
        line.push_str(&inline(card.text.text(ctx.locale)));
        if let Some(statement) = card.statement {
            let _ = write!(
                line,
                " ({})",
                t_args(
                    ctx.locale,
                    "report-fact-about",
                    &[("id", statement.0.into())]
                )
            );
        }
        let _ = write!(
            line,
            "  \n  {}",
            labelled(
                &ctx.t("facilitate-fact-source"),
                &inline(&card.source_citation)
            )
        );
        if let Some(url) = &card.source_url {
            let _ = write!(line, " <{}>", url.replace(['<', '>', ' '], ""));
        }
        if let Some(date) = card.as_of {
            let _ = write!(
                line,
                " ({})",
                t_args(
                    ctx.locale,
                    "facilitate-fact-as-of",
                    &[("date", crate::i18n::format_date(ctx.locale, date).into())]
                )
            );
        }
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');

    let _ = writeln!(out, "## {}\n", ctx.t("report-breakdowns-heading"));
    if report.breakdowns.is_empty() {
        let _ = writeln!(out, "{}\n", ctx.t("report-breakdowns-none"));
    } else {
        let _ = writeln!(out, "{}\n", ctx.t("report-breakdowns-lead"));
    }
    for breakdown in &report.breakdowns {
        let _ = writeln!(out, "### {}\n", inline(&breakdown.label));
        if breakdown.suppressed {
            let _ = writeln!(
                out,
                "{}\n",
                t_args(
                    ctx.locale,
                    "report-breakdown-suppressed",
                    &[("minimum", breakdown.minimum_cell_size.into())]
                )
            );
            continue;
        }
        let _ = write!(out, "| {} |", ctx.t("report-column-statement"));
        for value in &breakdown.values {
            let _ = write!(
                out,
                " {} ({}) |",
                inline(&value.label),
                people(ctx, value.participants)
            );
        }
        let _ = writeln!(out, "\n|---|{}", "---:|".repeat(breakdown.values.len()));
        for row in &breakdown.rows {
            let _ = write!(out, "| #{} {} |", row.statement, inline(&row.text));
            for cell in &row.cells {
                let _ = write!(
                    out,
                    " {} (n={}) |",
                    format_percent(cell.agree_rate),
                    format_count(cell.voters)
                );
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "\n{}\n",
            t_args(
                ctx.locale,
                "report-breakdown-note",
                &[("minimum", breakdown.minimum_cell_size.into())]
            )
        );
    }

    let _ = writeln!(out, "## {}\n", ctx.t("report-method-heading"));
    for section in &report.methodology.sections {
        let _ = writeln!(out, "### {}\n\n{}\n", section.heading, section.text);
    }

    let _ = writeln!(out, "## {}\n", ctx.t("report-appendix-heading"));
    let _ = write!(
        out,
        "| # | {} | {} | {} | {} | {} |",
        ctx.t("report-column-statement"),
        ctx.t("report-column-agree"),
        ctx.t("report-column-disagree"),
        ctx.t("report-column-pass"),
        ctx.t("report-column-agree-rate"),
    );
    for group in &report.groups {
        let _ = write!(out, " {} |", group_name(ctx, &group.label));
    }
    let _ = writeln!(
        out,
        "\n|---:|---|---:|---:|---:|---:|{}",
        "---:|".repeat(report.groups.len())
    );
    for statement in &report.statements {
        let mut flags = String::new();
        if let Some(agreement) = statement.agreement {
            let label = crate::deliberation::agreement_words::label(ctx.locale, agreement);
            let _ = write!(flags, " \\[{label}\\]");
        }
        if statement.divisive {
            let _ = write!(flags, " \\[{}\\]", ctx.t("report-flag-divisive"));
        }
        let _ = write!(
            out,
            "| {} | {}{flags} | {} | {} | {} | {} |",
            statement.id,
            inline(&statement.text),
            format_count(statement.agree as usize),
            format_count(statement.disagree as usize),
            format_count(statement.pass as usize),
            format_optional_percent(statement.agree_rate),
        );
        for rate in &statement.group_agree_rates {
            let _ = write!(out, " {} |", format_optional_percent(*rate));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "\n---\n\n{}",
        t_args(
            ctx.locale,
            "report-footer",
            &[("format", report.format.into())]
        )
    );
    out
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn participant_text_cannot_format_markdown() {
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("<script>"), "&lt;script&gt;");
        assert_eq!(inline("# 見出し"), "\\# 見出し");
        assert_eq!(inline("- list"), "\\- list");
        assert_eq!(inline("1. list"), "1\\. list");
        assert_eq!(inline("[x](http://e.jp)"), "\\[x\\](http://e.jp)");
        assert_eq!(inline("駅前に\nベンチを"), "駅前に ベンチを");
        assert_eq!(
            inline(" （火曜と金曜だけでも）？　全角スペースも "),
            "（火曜と金曜だけでも）？　全角スペースも"
        );
    }
}
