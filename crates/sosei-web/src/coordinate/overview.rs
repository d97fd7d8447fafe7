//! A programme's coordinator page: its status and the moves it may make, its basics and details
//! forms, and the place where the matcher page plugs in.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::{Organisation, ProgrammeStatus};
use sosei_store::StoreError;

use super::fields::Fields;
use super::programme_form::{basics_from_programme, details_fields, details_from_programme};
use super::programme_list::{basics_fields, label};
use super::{
    Coordinated, NoticeQuery, Section, notice, programme_header, programme_path, require_programme,
    words,
};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::layout::{csrf_field, html_response, localized, page};
use crate::state::AppState;

/// What the two forms of the page show: the stored values, or what was sent with its problems.
pub(super) struct FormState {
    basics: Fields,
    basics_errors: FormErrors,
    details: Fields,
    details_errors: FormErrors,
}

impl FormState {
    pub(super) async fn stored(
        state: &AppState,
        programme: &sosei_core::Programme,
    ) -> Result<FormState, AppError> {
        let planned = state.store.planned_deliverables(programme.id).await?;
        Ok(FormState {
            basics: basics_from_programme(programme),
            basics_errors: FormErrors::new(),
            details: details_from_programme(programme, &planned),
            details_errors: FormErrors::new(),
        })
    }

    pub(super) fn with_basics(mut self, fields: Fields, errors: FormErrors) -> FormState {
        self.basics = fields;
        self.basics_errors = errors;
        self
    }

    pub(super) fn with_details(mut self, fields: Fields, errors: FormErrors) -> FormState {
        self.details = fields;
        self.details_errors = errors;
        self
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let forms = FormState::stored(&state, &coordinated.programme).await?;
    Ok(html_response(
        render_page(&state, &ctx, &coordinated, &query, forms).await?,
    ))
}

/// The status the form saw (`from`) and the one asked for (`to`).
#[derive(Debug, Default, serde::Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// Move the programme to another status. A move its life does not allow is refused (409); when
/// someone else moved it first, the page says so and shows where it is now.
pub async fn change_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let programme = &coordinated.programme;
    let unknown = AppError::BadRequest {
        message_id: "coordinate-error-status-unknown",
    };
    let from = ProgrammeStatus::parse(&form.from).ok_or(AppError::BadRequest {
        message_id: "coordinate-error-status-unknown",
    })?;
    let to = ProgrammeStatus::parse(&form.to).ok_or(unknown)?;
    let path = programme_path(&coordinated.organisation, programme);
    let race = || Redirect::to(&format!("{path}?problem=status-race")).into_response();
    if !from.can_become(to) {
        return Err(AppError::Conflict {
            message_id: "coordinate-error-status-transition",
        });
    }
    if programme.status != from {
        return Ok(race());
    }
    match state
        .store
        .set_programme_status(programme.id, from, to)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("{path}?done=status")).into_response()),
        Err(StoreError::Conflict(_)) => Ok(race()),
        Err(other) => Err(other.into()),
    }
}

/// The buttons for the statuses the programme may move to next.
fn status_buttons(ctx: &Ctx, coordinated: &Coordinated<'_>) -> Markup {
    let programme = &coordinated.programme;
    let action = format!(
        "{}/status",
        programme_path(&coordinated.organisation, programme)
    );
    let next = programme.status.allowed_transitions();
    html! {
        @if next.is_empty() {
            p class="muted" { (ctx.t("coordinate-status-final")) }
        } @else {
            div class="state-actions" {
                @for to in next {
                    form method="post" action=(action) class="inline-form" {
                        (csrf_field(ctx))
                        input type="hidden" name="from" value=(programme.status.as_str());
                        input type="hidden" name="to" value=(to.as_str());
                        button type="submit" class="button" {
                            (ctx.t(&format!("coordinate-status-action-{}", to.as_str())))
                        }
                    }
                    " "
                }
            }
            p class="hint small" { (ctx.t(&format!("coordinate-status-explain-{}", programme.status.as_str()))) }
        }
    }
}

/// Where the matcher page plugs in (a later change builds it on `sosei-matching`).
///
/// The way to the matcher (`matching_pages`), which forms teams across the organisation's
/// programmes.
fn matcher_section(ctx: &Ctx, organisation: &Organisation) -> Markup {
    html! {
        section aria-labelledby="matching-heading" class="card" id="matching" {
            h2 id="matching-heading" { (ctx.t("coordinate-matching-heading")) }
            p { (ctx.t("coordinate-matching-intro")) }
            p { a href=(crate::matching_pages::matching_path(organisation)) { (ctx.t("coordinate-matching-open")) } }
        }
    }
}

pub(super) async fn render_page(
    _state: &AppState,
    ctx: &Ctx,
    coordinated: &Coordinated<'_>,
    query: &NoticeQuery,
    forms: FormState,
) -> Result<Markup, AppError> {
    let organisation = &coordinated.organisation;
    let programme = &coordinated.programme;
    let path = programme_path(organisation, programme);
    let heading = programme.title.text(ctx.locale).to_owned();
    let body = html! {
        (programme_header(ctx, organisation, programme, Section::Overview, &heading))
        (notice(ctx, query))
        section aria-labelledby="status-heading" {
            h2 id="status-heading" { (ctx.t("coordinate-status-heading")) }
            p { (ctx.t("coordinate-status-now")) " " (words::status_tag(ctx, programme.status)) }
            (status_buttons(ctx, coordinated))
        }
        (matcher_section(ctx, organisation))
        section aria-labelledby="basics-heading" {
            h2 id="basics-heading" { (ctx.t("coordinate-basics-heading")) }
            (forms.basics_errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action={ (path) "/basics" } class="stacked wide" novalidate {
                (csrf_field(ctx))
                (basics_fields(ctx, &forms.basics, &forms.basics_errors))
                div class="form-actions" {
                    button type="submit" class="button" { (ctx.t("form-save")) }
                }
            }
        }
        section aria-labelledby="details-heading" {
            h2 id="details-heading" { (ctx.t("coordinate-details-heading")) }
            p class="hint" { (ctx.t("coordinate-details-lead")) " " (localized(ctx, &programme.title)) }
            (forms.details_errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action={ (path) "/details" } class="stacked wide" novalidate {
                (csrf_field(ctx))
                (details_fields(ctx, &forms.details, &forms.details_errors))
                div class="form-actions" {
                    button type="submit" class="button" { (ctx.t("form-save")) }
                }
            }
        }
    };
    Ok(page(ctx, &heading, body))
}
