//! A conversation's results and its report in the API.
//!
//! The results are the latest stored opinion analysis, as the results page shows it: only
//! statements participants may see are named (moderated-out ones and those by banned authors
//! never appear), and groups are counted without banned participants (the analysis leaves them
//! out). The report is the model behind the report page, the same JSON as the page's
//! `report.json` download (`sosei-report/1`).

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use sosei_core::deliberation::Statement;
use sosei_core::routing::is_shown_to_participants;
use sosei_core::{ParticipantId, StatementId};
use sosei_opinion::{Analysis, StatementKey};
use utoipa::{IntoParams, ToSchema};

use super::conversations::results_conversation;
use super::{json, rfc3339};
use crate::context::Ctx;
use crate::deliberation::analysis::{compute_and_store, latest_analysis};
use crate::error::AppError;
use crate::state::AppState;

/// Answers on one statement.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TallyDto {
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
}

impl From<&sosei_opinion::Tally> for TallyDto {
    fn from(tally: &sosei_opinion::Tally) -> Self {
        TallyDto {
            agree: tally.agree,
            disagree: tally.disagree,
            pass: tally.pass,
        }
    }
}

/// A statement the results speak about.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ResultStatement {
    pub id: i64,
    pub text: String,
    /// Every counted answer (banned participants' are not counted).
    pub tally: TallyDto,
}

/// A statement that sets a group apart.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RepresentativeDto {
    pub statement_id: i64,
    /// `agree` or `disagree`: how the group leans compared with everyone else.
    pub direction: String,
    /// The group's own answers.
    pub tally: TallyDto,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct GroupDto {
    pub id: usize,
    /// A, B, C…
    pub label: String,
    pub size: usize,
    pub representative: Vec<RepresentativeDto>,
}

/// Statements most participants agree (or disagree) on, across every group.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConsensusDto {
    pub agree: Vec<i64>,
    pub disagree: Vec<i64>,
}

/// A statement the groups see differently.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DivisiveDto {
    pub statement_id: i64,
    pub most_agreeing_group: usize,
    pub least_agreeing_group: usize,
}

/// The latest opinion analysis of a conversation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ResultsDto {
    pub conversation_id: i64,
    /// `false` until the first votes have been analysed; the other fields are then empty.
    pub analysed: bool,
    #[schema(format = DateTime)]
    pub computed_at: Option<String>,
    /// The votes the analysis counted.
    pub votes_seen: i64,
    pub participants: usize,
    /// Participants who voted enough to be placed in a group.
    pub included_participants: usize,
    pub statements: Vec<ResultStatement>,
    pub groups: Vec<GroupDto>,
    pub consensus: ConsensusDto,
    pub divisive: Vec<DivisiveDto>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportLanguage {
    /// `ja` or `en`; otherwise the reader's language.
    pub lang: Option<String>,
}

fn group_label(group: usize) -> String {
    crate::deliberation::report::model::group_label(group)
}

fn results_from(
    conversation_id: i64,
    analysis: Option<(&Analysis, &sosei_store::StoredAnalysis)>,
    shown: &BTreeMap<StatementId, Statement>,
) -> ResultsDto {
    let Some((analysis, stored)) = analysis else {
        return ResultsDto {
            conversation_id,
            analysed: false,
            computed_at: None,
            votes_seen: 0,
            participants: 0,
            included_participants: 0,
            statements: Vec::new(),
            groups: Vec::new(),
            consensus: ConsensusDto {
                agree: Vec::new(),
                disagree: Vec::new(),
            },
            divisive: Vec::new(),
        };
    };
    let is_shown = |key: StatementKey| shown.contains_key(&StatementId(key.0));
    ResultsDto {
        conversation_id,
        analysed: true,
        computed_at: Some(rfc3339(stored.computed_at)),
        votes_seen: stored.votes_seen,
        participants: analysis.counts.participants,
        included_participants: analysis.counts.included_participants,
        statements: analysis
            .statements
            .iter()
            .filter_map(|summary| {
                let statement = shown.get(&StatementId(summary.key.0))?;
                Some(ResultStatement {
                    id: statement.id.0,
                    text: statement.text.as_str().to_owned(),
                    tally: (&summary.tally).into(),
                })
            })
            .collect(),
        groups: analysis
            .groups
            .iter()
            .map(|group| GroupDto {
                id: group.id,
                label: group_label(group.id),
                size: group.members.len(),
                representative: group
                    .representative
                    .iter()
                    .filter(|entry| is_shown(entry.statement))
                    .map(|entry| RepresentativeDto {
                        statement_id: entry.statement.0,
                        direction: match entry.direction {
                            sosei_opinion::Direction::Agree => "agree",
                            sosei_opinion::Direction::Disagree => "disagree",
                        }
                        .to_owned(),
                        tally: (&entry.tally).into(),
                    })
                    .collect(),
            })
            .collect(),
        consensus: ConsensusDto {
            agree: analysis
                .consensus
                .agree
                .iter()
                .filter(|entry| is_shown(entry.statement))
                .map(|entry| entry.statement.0)
                .collect(),
            disagree: analysis
                .consensus
                .disagree
                .iter()
                .filter(|entry| is_shown(entry.statement))
                .map(|entry| entry.statement.0)
                .collect(),
        },
        divisive: analysis
            .divisive
            .iter()
            .filter(|entry| is_shown(entry.statement))
            .map(|entry| DivisiveDto {
                statement_id: entry.statement.0,
                most_agreeing_group: entry.most_agreeing_group,
                least_agreeing_group: entry.least_agreeing_group,
            })
            .collect(),
    }
}

/// The opinion groups, consensus and divisive statements of an open or closed conversation.
#[utoipa::path(
    get,
    path = "/api/v1/conversations/{id}/results",
    tag = "conversations",
    params(("id" = i64, Path, description = "The conversation's id")),
    responses(
        (status = 200, description = "The latest analysis", body = ResultsDto),
        (status = 404, description = "No such conversation, or not public", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn results(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let conversation = results_conversation(&state, &raw_id).await?;
    let participants = state.store.participants(conversation.id).await?;
    let banned: BTreeSet<ParticipantId> = participants
        .iter()
        .filter(|participant| participant.banned)
        .map(|participant| participant.id)
        .collect();
    let shown: BTreeMap<StatementId, Statement> = state
        .store
        .statements(conversation.id)
        .await?
        .into_iter()
        .filter(|statement| {
            is_shown_to_participants(statement, conversation.moderation_mode, &banned)
        })
        .map(|statement| (statement.id, statement))
        .collect();
    let votes = state.store.count_votes(conversation.id).await?;
    // As the results page: the stored analysis, computed now only when there is none yet.
    let mut analysis = latest_analysis(&state, conversation.id).await?;
    match &analysis {
        Some((_, stored)) if stored.votes_seen != votes => {
            state.analysis_scheduler.notify(conversation.id);
        }
        None if votes > 0 => {
            compute_and_store(&state, conversation.id).await?;
            analysis = latest_analysis(&state, conversation.id).await?;
        }
        _ => {}
    }
    Ok(json(&results_from(
        conversation.id.0,
        analysis
            .as_ref()
            .map(|(analysis, stored)| (analysis, stored)),
        &shown,
    )))
}

/// The report for policy drafting, as structured data (`sosei-report/1`, the same document as
/// the report page's `report.json` download). Drafts are for their facilitators only.
#[utoipa::path(
    get,
    path = "/api/v1/conversations/{id}/report",
    tag = "conversations",
    params(("id" = i64, Path, description = "The conversation's id"), ReportLanguage),
    responses(
        (status = 200, description = "The report (format `sosei-report/1`)", body = Object),
        (status = 401, description = "A draft, and not signed in", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "A draft the account may not facilitate", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such conversation", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    // Read by hand: a repeated `lang` must not turn into a plain-text rejection.
    let language = ReportLanguage {
        lang: form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .find(|(key, _)| key == "lang")
            .map(|(_, value)| value.into_owned()),
    };
    let loaded = crate::deliberation::report::load_report(
        &state,
        &ctx,
        &raw_id,
        &crate::deliberation::report::ReportQuery {
            lang: language.lang,
        },
    )
    .await?;
    Ok(json(&loaded.report))
}
