//! Applying to a programme (`/programmes/{id}/apply`): signed in, with a saved profile, while the
//! programme takes applications; a preference rank (the next free one by default) and a
//! motivation.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::application::{Application, Motivation, NewApplication, PreferenceRank};
use sosei_core::{Programme, ProgrammeId, UserId};
use sosei_store::StoreError;
use time::OffsetDateTime;

use super::public_view::{application_window_line, breadcrumb};
use super::{id_from_path, programme_path, sign_in_redirect, today_in_japan, visible_programme};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, field_label};
use crate::layout::{csrf_field, html_response, html_response_with_status, localized, page};
use crate::state::AppState;

#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct ApplyForm {
    pub rank: String,
    pub motivation: String,
}

/// Why someone cannot apply now, if anything stops them.
enum Obstacle {
    NoProfile,
    AlreadyApplied,
    NotTakingApplications,
}

/// The smallest rank none of `applications`' active ones holds.
pub fn next_free_rank(applications: &[Application]) -> Option<PreferenceRank> {
    (1..=PreferenceRank::MAX)
        .filter_map(|rank| PreferenceRank::new(rank).ok())
        .find(|rank| {
            !applications
                .iter()
                .any(|application| application.status.is_active() && application.rank == *rank)
        })
}

async fn obstacle(
    state: &AppState,
    user: UserId,
    programme: &Programme,
    applications: &[Application],
) -> Result<Option<Obstacle>, AppError> {
    if applications.iter().any(|a| a.programme == programme.id) {
        return Ok(Some(Obstacle::AlreadyApplied));
    }
    if !programme.accepts_applications(today_in_japan()) {
        return Ok(Some(Obstacle::NotTakingApplications));
    }
    match state.store.participant_profile(user).await {
        Ok(_) => Ok(None),
        Err(StoreError::NotFound) => Ok(Some(Obstacle::NoProfile)),
        Err(other) => Err(other.into()),
    }
}

fn apply_path(id: ProgrammeId) -> String {
    format!("{}/apply", programme_path(id))
}

pub async fn show_apply_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let programme = visible_programme(&state, &ctx, ProgrammeId(id_from_path(&raw_id)?)).await?;
    let Some(user) = &ctx.user else {
        return Ok(sign_in_redirect(&apply_path(programme.id)));
    };
    let applications = state.store.applications_of_user(user.id).await?;
    if let Some(obstacle) = obstacle(&state, user.id, &programme, &applications).await? {
        return Ok(obstacle_page(&ctx, &programme, &obstacle));
    }
    let form = ApplyForm {
        rank: next_free_rank(&applications)
            .map(|rank| rank.get().to_string())
            .unwrap_or_default(),
        motivation: String::new(),
    };
    Ok(html_response(apply_page(
        &ctx,
        &programme,
        &form,
        &FormErrors::new(),
    )))
}

pub async fn submit_application(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<ApplyForm>,
) -> Result<Response, AppError> {
    let programme = visible_programme(&state, &ctx, ProgrammeId(id_from_path(&raw_id)?)).await?;
    let Some(user) = &ctx.user else {
        return Ok(sign_in_redirect(&apply_path(programme.id)));
    };
    let applications = state.store.applications_of_user(user.id).await?;
    if let Some(obstacle) = obstacle(&state, user.id, &programme, &applications).await? {
        return Ok(obstacle_page(&ctx, &programme, &obstacle));
    }
    let mut errors = FormErrors::new();
    let rank = errors.check("rank", PreferenceRank::parse(&form.rank));
    let motivation = errors.check_text("motivation", Motivation::parse(&form.motivation));
    if let Some(rank) = rank
        && applications
            .iter()
            .any(|a| a.status.is_active() && a.rank == rank)
    {
        errors.add("rank", "programmes-error-rank-taken");
    }
    let (Some(rank), Some(motivation), true) = (rank, motivation, errors.is_empty()) else {
        return Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            apply_page(&ctx, &programme, &form, &errors),
        ));
    };
    let application = NewApplication {
        programme: programme.id,
        applicant: user.id,
        rank,
        motivation,
    };
    match state
        .store
        .apply(&application, OffsetDateTime::now_utc())
        .await
    {
        Ok(_) => Ok(Redirect::to("/me/applications?notice=applied").into_response()),
        Err(StoreError::Conflict(_)) => {
            // Something changed since the checks above: say which rule it was now.
            let programme = state.store.programme(programme.id).await?;
            let applications = state.store.applications_of_user(user.id).await?;
            if let Some(obstacle) = obstacle(&state, user.id, &programme, &applications).await? {
                return Ok(obstacle_page(&ctx, &programme, &obstacle));
            }
            let mut errors = FormErrors::new();
            errors.add("rank", "programmes-error-rank-taken");
            Ok(html_response_with_status(
                StatusCode::CONFLICT,
                apply_page(&ctx, &programme, &form, &errors),
            ))
        }
        Err(other) => Err(other.into()),
    }
}

fn obstacle_page(ctx: &Ctx, programme: &Programme, obstacle: &Obstacle) -> Response {
    let (status, message_id, link, link_id) = match obstacle {
        Obstacle::NoProfile => (
            StatusCode::OK,
            "programmes-apply-needs-profile",
            format!(
                "/me/profile?return_to={}",
                crate::layout::percent_encode(&apply_path(programme.id))
            ),
            "programmes-profile-create-title",
        ),
        Obstacle::AlreadyApplied => (
            StatusCode::CONFLICT,
            "programmes-apply-already",
            "/me/applications".to_owned(),
            "programmes-my-applications-title",
        ),
        Obstacle::NotTakingApplications => (
            StatusCode::CONFLICT,
            "programmes-apply-closed",
            programme_path(programme.id),
            "programmes-back-to-programme",
        ),
    };
    let body = html! {
        (breadcrumb(ctx, Some(programme)))
        h1 { (ctx.t("programmes-apply-title")) }
        p class="lead" { (localized(ctx, &programme.title)) }
        div class="alert alert-info" role="status" { (ctx.t(message_id)) }
        p { a class="button" href=(link) { (ctx.t(link_id)) } }
    };
    html_response_with_status(status, page(ctx, &ctx.t("programmes-apply-title"), body))
}

fn apply_page(ctx: &Ctx, programme: &Programme, form: &ApplyForm, errors: &FormErrors) -> Markup {
    let title = ctx.t("programmes-apply-title");
    let label = |field: &str| field_label(ctx, "programmes-apply", field);
    let rank_hint = crate::i18n::t_args(
        ctx.locale,
        "programmes-apply-hint-rank",
        &[("max", PreferenceRank::MAX.into())],
    );
    let motivation_hint = crate::i18n::t_args(
        ctx.locale,
        "programmes-profile-hint-limit",
        &[("max", Motivation::MAX_CHARS.into())],
    );
    let body = html! {
        (breadcrumb(ctx, Some(programme)))
        (crate::layout::PageHeader::new(html! { (title) })
            .lead(html! {
                p class="lead" { (localized(ctx, &programme.title)) }
                p class="card-meta" {
                    (crate::i18n::format_date_range(ctx.locale, programme.starts_on, programme.ends_on))
                    @if let Some(window) = application_window_line(ctx, programme) { " · " (window) }
                }
            })
            .render())
        (errors.summary(ctx, label))
        form method="post" action=(apply_path(programme.id)) class="stacked wide" novalidate {
            (csrf_field(ctx))
            (Field::new("rank", label("rank")).value(&form.rank).hint(rank_hint).required()
                .input(ctx, errors, "text"))
            (Field::new("motivation", label("motivation")).value(&form.motivation)
                .hint(format!("{} {}", ctx.t("programmes-apply-hint-motivation"), motivation_hint))
                .required().textarea(ctx, errors, 8))
            p class="small" { (ctx.t("programmes-apply-profile-shared")) " " a href="/me/profile" { (ctx.t("programmes-profile-title")) } }
            div class="form-actions" {
                button type="submit" class="button" { (ctx.t("programmes-apply-submit")) }
            }
        }
    };
    page(ctx, &title, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sosei_core::ApplicationId;
    use sosei_core::application::{ApplicationReview, ApplicationStatus};

    fn application(rank: u8, status: ApplicationStatus) -> Application {
        Application {
            id: ApplicationId(i64::from(rank)),
            programme: ProgrammeId(i64::from(rank)),
            applicant: UserId(1),
            rank: PreferenceRank::new(rank).expect("rank"),
            motivation: Motivation::parse("行きたい").expect("motivation"),
            status,
            review: ApplicationReview::default(),
            submitted_at: OffsetDateTime::UNIX_EPOCH,
            status_changed_at: OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn the_next_free_rank_skips_active_ranks_only() {
        assert_eq!(next_free_rank(&[]).map(PreferenceRank::get), Some(1));
        let taken = [
            application(1, ApplicationStatus::Submitted),
            application(2, ApplicationStatus::Withdrawn),
            application(3, ApplicationStatus::Offered),
        ];
        assert_eq!(next_free_rank(&taken).map(PreferenceRank::get), Some(2));
    }
}
