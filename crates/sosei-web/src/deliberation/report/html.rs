//! The report as a printable page.

use maud::{Markup, html};
use sosei_core::deliberation::FactCard;

use super::model::{Breakdown, GroupRate, Report, TranslationEntry};
use super::space_after;
use super::{
    file_name, format_count, format_interval, format_optional_percent, format_percent, people,
    report_dates,
};
use crate::context::Ctx;
use crate::deliberation::facilitate::fact_card_view;
use crate::i18n::t_args;
use crate::layout::page;

/// A statement quoted in the report, with its number for cross-reference with the CSV: in the
/// report's language when translated, with who translated it and the original.
fn quoted_statement(report: &Report, id: i64, text: &str) -> Markup {
    let entry = report
        .statements
        .iter()
        .find(|statement| statement.id == id);
    let language = entry.map(|statement| statement.language);
    match entry.and_then(|statement| statement.translation.as_ref()) {
        Some(translation) => html! {
            blockquote class="report-statement" lang=(translation.language) {
                span class="report-statement-number" { "#" (id) } " " (translation.text)
            }
            (original_details(translation, text, language))
        },
        None => html! {
            blockquote class="report-statement" lang=[language] {
                span class="report-statement-number" { "#" (id) } " " (text)
            }
        },
    }
}

/// Who translated a statement, and its original one click away.
fn original_details(
    translation: &TranslationEntry,
    original: &str,
    language: Option<&'static str>,
) -> Markup {
    let locale = sosei_core::Locale::parse(translation.language).unwrap_or_default();
    let original_language = language.unwrap_or(locale.other().as_str());
    html! {
        details class="statement-original report-original" {
            summary {
                span class="translation-note" { (translation.translator_label) }
                " · "
                (t_args(locale, "translation-show-original", &[("language", original_language.into())]))
            }
            p class="statement-original-text" lang=(original_language) { (original) }
        }
    }
}

/// A box that scrolls a wide table sideways on a narrow screen; it takes the keyboard's focus
/// so the part out of sight can be reached without a mouse.
fn scroll_box(ctx: &Ctx, table: Markup) -> Markup {
    html! {
        div class="report-table-scroll" tabindex="0" role="region" aria-label=(ctx.t("navigation-table-scrolls")) {
            (table)
        }
    }
}

/// Each group's agreement with one statement: rate, interval and how many voted.
fn group_rates_table(ctx: &Ctx, rates: &[GroupRate]) -> Markup {
    scroll_box(
        ctx,
        html! {
            table class="report-table report-group-rates" {
                thead {
                    tr {
                        th scope="col" { (ctx.t("report-column-group")) }
                        th scope="col" class="numeric" { (ctx.t("report-column-agree-rate")) }
                        th scope="col" class="numeric" { (ctx.t("report-column-interval")) }
                        th scope="col" class="numeric" { (ctx.t("report-column-votes")) }
                    }
                }
                tbody {
                    @for rate in rates {
                        tr {
                            th scope="row" { (group_name(ctx, &rate.group)) }
                            td class="numeric" {
                                span class="report-bar" aria-hidden="true" {
                                    span class={ "report-bar-fill " (crate::assets::share_class(rate.agree_rate)) } {}
                                }
                                (format_percent(rate.agree_rate))
                            }
                            td class="numeric" { (format_interval(rate.agree_low, rate.agree_high)) }
                            td class="numeric" {
                                (t_args(ctx.locale, "report-votes-detail", &[
                                    ("agree", format_count(rate.agree as usize).into()),
                                    ("disagree", format_count(rate.disagree as usize).into()),
                                    ("pass", format_count(rate.pass as usize).into()),
                                ]))
                            }
                        }
                    }
                }
            }
        },
    )
}

pub(super) fn group_name(ctx: &Ctx, label: &str) -> String {
    t_args(ctx.locale, "report-group-name", &[("label", label.into())])
}

fn breakdown_section(ctx: &Ctx, report: &Report, breakdown: &Breakdown) -> Markup {
    let heading_id = format!("report-breakdown-{}", breakdown.attribute);
    html! {
        section class="report-breakdown" aria-labelledby=(heading_id) {
            h3 id=(heading_id) { (breakdown.label) }
            @if breakdown.suppressed {
                p class="report-note report-suppressed" {
                    (t_args(ctx.locale, "report-breakdown-suppressed", &[("minimum", breakdown.minimum_cell_size.into())]))
                }
            } @else {
                div class="report-table-scroll" tabindex="0" role="region" aria-label=(ctx.t("navigation-table-scrolls")) {
                    table class="report-table" {
                        thead {
                            tr {
                                th scope="col" { (ctx.t("report-column-statement")) }
                                @for value in &breakdown.values {
                                    th scope="col" class="numeric" {
                                        (value.label)
                                        br;
                                        span class="muted small" {
                                            (people(ctx, value.participants))
                                        }
                                    }
                                }
                            }
                        }
                        tbody {
                            @for row in &breakdown.rows {
                                tr {
                                    th scope="row" { (quoted_statement(report, row.statement, &row.text)) }
                                    @for cell in &row.cells {
                                        td class="numeric" {
                                            (format_percent(cell.agree_rate))
                                            br;
                                            span class="muted small" { "n=" (format_count(cell.voters)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                p class="report-note small" {
                    (t_args(ctx.locale, "report-breakdown-note", &[("minimum", breakdown.minimum_cell_size.into())]))
                }
            }
        }
    }
}

fn downloads(ctx: &Ctx, report: &Report) -> Markup {
    let base = format!("/conversations/{}/report", report.conversation.id);
    let formats = [
        ("md", "report-download-markdown"),
        ("csv", "report-download-csv"),
        ("json", "report-download-json"),
    ];
    html! {
        nav class="report-downloads" aria-label=(ctx.t("report-downloads-label")) {
            p class="report-downloads-title" { (ctx.t("report-downloads-label")) }
            ul {
                @for locale in sosei_core::Locale::ALL {
                    @for (extension, label_id) in formats {
                        li {
                            a href={ (base) "." (extension) "?lang=" (locale.as_str()) }
                                download=(file_name_for(report, extension, locale.as_str())) {
                                (t_args(ctx.locale, "report-download-link", &[
                                    ("format", ctx.t(label_id).into()),
                                    ("language", crate::i18n::t(locale, "report-language-name").into()),
                                ]))
                            }
                        }
                    }
                }
                li {
                    a href={ (base) "?lang=" (ctx.locale.other().as_str()) } lang=(ctx.locale.other().as_str()) {
                        (crate::i18n::t(ctx.locale.other(), "report-read-other-language"))
                    }
                }
            }
            p class="small muted" { (ctx.t("report-print-hint")) }
        }
    }
}

fn file_name_for(report: &Report, extension: &str, language: &str) -> String {
    file_name(report, extension).replace(
        &format!("-{}.{extension}", report.language),
        &format!("-{language}.{extension}"),
    )
}

pub fn report_page(ctx: &Ctx, report: &Report, fact_cards: &[FactCard]) -> Markup {
    let title = t_args(
        ctx.locale,
        "report-title",
        &[("title", report.conversation.title.as_str().into())],
    );
    let dates = report_dates(ctx, report);
    let participation = &report.participation;
    let body = html! {
        article class="report" {
            header class="report-header" {
                p class="report-kicker" { (ctx.t("report-kicker")) }
                h1 { (report.conversation.title) }
                p class="report-question" {
                    @let label = ctx.t("report-question");
                    span class="report-label" { (label) }
                    (space_after(&label))
                    (report.conversation.question)
                }
                dl class="report-dates" {
                    @if let Some(opened) = &dates.opened {
                        div { dt { (ctx.t("report-opened")) } dd { (opened) } }
                    }
                    @if let Some(closed) = &dates.closed {
                        div { dt { (ctx.t("report-closed")) } dd { (closed) } }
                    }
                    @if let Some(as_of) = &dates.as_of {
                        div { dt { (ctx.t("report-as-of")) } dd { (as_of) } }
                    }
                }
                @if dates.closed.is_none() {
                    p class="report-note" { (ctx.t("report-still-open")) }
                }
            }
            (downloads(ctx, report))

            section aria-labelledby="report-participation" {
                h2 id="report-participation" { (ctx.t("report-participation-heading")) }
                dl class="report-counts" {
                    div { dt { (ctx.t("report-count-participants")) } dd { (format_count(participation.participants)) } }
                    div { dt { (ctx.t("report-count-voters")) } dd { (format_count(participation.voters)) } }
                    div { dt { (ctx.t("report-count-statements")) } dd { (format_count(participation.statements)) } }
                    div { dt { (ctx.t("report-count-votes")) } dd { (format_count(participation.votes)) } }
                }
                p class="small muted" {
                    (t_args(ctx.locale, "report-count-grouped", &[
                        ("grouped", format_count(participation.grouped_participants).into()),
                        ("groups", report.groups.len().into()),
                    ]))
                }
            }

            section aria-labelledby="report-consensus" {
                h2 id="report-consensus" { (ctx.t("report-consensus-heading")) }
                p class="report-lead" { (ctx.t("report-consensus-lead")) }
                @if report.consensus.is_empty() {
                    p class="report-note" { (ctx.t("report-consensus-none")) }
                }
                @for entry in &report.consensus {
                    div class="report-item" {
                        (quoted_statement(report, entry.statement, &entry.text))
                        p class="report-summary" {
                            (agreement_tag(ctx, entry.agreement))
                            " "
                            (t_args(ctx.locale, "report-overall-rates", &[
                                ("agree", format_optional_percent(entry.overall_agree_rate).into()),
                                ("disagree", format_optional_percent(entry.overall_disagree_rate).into()),
                            ]))
                        }
                        (group_rates_table(ctx, &entry.groups))
                    }
                }
            }

            section aria-labelledby="report-groups" {
                h2 id="report-groups" { (ctx.t("report-groups-heading")) }
                p class="report-lead" { (ctx.t("report-groups-lead")) }
                @if report.groups.is_empty() {
                    p class="report-note" { (ctx.t("report-groups-none")) }
                }
                @for group in &report.groups {
                    section class="report-group" aria-labelledby={ "report-group-" (group.label) } {
                        h3 id={ "report-group-" (group.label) } {
                            (group_name(ctx, &group.label))
                            " "
                            span class="muted" { (people(ctx, group.size)) }
                        }
                        h4 { (ctx.t("report-representative-heading")) }
                        @if group.representative.is_empty() {
                            p class="report-note" { (ctx.t("report-representative-none")) }
                        }
                        @for entry in &group.representative {
                            div class="report-item" {
                                (quoted_statement(report, entry.statement, &entry.text))
                                p class="report-summary" {
                                    (t_args(ctx.locale,
                                        if entry.direction == "agree" { "report-representative-agree" } else { "report-representative-disagree" },
                                        &[
                                            ("rate", format_percent(entry.votes.agree_rate).into()),
                                            ("interval", format_interval(entry.votes.agree_low, entry.votes.agree_high).into()),
                                            ("others", format_optional_percent(entry.others_agree_rate).into()),
                                        ]))
                                }
                            }
                        }
                    }
                }
            }

            section aria-labelledby="report-divisive" {
                h2 id="report-divisive" { (ctx.t("report-divisive-heading")) }
                p class="report-lead" { (ctx.t("report-divisive-lead")) }
                @if report.divisive.is_empty() {
                    p class="report-note" { (ctx.t("report-divisive-none")) }
                }
                @for entry in &report.divisive {
                    div class="report-item" {
                        (quoted_statement(report, entry.statement, &entry.text))
                        p class="report-summary" {
                            (t_args(ctx.locale, "report-divisive-summary", &[
                                ("most", group_name(ctx, &entry.most_agreeing_group).into()),
                                ("least", group_name(ctx, &entry.least_agreeing_group).into()),
                            ]))
                        }
                        (group_rates_table(ctx, &entry.groups))
                    }
                }
            }

            section aria-labelledby="report-facts" {
                h2 id="report-facts" { (ctx.t("report-facts-heading")) }
                @if fact_cards.is_empty() {
                    p class="report-note" { (ctx.t("report-facts-none")) }
                } @else {
                    p class="report-lead" { (ctx.t("report-facts-lead")) }
                    ul class="fact-card-grid report-facts" {
                        @for card in fact_cards {
                            li class="fact-card-item" {
                                @if let Some(statement) = card.statement {
                                    p class="small muted report-fact-about" {
                                        (t_args(ctx.locale, "report-fact-about", &[("id", statement.0.into())]))
                                    }
                                }
                                (fact_card_view(ctx, card))
                                @if let Some(url) = &card.source_url {
                                    // Printed on paper a link is lost; the address is written out.
                                    p class="report-fact-url small" { (url) }
                                }
                            }
                        }
                    }
                }
            }

            section aria-labelledby="report-breakdowns" {
                h2 id="report-breakdowns" { (ctx.t("report-breakdowns-heading")) }
                @if report.breakdowns.is_empty() {
                    p class="report-note" { (ctx.t("report-breakdowns-none")) }
                } @else {
                    p class="report-lead" { (ctx.t("report-breakdowns-lead")) }
                    @for breakdown in &report.breakdowns {
                        (breakdown_section(ctx, report, breakdown))
                    }
                }
            }

            section class="report-method" aria-labelledby="report-method" {
                h2 id="report-method" { (ctx.t("report-method-heading")) }
                @for section in &report.methodology.sections {
                    h3 { (section.heading) }
                    p { (section.text) }
                }
            }

            section class="report-appendix" aria-labelledby="report-appendix" {
                h2 id="report-appendix" { (ctx.t("report-appendix-heading")) }
                div class="report-table-scroll" tabindex="0" role="region" aria-label=(ctx.t("navigation-table-scrolls")) {
                    table class="report-table report-all-statements" {
                        thead {
                            tr {
                                th scope="col" class="numeric" { "#" }
                                th scope="col" { (ctx.t("report-column-statement")) }
                                th scope="col" class="numeric" { (ctx.t("report-column-agree")) }
                                th scope="col" class="numeric" { (ctx.t("report-column-disagree")) }
                                th scope="col" class="numeric" { (ctx.t("report-column-pass")) }
                                th scope="col" class="numeric" { (ctx.t("report-column-agree-rate")) }
                                @for group in &report.groups {
                                    th scope="col" class="numeric" { (group_name(ctx, &group.label)) }
                                }
                            }
                        }
                        tbody {
                            @for statement in &report.statements {
                                tr {
                                    td class="numeric" { (statement.id) }
                                    td lang=(statement.translation.as_ref().map_or(statement.language, |t| t.language)) {
                                        (statement.translation.as_ref().map_or(statement.text.as_str(), |t| t.text.as_str()))
                                        @if let Some(agreement) = statement.agreement {
                                            " " (agreement_tag(ctx, agreement))
                                        }
                                        @if statement.divisive {
                                            " " span class="tag report-tag-divisive" { (ctx.t("report-flag-divisive")) }
                                        }
                                        @if statement.is_meta {
                                            " " span class="tag" { (ctx.t("report-flag-meta")) }
                                        }
                                        @if let Some(translation) = &statement.translation {
                                            (original_details(translation, &statement.text, Some(statement.language)))
                                        }
                                    }
                                    td class="numeric" { (format_count(statement.agree as usize)) }
                                    td class="numeric" { (format_count(statement.disagree as usize)) }
                                    td class="numeric" { (format_count(statement.pass as usize)) }
                                    td class="numeric" { (format_optional_percent(statement.agree_rate)) }
                                    @for rate in &statement.group_agree_rates {
                                        td class="numeric" { (format_optional_percent(*rate)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            footer class="report-footer small muted" {
                p { (t_args(ctx.locale, "report-footer", &[("format", report.format.into())])) }
            }
        }
    };
    page(ctx, &title, body)
}

/// A statement's agreement level as a tag: 「総意（賛成）」 only for the top level.
fn agreement_tag(ctx: &Ctx, agreement: sosei_opinion::Agreement) -> Markup {
    let side = match agreement.direction {
        sosei_opinion::Direction::Agree => "report-tag-agree",
        sosei_opinion::Direction::Disagree => "report-tag-disagree",
    };
    html! {
        span class={ "tag " (side) " report-level-" (agreement.level.as_str()) } {
            (crate::deliberation::agreement_words::label(ctx.locale, agreement))
        }
    }
}
