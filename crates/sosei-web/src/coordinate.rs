//! The coordinator pages of an organisation's programmes (the Social Contract step), under
//! `/organisations/{slug}/programmes` and `/organisations/{slug}/host-families`.
//!
//! Coordinators are the organisation's members holding one of
//! [`sosei_core::programme::PROGRAMME_COORDINATOR_ROLES`] (site admins too). Every handler starts
//! with [`require_coordinator`] or [`require_programme`], so everyone else gets 403 on every page
//! and every POST, whatever the programme.
//!
//! - `programme_list`: the organisation's programmes with their applications by status, and
//!   creating one.
//! - `overview` and `programme_form`: one programme's page — status moves, title and dates, the
//!   Social Contract details and planned deliverables — and the place where the matcher plugs in.
//! - `teams`: teams with their sizes and needs.
//! - `applications` and `applicant`: reviewing applications and moving them along; each move
//!   writes the applicant's message to the outbox (the store does it in the same transaction).
//!   `application_filters` filters and sorts the applications table from the address's query.
//! - `export`: CSV of applicants and of team assignments, for Excel.
//! - `hosts` and `placements`: the organisation's host families and placing accepted participants.
//! - `after`: deliverables, references and testimonials once the programme has run.
//! - `fields` and `words`: form parsing and the words for levels, needs and statuses.

mod after;
mod applicant;
mod application_filters;
mod applications;
mod export;
mod fields;
mod hosts;
mod overview;
mod placements;
mod programme_form;
mod programme_list;
mod team_form;
mod teams;
mod words;

use axum::Router;
use axum::routing::{get, post};
use maud::{Markup, html};
use sosei_core::programme::PROGRAMME_COORDINATOR_ROLES;
use sosei_core::{Organisation, Programme, ProgrammeId, User};

use crate::authz::require_organisation_role;
use crate::context::Ctx;
use crate::error::AppError;
use crate::layout::localized;
use crate::organisations::organisation_from_path;
use crate::state::AppState;

pub use words::programme_status_message_id;

pub fn routes() -> Router<AppState> {
    const PROGRAMME: &str = "/organisations/{slug}/programmes/{programme}";
    let at = |rest: &str| format!("{PROGRAMME}{rest}");
    Router::new()
        .route(
            "/organisations/{slug}/programmes",
            get(programme_list::list).post(programme_list::create),
        )
        .route(
            "/organisations/{slug}/host-families",
            get(hosts::list).post(hosts::create),
        )
        .route(
            "/organisations/{slug}/host-families/{host}",
            get(hosts::edit_form).post(hosts::save),
        )
        .route(PROGRAMME, get(overview::show))
        .route(&at("/status"), post(overview::change_status))
        .route(&at("/basics"), post(programme_form::save_basics))
        .route(&at("/details"), post(programme_form::save_details))
        .route(&at("/teams"), get(teams::list).post(teams::add))
        .route(
            &at("/teams/{team}"),
            get(teams::edit_form).post(teams::save),
        )
        .route(&at("/teams/{team}/remove"), post(teams::remove))
        .route(&at("/applications"), get(applications::list))
        .route(&at("/applications.csv"), get(export::applications_csv))
        .route(&at("/teams.csv"), get(export::teams_csv))
        .route(&at("/applications/{application}"), get(applicant::show))
        .route(
            &at("/applications/{application}/review"),
            post(applicant::review),
        )
        .route(
            &at("/applications/{application}/status"),
            post(applications::change_status),
        )
        .route(
            &at("/placements"),
            get(placements::show).post(placements::place),
        )
        .route(
            &at("/placements/{placement}/remove"),
            post(placements::remove),
        )
        .route(&at("/after"), get(after::show))
        .route(
            crate::uploads::DELIVERABLE_UPLOAD_ROUTE,
            post(after::add_deliverable),
        )
        .route(
            &at("/after/deliverables/{deliverable}/remove"),
            post(after::remove_deliverable),
        )
        .route(&at("/after/references"), post(after::add_reference))
}

// --- who may coordinate ---------------------------------------------------------------------------

/// The organisation named by `raw_slug` and the signed-in user, when they coordinate its
/// programmes; otherwise `SignInRequired`, `Forbidden` or `NotFound`.
pub(crate) async fn require_coordinator<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    raw_slug: &str,
) -> Result<(Organisation, &'a User), AppError> {
    // Signed in first, so a visitor is asked to sign in rather than told the page is missing.
    ctx.require_user()?;
    let organisation = organisation_from_path(state, raw_slug).await?;
    let user =
        require_organisation_role(state, ctx, organisation.id, PROGRAMME_COORDINATOR_ROLES).await?;
    Ok((organisation, user))
}

/// A programme page: the organisation, the programme (which must be the organisation's) and the
/// coordinator. Authorization comes first, so a non-coordinator learns nothing about which
/// programmes exist.
pub(crate) struct Coordinated<'a> {
    pub organisation: Organisation,
    pub programme: Programme,
    pub user: &'a User,
}

pub(crate) async fn require_programme<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    raw_slug: &str,
    raw_programme: &str,
) -> Result<Coordinated<'a>, AppError> {
    let (organisation, user) = require_coordinator(state, ctx, raw_slug).await?;
    let id = ProgrammeId(id_from_path(raw_programme)?);
    let programme = state.store.programme(id).await?;
    if programme.organisation != organisation.id {
        return Err(AppError::NotFound);
    }
    Ok(Coordinated {
        organisation,
        programme,
        user,
    })
}

/// A positive database id from a URL segment; anything else is a page that does not exist.
pub(crate) fn id_from_path(raw: &str) -> Result<i64, AppError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(AppError::NotFound)
}

// --- paths ---------------------------------------------------------------------------------------

pub(crate) fn programmes_path(organisation: &Organisation) -> String {
    format!("/organisations/{}/programmes", organisation.slug)
}

pub(crate) fn programme_path(organisation: &Organisation, programme: &Programme) -> String {
    format!("{}/{}", programmes_path(organisation), programme.id)
}

pub(crate) fn hosts_path(organisation: &Organisation) -> String {
    format!("/organisations/{}/host-families", organisation.slug)
}

// --- notices after a redirect ----------------------------------------------------------------------

/// `?done=KEY` (a confirmation) or `?problem=KEY` (why nothing happened) after a redirect.
#[derive(Debug, Default, serde::Deserialize)]
pub struct NoticeQuery {
    done: Option<String>,
    problem: Option<String>,
}

const DONE_KEYS: &[&str] = &[
    "created",
    "saved",
    "status",
    "team-added",
    "team-saved",
    "team-removed",
    "reviewed",
    "application-status",
    "host-added",
    "host-saved",
    "placed",
    "placement-removed",
    "deliverable-added",
    "deliverable-removed",
    "reference-added",
];

const PROBLEM_KEYS: &[&str] = &[
    "status-race",
    "application-race",
    "no-free-bed",
    "host-unavailable",
];

/// The confirmation or problem named in the query, from known keys only (the page never echoes
/// what the address says).
pub(crate) fn notice(ctx: &Ctx, query: &NoticeQuery) -> Markup {
    let known = |key: &Option<String>, keys: &[&str]| {
        key.as_deref()
            .filter(|key| keys.contains(key))
            .map(str::to_owned)
    };
    let done = known(&query.done, DONE_KEYS);
    let problem = known(&query.problem, PROBLEM_KEYS);
    html! {
        @if let Some(key) = problem {
            p class="alert alert-error" role="alert" { (ctx.t(&format!("coordinate-problem-{key}"))) }
        }
        @if let Some(key) = done {
            p class="alert alert-success" role="status" { (ctx.t(&format!("coordinate-done-{key}"))) }
        }
    }
}

// --- the header every programme page shares --------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Overview,
    Teams,
    Applications,
    Placements,
    After,
}

/// Breadcrumb, title, status and the section links of a programme's coordinator pages.
pub(crate) fn programme_header(
    ctx: &Ctx,
    organisation: &Organisation,
    programme: &Programme,
    current: Section,
    heading: &str,
) -> Markup {
    let base = programme_path(organisation, programme);
    let link = |section: Section, path: &str, label_id: &str| {
        html! {
            li {
                a href={ (base) (path) } aria-current=[(section == current).then_some("page")] { (ctx.t(label_id)) }
            }
        }
    };
    html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href={ "/organisations/" (organisation.slug) } { (localized(ctx, &organisation.name)) } }
                li { a href=(programmes_path(organisation)) { (ctx.t("coordinate-programmes-title")) } }
                li { a href=(base) { (localized(ctx, &programme.title)) } }
                @if current != Section::Overview {
                    li { span aria-current="page" { (heading) } }
                }
            }
        }
        (crate::layout::PageHeader::new(html! { (heading) })
            .subtitle(html! {
                (words::status_tag(ctx, programme.status))
                " "
                span class="muted" {
                    (localized(ctx, &programme.title)) " · "
                    (crate::i18n::format_date_range(ctx.locale, programme.starts_on, programme.ends_on))
                }
            })
            .render())
        nav class="chip-nav" aria-label=(ctx.t("coordinate-nav-label")) {
            ul {
                (link(Section::Overview, "", "coordinate-nav-overview"))
                (link(Section::Teams, "/teams", "coordinate-nav-teams"))
                (link(Section::Applications, "/applications", "coordinate-nav-applications"))
                (link(Section::Placements, "/placements", "coordinate-nav-placements"))
                (link(Section::After, "/after", "coordinate-nav-after"))
                li { a href=(hosts_path(organisation)) { (ctx.t("coordinate-nav-hosts")) } }
                @if programme.status.is_public() {
                    li { a href=(crate::programmes::programme_path(programme.id)) { (ctx.t("navigation-programme-public")) } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
