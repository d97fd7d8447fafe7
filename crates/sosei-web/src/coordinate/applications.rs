//! Reviewing a programme's applications: the table of applicants (filtered and sorted on the
//! server by `application_filters`, with one primary action per row and the other moves in a
//! menu) and the status moves a coordinator may make (shortlist, offer, completed, no-show…). Each move goes through
//! `Store::change_application_status`, which writes the applicant's message to the outbox in the
//! same transaction.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use std::collections::BTreeMap;

use sosei_core::application::{Application, ApplicationActor, ApplicationStatus};
use sosei_core::participant_profile::ParticipantProfile;
use sosei_core::programme::team::Team;
use sosei_core::{ApplicationId, ProgrammeId, Skill, TeamId};
use sosei_store::StoreError;
use time::OffsetDateTime;

use super::application_filters::{
    ApplicationFilter, ApplicationsQuery, MAX_FILTER_CHARS, Row, SortKey, TeamFilter,
    filter_and_sort,
};
use super::{
    Coordinated, NoticeQuery, Section, id_from_path, notice, programme_header, programme_path,
    require_programme, words,
};
use crate::context::Ctx;
use crate::error::AppError;
use crate::i18n::t_args;
use crate::layout::{csrf_field, html_response, page};
use crate::regions::found;
use crate::state::AppState;

/// An application with the applicant's profile (when they have one) and the name to show.
pub(super) struct Applicant {
    pub application: Application,
    pub profile: Option<ParticipantProfile>,
    pub name: String,
}

/// Everyone who applied to `programme`, in order of submission, in three queries plus one per
/// applicant without a profile.
pub(super) async fn applicants_of(
    state: &AppState,
    programme: ProgrammeId,
) -> Result<Vec<Applicant>, AppError> {
    let applications = state.store.applications_of_programme(programme).await?;
    let mut profiles = state.store.profiles_of_applicants(programme).await?;
    let mut applicants = Vec::with_capacity(applications.len());
    for application in applications {
        let profile = profiles
            .iter()
            .position(|profile| profile.user == application.applicant)
            .map(|index| profiles.swap_remove(index));
        let name = match &profile {
            Some(profile) => profile.details.display_name.as_str().to_owned(),
            None => found(state.store.user(application.applicant).await)?
                .map(|user| user.display_name.as_str().to_owned())
                .unwrap_or_default(),
        };
        applicants.push(Applicant {
            application,
            profile,
            name,
        });
    }
    Ok(applicants)
}

/// The statuses a coordinator may move an application to from `status`.
pub(super) fn coordinator_moves(status: ApplicationStatus) -> Vec<ApplicationStatus> {
    status
        .allowed_transitions()
        .iter()
        .filter(|(_, actor)| *actor == ApplicationActor::Coordinator)
        .map(|(next, _)| *next)
        .collect()
}

pub(super) fn application_path(
    coordinated: &Coordinated<'_>,
    application: ApplicationId,
) -> String {
    format!(
        "{}/applications/{application}",
        programme_path(&coordinated.organisation, &coordinated.programme)
    )
}

/// One form per move the coordinator may make; `back` says which page to return to.
pub(super) fn status_buttons(
    ctx: &Ctx,
    coordinated: &Coordinated<'_>,
    application: &Application,
    back: &str,
) -> Markup {
    let action = format!("{}/status", application_path(coordinated, application.id));
    html! {
        @for next in coordinator_moves(application.status) {
            form method="post" action=(action) class="inline-form" {
                (csrf_field(ctx))
                input type="hidden" name="from" value=(application.status.as_str());
                input type="hidden" name="to" value=(next.as_str());
                input type="hidden" name="back" value=(back);
                button type="submit" class="button button-small" { (words::application_action(ctx, next)) }
            }
            " "
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Query(query): Query<NoticeQuery>,
    Query(table_query): Query<ApplicationsQuery>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let teams = state
        .store
        .teams_of_programme(coordinated.programme.id)
        .await?;
    let team_ids: Vec<TeamId> = teams.iter().map(|t| t.id).collect();
    let filter = ApplicationFilter::parse(&table_query, &team_ids)?;
    let applicants = applicants_of(&state, coordinated.programme.id).await?;
    let assignments = state
        .store
        .team_assignments_of_programme(coordinated.programme.id)
        .await?;
    let team_of: BTreeMap<ApplicationId, TeamId> = assignments
        .iter()
        .map(|a| (a.application, a.team))
        .collect();
    let skills = state.store.skills().await?;
    let heading = ctx.t("coordinate-applications-title");
    let base = programme_path(&coordinated.organisation, &coordinated.programme);
    let table = ApplicantTable {
        coordinated: &coordinated,
        applicants: &applicants,
        teams: &teams,
        team_of: &team_of,
        skills: &skills,
        filter: &filter,
    };
    let body = html! {
        (programme_header(&ctx, &coordinated.organisation, &coordinated.programme, Section::Applications, &heading))
        (notice(&ctx, &query))
        @if applicants.is_empty() {
            p class="muted" { (ctx.t("coordinate-no-applications")) }
        } @else {
            p {
                a href={ (base) "/applications.csv" } download { (ctx.t("coordinate-download-applications-csv")) }
            }
            (table.render(&ctx))
        }
    };
    Ok(html_response(page(&ctx, &heading, body)))
}

/// The applications table with its filter form, sort links and one primary action per row.
struct ApplicantTable<'a> {
    coordinated: &'a Coordinated<'a>,
    applicants: &'a [Applicant],
    teams: &'a [Team],
    team_of: &'a BTreeMap<ApplicationId, TeamId>,
    skills: &'a [Skill],
    filter: &'a ApplicationFilter,
}

/// The move a coordinator most often makes next from `status`, shown as the row's one button.
fn primary_move(status: ApplicationStatus) -> Option<ApplicationStatus> {
    use ApplicationStatus::*;
    let next = match status {
        Submitted => Shortlisted,
        Shortlisted => Offered,
        Accepted => Completed,
        _ => return None,
    };
    coordinator_moves(status).contains(&next).then_some(next)
}

/// One form moving `application` to `next` from the list.
fn move_form(
    ctx: &Ctx,
    coordinated: &Coordinated<'_>,
    application: &Application,
    next: ApplicationStatus,
    class: &str,
) -> Markup {
    let action = format!("{}/status", application_path(coordinated, application.id));
    html! {
        form method="post" action=(action) class="inline-form" {
            (csrf_field(ctx))
            input type="hidden" name="from" value=(application.status.as_str());
            input type="hidden" name="to" value=(next.as_str());
            input type="hidden" name="back" value="list";
            button type="submit" class=(class) { (words::application_action(ctx, next)) }
        }
    }
}

impl ApplicantTable<'_> {
    fn team_name(&self, ctx: &Ctx, application: ApplicationId) -> Option<String> {
        let team = self.team_of.get(&application)?;
        self.teams
            .iter()
            .find(|t| t.id == *team)
            .map(|t| t.spec.name().text(ctx.locale).to_owned())
    }

    fn render(&self, ctx: &Ctx) -> Markup {
        let words_of = |applicant: &Applicant| -> [String; 3] {
            let Some(profile) = applicant.profile.as_ref().map(|p| &p.details) else {
                return Default::default();
            };
            [
                words::list(
                    ctx,
                    profile
                        .nationalities
                        .iter()
                        .map(|c| c.name(ctx.locale).to_owned()),
                ),
                words::list(
                    ctx,
                    profile
                        .languages
                        .iter()
                        .map(|l| words::language_skill(ctx, l)),
                ),
                words::list(
                    ctx,
                    profile
                        .skills
                        .iter()
                        .map(|s| words::skill_label(ctx, s, self.skills)),
                ),
            ]
        };
        let row_words: Vec<[String; 3]> = self.applicants.iter().map(words_of).collect();
        let team_names: Vec<Option<String>> = self
            .applicants
            .iter()
            .map(|a| self.team_name(ctx, a.application.id))
            .collect();
        let rows: Vec<Row<'_>> = self
            .applicants
            .iter()
            .enumerate()
            .map(|(i, applicant)| Row {
                id: applicant.application.id,
                name: &applicant.name,
                status: applicant.application.status,
                team: self.team_of.get(&applicant.application.id).copied(),
                rank: applicant.application.rank.get(),
                submitted_at: applicant.application.submitted_at,
                other_text: format!(
                    "{} {} {} {}",
                    row_words[i][0],
                    row_words[i][1],
                    row_words[i][2],
                    team_names[i].as_deref().unwrap_or_default()
                ),
            })
            .collect();
        let shown = filter_and_sort(&rows, self.filter);
        html! {
            (self.filter_form(ctx))
            p class="muted" id="applications-count" role="status" {
                (t_args(ctx.locale, "coordinate-applications-shown", &[
                    ("shown", shown.len().into()),
                    ("total", rows.len().into()),
                ]))
            }
            @if shown.is_empty() {
                p { (ctx.t("coordinate-applications-none-match")) }
            } @else {
                div class="table-scroll" {
                    table class="data-table applications-table" {
                        caption class="visually-hidden" { (ctx.t("coordinate-applications-title")) }
                        thead {
                            tr {
                                (self.sort_header(ctx, SortKey::Name, "coordinate-column-name"))
                                th scope="col" { (ctx.t("coordinate-column-nationalities")) }
                                th scope="col" { (ctx.t("coordinate-column-languages")) }
                                th scope="col" { (ctx.t("coordinate-column-skills")) }
                                (self.sort_header(ctx, SortKey::Rank, "coordinate-column-rank"))
                                (self.sort_header(ctx, SortKey::Date, "coordinate-column-submitted"))
                                (self.sort_header(ctx, SortKey::Status, "coordinate-column-status"))
                                th scope="col" { (ctx.t("coordinate-column-team")) }
                                th scope="col" { (ctx.t("coordinate-column-score")) }
                                th scope="col" { (ctx.t("coordinate-column-actions")) }
                            }
                        }
                        tbody {
                            @for &i in &shown {
                                (self.row(ctx, &self.applicants[i], &row_words[i], team_names[i].as_deref()))
                            }
                        }
                    }
                }
            }
        }
    }

    fn row(
        &self,
        ctx: &Ctx,
        applicant: &Applicant,
        row_words: &[String; 3],
        team: Option<&str>,
    ) -> Markup {
        let application = &applicant.application;
        let path = application_path(self.coordinated, application.id);
        let primary = primary_move(application.status);
        let others: Vec<ApplicationStatus> = coordinator_moves(application.status)
            .into_iter()
            .filter(|next| Some(*next) != primary)
            .collect();
        html! {
            tr {
                th scope="row" { a class="person-name" href=(path) { (applicant.name) } }
                td { (row_words[0]) }
                td { (row_words[1]) }
                td { (row_words[2]) }
                td { (words::rank(ctx, application.rank.get())) }
                td class="nowrap" { (crate::i18n::format_date(ctx.locale, application.submitted_at.date())) }
                td { (words::application_status(ctx, application.status)) }
                td { (team.unwrap_or("—")) }
                td { (application.review.score.map(|s| s.get().to_string()).unwrap_or_else(|| "—".into())) }
                td class="row-actions" {
                    @if let Some(next) = primary {
                        (move_form(ctx, self.coordinated, application, next, "button button-small"))
                    }
                    details class="row-menu" {
                        summary { (ctx.t("coordinate-row-more")) }
                        div class="row-menu-items" {
                            @for next in &others {
                                (move_form(ctx, self.coordinated, application, *next, "button button-small button-secondary"))
                            }
                            a href=(path) { (ctx.t("coordinate-row-open")) }
                        }
                    }
                }
            }
        }
    }

    /// A column heading that sorts the table by `key` (a plain link keeping the filter).
    fn sort_header(&self, ctx: &Ctx, key: SortKey, label: &str) -> Markup {
        let current = self.filter.sort == key;
        html! {
            th scope="col" aria-sort=[current.then_some("ascending")] {
                a href=(self.filter.href(key)) {
                    (ctx.t(label))
                    @if current { span aria-hidden="true" { " ▲" } }
                    span class="visually-hidden" { (ctx.t(if current { "coordinate-sorted-by" } else { "coordinate-sort-by" })) }
                }
            }
        }
    }

    fn filter_form(&self, ctx: &Ctx) -> Markup {
        let filter = self.filter;
        html! {
            form method="get" class="table-filters" role="search" aria-label=(ctx.t("coordinate-filter-label")) {
                div class="field" {
                    label for="filter-status" { (ctx.t("coordinate-filter-status")) }
                    select id="filter-status" name="status" {
                        option value="" selected[filter.status.is_none()] { (ctx.t("coordinate-filter-all")) }
                        @for status in ApplicationStatus::ALL {
                            option value=(status.as_str()) selected[filter.status == Some(*status)] {
                                (words::application_status(ctx, *status))
                            }
                        }
                    }
                }
                div class="field" {
                    label for="filter-team" { (ctx.t("coordinate-filter-team")) }
                    select id="filter-team" name="team" {
                        option value="" selected[filter.team == TeamFilter::Any] { (ctx.t("coordinate-filter-all")) }
                        option value="none" selected[filter.team == TeamFilter::NoTeam] { (ctx.t("coordinate-filter-no-team")) }
                        @for team in self.teams {
                            option value=(team.id) selected[filter.team == TeamFilter::Team(team.id)] {
                                (team.spec.name().text(ctx.locale))
                            }
                        }
                    }
                }
                div class="field" {
                    label for="filter-text" { (ctx.t("coordinate-filter-text")) }
                    input type="search" id="filter-text" name="q" value=(filter.text)
                        maxlength=(MAX_FILTER_CHARS);
                }
                input type="hidden" name="sort" value=(filter.sort.as_str());
                div class="table-filters-actions" {
                    button type="submit" class="button button-small" { (ctx.t("coordinate-filter-apply")) }
                    @if filter.is_filtering() {
                        " "
                        a href=(ApplicationFilter { status: None, team: TeamFilter::Any, text: String::new(), sort: filter.sort }.href(filter.sort)) {
                            (ctx.t("coordinate-filter-clear"))
                        }
                    }
                }
            }
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ApplicationStatusForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// `list` or `applicant`: the page the form was on.
    #[serde(default)]
    back: String,
}

/// Move an application as its coordinator. Moves that are not the coordinator's to make (or not
/// allowed at all) are refused with 409; a lost race sends the coordinator back with a message.
pub async fn change_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme, raw_application)): Path<(String, String, String)>,
    Form(form): Form<ApplicationStatusForm>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let application = state
        .store
        .application(ApplicationId(id_from_path(&raw_application)?))
        .await?;
    if application.programme != coordinated.programme.id {
        return Err(AppError::NotFound);
    }
    let unknown = || AppError::BadRequest {
        message_id: "coordinate-error-status-unknown",
    };
    let from = ApplicationStatus::parse(&form.from).ok_or_else(unknown)?;
    let to = ApplicationStatus::parse(&form.to).ok_or_else(unknown)?;
    if from.actor_for(to) != Some(ApplicationActor::Coordinator) {
        return Err(AppError::Conflict {
            message_id: "coordinate-error-application-transition",
        });
    }
    let back = match form.back.as_str() {
        "applicant" => application_path(&coordinated, application.id),
        _ => format!(
            "{}/applications",
            programme_path(&coordinated.organisation, &coordinated.programme)
        ),
    };
    let race = || Redirect::to(&format!("{back}?problem=application-race")).into_response();
    if application.status != from {
        return Ok(race());
    }
    let user = coordinated.user.id;
    match state
        .store
        .change_application_status(application.id, from, to, user, OffsetDateTime::now_utc())
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("{back}?done=application-status")).into_response()),
        Err(StoreError::Conflict(_)) => Ok(race()),
        Err(other) => Err(other.into()),
    }
}
