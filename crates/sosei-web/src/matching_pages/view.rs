//! The matching page: the round form, then the latest round — its figures, the teams as they
//! are now (`teams_view`), who is not placed, blocking pairs, the deferred-acceptance comparison,
//! or the diagnosis of an infeasible round.

use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};
use sosei_core::programme::matching::{MatchRound, MatchWeights};
use sosei_core::{ApplicationId, Organisation, Programme, ProgrammeId, Skill};
use sosei_matching::{DiagnosisSource, MatchOutcome};

use super::load::LoadedRound;
use super::matching_path;
use super::offers::{NotOffered, OfferReport};
use super::problem::{RunResult, StoredRun, applicant_key, programme_key, team_key};
use super::reason_words::{blocking_words, requirement_words};
use super::round::DoneQuery;
use super::summary::{TeamNow, figures_details, method_name, summary};
use super::words::{Labels, status_words};
use crate::context::Ctx;
use crate::i18n::t_args;
use crate::layout::{csrf_field, localized, page};

/// What the round form shows.
pub(crate) struct RoundForm {
    pub programmes: Vec<ProgrammeId>,
    pub weights: MatchWeights,
    pub compare: bool,
}

pub(crate) struct PageView<'a> {
    pub organisation: &'a Organisation,
    /// The organisation's programmes that may take part (open or closed).
    pub eligible: &'a [Programme],
    pub form: RoundForm,
    /// The latest round with a stored outcome, and its inputs as they are now.
    pub round: Option<((&'a MatchRound, &'a StoredRun), &'a LoadedRound)>,
    pub skills: &'a [Skill],
    pub query: &'a DoneQuery,
}

pub(crate) fn labels_for(ctx: &Ctx, loaded: &LoadedRound, skills: &[Skill]) -> Labels {
    let mut labels = Labels {
        skills: skills.to_vec(),
        ..Labels::default()
    };
    for entry in &loaded.inputs.programmes {
        labels.programmes.insert(
            programme_key(entry.programme.id),
            entry.programme.title.text(ctx.locale).to_owned(),
        );
        for team in &entry.teams {
            labels.teams.insert(
                team_key(team.id),
                team.spec.name().text(ctx.locale).to_owned(),
            );
        }
    }
    for (user, name) in &loaded.names {
        labels.people.insert(applicant_key(*user), name.clone());
    }
    labels
}

pub(crate) fn render_page(ctx: &Ctx, view: &PageView<'_>) -> Markup {
    let title = ctx.t("matching-title");
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href={ "/organisations/" (view.organisation.slug) } { (localized(ctx, &view.organisation.name)) } }
                li { span aria-current="page" { (title) } }
            }
        }
        h1 { (title) }
        p class="lead" { (ctx.t("matching-intro")) }
        (notice(ctx, view))
        (round_form(ctx, view))
        @if let Some(((round, stored), loaded)) = view.round {
            (result(ctx, view.organisation, round, stored, loaded, view.skills))
        }
    };
    page(ctx, &title, body)
}

fn notice(ctx: &Ctx, view: &PageView<'_>) -> Markup {
    let query = view.query;
    if query.done.as_deref() == Some("offers") {
        let report = OfferReport::from_query(
            query.sent.as_deref().unwrap_or_default(),
            query.not_sent.as_deref().unwrap_or_default(),
        );
        return offers_notice(ctx, view, &report);
    }
    let text = match query.done.as_deref() {
        Some(key @ ("run" | "locked" | "unlocked" | "moved" | "removed" | "included")) => {
            Some(ctx.t(&format!("matching-done-{key}")))
        }
        _ => None,
    };
    html! {
        @if let Some(text) = text {
            p class="alert alert-success" role="status" { (text) }
        }
    }
}

/// Who got an offer and who did not, and why; only the round's own applications are named.
fn offers_notice(ctx: &Ctx, view: &PageView<'_>, report: &OfferReport) -> Markup {
    let Some((_, loaded)) = view.round else {
        return html! {};
    };
    let name = |id: ApplicationId| -> Option<String> {
        let application = loaded.inputs.applications.iter().find(|a| a.id == id)?;
        let person = loaded
            .names
            .get(&application.applicant)
            .cloned()
            .unwrap_or_default();
        let programme = loaded
            .inputs
            .programmes
            .iter()
            .find(|entry| entry.programme.id == application.programme)?
            .programme
            .title
            .text(ctx.locale)
            .to_owned();
        Some(t_args(
            ctx.locale,
            "matching-offers-person",
            &[("person", person.into()), ("programme", programme.into())],
        ))
    };
    let offered: Vec<String> = report.offered.iter().filter_map(|id| name(*id)).collect();
    let not_offered: Vec<(String, String)> = report
        .not_offered
        .iter()
        .filter_map(|(id, why)| {
            let (message, status) = match why {
                NotOffered::LostRace(status) => ("matching-offers-not-sent-race", status),
                NotOffered::Status(status) => ("matching-offers-not-sent-status", status),
            };
            let reason = t_args(
                ctx.locale,
                message,
                &[("status", status_words(ctx.locale, *status).into())],
            );
            Some((name(*id)?, reason))
        })
        .collect();
    let summary = t_args(
        ctx.locale,
        "matching-done-offers",
        &[
            ("sent", offered.len().into()),
            ("not_sent", not_offered.len().into()),
        ],
    );
    html! {
        div class={ "alert " (if not_offered.is_empty() { "alert-success" } else { "alert-info" }) }
            role="status" id="offers-report" {
            p { (summary) }
            @if !offered.is_empty() {
                p { (ctx.t("matching-offers-sent-heading")) }
                ul id="offers-sent" {
                    @for person in &offered { li { (person) } }
                }
            }
            @if !not_offered.is_empty() {
                p { (ctx.t("matching-offers-not-sent-heading")) }
                ul id="offers-not-sent" {
                    @for (person, reason) in &not_offered { li { (person) ": " (reason) } }
                }
            }
        }
    }
}

/// The weights' hint, with the range and the matcher's own defaults (never numbers of its own).
pub(crate) fn weights_hint(ctx: &Ctx) -> String {
    let defaults = sosei_matching::Weights::default();
    t_args(
        ctx.locale,
        "matching-weights-hint",
        &[
            ("max", MatchWeights::MAX.into()),
            ("preference", defaults.preference.into()),
            ("skill_fit", defaults.skill_fit.into()),
            ("diversity", defaults.diversity.into()),
        ],
    )
}

fn round_form(ctx: &Ctx, view: &PageView<'_>) -> Markup {
    let weights = &view.form.weights;
    let weight = |name: &str, label: &str, value: f64| {
        html! {
            div class="field weight-field" {
                label for=(name) { (ctx.t(label)) }
                input type="number" id=(name) name=(name) min="0" max=(MatchWeights::MAX) step="0.1"
                    value=(value) required aria-describedby="weights-hint";
            }
        }
    };
    html! {
        section aria-labelledby="round-heading" {
            h2 id="round-heading" { (ctx.t("matching-round-heading")) }
            @if view.eligible.is_empty() {
                p { (ctx.t("matching-no-programmes")) }
            } @else {
                form method="post" action={ (matching_path(view.organisation)) "/run" } {
                    (csrf_field(ctx))
                    fieldset {
                        legend { (ctx.t("matching-programmes-legend")) }
                        @for programme in view.eligible {
                            div class="checkbox" {
                                input type="checkbox" name="programme" value=(programme.id)
                                    id={ "programme-" (programme.id) }
                                    checked[view.form.programmes.contains(&programme.id)];
                                label for={ "programme-" (programme.id) } {
                                    (localized(ctx, &programme.title)) " "
                                    span class="muted" {
                                        "(" (crate::i18n::format_date_range(ctx.locale, programme.starts_on, programme.ends_on)) ", "
                                        (ctx.t(crate::programmes::words::programme_status_id(programme.status))) ")"
                                    }
                                }
                            }
                        }
                    }
                    fieldset class="weights" {
                        legend { (ctx.t("matching-weights-legend")) }
                        p class="hint" id="weights-hint" { (weights_hint(ctx)) }
                        (weight("weight_preference", "matching-weight-preference", weights.preference()))
                        (weight("weight_skill_fit", "matching-weight-skill-fit", weights.skill_fit()))
                        (weight("weight_diversity", "matching-weight-diversity", weights.diversity()))
                    }
                    div class="field" {
                        label for="method" { (ctx.t("matching-method-label")) }
                        select id="method" name="method" {
                            option value="auto" selected[!view.form.compare] { (ctx.t("matching-method-auto")) }
                            option value="compare" selected[view.form.compare] { (ctx.t("matching-method-compare")) }
                        }
                    }
                    p class="hint" { (ctx.t("matching-locks-hint")) }
                    button type="submit" class="button primary" { (ctx.t("matching-run")) }
                }
            }
        }
    }
}

fn number(value: f64) -> String {
    format!("{value:.2}")
}

/// Every team of the round with its members as they are now (after moves by hand).
fn teams_now(loaded: &LoadedRound) -> Vec<TeamNow> {
    let applicant_of = |application: ApplicationId| {
        loaded
            .inputs
            .applications
            .iter()
            .find(|a| a.id == application)
            .map(|a| applicant_key(a.applicant))
    };
    loaded
        .inputs
        .programmes
        .iter()
        .flat_map(|entry| entry.teams.iter())
        .map(|team| TeamNow {
            key: team_key(team.id),
            members: loaded
                .inputs
                .assignments
                .iter()
                .filter(|a| a.team == team.id)
                .filter_map(|a| applicant_of(a.application))
                .collect(),
        })
        .collect()
}

fn result(
    ctx: &Ctx,
    organisation: &Organisation,
    round: &MatchRound,
    stored: &StoredRun,
    loaded: &LoadedRound,
    skills: &[Skill],
) -> Markup {
    let labels = labels_for(ctx, loaded, skills);
    let when = crate::deliberation::facilitate::format_moment(ctx, round.created_at);
    html! {
        section id="result" aria-labelledby="result-heading" {
            h2 id="result-heading" { (ctx.t("matching-result-heading")) }
            p class="muted" { (t_args(ctx.locale, "matching-round-when", &[("when", FluentValue::from(when))])) }
            @match &stored.result {
                RunResult::Solved { outcome } => {
                    @let now = teams_now(loaded);
                    (summary(ctx, outcome, &stored.problem, &now))
                    (figures_details(ctx, outcome, &stored.problem, &now, &labels))
                    (super::teams_view::teams(ctx, organisation, stored, outcome, loaded, &labels))
                    (blocking_pairs(ctx, outcome, &labels))
                    @if let Some(stable) = &stored.deferred_acceptance {
                        (comparison(ctx, outcome, stable))
                    }
                    (offers_form(ctx, organisation, round))
                }
                RunResult::Infeasible { diagnosis } => {
                    div class="alert alert-error" role="alert" id="diagnosis" {
                        h3 { (ctx.t("matching-infeasible-heading")) }
                        p { (ctx.t(match diagnosis.source {
                            DiagnosisSource::Counting => "matching-diagnosis-source-counting",
                            DiagnosisSource::SolverRelaxation => "matching-diagnosis-source-solver",
                            DiagnosisSource::Heuristic => "matching-diagnosis-source-heuristic",
                        })) }
                        ul {
                            @for requirement in &diagnosis.requirements {
                                @let words = requirement_words(ctx.locale, &labels, diagnosis.source, requirement);
                                li {
                                    p { (words.sentence) }
                                    @if !words.relaxations.is_empty() {
                                        p { (ctx.t("matching-relaxations")) }
                                        ul {
                                            @for relaxation in &words.relaxations {
                                                li { (relaxation) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                RunResult::Invalid { message } => {
                    div class="alert alert-error" role="alert" {
                        p { (ctx.t("matching-invalid")) }
                        p lang="en" { (message) }
                    }
                }
            }
        }
    }
}

fn blocking_pairs(ctx: &Ctx, outcome: &MatchOutcome, labels: &Labels) -> Markup {
    html! {
        section aria-labelledby="blocking-heading" {
            h3 id="blocking-heading" { (ctx.t("matching-blocking-heading")) }
            p class="hint" { (ctx.t("matching-blocking-hint")) }
            @if outcome.blocking_pairs.is_empty() {
                p { (ctx.t("matching-blocking-none")) }
            } @else {
                ul id="swaps" {
                    @for pair in &outcome.blocking_pairs {
                        li {
                            strong { (labels.person(&pair.applicant)) " ⇄ " (labels.programme(&pair.programme)) }
                            br;
                            (blocking_words(ctx.locale, labels, pair))
                        }
                    }
                }
            }
        }
    }
}

fn comparison(ctx: &Ctx, optimal: &MatchOutcome, stable: &MatchOutcome) -> Markup {
    let row = |label: &str, of: &dyn Fn(&MatchOutcome) -> String| {
        html! { tr { th scope="row" { (ctx.t(label)) } td { (of(optimal)) } td { (of(stable)) } } }
    };
    html! {
        section id="comparison" aria-labelledby="comparison-heading" {
            h3 id="comparison-heading" { (ctx.t("matching-comparison-heading")) }
            p class="hint" { (ctx.t("matching-comparison-hint")) }
            table {
                thead { tr {
                    th scope="col" { }
                    th scope="col" { (method_name(ctx, optimal.method)) }
                    th scope="col" { (ctx.t("matching-method-deferred")) }
                } }
                tbody {
                    (row("matching-figure-total-score", &|o| number(o.objective)))
                    (row("matching-figure-placed", &|o| format!("{} / {}", o.summary.placed, o.summary.applicants)))
                    (row("matching-figure-first-choice", &|o| format!("{:.1} %", o.summary.first_choice_share * 100.0)))
                    (row("matching-figure-mean-nationalities", &|o| number(o.summary.mean_distinct_nationalities)))
                    (row("matching-figure-swaps", &|o| o.blocking_pairs.len().to_string()))
                    (row("matching-figure-violations", &|o| o.violations.len().to_string()))
                }
            }
        }
    }
}

fn offers_form(ctx: &Ctx, organisation: &Organisation, round: &MatchRound) -> Markup {
    html! {
        section aria-labelledby="offers-heading" {
            h3 id="offers-heading" { (ctx.t("matching-offers-heading")) }
            p class="hint" { (ctx.t("matching-offers-hint")) }
            form method="post" action={ (matching_path(organisation)) "/offers" } {
                (csrf_field(ctx))
                input type="hidden" name="round" value=(round.id);
                button type="submit" class="button primary" { (ctx.t("matching-offers-send")) }
            }
        }
    }
}
