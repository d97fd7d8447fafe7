//! The teams of the latest round as they are now (after any move by hand): members with what
//! they bring, needs coverage, diversity, and the forms to lock, unlock, move and remove; then
//! who has no team and why, and the applications taken out of matching with a way back.

use std::collections::BTreeMap;

use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};
use sosei_core::application::Application;
use sosei_core::programme::team::Team;
use sosei_core::{ApplicationId, Organisation};
use sosei_matching::MatchOutcome;

use super::load::LoadedRound;
use super::matching_path;
use super::problem::{ProgrammeWithTeams, StoredRun, applicant_key, team_figures, team_key};
use super::reason_words::unplaced_words;
use super::summary::{diversity_words, team_diversity};
use super::words::{Labels, country_name, need_words, placement_explanation, status_words};
use crate::context::Ctx;
use crate::i18n::{ListStyle, format_list, t_args};
use crate::layout::csrf_field;
use crate::programmes::words::{language_skill_words, skill_label};

pub(crate) fn teams(
    ctx: &Ctx,
    organisation: &Organisation,
    stored: &StoredRun,
    outcome: &MatchOutcome,
    loaded: &LoadedRound,
    labels: &Labels,
) -> Markup {
    let applications: BTreeMap<ApplicationId, &Application> = loaded
        .inputs
        .applications
        .iter()
        .map(|a| (a.id, a))
        .collect();
    let placed: Vec<String> = loaded
        .inputs
        .assignments
        .iter()
        .filter_map(|a| applications.get(&a.application))
        .map(|a| applicant_key(a.applicant))
        .collect();
    html! {
        section aria-labelledby="teams-heading" {
            h3 id="teams-heading" { (ctx.t("matching-teams-heading")) }
            @for entry in &loaded.inputs.programmes {
                h4 { (entry.programme.title.text(ctx.locale)) }
                @for team in &entry.teams {
                    (team_card(ctx, organisation, stored, loaded, labels, &applications, entry, team))
                }
            }
        }
        section aria-labelledby="unplaced-heading" {
            h3 id="unplaced-heading" { (ctx.t("matching-unplaced-heading")) }
            @let unplaced: Vec<&sosei_matching::Applicant> = stored.problem.applicants.iter()
                .filter(|a| !placed.contains(&a.id)).collect();
            @if unplaced.is_empty() {
                p { (ctx.t("matching-unplaced-none")) }
            } @else {
                ul id="unplaced" {
                    @for person in unplaced {
                        li {
                            (labels.person(&person.id)) ": "
                            @match outcome.unplaced.iter().find(|u| u.applicant == person.id) {
                                Some(reason) => (unplaced_words(ctx.locale, labels, &reason.reason)),
                                None => (ctx.t("matching-unplaced-by-hand")),
                            }
                        }
                    }
                }
            }
        }
        (excluded(ctx, organisation, loaded, labels, &applications))
    }
}

/// The applications a coordinator took out of matching, each with a button to include it again.
fn excluded(
    ctx: &Ctx,
    organisation: &Organisation,
    loaded: &LoadedRound,
    labels: &Labels,
    applications: &BTreeMap<ApplicationId, &Application>,
) -> Markup {
    let base = matching_path(organisation);
    let excluded: Vec<&Application> = loaded
        .inputs
        .excluded
        .iter()
        .filter_map(|id| applications.get(id).copied())
        .collect();
    html! {
        @if !excluded.is_empty() {
            section aria-labelledby="excluded-heading" {
                h3 id="excluded-heading" { (ctx.t("matching-excluded-heading")) }
                p class="hint" { (ctx.t("matching-excluded-hint")) }
                ul id="excluded" {
                    @for application in excluded {
                        @let programme = loaded.inputs.programmes.iter()
                            .find(|entry| entry.programme.id == application.programme)
                            .map(|entry| entry.programme.title.text(ctx.locale).to_owned())
                            .unwrap_or_default();
                        li {
                            (t_args(ctx.locale, "matching-excluded-item", &[
                                ("person", FluentValue::from(labels.person(&applicant_key(application.applicant)).to_owned())),
                                ("programme", programme.into()),
                            ]))
                            " "
                            form method="post" class="inline" action={ (base) "/assignments/" (application.id) "/include" } {
                                (csrf_field(ctx))
                                button type="submit" class="button" { (ctx.t("matching-include")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn team_card(
    ctx: &Ctx,
    organisation: &Organisation,
    stored: &StoredRun,
    loaded: &LoadedRound,
    labels: &Labels,
    applications: &BTreeMap<ApplicationId, &Application>,
    entry: &ProgrammeWithTeams,
    team: &Team,
) -> Markup {
    let members: Vec<(&Application, bool)> = loaded
        .inputs
        .assignments
        .iter()
        .filter(|a| a.team == team.id)
        .filter_map(|a| applications.get(&a.application).map(|app| (*app, a.locked)))
        .collect();
    let member_keys: Vec<String> = members
        .iter()
        .map(|(a, _)| applicant_key(a.applicant))
        .collect();
    let key = team_key(team.id);
    let figures = team_figures(&stored.problem, &key, &member_keys);
    let size = team.spec.size();
    let base = matching_path(organisation);
    html! {
        article class="card team-card" id={ "team-" (team.id) } {
            h5 { (labels.team(&key)) }
            p {
                (t_args(ctx.locale, "matching-team-size", &[
                    ("count", FluentValue::from(members.len())),
                    ("min", size.min().into()),
                    ("max", size.max().into()),
                ]))
                " · "
                span class="team-diversity" { (diversity_words(ctx.locale, &team_diversity(&stored.problem, &key, &member_keys))) }
            }
            @if !figures.needs.is_empty() {
                ul class="needs" {
                    @for (need, from_rule, covered) in &figures.needs {
                        @let met = *covered >= need.at_least();
                        li class={ "need " (if met { "need-met" } else { "need-unmet" }) } {
                            (t_args(ctx.locale, "wording-need-status", &[
                                ("need", need_words(ctx.locale, &labels.skills, need, *from_rule).into()),
                                ("status", ctx.t(if met { "matching-need-met" } else { "matching-need-unmet" }).into()),
                                ("covered", FluentValue::from(*covered)),
                                ("required", FluentValue::from(need.at_least())),
                            ]))
                        }
                    }
                }
            }
            @if members.is_empty() {
                p class="muted" { (ctx.t("matching-team-empty")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (ctx.t("matching-column-person")) }
                        th scope="col" { (ctx.t("matching-column-brings")) }
                        th scope="col" { (ctx.t("matching-column-why")) }
                        th scope="col" { (ctx.t("matching-column-actions")) }
                    } }
                    tbody {
                        @for (application, locked) in &members {
                            @let person = applicant_key(application.applicant);
                            tr {
                                td {
                                    (labels.person(&person))
                                    @if *locked { " " span class="tag" { (ctx.t("matching-locked")) } }
                                    br;
                                    span class="muted" { (status_words(ctx.locale, application.status)) }
                                }
                                td { (brings(ctx, loaded, labels, application)) }
                                td { (placement_explanation(ctx.locale, labels, &stored.problem, &person, &key, &member_keys, *locked)) }
                                td { (actions(ctx, &base, entry, team, application.id, *locked)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn brings(ctx: &Ctx, loaded: &LoadedRound, labels: &Labels, application: &Application) -> Markup {
    let Some(profile) = loaded.inputs.profiles.get(&application.applicant) else {
        return html! { span class="muted" { (ctx.t("matching-no-profile")) } };
    };
    let nationalities: Vec<String> = profile
        .nationalities
        .iter()
        .map(|c| country_name(ctx.locale, c.as_str()))
        .collect();
    let languages: Vec<String> = profile
        .languages
        .iter()
        .map(|l| language_skill_words(ctx.locale, l.language(), l.level()))
        .collect();
    let skills: Vec<String> = profile
        .skills
        .iter()
        .map(|s| skill_label(ctx.locale, &labels.skills, s))
        .collect();
    html! {
        dl class="compact" {
            dt { (ctx.t("matching-nationalities")) } dd { (format_list(ctx.locale, ListStyle::Plain, &nationalities)) }
            dt { (ctx.t("matching-languages")) } dd { (format_list(ctx.locale, ListStyle::Plain, &languages)) }
            dt { (ctx.t("matching-skills")) } dd { (format_list(ctx.locale, ListStyle::Plain, &skills)) }
        }
    }
}

fn actions(
    ctx: &Ctx,
    base: &str,
    entry: &ProgrammeWithTeams,
    team: &Team,
    application: ApplicationId,
    locked: bool,
) -> Markup {
    let path = format!("{base}/assignments/{application}");
    let others: Vec<&Team> = entry.teams.iter().filter(|t| t.id != team.id).collect();
    html! {
        form method="post" action={ (path) (if locked { "/unlock" } else { "/lock" }) } {
            (csrf_field(ctx))
            button type="submit" class="button" {
                (ctx.t(if locked { "matching-unlock" } else { "matching-lock" }))
            }
        }
        @if !others.is_empty() {
            form method="post" action={ (path) "/move" } {
                (csrf_field(ctx))
                label for={ "move-" (application) } { (ctx.t("matching-move-label")) }
                select id={ "move-" (application) } name="team" {
                    @for other in &others {
                        option value=(other.id) { (other.spec.name().text(ctx.locale)) }
                    }
                }
                button type="submit" class="button" { (ctx.t("matching-move")) }
            }
        }
        form method="post" action={ (path) "/remove" } {
            (csrf_field(ctx))
            button type="submit" class="button" { (ctx.t("matching-remove")) }
        }
    }
}
