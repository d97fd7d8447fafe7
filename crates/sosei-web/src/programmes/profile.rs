//! The signed-in participant's own profile (`/me/profile`): shown and edited only by its owner
//! here. The form (`profile_form`) keeps raw strings and is parsed once; on an error everything
//! typed is shown again with the problems named field by field.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sosei_store::StoreError;
use time::OffsetDateTime;

use super::form_body::FormBody;
use super::profile_form::{ProfileForm, parse_profile_form};
use super::{profile_view, sign_in_redirect};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{FormErrors, Message};
use crate::home::safe_return_path;
use crate::layout::{html_response, html_response_with_status};
use crate::state::AppState;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ProfileQuery {
    saved: Option<String>,
    return_to: Option<String>,
}

pub async fn show_profile(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ProfileQuery>,
) -> Result<Response, AppError> {
    let Some(user) = &ctx.user else {
        return Ok(sign_in_redirect(&ctx.path_and_query));
    };
    let (mut form, exists) = match state.store.participant_profile(user.id).await {
        Ok(profile) => (ProfileForm::from_profile(&profile), true),
        Err(StoreError::NotFound) => (ProfileForm::for_new_profile(user), false),
        Err(other) => return Err(other.into()),
    };
    form.return_to = query
        .return_to
        .filter(|path| safe_return_path(Some(path)) == *path)
        .unwrap_or_default();
    let skills = state.store.skills().await?;
    let view = profile_view::ProfileView {
        form: &form,
        errors: &FormErrors::new(),
        skills: &skills,
        exists,
        saved: query.saved.is_some(),
    };
    Ok(html_response(profile_view::profile_page(&ctx, &view)))
}

pub async fn save_profile(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Bytes,
) -> Result<Response, AppError> {
    let Some(user) = &ctx.user else {
        return Ok(sign_in_redirect("/me/profile"));
    };
    let form = ProfileForm::from_body(&FormBody::from(body));
    let skills = state.store.skills().await?;
    let profile = match parse_profile_form(&form, &skills) {
        Ok(profile) => profile,
        Err(errors) => {
            let exists = match state.store.participant_profile(user.id).await {
                Ok(_) => true,
                Err(StoreError::NotFound) => false,
                Err(other) => return Err(other.into()),
            };
            let view = profile_view::ProfileView {
                form: &form,
                errors: &errors,
                skills: &skills,
                exists,
                saved: false,
            };
            return Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                profile_view::profile_page(&ctx, &view),
            ));
        }
    };
    state
        .store
        .save_participant_profile(user.id, &profile, OffsetDateTime::now_utc())
        .await?;
    if form.return_to.is_empty() {
        return Ok(Redirect::to("/me/profile?saved=1").into_response());
    }
    Ok(crate::redirect::see_other_local(Some(&form.return_to)))
}

/// Problems named in the summary use the row number: 「言語（2行目）」.
pub fn profile_field_label(ctx: &Ctx, field: &str) -> String {
    let row = |prefix: &str| {
        field
            .strip_prefix(prefix)
            .and_then(|n| n.parse::<usize>().ok())
    };
    for (prefix, id) in [
        ("nationality_", "programmes-profile-row-nationality"),
        ("language_", "programmes-profile-row-language"),
        ("level_", "programmes-profile-row-level"),
        ("available_from_", "programmes-profile-row-from"),
        ("available_until_", "programmes-profile-row-until"),
    ] {
        if let Some(number) = row(prefix) {
            return Message::new(id).number("row", number).in_locale(ctx.locale);
        }
    }
    crate::forms::field_label(ctx, "programmes-profile", field)
}
