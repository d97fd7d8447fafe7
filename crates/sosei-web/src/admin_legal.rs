//! The site admin's editing of the terms of use and the privacy policy. Saving publishes a new
//! version (the earlier ones stay readable at `/terms/1`, …), and every signed-in person is
//! asked to accept it before going on (`account::consent`).

use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};
use sosei_core::Locale;
use sosei_core::legal::{LegalDocumentKind, LegalText};
use sosei_store::StoreError;
use time::OffsetDateTime;

use crate::account::documents::{document_message_id, document_version_name, version_path};
use crate::authz::require_site_admin;
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, field_label};
use crate::layout::{csrf_field, html_response, html_response_with_status, page};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/legal", get(overview))
        .route("/admin/legal/{kind}", get(edit_page).post(publish))
}

fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "admin-legal", field)
}

fn kind_from_path(raw: &str) -> Result<LegalDocumentKind, AppError> {
    LegalDocumentKind::parse(raw).ok_or(AppError::NotFound)
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct OverviewQuery {
    published: Option<String>,
}

async fn overview(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<OverviewQuery>,
) -> Result<Response, AppError> {
    require_site_admin(&ctx)?;
    let published = query
        .published
        .as_deref()
        .and_then(LegalDocumentKind::parse);
    let mut documents = Vec::new();
    for kind in LegalDocumentKind::ALL {
        documents.push((kind, state.store.legal_document_versions(kind).await?));
    }
    let title = ctx.t("admin-legal-title");
    let body = html! {
        h1 { (title) }
        @if let Some(kind) = published {
            div class="alert alert-success" role="status" {
                p { (crate::i18n::t_args(ctx.locale, "admin-legal-published", &[("document", ctx.t(document_message_id(kind)).into())])) }
            }
        }
        p { (ctx.t("admin-legal-lead")) }
        @for (kind, versions) in &documents {
            section {
                h2 { (ctx.t(document_message_id(*kind))) }
                ul {
                    @for document in versions {
                        li {
                            a href=(version_path(*kind, document.version)) { (document_version_name(&ctx, *kind, document.version)) }
                            " " (crate::i18n::t_args(ctx.locale, "account-document-published-on", &[("date", crate::i18n::format_date(ctx.locale, document.published_at.date()).into())]))
                        }
                    }
                }
                p { a class="button button-small" href={ "/admin/legal/" (kind.as_str()) } { (ctx.t("admin-legal-edit")) } }
            }
        }
    };
    Ok(html_response(page(&ctx, &title, body)))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LegalForm {
    body_ja: String,
    body_en: String,
}

fn edit_markup(
    ctx: &Ctx,
    kind: LegalDocumentKind,
    current_version: Option<i64>,
    form: &LegalForm,
    errors: &FormErrors,
) -> Markup {
    let document = ctx.t(document_message_id(kind));
    let title = crate::i18n::t_args(
        ctx.locale,
        "admin-legal-edit-title",
        &[("document", document.into())],
    );
    let body_ja = Field::new("body_ja", label(ctx, "body_ja"))
        .required()
        .value(&form.body_ja)
        .lang(Locale::Ja)
        .hint(ctx.t("admin-legal-format-hint"));
    let body_en = Field::new("body_en", label(ctx, "body_en"))
        .required()
        .value(&form.body_en)
        .lang(Locale::En);
    let body = html! {
        h1 { (title) }
        @if let Some(version) = current_version {
            p class="muted" { (document_version_name(ctx, kind, version)) }
        }
        p { (ctx.t("admin-legal-edit-lead")) }
        (errors.summary(ctx, |field| label(ctx, field)))
        form method="post" action={ "/admin/legal/" (kind.as_str()) } class="stacked" novalidate {
            (csrf_field(ctx))
            (body_ja.textarea(ctx, errors, 20))
            (body_en.textarea(ctx, errors, 20))
            div { button type="submit" class="button" { (ctx.t("admin-legal-publish")) } }
        }
        p { a href="/admin/legal" { (ctx.t("admin-legal-title")) } }
    };
    page(ctx, &title, body)
}

async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
) -> Result<Response, AppError> {
    require_site_admin(&ctx)?;
    let kind = kind_from_path(&kind)?;
    let (version, form) = match state.store.current_legal_document(kind).await {
        Ok(document) => (
            Some(document.version),
            LegalForm {
                body_ja: document.body_ja.as_str().to_owned(),
                body_en: document.body_en.as_str().to_owned(),
            },
        ),
        Err(StoreError::NotFound) => (None, LegalForm::default()),
        Err(other) => return Err(other.into()),
    };
    Ok(html_response(edit_markup(
        &ctx,
        kind,
        version,
        &form,
        &FormErrors::new(),
    )))
}

async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
    Form(form): Form<LegalForm>,
) -> Result<Response, AppError> {
    let admin = require_site_admin(&ctx)?;
    let kind = kind_from_path(&kind)?;
    let mut errors = FormErrors::new();
    let body_ja = errors.check_text("body_ja", LegalText::parse(&form.body_ja));
    let body_en = errors.check_text("body_en", LegalText::parse(&form.body_en));
    let (Some(body_ja), Some(body_en)) = (body_ja, body_en) else {
        let current = state.store.current_legal_document(kind).await.ok();
        return Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            edit_markup(
                &ctx,
                kind,
                current.map(|document| document.version),
                &form,
                &errors,
            ),
        ));
    };
    let document = state
        .store
        .publish_legal_document(
            kind,
            &body_ja,
            &body_en,
            admin.id,
            OffsetDateTime::now_utc(),
        )
        .await?;
    // Whoever publishes a text holds it: the publisher is not asked to accept their own words.
    state
        .store
        .accept_legal_documents(
            admin.id,
            &[(kind, document.version)],
            OffsetDateTime::now_utc(),
        )
        .await?;
    tracing::info!(kind = kind.as_str(), version = document.version, admin = %admin.id, "legal document published");
    Ok(Redirect::to(&format!("/admin/legal?published={}", kind.as_str())).into_response())
}
