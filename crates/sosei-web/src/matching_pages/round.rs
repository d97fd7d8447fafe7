//! The matching page (the round form and the latest round's result) and running a round.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use sosei_core::programme::matching::{MatchWeights, NewMatchRound};
use sosei_core::{Programme, ProgrammeId};
use sosei_matching::MethodChoice;
use time::OffsetDateTime;

use super::load::{load_round, may_take_part};
use super::problem::{RunResult, StoredRun, build_problem, proposal_from_outcome, run};
use super::view::{PageView, RoundForm, render_page};
use super::{coordinator_of, matching_path};
use crate::context::Ctx;
use crate::error::AppError;
use crate::layout::html_response;
use crate::programmes::form_body::FormBody;
use crate::state::AppState;

/// What the page says after a redirect (only known keys, ids and status names are read; see
/// `offers::OfferReport`).
#[derive(Debug, Default, serde::Deserialize)]
pub struct DoneQuery {
    pub done: Option<String>,
    pub sent: Option<String>,
    pub not_sent: Option<String>,
}

/// `GET /organisations/{slug}/matching`: the round form and the latest round.
pub async fn show_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let (organisation, _) = coordinator_of(&state, &ctx, &slug).await?;
    let eligible: Vec<Programme> = state
        .store
        .programmes_of_organisation(organisation.id)
        .await?
        .into_iter()
        .filter(|p| may_take_part(p.status))
        .collect();
    let rounds = state
        .store
        .match_rounds_of_organisation(organisation.id)
        .await?;
    let latest = rounds.into_iter().next();
    let stored: Option<StoredRun> = latest
        .as_ref()
        .and_then(|round| round.outcome_json.as_deref())
        .and_then(|json| serde_json::from_str(json).ok());
    let form = match (&latest, &stored) {
        (Some(round), Some(run)) => RoundForm {
            programmes: round.programmes.clone(),
            weights: round.weights,
            compare: run.deferred_acceptance.is_some(),
        },
        _ => RoundForm {
            programmes: eligible.iter().map(|p| p.id).collect(),
            weights: default_weights()?,
            compare: false,
        },
    };
    let loaded = match (&latest, &stored) {
        (Some(round), Some(_)) => Some(
            load_round(
                &state,
                &organisation,
                &round.programmes,
                round.weights,
                MethodChoice::Auto,
            )
            .await?,
        ),
        _ => None,
    };
    let skills = state.store.skills().await?;
    let view = PageView {
        organisation: &organisation,
        eligible: &eligible,
        form,
        round: latest.as_ref().zip(stored.as_ref()).zip(loaded.as_ref()),
        skills: &skills,
        query: &query,
    };
    Ok(html_response(render_page(&ctx, &view)))
}

fn default_weights() -> Result<MatchWeights, AppError> {
    let defaults = sosei_matching::Weights::default();
    MatchWeights::new(defaults.preference, defaults.skill_fit, defaults.diversity)
        .map_err(|_| AppError::Internal(anyhow::anyhow!("default weights out of range")))
}

/// `POST /organisations/{slug}/matching/run`: run the matcher on the chosen programmes, keep the
/// round and its outcome, and write the proposed teams (locked assignments stay).
pub async fn run_round(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let (organisation, user) = coordinator_of(&state, &ctx, &slug).await?;
    let form = FormBody::from(body);
    let mut programmes: Vec<ProgrammeId> = Vec::new();
    for raw in form.all("programme") {
        let id =
            raw.trim()
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or(AppError::BadRequest {
                    message_id: "matching-error-programmes",
                })?;
        let programme = state.store.programme(ProgrammeId(id)).await?;
        if programme.organisation != organisation.id || !may_take_part(programme.status) {
            return Err(AppError::BadRequest {
                message_id: "matching-error-programmes",
            });
        }
        programmes.push(programme.id);
    }
    programmes.sort_unstable();
    programmes.dedup();
    if programmes.is_empty() {
        return Err(AppError::BadRequest {
            message_id: "matching-error-programmes",
        });
    }
    let weights = MatchWeights::parse(
        &form.one("weight_preference"),
        &form.one("weight_skill_fit"),
        &form.one("weight_diversity"),
    )
    .map_err(|_| AppError::BadRequest {
        message_id: "matching-error-weights",
    })?;
    let compare = form.one("method") == "compare";
    let loaded = load_round(
        &state,
        &organisation,
        &programmes,
        weights,
        MethodChoice::Auto,
    )
    .await?;
    let problem =
        build_problem(&loaded.inputs).map_err(|error| AppError::Internal(error.into()))?;
    let now = OffsetDateTime::now_utc();
    let round = state
        .store
        .create_match_round(
            &NewMatchRound {
                organisation: organisation.id,
                programmes,
                created_by: user.id,
                weights,
            },
            now,
        )
        .await?;
    // The solver is CPU-bound for up to its time limit: keep it off the async workers.
    let stored = tokio::task::spawn_blocking(move || run(problem, compare))
        .await
        .map_err(|error| AppError::Internal(error.into()))?;
    let json = serde_json::to_string(&stored).map_err(|error| AppError::Internal(error.into()))?;
    state
        .store
        .record_match_outcome(round.id, &json, OffsetDateTime::now_utc())
        .await?;
    if let RunResult::Solved { outcome } = &stored.result {
        let proposal = proposal_from_outcome(outcome, &loaded.inputs.applications);
        state
            .store
            .apply_matcher_assignments(round.id, &proposal, user.id, OffsetDateTime::now_utc())
            .await?;
    }
    let target = format!("{}?done=run#result", matching_path(&organisation));
    Ok(Redirect::to(&target).into_response())
}
