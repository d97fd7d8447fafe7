//! Translations on the moderation page: each statement (rejected ones left out) with its
//! translation into the other language, a form to add or edit it saying who made it (the
//! facilitator, a bilingual volunteer, or the author), a button to remove it, and — when the
//! operator configured a machine translation provider — a button to ask it for one. A filter
//! shows only the statements still lacking a translation; the dashboard counts them.
//!
//! Every route checks [`require_facilitator`] and writes an audit entry.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::deliberation::{Conversation, FacilitatorAction, Statement};
use sosei_core::statement_translation::{
    NewStatementTranslation, StatementTranslation, TranslationText, Translator, lacks_translation,
};
use sosei_core::{StatementId, User};
use time::OffsetDateTime;

use super::{conversation_id_from_path, format_moment, id_from_path, record_audit};
use crate::context::Ctx;
use crate::deliberation::require_facilitator;
use crate::deliberation::translations::{needs_translation, plausibly_in, translator_label};
use crate::error::AppError;
use crate::forms::{FormErrors, Message};
use crate::layout::csrf_field;
use crate::state::AppState;

/// Who made the translation a facilitator enters.
const TRANSLATOR_CHOICES: &[&str] = &["facilitator", "volunteer", "author"];

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct TranslationForm {
    #[serde(default)]
    pub text: String,
    /// One of [`TRANSLATOR_CHOICES`].
    #[serde(default)]
    pub translator: String,
}

/// A translation form sent back with its problems, for the statement it was about.
pub(crate) struct SentBackTranslation {
    pub statement: StatementId,
    pub form: TranslationForm,
    pub errors: FormErrors,
}

fn statement_action(conversation: &Conversation, statement: StatementId) -> String {
    format!(
        "/conversations/{}/moderation/statements/{statement}/translation",
        conversation.id
    )
}

/// The statement of this conversation named in the path, for a facilitator of it.
async fn facilitated_statement(
    state: &AppState,
    ctx: &Ctx,
    raw_id: &str,
    raw_statement: &str,
) -> Result<(Conversation, Statement), AppError> {
    let id = conversation_id_from_path(raw_id)?;
    let (conversation, _) = require_facilitator(state, ctx, id).await?;
    let statement = state
        .store
        .statement(StatementId(id_from_path(raw_statement)?))
        .await?;
    if statement.conversation != id {
        return Err(AppError::NotFound);
    }
    Ok((conversation, statement))
}

fn translator_from_form(choice: &str, user: &User) -> Option<Translator> {
    match choice.trim() {
        "facilitator" => Some(Translator::Facilitator {
            user: Some(user.id),
        }),
        "volunteer" => Some(Translator::Volunteer {
            entered_by: Some(user.id),
        }),
        "author" => Some(Translator::Author { user: None }),
        _ => None,
    }
}

/// Add or replace the statement's translation into the other language.
pub async fn save_translation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_id, raw_statement)): Path<(String, String)>,
    Form(form): Form<TranslationForm>,
) -> Result<Response, AppError> {
    let (conversation, statement) =
        facilitated_statement(&state, &ctx, &raw_id, &raw_statement).await?;
    let user = ctx.require_user()?;
    let mut errors = FormErrors::new();
    let wanted = statement.language.other();
    let text = errors
        .check("translation_text", TranslationText::parse(&form.text))
        .filter(|text| {
            let plausible = plausibly_in(text.as_str(), wanted);
            if !plausible {
                errors.add(
                    "translation_text",
                    Message::new(match wanted {
                        sosei_core::Locale::Ja => "translation-error-not-japanese",
                        sosei_core::Locale::En => "translation-error-not-english",
                    }),
                );
            }
            plausible
        });
    let translator = translator_from_form(&form.translator, user);
    if translator.is_none() {
        errors.add("translator", "facilitate-error-choice");
    }
    let (Some(text), Some(translator)) = (text, translator) else {
        let sent_back = SentBackTranslation {
            statement: statement.id,
            form,
            errors,
        };
        return Ok(crate::layout::html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            super::moderation::render_with_translation(&state, &ctx, &conversation, sent_back)
                .await?,
        ));
    };
    let translation = NewStatementTranslation::of(&statement, text, translator);
    state
        .store
        .save_statement_translation(&translation, OffsetDateTime::now_utc())
        .await?;
    record_audit(
        &state,
        conversation.id,
        user,
        FacilitatorAction::SaveTranslation,
        Some(format!("statement:{}", statement.id)),
        None,
    )
    .await?;
    Ok(redirect_to_statement(
        &conversation,
        statement.id,
        "translation-saved",
    ))
}

/// Remove the statement's translation into the other language.
pub async fn remove_translation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_id, raw_statement)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (conversation, statement) =
        facilitated_statement(&state, &ctx, &raw_id, &raw_statement).await?;
    let user = ctx.require_user()?;
    state
        .store
        .remove_statement_translation(statement.id, statement.language.other())
        .await?;
    record_audit(
        &state,
        conversation.id,
        user,
        FacilitatorAction::RemoveTranslation,
        Some(format!("statement:{}", statement.id)),
        None,
    )
    .await?;
    Ok(redirect_to_statement(
        &conversation,
        statement.id,
        "translation-removed",
    ))
}

/// Ask the configured machine translation provider for a translation (404 when none is
/// configured: the button is not offered then).
pub async fn machine_translation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_id, raw_statement)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (conversation, statement) =
        facilitated_statement(&state, &ctx, &raw_id, &raw_statement).await?;
    let user = ctx.require_user()?;
    let Some(translator) = state.machine_translator.clone() else {
        return Err(AppError::NotFound);
    };
    let wanted = statement.language.other();
    let translated = translator
        .translate(statement.text.as_str(), statement.language, wanted)
        .await
        .map_err(|error| {
            tracing::warn!(%error, statement = %statement.id, "machine translation failed");
            AppError::BadRequest {
                message_id: "translation-error-machine",
            }
        })?;
    let text = TranslationText::parse(&translated).map_err(|_| AppError::BadRequest {
        message_id: "translation-error-machine",
    })?;
    let translation = NewStatementTranslation::of(
        &statement,
        text,
        Translator::Machine {
            provider: translator.provider().clone(),
        },
    );
    state
        .store
        .save_statement_translation(&translation, OffsetDateTime::now_utc())
        .await?;
    record_audit(
        &state,
        conversation.id,
        user,
        FacilitatorAction::SaveTranslation,
        Some(format!("statement:{}", statement.id)),
        Some(translator.provider().as_str().to_owned()),
    )
    .await?;
    Ok(redirect_to_statement(
        &conversation,
        statement.id,
        "translation-saved",
    ))
}

fn redirect_to_statement(
    conversation: &Conversation,
    statement: StatementId,
    done: &str,
) -> Response {
    Redirect::to(&format!(
        "/conversations/{}/moderation?done={done}#translation-{statement}",
        conversation.id
    ))
    .into_response()
}

/// The translations section of the moderation page.
pub(crate) fn translations_section(
    ctx: &Ctx,
    conversation: &Conversation,
    statements: &[Statement],
    translations: &[StatementTranslation],
    only_missing: bool,
    sent_back: Option<&SentBackTranslation>,
    machine_provider: Option<&str>,
) -> Markup {
    let candidates: Vec<&Statement> = statements
        .iter()
        .filter(|statement| needs_translation(statement))
        .collect();
    let missing = candidates
        .iter()
        .filter(|statement| lacks_translation(statement, translations))
        .count();
    let listed: Vec<&Statement> = candidates
        .iter()
        .copied()
        .filter(|statement| !only_missing || lacks_translation(statement, translations))
        .collect();
    let base = format!("/conversations/{}/moderation", conversation.id);
    html! {
        section id="translations" aria-labelledby="translations-heading" {
            h2 id="translations-heading" {
                (ctx.t("translation-section-heading")) " "
                span class="count" id="missing-translations" {
                    (crate::i18n::t_args(ctx.locale, "translation-missing-count", &[("count", missing.into())]))
                }
            }
            p class="hint" { (ctx.t("translation-section-lead")) }
            nav class="chip-nav" aria-label=(ctx.t("translation-filter-label")) {
                ul {
                    li { a href={ (base) "#translations-heading" } aria-current=[(!only_missing).then_some("page")] { (ctx.t("translation-filter-all")) } }
                    li { a href={ (base) "?translations=missing#translations-heading" } aria-current=[only_missing.then_some("page")] { (ctx.t("translation-filter-missing")) } }
                }
            }
            @if listed.is_empty() {
                p class="empty-state" { (ctx.t("translation-none-missing")) }
            } @else {
                ol class="moderation-list translation-list" {
                    @for statement in &listed {
                        (translation_item(ctx, conversation, statement, translations, sent_back.filter(|s| s.statement == statement.id), machine_provider))
                    }
                }
            }
        }
    }
}

fn translation_item(
    ctx: &Ctx,
    conversation: &Conversation,
    statement: &Statement,
    translations: &[StatementTranslation],
    sent_back: Option<&SentBackTranslation>,
    machine_provider: Option<&str>,
) -> Markup {
    let wanted = statement.language.other();
    let existing = translations
        .iter()
        .find(|t| t.statement == statement.id && t.language == wanted);
    let action = statement_action(conversation, statement.id);
    let text_id = format!("translation-text-{}", statement.id);
    let translator_name = format!("translator-{}", statement.id);
    let empty_errors = FormErrors::new();
    let errors = sent_back.map_or(&empty_errors, |s| &s.errors);
    let typed_text = match (sent_back, existing) {
        (Some(sent_back), _) => sent_back.form.text.clone(),
        (None, Some(existing)) => existing.text.as_str().to_owned(),
        (None, None) => String::new(),
    };
    let chosen = match (sent_back, existing) {
        (Some(sent_back), _) => sent_back.form.translator.clone(),
        (None, Some(existing)) if existing.translator.kind().is_human() => {
            existing.translator.kind().as_str().to_owned()
        }
        _ => "facilitator".to_owned(),
    };
    let text_error = errors
        .get("translation_text")
        .map(|m| m.in_locale(ctx.locale));
    let translator_error = errors.get("translator").map(|m| m.in_locale(ctx.locale));
    let text_error_id = format!("{text_id}-error");
    html! {
        li class="moderation-item" id={ "translation-" (statement.id) } {
            p class="statement-text" lang=(statement.language.as_str()) { (statement.text.as_str()) }
            @match existing {
                Some(existing) => {
                    p class="translated-text" lang=(existing.language.as_str()) { (existing.text.as_str()) }
                    p class="small muted" {
                        (translator_label(ctx, &existing.translator)) " · " (format_moment(ctx, existing.updated_at))
                    }
                }
                None => {
                    p class="small" { span class="tag tag-flag" { (ctx.t("translation-missing-tag")) } }
                }
            }
            details class="translation-form" open[sent_back.is_some()] {
                summary {
                    @if existing.is_some() { (ctx.t("translation-edit")) } @else { (ctx.t("translation-add")) }
                }
                form method="post" action=(action) class="stacked" novalidate {
                    (csrf_field(ctx))
                    div class={ "field" @if text_error.is_some() { " field-invalid" } } {
                        label for=(text_id) {
                            (crate::i18n::t_args(ctx.locale, "translation-text-label", &[("language", wanted.as_str().into())]))
                        }
                        @if let Some(error) = &text_error {
                            span class="field-error" id=(text_error_id) role="alert" { (error) }
                        }
                        textarea id=(text_id) name="text" rows="3" lang=(wanted.as_str())
                            aria-invalid=[text_error.is_some().then_some("true")]
                            aria-describedby=[text_error.is_some().then_some(text_error_id.as_str())] { (typed_text) }
                    }
                    fieldset class={ "field" @if translator_error.is_some() { " field-invalid" } } {
                        legend { (ctx.t("translation-translator-legend")) }
                        @if let Some(error) = &translator_error {
                            span class="field-error" role="alert" { (error) }
                        }
                        @for choice in TRANSLATOR_CHOICES {
                            @let choice_id = format!("{translator_name}-{choice}");
                            div class="radio-field" {
                                input type="radio" id=(choice_id) name="translator" value=(choice) checked[chosen == *choice];
                                label for=(choice_id) { (ctx.t(&format!("translation-choice-{choice}"))) }
                            }
                        }
                    }
                    div class="form-actions" {
                        button type="submit" class="button button-small" { (ctx.t("translation-save")) }
                    }
                }
                @if let Some(provider) = machine_provider {
                    form method="post" action={ (action) "/machine" } class="inline-form" {
                        (csrf_field(ctx))
                        button type="submit" class="button button-small button-secondary" {
                            (crate::i18n::t_args(ctx.locale, "translation-machine-button", &[("provider", provider.to_owned().into())]))
                        }
                    }
                }
                @if existing.is_some() {
                    form method="post" action={ (action) "/remove" } class="inline-form" {
                        (csrf_field(ctx))
                        button type="submit" class="button button-small button-secondary" { (ctx.t("translation-remove")) }
                    }
                }
            }
        }
    }
}
