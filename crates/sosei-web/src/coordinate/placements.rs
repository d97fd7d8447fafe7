//! Placing a programme's accepted participants with host families, within beds and availability
//! (the store checks both in one statement). Where a family cannot cook for someone's diet or
//! shares no language with them, the page says so next to the choice.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::application::ApplicationStatus;
use sosei_core::host::{HostFamily, NewPlacement, PlacementOutcome};
use sosei_core::participant_profile::ParticipantProfile;
use sosei_core::{ApplicationId, DateRange, HostFamilyId, PlacementId};
use time::OffsetDateTime;

use super::applications::{Applicant, applicants_of};
use super::fields::parse_date;
use super::{
    Coordinated, NoticeQuery, Section, hosts_path, id_from_path, notice, programme_header,
    programme_path, require_programme, words,
};
use crate::context::Ctx;
use crate::error::AppError;
use crate::layout::{csrf_field, html_response, page};
use crate::state::AppState;

/// Who can be placed: participants who accepted (or already completed) the programme.
fn is_placeable(status: ApplicationStatus) -> bool {
    matches!(
        status,
        ApplicationStatus::Accepted | ApplicationStatus::Completed
    )
}

/// What does not fit between a family and a participant, in words (empty when all fits).
pub fn misfits(ctx: &Ctx, host: &HostFamily, profile: Option<&ParticipantProfile>) -> Vec<String> {
    let Some(profile) = profile else {
        return Vec::new();
    };
    let details = &profile.details;
    let mut problems = Vec::new();
    if !host.details.can_cater_for(&details.dietary_requirements) {
        let missing = details
            .dietary_requirements
            .iter()
            .filter(|diet| !host.details.dietary_capabilities.contains(diet))
            .map(|diet| words::diet(ctx, *diet));
        problems.push(crate::i18n::t_args(
            ctx.locale,
            "coordinate-misfit-diet",
            &[("diets", words::list(ctx, missing).into())],
        ));
    }
    let shares_language = details
        .languages
        .iter()
        .any(|skill| host.details.languages.contains(&skill.language()));
    if !details.languages.is_empty() && !host.details.languages.is_empty() && !shares_language {
        problems.push(ctx.t("coordinate-misfit-language"));
    }
    problems
}

fn placements_path(coordinated: &Coordinated<'_>) -> String {
    format!(
        "{}/placements",
        programme_path(&coordinated.organisation, &coordinated.programme)
    )
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let programme = &coordinated.programme;
    let applicants: Vec<Applicant> = applicants_of(&state, programme.id)
        .await?
        .into_iter()
        .filter(|applicant| is_placeable(applicant.application.status))
        .collect();
    let hosts = state
        .store
        .host_families_of_organisation(coordinated.organisation.id)
        .await?;
    let placements = state.store.placements_of_programme(programme.id).await?;
    let heading = ctx.t("coordinate-placements-title");
    let action = placements_path(&coordinated);
    let body = html! {
        (programme_header(&ctx, &coordinated.organisation, programme, Section::Placements, &heading))
        (notice(&ctx, &query))
        @if hosts.is_empty() {
            p { (ctx.t("coordinate-no-hosts")) " " a href=(hosts_path(&coordinated.organisation)) { (ctx.t("coordinate-nav-hosts")) } }
        }
        @if applicants.is_empty() {
            p class="muted" { (ctx.t("coordinate-no-placeable")) }
        }
        @for applicant in &applicants {
            @let application = &applicant.application;
            @let profile = applicant.profile.as_ref();
            section class="card" aria-labelledby={ "placement-" (application.id) } {
                h2 id={ "placement-" (application.id) } { (applicant.name) }
                @if let Some(profile) = profile {
                    p class="small muted" {
                        (words::list(&ctx, profile.details.languages.iter().map(|l| words::language_skill(&ctx, l))))
                        @if !profile.details.dietary_requirements.is_empty() {
                            " · " (words::list(&ctx, profile.details.dietary_requirements.iter().map(|d| words::diet(&ctx, *d))))
                        }
                    }
                }
                @for placement in placements.iter().filter(|p| p.details.application == application.id) {
                    @let host = hosts.iter().find(|h| h.id == placement.details.host);
                    p {
                        (ctx.t("coordinate-placed-with")) " "
                        strong { (host.map(|h| h.details.name.as_str()).unwrap_or("?")) }
                        " (" (crate::i18n::format_date_range(ctx.locale, placement.details.stay.starts_on(), placement.details.stay.ends_on())) ")"
                        @if let Some(host) = host {
                            @for problem in misfits(&ctx, host, profile) { " " span class="tag tag-warning" { (problem) } }
                        }
                        " "
                        form method="post" action={ (action) "/" (placement.id) "/remove" } class="inline-form" {
                            (csrf_field(&ctx))
                            button type="submit" class="link-button" { (ctx.t("coordinate-placement-remove")) }
                        }
                    }
                }
                @if !hosts.is_empty() {
                    (placement_form(&ctx, &action, application.id, &hosts, profile))
                }
            }
        }
    };
    Ok(html_response(page(&ctx, &heading, body)))
}

fn placement_form(
    ctx: &Ctx,
    action: &str,
    application: ApplicationId,
    hosts: &[HostFamily],
    profile: Option<&ParticipantProfile>,
) -> Markup {
    let id = |part: &str| format!("field-place-{application}-{part}");
    html! {
        form method="post" action=(action) class="stacked" {
            (csrf_field(ctx))
            input type="hidden" name="application" value=(application);
            div class="field" {
                label for=(id("host")) { (ctx.t("coordinate-place-host")) }
                select id=(id("host")) name="host" {
                    @for host in hosts {
                        @let problems = misfits(ctx, host, profile);
                        option value=(host.id) {
                            (host.details.name.as_str()) " — "
                            (crate::i18n::t_args(ctx.locale, "coordinate-beds-count", &[("count", host.details.beds.get().into())]))
                            @if !problems.is_empty() { " ⚠ " (words::list(ctx, problems.iter().cloned())) }
                        }
                    }
                }
            }
            div class="bilingual" {
                div class="field" {
                    label for=(id("starts")) { (ctx.t("coordinate-place-starts")) }
                    span class="hint" { (ctx.t("coordinate-hint-stay")) }
                    input type="date" id=(id("starts")) name="starts_on";
                }
                div class="field" {
                    label for=(id("ends")) { (ctx.t("coordinate-place-ends")) }
                    input type="date" id=(id("ends")) name="ends_on";
                }
            }
            button type="submit" class="button" { (ctx.t("coordinate-place")) }
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PlaceForm {
    #[serde(default)]
    application: String,
    #[serde(default)]
    host: String,
    #[serde(default)]
    starts_on: String,
    #[serde(default)]
    ends_on: String,
}

/// Place someone for the programme's dates (or the stay given). No free bed or an unavailable
/// family sends the coordinator back with that message; nothing is written.
pub async fn place(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Form(form): Form<PlaceForm>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let programme = &coordinated.programme;
    let bad = |message_id| AppError::BadRequest { message_id };
    let application = state
        .store
        .application(ApplicationId(
            id_from_path(&form.application).map_err(|_| bad("coordinate-error-invalid"))?,
        ))
        .await?;
    if application.programme != programme.id || !is_placeable(application.status) {
        return Err(bad("coordinate-error-not-placeable"));
    }
    let host = state
        .store
        .host_family(HostFamilyId(
            id_from_path(&form.host).map_err(|_| bad("coordinate-error-invalid"))?,
        ))
        .await?;
    if host.details.organisation != coordinated.organisation.id {
        return Err(AppError::NotFound);
    }
    let starts_on = parse_date(&form.starts_on)
        .map_err(|()| bad("coordinate-error-date"))?
        .unwrap_or(programme.starts_on);
    let ends_on = parse_date(&form.ends_on)
        .map_err(|()| bad("coordinate-error-date"))?
        .unwrap_or(programme.ends_on);
    let stay = DateRange::new(starts_on, ends_on).map_err(|_| bad("error-date-range"))?;
    let placement = NewPlacement {
        programme: programme.id,
        application: application.id,
        host: host.id,
        stay,
    };
    let path = placements_path(&coordinated);
    let outcome = state
        .store
        .place_participant(&placement, OffsetDateTime::now_utc())
        .await?;
    let query = match outcome {
        PlacementOutcome::Placed(_) => "done=placed",
        PlacementOutcome::NoFreeBed => "problem=no-free-bed",
        PlacementOutcome::HostUnavailable => "problem=host-unavailable",
    };
    Ok(Redirect::to(&format!("{path}?{query}")).into_response())
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme, raw_placement)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let id = PlacementId(id_from_path(&raw_placement)?);
    let placements = state
        .store
        .placements_of_programme(coordinated.programme.id)
        .await?;
    if !placements.iter().any(|placement| placement.id == id) {
        return Err(AppError::NotFound);
    }
    state.store.remove_placement(id).await?;
    Ok(Redirect::to(&format!(
        "{}?done=placement-removed",
        placements_path(&coordinated)
    ))
    .into_response())
}
