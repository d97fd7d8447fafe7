//! The home page.

use axum::Router;
use axum::response::Response;
use axum::routing::get;
use maud::html;

use crate::context::Ctx;
use crate::layout::{html_response, page};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/language", axum::routing::post(switch_language))
}

async fn home(ctx: Ctx) -> Response {
    let body = html! {
        section class="hero" {
            h1 { (ctx.t("home-title")) }
            p class="lead" { (ctx.t("home-lead")) }
        }
    };
    html_response(page(&ctx, &ctx.t("home-title"), body))
}

#[derive(serde::Deserialize)]
struct LanguageForm {
    to: String,
    return_to: Option<String>,
}

/// Switch the interface language: a cookie for everyone, and the account setting when signed in.
async fn switch_language(
    axum::extract::State(state): axum::extract::State<AppState>,
    ctx: Ctx,
    axum::Form(form): axum::Form<LanguageForm>,
) -> Result<Response, crate::AppError> {
    use axum::response::IntoResponse;
    let locale = sosei_core::Locale::parse(&form.to).ok_or(crate::AppError::BadRequest {
        message_id: "error-language-unknown",
    })?;
    if let Some(user) = &ctx.user {
        state
            .store
            .set_preferred_locale(user.id, Some(locale))
            .await?;
    }
    let target = safe_return_path(form.return_to.as_deref());
    let mut response = axum::response::Redirect::to(&target).into_response();
    response.headers_mut().append(
        axum::http::header::SET_COOKIE,
        crate::context::set_cookie(
            &state,
            crate::context::LANGUAGE_COOKIE,
            locale.as_str(),
            60 * 60 * 24 * 365,
        ),
    );
    Ok(response)
}

/// A local path to go back to; anything else (another site, `//host`) becomes `/`.
pub fn safe_return_path(candidate: Option<&str>) -> String {
    match candidate {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_return_path;

    #[test]
    fn return_paths_stay_on_this_site() {
        assert_eq!(safe_return_path(Some("/regions?q=1")), "/regions?q=1");
        assert_eq!(safe_return_path(Some("//evil.example")), "/");
        assert_eq!(safe_return_path(Some("https://evil.example")), "/");
        assert_eq!(safe_return_path(Some("/\\evil.example")), "/");
        assert_eq!(safe_return_path(None), "/");
    }
}
