//! The facilitator's overview of one conversation (counts, state, facilitators, seed
//! statements) and the audit log.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::deliberation::{
    AuditEntry, Conversation, FacilitatorAction, ModerationStatus, StatementText,
};
use sosei_core::{EmailAddress, User, UserId};
use time::OffsetDateTime;

use super::settings::state_buttons;
use super::{
    Section, conversation_header, conversation_id_from_path, format_moment, notice_for,
    notice_markup, record_audit,
};
use crate::context::Ctx;
use crate::deliberation::require_facilitator;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, field_label};
use crate::layout::{csrf_field, html_response, html_response_with_status, page};
use crate::organisations::user_by_email;
use crate::regions::found;
use crate::state::AppState;

#[derive(Debug, Default, serde::Deserialize)]
pub struct DoneQuery {
    pub(crate) done: Option<String>,
}

/// The forms on the dashboard as typed, with their errors after a failed submit.
#[derive(Default)]
struct DashboardForms {
    seed_text: String,
    seed_errors: FormErrors,
    facilitator_email: String,
    facilitator_errors: FormErrors,
    notice: Option<String>,
}

/// The numbers a facilitator checks first.
struct Counts {
    participants: usize,
    banned: usize,
    accepted: usize,
    pending: usize,
    flagged: usize,
    votes: i64,
    fact_cards: usize,
    /// Statements (rejected ones left out) without a translation into the other language.
    missing_translations: usize,
}

async fn counts(state: &AppState, conversation: &Conversation) -> Result<Counts, AppError> {
    let id = conversation.id;
    let participants = state.store.participants(id).await?;
    let statements = state.store.statements(id).await?;
    let flags = state.store.flag_counts(id).await?;
    let rejected = |statement_id| {
        statements
            .iter()
            .any(|s| s.id == statement_id && s.moderation == ModerationStatus::Rejected)
    };
    Ok(Counts {
        participants: participants.len(),
        banned: participants.iter().filter(|p| p.banned).count(),
        accepted: statements
            .iter()
            .filter(|s| s.moderation == ModerationStatus::Accepted)
            .count(),
        pending: statements
            .iter()
            .filter(|s| s.moderation == ModerationStatus::Pending)
            .count(),
        flagged: flags
            .iter()
            .filter(|(statement, count)| **count > 0 && !rejected(**statement))
            .count(),
        votes: state.store.count_votes(id).await?,
        fact_cards: state.store.fact_cards(id).await?.len(),
        missing_translations: crate::deliberation::translations::missing_translations(
            &statements,
            &state.store.statement_translations(id).await?,
        ),
    })
}

pub async fn dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let id = conversation_id_from_path(&raw_id)?;
    let (conversation, _) = require_facilitator(&state, &ctx, id).await?;
    let forms = DashboardForms {
        notice: notice_for(&ctx, query.done.as_deref()),
        ..DashboardForms::default()
    };
    let markup = render_dashboard(&state, &ctx, &conversation, forms).await?;
    Ok(html_response(markup))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct SeedForm {
    #[serde(default)]
    text: String,
}

/// A facilitator's own statement to start the conversation: accepted at once.
pub async fn add_seed_statement(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<SeedForm>,
) -> Result<Response, AppError> {
    let id = conversation_id_from_path(&raw_id)?;
    let (conversation, user) = require_facilitator(&state, &ctx, id).await?;
    let mut errors = FormErrors::new();
    match errors.check("text", StatementText::parse(&form.text)) {
        Some(text) => {
            let statement = state
                .store
                .add_statement(
                    id,
                    None,
                    &text,
                    true,
                    ModerationStatus::Accepted,
                    OffsetDateTime::now_utc(),
                )
                .await?;
            record_audit(
                &state,
                id,
                user,
                FacilitatorAction::AddSeedStatement,
                Some(format!("statement:{}", statement.id)),
                None,
            )
            .await?;
            Ok(Redirect::to(&format!(
                "/conversations/{id}/manage?done=seed#seed-heading"
            ))
            .into_response())
        }
        None => {
            let forms = DashboardForms {
                seed_text: form.text,
                seed_errors: errors,
                ..DashboardForms::default()
            };
            let markup = render_dashboard(&state, &ctx, &conversation, forms).await?;
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                markup,
            ))
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct FacilitatorForm {
    #[serde(default)]
    email: String,
    /// `add` or `remove`.
    #[serde(default)]
    action: String,
}

/// Name a person as facilitator of this conversation by e-mail address, or remove one.
pub async fn change_facilitator(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<FacilitatorForm>,
) -> Result<Response, AppError> {
    let id = conversation_id_from_path(&raw_id)?;
    let (conversation, user) = require_facilitator(&state, &ctx, id).await?;
    let adding = match form.action.as_str() {
        "add" => true,
        "remove" => false,
        // The buttons send the action; anything else did not come from this page.
        _ => {
            return Err(AppError::BadRequest {
                message_id: "facilitate-error-facilitator-action",
            });
        }
    };
    let mut errors = FormErrors::new();
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let target = match &email {
        Some(email) => errors.require(
            "email",
            user_by_email(&state, email).await?,
            "facilitate-error-no-such-user",
        ),
        None => None,
    };
    match target {
        Some(target) if errors.is_empty() => {
            let (action, done) = if adding {
                state.store.add_facilitator(id, target.id).await?;
                (FacilitatorAction::AddFacilitator, "facilitator-added")
            } else {
                state.store.remove_facilitator(id, target.id).await?;
                (FacilitatorAction::RemoveFacilitator, "facilitator-removed")
            };
            record_audit(
                &state,
                id,
                user,
                action,
                Some(format!("user:{}", target.id)),
                None,
            )
            .await?;
            Ok(Redirect::to(&format!(
                "/conversations/{id}/manage?done={done}#facilitators-heading"
            ))
            .into_response())
        }
        _ => {
            let forms = DashboardForms {
                facilitator_email: form.email,
                facilitator_errors: errors,
                ..DashboardForms::default()
            };
            let markup = render_dashboard(&state, &ctx, &conversation, forms).await?;
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                markup,
            ))
        }
    }
}

fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "facilitate", field)
}

async fn render_dashboard(
    state: &AppState,
    ctx: &Ctx,
    conversation: &Conversation,
    forms: DashboardForms,
) -> Result<Markup, AppError> {
    let id = conversation.id;
    let counts = counts(state, conversation).await?;
    let facilitators = state.store.facilitators(id).await?;
    let seeds: Vec<_> = state
        .store
        .statements(id)
        .await?
        .into_iter()
        .filter(|statement| statement.is_seed)
        .collect();
    let title = ctx.t("facilitate-dashboard-title");
    let count = |label_id: &str, value: String, link: Option<&str>| {
        html! {
            div class="stat" {
                dt { (ctx.t(label_id)) }
                dd {
                    @if let Some(path) = link {
                        a href={ "/conversations/" (id) (path) } { (value) }
                    } @else {
                        (value)
                    }
                }
            }
        }
    };
    let participants = if counts.banned > 0 {
        crate::i18n::t_args(
            ctx.locale,
            "facilitate-count-participants-banned",
            &[
                ("count", counts.participants.into()),
                ("banned", counts.banned.into()),
            ],
        )
    } else {
        counts.participants.to_string()
    };
    let body = html! {
        (conversation_header(ctx, conversation, Section::Dashboard, &title, true))
        (notice_markup(forms.notice.as_deref()))
        dl class="facts stat-list" {
            (count("facilitate-count-participants", participants, Some("/moderation#participants-heading")))
            (count("facilitate-count-accepted", counts.accepted.to_string(), None))
            (count("facilitate-count-pending", counts.pending.to_string(), Some("/moderation")))
            (count("facilitate-count-flagged", counts.flagged.to_string(), Some("/moderation#flagged-heading")))
            (count("facilitate-count-votes", counts.votes.to_string(), None))
            (count("facilitate-count-facts", counts.fact_cards.to_string(), Some("/facts")))
            (count("translation-dashboard-missing", counts.missing_translations.to_string(), Some("/moderation?translations=missing#translations-heading")))
        }

        section aria-labelledby="state-heading" {
            h2 id="state-heading" { (ctx.t("facilitate-state-heading")) }
            p {
                (ctx.t("facilitate-state-now")) " "
                strong { (super::settings::state_label(ctx, conversation.state)) }
            }
            (state_buttons(ctx, conversation))
        }

        section aria-labelledby="seed-heading" {
            h2 id="seed-heading" { (ctx.t("facilitate-seed-heading")) }
            p class="hint" { (ctx.t("facilitate-seed-lead")) }
            @if seeds.is_empty() {
                p class="muted" { (ctx.t("facilitate-seed-none")) }
            } @else {
                ul class="statement-list" {
                    @for seed in &seeds {
                        li lang=(seed.language.as_str()) { (seed.text.as_str()) }
                    }
                }
            }
            (forms.seed_errors.summary(ctx, |_| label(ctx, "seed_text")))
            form method="post" action={ "/conversations/" (id) "/seed-statements" } class="stacked" novalidate {
                (csrf_field(ctx))
                (Field::new("text", label(ctx, "seed_text")).value(&forms.seed_text)
                    .hint(ctx.t("facilitate-hint-statement")).required()
                    .textarea(ctx, &forms.seed_errors, 3))
                div class="form-actions" {
                    button type="submit" class="button" { (ctx.t("facilitate-seed-add")) }
                }
            }
        }

        section aria-labelledby="facilitators-heading" {
            h2 id="facilitators-heading" { (ctx.t("facilitate-facilitators-heading")) }
            p class="hint" { (ctx.t("facilitate-facilitators-lead")) }
            @if facilitators.is_empty() {
                p class="muted" { (ctx.t("facilitate-facilitators-none")) }
            } @else {
                ul class="facilitator-list" {
                    @for facilitator in &facilitators {
                        li {
                            (facilitator.display_name.as_str()) " "
                            span class="muted small" { (facilitator.email.as_str()) } " "
                            form method="post" action={ "/conversations/" (id) "/facilitators" } class="inline-form" {
                                (csrf_field(ctx))
                                input type="hidden" name="email" value=(facilitator.email.as_str());
                                input type="hidden" name="action" value="remove";
                                button type="submit" class="link-button small"
                                    aria-label=(crate::i18n::t_args(ctx.locale, "facilitate-facilitator-remove-label",
                                        &[("name", facilitator.display_name.as_str().into())])) {
                                    (ctx.t("facilitate-facilitator-remove"))
                                }
                            }
                        }
                    }
                }
            }
            (forms.facilitator_errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action={ "/conversations/" (id) "/facilitators" } class="stacked" novalidate {
                (csrf_field(ctx))
                input type="hidden" name="action" value="add";
                (Field::new("email", label(ctx, "email")).value(&forms.facilitator_email)
                    .hint(ctx.t("facilitate-hint-facilitator-email")).required()
                    .input(ctx, &forms.facilitator_errors, "email"))
                div class="form-actions" {
                    button type="submit" class="button" { (ctx.t("facilitate-facilitator-add")) }
                }
            }
        }
    };
    Ok(page(ctx, &title, body))
}

/// The audit log, newest first: who did what to what, and why.
pub async fn audit_log(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let id = conversation_id_from_path(&raw_id)?;
    let (conversation, _) = require_facilitator(&state, &ctx, id).await?;
    let entries = state.store.audit_log(id).await?;
    let ctx = &ctx;
    let mut actors: Vec<User> = Vec::new();
    // People named in the log, as actors or as facilitators added or removed.
    let named = entries.iter().flat_map(|entry| {
        let target_user = entry
            .target
            .as_deref()
            .and_then(|target| target.strip_prefix("user:"))
            .and_then(|number| number.parse::<i64>().ok())
            .map(UserId);
        [entry.actor, target_user]
    });
    for person in named.flatten().collect::<Vec<UserId>>() {
        if !actors.iter().any(|known| known.id == person)
            && let Some(user) = found(state.store.user(person).await)?
        {
            actors.push(user);
        }
    }
    let actor_name = |actor: Option<UserId>| -> String {
        match actor {
            None => ctx.t("facilitate-audit-system"),
            Some(actor) => actors
                .iter()
                .find(|user| user.id == actor)
                .map(|user| user.display_name.as_str().to_owned())
                .unwrap_or_else(|| ctx.t("facilitate-audit-unknown-user")),
        }
    };
    let title = ctx.t("facilitate-audit-title");
    let body = html! {
        (conversation_header(ctx, &conversation, Section::Audit, &title, true))
        p class="lead" { (ctx.t("facilitate-audit-lead")) }
        @if entries.is_empty() {
            p class="empty-state" { (ctx.t("facilitate-audit-empty")) }
        } @else {
            table class="audit-log" {
                caption class="visually-hidden" { (title) }
                thead {
                    tr {
                        th scope="col" { (ctx.t("facilitate-audit-when")) }
                        th scope="col" { (ctx.t("facilitate-audit-who")) }
                        th scope="col" { (ctx.t("facilitate-audit-what")) }
                        th scope="col" { (ctx.t("facilitate-audit-target")) }
                        th scope="col" { (ctx.t("facilitate-audit-reason")) }
                    }
                }
                tbody {
                    @for entry in &entries {
                        tr {
                            td { time datetime=(rfc3339(entry)) { (format_moment(ctx, entry.at)) } }
                            td { (actor_name(entry.actor)) }
                            td { (ctx.t(&action_message_id(entry.action))) }
                            td { (target_label(ctx, entry.target.as_deref(), &actors)) }
                            td { (entry.reason.as_deref().unwrap_or("")) }
                        }
                    }
                }
            }
        }
    };
    Ok(html_response(page(ctx, &title, body)))
}

fn rfc3339(entry: &AuditEntry) -> String {
    entry
        .at
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

pub(crate) fn action_message_id(action: FacilitatorAction) -> String {
    format!("facilitate-action-{}", action.as_str().replace('_', "-"))
}

/// `statement:12` as "意見 #12"; people named by their display name when known.
fn target_label(ctx: &Ctx, target: Option<&str>, known_users: &[User]) -> String {
    let Some(target) = target else {
        return String::new();
    };
    let Some((kind, number)) = target.split_once(':') else {
        return target.to_owned();
    };
    if kind == "user"
        && let Some(user) = known_users
            .iter()
            .find(|user| user.id.0.to_string() == number)
    {
        return user.display_name.as_str().to_owned();
    }
    match kind {
        "conversation" | "statement" | "participant" | "fact_card" | "user" => format!(
            "{} #{number}",
            ctx.t(&format!("facilitate-target-{}", kind.replace('_', "-")))
        ),
        _ => target.to_owned(),
    }
}
