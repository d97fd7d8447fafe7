//! Accounts: signing up, signing in and out, the account page and changing a password, plus the
//! pseudonym an anonymous participant gets in a conversation.
//!
//! Sessions live in the database: the browser holds a random token in the `sosei_session`
//! cookie and the store keeps only its SHA-256, so a leaked database holds no usable session.
//! Every sign-in starts a new session (so a token planted before sign-in is worthless),
//! sign-in attempts are counted before the password is checked and throttled per account and
//! client address (see [`throttle`]), and password hashing is capped (see [`password_gate`]).

pub mod password;
pub mod password_gate;
pub mod throttle;

use axum::Form;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::header::{RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use sosei_core::{
    DisplayName, EmailAddress, Locale, NewPassword, NewUser, OrganisationId, Role, User,
};
use sosei_store::{NewSession, StoreError};
use time::{Duration, OffsetDateTime};

use crate::client_address::ClientAddress;
use crate::context::{Ctx, SESSION_COOKIE, set_cookie};
use crate::error::AppError;
use crate::forms::{Field, FormErrors, field_label};
use crate::home::safe_return_path;
use crate::i18n;
use crate::layout::{csrf_field, html_response, html_response_with_status, page};
use crate::organisations::organisation_link;
use crate::signing;
use crate::state::AppState;

pub use password::{PasswordHashError, hash_password, hash_password_blocking};

/// How long a session lasts after signing in.
pub const SESSION_LENGTH: Duration = Duration::days(30);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sign-up", get(sign_up_page).post(sign_up))
        .route("/sign-in", get(sign_in_page).post(sign_in))
        .route("/sign-out", post(sign_out))
        .route("/account", get(account_page))
        .route("/account/password", post(change_password))
}

/// A stable pseudonym for this browser in one conversation (or any other scope): an HMAC of the
/// visitor id with the site secret. Different scopes give unrelated pseudonyms, so answers in
/// two conversations cannot be linked, and the raw visitor cookie is never stored.
pub fn participant_pseudonym(ctx: &Ctx, state: &AppState, conversation_scope: &str) -> String {
    pseudonym_for(&state.secret, &ctx.visitor_id, conversation_scope)
}

fn pseudonym_for(secret: &[u8], visitor_id: &str, conversation_scope: &str) -> String {
    signing::sign(
        secret,
        &format!("participant-pseudonym:{conversation_scope}"),
        visitor_id,
    )
}

// --- sessions ---------------------------------------------------------------------------------

/// Start a new session for `user` and send the browser to `target` (a path on this site, else
/// the home page) with its cookie. The redirect is built before the session, and cannot fail.
/// A session the browser already had is ended first, so two accounts never share one browser.
async fn start_session_and_redirect(
    state: &AppState,
    ctx: &Ctx,
    user: &User,
    target: &str,
) -> Result<Response, AppError> {
    let mut response = crate::redirect::see_other_local(Some(target));
    if let Some(previous) = &ctx.session_token_hash {
        state.store.delete_session(previous).await?;
    }
    let token = signing::random_token();
    let now = OffsetDateTime::now_utc();
    state
        .store
        .create_session(&NewSession {
            token_hash: signing::sha256_hex(&token),
            user_id: user.id,
            created_at: now,
            expires_at: now + SESSION_LENGTH,
        })
        .await?;
    response.headers_mut().append(
        SET_COOKIE,
        set_cookie(
            state,
            SESSION_COOKIE,
            &token,
            SESSION_LENGTH.whole_seconds(),
        ),
    );
    Ok(response)
}

/// The label of an account form's field: `auth-field-display-name` for `display_name`.
fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "auth", field)
}

/// A labelled account form field; every one of them must be filled in.
fn field<'a>(ctx: &Ctx, name: &'static str) -> Field<'a> {
    Field::new(name, label(ctx, name)).required()
}

// --- sign up ----------------------------------------------------------------------------------

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct SignUpForm {
    email: String,
    display_name: String,
    password: String,
    password_confirmation: String,
    return_to: Option<String>,
    accept_terms: Option<String>,
    terms_version: Option<String>,
    privacy_version: Option<String>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct ReturnToQuery {
    return_to: Option<String>,
}

async fn sign_up_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ReturnToQuery>,
) -> Result<Response, AppError> {
    let form = SignUpForm {
        return_to: query.return_to,
        ..SignUpForm::default()
    };
    let versions = crate::account::consent::current_versions(&state).await?;
    Ok(html_response(sign_up_markup(
        &ctx,
        &form,
        &FormErrors::new(),
        &versions,
    )))
}

fn sign_up_markup(
    ctx: &Ctx,
    form: &SignUpForm,
    errors: &FormErrors,
    versions: &[(sosei_core::legal::LegalDocumentKind, i64)],
) -> Markup {
    let title = ctx.t("auth-sign-up-title");
    let email = field(ctx, "email").value(&form.email).autocomplete("email");
    let display_name = field(ctx, "display_name")
        .value(&form.display_name)
        .autocomplete("nickname")
        .hint(ctx.t("auth-field-display-name-hint"));
    let password = field(ctx, "password")
        .autocomplete("new-password")
        .hint(ctx.t("auth-field-new-password-hint"));
    let confirmation = field(ctx, "password_confirmation").autocomplete("new-password");
    let return_to = safe_return_path(form.return_to.as_deref());
    let body = html! {
        h1 { (title) }
        p { (ctx.t("auth-sign-up-lead")) }
        (errors.summary(ctx, |field| label(ctx, field)))
        form method="post" action="/sign-up" class="stacked" novalidate {
            (csrf_field(ctx))
            input type="hidden" name="return_to" value=(return_to);
            (email.input(ctx, errors, "email"))
            (display_name.input(ctx, errors, "text"))
            (password.input(ctx, errors, "password"))
            (confirmation.input(ctx, errors, "password"))
            (crate::account::consent::consent_fields(ctx, errors, versions, form.accept_terms.is_some()))
            div { button type="submit" class="button" { (ctx.t("auth-sign-up-submit")) } }
        }
        p {
            (ctx.t("auth-sign-up-have-account")) " "
            a href={ "/sign-in?return_to=" (crate::layout::percent_encode(&return_to)) } { (ctx.t("nav-sign-in")) }
        }
    };
    page(ctx, &title, body)
}

async fn sign_up(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<SignUpForm>,
) -> Result<Response, AppError> {
    let mut errors = FormErrors::new();
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let display_name = errors.check("display_name", DisplayName::parse(&form.display_name));
    let password = errors.check("password", NewPassword::parse(&form.password));
    if password.is_some() && form.password != form.password_confirmation {
        errors.add("password_confirmation", "auth-error-password-mismatch");
    }
    let shown_versions = crate::account::consent::ShownVersions {
        terms_version: form.terms_version.clone(),
        privacy_version: form.privacy_version.clone(),
    };
    let consent = crate::account::consent::check_consent(
        &state,
        form.accept_terms.as_deref(),
        &shown_versions,
        &mut errors,
    )
    .await?;
    let versions = crate::account::consent::current_versions(&state).await?;
    let (Some(email), Some(display_name), Some(password), Some(consent), true) =
        (email, display_name, password, consent, errors.is_empty())
    else {
        return Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            sign_up_markup(&ctx, &form, &errors, &versions),
        ));
    };

    let new_user = NewUser {
        email,
        display_name,
        password_hash: state.password_gate.hash(&password).await?,
        is_site_admin: false,
        preferred_locale: Some(ctx.locale),
    };
    let user = match state
        .store
        .create_user(&new_user, OffsetDateTime::now_utc())
        .await
    {
        Ok(user) => user,
        Err(StoreError::Conflict(_)) => {
            errors.add("email", "auth-error-email-taken");
            return Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                sign_up_markup(&ctx, &form, &errors, &versions),
            ));
        }
        Err(other) => return Err(other.into()),
    };
    tracing::info!(user_id = %user.id, "account created");
    crate::account::consent::record_consent(&state, &user, &consent).await?;
    crate::account::verify::send_after_sign_up(&state, &ctx, &user).await?;
    let target = match form.return_to.as_deref() {
        Some(path) if path != "/" => safe_return_path(Some(path)),
        _ => "/account".to_owned(),
    };
    start_session_and_redirect(&state, &ctx, &user, &target).await
}

// --- sign in ----------------------------------------------------------------------------------

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct SignInForm {
    email: String,
    password: String,
    return_to: Option<String>,
}

async fn sign_in_page(ctx: Ctx, Query(query): Query<ReturnToQuery>) -> Response {
    let form = SignInForm {
        return_to: query.return_to,
        ..SignInForm::default()
    };
    html_response(sign_in_markup(&ctx, &form, &FormErrors::new(), None))
}

fn sign_in_markup(
    ctx: &Ctx,
    form: &SignInForm,
    errors: &FormErrors,
    alert: Option<String>,
) -> Markup {
    let title = ctx.t("auth-sign-in-title");
    let email = field(ctx, "email")
        .value(&form.email)
        .autocomplete("username");
    let password = field(ctx, "password").autocomplete("current-password");
    let return_to = safe_return_path(form.return_to.as_deref());
    let body = html! {
        h1 { (title) }
        @if let Some(alert) = alert {
            div class="alert alert-error" role="alert" { p { (alert) } }
        }
        (errors.summary(ctx, |field| label(ctx, field)))
        form method="post" action="/sign-in" class="stacked" novalidate {
            (csrf_field(ctx))
            input type="hidden" name="return_to" value=(return_to);
            (email.input(ctx, errors, "email"))
            (password.input(ctx, errors, "password"))
            div { button type="submit" class="button" { (ctx.t("auth-sign-in-submit")) } }
        }
        p { a href="/password-reset" { (ctx.t("account-reset-forgot")) } }
        p {
            (ctx.t("auth-sign-in-no-account")) " "
            a href={ "/sign-up?return_to=" (crate::layout::percent_encode(&return_to)) } { (ctx.t("nav-sign-up")) }
        }
    };
    page(ctx, &title, body)
}

/// The "locked for a while" message, in whole minutes (rounded up).
fn locked_message(locale: Locale, retry_after_seconds: u64) -> String {
    let minutes = retry_after_seconds.div_ceil(60).max(1);
    i18n::t_args(
        locale,
        "auth-error-locked",
        &[("minutes", (minutes as f64).into())],
    )
}

/// A 429 page with `Retry-After`.
fn too_many_attempts(markup: Markup, retry_after_seconds: u64) -> Response {
    let mut response = html_response_with_status(StatusCode::TOO_MANY_REQUESTS, markup);
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(retry_after_seconds));
    response
}

/// What a sign-in attempt with a well-formed e-mail address came to.
enum SignInOutcome {
    SignedIn(User),
    WrongCredentials,
    Locked { retry_after_seconds: u64 },
}

/// Count the attempt, then check the password. While this account is throttled at this address
/// the password is not checked at all, so a throttled account cannot be guessed at; an attempt
/// refused because the server is busy does not count.
async fn attempt_sign_in(
    state: &AppState,
    email: &EmailAddress,
    network: &throttle::ClientNetwork,
    password: String,
) -> Result<SignInOutcome, AppError> {
    let now = OffsetDateTime::now_utc();
    if let throttle::Admission::Wait {
        retry_after_seconds,
    } = throttle::admit_attempt(&state.store, email, network, now).await?
    {
        return Ok(SignInOutcome::Locked {
            retry_after_seconds,
        });
    }
    let account = match state.store.user_with_password_by_email(email).await {
        Ok(account) => Some(account),
        Err(StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    let (user, stored_hash) = match account {
        Some(account) => (Some(account.user), Some(account.password_hash)),
        None => (None, None),
    };
    // Unknown addresses are checked against a dummy hash so they take as long as real ones.
    let password_matches = match state.password_gate.verify(stored_hash, password).await {
        Ok(matches) => matches,
        Err(error) => {
            throttle::attempt_not_checked(&state.store, email, network).await?;
            return Err(error);
        }
    };
    match user {
        Some(user) if password_matches => {
            throttle::attempt_succeeded(&state.store, email, network).await?;
            Ok(SignInOutcome::SignedIn(user))
        }
        _ => Ok(SignInOutcome::WrongCredentials),
    }
}

async fn sign_in(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientAddress(client_address): ClientAddress,
    Form(form): Form<SignInForm>,
) -> Result<Response, AppError> {
    let mut errors = FormErrors::new();
    let email = errors.check("email", EmailAddress::parse(&form.email));
    if form.password.is_empty() {
        errors.add("password", "error-text-empty");
    }
    let (Some(email), true) = (email, errors.is_empty()) else {
        return Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            sign_in_markup(&ctx, &form, &errors, None),
        ));
    };

    let network = throttle::ClientNetwork::of(client_address);
    match attempt_sign_in(&state, &email, &network, form.password.clone()).await? {
        SignInOutcome::SignedIn(user) => {
            tracing::info!(user_id = %user.id, "signed in");
            let target = safe_return_path(form.return_to.as_deref());
            start_session_and_redirect(&state, &ctx, &user, &target).await
        }
        SignInOutcome::WrongCredentials => Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            sign_in_markup(
                &ctx,
                &form,
                &errors,
                Some(ctx.t("auth-error-wrong-credentials")),
            ),
        )),
        SignInOutcome::Locked {
            retry_after_seconds,
        } => {
            tracing::warn!("sign-in refused while this account is throttled at this address");
            let message = locked_message(ctx.locale, retry_after_seconds);
            Ok(too_many_attempts(
                sign_in_markup(&ctx, &form, &errors, Some(message)),
                retry_after_seconds,
            ))
        }
    }
}

// --- sign out ---------------------------------------------------------------------------------

async fn sign_out(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    if let Some(token_hash) = &ctx.session_token_hash {
        state.store.delete_session(token_hash).await?;
    }
    let mut response = Redirect::to("/").into_response();
    response
        .headers_mut()
        .append(SET_COOKIE, set_cookie(&state, SESSION_COOKIE, "", 0));
    Ok(response)
}

// --- account ----------------------------------------------------------------------------------

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct AccountQuery {
    password_changed: Option<String>,
}

async fn account_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<AccountQuery>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let notice = query
        .password_changed
        .is_some()
        .then(|| ctx.t("auth-password-changed"));
    let markup = account_markup(&state, &ctx, user, &FormErrors::new(), notice, None).await?;
    Ok(html_response(markup))
}

/// A person's organisations with the roles they hold there, in the order of the first role.
async fn memberships_by_organisation(
    state: &AppState,
    user: &User,
) -> Result<Vec<(sosei_core::Organisation, Vec<Role>)>, AppError> {
    let memberships = state.store.memberships_of_user(user.id).await?;
    let mut grouped: Vec<(OrganisationId, Vec<Role>)> = Vec::new();
    for membership in memberships {
        match grouped
            .iter_mut()
            .find(|(id, _)| *id == membership.organisation_id)
        {
            Some((_, roles)) => roles.push(membership.role),
            None => grouped.push((membership.organisation_id, vec![membership.role])),
        }
    }
    let mut result = Vec::with_capacity(grouped.len());
    for (organisation_id, mut roles) in grouped {
        roles.sort();
        result.push((state.store.organisation(organisation_id).await?, roles));
    }
    Ok(result)
}

/// The Fluent id of a role's name.
pub fn role_message_id(role: Role) -> &'static str {
    match role {
        Role::Admin => "auth-role-admin",
        Role::Coordinator => "auth-role-coordinator",
        Role::Facilitator => "auth-role-facilitator",
        Role::Expert => "auth-role-expert",
        Role::Member => "auth-role-member",
    }
}

fn language_name(ctx: &Ctx, locale: Option<Locale>) -> String {
    match locale {
        Some(Locale::Ja) => ctx.t("auth-language-ja"),
        Some(Locale::En) => ctx.t("auth-language-en"),
        None => ctx.t("auth-language-unset"),
    }
}

async fn account_markup(
    state: &AppState,
    ctx: &Ctx,
    user: &User,
    password_errors: &FormErrors,
    notice: Option<String>,
    alert: Option<String>,
) -> Result<Markup, AppError> {
    let memberships = memberships_by_organisation(state, user).await?;
    let lifecycle_sections = crate::account::account_page_sections(state, ctx, user).await?;
    let title = ctx.t("auth-account-title");
    let current = field(ctx, "current_password").autocomplete("current-password");
    let new = field(ctx, "new_password")
        .autocomplete("new-password")
        .hint(ctx.t("auth-field-new-password-hint"));
    let confirmation = field(ctx, "new_password_confirmation").autocomplete("new-password");
    let body = html! {
        h1 { (title) }
        @if let Some(notice) = notice {
            div class="alert alert-success" role="status" { p { (notice) } }
        }
        section aria-labelledby="profile-heading" {
            h2 id="profile-heading" { (ctx.t("auth-account-profile")) }
            dl {
                dt { (ctx.t("auth-field-display-name")) }
                dd { (user.display_name.as_str()) }
                dt { (ctx.t("auth-field-email")) }
                dd { (user.email.as_str()) }
                dt { (ctx.t("auth-account-language")) }
                dd { (language_name(ctx, user.preferred_locale)) }
                @if user.is_site_admin {
                    dt { (ctx.t("auth-account-site-admin")) }
                    dd { (ctx.t("auth-account-site-admin-yes")) }
                }
            }
            form method="post" action="/language" class="inline-form" {
                (csrf_field(ctx))
                input type="hidden" name="return_to" value="/account";
                label for="preferred-language" { (ctx.t("auth-account-language-change")) " " }
                select id="preferred-language" name="to" {
                    @for locale in Locale::ALL {
                        option value=(locale.as_str()) selected[user.preferred_locale == Some(locale)] {
                            (language_name(ctx, Some(locale)))
                        }
                    }
                }
                " "
                button type="submit" class="button button-small" { (ctx.t("auth-account-language-save")) }
            }
        }
        (lifecycle_sections)
        section aria-labelledby="memberships-heading" {
            h2 id="memberships-heading" { (ctx.t("auth-account-memberships")) }
            @if memberships.is_empty() {
                p class="muted" { (ctx.t("auth-account-no-memberships")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (ctx.t("auth-account-organisation")) }
                        th scope="col" { (ctx.t("auth-account-roles")) }
                    } }
                    tbody {
                        @for (organisation, roles) in &memberships {
                            tr {
                                td { (organisation_link(ctx, organisation)) }
                                td {
                                    @for role in roles {
                                        span class="tag" { (ctx.t(role_message_id(*role))) } " "
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        section aria-labelledby="password-heading" {
            h2 id="password-heading" { (ctx.t("auth-account-change-password")) }
            @if let Some(alert) = alert {
                div class="alert alert-error" role="alert" { p { (alert) } }
            }
            (password_errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action="/account/password" class="stacked" novalidate {
                (csrf_field(ctx))
                (current.input(ctx, password_errors, "password"))
                (new.input(ctx, password_errors, "password"))
                (confirmation.input(ctx, password_errors, "password"))
                p class="hint" { (ctx.t("auth-change-password-signs-out-others")) }
                div { button type="submit" class="button" { (ctx.t("auth-change-password-submit")) } }
            }
        }
    };
    Ok(page(ctx, &title, body))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct ChangePasswordForm {
    current_password: String,
    new_password: String,
    new_password_confirmation: String,
}

async fn change_password(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientAddress(client_address): ClientAddress,
    Form(form): Form<ChangePasswordForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let mut errors = FormErrors::new();
    if form.current_password.is_empty() {
        errors.add("current_password", "error-text-empty");
    }
    let new_password = errors.check("new_password", NewPassword::parse(&form.new_password));
    if new_password.is_some() && form.new_password != form.new_password_confirmation {
        errors.add("new_password_confirmation", "auth-error-password-mismatch");
    }

    // Someone at an unattended, signed-in browser must not be able to guess the password here
    // either: the attempt is counted like a sign-in, for this account at this address.
    if !form.current_password.is_empty() {
        let network = throttle::ClientNetwork::of(client_address);
        let now = OffsetDateTime::now_utc();
        if let throttle::Admission::Wait {
            retry_after_seconds,
        } = throttle::admit_attempt(&state.store, &user.email, &network, now).await?
        {
            let message = locked_message(ctx.locale, retry_after_seconds);
            let markup = account_markup(&state, &ctx, user, &errors, None, Some(message)).await?;
            return Ok(too_many_attempts(markup, retry_after_seconds));
        }
        let stored_hash = state.store.password_hash(user.id).await?;
        let matches = match state
            .password_gate
            .verify(Some(stored_hash), form.current_password.clone())
            .await
        {
            Ok(matches) => matches,
            Err(error) => {
                throttle::attempt_not_checked(&state.store, &user.email, &network).await?;
                return Err(error);
            }
        };
        if matches {
            throttle::attempt_succeeded(&state.store, &user.email, &network).await?;
        } else {
            errors.add("current_password", "auth-error-current-password-wrong");
        }
    }

    let (Some(new_password), true) = (new_password, errors.is_empty()) else {
        let markup = account_markup(&state, &ctx, user, &errors, None, None).await?;
        return Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            markup,
        ));
    };
    let new_hash = state.password_gate.hash(&new_password).await?;
    state.store.set_password_hash(user.id, &new_hash).await?;
    // Whoever else knew the old password is signed out; this browser stays signed in.
    state
        .store
        .delete_sessions_of_user(user.id, ctx.session_token_hash.as_deref())
        .await?;
    tracing::info!(user_id = %user.id, "password changed");
    Ok(Redirect::to("/account?password_changed=1").into_response())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_stable_per_scope_and_differ_between_scopes() {
        let secret = b"site secret of at least some length";
        let first = pseudonym_for(secret, "visitor-1", "conversation:7");
        assert_eq!(first, pseudonym_for(secret, "visitor-1", "conversation:7"));
        assert_ne!(first, pseudonym_for(secret, "visitor-1", "conversation:8"));
        assert_ne!(first, pseudonym_for(secret, "visitor-2", "conversation:7"));
        assert_ne!(
            first,
            pseudonym_for(b"another site", "visitor-1", "conversation:7")
        );
        assert!(!first.contains("visitor-1"));
        // The pseudonym is not the CSRF token or visitor signature made from the same value.
        assert_ne!(first, signing::sign(secret, "visitor", "visitor-1"));
    }

    #[test]
    fn locked_message_rounds_up_to_whole_minutes() {
        assert!(locked_message(Locale::En, 61).contains("2 minutes"));
        assert!(locked_message(Locale::En, 60).contains("1 minute"));
        assert!(locked_message(Locale::Ja, 900).contains("15分"));
    }

    #[test]
    fn every_role_has_a_name_in_both_languages() {
        for role in Role::ALL {
            for locale in Locale::ALL {
                let name = i18n::t(locale, role_message_id(*role));
                assert!(
                    !name.is_empty() && !name.contains("Unknown localization"),
                    "{name}"
                );
            }
        }
    }
}
