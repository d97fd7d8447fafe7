//! The coordinator's matcher workflow (the Social Contract step): choose the programmes of a
//! round and the weights, run the matcher, see the proposed teams with their needs coverage,
//! diversity and a one-line explanation per person, adjust by hand (lock, unlock, move, remove —
//! which lasts through re-runs — and include again), re-run around the locks, and send offers.
//!
//! Every route is under `/organisations/{slug}/matching` and checks on the server that the
//! signed-in user holds one of [`sosei_core::PROGRAMME_COORDINATOR_ROLES`] in that organisation.
//!
//! - `problem`: stored data → `MatchProblem` and back (pure), and what a run keeps.
//! - `load`: reading a round's inputs from the store.
//! - `round`: the page and running a round.
//! - `view`: the round's result.
//! - `summary`: the result in a coordinator's words (how good, how diverse) and the
//!   optimisation's figures, folded away with plain explanations.
//! - `words`: needs and placement explanations in the reader's language.
//! - `reason_words`: the matcher's structured reasons (unplaced, blocking pairs, diagnoses) in
//!   the reader's language.
//! - `adjust`: locks, moves, removals (exclusions) and including again.
//! - `offers`: sending offers and the report of each application's fate.

mod adjust;
mod load;
mod offers;
pub mod problem;
mod reason_words;
mod round;
mod summary;
mod teams_view;
mod view;
mod words;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod reason_words_tests;

use axum::Router;
use axum::routing::{get, post};
use sosei_core::programme::PROGRAMME_COORDINATOR_ROLES;
use sosei_core::{Organisation, User};

use crate::context::Ctx;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations/{slug}/matching", get(round::show_page))
        .route("/organisations/{slug}/matching/run", post(round::run_round))
        .route(
            "/organisations/{slug}/matching/assignments/{application}/lock",
            post(adjust::lock),
        )
        .route(
            "/organisations/{slug}/matching/assignments/{application}/unlock",
            post(adjust::unlock),
        )
        .route(
            "/organisations/{slug}/matching/assignments/{application}/move",
            post(adjust::move_to_team),
        )
        .route(
            "/organisations/{slug}/matching/assignments/{application}/remove",
            post(adjust::remove),
        )
        .route(
            "/organisations/{slug}/matching/assignments/{application}/include",
            post(adjust::include),
        )
        .route(
            "/organisations/{slug}/matching/offers",
            post(offers::send_offers),
        )
}

/// The address of an organisation's matching page.
pub fn matching_path(organisation: &Organisation) -> String {
    format!("/organisations/{}/matching", organisation.slug)
}

/// The organisation named in the address and the signed-in coordinator, or 404 / 403.
pub(crate) async fn coordinator_of<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    raw_slug: &str,
) -> Result<(Organisation, &'a User), AppError> {
    let organisation = crate::organisations::organisation_from_path(state, raw_slug).await?;
    let user = crate::authz::require_organisation_role(
        state,
        ctx,
        organisation.id,
        PROGRAMME_COORDINATOR_ROLES,
    )
    .await?;
    Ok((organisation, user))
}
