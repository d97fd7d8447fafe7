//! The public programme pages: the list of programmes (never drafts), one programme with its
//! teams, needs and what it left behind, and both as iCalendar files.

use std::collections::HashMap;

use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, HOST};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use sosei_core::programme::after::{Deliverable, PlannedDeliverable, Reference, Testimonial};
use sosei_core::programme::team::Team;
use sosei_core::{
    Locale, Municipality, MunicipalityCode, Organisation, Programme, ProgrammeId, ProgrammeStatus,
    Skill,
};
use sosei_store::StoreError;
use time::OffsetDateTime;

use super::{id_from_path, programme_path, public_view, visible_programme};
use crate::context::Ctx;
use crate::error::AppError;
use crate::ical::{CalendarEvent, calendar};
use crate::layout::html_response;
use crate::state::AppState;

/// The public statuses in the order the list shows them: what one can apply to first.
pub const LISTED_STATUSES: [ProgrammeStatus; 4] = [
    ProgrammeStatus::Open,
    ProgrammeStatus::Running,
    ProgrammeStatus::Closed,
    ProgrammeStatus::Completed,
];

/// Every public programme, grouped by status in [`LISTED_STATUSES`] order.
pub async fn public_programmes(
    state: &AppState,
) -> Result<Vec<(ProgrammeStatus, Vec<Programme>)>, AppError> {
    let mut groups = Vec::new();
    for status in LISTED_STATUSES {
        debug_assert!(status.is_public());
        groups.push((status, state.store.programmes_with_status(status).await?));
    }
    Ok(groups)
}

/// The municipalities the programmes take place in, by code (unknown ones left out).
async fn regions_of(
    state: &AppState,
    programmes: impl Iterator<Item = &Programme>,
) -> Result<HashMap<MunicipalityCode, Municipality>, AppError> {
    let mut regions = HashMap::new();
    for programme in programmes {
        if regions.contains_key(&programme.region) {
            continue;
        }
        match state.store.municipality(programme.region).await {
            Ok(municipality) => {
                regions.insert(programme.region, municipality);
            }
            Err(StoreError::NotFound) => {}
            Err(other) => return Err(other.into()),
        }
    }
    Ok(regions)
}

pub async fn list_programmes(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Response, AppError> {
    let groups = public_programmes(&state).await?;
    let regions = regions_of(&state, groups.iter().flat_map(|(_, list)| list.iter())).await?;
    Ok(html_response(public_view::list_page(
        &ctx, &groups, &regions,
    )))
}

/// Everything the programme page shows.
pub(crate) struct ProgrammePage {
    pub programme: Programme,
    pub organisation: Option<Organisation>,
    pub region: Option<Municipality>,
    pub teams: Vec<Team>,
    pub skills: Vec<Skill>,
    pub planned: Vec<PlannedDeliverable>,
    pub deliverables: Vec<Deliverable>,
    pub testimonials: Vec<Testimonial>,
    pub references: Vec<Reference>,
    /// Whether the Apply button shows (open, inside the window).
    pub accepts_applications: bool,
    /// Whether the reader coordinates this programme (then the page links to its management).
    pub may_coordinate: bool,
}

pub async fn show_programme(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    if let Some(raw_id) = raw_id.strip_suffix(".ics") {
        return programme_calendar(&state, &ctx, &headers, raw_id).await;
    }
    let id = ProgrammeId(id_from_path(&raw_id)?);
    let programme = visible_programme(&state, &ctx, id).await?;
    let organisation = match state.store.organisation(programme.organisation).await {
        Ok(organisation) => Some(organisation),
        Err(StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    let region = regions_of(&state, std::iter::once(&programme))
        .await?
        .remove(&programme.region);
    let page = ProgrammePage {
        teams: state.store.teams_of_programme(id).await?,
        skills: state.store.skills().await?,
        planned: state.store.planned_deliverables(id).await?,
        deliverables: state.store.deliverables_of_programme(id).await?,
        testimonials: state.store.published_testimonials(id).await?,
        references: state.store.references_of_programme(id).await?,
        accepts_applications: programme.accepts_applications(super::today_in_japan()),
        may_coordinate: super::is_coordinator(&state, &ctx, &programme).await?,
        programme,
        organisation,
        region,
    };
    Ok(html_response(public_view::programme_page(&ctx, &page)))
}

/// `GET /programmes/{id}/deliverables/{deliverable}/file`: a deliverable's uploaded file, to
/// whoever may see the programme's page.
pub async fn deliverable_file(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((raw_programme, raw_deliverable)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let programme = ProgrammeId(id_from_path(&raw_programme)?);
    let programme = visible_programme(&state, &ctx, programme).await?;
    let deliverable = sosei_core::DeliverableId(id_from_path(&raw_deliverable)?);
    let deliverable = state.store.deliverable(deliverable).await?;
    if deliverable.details.programme != programme.id {
        return Err(AppError::NotFound);
    }
    let sosei_core::programme::after::DeliverableLocation::File(file) =
        deliverable.details.location
    else {
        return Err(AppError::NotFound);
    };
    let (file, content) = state.store.stored_file_content(file.id).await?;
    Ok(crate::uploads::file_response(&headers, &file, content))
}

// --- iCalendar ---------------------------------------------------------------------------------

/// The site's address as the request named it (calendars need absolute links).
fn site_origin(state: &AppState, headers: &HeaderMap) -> Option<String> {
    let host = headers.get(HOST)?.to_str().ok()?;
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    valid.then(|| format!("{scheme}://{host}"))
}

fn calendar_event(
    locale: Locale,
    programme: &Programme,
    region: Option<&Municipality>,
    origin: Option<&str>,
) -> CalendarEvent {
    let host_part = origin
        .and_then(|origin| origin.split("://").nth(1))
        .unwrap_or("sosei.invalid");
    CalendarEvent {
        uid: format!("programme-{}@{host_part}", programme.id),
        first_day: programme.starts_on,
        last_day: programme.ends_on,
        summary: programme.title.text(locale).to_owned(),
        description: programme.summary.text(locale).to_owned(),
        location: region
            .map(|municipality| crate::regions::municipality_name(locale, municipality).to_owned())
            .unwrap_or_default(),
        url: origin.map(|origin| format!("{origin}{}", programme_path(programme.id))),
    }
}

fn calendar_response(body: String, file_name: &str) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/calendar; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{file_name}\"")) {
        response.headers_mut().insert(CONTENT_DISPOSITION, value);
    }
    response
}

async fn programme_calendar(
    state: &AppState,
    ctx: &Ctx,
    headers: &HeaderMap,
    raw_id: &str,
) -> Result<Response, AppError> {
    let id = ProgrammeId(id_from_path(raw_id)?);
    let programme = visible_programme(state, ctx, id).await?;
    let region = regions_of(state, std::iter::once(&programme))
        .await?
        .remove(&programme.region);
    let origin = site_origin(state, headers);
    let event = calendar_event(ctx.locale, &programme, region.as_ref(), origin.as_deref());
    let body = calendar(
        programme.title.text(ctx.locale),
        &[event],
        OffsetDateTime::now_utc(),
    );
    Ok(calendar_response(body, &format!("programme-{id}.ics")))
}

/// Every public programme in one calendar.
pub async fn all_programmes_calendar(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let groups = public_programmes(&state).await?;
    let regions = regions_of(&state, groups.iter().flat_map(|(_, list)| list.iter())).await?;
    let origin = site_origin(&state, &headers);
    let mut programmes: Vec<&Programme> = groups.iter().flat_map(|(_, list)| list).collect();
    programmes.sort_by_key(|programme| (programme.starts_on, programme.id));
    let events: Vec<CalendarEvent> = programmes
        .into_iter()
        .map(|programme| {
            calendar_event(
                ctx.locale,
                programme,
                regions.get(&programme.region),
                origin.as_deref(),
            )
        })
        .collect();
    let name = format!(
        "{} – {}",
        ctx.t("site-name"),
        ctx.t("programmes-list-title")
    );
    let body = calendar(&name, &events, OffsetDateTime::now_utc());
    Ok(calendar_response(body, "programmes.ics"))
}
