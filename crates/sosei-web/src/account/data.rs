//! Downloading one's data (the disclosure the Act on the Protection of Personal Information
//! gives a person): one JSON file with everything the site holds about the signed-in person and
//! nothing about anyone else.

use axum::extract::State;
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use sosei_store::StoreError;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::context::Ctx;
use crate::error::AppError;
use crate::state::AppState;

fn rfc3339(at: OffsetDateTime) -> Value {
    at.format(&Rfc3339)
        .map(Value::String)
        .unwrap_or(Value::Null)
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, AppError> {
    serde_json::to_value(value).map_err(|error| AppError::Internal(anyhow::Error::new(error)))
}

/// Everything about `user`, as the download holds it.
pub async fn personal_data_json(
    state: &AppState,
    user: &sosei_core::User,
) -> Result<Value, AppError> {
    let store = &state.store;
    let verified_at = store.email_verified_at(user.id).await?;
    let profile = match store.participant_profile(user.id).await {
        Ok(profile) => to_value(&profile)?,
        Err(StoreError::NotFound) => Value::Null,
        Err(other) => return Err(other.into()),
    };
    let mut applications = Vec::new();
    for application in store.applications_of_user(user.id).await? {
        let history = store.application_history(application.id).await?;
        applications.push(json!({
            "application": to_value(&application)?,
            "history": to_value(&history)?,
        }));
    }
    let mut memberships = Vec::new();
    for membership in store.memberships_of_user(user.id).await? {
        let organisation = store.organisation(membership.organisation_id).await?;
        memberships.push(json!({
            "organisation_id": membership.organisation_id,
            "organisation": organisation.slug.as_str(),
            "role": membership.role.as_str(),
        }));
    }
    let deliberation = store.personal_deliberation_data(user.id).await?;
    let participations: Vec<Value> = deliberation
        .participations
        .iter()
        .map(|participation| {
            json!({
                "conversation_id": participation.conversation,
                "answers": serde_json::from_str::<Value>(&participation.attributes_json)
                    .unwrap_or(Value::Null),
                "joined_at": rfc3339(participation.joined_at),
            })
        })
        .collect();
    let statements: Vec<Value> = deliberation
        .statements
        .iter()
        .map(|statement| {
            json!({
                "conversation_id": statement.conversation,
                "statement_id": statement.statement,
                "text": statement.text,
                "language": statement.language,
                "moderation": statement.moderation,
                "created_at": rfc3339(statement.created_at),
            })
        })
        .collect();
    let votes: Vec<Value> = deliberation
        .votes
        .iter()
        .map(|vote| {
            let choice = match vote.choice {
                1 => "agree",
                -1 => "disagree",
                _ => "pass",
            };
            json!({
                "conversation_id": vote.conversation,
                "statement_id": vote.statement,
                "statement_text": vote.statement_text,
                "choice": choice,
                "at": rfc3339(vote.at),
            })
        })
        .collect();
    let consents = to_value(&store.legal_acceptances_of(user.id).await?)?;
    let messages = to_value(&store.outbox_messages_for(user.id).await?)?;
    Ok(json!({
        "generated_at": rfc3339(OffsetDateTime::now_utc()),
        "account": {
            "id": user.id,
            "email": user.email.as_str(),
            "display_name": user.display_name.as_str(),
            "preferred_language": user.preferred_locale.map(|locale| locale.as_str()),
            "is_site_admin": user.is_site_admin,
            "created_at": rfc3339(user.created_at),
            "email_verified_at": verified_at.map(rfc3339),
        },
        "profile": profile,
        "applications": applications,
        "conversations": {
            "participations": participations,
            "statements": statements,
            "votes": votes,
        },
        "memberships": memberships,
        "consents": consents,
        "messages": messages,
    }))
}

pub async fn download(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let data = personal_data_json(&state, user).await?;
    let body = serde_json::to_vec_pretty(&data)
        .map_err(|error| AppError::Internal(anyhow::Error::new(error)))?;
    let disposition = format!("attachment; filename=\"sosei-data-{}.json\"", user.id);
    tracing::info!(user_id = %user.id, "personal data downloaded");
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
