//! The terms of use and the privacy policy as pages: the current version at `/terms` and
//! `/privacy`, every earlier one at `/terms/2` and so on, each with the list of versions.

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use sosei_core::legal::{LegalDocument, LegalDocumentKind};

use crate::context::Ctx;
use crate::error::AppError;
use crate::layout::{html_response, page};
use crate::state::AppState;

/// `/terms/3`.
pub fn version_path(kind: LegalDocumentKind, version: i64) -> String {
    format!("/{}/{version}", kind.as_str())
}

/// The Fluent id of a document's name.
pub fn document_message_id(kind: LegalDocumentKind) -> &'static str {
    match kind {
        LegalDocumentKind::Terms => "account-document-terms",
        LegalDocumentKind::Privacy => "account-document-privacy",
    }
}

/// "Terms of use, version 3".
pub fn document_version_name(ctx: &Ctx, kind: LegalDocumentKind, version: i64) -> String {
    crate::i18n::t_args(
        ctx.locale,
        "account-document-version",
        &[
            ("document", ctx.t(document_message_id(kind)).into()),
            ("version", (version as f64).into()),
        ],
    )
}

/// A document's text in the reader's language: blank lines separate paragraphs, a line
/// starting with `## ` is a heading, other line breaks are kept.
pub fn legal_text_markup(text: &str) -> Markup {
    html! {
        @for block in text.split("\n\n").map(str::trim).filter(|block| !block.is_empty()) {
            @if let Some(heading) = block.strip_prefix("## ") {
                h2 { (heading) }
            } @else {
                p {
                    @for (index, line) in block.lines().enumerate() {
                        @if index > 0 { br; }
                        (line)
                    }
                }
            }
        }
    }
}

pub async fn current_terms(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    show(&state, &ctx, LegalDocumentKind::Terms, None).await
}

pub async fn current_privacy(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Response, AppError> {
    show(&state, &ctx, LegalDocumentKind::Privacy, None).await
}

pub async fn terms_version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(version): Path<String>,
) -> Result<Response, AppError> {
    let version = version.parse::<i64>().map_err(|_| AppError::NotFound)?;
    show(&state, &ctx, LegalDocumentKind::Terms, Some(version)).await
}

pub async fn privacy_version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(version): Path<String>,
) -> Result<Response, AppError> {
    let version = version.parse::<i64>().map_err(|_| AppError::NotFound)?;
    show(&state, &ctx, LegalDocumentKind::Privacy, Some(version)).await
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    kind: LegalDocumentKind,
    version: Option<i64>,
) -> Result<Response, AppError> {
    let versions = state.store.legal_document_versions(kind).await?;
    let document: &LegalDocument = match version {
        None => versions.first(),
        Some(wanted) => versions.iter().find(|document| document.version == wanted),
    }
    .ok_or(AppError::NotFound)?;
    let is_current = versions
        .first()
        .is_some_and(|current| current.version == document.version);
    let title = ctx.t(document_message_id(kind));
    let body = html! {
        h1 { (title) }
        p class="muted" {
            (crate::i18n::t_args(ctx.locale, "account-document-published", &[
                ("version", (document.version as f64).into()),
                ("date", crate::i18n::format_date(ctx.locale, document.published_at.date()).into()),
            ]))
            @if !is_current {
                " " strong { (ctx.t("account-document-superseded")) } " "
                a href={ "/" (kind.as_str()) } { (ctx.t("account-document-read-current")) }
            }
        }
        div class="legal-text" { (legal_text_markup(document.body(ctx.locale).as_str())) }
        @if versions.len() > 1 {
            section aria-labelledby="versions-heading" {
                h2 id="versions-heading" { (ctx.t("account-document-versions")) }
                ul {
                    @for other in &versions {
                        li {
                            @if other.version == document.version {
                                (document_version_name(ctx, kind, other.version))
                            } @else {
                                a href=(version_path(kind, other.version)) { (document_version_name(ctx, kind, other.version)) }
                            }
                            (crate::i18n::t_args(ctx.locale, "account-document-published-on", &[
                                ("date", crate::i18n::format_date(ctx.locale, other.published_at.date()).into()),
                            ]))
                        }
                    }
                }
            }
        }
    };
    Ok(html_response(page(ctx, &title, body)))
}
