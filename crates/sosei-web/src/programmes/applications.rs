//! The signed-in person's own applications (`/me/applications`): programme, rank, status in plain
//! words and history; moving a preference up or down, withdrawing, answering an offer, and after
//! the programme writing a testimonial and changing its consent.
//!
//! Every status change goes through `Store::change_application_status` from the status the page
//! showed, after checking `ApplicationStatus::actor_for` says the applicant may make it; a change
//! that lost a race is answered with the page and a message, not an error.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sosei_core::application::{
    Application, ApplicationActor, ApplicationHistoryEntry, ApplicationStatus,
};
use sosei_core::programme::after::{NewTestimonial, Testimonial};
use sosei_core::{ApplicationId, LocalizedText, Programme, User};
use sosei_store::StoreError;
use time::OffsetDateTime;

use super::{applications_view, id_from_path, sign_in_redirect};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::layout::{html_response, html_response_with_status};
use crate::state::AppState;

const PAGE_PATH: &str = "/me/applications";

/// Longest testimonial, per language, in characters.
pub const MAX_TESTIMONIAL_CHARS: usize = 1000;

/// One application as its page shows it.
pub(crate) struct ListedApplication {
    pub application: Application,
    pub programme: Programme,
    pub history: Vec<ApplicationHistoryEntry>,
    /// The applicant's testimonial on the programme, once written.
    pub testimonial: Option<Testimonial>,
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct TestimonialForm {
    pub text_ja: String,
    pub text_en: String,
    pub consent: String,
}

/// What the page shows beyond the applications.
#[derive(Default)]
pub(crate) struct PageState {
    /// A confirmation after a redirect.
    pub notice: Option<&'static str>,
    /// A problem with the last action.
    pub problem: Option<&'static str>,
    /// The testimonial form sent back with its problems.
    pub testimonial: Option<(ApplicationId, TestimonialForm, FormErrors)>,
}

async fn load(state: &AppState, user: &User) -> Result<Vec<ListedApplication>, AppError> {
    let mut listed = Vec::new();
    for application in state.store.applications_of_user(user.id).await? {
        let programme = state.store.programme(application.programme).await?;
        let history = state.store.application_history(application.id).await?;
        let testimonial = if application.status == ApplicationStatus::Completed {
            state
                .store
                .all_testimonials_of_programme(programme.id)
                .await?
                .into_iter()
                .find(|testimonial| testimonial.details.author == user.id)
        } else {
            None
        };
        listed.push(ListedApplication {
            application,
            programme,
            history,
            testimonial,
        });
    }
    // Active applications first, in rank order; finished ones after.
    listed.sort_by_key(|l| {
        (
            !l.application.status.is_active(),
            l.application.rank,
            l.application.id,
        )
    });
    Ok(listed)
}

/// After a change: back to the list with `notice`, or, when someone else changed the data
/// first (`Conflict`), the list again with `problem` and 409.
async fn done_or_changed(
    state: &AppState,
    ctx: &Ctx,
    user: &User,
    outcome: Result<(), StoreError>,
    notice: &str,
    problem: &'static str,
) -> Result<Response, AppError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("{PAGE_PATH}?notice={notice}")).into_response()),
        Err(StoreError::Conflict(_)) => {
            let page_state = PageState {
                problem: Some(problem),
                ..PageState::default()
            };
            render(state, ctx, user, StatusCode::CONFLICT, &page_state).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn render(
    state: &AppState,
    ctx: &Ctx,
    user: &User,
    status: StatusCode,
    page_state: &PageState,
) -> Result<Response, AppError> {
    let listed = load(state, user).await?;
    Ok(html_response_with_status(
        status,
        applications_view::applications_page(ctx, &listed, page_state),
    ))
}

/// The signed-in user's own application `raw_id`; someone else's is as good as absent.
async fn own_application(
    state: &AppState,
    user: &User,
    raw_id: &str,
) -> Result<Application, AppError> {
    let application = state
        .store
        .application(ApplicationId(id_from_path(raw_id)?))
        .await?;
    if application.applicant != user.id {
        return Err(AppError::NotFound);
    }
    Ok(application)
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ApplicationsQuery {
    notice: Option<String>,
}

/// Only known notices are shown, never query text.
fn notice_message_id(notice: Option<&str>) -> Option<&'static str> {
    Some(match notice? {
        "applied" => "programmes-notice-applied",
        "moved" => "programmes-notice-moved",
        "testimonial" => "programmes-notice-testimonial",
        "consent" => "programmes-notice-consent",
        other => match ApplicationStatus::parse(other)? {
            ApplicationStatus::Accepted => "programmes-notice-accepted",
            ApplicationStatus::Declined => "programmes-notice-declined",
            ApplicationStatus::Withdrawn => "programmes-notice-withdrawn",
            _ => return None,
        },
    })
}

pub async fn show_applications(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<ApplicationsQuery>,
) -> Result<Response, AppError> {
    let Some(user) = &ctx.user else {
        return Ok(sign_in_redirect(PAGE_PATH));
    };
    let page_state = PageState {
        notice: notice_message_id(query.notice.as_deref()),
        ..PageState::default()
    };
    let listed = load(&state, user).await?;
    Ok(html_response(applications_view::applications_page(
        &ctx,
        &listed,
        &page_state,
    )))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct StatusForm {
    /// The status the page showed (so a change made meanwhile is noticed).
    from: String,
    to: String,
}

pub async fn change_status(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let application = own_application(&state, user, &raw_id).await?;
    let bad = || AppError::BadRequest {
        message_id: "programmes-error-status",
    };
    let to = ApplicationStatus::parse(form.to.trim()).ok_or_else(bad)?;
    let from = if form.from.trim().is_empty() {
        application.status
    } else {
        ApplicationStatus::parse(form.from.trim()).ok_or_else(bad)?
    };
    if from.actor_for(to) != Some(ApplicationActor::Applicant) {
        return Err(AppError::Forbidden);
    }
    let outcome = state
        .store
        .change_application_status(application.id, from, to, user.id, OffsetDateTime::now_utc())
        .await
        .map(|_| ());
    let problem = "programmes-problem-changed";
    done_or_changed(&state, &ctx, user, outcome, to.as_str(), problem).await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct MoveForm {
    /// `up` (a stronger preference, a smaller rank) or `down`.
    direction: String,
}

pub async fn move_rank(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let application = own_application(&state, user, &raw_id).await?;
    let mut active: Vec<Application> = state
        .store
        .applications_of_user(user.id)
        .await?
        .into_iter()
        .filter(|a| a.status.is_active())
        .collect();
    active.sort_by_key(|a| (a.rank, a.id));
    let Some(position) = active.iter().position(|a| a.id == application.id) else {
        return Err(AppError::Conflict {
            message_id: "programmes-problem-not-active",
        });
    };
    let neighbour = match form.direction.as_str() {
        "up" => position.checked_sub(1),
        "down" => Some(position + 1),
        _ => {
            return Err(AppError::BadRequest {
                message_id: "programmes-error-direction",
            });
        }
    }
    .and_then(|index| active.get(index));
    let Some(neighbour) = neighbour else {
        // Already first (or last): nothing to do.
        return Ok(Redirect::to(PAGE_PATH).into_response());
    };
    let swapped = [
        (application.id, neighbour.rank),
        (neighbour.id, application.rank),
    ];
    let outcome = state.store.set_application_ranks(user.id, &swapped).await;
    let problem = "programmes-problem-changed";
    done_or_changed(&state, &ctx, user, outcome, "moved", problem).await
}

/// One language of a testimonial: empty, or up to [`MAX_TESTIMONIAL_CHARS`] characters.
fn testimonial_text(
    errors: &mut FormErrors,
    field: &'static str,
    raw: &str,
) -> Option<Option<String>> {
    errors.check_text(
        field,
        sosei_core::text::optional_bounded_text(raw, MAX_TESTIMONIAL_CHARS, true),
    )
}

pub async fn write_testimonial(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<TestimonialForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let application = own_application(&state, user, &raw_id).await?;
    if application.status != ApplicationStatus::Completed {
        return Err(AppError::Conflict {
            message_id: "programmes-problem-not-completed",
        });
    }
    let mut errors = FormErrors::new();
    let ja = testimonial_text(&mut errors, "text_ja", &form.text_ja);
    let en = testimonial_text(&mut errors, "text_en", &form.text_en);
    let text = match (ja, en) {
        (Some(None), Some(None)) => {
            errors.add("text_ja", "programmes-error-testimonial-empty");
            None
        }
        (Some(ja), Some(en)) => Some(LocalizedText::from_options(ja, en)),
        _ => None,
    };
    let Some(text) = text.filter(|_| errors.is_empty()) else {
        let page_state = PageState {
            testimonial: Some((application.id, form, errors)),
            ..PageState::default()
        };
        return render(
            &state,
            &ctx,
            user,
            StatusCode::UNPROCESSABLE_ENTITY,
            &page_state,
        )
        .await;
    };
    let testimonial = NewTestimonial {
        programme: application.programme,
        author: user.id,
        text,
        consent_to_publish: !form.consent.is_empty(),
    };
    let outcome = state
        .store
        .add_testimonial(&testimonial, OffsetDateTime::now_utc())
        .await
        .map(|_| ());
    let problem = "programmes-problem-testimonial-exists";
    done_or_changed(&state, &ctx, user, outcome, "testimonial", problem).await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ConsentForm {
    consent: String,
}

pub async fn change_consent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<ConsentForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let application = own_application(&state, user, &raw_id).await?;
    let testimonial = state
        .store
        .all_testimonials_of_programme(application.programme)
        .await?
        .into_iter()
        .find(|testimonial| testimonial.details.author == user.id)
        .ok_or(AppError::NotFound)?;
    state
        .store
        .set_testimonial_consent(testimonial.id, !form.consent.is_empty())
        .await?;
    Ok(Redirect::to(&format!("{PAGE_PATH}?notice=consent")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_known_notices_are_shown() {
        assert_eq!(
            notice_message_id(Some("accepted")),
            Some("programmes-notice-accepted")
        );
        assert_eq!(
            notice_message_id(Some("applied")),
            Some("programmes-notice-applied")
        );
        assert_eq!(notice_message_id(Some("completed")), None);
        assert_eq!(notice_message_id(Some("<script>")), None);
        assert_eq!(notice_message_id(None), None);
    }
}
