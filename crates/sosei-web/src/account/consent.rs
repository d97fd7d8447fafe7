//! Consent to the terms of use and the privacy policy: the checkbox at sign-up, the page that
//! asks a signed-in person to accept a newly published version, and [`consent_gate`], which
//! sends them there before anything else.
//!
//! A form names the versions it showed (`terms_version`, `privacy_version`); when a newer one
//! was published meanwhile, the form is shown again with the new one, so nobody accepts a text
//! they were not shown.

use axum::Form;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{Method, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::User;
use sosei_core::legal::LegalDocumentKind;
use time::OffsetDateTime;

use crate::account::documents::{document_message_id, document_version_name, version_path};
use crate::context::Ctx;
use crate::error::{AppError, ErrorReport};
use crate::forms::{FormErrors, control_id};
use crate::home::safe_return_path;
use crate::layout::{csrf_field, html_response, html_response_with_status, page, percent_encode};
use crate::state::AppState;

/// The form field of the consent checkbox.
pub const ACCEPT_FIELD: &str = "accept_terms";

/// The versions a form showed, as it sends them back.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct ShownVersions {
    pub terms_version: Option<String>,
    pub privacy_version: Option<String>,
}

/// The current version of each document.
pub async fn current_versions(state: &AppState) -> Result<Vec<(LegalDocumentKind, i64)>, AppError> {
    let mut versions = Vec::new();
    for kind in LegalDocumentKind::ALL {
        let document = state.store.current_legal_document(kind).await?;
        versions.push((kind, document.version));
    }
    Ok(versions)
}

/// The hidden fields naming `versions`, and the checkbox with links to the documents.
pub fn consent_fields(
    ctx: &Ctx,
    errors: &FormErrors,
    versions: &[(LegalDocumentKind, i64)],
    checked: bool,
) -> Markup {
    let error = errors.get(ACCEPT_FIELD);
    let error_id = format!("{ACCEPT_FIELD}-error");
    let id = control_id(ACCEPT_FIELD);
    let link = |kind: LegalDocumentKind| {
        let version = versions
            .iter()
            .find(|(shown, _)| *shown == kind)
            .map(|(_, version)| *version);
        let href = version.map_or_else(|| format!("/{}", kind.as_str()), |v| version_path(kind, v));
        html! { a href=(href) target="_blank" rel="noopener" { (ctx.t(document_message_id(kind))) } }
    };
    html! {
        @for (kind, version) in versions {
            input type="hidden" name={ (kind.as_str()) "_version" } value=(version);
        }
        div class={ "field checkbox" @if error.is_some() { " field-invalid" } } {
            @if let Some(error) = error {
                span class="field-error" id=(error_id) { (error.in_locale(ctx.locale)) }
            }
            input type="checkbox" id=(id) name=(ACCEPT_FIELD) value="yes" checked[checked]
                required aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| error_id.as_str())];
            label for=(id) {
                (ctx.t("account-consent-label-start")) (link(LegalDocumentKind::Terms))
                (ctx.t("account-consent-label-middle")) (link(LegalDocumentKind::Privacy))
                (ctx.t("account-consent-label-end"))
            }
        }
    }
}

/// Check a sign-up form's consent: the box is ticked and the versions it showed are still
/// current. Returns the versions to record, or adds the problem to `errors`.
pub async fn check_consent(
    state: &AppState,
    accepted: Option<&str>,
    shown: &ShownVersions,
    errors: &mut FormErrors,
) -> Result<Option<Vec<(LegalDocumentKind, i64)>>, AppError> {
    if accepted != Some("yes") {
        errors.add(ACCEPT_FIELD, "account-error-consent-required");
        return Ok(None);
    }
    let current = current_versions(state).await?;
    let shown_matches = current.iter().all(|(kind, version)| {
        let shown_text = match kind {
            LegalDocumentKind::Terms => shown.terms_version.as_deref(),
            LegalDocumentKind::Privacy => shown.privacy_version.as_deref(),
        };
        shown_text.and_then(|text| text.trim().parse::<i64>().ok()) == Some(*version)
    });
    if !shown_matches {
        errors.add(ACCEPT_FIELD, "account-error-consent-new-version");
        return Ok(None);
    }
    Ok(Some(current))
}

/// Record that `user` accepted `versions` now.
pub async fn record_consent(
    state: &AppState,
    user: &User,
    versions: &[(LegalDocumentKind, i64)],
) -> Result<(), AppError> {
    state
        .store
        .accept_legal_documents(user.id, versions, OffsetDateTime::now_utc())
        .await?;
    tracing::info!(user_id = %user.id, ?versions, "terms accepted");
    Ok(())
}

// --- the page that asks again ------------------------------------------------------------------

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ReturnToQuery {
    return_to: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ConsentForm {
    accept_terms: Option<String>,
    return_to: Option<String>,
    terms_version: Option<String>,
    privacy_version: Option<String>,
}

pub async fn consent_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ReturnToQuery>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let markup = consent_markup(
        &state,
        &ctx,
        user,
        query.return_to.as_deref(),
        &FormErrors::new(),
    )
    .await?;
    Ok(html_response(markup))
}

async fn consent_markup(
    state: &AppState,
    ctx: &Ctx,
    user: &User,
    return_to: Option<&str>,
    errors: &FormErrors,
) -> Result<Markup, AppError> {
    let pending = state
        .store
        .legal_documents_awaiting_acceptance(user.id)
        .await?;
    let versions = current_versions(state).await?;
    let return_to = safe_return_path(return_to);
    let title = ctx.t("account-consent-title");
    let body = html! {
        h1 { (title) }
        @if pending.is_empty() {
            p { (ctx.t("account-consent-nothing-new")) }
            p { a href=(return_to) { (ctx.t("account-continue")) } }
        } @else {
            p { (ctx.t("account-consent-lead")) }
            ul {
                @for (kind, version) in &pending {
                    li { a href=(version_path(*kind, *version)) { (document_version_name(ctx, *kind, *version)) } }
                }
            }
            (errors.summary(ctx, |_| ctx.t("account-field-accept-terms")))
            form method="post" action="/consent" class="stacked" novalidate {
                (csrf_field(ctx))
                input type="hidden" name="return_to" value=(return_to);
                (consent_fields(ctx, errors, &versions, false))
                div { button type="submit" class="button" { (ctx.t("account-consent-submit")) } }
            }
            p class="hint" {
                (ctx.t("account-consent-refuse")) " "
                a href="/account/delete" { (ctx.t("account-delete-link")) }
            }
        }
    };
    Ok(page(ctx, &title, body))
}

pub async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ConsentForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let mut errors = FormErrors::new();
    let shown = ShownVersions {
        terms_version: form.terms_version.clone(),
        privacy_version: form.privacy_version.clone(),
    };
    let Some(versions) =
        check_consent(&state, form.accept_terms.as_deref(), &shown, &mut errors).await?
    else {
        let markup = consent_markup(&state, &ctx, user, form.return_to.as_deref(), &errors).await?;
        return Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            markup,
        ));
    };
    record_consent(&state, user, &versions).await?;
    Ok(Redirect::to(&safe_return_path(form.return_to.as_deref())).into_response())
}

// --- the gate ----------------------------------------------------------------------------------

/// Paths a person who has not accepted the current documents may still use: reading them,
/// accepting them, leaving (signing out, downloading their data, deleting the account) and
/// what every page needs (the stylesheet, switching language).
fn is_open_before_consent(path: &str) -> bool {
    const OPEN: &[&str] = &[
        "/consent",
        "/terms",
        "/privacy",
        "/sign-out",
        "/language",
        "/account/data.json",
        "/account/delete",
        "/account-deleted",
        "/healthz",
        "/metrics",
    ];
    OPEN.iter().any(|open| {
        path == *open
            || path
                .strip_prefix(open)
                .is_some_and(|rest| rest.starts_with('/'))
    }) || path.starts_with("/assets/")
}

/// Runs inside the context middleware: a signed-in person who has still to accept a newly
/// published version is sent to `/consent` (and back afterwards) from every page but the few
/// [`is_open_before_consent`] lists. API reads pass; API writes are refused with a problem
/// that says why.
pub async fn consent_gate(
    State(state): State<AppState>,
    request: Request<Body>,
    next: Next,
) -> Response {
    let Some(ctx) = request.extensions().get::<Ctx>().cloned() else {
        return next.run(request).await;
    };
    let Some(user) = &ctx.user else {
        return next.run(request).await;
    };
    let path = request.uri().path().to_owned();
    let is_api = path.starts_with("/api/");
    if is_open_before_consent(&path) || (is_api && request.method() == Method::GET) {
        return next.run(request).await;
    }
    match state
        .store
        .legal_documents_awaiting_acceptance(user.id)
        .await
    {
        Ok(pending) if pending.is_empty() => next.run(request).await,
        Ok(_) if is_api => {
            let mut response = StatusCode::FORBIDDEN.into_response();
            response.extensions_mut().insert(ErrorReport {
                status: StatusCode::FORBIDDEN,
                message_id: "account-error-consent-pending",
                sign_in_return_to: None,
                retry_after_seconds: None,
            });
            response
        }
        Ok(_) => {
            let return_to = if request.method() == Method::GET {
                ctx.path_and_query.clone()
            } else {
                "/".to_owned()
            };
            Redirect::to(&format!(
                "/consent?return_to={}",
                percent_encode(&return_to)
            ))
            .into_response()
        }
        Err(error) => AppError::from(error).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::is_open_before_consent;

    #[test]
    fn only_reading_accepting_and_leaving_are_open_before_consent() {
        for open in [
            "/consent",
            "/terms/2",
            "/privacy",
            "/sign-out",
            "/account/delete",
            "/assets/site.css",
        ] {
            assert!(is_open_before_consent(open), "{open}");
        }
        for gated in [
            "/",
            "/account",
            "/consents",
            "/termsx",
            "/programmes",
            "/api/v1/regions",
        ] {
            assert!(!is_open_before_consent(gated), "{gated}");
        }
    }
}
