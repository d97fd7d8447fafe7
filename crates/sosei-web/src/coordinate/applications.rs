//! Reviewing a programme's applications: the table of applicants and the status moves a
//! coordinator may make (shortlist, offer, completed, no-show…). Each move goes through
//! `Store::change_application_status`, which writes the applicant's message to the outbox in the
//! same transaction.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::application::{Application, ApplicationActor, ApplicationStatus};
use sosei_core::participant_profile::ParticipantProfile;
use sosei_core::{ApplicationId, ProgrammeId, Skill};
use sosei_store::StoreError;
use time::OffsetDateTime;

use super::{
    Coordinated, NoticeQuery, Section, id_from_path, notice, programme_header, programme_path,
    require_programme, words,
};
use crate::context::Ctx;
use crate::error::AppError;
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
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let applicants = applicants_of(&state, coordinated.programme.id).await?;
    let skills = state.store.skills().await?;
    let heading = ctx.t("coordinate-applications-title");
    let base = programme_path(&coordinated.organisation, &coordinated.programme);
    let body = html! {
        (programme_header(&ctx, &coordinated.organisation, &coordinated.programme, Section::Applications, &heading))
        (notice(&ctx, &query))
        @if applicants.is_empty() {
            p class="muted" { (ctx.t("coordinate-no-applications")) }
        } @else {
            p {
                a href={ (base) "/applications.csv" } download { (ctx.t("coordinate-download-applications-csv")) }
            }
            (applicant_table(&ctx, &coordinated, &applicants, &skills))
        }
    };
    Ok(html_response(page(&ctx, &heading, body)))
}

fn applicant_table(
    ctx: &Ctx,
    coordinated: &Coordinated<'_>,
    applicants: &[Applicant],
    skills: &[Skill],
) -> Markup {
    html! {
        div class="table-scroll" {
            table class="data-table" {
                caption class="visually-hidden" { (ctx.t("coordinate-applications-title")) }
                thead {
                    tr {
                        th scope="col" { (ctx.t("coordinate-column-name")) }
                        th scope="col" { (ctx.t("coordinate-column-nationalities")) }
                        th scope="col" { (ctx.t("coordinate-column-languages")) }
                        th scope="col" { (ctx.t("coordinate-column-skills")) }
                        th scope="col" { (ctx.t("coordinate-column-rank")) }
                        th scope="col" { (ctx.t("coordinate-column-status")) }
                        th scope="col" { (ctx.t("coordinate-column-score")) }
                        th scope="col" { (ctx.t("coordinate-column-actions")) }
                    }
                }
                tbody {
                    @for applicant in applicants {
                        @let application = &applicant.application;
                        @let profile = applicant.profile.as_ref().map(|p| &p.details);
                        tr {
                            th scope="row" { a href=(application_path(coordinated, application.id)) { (applicant.name) } }
                            td { (profile.map(|p| words::list(ctx, p.nationalities.iter().map(|c| c.name(ctx.locale).to_owned()))).unwrap_or_default()) }
                            td { (profile.map(|p| words::list(ctx, p.languages.iter().map(|l| words::language_skill(ctx, l)))).unwrap_or_default()) }
                            td { (profile.map(|p| words::list(ctx, p.skills.iter().map(|s| words::skill_label(ctx, s, skills)))).unwrap_or_default()) }
                            td { (words::rank(ctx, application.rank.get())) }
                            td { (words::application_status(ctx, application.status)) }
                            td { (application.review.score.map(|s| s.get().to_string()).unwrap_or_else(|| "—".into())) }
                            td { (status_buttons(ctx, coordinated, application, "list")) }
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
