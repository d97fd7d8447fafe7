//! Moderation: the queue of pending statements (oldest first), flagged statements (most flagged
//! first), the accepted ones, and the participants with ban / unban.
//!
//! Every control is a plain POST form, so moderation works without JavaScript. Each action
//! writes an audit entry; a rejection always carries its reason.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::deliberation::{
    AgeBand, AttributeQuestion, Conversation, FacilitatorAction, ModerationStatus, Participant,
    ParticipantIdentity, RelationshipToTown, Statement,
};
use sosei_core::text::optional_bounded_text;
use sosei_core::{ParticipantId, StatementId};

use super::translations::{SentBackTranslation, translations_section};
use super::{
    Section, conversation_header, conversation_id_from_path, format_moment, id_from_path,
    notice_for, notice_markup, record_audit,
};
use crate::context::Ctx;
use crate::deliberation::require_facilitator;
use crate::error::AppError;
use crate::forms::{FormErrors, Message};
use crate::layout::{csrf_field, html_response, html_response_with_status, page};
use crate::state::AppState;

pub const MAX_REASON_CHARS: usize = 500;

/// The reasons facilitators give most often, offered as a list so a rejection takes one click
/// and reads the same every time.
pub const COMMON_REASONS: &[&str] = &[
    "off_topic",
    "personal_attack",
    "personal_information",
    "duplicate",
    "advertising",
    "other",
];

fn reason_message_id(kind: &str) -> String {
    format!("facilitate-reason-{}", kind.replace('_', "-"))
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct StatementActionForm {
    /// `accept`, `reject`, `meta` or `unmeta`.
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason_kind: String,
    #[serde(default)]
    reason_text: String,
}

/// The reason a rejection is recorded with: a common reason, a written one, or both
/// ("個人への攻撃: …"). "Other" needs words.
pub fn parse_rejection_reason(ctx: &Ctx, form: &StatementActionForm) -> Result<String, FormErrors> {
    let mut errors = FormErrors::new();
    let kind = form.reason_kind.trim();
    let known_kind = COMMON_REASONS.contains(&kind).then_some(kind);
    if !kind.is_empty() && known_kind.is_none() {
        errors.add("reason_kind", "facilitate-error-choice");
    }
    let text = errors
        .check_text(
            "reason_text",
            optional_bounded_text(&form.reason_text, MAX_REASON_CHARS, true),
        )
        .flatten();
    if !errors.is_empty() {
        return Err(errors);
    }
    match (known_kind, text) {
        (None, None) => {
            errors.add("reason_kind", "facilitate-error-reason-required");
            Err(errors)
        }
        (Some("other"), None) => {
            errors.add("reason_text", "facilitate-error-reason-other");
            Err(errors)
        }
        (Some("other") | None, Some(text)) => Ok(text),
        (Some(kind), None) => Ok(ctx.t(&reason_message_id(kind))),
        (Some(kind), Some(text)) => Ok(format!(
            "{}{}{text}",
            ctx.t(&reason_message_id(kind)),
            ctx.t("facilitate-reason-separator")
        )),
    }
}

/// The moderation page's query: the notice after a redirect, and the translations filter.
#[derive(Debug, Default, serde::Deserialize)]
pub struct QueueQuery {
    done: Option<String>,
    /// `missing`: list only the statements still lacking a translation.
    translations: Option<String>,
}

pub async fn queue(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Query(query): Query<QueueQuery>,
) -> Result<Response, AppError> {
    let id = conversation_id_from_path(&raw_id)?;
    let (conversation, _) = require_facilitator(&state, &ctx, id).await?;
    let view = QueueView {
        notice: notice_for(&ctx, query.done.as_deref()),
        rejection: None,
        only_missing_translations: query.translations.as_deref() == Some("missing"),
        translation: None,
    };
    Ok(html_response(
        render_queue(&state, &ctx, &conversation, view).await?,
    ))
}

/// Accept, reject (with a reason) or mark as meta one statement.
pub async fn moderate_statement(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_id, raw_statement)): Path<(String, String)>,
    Form(form): Form<StatementActionForm>,
) -> Result<Response, AppError> {
    let id = conversation_id_from_path(&raw_id)?;
    let (conversation, user) = require_facilitator(&state, &ctx, id).await?;
    let statement = state
        .store
        .statement(StatementId(id_from_path(&raw_statement)?))
        .await?;
    if statement.conversation != id {
        return Err(AppError::NotFound);
    }
    let target = Some(format!("statement:{}", statement.id));
    let done = match form.action.as_str() {
        "accept" => {
            state
                .store
                .set_statement_moderation(statement.id, ModerationStatus::Accepted, None)
                .await?;
            record_audit(
                &state,
                id,
                user,
                FacilitatorAction::AcceptStatement,
                target,
                None,
            )
            .await?;
            state.analysis_scheduler.notify(id); // results: recompute in the background
            "accepted"
        }
        "reject" => match parse_rejection_reason(&ctx, &form) {
            Ok(reason) => {
                state
                    .store
                    .set_statement_moderation(
                        statement.id,
                        ModerationStatus::Rejected,
                        Some(&reason),
                    )
                    .await?;
                record_audit(
                    &state,
                    id,
                    user,
                    FacilitatorAction::RejectStatement,
                    target,
                    Some(reason),
                )
                .await?;
                state.analysis_scheduler.notify(id); // results: recompute in the background
                "rejected"
            }
            Err(errors) => {
                let view = QueueView {
                    notice: None,
                    rejection: Some((statement.id, form, errors)),
                    only_missing_translations: false,
                    translation: None,
                };
                return Ok(html_response_with_status(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    render_queue(&state, &ctx, &conversation, view).await?,
                ));
            }
        },
        "meta" | "unmeta" => {
            let is_meta = form.action == "meta";
            state
                .store
                .set_statement_meta(statement.id, is_meta)
                .await?;
            let action = if is_meta {
                FacilitatorAction::MarkMeta
            } else {
                FacilitatorAction::UnmarkMeta
            };
            record_audit(&state, id, user, action, target, None).await?;
            state.analysis_scheduler.notify(id); // results: recompute in the background
            if is_meta { "meta" } else { "unmeta" }
        }
        _ => {
            return Err(AppError::BadRequest {
                message_id: "facilitate-error-moderation-action",
            });
        }
    };
    Ok(Redirect::to(&format!("/conversations/{id}/moderation?done={done}")).into_response())
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ParticipantActionForm {
    /// `ban` or `unban`.
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
}

/// Ban or unban a participant. A banned participant's votes leave the analysis (the store's
/// tallies skip them) and their statements are hidden.
pub async fn moderate_participant(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_id, raw_participant)): Path<(String, String)>,
    Form(form): Form<ParticipantActionForm>,
) -> Result<Response, AppError> {
    let id = conversation_id_from_path(&raw_id)?;
    let (_, user) = require_facilitator(&state, &ctx, id).await?;
    let participant = state
        .store
        .participant(ParticipantId(id_from_path(&raw_participant)?))
        .await?;
    if participant.conversation != id {
        return Err(AppError::NotFound);
    }
    let (banned, action, done) = match form.action.as_str() {
        "ban" => (true, FacilitatorAction::BanParticipant, "banned"),
        "unban" => (false, FacilitatorAction::UnbanParticipant, "unbanned"),
        _ => {
            return Err(AppError::BadRequest {
                message_id: "facilitate-error-moderation-action",
            });
        }
    };
    // The reason is optional here and short; a longer one would not fit the log's column.
    let reason = optional_bounded_text(&form.reason, MAX_REASON_CHARS, false).map_err(|_| {
        AppError::BadRequest {
            message_id: "facilitate-error-reason-too-long",
        }
    })?;
    state
        .store
        .set_participant_banned(participant.id, banned)
        .await?;
    record_audit(
        &state,
        id,
        user,
        action,
        Some(format!("participant:{}", participant.id)),
        reason,
    )
    .await?;
    state.analysis_scheduler.notify(id); // results: recompute in the background
    Ok(Redirect::to(&format!(
        "/conversations/{id}/moderation?done={done}#participants-heading"
    ))
    .into_response())
}

struct QueueView {
    notice: Option<String>,
    /// A rejection sent back for its reason: the statement, the form as typed, the problems.
    rejection: Option<(StatementId, StatementActionForm, FormErrors)>,
    /// List only the statements that still lack a translation.
    only_missing_translations: bool,
    /// A translation form sent back with its problems.
    translation: Option<SentBackTranslation>,
}

/// The moderation page with a translation form sent back for correction.
pub(crate) async fn render_with_translation(
    state: &AppState,
    ctx: &Ctx,
    conversation: &Conversation,
    sent_back: SentBackTranslation,
) -> Result<Markup, AppError> {
    let view = QueueView {
        notice: None,
        rejection: None,
        only_missing_translations: false,
        translation: Some(sent_back),
    };
    render_queue(state, ctx, conversation, view).await
}

async fn render_queue(
    state: &AppState,
    ctx: &Ctx,
    conversation: &Conversation,
    view: QueueView,
) -> Result<Markup, AppError> {
    let id = conversation.id;
    let mut statements = state.store.statements(id).await?;
    statements.sort_by_key(|statement| (statement.created_at, statement.id));
    let flags = state.store.flag_counts(id).await?;
    let translations = state.store.statement_translations(id).await?;
    let participants = state.store.participants(id).await?;
    let mut votes_by_participant: BTreeMap<ParticipantId, usize> = BTreeMap::new();
    for vote in state.store.votes(id).await? {
        *votes_by_participant.entry(vote.participant).or_default() += 1;
    }

    let pending: Vec<&Statement> = statements
        .iter()
        .filter(|statement| statement.moderation == ModerationStatus::Pending)
        .collect();
    let mut flagged: Vec<(&Statement, i64)> = statements
        .iter()
        .filter(|statement| statement.moderation != ModerationStatus::Rejected)
        .filter_map(|statement| {
            flags
                .get(&statement.id)
                .filter(|count| **count > 0)
                .map(|count| (statement, *count))
        })
        .collect();
    flagged.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.created_at.cmp(&b.0.created_at)));
    let accepted: Vec<&Statement> = statements
        .iter()
        .filter(|statement| statement.moderation == ModerationStatus::Accepted)
        .collect();
    let rejected: Vec<&Statement> = statements
        .iter()
        .filter(|statement| statement.moderation == ModerationStatus::Rejected)
        .collect();

    let title = ctx.t("facilitate-moderation-title");
    let mode_hint = ctx.t(&format!(
        "facilitate-moderation-mode-{}",
        conversation.moderation_mode.as_str()
    ));
    let item = |statement: &Statement, flag_count: Option<i64>| {
        statement_item(ctx, conversation, statement, flag_count, &view)
    };
    let body = html! {
        (conversation_header(ctx, conversation, Section::Moderation, &title, true))
        (notice_markup(view.notice.as_deref()))
        p class="lead" { (mode_hint) }

        section aria-labelledby="pending-heading" {
            h2 id="pending-heading" { (ctx.t("facilitate-pending-heading")) " " span class="count" { "(" (pending.len()) ")" } }
            @if pending.is_empty() {
                p class="empty-state" { (ctx.t("facilitate-pending-empty")) }
            } @else {
                ol class="moderation-list" {
                    @for statement in &pending { (item(statement, flags.get(&statement.id).copied())) }
                }
            }
        }

        section aria-labelledby="flagged-heading" {
            h2 id="flagged-heading" { (ctx.t("facilitate-flagged-heading")) " " span class="count" { "(" (flagged.len()) ")" } }
            @if flagged.is_empty() {
                p class="empty-state" { (ctx.t("facilitate-flagged-empty")) }
            } @else {
                ol class="moderation-list" {
                    @for (statement, count) in &flagged { (item(statement, Some(*count))) }
                }
            }
        }

        section aria-labelledby="accepted-heading" {
            h2 id="accepted-heading" { (ctx.t("facilitate-accepted-heading")) " " span class="count" { "(" (accepted.len()) ")" } }
            @if accepted.is_empty() {
                p class="empty-state" { (ctx.t("facilitate-accepted-empty")) }
            } @else {
                details open[accepted.len() <= 20] {
                    summary { (ctx.t("facilitate-accepted-summary")) }
                    ol class="moderation-list" {
                        @for statement in &accepted { (item(statement, flags.get(&statement.id).copied())) }
                    }
                }
            }
        }

        @if !rejected.is_empty() {
            section aria-labelledby="rejected-heading" {
                h2 id="rejected-heading" { (ctx.t("facilitate-rejected-heading")) " " span class="count" { "(" (rejected.len()) ")" } }
                details {
                    summary { (ctx.t("facilitate-rejected-summary")) }
                    ol class="moderation-list" {
                        @for statement in &rejected { (item(statement, flags.get(&statement.id).copied())) }
                    }
                }
            }
        }

        (translations_section(
            ctx,
            conversation,
            &statements,
            &translations,
            view.only_missing_translations,
            view.translation.as_ref(),
            state.machine_translator.as_ref().map(|translator| translator.provider().as_str()),
        ))

        section aria-labelledby="participants-heading" {
            h2 id="participants-heading" { (ctx.t("facilitate-participants-heading")) " " span class="count" { "(" (participants.len()) ")" } }
            p class="hint" { (ctx.t("facilitate-participants-lead")) }
            @if participants.is_empty() {
                p class="empty-state" { (ctx.t("facilitate-participants-empty")) }
            } @else {
                (participants_table(ctx, conversation, &participants, &votes_by_participant))
            }
        }
    };
    Ok(page(ctx, &title, body))
}

/// One statement with its tags and the actions that apply to it.
fn statement_item(
    ctx: &Ctx,
    conversation: &Conversation,
    statement: &Statement,
    flag_count: Option<i64>,
    view: &QueueView,
) -> Markup {
    let action = format!(
        "/conversations/{}/moderation/statements/{}",
        conversation.id, statement.id
    );
    let author = match statement.author {
        Some(author) => crate::i18n::t_args(
            ctx.locale,
            "facilitate-participant-name",
            &[("id", author.0.into())],
        ),
        None if statement.is_seed => ctx.t("facilitate-author-facilitator"),
        None => ctx.t("facilitate-author-unknown"),
    };
    let button = |value: &str, label_id: &str, class: &str| {
        html! {
            form method="post" action=(action) class="inline-form" {
                (csrf_field(ctx))
                input type="hidden" name="action" value=(value);
                button type="submit" class=(class) { (ctx.t(label_id)) }
            }
        }
    };
    let rejection = view
        .rejection
        .as_ref()
        .filter(|(rejected, _, _)| *rejected == statement.id);
    html! {
        li class={ "moderation-item" @if statement.is_meta { " is-meta" } } id={ "statement-" (statement.id) } {
            p class="statement-text" lang=(statement.language.as_str()) { (statement.text.as_str()) }
            p class="moderation-meta small muted" {
                (author) " · " (format_moment(ctx, statement.created_at))
                @if statement.is_seed { " " span class="tag" { (ctx.t("facilitate-tag-seed")) } }
                @if statement.is_meta { " " span class="tag tag-meta" { (ctx.t("facilitate-tag-meta")) } }
                @if let Some(count) = flag_count.filter(|count| *count > 0) {
                    " " span class="tag tag-flag" {
                        (crate::i18n::t_args(ctx.locale, "facilitate-flag-count", &[("count", count.into())]))
                    }
                }
            }
            @if let Some(reason) = statement.rejection_reason.as_deref().filter(|_| statement.moderation == ModerationStatus::Rejected) {
                p class="small" { (ctx.t("facilitate-rejection-reason")) (ctx.t("facilitate-reason-separator")) (reason) }
            }
            div class="moderation-actions" {
                @if statement.moderation != ModerationStatus::Accepted {
                    (button("accept", "facilitate-accept", "button button-small"))
                }
                @if statement.is_meta {
                    (button("unmeta", "facilitate-unmark-meta", "button button-small button-secondary"))
                } @else {
                    (button("meta", "facilitate-mark-meta", "button button-small button-secondary"))
                }
            }
            @if statement.moderation != ModerationStatus::Rejected {
                (reject_form(ctx, &action, statement.id, rejection.map(|(_, form, errors)| (form, errors))))
            }
        }
    }
}

/// The rejection form of one statement. Its controls carry the statement's id, since a page of
/// many statements has many such forms and ids must stay unique.
fn reject_form(
    ctx: &Ctx,
    action: &str,
    statement: StatementId,
    sent_back: Option<(&StatementActionForm, &FormErrors)>,
) -> Markup {
    let empty_form = StatementActionForm::default();
    let empty_errors = FormErrors::new();
    let (form, errors) = sent_back.unwrap_or((&empty_form, &empty_errors));
    let kind_id = format!("reason-kind-{statement}");
    let text_id = format!("reason-text-{statement}");
    let error_of = |field: &str| {
        errors
            .get(field)
            .map(|message: &Message| message.in_locale(ctx.locale))
    };
    let kind_error = error_of("reason_kind");
    let text_error = error_of("reason_text");
    html! {
        details class="reject-form" open[sent_back.is_some()] {
            summary { (ctx.t("facilitate-reject")) }
            form method="post" action=(action) class="stacked" novalidate {
                (csrf_field(ctx))
                input type="hidden" name="action" value="reject";
                div class={ "field" @if kind_error.is_some() { " field-invalid" } } {
                    label for=(kind_id) { (ctx.t("facilitate-field-reason-kind")) }
                    @if let Some(error) = &kind_error {
                        span class="field-error" id={ (kind_id) "-error" } role="alert" { (error) }
                    }
                    select id=(kind_id) name="reason_kind"
                        aria-invalid=[kind_error.as_ref().map(|_| "true")]
                        aria-describedby=[kind_error.as_ref().map(|_| format!("{kind_id}-error"))] {
                        option value="" { (ctx.t("facilitate-reason-choose")) }
                        @for kind in COMMON_REASONS {
                            option value=(kind) selected[form.reason_kind == *kind] { (ctx.t(&reason_message_id(kind))) }
                        }
                    }
                }
                div class={ "field" @if text_error.is_some() { " field-invalid" } } {
                    label for=(text_id) { (ctx.t("facilitate-field-reason-text")) }
                    span class="hint" id={ (text_id) "-hint" } { (ctx.t("facilitate-hint-reason-text")) }
                    @if let Some(error) = &text_error {
                        span class="field-error" id={ (text_id) "-error" } role="alert" { (error) }
                    }
                    textarea id=(text_id) name="reason_text" rows="2"
                        aria-invalid=[text_error.as_ref().map(|_| "true")]
                        aria-describedby={ (text_id) "-hint" @if text_error.is_some() { " " (text_id) "-error" } } {
                        (form.reason_text)
                    }
                }
                div class="form-actions" {
                    button type="submit" class="button button-small button-danger" { (ctx.t("facilitate-reject-confirm")) }
                }
            }
        }
    }
}

fn participants_table(
    ctx: &Ctx,
    conversation: &Conversation,
    participants: &[Participant],
    votes_by_participant: &BTreeMap<ParticipantId, usize>,
) -> Markup {
    html! {
        table class="participant-table" {
            caption class="visually-hidden" { (ctx.t("facilitate-participants-heading")) }
            thead {
                tr {
                    th scope="col" { (ctx.t("facilitate-participant")) }
                    th scope="col" { (ctx.t("facilitate-participant-kind")) }
                    th scope="col" { (ctx.t("facilitate-participant-attributes")) }
                    th scope="col" { (ctx.t("facilitate-participant-votes")) }
                    th scope="col" { (ctx.t("facilitate-participant-status")) }
                }
            }
            tbody {
                @for participant in participants {
                    @let name = crate::i18n::t_args(ctx.locale, "facilitate-participant-name", &[("id", participant.id.0.into())]);
                    tr class=[participant.banned.then_some("is-banned")] {
                        th scope="row" { (name) }
                        td { (ctx.t(identity_message_id(&participant.identity))) }
                        td {
                            @if participant.attributes.is_empty() {
                                span class="muted" { "—" }
                            } @else {
                                ul class="attribute-list" {
                                    @for (question, answer) in &participant.attributes {
                                        li { (attribute_question_label(ctx, question)) (ctx.t("facilitate-reason-separator")) (attribute_answer_label(ctx, question, answer)) }
                                    }
                                }
                            }
                        }
                        td { (votes_by_participant.get(&participant.id).copied().unwrap_or(0)) }
                        td {
                            form method="post" action={ "/conversations/" (conversation.id) "/moderation/participants/" (participant.id) } class="ban-form" {
                                (csrf_field(ctx))
                                @if participant.banned {
                                    span class="tag tag-flag" { (ctx.t("facilitate-banned")) } " "
                                    input type="hidden" name="action" value="unban";
                                    button type="submit" class="link-button small" { (ctx.t("facilitate-unban")) }
                                } @else {
                                    input type="hidden" name="action" value="ban";
                                    label class="visually-hidden" for={ "ban-reason-" (participant.id) } {
                                        (crate::i18n::t_args(ctx.locale, "facilitate-ban-reason-label", &[("name", name.clone().into())]))
                                    }
                                    input type="text" name="reason" id={ "ban-reason-" (participant.id) }
                                        placeholder=(ctx.t("facilitate-ban-reason-placeholder")) class="small";
                                    " "
                                    button type="submit" class="link-button small"
                                        aria-label=(crate::i18n::t_args(ctx.locale, "facilitate-ban-label", &[("name", name.clone().into())])) {
                                        (ctx.t("facilitate-ban"))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn identity_message_id(identity: &ParticipantIdentity) -> &'static str {
    match identity {
        ParticipantIdentity::User(_) => "facilitate-identity-user",
        ParticipantIdentity::Pseudonym(_) => "facilitate-identity-pseudonym",
        ParticipantIdentity::External(_) => "facilitate-identity-external",
    }
}

/// The label of an attribute question by its stored name; unknown names are shown as stored.
pub(crate) fn attribute_question_label(ctx: &Ctx, question: &str) -> String {
    match AttributeQuestion::parse(question) {
        Some(question) => ctx.t(&format!(
            "facilitate-attribute-{}",
            question.as_str().replace('_', "-")
        )),
        None => question.to_owned(),
    }
}

/// An answer in words: age bands and relationships have labels, districts are names already.
pub(crate) fn attribute_answer_label(ctx: &Ctx, question: &str, answer: &str) -> String {
    match AttributeQuestion::parse(question) {
        Some(AttributeQuestion::AgeBand) => match AgeBand::parse(answer) {
            Some(band) => ctx.t(&format!(
                "facilitate-age-{}",
                band.as_str().replace('_', "-")
            )),
            None => answer.to_owned(),
        },
        Some(AttributeQuestion::Relationship) => match RelationshipToTown::parse(answer) {
            Some(relationship) => ctx.t(&format!(
                "facilitate-relationship-{}",
                relationship.as_str().replace('_', "-")
            )),
            None => answer.to_owned(),
        },
        _ => answer.to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use sosei_core::Locale;

    fn ctx() -> Ctx {
        Ctx {
            locale: Locale::Ja,
            user: None,
            session_token_hash: None,
            visitor_id: "v".into(),
            csrf_token: "t".into(),
            path_and_query: "/".into(),
            public_url: None,
        }
    }

    fn form(kind: &str, text: &str) -> StatementActionForm {
        StatementActionForm {
            action: "reject".into(),
            reason_kind: kind.into(),
            reason_text: text.into(),
        }
    }

    #[test]
    fn a_rejection_needs_a_reason() {
        let ctx = ctx();
        let errors = parse_rejection_reason(&ctx, &form("", "  ")).unwrap_err();
        assert_eq!(
            errors.get("reason_kind").map(Message::id),
            Some("facilitate-error-reason-required")
        );
        let errors = parse_rejection_reason(&ctx, &form("other", "")).unwrap_err();
        assert_eq!(
            errors.get("reason_text").map(Message::id),
            Some("facilitate-error-reason-other")
        );
        assert!(parse_rejection_reason(&ctx, &form("made_up", "x")).is_err());
    }

    #[test]
    fn common_reasons_and_written_ones_combine() {
        let ctx = ctx();
        let common = parse_rejection_reason(&ctx, &form("personal_attack", "")).unwrap();
        assert_eq!(common, ctx.t("facilitate-reason-personal-attack"));
        let both = parse_rejection_reason(&ctx, &form("duplicate", "#3 と同じ")).unwrap();
        assert!(
            both.starts_with(&ctx.t("facilitate-reason-duplicate")) && both.ends_with("#3 と同じ"),
            "{both}"
        );
        assert_eq!(
            parse_rejection_reason(&ctx, &form("other", "話題がずれています")).unwrap(),
            "話題がずれています"
        );
    }
}
