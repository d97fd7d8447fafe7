//! Taking part in a conversation: the list of conversations, joining (anonymously, signed in or
//! with an invitation code, answering the facilitator's attribute questions), voting on one
//! statement at a time beside its fact cards, going back to change a vote, writing a statement
//! (with a near-duplicate check) and flagging one.
//!
//! Everything works with plain forms; `deliberation.js` only makes voting and the character count
//! smoother. A vote sent with `Accept: application/json` is answered with the next statement's
//! HTML instead of a redirect.

mod view;

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::{Path, Query, State};
use axum::http::header::ACCEPT;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use sosei_core::deliberation::{
    AgeBand, AttributeQuestion, Conversation, ConversationState, FactCard, InvitationCode,
    ModerationMode, ModerationStatus, Participant, ParticipantIdentity, ParticipationMode,
    RelationshipToTown, Statement, StatementText, VoteChoice, near_duplicates,
};
use sosei_core::routing::{
    Candidate, choose_next_statement, eligible_statements, is_shown_to_participants, routing_seed,
};
use sosei_core::statement_translation::{
    NewStatementTranslation, StatementTranslation, TranslationText, Translator,
};
use sosei_core::{ConversationId, ParticipantId, StatementId, UserFacingError};
use sosei_store::{ConversationFilter, StoreError};
use time::OffsetDateTime;

use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{FormErrors, Message};
use crate::layout::{html_response, html_response_with_status};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/conversations", get(list_conversations))
        .route("/conversations/{id}", get(show_conversation))
        .route("/conversations/{id}/join", post(join))
        .route("/conversations/{id}/votes", post(vote))
        .route("/conversations/{id}/statements", post(write_statement))
        .route(
            "/conversations/{id}/statements/{statement_id}",
            get(show_statement),
        )
        .route(
            "/conversations/{id}/statements/{statement_id}/flag",
            post(flag_statement),
        )
}

/// The address of a conversation's page.
pub fn conversation_path(id: ConversationId) -> String {
    format!("/conversations/{id}")
}

/// The value a participant gives when they prefer not to answer an attribute question.
pub const NO_ANSWER: &str = "no_answer";

// --- loading --------------------------------------------------------------------------------------

/// An id from a URL; anything else is a page that does not exist.
fn id_from_path(raw: &str) -> Result<i64, AppError> {
    raw.trim().parse::<i64>().map_err(|_| AppError::NotFound)
}

/// A conversation participants may see: drafts exist only for their facilitators.
pub(crate) async fn visible_conversation(
    state: &AppState,
    raw_id: &str,
) -> Result<Conversation, AppError> {
    let conversation = state
        .store
        .conversation(ConversationId(id_from_path(raw_id)?))
        .await?;
    if conversation.state == ConversationState::Draft {
        return Err(AppError::NotFound);
    }
    Ok(conversation)
}

/// Like [`visible_conversation`], but a copy read up to a second ago will do (the vote path,
/// where the database re-checks every rule that matters).
async fn recent_conversation(state: &AppState, raw_id: &str) -> Result<Conversation, AppError> {
    let id = ConversationId(id_from_path(raw_id)?);
    let now = std::time::Instant::now();
    if let Some(conversation) = state.conversation_cache.get(id, now) {
        return Ok(conversation);
    }
    let conversation = visible_conversation(state, raw_id).await?;
    state.conversation_cache.put(conversation.clone(), now);
    Ok(conversation)
}

/// Who this visitor is in this conversation, or `None` when the conversation needs an account
/// and they are signed out. Anonymous conversations always use the pseudonym, even for a
/// signed-in visitor, so their votes stay unlinked from their account.
pub(crate) fn identity_for(
    ctx: &Ctx,
    state: &AppState,
    conversation: &Conversation,
) -> Option<ParticipantIdentity> {
    let pseudonym = || {
        ParticipantIdentity::Pseudonym(crate::auth::participant_pseudonym(
            ctx,
            state,
            &format!("conversation:{}", conversation.id),
        ))
    };
    let user = ctx
        .user
        .as_ref()
        .map(|user| ParticipantIdentity::User(user.id));
    match conversation.participation_mode {
        ParticipationMode::Anonymous => Some(pseudonym()),
        ParticipationMode::SignedIn => user,
        ParticipationMode::InvitationCode => user.or_else(|| Some(pseudonym())),
    }
}

/// This visitor's participant record, if they have joined. (Also used by the results pages.)
pub(crate) async fn current_participant(
    state: &AppState,
    ctx: &Ctx,
    conversation: &Conversation,
) -> Result<Option<Participant>, AppError> {
    let Some(identity) = identity_for(ctx, state, conversation) else {
        return Ok(None);
    };
    match state
        .store
        .participant_by_identity(conversation.id, &identity)
        .await
    {
        Ok(participant) => Ok(Some(participant)),
        Err(StoreError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// Everything the conversation page shows about taking part, for one visitor.
pub(crate) struct Participation {
    pub conversation: Conversation,
    pub participant: Option<Participant>,
    /// Statements participants may see (visible, not rejected, not by a banned author), by id.
    pub shown: Vec<Statement>,
    /// This participant's own statements still waiting for review (pre-moderation).
    pub own_pending: Vec<Statement>,
    pub my_votes: BTreeMap<StatementId, VoteChoice>,
    pub fact_cards: Vec<FactCard>,
    /// Translations of the conversation's statements (shown in the reader's language).
    pub translations: Vec<StatementTranslation>,
    /// The statement to vote on now.
    pub next: Option<StatementId>,
}

impl Participation {
    pub fn statement(&self, id: StatementId) -> Option<&Statement> {
        self.shown.iter().find(|statement| statement.id == id)
    }

    /// Fact cards about the conversation as a whole.
    pub fn conversation_fact_cards(&self) -> Vec<&FactCard> {
        self.fact_cards
            .iter()
            .filter(|card| card.statement.is_none())
            .collect()
    }

    pub fn fact_cards_of(&self, statement: StatementId) -> Vec<&FactCard> {
        self.fact_cards
            .iter()
            .filter(|card| card.statement == Some(statement))
            .collect()
    }

    /// How many of the shown statements this participant has answered.
    pub fn answered(&self) -> usize {
        self.shown
            .iter()
            .filter(|statement| self.my_votes.contains_key(&statement.id))
            .count()
    }

    pub fn may_vote(&self) -> bool {
        self.conversation.state.accepts_participation()
            && self.participant.as_ref().is_some_and(|p| !p.banned)
    }
}

async fn banned_participants(
    state: &AppState,
    conversation: ConversationId,
) -> Result<BTreeSet<ParticipantId>, AppError> {
    Ok(state
        .store
        .participants(conversation)
        .await?
        .into_iter()
        .filter(|participant| participant.banned)
        .map(|participant| participant.id)
        .collect())
}

/// The statements participants may see.
/// Whether participants may see (and so vote on) this one statement of the conversation.
pub(crate) async fn may_vote_on(
    state: &AppState,
    conversation: &Conversation,
    statement_id: StatementId,
) -> Result<bool, AppError> {
    let statement = match state.store.statement(statement_id).await {
        Ok(statement) if statement.conversation == conversation.id => statement,
        Ok(_) | Err(sosei_store::StoreError::NotFound) => return Ok(false),
        Err(other) => return Err(other.into()),
    };
    let mut banned = BTreeSet::new();
    if let Some(author) = statement.author
        && state.store.participant(author).await?.banned
    {
        banned.insert(author);
    }
    Ok(is_shown_to_participants(
        &statement,
        conversation.moderation_mode,
        &banned,
    ))
}

pub(crate) async fn shown_statements(
    state: &AppState,
    conversation: &Conversation,
) -> Result<(Vec<Statement>, Vec<Statement>), AppError> {
    let banned = banned_participants(state, conversation.id).await?;
    let (shown, hidden): (Vec<Statement>, Vec<Statement>) = state
        .store
        .statements(conversation.id)
        .await?
        .into_iter()
        .partition(|statement| {
            is_shown_to_participants(statement, conversation.moderation_mode, &banned)
        });
    Ok((shown, hidden))
}

pub(crate) async fn load_participation(
    state: &AppState,
    ctx: &Ctx,
    conversation: Conversation,
) -> Result<Participation, AppError> {
    let participant = current_participant(state, ctx, &conversation).await?;
    let banned = banned_participants(state, conversation.id).await?;
    let all_statements = state.store.statements(conversation.id).await?;
    let (shown, hidden): (Vec<Statement>, Vec<Statement>) =
        all_statements.iter().cloned().partition(|statement| {
            is_shown_to_participants(statement, conversation.moderation_mode, &banned)
        });
    let own_pending: Vec<Statement> = match &participant {
        Some(participant) => hidden
            .into_iter()
            .filter(|statement| {
                statement.author == Some(participant.id)
                    && statement.moderation == ModerationStatus::Pending
            })
            .collect(),
        None => Vec::new(),
    };
    let my_votes: BTreeMap<StatementId, VoteChoice> = match &participant {
        Some(participant) => state
            .store
            .votes_of_participant(participant.id)
            .await?
            .into_iter()
            .map(|vote| (vote.statement, vote.choice))
            .collect(),
        None => BTreeMap::new(),
    };
    let fact_cards = state.store.fact_cards(conversation.id).await?;
    let translations = state.store.statement_translations(conversation.id).await?;
    let next = match &participant {
        Some(participant) if !participant.banned => {
            let voted: BTreeSet<StatementId> = my_votes.keys().copied().collect();
            let eligible = eligible_statements(
                &all_statements,
                conversation.moderation_mode,
                &banned,
                &voted,
            );
            let tallies = state.store.tallies(conversation.id).await?;
            // Results: statements' extremity from the latest analysis (cached by the scheduler).
            let extremities = state
                .analysis_scheduler
                .statement_extremities(conversation.id)
                .await?;
            let candidates: Vec<Candidate> = eligible
                .iter()
                .map(|statement| {
                    let tally = tallies.get(&statement.id).copied().unwrap_or_default();
                    Candidate {
                        statement: statement.id,
                        agree: tally.agree,
                        disagree: tally.disagree,
                        pass: tally.pass,
                        extremity: extremities.get(&statement.id).copied(),
                        is_meta: statement.is_meta,
                    }
                })
                .collect();
            choose_next_statement(&candidates, routing_seed(participant.id, my_votes.len()))
        }
        _ => None,
    };
    Ok(Participation {
        conversation,
        participant,
        shown,
        own_pending,
        my_votes,
        fact_cards,
        translations,
        next,
    })
}

/// Whether the request asked for JSON (the enhanced voting form does).
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.contains("application/json"))
}

/// A refusal the participant can understand: a page with the reason, or JSON for the script.
fn refusal(
    ctx: &Ctx,
    conversation: &Conversation,
    status: StatusCode,
    message_id: &'static str,
    json: bool,
) -> Response {
    if json {
        return (
            status,
            Json(serde_json::json!({ "error": ctx.t(message_id) })),
        )
            .into_response();
    }
    html_response_with_status(status, view::refusal_page(ctx, conversation, message_id))
}

/// Why this participant may not vote or write now, if anything stops them.
pub(crate) fn participation_refusal(
    conversation: &Conversation,
    participant: Option<&Participant>,
) -> Option<(StatusCode, &'static str)> {
    if !conversation.state.accepts_participation() {
        return Some((StatusCode::CONFLICT, "participate-error-not-open"));
    }
    match participant {
        None => Some((StatusCode::FORBIDDEN, "participate-error-not-joined")),
        Some(participant) if participant.banned => {
            Some((StatusCode::FORBIDDEN, "participate-error-banned"))
        }
        Some(_) => None,
    }
}

// --- the list ---------------------------------------------------------------------------------------

/// One line of the conversation list.
pub(crate) struct ListedConversation {
    pub conversation: Conversation,
    pub organisation: Option<sosei_core::Organisation>,
    pub region_name: Option<String>,
    pub participants: usize,
    pub statements: usize,
}

async fn list_conversations(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let conversations = state
        .store
        .list_conversations(&ConversationFilter::default())
        .await?;
    let mut listed = Vec::new();
    for conversation in conversations.into_iter().filter(|conversation| {
        matches!(
            conversation.state,
            ConversationState::Open | ConversationState::Closed
        )
    }) {
        let organisation = match state.store.organisation(conversation.organisation).await {
            Ok(organisation) => Some(organisation),
            Err(StoreError::NotFound) => None,
            Err(other) => return Err(other.into()),
        };
        let region_name = match conversation.region {
            Some(code) => match state.store.municipality(code).await {
                Ok(municipality) => {
                    Some(crate::regions::municipality_name(ctx.locale, &municipality).to_owned())
                }
                Err(StoreError::NotFound) => None,
                Err(other) => return Err(other.into()),
            },
            None => None,
        };
        let participants = state.store.participants(conversation.id).await?.len();
        let statements = shown_statements(&state, &conversation).await?.0.len();
        listed.push(ListedConversation {
            conversation,
            organisation,
            region_name,
            participants,
            statements,
        });
    }
    Ok(html_response(view::list_page(&ctx, &listed)))
}

// --- the conversation page ----------------------------------------------------------------------------

#[derive(Debug, Default, serde::Deserialize)]
pub struct ShowQuery {
    /// Set after writing a statement: `review` (pre-moderation) or `published`.
    posted: Option<String>,
    /// Set after joining.
    joined: Option<String>,
}

/// What the page says at the top after an action.
fn notice_from_query(query: &ShowQuery) -> Option<&'static str> {
    match (query.posted.as_deref(), query.joined.as_deref()) {
        (Some("review"), _) => Some("participate-posted-review"),
        (Some("published"), _) => Some("participate-posted-published"),
        (_, Some(_)) => Some("participate-joined"),
        _ => None,
    }
}

async fn show_conversation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Query(query): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let conversation = visible_conversation(&state, &raw_id).await?;
    let participation = load_participation(&state, &ctx, conversation).await?;
    // Results: the compact "where you stand" box, from the stored analysis.
    let where_you_stand = super::results::where_you_stand_box(&state, &ctx, &participation).await?;
    let manage_path = super::may_facilitate(&state, &ctx, &participation.conversation)
        .await?
        .then(|| {
            format!(
                "{}/manage",
                conversation_path(participation.conversation.id)
            )
        });
    let page = view::ConversationPage {
        notice: notice_from_query(&query),
        where_you_stand: Some(where_you_stand),
        manage_path,
        ..view::ConversationPage::new(&participation)
    };
    Ok(html_response(view::conversation_page(&ctx, &page)))
}

// --- joining ---------------------------------------------------------------------------------------------

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct JoinForm {
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub age_band: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub relationship: String,
}

/// The answer to one attribute question, if it is one of the offered choices.
fn parse_attribute_answer(
    conversation: &Conversation,
    question: AttributeQuestion,
    raw: &str,
) -> Option<String> {
    let raw = raw.trim();
    match question {
        AttributeQuestion::AgeBand => AgeBand::parse(raw).map(|band| band.as_str().to_owned()),
        AttributeQuestion::Relationship => {
            RelationshipToTown::parse(raw).map(|relation| relation.as_str().to_owned())
        }
        AttributeQuestion::District => {
            let offered = raw == NO_ANSWER
                || conversation
                    .district_options
                    .iter()
                    .any(|district| district == raw);
            offered.then(|| raw.to_owned())
        }
    }
}

/// The form field of an attribute question.
pub(crate) fn attribute_field(question: AttributeQuestion) -> &'static str {
    match question {
        AttributeQuestion::AgeBand => "age_band",
        AttributeQuestion::District => "district",
        AttributeQuestion::Relationship => "relationship",
    }
}

/// Check the join form: the invitation code when one is needed, and an answer (perhaps "prefer
/// not to say") to every attribute question.
pub fn parse_join_form(
    conversation: &Conversation,
    form: &JoinForm,
) -> Result<BTreeMap<String, String>, FormErrors> {
    let mut errors = FormErrors::new();
    if conversation.participation_mode == ParticipationMode::InvitationCode {
        if form.code.trim().is_empty() {
            errors.add("code", "participate-error-code-missing");
        } else {
            match InvitationCode::parse(&form.code) {
                Ok(code) if conversation.invitation_code.as_ref() == Some(&code) => {}
                Ok(_) => errors.add("code", "participate-error-code-wrong"),
                Err(error) => errors.add("code", Message::new(error.message_id())),
            }
        }
    }
    let mut attributes = BTreeMap::new();
    for question in &conversation.attribute_questions {
        let field = attribute_field(*question);
        let raw = match question {
            AttributeQuestion::AgeBand => &form.age_band,
            AttributeQuestion::District => &form.district,
            AttributeQuestion::Relationship => &form.relationship,
        };
        if let Some(answer) = errors.require(
            field,
            parse_attribute_answer(conversation, *question, raw),
            "participate-error-attribute-missing",
        ) {
            attributes.insert(question.as_str().to_owned(), answer);
        }
    }
    if errors.is_empty() {
        Ok(attributes)
    } else {
        Err(errors)
    }
}

async fn join(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<JoinForm>,
) -> Result<Response, AppError> {
    let conversation = visible_conversation(&state, &raw_id).await?;
    let back = conversation_path(conversation.id);
    if !conversation.state.accepts_participation() {
        return Ok(refusal(
            &ctx,
            &conversation,
            StatusCode::CONFLICT,
            "participate-error-not-open",
            false,
        ));
    }
    let Some(identity) = identity_for(&ctx, &state, &conversation) else {
        // Back to the conversation (a GET) after signing in, not to this POST address.
        let target = format!(
            "/sign-in?return_to={}",
            crate::layout::percent_encode(&back)
        );
        return Ok(Redirect::to(&target).into_response());
    };
    match parse_join_form(&conversation, &form) {
        Ok(attributes) => {
            state
                .store
                .join_conversation(
                    conversation.id,
                    &identity,
                    &attributes,
                    OffsetDateTime::now_utc(),
                )
                .await?;
            Ok(Redirect::to(&format!("{back}?joined=1#taking-part")).into_response())
        }
        Err(errors) => {
            let participation = load_participation(&state, &ctx, conversation).await?;
            let page = view::ConversationPage {
                join_form: form,
                join_errors: errors,
                ..view::ConversationPage::new(&participation)
            };
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                view::conversation_page(&ctx, &page),
            ))
        }
    }
}

// --- voting ------------------------------------------------------------------------------------------------

#[derive(Debug, Default, serde::Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    statement_id: String,
    #[serde(default)]
    choice: String,
}

async fn vote(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(raw_id): Path<String>,
    Form(form): Form<VoteForm>,
) -> Result<Response, AppError> {
    let json = wants_json(&headers);
    let conversation = recent_conversation(&state, &raw_id).await?;
    let choice = VoteChoice::parse(&form.choice).ok_or(AppError::BadRequest {
        message_id: "participate-error-choice",
    })?;
    let statement_id =
        StatementId(
            form.statement_id
                .trim()
                .parse::<i64>()
                .map_err(|_| AppError::BadRequest {
                    message_id: "participate-error-statement",
                })?,
        );
    let now = OffsetDateTime::now_utc();
    // The hot path: one statement that stores the vote only if every rule holds. When it stores
    // nothing, the ordinary reads below find out which rule failed, to answer accordingly.
    let stored = match identity_for(&ctx, &state, &conversation) {
        Some(identity) => {
            state
                .store
                .cast_vote_if_allowed(conversation.id, &identity, statement_id, choice, now)
                .await?
        }
        None => false,
    };
    if !stored {
        // Explain the refusal from fresh data, not the cached conversation.
        let conversation = visible_conversation(&state, &raw_id).await?;
        let participant = current_participant(&state, &ctx, &conversation).await?;
        if let Some((status, message_id)) =
            participation_refusal(&conversation, participant.as_ref())
        {
            return Ok(refusal(&ctx, &conversation, status, message_id, json));
        }
        let Some(participant) = participant else {
            return Err(AppError::Forbidden);
        };
        // Only statements participants may see can be voted on: a moderated-out statement is
        // as good as absent.
        if !may_vote_on(&state, &conversation, statement_id).await? {
            return Err(AppError::NotFound);
        }
        // Every rule holds now (something changed in between): store the vote.
        state
            .store
            .cast_vote(participant.id, statement_id, choice, now)
            .await?;
    }
    // Recompute the groups in the background; the vote itself never waits for the analysis.
    state.analysis_scheduler.notify(conversation.id);
    if json {
        let participation = load_participation(&state, &ctx, conversation).await?;
        let announcement = view::vote_announcement(&ctx, &participation, choice);
        let body = serde_json::json!({
            "html": view::voting_area(&ctx, &participation).into_string(),
            "announcement": announcement,
            "next_statement": participation.next.map(|id| id.0),
        });
        return Ok(Json(body).into_response());
    }
    Ok(Redirect::to(&format!(
        "{}#taking-part",
        conversation_path(conversation.id)
    ))
    .into_response())
}

/// One statement on its own page: to change a vote, read its fact cards or flag it.
#[derive(Debug, Default, serde::Deserialize)]
pub struct StatementQuery {
    flagged: Option<String>,
}

async fn show_statement(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_id, raw_statement_id)): Path<(String, String)>,
    Query(query): Query<StatementQuery>,
) -> Result<Response, AppError> {
    let conversation = visible_conversation(&state, &raw_id).await?;
    let statement_id = StatementId(id_from_path(&raw_statement_id)?);
    let participation = load_participation(&state, &ctx, conversation).await?;
    let own_pending = participation
        .own_pending
        .iter()
        .find(|statement| statement.id == statement_id);
    let Some(statement) = participation.statement(statement_id).or(own_pending) else {
        return Err(AppError::NotFound);
    };
    Ok(html_response(view::statement_page(
        &ctx,
        &participation,
        statement,
        query.flagged.is_some(),
    )))
}

// --- writing -------------------------------------------------------------------------------------------------

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct WriteForm {
    #[serde(default)]
    pub text: String,
    /// Set when the writer saw the similar statements and wants to post anyway.
    #[serde(default)]
    pub confirm_duplicate: Option<String>,
    /// Optional: the same statement in the other language, the author's own translation.
    #[serde(default)]
    pub translation: String,
}

async fn write_statement(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<WriteForm>,
) -> Result<Response, AppError> {
    let conversation = visible_conversation(&state, &raw_id).await?;
    let participant = current_participant(&state, &ctx, &conversation).await?;
    if let Some((status, message_id)) = participation_refusal(&conversation, participant.as_ref()) {
        return Ok(refusal(&ctx, &conversation, status, message_id, false));
    }
    let Some(participant) = participant else {
        return Err(AppError::Forbidden);
    };
    let mut errors = FormErrors::new();
    let text = match StatementText::parse(&form.text) {
        Ok(text) => Some(text),
        Err(error) => {
            errors.add("text", Message::new(error.message_id()));
            None
        }
    };
    let translation = text
        .as_ref()
        .and_then(|text| parse_author_translation(text, &form.translation, &mut errors));
    let (Some(text), true) = (text, errors.is_empty()) else {
        let participation = load_participation(&state, &ctx, conversation).await?;
        let page = view::ConversationPage {
            write_form: form,
            write_errors: errors,
            ..view::ConversationPage::new(&participation)
        };
        return Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            view::conversation_page(&ctx, &page),
        ));
    };
    let confirmed = form
        .confirm_duplicate
        .as_deref()
        .is_some_and(|v| !v.is_empty());
    if !confirmed {
        let (shown, _) = shown_statements(&state, &conversation).await?;
        let similar: Vec<StatementId> = near_duplicates(text.as_str(), &shown)
            .into_iter()
            .map(|(statement, _)| statement.id)
            .collect();
        if !similar.is_empty() {
            let participation = load_participation(&state, &ctx, conversation).await?;
            let page = view::ConversationPage {
                write_form: form,
                similar,
                ..view::ConversationPage::new(&participation)
            };
            return Ok(html_response(view::conversation_page(&ctx, &page)));
        }
    }
    let now = OffsetDateTime::now_utc();
    // Both modes store new statements as pending: under pre-moderation that hides them until a
    // facilitator accepts them; under post-moderation they show at once and still wait in the
    // facilitators' queue.
    let statement = state
        .store
        .add_statement(
            conversation.id,
            Some(participant.id),
            &text,
            false,
            ModerationStatus::Pending,
            now,
        )
        .await?;
    if let Some(translation) = translation {
        let author = match &participant.identity {
            ParticipantIdentity::User(user) => Some(*user),
            _ => None,
        };
        state
            .store
            .save_statement_translation(
                &NewStatementTranslation::of(
                    &statement,
                    translation,
                    Translator::Author { user: author },
                ),
                now,
            )
            .await?;
    }
    // As in Pol.is, writing a statement counts as agreeing with it.
    state
        .store
        .cast_vote(participant.id, statement.id, VoteChoice::Agree, now)
        .await?;
    // Results: recompute the opinion analysis in the background (never waits).
    state.analysis_scheduler.notify(conversation.id);
    let posted = match conversation.moderation_mode {
        ModerationMode::Pre => "review",
        ModerationMode::Post => "published",
    };
    Ok(Redirect::to(&format!(
        "{}?posted={posted}#write",
        conversation_path(conversation.id)
    ))
    .into_response())
}

/// The author's optional translation of `text` into the other language: `None` when left blank;
/// an error on the `translation` field when it is too long or plainly not in the other language.
fn parse_author_translation(
    text: &StatementText,
    raw: &str,
    errors: &mut FormErrors,
) -> Option<TranslationText> {
    let translation = errors.check("translation", TranslationText::parse_optional(raw))??;
    let wanted = text.language().other();
    if crate::deliberation::translations::plausibly_in(translation.as_str(), wanted) {
        Some(translation)
    } else {
        errors.add(
            "translation",
            Message::new(match wanted {
                sosei_core::Locale::Ja => "translation-error-not-japanese",
                sosei_core::Locale::En => "translation-error-not-english",
            }),
        );
        None
    }
}

// --- flagging -------------------------------------------------------------------------------------------------

async fn flag_statement(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_id, raw_statement_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let conversation = visible_conversation(&state, &raw_id).await?;
    let statement_id = StatementId(id_from_path(&raw_statement_id)?);
    let participant = current_participant(&state, &ctx, &conversation).await?;
    let Some(participant) = participant else {
        return Ok(refusal(
            &ctx,
            &conversation,
            StatusCode::FORBIDDEN,
            "participate-error-not-joined",
            false,
        ));
    };
    let (shown, _) = shown_statements(&state, &conversation).await?;
    if !shown.iter().any(|statement| statement.id == statement_id) {
        return Err(AppError::NotFound);
    }
    state
        .store
        .flag_statement(statement_id, participant.id, OffsetDateTime::now_utc())
        .await?;
    Ok(Redirect::to(&format!(
        "{}/statements/{statement_id}?flagged=1",
        conversation_path(conversation.id)
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sosei_core::{LocalizedText, OrganisationId};

    fn conversation(mode: ParticipationMode, questions: Vec<AttributeQuestion>) -> Conversation {
        Conversation {
            id: ConversationId(1),
            organisation: OrganisationId(1),
            region: None,
            title: LocalizedText::new("駅前", "Station"),
            question: LocalizedText::new("どうする？", "What now?"),
            description: LocalizedText::default(),
            state: ConversationState::Open,
            moderation_mode: ModerationMode::Post,
            participation_mode: mode,
            invitation_code: InvitationCode::parse("TONO-2026").ok(),
            attribute_questions: questions,
            district_options: vec!["土淵".to_owned(), "附馬牛".to_owned()],
            created_at: OffsetDateTime::UNIX_EPOCH,
            opened_at: None,
            closed_at: None,
        }
    }

    #[test]
    fn the_invitation_code_is_checked_after_folding_width() {
        let conversation = conversation(ParticipationMode::InvitationCode, vec![]);
        let with_code = |code: &str| JoinForm {
            code: code.to_owned(),
            ..JoinForm::default()
        };
        assert!(parse_join_form(&conversation, &with_code("ｔｏｎｏ－２０２６")).is_ok());
        assert!(parse_join_form(&conversation, &with_code("tono-2026")).is_ok());
        let wrong = parse_join_form(&conversation, &with_code("TONO-2025"))
            .expect_err("the form has a problem");
        assert_eq!(
            wrong.get("code").map(Message::id),
            Some("participate-error-code-wrong")
        );
        let missing =
            parse_join_form(&conversation, &with_code("")).expect_err("the form has a problem");
        assert_eq!(
            missing.get("code").map(Message::id),
            Some("participate-error-code-missing")
        );
    }

    #[test]
    fn every_attribute_question_needs_an_offered_answer() {
        let conversation = conversation(
            ParticipationMode::Anonymous,
            vec![AttributeQuestion::AgeBand, AttributeQuestion::District],
        );
        let answers = parse_join_form(
            &conversation,
            &JoinForm {
                age_band: "30s".to_owned(),
                district: "附馬牛".to_owned(),
                ..JoinForm::default()
            },
        )
        .expect("the form is valid");
        assert_eq!(answers.get("age_band").map(String::as_str), Some("30s"));
        assert_eq!(answers.get("district").map(String::as_str), Some("附馬牛"));
        let errors = parse_join_form(
            &conversation,
            &JoinForm {
                age_band: NO_ANSWER.to_owned(),
                district: "東京".to_owned(),
                ..JoinForm::default()
            },
        )
        .expect_err("the form has a problem");
        assert!(errors.get("age_band").is_none());
        assert!(errors.get("district").is_some());
    }
}
