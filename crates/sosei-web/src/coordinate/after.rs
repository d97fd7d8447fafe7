//! After the programme: the deliverables it left (title, kind, language, link), references
//! between host families and participants (coordinators enter them, also on a family's behalf),
//! and the participants' testimonials with whether each may be published.

use axum::Form;
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::file::NewStoredFile;
use sosei_core::programme::after::{
    DeliverableKind, DeliverableLocation, NewDeliverable, NewReference, ReferenceDirection,
    ReferenceText, WebLink,
};
use sosei_core::{DeliverableId, HostFamilyId, LanguageCode, Locale, UserId};
use time::OffsetDateTime;

use super::applications::applicants_of;
use super::fields::{Fields, bilingual, check};
use super::programme_list::label;
use super::{
    Coordinated, NoticeQuery, Section, id_from_path, notice, programme_header, programme_path,
    require_programme, words,
};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors};
use crate::layout::{csrf_field, html_response, html_response_with_status, localized, page};
use crate::state::AppState;
use crate::uploads::{Upload, read_form_with_upload};

pub const MAX_DELIVERABLE_TITLE_CHARS: usize = 200;

fn after_path(coordinated: &Coordinated<'_>) -> String {
    format!(
        "{}/after",
        programme_path(&coordinated.organisation, &coordinated.programme)
    )
}

/// What a failed form looks like, so the page shows it again with its problems.
#[derive(Default)]
struct Attempt {
    deliverable: Fields,
    deliverable_errors: FormErrors,
    reference: Fields,
    reference_errors: FormErrors,
}

/// What the file input offers (the server checks the bytes whatever the browser lets through).
const ACCEPTED_FILES: &str =
    ".pdf,.png,.jpg,.jpeg,.webp,.mp4,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.md,.csv";

/// Where a new deliverable will be: a link, a file to store, or neither (kept offline).
pub enum NewLocation {
    Link(WebLink),
    Upload(NewStoredFile),
    Offline,
}

/// A deliverable's form, parsed: the deliverable (its location still to be settled) and where
/// it is.
pub fn parse_deliverable(
    fields: &Fields,
    upload: Option<Upload>,
    coordinated: &Coordinated<'_>,
) -> Result<(NewDeliverable, NewLocation), FormErrors> {
    let mut errors = FormErrors::new();
    let title = bilingual(
        &mut errors,
        fields,
        ("title_ja", "title_en"),
        MAX_DELIVERABLE_TITLE_CHARS,
        false,
        Some("coordinate-error-title-required"),
    );
    let kind = errors.require(
        "kind",
        DeliverableKind::parse(fields.get("kind")),
        "coordinate-error-choice",
    );
    let language = check(
        &mut errors,
        "language",
        LanguageCode::parse(fields.get("language")),
    );
    let location = match (fields.get("link").trim().is_empty(), upload) {
        (false, Some(_)) => {
            errors.add("file", "coordinate-error-link-or-file");
            None
        }
        (false, None) => {
            check(&mut errors, "link", WebLink::parse(fields.get("link"))).map(NewLocation::Link)
        }
        (true, Some(upload)) => check(
            &mut errors,
            "file",
            NewStoredFile::parse(&upload.file_name, upload.content, coordinated.user.id),
        )
        .map(NewLocation::Upload),
        (true, None) => Some(NewLocation::Offline),
    };
    match (kind, language, location) {
        (Some(kind), Some(language), Some(location)) if errors.is_empty() => Ok((
            NewDeliverable {
                programme: coordinated.programme.id,
                title,
                kind,
                language,
                location: DeliverableLocation::Offline,
                added_by: coordinated.user.id,
            },
            location,
        )),
        _ => Err(errors),
    }
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let attempt = Attempt {
        deliverable: Fields::new().with("language", "ja"),
        ..Attempt::default()
    };
    Ok(html_response(
        render(&state, &ctx, &coordinated, &query, attempt).await?,
    ))
}

/// `POST …/after/deliverables`, a multipart form (with its file) or a plain one (a link). The
/// coordinator's rights are checked before the body is read.
pub async fn add_deliverable(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    request: Request,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let form = read_form_with_upload(request, "file").await?;
    let mut fields = Fields::new();
    for (name, value) in form.fields {
        fields.push(name, value);
    }
    match parse_deliverable(&fields, form.upload, &coordinated) {
        Ok((mut deliverable, location)) => {
            let now = OffsetDateTime::now_utc();
            deliverable.location = match location {
                NewLocation::Link(link) => DeliverableLocation::Link(link),
                NewLocation::Offline => DeliverableLocation::Offline,
                NewLocation::Upload(file) => {
                    DeliverableLocation::File(state.store.store_file(&file, now).await?)
                }
            };
            if let Err(error) = state.store.add_deliverable(&deliverable, now).await {
                if let DeliverableLocation::File(file) = &deliverable.location {
                    state.store.remove_unused_file(file.id).await?;
                }
                return Err(error.into());
            }
            Ok(Redirect::to(&format!(
                "{}?done=deliverable-added",
                after_path(&coordinated)
            ))
            .into_response())
        }
        Err(errors) => {
            let attempt = Attempt {
                deliverable: fields,
                deliverable_errors: errors,
                ..Attempt::default()
            };
            let body = render(&state, &ctx, &coordinated, &NoticeQuery::default(), attempt).await?;
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                body,
            ))
        }
    }
}

pub async fn remove_deliverable(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme, raw_deliverable)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let id = DeliverableId(id_from_path(&raw_deliverable)?);
    let deliverables = state
        .store
        .deliverables_of_programme(coordinated.programme.id)
        .await?;
    if !deliverables.iter().any(|deliverable| deliverable.id == id) {
        return Err(AppError::NotFound);
    }
    state.store.remove_deliverable(id).await?;
    Ok(Redirect::to(&format!(
        "{}?done=deliverable-removed",
        after_path(&coordinated)
    ))
    .into_response())
}

/// A reference between one of the organisation's families and one of the programme's
/// participants; both are checked against what the page offered.
pub async fn add_reference(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let hosts = state
        .store
        .host_families_of_organisation(coordinated.organisation.id)
        .await?;
    let applicants = applicants_of(&state, coordinated.programme.id).await?;
    let mut errors = FormErrors::new();
    let host = errors.require(
        "host",
        hosts
            .iter()
            .find(|host| host.id.to_string() == fields.get("host").trim())
            .map(|host| host.id),
        "coordinate-error-choice",
    );
    let participant = errors.require(
        "participant",
        applicants
            .iter()
            .find(|applicant| {
                applicant.application.applicant.to_string() == fields.get("participant").trim()
            })
            .map(|applicant| applicant.application.applicant),
        "coordinate-error-choice",
    );
    let direction = errors.require(
        "direction",
        ReferenceDirection::parse(fields.get("direction")),
        "coordinate-error-choice",
    );
    let text = errors.check_text("text", ReferenceText::parse(fields.get("text")));
    match (host, participant, direction, text) {
        (Some(host), Some(participant), Some(direction), Some(text)) if errors.is_empty() => {
            let reference = NewReference {
                programme: coordinated.programme.id,
                host,
                participant,
                direction,
                written_by: coordinated.user.id,
                text,
            };
            state
                .store
                .add_reference(&reference, OffsetDateTime::now_utc())
                .await?;
            Ok(Redirect::to(&format!(
                "{}?done=reference-added",
                after_path(&coordinated)
            ))
            .into_response())
        }
        _ => {
            let attempt = Attempt {
                reference: fields,
                reference_errors: errors,
                deliverable: Fields::new().with("language", "ja"),
                ..Attempt::default()
            };
            let body = render(&state, &ctx, &coordinated, &NoticeQuery::default(), attempt).await?;
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                body,
            ))
        }
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    coordinated: &Coordinated<'_>,
    query: &NoticeQuery,
    attempt: Attempt,
) -> Result<Markup, AppError> {
    let programme = &coordinated.programme;
    let deliverables = state.store.deliverables_of_programme(programme.id).await?;
    let testimonials = state
        .store
        .all_testimonials_of_programme(programme.id)
        .await?;
    let references = state.store.references_of_programme(programme.id).await?;
    let hosts = state
        .store
        .host_families_of_organisation(coordinated.organisation.id)
        .await?;
    let applicants = applicants_of(state, programme.id).await?;
    let name_of = |user: UserId| {
        applicants
            .iter()
            .find(|a| a.application.applicant == user)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let host_name = |id: HostFamilyId| {
        hosts
            .iter()
            .find(|h| h.id == id)
            .map(|h| h.details.name.as_str().to_owned())
            .unwrap_or_default()
    };
    let base = after_path(coordinated);
    let heading = ctx.t("coordinate-after-title");
    let body = html! {
        (programme_header(ctx, &coordinated.organisation, programme, Section::After, &heading))
        (notice(ctx, query))
        section aria-labelledby="deliverables-heading" {
            h2 id="deliverables-heading" { (ctx.t("coordinate-deliverables")) }
            @if deliverables.is_empty() { p class="muted" { (ctx.t("coordinate-no-deliverables")) } }
            ul {
                @for deliverable in &deliverables {
                    @let details = &deliverable.details;
                    li {
                        @match &details.location {
                            DeliverableLocation::Link(link) => a href=(link.as_str()) rel="noopener noreferrer" { (localized(ctx, &details.title)) },
                            DeliverableLocation::File(_) => {
                                a href=(crate::uploads::deliverable_file_path(details.programme, deliverable.id)) { (localized(ctx, &details.title)) }
                            },
                            DeliverableLocation::Offline => { (localized(ctx, &details.title)) },
                        }
                        (crate::programmes::words::deliverable_details(ctx.locale, details))
                        " · " (words::deliverable_kind(ctx, details.kind)) " "
                        form method="post" action={ (base) "/deliverables/" (deliverable.id) "/remove" } class="inline-form" {
                            (csrf_field(ctx))
                            button type="submit" class="link-button" { (ctx.t("coordinate-remove")) }
                        }
                    }
                }
            }
            (deliverable_form(ctx, &base, &attempt.deliverable, &attempt.deliverable_errors))
        }
        section aria-labelledby="references-heading" {
            h2 id="references-heading" { (ctx.t("coordinate-references")) }
            @if references.is_empty() { p class="muted" { (ctx.t("coordinate-no-references")) } }
            @for reference in &references {
                @let details = &reference.details;
                blockquote {
                    p class="small muted" {
                        (crate::i18n::t_args(ctx.locale, &format!("coordinate-reference-{}", details.direction.as_str().replace('_', "-")),
                            &[("host", host_name(details.host).into()), ("participant", name_of(details.participant).into())]))
                    }
                    @for line in details.text.as_str().lines() { p { (line) } }
                }
            }
            @if hosts.is_empty() || applicants.is_empty() {
                p class="muted" { (ctx.t("coordinate-references-need-both")) }
            } @else {
                @let host_options: Vec<(String, String)> = std::iter::once((String::new(), ctx.t("coordinate-choose"))).chain(hosts.iter().map(|h| (h.id.to_string(), h.details.name.as_str().to_owned()))).collect();
                @let participant_options: Vec<(String, String)> = std::iter::once((String::new(), ctx.t("coordinate-choose"))).chain(applicants.iter().map(|a| (a.application.applicant.to_string(), a.name.clone()))).collect();
                @let directions: Vec<(&str, String)> = ReferenceDirection::ALL.iter().map(|d| (d.as_str(), ctx.t(&format!("coordinate-direction-{}", d.as_str().replace('_', "-"))))).collect();
                @let fields = &attempt.reference;
                @let errors = &attempt.reference_errors;
                @let field = |name: &'static str| Field::new(name, label(ctx, name)).value(fields.get(name));
                (errors.summary(ctx, |field| label(ctx, field)))
                form method="post" action={ (base) "/references" } class="stacked" novalidate {
                    (csrf_field(ctx))
                    (field("direction").select(ctx, errors, &directions))
                    (field("host").select(ctx, errors, &host_options))
                    (field("participant").select(ctx, errors, &participant_options))
                    (field("text").textarea(ctx, errors, 4))
                    div class="form-actions" { button type="submit" class="button" { (ctx.t("coordinate-add-reference")) } }
                }
            }
        }
        section aria-labelledby="testimonials-heading" {
            h2 id="testimonials-heading" { (ctx.t("coordinate-testimonials")) }
            p class="hint" { (ctx.t("coordinate-testimonials-consent")) }
            @if testimonials.is_empty() { p class="muted" { (ctx.t("coordinate-no-testimonials")) } }
            @for testimonial in &testimonials {
                @let details = &testimonial.details;
                blockquote {
                    p class="small" {
                        strong { (name_of(details.author)) } " "
                        @if details.consent_to_publish {
                            span class="tag" { (ctx.t("coordinate-testimonial-published")) }
                        } @else {
                            span class="tag tag-warning" { (ctx.t("coordinate-testimonial-private")) }
                        }
                    }
                    div { (crate::layout::localized_paragraphs(ctx, &details.text)) }
                }
            }
        }
    };
    Ok(page(ctx, &heading, body))
}

fn deliverable_form(ctx: &Ctx, base: &str, fields: &Fields, errors: &FormErrors) -> Markup {
    let field = |name: &'static str| Field::new(name, label(ctx, name)).value(fields.get(name));
    let kinds: Vec<(&str, String)> = std::iter::once(("", ctx.t("coordinate-choose")))
        .chain(
            DeliverableKind::ALL
                .iter()
                .map(|kind| (kind.as_str(), words::deliverable_kind(ctx, *kind))),
        )
        .collect();
    let mut languages: Vec<(String, String)> = sosei_core::language::all_languages()
        .iter()
        .map(|entry| (entry.code.to_owned(), entry.name(ctx.locale).to_owned()))
        .collect();
    languages.sort_by(|a, b| a.1.cmp(&b.1));
    html! {
        h3 { (ctx.t("coordinate-add-deliverable")) }
        (errors.summary(ctx, |field| label(ctx, field)))
        form method="post" action={ (base) "/deliverables" } enctype="multipart/form-data" class="stacked wide" novalidate {
            (csrf_field(ctx))
            div class="bilingual" {
                (field("title_ja").lang(Locale::Ja).input(ctx, errors, "text"))
                (field("title_en").lang(Locale::En).input(ctx, errors, "text"))
            }
            (field("kind").required().select(ctx, errors, &kinds))
            (field("language").required().select(ctx, errors, &languages))
            (field("link").hint(ctx.t("coordinate-hint-link")).input(ctx, errors, "url"))
            (field("file").hint(ctx.t("coordinate-hint-file")).file_input(ctx, errors, ACCEPTED_FILES))
            div class="form-actions" { button type="submit" class="button" { (ctx.t("coordinate-add-deliverable")) } }
        }
    }
}
