//! Conversations (知恵ラボ) in the API: the public list, one conversation, its statements,
//! joining and voting as the current visitor or account, and the CSRF token those two need.
//!
//! The rules are the pages' own (`deliberation::participate`): drafts do not exist for the
//! public, only open conversations take part, banned participants cannot vote, moderated-out
//! statements and statements by banned authors are never shown or votable. State changes carry
//! the CSRF token in the `X-CSRF-Token` header (the context middleware checks it before any
//! handler runs), so another site cannot vote in a visitor's name.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use sosei_core::StatementId;
use sosei_core::deliberation::{Conversation, ConversationState, VoteChoice};
use sosei_store::ConversationFilter;
use time::OffsetDateTime;
use utoipa::ToSchema;

use super::{LocalizedTextDto, OrganisationDirectory, OrganisationRef, json, problem, rfc3339};
use crate::context::Ctx;
use crate::deliberation::participate::{
    self, JoinForm, current_participant, identity_for, load_participation, may_vote_on,
    participation_refusal, shown_statements, visible_conversation,
};
use crate::error::AppError;
use crate::state::AppState;

// --- DTOs -----------------------------------------------------------------------------------------

/// A conversation as the public sees it (never its invitation code).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConversationDto {
    pub id: i64,
    pub organisation: Option<OrganisationRef>,
    /// The local government code of the region it is about, if any.
    pub region: Option<String>,
    pub title: LocalizedTextDto,
    pub question: LocalizedTextDto,
    pub description: LocalizedTextDto,
    /// `open` (taking votes and statements), `closed` (results final) or `archived`.
    pub state: String,
    /// `anonymous`, `signed_in` or `invitation_code`.
    pub participation_mode: String,
    /// `pre` (statements appear once accepted) or `post`.
    pub moderation_mode: String,
    /// Questions asked on joining: `age_band`, `district`, `relationship`.
    pub attribute_questions: Vec<String>,
    /// The answers offered to the `district` question.
    pub district_options: Vec<String>,
    /// How many statements participants can see.
    pub statements: usize,
    pub participants: usize,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub opened_at: Option<String>,
    #[schema(format = DateTime)]
    pub closed_at: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConversationList {
    pub conversations: Vec<ConversationDto>,
}

/// The current visitor (or account) in one conversation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Participation {
    pub joined: bool,
    pub banned: bool,
    /// Whether a vote would be accepted now (open, joined, not banned).
    pub may_vote: bool,
    /// The statement the visitor is asked about next, if any.
    pub next_statement_id: Option<i64>,
    /// How many of the shown statements the visitor has answered.
    pub answered: usize,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ConversationDetail {
    pub conversation: ConversationDto,
    pub you: Participation,
}

/// A statement participants can see.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StatementDto {
    pub id: i64,
    /// As its author wrote it.
    pub text: String,
    /// `ja` or `en`.
    pub language: String,
    /// About the conversation itself; left out of the opinion analysis.
    pub is_meta: bool,
    /// Written by a facilitator to start the conversation.
    pub is_seed: bool,
    #[schema(format = DateTime)]
    pub created_at: String,
    /// The current visitor's answer: `agree`, `disagree`, `pass` or `null`.
    pub your_vote: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StatementList {
    pub statements: Vec<StatementDto>,
}

/// Answers to the conversation's questions on joining. Each question the conversation asks
/// needs an answer (`no_answer` is one); `code` is needed for `invitation_code` conversations.
#[derive(Debug, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    #[serde(default)]
    pub code: Option<String>,
    /// `under_20`, `20s`, `30s`, `40s`, `50s`, `60s`, `70_plus` or `no_answer`.
    #[serde(default)]
    pub age_band: Option<String>,
    /// One of the conversation's `district_options`, or `no_answer`.
    #[serde(default)]
    pub district: Option<String>,
    /// `resident`, `commuter`, `regular_visitor`, `international`, `other` or `no_answer`.
    #[serde(default)]
    pub relationship: Option<String>,
}

/// A vote on one statement; voting again on the same statement changes the answer.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteRequest {
    #[schema(minimum = 1)]
    pub statement_id: i64,
    /// `agree`, `disagree` or `pass`.
    #[schema(example = "agree")]
    pub choice: String,
}

/// The vote as stored, and what to ask next.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct VoteAccepted {
    pub statement_id: i64,
    pub choice: String,
    pub next_statement_id: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CsrfToken {
    /// Send it back in the `X-CSRF-Token` header of every POST. It is tied to the visitor cookie
    /// (or session cookie) this response sets or that was sent.
    pub csrf_token: String,
}

// --- helpers --------------------------------------------------------------------------------------

/// Whether the list shows a conversation: open or closed, like the conversations page.
fn is_listed(conversation: &Conversation) -> bool {
    matches!(
        conversation.state,
        ConversationState::Open | ConversationState::Closed
    )
}

async fn conversation_dto(
    state: &AppState,
    directory: &OrganisationDirectory,
    conversation: &Conversation,
) -> Result<ConversationDto, AppError> {
    let statements = shown_statements(state, conversation).await?.0.len();
    let participants = state.store.participants(conversation.id).await?.len();
    Ok(ConversationDto {
        id: conversation.id.0,
        organisation: directory.reference(conversation.organisation),
        region: conversation.region.map(|code| code.to_string()),
        title: (&conversation.title).into(),
        question: (&conversation.question).into(),
        description: (&conversation.description).into(),
        state: conversation.state.as_str().to_owned(),
        participation_mode: conversation.participation_mode.as_str().to_owned(),
        moderation_mode: conversation.moderation_mode.as_str().to_owned(),
        attribute_questions: conversation
            .attribute_questions
            .iter()
            .map(|question| question.as_str().to_owned())
            .collect(),
        district_options: conversation.district_options.clone(),
        statements,
        participants,
        created_at: rfc3339(conversation.created_at),
        opened_at: conversation.opened_at.map(rfc3339),
        closed_at: conversation.closed_at.map(rfc3339),
    })
}

/// A JSON request body, or a problem (400) naming what is wrong with it.
pub(crate) fn parse_json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<T, AppError> {
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let media_type = content_type.split(';').next().unwrap_or_default().trim();
    if media_type != "application/json" {
        return Err(AppError::BadRequest {
            message_id: "api-error-content-type",
        });
    }
    serde_json::from_slice(body).map_err(|_| AppError::BadRequest {
        message_id: "api-error-body",
    })
}

// --- handlers -------------------------------------------------------------------------------------

/// Open and closed conversations (drafts and archived ones are not listed), newest first.
#[utoipa::path(
    get,
    path = "/api/v1/conversations",
    tag = "conversations",
    responses((status = 200, description = "Public conversations", body = ConversationList))
)]
pub(crate) async fn list_conversations(
    State(state): State<AppState>,
) -> Result<Response, AppError> {
    let directory = OrganisationDirectory::load(&state).await?;
    let mut conversations = Vec::new();
    for conversation in state
        .store
        .list_conversations(&ConversationFilter::default())
        .await?
        .iter()
        .filter(|conversation| is_listed(conversation))
    {
        conversations.push(conversation_dto(&state, &directory, conversation).await?);
    }
    Ok(json(&ConversationList { conversations }))
}

/// One conversation and where the current visitor stands in it.
#[utoipa::path(
    get,
    path = "/api/v1/conversations/{id}",
    tag = "conversations",
    params(("id" = i64, Path, description = "The conversation's id")),
    responses(
        (status = 200, description = "The conversation", body = ConversationDetail),
        (status = 404, description = "No such conversation, or a draft", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn conversation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let conversation = visible_conversation(&state, &raw_id).await?;
    let directory = OrganisationDirectory::load(&state).await?;
    let dto = conversation_dto(&state, &directory, &conversation).await?;
    let participation = load_participation(&state, &ctx, conversation).await?;
    let you = Participation {
        joined: participation.participant.is_some(),
        banned: participation
            .participant
            .as_ref()
            .is_some_and(|participant| participant.banned),
        may_vote: participation.may_vote(),
        next_statement_id: participation.next.map(|id| id.0),
        answered: participation.answered(),
    };
    Ok(json(&ConversationDetail {
        conversation: dto,
        you,
    }))
}

/// The statements participants can see, oldest first, with the visitor's own answers.
#[utoipa::path(
    get,
    path = "/api/v1/conversations/{id}/statements",
    tag = "conversations",
    params(("id" = i64, Path, description = "The conversation's id")),
    responses(
        (status = 200, description = "Shown statements", body = StatementList),
        (status = 404, description = "No such conversation, or a draft", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn statements(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let conversation = visible_conversation(&state, &raw_id).await?;
    let participation = load_participation(&state, &ctx, conversation).await?;
    let statements = participation
        .shown
        .iter()
        .map(|statement| StatementDto {
            id: statement.id.0,
            text: statement.text.as_str().to_owned(),
            language: statement.language.as_str().to_owned(),
            is_meta: statement.is_meta,
            is_seed: statement.is_seed,
            created_at: rfc3339(statement.created_at),
            your_vote: participation
                .my_votes
                .get(&statement.id)
                .map(|choice| choice.as_str().to_owned()),
        })
        .collect();
    Ok(json(&StatementList { statements }))
}

/// A CSRF token for this visitor, to send in `X-CSRF-Token` with every POST.
#[utoipa::path(
    get,
    path = "/api/v1/csrf-token",
    tag = "account",
    responses((status = 200, description = "The token for the cookies sent (or set now)", body = CsrfToken))
)]
pub(crate) async fn csrf_token(ctx: Ctx) -> Response {
    json(&CsrfToken {
        csrf_token: ctx.csrf_token.clone(),
    })
}

/// Join a conversation as the current visitor (or account, for `signed_in` conversations).
/// Joining again changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/conversations/{id}/join",
    tag = "conversations",
    params(
        ("id" = i64, Path, description = "The conversation's id"),
        ("X-CSRF-Token" = String, Header, description = "From `/api/v1/csrf-token`"),
    ),
    request_body = JoinRequest,
    responses(
        (status = 200, description = "Joined", body = Participation),
        (status = 400, description = "Not a JSON body of this shape", body = super::Problem, content_type = "application/problem+json"),
        (status = 401, description = "The conversation needs an account", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "No or wrong CSRF token", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such conversation, or a draft", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The conversation is not open", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "A missing or wrong answer or code", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn join(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let conversation = visible_conversation(&state, &raw_id).await?;
    let request: JoinRequest = parse_json_body(&headers, &body)?;
    if !conversation.state.accepts_participation() {
        return Ok(problem(StatusCode::CONFLICT, "participate-error-not-open"));
    }
    let Some(identity) = identity_for(&ctx, &state, &conversation) else {
        return Err(AppError::SignInRequired {
            return_to: participate::conversation_path(conversation.id),
        });
    };
    let form = JoinForm {
        code: request.code.unwrap_or_default(),
        age_band: request.age_band.unwrap_or_default(),
        district: request.district.unwrap_or_default(),
        relationship: request.relationship.unwrap_or_default(),
    };
    let attributes: BTreeMap<String, String> =
        match participate::parse_join_form(&conversation, &form) {
            Ok(attributes) => attributes,
            Err(errors) => {
                let message_id = ["code", "age_band", "district", "relationship"]
                    .iter()
                    .find_map(|field| errors.get(field))
                    .map_or("participate-error-attribute-missing", |message| {
                        message.id()
                    });
                return Ok(problem(StatusCode::UNPROCESSABLE_ENTITY, message_id));
            }
        };
    state
        .store
        .join_conversation(
            conversation.id,
            &identity,
            &attributes,
            OffsetDateTime::now_utc(),
        )
        .await?;
    let participation = load_participation(&state, &ctx, conversation).await?;
    Ok(json(&Participation {
        joined: participation.participant.is_some(),
        banned: participation
            .participant
            .as_ref()
            .is_some_and(|participant| participant.banned),
        may_vote: participation.may_vote(),
        next_statement_id: participation.next.map(|id| id.0),
        answered: participation.answered(),
    }))
}

/// Vote on a statement as the current visitor (who must have joined). Answered only once the
/// vote is stored.
#[utoipa::path(
    post,
    path = "/api/v1/conversations/{id}/votes",
    tag = "conversations",
    params(
        ("id" = i64, Path, description = "The conversation's id"),
        ("X-CSRF-Token" = String, Header, description = "From `/api/v1/csrf-token`"),
    ),
    request_body = VoteRequest,
    responses(
        (status = 200, description = "The vote is stored", body = VoteAccepted),
        (status = 400, description = "Not a JSON body of this shape, or an unknown choice", body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not joined, banned, or no or wrong CSRF token", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such conversation or statement (or not one participants can see)", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The conversation is not open", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn vote(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, AppError> {
    let conversation = visible_conversation(&state, &raw_id).await?;
    let request: VoteRequest = parse_json_body(&headers, &body)?;
    let choice = VoteChoice::parse(request.choice.trim()).ok_or(AppError::BadRequest {
        message_id: "participate-error-choice",
    })?;
    let participant = current_participant(&state, &ctx, &conversation).await?;
    if let Some((status, message_id)) = participation_refusal(&conversation, participant.as_ref()) {
        return Ok(problem(status, message_id));
    }
    let Some(participant) = participant else {
        return Err(AppError::Forbidden);
    };
    let statement = StatementId(request.statement_id);
    if !may_vote_on(&state, &conversation, statement).await? {
        return Err(AppError::NotFound);
    }
    state
        .store
        .cast_vote(participant.id, statement, choice, OffsetDateTime::now_utc())
        .await?;
    state.analysis_scheduler.notify(conversation.id);
    let participation = load_participation(&state, &ctx, conversation).await?;
    Ok(json(&VoteAccepted {
        statement_id: statement.0,
        choice: choice.as_str().to_owned(),
        next_statement_id: participation.next.map(|id| id.0),
    }))
}

/// The id of a conversation whose results are public (open or closed), as the results page.
pub(crate) async fn results_conversation(
    state: &AppState,
    raw_id: &str,
) -> Result<Conversation, AppError> {
    let conversation = visible_conversation(state, raw_id).await?;
    if is_listed(&conversation) {
        Ok(conversation)
    } else {
        Err(AppError::NotFound)
    }
}
