//! Changes by hand after a run: lock or unlock a placement, move someone to another team of the
//! same programme (a move is locked, so the next run keeps it), take someone out of their team
//! (an exclusion: re-runs leave them out until they are included again). Sending offers is in
//! `offers`.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sosei_core::application::Application;
use sosei_core::{ApplicationId, Organisation, TeamId};
use sosei_store::StoreError;
use time::OffsetDateTime;

use super::{coordinator_of, matching_path};
use crate::context::Ctx;
use crate::error::AppError;
use crate::programmes::id_from_path;
use crate::state::AppState;

/// An application of one of the organisation's programmes; anything else does not exist here.
async fn application_of(
    state: &AppState,
    organisation: &Organisation,
    raw_id: &str,
) -> Result<Application, AppError> {
    let application = state
        .store
        .application(ApplicationId(id_from_path(raw_id)?))
        .await?;
    let programme = state.store.programme(application.programme).await?;
    if programme.organisation != organisation.id {
        return Err(AppError::NotFound);
    }
    Ok(application)
}

fn back(organisation: &Organisation, done: &str) -> Response {
    Redirect::to(&format!(
        "{}?done={done}#result",
        matching_path(organisation)
    ))
    .into_response()
}

async fn set_locked(
    state: AppState,
    ctx: Ctx,
    slug: String,
    raw_id: String,
    locked: bool,
) -> Result<Response, AppError> {
    let (organisation, _) = coordinator_of(&state, &ctx, &slug).await?;
    let application = application_of(&state, &organisation, &raw_id).await?;
    state
        .store
        .set_assignment_locked(application.id, locked, OffsetDateTime::now_utc())
        .await?;
    Ok(back(
        &organisation,
        if locked { "locked" } else { "unlocked" },
    ))
}

/// `POST …/matching/assignments/{application}/lock`.
pub async fn lock(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, raw_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    set_locked(state, ctx, slug, raw_id, true).await
}

/// `POST …/matching/assignments/{application}/unlock`.
pub async fn unlock(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, raw_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    set_locked(state, ctx, slug, raw_id, false).await
}

#[derive(Debug, serde::Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    team: String,
}

/// `POST …/matching/assignments/{application}/move`: into another team of the same programme,
/// locked.
pub async fn move_to_team(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, raw_id)): Path<(String, String)>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    let (organisation, user) = coordinator_of(&state, &ctx, &slug).await?;
    let application = application_of(&state, &organisation, &raw_id).await?;
    let bad_team = AppError::BadRequest {
        message_id: "matching-error-team",
    };
    let team_id = form
        .team
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::BadRequest {
            message_id: "matching-error-team",
        })?;
    let team = match state.store.team(TeamId(team_id)).await {
        Ok(team) => team,
        Err(StoreError::NotFound) => return Err(bad_team),
        Err(other) => return Err(other.into()),
    };
    if team.programme != application.programme {
        return Err(bad_team);
    }
    state
        .store
        .assign_team(
            application.id,
            team.id,
            true,
            user.id,
            OffsetDateTime::now_utc(),
        )
        .await?;
    Ok(back(&organisation, "moved"))
}

/// `POST …/matching/assignments/{application}/remove`: out of the team and out of matching, so
/// re-runs leave the application unplaced until it is included again.
pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, raw_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (organisation, user) = coordinator_of(&state, &ctx, &slug).await?;
    let application = application_of(&state, &organisation, &raw_id).await?;
    state
        .store
        .exclude_from_matching(application.id, user.id, OffsetDateTime::now_utc())
        .await?;
    Ok(back(&organisation, "removed"))
}

/// `POST …/matching/assignments/{application}/include`: end an exclusion; the next run may
/// place the application again.
pub async fn include(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, raw_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (organisation, _) = coordinator_of(&state, &ctx, &slug).await?;
    let application = application_of(&state, &organisation, &raw_id).await?;
    state.store.include_in_matching(application.id).await?;
    Ok(back(&organisation, "included"))
}
