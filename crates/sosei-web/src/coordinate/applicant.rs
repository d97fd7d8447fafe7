//! One application as its coordinator sees it: the applicant's profile (visible because they
//! applied, `Store::profile_visible_to`), their motivation and the application's history, the
//! private review (notes and a score from 1 to 5) and the status moves.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::ApplicationId;
use sosei_core::application::{Application, ApplicationReview, ReviewNotes, ReviewScore};
use sosei_core::participant_profile::ParticipantProfile;

use super::applications::{application_path, status_buttons};
use super::fields::{Fields, check};
use super::programme_list::label;
use super::{
    Coordinated, NoticeQuery, Section, id_from_path, notice, programme_header, require_programme,
    words,
};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors};
use crate::layout::{csrf_field, html_response, html_response_with_status, page};
use crate::regions::found;
use crate::state::AppState;

async fn application_of(
    state: &AppState,
    coordinated: &Coordinated<'_>,
    raw: &str,
) -> Result<Application, AppError> {
    let application = state
        .store
        .application(ApplicationId(id_from_path(raw)?))
        .await?;
    if application.programme != coordinated.programme.id {
        return Err(AppError::NotFound);
    }
    Ok(application)
}

pub fn parse_review(fields: &Fields) -> Result<ApplicationReview, FormErrors> {
    let mut errors = FormErrors::new();
    let notes = errors
        .check_text("notes", ReviewNotes::parse_optional(fields.get("notes")))
        .flatten();
    let score = match fields.get("score").trim() {
        "" => None,
        raw => check(&mut errors, "score", ReviewScore::parse(raw)),
    };
    if errors.is_empty() {
        Ok(ApplicationReview { notes, score })
    } else {
        Err(errors)
    }
}

fn review_fields(application: &Application) -> Fields {
    Fields::new()
        .with(
            "notes",
            application
                .review
                .notes
                .as_ref()
                .map(|n| n.as_str().to_owned())
                .unwrap_or_default(),
        )
        .with(
            "score",
            application
                .review
                .score
                .map(|s| s.get().to_string())
                .unwrap_or_default(),
        )
}

pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme, raw_application)): Path<(String, String, String)>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let application = application_of(&state, &coordinated, &raw_application).await?;
    let fields = review_fields(&application);
    let body = render(
        &state,
        &ctx,
        &coordinated,
        &application,
        &query,
        &fields,
        &FormErrors::new(),
    )
    .await?;
    Ok(html_response(body))
}

pub async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme, raw_application)): Path<(String, String, String)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let application = application_of(&state, &coordinated, &raw_application).await?;
    match parse_review(&fields) {
        Ok(review) => {
            state
                .store
                .review_application(application.id, &review)
                .await?;
            let path = application_path(&coordinated, application.id);
            Ok(Redirect::to(&format!("{path}?done=reviewed")).into_response())
        }
        Err(errors) => {
            let body = render(
                &state,
                &ctx,
                &coordinated,
                &application,
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

async fn render(
    state: &AppState,
    ctx: &Ctx,
    coordinated: &Coordinated<'_>,
    application: &Application,
    query: &NoticeQuery,
    fields: &Fields,
    errors: &FormErrors,
) -> Result<Markup, AppError> {
    let viewer = coordinated.user;
    let visible = viewer.is_site_admin
        || state
            .store
            .profile_visible_to(viewer.id, application.applicant)
            .await?;
    let profile = if visible {
        found(state.store.participant_profile(application.applicant).await)?
    } else {
        None
    };
    let account = state.store.user(application.applicant).await?;
    let history = state.store.application_history(application.id).await?;
    let skills = state.store.skills().await?;
    let name = profile
        .as_ref()
        .map(|p| p.details.display_name.as_str())
        .unwrap_or(account.display_name.as_str())
        .to_owned();
    let path = application_path(coordinated, application.id);
    let scores: Vec<(String, String)> = std::iter::once((String::new(), "—".to_owned()))
        .chain((ReviewScore::MIN..=ReviewScore::MAX).map(|score| {
            (
                score.to_string(),
                ctx.t(&format!("coordinate-score-{score}")),
            )
        }))
        .collect();
    let body = html! {
        (programme_header(ctx, &coordinated.organisation, &coordinated.programme, Section::Applications, &name))
        (notice(ctx, query))
        dl class="facts" {
            div { dt { (ctx.t("coordinate-column-status")) } dd { (words::application_status(ctx, application.status)) } }
            div { dt { (ctx.t("coordinate-column-rank")) } dd { (words::rank(ctx, application.rank.get())) } }
            div { dt { (ctx.t("coordinate-column-submitted")) } dd { (crate::i18n::format_date(ctx.locale, application.submitted_at.date())) } }
        }
        div class="state-actions" { (status_buttons(ctx, coordinated, application, "applicant")) }
        section aria-labelledby="motivation-heading" {
            h2 id="motivation-heading" { (ctx.t("coordinate-motivation")) }
            @for paragraph in application.motivation.as_str().split("\n\n") { p { (paragraph) } }
        }
        section aria-labelledby="profile-heading" {
            h2 id="profile-heading" { (ctx.t("coordinate-profile")) }
            @match (&profile, visible) {
                (Some(profile), _) => (profile_facts(ctx, profile, &skills)),
                (None, true) => p class="muted" { (ctx.t("coordinate-profile-none")) },
                (None, false) => p class="muted" { (ctx.t("coordinate-profile-hidden")) },
            }
        }
        section aria-labelledby="review-heading" {
            h2 id="review-heading" { (ctx.t("coordinate-review")) }
            p class="hint" { (ctx.t("coordinate-review-private")) }
            (errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action={ (path) "/review" } class="stacked" novalidate {
                (csrf_field(ctx))
                (Field::new("score", label(ctx, "score")).value(fields.get("score")).select(ctx, errors, &scores))
                (Field::new("notes", label(ctx, "notes")).value(fields.get("notes")).textarea(ctx, errors, 5))
                div class="form-actions" { button type="submit" class="button" { (ctx.t("form-save")) } }
            }
        }
        section aria-labelledby="history-heading" {
            h2 id="history-heading" { (ctx.t("coordinate-history")) }
            ol {
                @for entry in &history {
                    li {
                        (crate::i18n::format_date(ctx.locale, entry.at.date())) " "
                        (words::application_status(ctx, entry.to))
                    }
                }
            }
        }
    };
    Ok(page(ctx, &name, body))
}

fn profile_facts(ctx: &Ctx, profile: &ParticipantProfile, skills: &[sosei_core::Skill]) -> Markup {
    let details = &profile.details;
    let fact = |label_id: &str, value: String| {
        html! {
            @if !value.is_empty() { div { dt { (ctx.t(label_id)) } dd { (value) } } }
        }
    };
    let availability = words::list(
        ctx,
        details.availability.iter().map(|window| {
            crate::i18n::format_date_range(ctx.locale, window.starts_on(), window.ends_on())
        }),
    );
    html! {
        dl class="facts" {
            (fact("coordinate-column-nationalities", words::list(ctx, details.nationalities.iter().map(|c| c.name(ctx.locale).to_owned()))))
            (fact("coordinate-column-languages", words::list(ctx, details.languages.iter().map(|l| words::language_skill(ctx, l)))))
            (fact("coordinate-column-skills", words::list(ctx, details.skills.iter().map(|s| words::skill_label(ctx, s, skills)))))
            (fact("coordinate-profile-affiliation", details.affiliation.as_ref().map(|a| a.as_str().to_owned()).unwrap_or_default()))
            (fact("coordinate-profile-availability", availability))
            (fact("coordinate-profile-diet", words::list(ctx, details.dietary_requirements.iter().map(|d| words::diet(ctx, *d)))))
            (fact("coordinate-profile-diet-notes", details.dietary_notes.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default()))
            (fact("coordinate-profile-accessibility", details.accessibility_needs.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default()))
            (fact("coordinate-profile-bio", details.bio.as_ref().map(|b| b.as_str().to_owned()).unwrap_or_default()))
        }
    }
}
