//! The organisation's host families: a list and a form to add or edit one (name, contact, beds,
//! the windows they can host in, the languages they speak, the diets they can cook for).

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::host::{Beds, HostContact, HostFamily, HostName, NewHostFamily};
use sosei_core::participant_profile::DietaryRequirement;
use sosei_core::{DateRange, HostFamilyId, LanguageCode, Organisation};

use super::fields::{Fields, check, parse_date, region};
use super::programme_list::label;
use super::{
    NoticeQuery, hosts_path, id_from_path, notice, programmes_path, require_coordinator, words,
};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, Message, control_id};
use crate::layout::{csrf_field, html_response, html_response_with_status, localized, page};
use crate::regions::{found, municipality_name};
use crate::state::AppState;

/// Availability windows, one per line: `2017-09-01 2017-09-15` (also `〜`, `~` or `/` between).
pub fn parse_windows(errors: &mut FormErrors, raw: &str) -> Vec<DateRange> {
    let mut windows = Vec::new();
    for (index, line) in raw.lines().enumerate() {
        let normalized = sosei_core::text::normalize_text(line, false).unwrap_or_default();
        if normalized.is_empty() {
            continue;
        }
        let parts: Vec<&str> = normalized
            .split(|c: char| c.is_whitespace() || c == '~' || c == '〜' || c == ',')
            .filter(|part| !part.is_empty() && *part != "-")
            .collect();
        let parsed = match parts.as_slice() {
            [start, end] => match (parse_date(start), parse_date(end)) {
                (Ok(Some(start)), Ok(Some(end))) => DateRange::new(start, end).ok(),
                _ => None,
            },
            _ => None,
        };
        match parsed {
            Some(window) => windows.push(window),
            None => errors.add(
                "available",
                Message::new("coordinate-error-window-line").number("line", index + 1),
            ),
        }
    }
    windows
}

/// Language codes separated by commas or spaces (`ja, en, th`).
pub fn parse_languages(errors: &mut FormErrors, raw: &str) -> Vec<LanguageCode> {
    raw.split(|c: char| c == ',' || c == '、' || c.is_whitespace())
        .filter(|part| !part.trim().is_empty())
        .filter_map(|part| check(errors, "languages", LanguageCode::parse(part)))
        .collect()
}

async fn parse_host(
    state: &AppState,
    organisation: &Organisation,
    fields: &Fields,
) -> Result<Result<NewHostFamily, FormErrors>, AppError> {
    let mut errors = FormErrors::new();
    let name = errors.check_text("name", HostName::parse(fields.get("name")));
    let contact = errors
        .check_text(
            "contact",
            HostContact::parse_optional(fields.get("contact")),
        )
        .flatten();
    let beds = check(&mut errors, "beds", Beds::parse(fields.get("beds")));
    let municipality = region(state, &mut errors, fields, "region").await?;
    let available = parse_windows(&mut errors, fields.get("available"));
    let languages = parse_languages(&mut errors, fields.get("languages"));
    let dietary_capabilities = DietaryRequirement::ALL
        .iter()
        .copied()
        .filter(|diet| fields.has("diet", diet.as_str()))
        .collect();
    Ok(match (name, beds, municipality) {
        (Some(name), Some(beds), Some(municipality)) if errors.is_empty() => Ok(NewHostFamily {
            organisation: organisation.id,
            region: municipality.code,
            name,
            contact,
            beds,
            available,
            languages,
            dietary_capabilities,
        }),
        _ => Err(errors),
    })
}

fn host_fields(host: &HostFamily) -> Fields {
    let details = &host.details;
    let mut fields = Fields::new()
        .with("name", details.name.as_str())
        .with(
            "contact",
            details
                .contact
                .as_ref()
                .map(|c| c.as_str().to_owned())
                .unwrap_or_default(),
        )
        .with("beds", details.beds.get().to_string())
        .with("region", details.region.to_string())
        .with(
            "available",
            details
                .available
                .iter()
                .map(|w| format!("{} {}", w.starts_on(), w.ends_on()))
                .collect::<Vec<_>>()
                .join("\n"),
        )
        .with(
            "languages",
            details
                .languages
                .iter()
                .map(|l| l.as_str().to_owned())
                .collect::<Vec<_>>()
                .join(", "),
        );
    for diet in &details.dietary_capabilities {
        fields.push("diet", diet.as_str());
    }
    fields
}

async fn host_of(
    state: &AppState,
    organisation: &Organisation,
    raw: &str,
) -> Result<HostFamily, AppError> {
    let host = state
        .store
        .host_family(HostFamilyId(id_from_path(raw)?))
        .await?;
    if host.details.organisation != organisation.id {
        return Err(AppError::NotFound);
    }
    Ok(host)
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_slug): Path<String>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let (organisation, _) = require_coordinator(&state, &ctx, &raw_slug).await?;
    let fields = Fields::new().with("beds", "2").with("languages", "ja");
    Ok(html_response(
        render_list(
            &state,
            &ctx,
            &organisation,
            &query,
            &fields,
            &FormErrors::new(),
        )
        .await?,
    ))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_slug): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let (organisation, _) = require_coordinator(&state, &ctx, &raw_slug).await?;
    match parse_host(&state, &organisation, &fields).await? {
        Ok(host) => {
            state.store.create_host_family(&host).await?;
            Ok(
                Redirect::to(&format!("{}?done=host-added", hosts_path(&organisation)))
                    .into_response(),
            )
        }
        Err(errors) => {
            let body = render_list(
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

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_host)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (organisation, _) = require_coordinator(&state, &ctx, &raw_slug).await?;
    let host = host_of(&state, &organisation, &raw_host).await?;
    Ok(html_response(render_edit(
        &ctx,
        &organisation,
        &host,
        &host_fields(&host),
        &FormErrors::new(),
    )))
}

pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_host)): Path<(String, String)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let (organisation, _) = require_coordinator(&state, &ctx, &raw_slug).await?;
    let host = host_of(&state, &organisation, &raw_host).await?;
    match parse_host(&state, &organisation, &fields).await? {
        Ok(update) => {
            state.store.update_host_family(host.id, &update).await?;
            Ok(
                Redirect::to(&format!("{}?done=host-saved", hosts_path(&organisation)))
                    .into_response(),
            )
        }
        Err(errors) => Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            render_edit(&ctx, &organisation, &host, &fields, &errors),
        )),
    }
}

async fn render_list(
    state: &AppState,
    ctx: &Ctx,
    organisation: &Organisation,
    query: &NoticeQuery,
    fields: &Fields,
    errors: &FormErrors,
) -> Result<Markup, AppError> {
    let hosts = state
        .store
        .host_families_of_organisation(organisation.id)
        .await?;
    let mut regions = std::collections::HashMap::new();
    for host in &hosts {
        if !regions.contains_key(&host.details.region)
            && let Some(municipality) = found(state.store.municipality(host.details.region).await)?
        {
            regions.insert(
                host.details.region,
                municipality_name(ctx.locale, &municipality).to_owned(),
            );
        }
    }
    let heading = ctx.t("coordinate-hosts-title");
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href={ "/organisations/" (organisation.slug) } { (localized(ctx, &organisation.name)) } }
                li { a href=(programmes_path(organisation)) { (ctx.t("coordinate-programmes-title")) } }
                li { span aria-current="page" { (heading) } }
            }
        }
        (notice(ctx, query))
        h1 { (heading) }
        p class="hint" { (ctx.t("coordinate-hosts-private")) }
        @if hosts.is_empty() {
            p class="muted" { (ctx.t("coordinate-no-hosts")) }
        } @else {
            div class="table-scroll" {
                table class="data-table" {
                    caption class="visually-hidden" { (heading) }
                    thead { tr {
                        th scope="col" { (label(ctx, "name")) }
                        th scope="col" { (ctx.t("coordinate-column-region")) }
                        th scope="col" { (label(ctx, "beds")) }
                        th scope="col" { (label(ctx, "available")) }
                        th scope="col" { (ctx.t("coordinate-column-languages")) }
                        th scope="col" { (ctx.t("coordinate-field-diet")) }
                    } }
                    tbody {
                        @for host in &hosts {
                            @let details = &host.details;
                            tr {
                                th scope="row" { a href={ (hosts_path(organisation)) "/" (host.id) } { (details.name.as_str()) } }
                                td { (regions.get(&details.region).cloned().unwrap_or_else(|| details.region.to_string())) }
                                td { (details.beds.get()) }
                                td { (words::list(ctx, details.available.iter().map(|w| crate::i18n::format_date_range(ctx.locale, w.starts_on(), w.ends_on())))) }
                                td { (words::list(ctx, details.languages.iter().map(|l| l.name(ctx.locale).to_owned()))) }
                                td { (words::list(ctx, details.dietary_capabilities.iter().map(|d| words::diet(ctx, *d)))) }
                            }
                        }
                    }
                }
            }
        }
        section aria-labelledby="new-host-heading" {
            h2 id="new-host-heading" { (ctx.t("coordinate-new-host")) }
            (errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action=(hosts_path(organisation)) class="stacked wide" novalidate {
                (csrf_field(ctx))
                (host_form_fields(ctx, fields, errors))
                div class="form-actions" { button type="submit" class="button" { (ctx.t("coordinate-add-host")) } }
            }
        }
    };
    Ok(page(ctx, &heading, body))
}

fn render_edit(
    ctx: &Ctx,
    organisation: &Organisation,
    host: &HostFamily,
    fields: &Fields,
    errors: &FormErrors,
) -> Markup {
    let heading = host.details.name.as_str().to_owned();
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href={ "/organisations/" (organisation.slug) } { (localized(ctx, &organisation.name)) } }
                li { a href=(hosts_path(organisation)) { (ctx.t("coordinate-hosts-title")) } }
                li { span aria-current="page" { (heading) } }
            }
        }
        h1 { (heading) }
        (errors.summary(ctx, |field| label(ctx, field)))
        form method="post" action={ (hosts_path(organisation)) "/" (host.id) } class="stacked wide" novalidate {
            (csrf_field(ctx))
            (host_form_fields(ctx, fields, errors))
            div class="form-actions" {
                button type="submit" class="button" { (ctx.t("form-save")) }
                a href=(hosts_path(organisation)) { (ctx.t("form-cancel")) }
            }
        }
    };
    page(ctx, &heading, body)
}

fn host_form_fields(ctx: &Ctx, fields: &Fields, errors: &FormErrors) -> Markup {
    let field = |name: &'static str| Field::new(name, label(ctx, name)).value(fields.get(name));
    html! {
        (field("name").required().input(ctx, errors, "text"))
        (field("contact").hint(ctx.t("coordinate-hint-contact")).textarea(ctx, errors, 2))
        (field("beds").required().input(ctx, errors, "number"))
        (field("region").required().hint(ctx.t("coordinate-hint-region")).input(ctx, errors, "text"))
        (field("available").hint(ctx.t("coordinate-hint-available")).textarea(ctx, errors, 3))
        (field("languages").hint(ctx.t("coordinate-hint-languages")).input(ctx, errors, "text"))
        fieldset {
            legend { (ctx.t("coordinate-field-diet")) }
            @for diet in DietaryRequirement::ALL {
                @let id = format!("{}-{}", control_id("diet"), diet.as_str());
                div class="checkbox" {
                    input type="checkbox" id=(id) name="diet" value=(diet.as_str()) checked[fields.has("diet", diet.as_str())];
                    label for=(id) { (words::diet(ctx, *diet)) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_one_per_line_with_several_separators() {
        let mut errors = FormErrors::new();
        let windows = parse_windows(
            &mut errors,
            "2017-09-01 2017-09-15\n\n2017-12-20〜2018-01-10\r\n2018-03-01 ~ 2018-03-05",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(windows.len(), 3);
        assert_eq!(windows[1].days(), 22);
        parse_windows(&mut errors, "2017-09-15 2017-09-01");
        assert_eq!(
            errors.get("available").map(Message::id),
            Some("coordinate-error-window-line")
        );
    }

    #[test]
    fn languages_are_codes() {
        let mut errors = FormErrors::new();
        assert_eq!(parse_languages(&mut errors, "ja, EN、th").len(), 3);
        assert!(errors.is_empty());
        parse_languages(&mut errors, "japanese");
        assert_eq!(
            errors.get("languages").map(Message::id),
            Some("error-language-code")
        );
    }
}
