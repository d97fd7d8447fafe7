//! Programmes as participants and the public see them (the Social Contract step): the public
//! list and page of each programme with its teams, needs and what it left behind, iCalendar
//! exports, the signed-in participant's profile, applying, and their own applications (ranking,
//! withdrawing, answering an offer, writing a testimonial). Also the admin outbox page, where the
//! messages about status changes can be read when no SMTP server is configured.
//!
//! Coordinators' pages live elsewhere; this module never shows a profile to anyone but its owner.
//!
//! - `public`: `/programmes`, `/programmes/{id}`, `/programmes.ics`, `/programmes/{id}.ics`.
//! - `profile`: `/me/profile`; `profile_form` parses its form.
//! - `apply`: `/programmes/{id}/apply`.
//! - `applications`: `/me/applications` and its actions.
//! - `outbox`: `/admin/outbox`.
//! - `words`: statuses, levels and team needs in natural words.
//! - `form_body`: forms with repeated fields (checkboxes, rows).

pub mod applications;
mod applications_view;
pub mod apply;
pub mod form_body;
pub mod outbox;
pub mod profile;
pub mod profile_form;
mod profile_view;
pub mod public;
mod public_view;
pub mod words;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use sosei_core::{Programme, ProgrammeId};

use crate::context::Ctx;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/programmes", get(public::list_programmes))
        .route("/programmes.ics", get(public::all_programmes_calendar))
        // `/programmes/12` and `/programmes/12.ics` share one route: the handler looks at the end.
        .route("/programmes/{id}", get(public::show_programme))
        .route(
            "/programmes/{id}/deliverables/{deliverable}/file",
            get(public::deliverable_file),
        )
        .route(
            "/programmes/{id}/apply",
            get(apply::show_apply_form).post(apply::submit_application),
        )
        .route(
            "/me/profile",
            get(profile::show_profile).post(profile::save_profile),
        )
        .route("/me/applications", get(applications::show_applications))
        .route(
            "/me/applications/{id}/status",
            post(applications::change_status),
        )
        .route("/me/applications/{id}/move", post(applications::move_rank))
        .route(
            "/me/applications/{id}/testimonial",
            post(applications::write_testimonial),
        )
        .route(
            "/me/applications/{id}/testimonial/consent",
            post(applications::change_consent),
        )
        .route("/admin/outbox", get(outbox::show_outbox))
        .route("/admin/outbox/{id}/retry", post(outbox::retry_message))
}

/// The address of a programme's public page.
pub fn programme_path(id: ProgrammeId) -> String {
    format!("/programmes/{id}")
}

/// An id from a URL; anything else is a page that does not exist.
pub(crate) fn id_from_path(raw: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

/// Whether the signed-in user coordinates `programme` (site admins do every programme).
pub(crate) async fn is_coordinator(
    state: &AppState,
    ctx: &Ctx,
    programme: &Programme,
) -> Result<bool, AppError> {
    let Some(user) = &ctx.user else {
        return Ok(false);
    };
    if user.is_site_admin {
        return Ok(true);
    }
    Ok(state
        .store
        .is_programme_coordinator(programme.id, user.id)
        .await?)
}

/// A programme this visitor may see: drafts exist only for their coordinators.
pub(crate) async fn visible_programme(
    state: &AppState,
    ctx: &Ctx,
    id: ProgrammeId,
) -> Result<Programme, AppError> {
    let programme = state.store.programme(id).await?;
    if programme.status.is_public() || is_coordinator(state, ctx, &programme).await? {
        Ok(programme)
    } else {
        Err(AppError::NotFound)
    }
}

/// Send a signed-out visitor to the sign-in page, coming back to `return_to` (a GET address).
pub(crate) fn sign_in_redirect(return_to: &str) -> Response {
    let target = format!(
        "/sign-in?return_to={}",
        crate::layout::percent_encode(return_to)
    );
    Redirect::to(&target).into_response()
}

/// Today's date in Japan, where the programmes take place (application windows are Japanese
/// dates).
pub(crate) fn today_in_japan() -> time::Date {
    let japan = time::UtcOffset::from_hms(9, 0, 0).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::now_utc().to_offset(japan).date()
}
