//! The results page and the "where you stand" box.

use maud::{Markup, html};
use sosei_core::ConversationId;
use sosei_core::deliberation::Statement;
use sosei_opinion::{
    Analysis, Direction, GroupStatementVotes, Interval, OpinionGroup, Standing, StatementKey, Vote,
};

use super::charts::{MapLabels, daily_bars, group_colour_class, opinion_map};
use super::{CHART_DAYS, Results, group_letter, results_json_path, results_path, share};
use crate::assets::share_class;
use crate::context::Ctx;
use crate::deliberation::translations;
use crate::layout::{PageHeader, localized, page};

/// Representative statements shown per group, consensus and divisive statements shown.
const MAX_LISTED: usize = 5;

/// Whole numbers go to Fluent as numbers, so that English can say "1 group" and "2 groups".
fn t_args(ctx: &Ctx, id: &str, args: &[(&str, String)]) -> String {
    let args: Vec<(&str, fluent_templates::fluent_bundle::FluentValue<'_>)> = args
        .iter()
        .map(|(name, value)| match value.parse::<i64>() {
            Ok(number) => (*name, number.into()),
            Err(_) => (*name, value.clone().into()),
        })
        .collect();
    crate::i18n::t_args(ctx.locale, id, &args)
}

fn percent(rate: f64) -> String {
    format!("{:.0}", (rate * 100.0).clamp(0.0, 100.0))
}

/// "72%（58–83%）": a rate with its 95 % interval.
fn rate_with_interval(ctx: &Ctx, rate: f64, interval: Interval) -> String {
    t_args(
        ctx,
        "results-rate",
        &[
            ("rate", percent(rate)),
            ("low", percent(interval.low)),
            ("high", percent(interval.high)),
        ],
    )
}

pub(crate) fn group_name(ctx: &Ctx, group: usize) -> String {
    t_args(
        ctx,
        "results-group-name",
        &[("letter", group_letter(group))],
    )
}

/// A statement in the reader's language (a translation when there is one).
fn statement_text(ctx: &Ctx, results: &Results, statement: &Statement) -> Markup {
    translations::statement_inline(ctx, statement, &results.translations)
}

/// Who translated the statement and its original, when the reader sees a translation.
fn original_of(ctx: &Ctx, results: &Results, statement: &Statement) -> Markup {
    translations::original_if_translated(ctx, statement, &results.translations)
}

fn group_votes(group: &OpinionGroup, statement: StatementKey) -> Option<&GroupStatementVotes> {
    group
        .votes
        .binary_search_by_key(&statement, |votes| votes.statement)
        .ok()
        .map(|index| &group.votes[index])
}

fn overall_agree_rate(analysis: &Analysis, statement: StatementKey) -> Option<f64> {
    let index = analysis
        .statements
        .binary_search_by_key(&statement, |summary| summary.key)
        .ok()?;
    let tally = analysis.statements[index].tally;
    let seen = tally.seen();
    (seen > 0).then(|| f64::from(tally.agree) / f64::from(seen))
}

/// A group marker: its colour as a swatch and its name in words.
fn group_badge(ctx: &Ctx, group: usize) -> Markup {
    html! {
        span class="group-badge" {
            span class={ "group-swatch " (group_colour_class(group)) } aria-hidden="true" {}
            (group_name(ctx, group))
        }
    }
}

// --- the page -------------------------------------------------------------------------------------

pub(crate) fn results_page(ctx: &Ctx, results: &Results) -> Markup {
    let conversation = &results.conversation;
    let title = t_args(
        ctx,
        "results-page-title",
        &[("title", conversation.title.text(ctx.locale).to_owned())],
    );
    let version = results
        .analysis
        .as_ref()
        .map(|(_, stored)| super::analysis_version(stored))
        .unwrap_or_default();
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href="/" { (ctx.t("participate-breadcrumb-home")) } }
                li { a href="/conversations" { (ctx.t("participate-list-title")) } }
                li { a href=(crate::deliberation::participate::conversation_path(conversation.id)) { (localized(ctx, &conversation.title)) } }
            }
        }
        (PageHeader::new(html! { (title) })
            .kicker(html! { span class="tag" { (ctx.t("participate-kicker")) } })
            .lead(html! { p class="conversation-question lead" { (localized(ctx, &conversation.question)) } })
            .render())
        (crate::deliberation::listing::conversation_links(ctx, conversation, crate::deliberation::listing::ShownOn::Results, None))
        p id="results-status" class="visually-hidden" role="status" aria-live="polite"
            data-updated-message=(ctx.t("results-live-updated")) {}
        div id="results-body" class="results-body" data-results-json=(results_json_path(conversation.id))
            data-version=(version) data-results-live {
            (results_body(ctx, results))
        }
        p { a href={ (crate::deliberation::participate::conversation_path(conversation.id)) "#taking-part" } { (ctx.t("results-back")) } }
        script src=(crate::assets::DELIBERATION_SCRIPT_PATH) defer {}
    };
    page(ctx, &title, body)
}

fn results_body(ctx: &Ctx, results: &Results) -> Markup {
    let Some((analysis, stored)) = results.analysis.as_ref().filter(|_| results.has_groups())
    else {
        return html! {
            p class="empty-state" { (ctx.t("results-not-enough")) }
            @if let Some((_, stored)) = &results.analysis { (updated_line(ctx, stored)) }
            (activity_section(ctx, results))
        };
    };
    html! {
        (updated_line(ctx, stored))
        p class="results-counts" {
            (t_args(ctx, "results-counts", &[
                ("participants", analysis.counts.participants.to_string()),
                ("votes", analysis.counts.votes.to_string()),
                ("groups", analysis.groups.len().to_string()),
            ]))
        }
        (standing_section(ctx, results, analysis))
        (map_section(ctx, results, analysis))
        (groups_section(ctx, results, analysis))
        (consensus_section(ctx, results, analysis))
        (divisive_section(ctx, results, analysis))
        (activity_section(ctx, results))
    }
}

fn updated_line(ctx: &Ctx, stored: &sosei_store::StoredAnalysis) -> Markup {
    let at = stored.computed_at.to_offset(super::JST);
    let when = format!(
        "{} {:02}:{:02}",
        crate::i18n::format_date(ctx.locale, at.date()),
        at.hour(),
        at.minute()
    );
    html! {
        p class="small muted results-updated" {
            (t_args(ctx, "results-updated", &[("time", when)]))
        }
    }
}

// --- where you stand ------------------------------------------------------------------------------

fn confidence_message_id(confidence: Option<f64>) -> &'static str {
    match confidence {
        Some(value) if value >= 0.9 => "results-confidence-high",
        Some(value) if value >= 0.7 => "results-confidence-medium",
        _ => "results-confidence-low",
    }
}

/// "You are in group A." (or "closest to group A" while provisional), with how clearly.
pub(crate) fn your_group_sentence(ctx: &Ctx, standing: &Standing) -> String {
    let Some(group) = standing.group else {
        return ctx.t("results-standing-none");
    };
    let id = if standing.group_is_provisional {
        "results-standing-group-provisional"
    } else {
        "results-standing-group"
    };
    format!(
        "{} {}",
        t_args(ctx, id, &[("group", group_name(ctx, group))]),
        ctx.t(confidence_message_id(standing.membership_confidence))
    )
}

fn vote_label(ctx: &Ctx, vote: Vote) -> String {
    ctx.t(match vote {
        Vote::Agree => "participate-vote-agree",
        Vote::Disagree => "participate-vote-disagree",
        Vote::Pass => "participate-vote-pass",
    })
}

fn direction_label(ctx: &Ctx, direction: Direction) -> String {
    ctx.t(match direction {
        Direction::Agree => "participate-vote-agree",
        Direction::Disagree => "participate-vote-disagree",
    })
}

fn standing_section(ctx: &Ctx, results: &Results, analysis: &Analysis) -> Markup {
    html! {
        section class="results-section standing" aria-labelledby="standing-heading" {
            h2 id="standing-heading" { (ctx.t("results-standing-heading")) }
            @match (&results.viewer, &results.standing) {
                (None, _) => p { (ctx.t("results-standing-not-participant")) },
                (Some(_), None) => p { (ctx.t("results-standing-none")) },
                (Some(_), Some(standing)) => (standing_details(ctx, results, analysis, standing)),
            }
        }
    }
}

fn standing_details(
    ctx: &Ctx,
    results: &Results,
    analysis: &Analysis,
    standing: &Standing,
) -> Markup {
    let listed = analysis.consensus.agree.len() + analysis.consensus.disagree.len();
    let compared: Vec<_> = standing
        .statements
        .iter()
        .filter_map(|comparison| {
            results
                .statement(comparison.statement)
                .map(|statement| (statement, comparison))
        })
        .collect();
    html! {
        p class="standing-group" data-your-group { (your_group_sentence(ctx, standing)) }
        @if let Some(rate) = standing.agreement_with_group {
            p { (t_args(ctx, "results-standing-with-group", &[("compared", standing.compared_with_group.to_string()), ("rate", percent(rate))])) }
        }
        @if listed > 0 {
            p {
                (t_args(ctx, "results-standing-consensus", &[
                    ("total", listed.to_string()),
                    ("shared", standing.consensus_shared.to_string()),
                    ("opposed", standing.consensus_opposed.to_string()),
                    ("not_voted", standing.consensus_not_voted.to_string()),
                ]))
            }
        }
        @if !compared.is_empty() {
            details class="standing-compare" {
                summary { (ctx.t("results-compare-summary")) }
                div class="table-scroll" {
                    table {
                        caption { (ctx.t("results-compare-caption")) }
                        thead { tr {
                            th scope="col" { (ctx.t("results-compare-statement")) }
                            th scope="col" { (ctx.t("results-compare-yours")) }
                            th scope="col" { (ctx.t("results-compare-group")) }
                            th scope="col" { (ctx.t("results-compare-consensus")) }
                        } }
                        tbody {
                            @for (statement, comparison) in &compared {
                                tr {
                                    td { (statement_text(ctx, results, statement)) (original_of(ctx, results, statement)) }
                                    td { (vote_label(ctx, comparison.vote)) }
                                    td {
                                        @match comparison.group_majority {
                                            Some(direction) => (direction_label(ctx, direction)),
                                            None => (ctx.t("results-no-majority")),
                                        }
                                    }
                                    td {
                                        @match comparison.consensus {
                                            Some(direction) => (direction_label(ctx, direction)),
                                            None => "—",
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

// --- the map and the groups ---------------------------------------------------------------------------

fn map_section(ctx: &Ctx, results: &Results, analysis: &Analysis) -> Markup {
    let included = analysis.counts.included_participants;
    let labels = MapLabels {
        title: ctx.t("results-map-title"),
        description: t_args(
            ctx,
            "results-map-desc",
            &[
                ("participants", included.to_string()),
                ("groups", analysis.groups.len().to_string()),
            ],
        ),
        you: ctx.t("results-you"),
        group_names: analysis
            .groups
            .iter()
            .map(|group| group_name(ctx, group.id))
            .collect(),
    };
    let viewer_group = results
        .standing
        .as_ref()
        .and_then(|standing| standing.group);
    html! {
        section class="results-section" aria-labelledby="map-heading" {
            h2 id="map-heading" { (ctx.t("results-map-heading")) }
            p { (ctx.t("results-map-explain")) }
            figure class="opinion-map-figure" {
                (opinion_map(analysis, results.standing.as_ref().map(|standing| standing.position), &labels))
                figcaption class="small muted" { (ctx.t("results-map-legend")) }
            }
            div class="table-scroll" {
                table class="group-table" {
                    caption { (ctx.t("results-table-caption")) }
                    thead { tr {
                        th scope="col" { (ctx.t("results-table-group")) }
                        th scope="col" { (ctx.t("results-table-size")) }
                        th scope="col" { (ctx.t("results-table-share")) }
                    } }
                    tbody {
                        @for group in &analysis.groups {
                            tr {
                                th scope="row" {
                                    (group_badge(ctx, group.id))
                                    @if viewer_group == Some(group.id) {
                                        " " strong class="you-marker" { (ctx.t("results-table-you")) }
                                    }
                                }
                                td { (group.members.len()) }
                                td { (percent(share(group.members.len(), included))) "%" }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn groups_section(ctx: &Ctx, results: &Results, analysis: &Analysis) -> Markup {
    html! {
        section class="results-section" aria-labelledby="groups-heading" {
            h2 id="groups-heading" { (ctx.t("results-groups-heading")) }
            p { (ctx.t("results-groups-explain")) }
            p class="small muted" { (ctx.t("results-rate-explain")) }
            div class="group-cards" {
                @for group in &analysis.groups {
                    @let heading_id = format!("group-{}-heading", group.id);
                    @let representative: Vec<_> = group.representative.iter()
                        .filter_map(|rep| results.statement(rep.statement).map(|statement| (statement, rep)))
                        .take(MAX_LISTED)
                        .collect();
                    article class={ "group-card " (group_colour_class(group.id)) } aria-labelledby=(heading_id) {
                        h3 id=(heading_id) {
                            (group_badge(ctx, group.id))
                            " "
                            span class="muted small" { (t_args(ctx, "results-group-size", &[("size", group.members.len().to_string())])) }
                        }
                        p class="small" { (ctx.t("results-representative-lead")) }
                        @if representative.is_empty() {
                            p class="muted" { (ctx.t("results-representative-none")) }
                        } @else {
                            ul class="representative-list" {
                                @for (statement, rep) in &representative {
                                    @let votes = group_votes(group, rep.statement);
                                    li {
                                        span class={ "vote-badge vote-badge-" (rep.direction.as_str()) } {
                                            (direction_label(ctx, rep.direction))
                                        }
                                        " " (statement_text(ctx, results, statement))
                                        @if let Some(votes) = votes {
                                            " "
                                            span class="rate" {
                                                @match rep.direction {
                                                    Direction::Agree => (t_args(ctx, "results-agree-rate", &[("rate", rate_with_interval(ctx, votes.agree_rate, votes.agree_interval))])),
                                                    Direction::Disagree => (t_args(ctx, "results-disagree-rate", &[("rate", rate_with_interval(ctx, votes.disagree_rate, votes.disagree_interval))])),
                                                }
                                            }
                                        }
                                        (original_of(ctx, results, statement))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

// --- consensus and division ------------------------------------------------------------------------------

fn consensus_list(
    ctx: &Ctx,
    results: &Results,
    analysis: &Analysis,
    statements: &[sosei_opinion::ConsensusStatement],
    class: &str,
) -> Markup {
    let listed: Vec<_> = statements
        .iter()
        .filter_map(|entry| {
            results
                .statement(entry.statement)
                .map(|statement| (statement, entry))
        })
        .take(MAX_LISTED)
        .collect();
    let levels = crate::deliberation::agreement_words::levels(analysis);
    html! {
        @if listed.is_empty() {
            p class="muted" { (ctx.t("results-consensus-none")) }
        } @else {
            ul class={ "consensus-list " (class) } {
                @for (statement, entry) in &listed {
                    li {
                        @if let Some(agreement) = levels.get(&entry.statement) {
                            span class={ "tag agreement-" (agreement.level.as_str()) } data-agreement=(agreement.level.as_str()) {
                                (crate::deliberation::agreement_words::label(ctx.locale, *agreement))
                            }
                            " "
                        }
                        (statement_text(ctx, results, statement))
                        @if let Some(rate) = overall_agree_rate(analysis, entry.statement) {
                            " " span class="rate" { (t_args(ctx, "results-overall-agree", &[("rate", percent(rate))])) }
                        }
                        (original_of(ctx, results, statement))
                    }
                }
            }
        }
    }
}

fn consensus_section(ctx: &Ctx, results: &Results, analysis: &Analysis) -> Markup {
    html! {
        section class="results-section" aria-labelledby="consensus-heading" {
            h2 id="consensus-heading" { (ctx.t("results-consensus-heading")) }
            p { (crate::i18n::t_args(ctx.locale, "results-consensus-explain", &crate::deliberation::agreement_words::threshold_args())) }
            h3 { (ctx.t("results-consensus-agree")) }
            (consensus_list(ctx, results, analysis, &analysis.consensus.agree, "consensus-agree"))
            h3 { (ctx.t("results-consensus-disagree")) }
            (consensus_list(ctx, results, analysis, &analysis.consensus.disagree, "consensus-disagree"))
            h3 { (ctx.t("results-group-informed-heading")) }
            p class="small muted" { (ctx.t("results-group-informed-explain")) }
            (consensus_list(ctx, results, analysis, &analysis.consensus.group_informed, "consensus-group-informed"))
        }
    }
}

fn divisive_section(ctx: &Ctx, results: &Results, analysis: &Analysis) -> Markup {
    let listed: Vec<_> = analysis
        .divisive
        .iter()
        .filter(|entry| entry.divisiveness > 0.0)
        .filter_map(|entry| {
            results
                .statement(entry.statement)
                .map(|statement| (statement, entry))
        })
        .take(MAX_LISTED)
        .collect();
    html! {
        section class="results-section" aria-labelledby="divisive-heading" {
            h2 id="divisive-heading" { (ctx.t("results-divisive-heading")) }
            p { (ctx.t("results-divisive-explain")) }
            @if listed.is_empty() {
                p class="muted" { (ctx.t("results-divisive-none")) }
            } @else {
                ul class="divisive-list" {
                    @for (statement, entry) in &listed {
                        li class="divisive-item" {
                            p class="divisive-text" { (statement_text(ctx, results, statement)) }
                            (original_of(ctx, results, statement))
                            dl class="agree-bars" {
                                @for group in &analysis.groups {
                                    @if let Some(votes) = group_votes(group, entry.statement) {
                                        div class="agree-bar-row" {
                                            dt { (group_badge(ctx, group.id)) }
                                            dd {
                                                span class="agree-bar" aria-hidden="true" {
                                                    span class={ "agree-bar-fill " (share_class(votes.agree_rate)) " " (group_colour_class(group.id)) } {}
                                                }
                                                " "
                                                span class="rate" { (t_args(ctx, "results-agree-rate", &[("rate", rate_with_interval(ctx, votes.agree_rate, votes.agree_interval))])) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

// --- participation over time -------------------------------------------------------------------------------

fn activity_section(ctx: &Ctx, results: &Results) -> Markup {
    let activity = &results.activity;
    let recent = &activity[activity.len().saturating_sub(CHART_DAYS)..];
    let votes: Vec<usize> = recent.iter().map(|day| day.votes).collect();
    let joins: Vec<usize> = recent.iter().map(|day| day.participants).collect();
    html! {
        section class="results-section" aria-labelledby="activity-heading" {
            h2 id="activity-heading" { (ctx.t("results-activity-heading")) }
            @if activity.is_empty() {
                p class="muted" { (ctx.t("results-activity-none")) }
            } @else {
                div class="activity-charts" {
                    figure {
                        (daily_bars("activity-votes-title", &ctx.t("results-activity-votes"), &votes, "#0072B2"))
                        figcaption { (ctx.t("results-activity-votes")) }
                    }
                    figure {
                        (daily_bars("activity-participants-title", &ctx.t("results-activity-participants"), &joins, "#E69F00"))
                        figcaption { (ctx.t("results-activity-participants")) }
                    }
                }
                p class="small muted" { (ctx.t("results-activity-note")) }
                details {
                    summary { (ctx.t("results-activity-table")) }
                    div class="table-scroll" {
                        table class="activity-table" {
                            caption { (ctx.t("results-activity-heading")) }
                            thead { tr {
                                th scope="col" { (ctx.t("results-activity-day")) }
                                th scope="col" { (ctx.t("results-activity-votes-column")) }
                                th scope="col" { (ctx.t("results-activity-participants-column")) }
                            } }
                            tbody {
                                @for day in activity {
                                    tr {
                                        th scope="row" { (crate::i18n::format_date(ctx.locale, day.day)) }
                                        td { (day.votes) }
                                        td { (day.participants) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

// --- the box on the conversation page ---------------------------------------------------------------------

pub(crate) fn where_you_stand_box(
    ctx: &Ctx,
    conversation: ConversationId,
    is_participant: bool,
    standing: Option<&Standing>,
) -> Markup {
    html! {
        aside class="standing-box" aria-labelledby="standing-box-heading"
            data-results-json=(results_json_path(conversation)) {
            h2 id="standing-box-heading" class="small-heading" { (ctx.t("results-standing-heading")) }
            p data-your-group {
                @match standing {
                    Some(standing) => (your_group_sentence(ctx, standing)),
                    None if is_participant => (ctx.t("results-standing-none")),
                    None => (ctx.t("results-standing-not-participant")),
                }
            }
            p { a href=(results_path(conversation)) { (ctx.t("results-see-results")) } }
        }
    }
}
