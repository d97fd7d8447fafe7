//! The organisation's programmes (every status) with their applications by status, and the form
//! that creates one (as a draft).

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::application::ApplicationStatus;
use sosei_core::{NewProgramme, Organisation, Programme};

use super::fields::{Fields, bilingual, region, required_date};
use super::{
    NoticeQuery, hosts_path, notice, programme_path, programmes_path, require_coordinator, words,
};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, field_label};
use crate::layout::{csrf_field, html_response, html_response_with_status, localized, page};
use crate::regions::{found, municipality_name};
use crate::state::AppState;

pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_SUMMARY_CHARS: usize = 1_000;

pub(super) fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "coordinate", field)
}

/// Title, summary, region and dates: what a programme is created with (and edited on its page).
/// The region needs the store, so it is resolved by the caller and passed in.
pub(super) async fn parse_basics(
    state: &AppState,
    organisation: &Organisation,
    fields: &Fields,
) -> Result<Result<NewProgramme, FormErrors>, AppError> {
    let mut errors = FormErrors::new();
    let title = bilingual(
        &mut errors,
        fields,
        ("title_ja", "title_en"),
        MAX_TITLE_CHARS,
        false,
        Some("coordinate-error-title-required"),
    );
    let summary = bilingual(
        &mut errors,
        fields,
        ("summary_ja", "summary_en"),
        MAX_SUMMARY_CHARS,
        true,
        None,
    );
    let municipality = region(state, &mut errors, fields, "region").await?;
    let starts_on = required_date(&mut errors, fields, "starts_on");
    let ends_on = required_date(&mut errors, fields, "ends_on");
    if let (Some(starts_on), Some(ends_on)) = (starts_on, ends_on)
        && ends_on < starts_on
    {
        errors.add("ends_on", "error-date-range");
    }
    Ok(match (municipality, starts_on, ends_on) {
        (Some(municipality), Some(starts_on), Some(ends_on)) if errors.is_empty() => {
            Ok(NewProgramme {
                organisation: organisation.id,
                region: municipality.code,
                title,
                summary,
                starts_on,
                ends_on,
            })
        }
        _ => Err(errors),
    })
}

/// The fields of [`parse_basics`], for the new-programme form and the programme page.
pub(super) fn basics_fields(ctx: &Ctx, fields: &Fields, errors: &FormErrors) -> Markup {
    let field = |name: &'static str| Field::new(name, label(ctx, name)).value(fields.get(name));
    html! {
        fieldset {
            legend { (ctx.t("coordinate-field-title")) }
            p class="hint" { (ctx.t("coordinate-hint-one-language")) }
            div class="bilingual" {
                (field("title_ja").lang(sosei_core::Locale::Ja).input(ctx, errors, "text"))
                (field("title_en").lang(sosei_core::Locale::En).input(ctx, errors, "text"))
            }
        }
        fieldset {
            legend { (ctx.t("coordinate-field-summary")) }
            div class="bilingual" {
                (field("summary_ja").lang(sosei_core::Locale::Ja).textarea(ctx, errors, 3))
                (field("summary_en").lang(sosei_core::Locale::En).textarea(ctx, errors, 3))
            }
        }
        (field("region").required().hint(ctx.t("coordinate-hint-region")).input(ctx, errors, "text"))
        div class="bilingual" {
            (field("starts_on").required().input(ctx, errors, "date"))
            (field("ends_on").required().input(ctx, errors, "date"))
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_slug): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let (organisation, _) = require_coordinator(&state, &ctx, &raw_slug).await?;
    let body = render(
        &state,
        &ctx,
        &organisation,
        &query,
        &Fields::new(),
        &FormErrors::new(),
    )
    .await?;
    Ok(html_response(body))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_slug): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let (organisation, _) = require_coordinator(&state, &ctx, &raw_slug).await?;
    match parse_basics(&state, &organisation, &fields).await? {
        Ok(new_programme) => {
            let programme = state.store.create_programme(&new_programme).await?;
            let path = programme_path(&organisation, &programme);
            Ok(Redirect::to(&format!("{path}?done=created")).into_response())
        }
        Err(errors) => {
            let body = render(
                &state,
                &ctx,
                &organisation,
                &NoticeQuery::default(),
                &fields,
                &errors,
            )
            .await?;
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                body,
            ))
        }
    }
}

/// 「応募済み3件、候補1件」, "Submitted: 3, Shortlisted: 1" for one programme.
fn counts_text(ctx: &Ctx, counts: &[(ApplicationStatus, i64)]) -> String {
    if counts.is_empty() {
        return ctx.t("coordinate-no-applications");
    }
    words::list(
        ctx,
        counts.iter().map(|(status, count)| {
            crate::i18n::t_args(
                ctx.locale,
                "wording-status-count",
                &[
                    ("status", words::application_status(ctx, *status).into()),
                    ("count", (*count).into()),
                ],
            )
        }),
    )
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    organisation: &Organisation,
    query: &NoticeQuery,
    fields: &Fields,
    errors: &FormErrors,
) -> Result<maud::Markup, AppError> {
    let programmes = state
        .store
        .programmes_of_organisation(organisation.id)
        .await?;
    let counts = state
        .store
        .application_counts_of_organisation(organisation.id)
        .await?;
    let mut rows = Vec::new();
    for programme in &programmes {
        let region = found(state.store.municipality(programme.region).await)?
            .map(|municipality| municipality_name(ctx.locale, &municipality).to_owned())
            .unwrap_or_else(|| programme.region.to_string());
        let mut of_programme: Vec<(ApplicationStatus, i64)> = counts
            .iter()
            .filter(|count| count.programme == programme.id)
            .map(|count| (count.status, count.count))
            .collect();
        of_programme.sort_by_key(|(status, _)| *status);
        rows.push((programme, region, counts_text(ctx, &of_programme)));
    }
    let title = ctx.t("coordinate-programmes-title");
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href={ "/organisations/" (organisation.slug) } { (localized(ctx, &organisation.name)) } }
                li { span aria-current="page" { (title) } }
            }
        }
        (notice(ctx, query))
        (crate::layout::PageHeader::new(html! { (title) })
            .actions(html! {
                a class="button button-secondary" href=(hosts_path(organisation)) { (ctx.t("coordinate-nav-hosts")) }
            })
            .render())
        @if rows.is_empty() {
            p class="muted" { (ctx.t("coordinate-no-programmes")) }
        } @else {
            (programme_table(ctx, organisation, &rows))
        }
        section aria-labelledby="new-programme-heading" {
            h2 id="new-programme-heading" { (ctx.t("coordinate-new-programme")) }
            p class="hint" { (ctx.t("coordinate-new-programme-lead")) }
            (errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action=(programmes_path(organisation)) class="stacked wide" novalidate {
                (csrf_field(ctx))
                (basics_fields(ctx, fields, errors))
                div class="form-actions" {
                    button type="submit" class="button" { (ctx.t("coordinate-create-programme")) }
                }
            }
        }
    };
    Ok(page(ctx, &title, body))
}

fn programme_table(
    ctx: &Ctx,
    organisation: &Organisation,
    rows: &[(&Programme, String, String)],
) -> Markup {
    html! {
        table class="data-table" {
            caption class="visually-hidden" { (ctx.t("coordinate-programmes-title")) }
            thead {
                tr {
                    th scope="col" { (ctx.t("coordinate-column-programme")) }
                    th scope="col" { (ctx.t("coordinate-column-dates")) }
                    th scope="col" { (ctx.t("coordinate-column-region")) }
                    th scope="col" { (ctx.t("coordinate-column-status")) }
                    th scope="col" { (ctx.t("coordinate-column-applications")) }
                }
            }
            tbody {
                @for (programme, region, counts) in rows {
                    tr {
                        th scope="row" { a href=(programme_path(organisation, programme)) { (localized(ctx, &programme.title)) } }
                        td { (crate::i18n::format_date_range(ctx.locale, programme.starts_on, programme.ends_on)) }
                        td { (region) }
                        td { (words::status_tag(ctx, programme.status)) }
                        td {
                            a href={ (programme_path(organisation, programme)) "/applications" } { (counts) }
                        }
                    }
                }
            }
        }
    }
}
