//! Region pages: the regions with a profile, a search over every municipality in Japan, browsing
//! by prefecture, and one page per municipality with its vision, plan, goals, stakeholders and
//! programmes. Editing lives in [`edit`].

mod edit;

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use maud::{Markup, html};
use sosei_core::{
    Locale, Municipality, MunicipalityCode, MunicipalityKind, Organisation, OrganisationId,
    Programme, RegionProfile, Role, StakeholderRole, User,
};
use sosei_core::{SearchQuery, UserFacingError};
use sosei_store::StoreError;

use crate::context::Ctx;
use crate::error::AppError;
use crate::layout::{
    PageHeader, html_response, localized, localized_excerpt, localized_paragraphs, page,
};
use crate::organisations::organisation_link;
use crate::state::AppState;

/// How many search results one page shows; a query this broad should be narrowed.
const SEARCH_RESULT_LIMIT: i64 = 50;
/// Characters of a vision shown on a region card.
const VISION_EXCERPT_CHARS: usize = 110;
/// Characters of a programme's summary shown on its card.
const PROGRAMME_SUMMARY_EXCERPT_CHARS: usize = 160;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/regions", get(list_regions))
        .route("/regions/{code}", get(show_region))
        .route(
            "/regions/{code}/edit",
            get(edit::edit_form).post(edit::save),
        )
}

// --- shared helpers -------------------------------------------------------------------------

/// `Ok(None)` for a missing row, so "not there" is a value and not an error.
pub(crate) fn found<T>(result: Result<T, StoreError>) -> Result<Option<T>, AppError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(StoreError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// A code from a URL; anything that is not a valid code is a page that does not exist.
pub(crate) fn code_from_path(raw: &str) -> Result<MunicipalityCode, AppError> {
    MunicipalityCode::parse(raw).map_err(|_| AppError::NotFound)
}

/// The name of a municipality in the reader's language: `遠野市` or `Tono City`.
pub fn municipality_name(locale: Locale, municipality: &Municipality) -> &str {
    match locale {
        Locale::Ja => &municipality.name,
        Locale::En => &municipality.name_en,
    }
}

/// The name with its prefecture, the way each language writes an address: `岩手県 遠野市` or
/// `Tono City, Iwate Prefecture`.
pub fn name_with_prefecture(
    locale: Locale,
    municipality: &Municipality,
    prefecture: Option<&Municipality>,
) -> String {
    let name = municipality_name(locale, municipality);
    match (prefecture, municipality.kind) {
        (_, MunicipalityKind::Prefecture) | (None, _) => name.to_owned(),
        (Some(prefecture), _) => match locale {
            Locale::Ja => format!("{} {name}", prefecture.name),
            Locale::En => format!("{name}, {}", prefecture.name_en),
        },
    }
}

/// The 47 prefectures by code, to name the prefecture of many municipalities with one query.
pub(crate) async fn prefectures_by_code(
    state: &AppState,
) -> Result<HashMap<MunicipalityCode, Municipality>, AppError> {
    Ok(state
        .store
        .prefectures()
        .await?
        .into_iter()
        .map(|prefecture| (prefecture.code, prefecture))
        .collect())
}

/// Every organisation by id (there are few; one query beats one per stakeholder).
pub(crate) async fn organisations_by_id(
    state: &AppState,
) -> Result<HashMap<OrganisationId, Organisation>, AppError> {
    Ok(state
        .store
        .list_organisations()
        .await?
        .into_iter()
        .map(|organisation| (organisation.id, organisation))
        .collect())
}

/// The Fluent id naming a stakeholder role.
pub fn stakeholder_role_message_id(role: StakeholderRole) -> String {
    format!("stakeholder-role-{}", role.as_str().replace('_', "-"))
}

/// The signed-in user when they may edit this region's profile: site admins, and the admins and
/// coordinators of the steward organisation. A region without a steward is for site admins only.
pub(crate) async fn require_region_editor<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    steward: Option<OrganisationId>,
) -> Result<&'a User, AppError> {
    match steward {
        Some(organisation) => {
            crate::authz::require_organisation_role(
                state,
                ctx,
                organisation,
                &[Role::Admin, Role::Coordinator],
            )
            .await
        }
        None => crate::authz::require_site_admin(ctx),
    }
}

/// Whether to offer the edit link (the edit routes check again).
async fn may_edit_region(
    state: &AppState,
    ctx: &Ctx,
    steward: Option<OrganisationId>,
) -> Result<bool, AppError> {
    if ctx.user.is_none() {
        return Ok(false);
    }
    match require_region_editor(state, ctx, steward).await {
        Ok(_) => Ok(true),
        Err(AppError::Forbidden | AppError::SignInRequired { .. }) => Ok(false),
        Err(other) => Err(other),
    }
}

/// The programmes section of a region's or an organisation's page: a card per public programme,
/// linking to it, with its dates and summary; `meta` adds what the page's reader needs to place it (its region, its
/// organisation).
pub(crate) fn programmes_section(
    ctx: &Ctx,
    programmes: &[Programme],
    none_message_id: &str,
    meta: impl Fn(&Programme) -> Markup,
) -> Markup {
    // Drafts are for their coordinators only; the public page would not open for anyone else.
    let public: Vec<&Programme> = programmes
        .iter()
        .filter(|programme| programme.status.is_public())
        .collect();
    html! {
        section aria-labelledby="programmes-heading" {
            h2 id="programmes-heading" { (ctx.t("region-programmes")) }
            @if public.is_empty() {
                p class="muted" { (ctx.t(none_message_id)) }
            } @else {
                ul class="card-grid" {
                    @for programme in public {
                        li class="card" {
                            h3 { a href=(crate::programmes::programme_path(programme.id)) { (localized(ctx, &programme.title)) } }
                            p class="card-meta" {
                                (crate::i18n::format_date_range(ctx.locale, programme.starts_on, programme.ends_on))
                            }
                            (meta(programme))
                            @if !programme.summary.is_empty() {
                                p { (localized_excerpt(ctx, &programme.summary, PROGRAMME_SUMMARY_EXCERPT_CHARS)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A card for a region with a profile: name, prefecture and the start of its vision.
pub(crate) fn region_card(
    ctx: &Ctx,
    municipality: &Municipality,
    prefecture: Option<&Municipality>,
    profile: &RegionProfile,
    heading_level: u8,
) -> Markup {
    let name = municipality_name(ctx.locale, municipality);
    let link = html! { a href={ "/regions/" (municipality.code) } { (name) } };
    html! {
        li class="card region-card" {
            @if heading_level == 2 { h2 { (link) } } @else { h3 { (link) } }
            @if let Some(prefecture) = prefecture {
                @if municipality.kind != MunicipalityKind::Prefecture {
                    p class="card-meta" { (municipality_name(ctx.locale, prefecture)) }
                }
            }
            @if !profile.vision.is_empty() {
                p { (localized_excerpt(ctx, &profile.vision, VISION_EXCERPT_CHARS)) }
            }
        }
    }
}

/// One municipality in a result list: name, reading, other-language name, prefecture.
fn municipality_row(
    ctx: &Ctx,
    municipality: &Municipality,
    prefectures: &HashMap<MunicipalityCode, Municipality>,
    has_profile: bool,
) -> Markup {
    let prefecture = prefectures.get(&municipality.code.prefecture_code());
    html! {
        li class="result-row" {
            a class="result-name" href={ "/regions/" (municipality.code) } {
                (name_with_prefecture(ctx.locale, municipality, prefecture))
            }
            " "
            span class="muted small" {
                @match ctx.locale {
                    Locale::Ja => { span { (municipality.kana) } " · " span lang="en" { (municipality.name_en) } }
                    Locale::En => { span lang="ja" { (municipality.name) } " · " span lang="ja" { (municipality.kana) } }
                }
                " · " (municipality.code)
            }
            @if has_profile {
                " " span class="tag" { (ctx.t("regions-has-profile")) }
            }
        }
    }
}

// --- GET /regions -------------------------------------------------------------------------------

#[derive(Debug, Default, serde::Deserialize)]
pub struct RegionsQuery {
    q: Option<String>,
    prefecture: Option<String>,
}

/// A search box's text as a bounded [`SearchQuery`]; too long is a 400 in the reader's language.
pub fn parse_search(raw: &str) -> Result<SearchQuery, AppError> {
    SearchQuery::parse(raw).map_err(|error| AppError::BadRequest {
        message_id: error.message_id(),
    })
}

/// The search box used on this page and on the home page.
pub fn search_form(ctx: &Ctx, query: &str, heading_level: u8) -> Markup {
    let heading = ctx.t("regions-search-heading");
    html! {
        section class="search-panel" aria-labelledby="region-search-heading" {
            @if heading_level == 2 {
                h2 id="region-search-heading" { (heading) }
            } @else {
                h3 id="region-search-heading" { (heading) }
            }
            form method="get" action="/regions" class="search-form" role="search" aria-labelledby="region-search-heading" {
                div class="field" {
                    label for="region-search" { (ctx.t("regions-search-label")) }
                    span class="hint" id="region-search-hint" { (ctx.t("regions-search-hint")) }
                    div class="search-row" {
                        input type="search" id="region-search" name="q" value=(query)
                            aria-describedby="region-search-hint" autocomplete="off";
                        button type="submit" class="button" { (ctx.t("regions-search-button")) }
                    }
                }
            }
        }
    }
}

async fn list_regions(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<RegionsQuery>,
) -> Result<Response, AppError> {
    let prefectures = prefectures_by_code(&state).await?;
    let profiles = state.store.list_region_profiles().await?;
    let profiled: std::collections::HashSet<MunicipalityCode> =
        profiles.iter().map(|profile| profile.code).collect();

    let raw_query = query.q.unwrap_or_default();
    let search = parse_search(&raw_query)?;
    let search_results = if search.is_empty() {
        None
    } else {
        Some(
            state
                .store
                .search_municipalities(&search, SEARCH_RESULT_LIMIT)
                .await?,
        )
    };

    let chosen_prefecture = match query.prefecture.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(raw) => {
            let code = code_from_path(raw)?;
            let prefecture = prefectures.get(&code).ok_or(AppError::NotFound)?.clone();
            let municipalities = state.store.municipalities_of_prefecture(code).await?;
            Some((prefecture, municipalities))
        }
        None => None,
    };

    let mut profiled_regions = Vec::new();
    for profile in &profiles {
        if let Some(municipality) = found(state.store.municipality(profile.code).await)? {
            profiled_regions.push((municipality, profile));
        }
    }

    let title = ctx.t("regions-title");
    let body = html! {
        h1 { (title) }
        p class="lead" { (ctx.t("regions-lead")) }
        (search_form(&ctx, &raw_query, 2))

        @if let Some(results) = &search_results {
            section class="search-results" aria-labelledby="search-results-heading" {
                h2 id="search-results-heading" {
                    (crate::i18n::t_args(ctx.locale, "regions-results-heading", &[("query", raw_query.trim().into())]))
                }
                @if results.is_empty() {
                    p { (ctx.t("regions-results-none")) }
                } @else {
                    p class="muted" role="status" {
                        (crate::i18n::t_args(ctx.locale, "regions-results-count", &[("count", results.len().into())]))
                        @if results.len() as i64 >= SEARCH_RESULT_LIMIT {
                            " " (ctx.t("regions-results-limited"))
                        }
                    }
                    ul class="result-list" {
                        @for municipality in results {
                            (municipality_row(&ctx, municipality, &prefectures, profiled.contains(&municipality.code)))
                        }
                    }
                }
            }
        }

        @if let Some((prefecture, municipalities)) = &chosen_prefecture {
            section aria-labelledby="prefecture-heading" {
                h2 id="prefecture-heading" {
                    (crate::i18n::t_args(ctx.locale, "regions-prefecture-heading", &[("prefecture", municipality_name(ctx.locale, prefecture).into())]))
                }
                p { a href={ "/regions/" (prefecture.code) } { (crate::i18n::t_args(ctx.locale, "regions-prefecture-page", &[("prefecture", municipality_name(ctx.locale, prefecture).into())])) } }
                ul class="result-list" {
                    @for municipality in municipalities {
                        (municipality_row(&ctx, municipality, &prefectures, profiled.contains(&municipality.code)))
                    }
                }
            }
        }

        section aria-labelledby="profiled-heading" {
            h2 id="profiled-heading" { (ctx.t("regions-profiled-heading")) }
            @if profiled_regions.is_empty() {
                p { (ctx.t("regions-profiled-none")) }
            } @else {
                ul class="card-grid" {
                    @for (municipality, profile) in &profiled_regions {
                        (region_card(&ctx, municipality, prefectures.get(&municipality.code.prefecture_code()), profile, 3))
                    }
                }
            }
        }

        section aria-labelledby="browse-heading" {
            h2 id="browse-heading" { (ctx.t("regions-browse-heading")) }
            ul class="prefecture-list" {
                @for prefecture in sorted_prefectures(&prefectures) {
                    li {
                        a href={ "/regions?prefecture=" (prefecture.code) "#prefecture-heading" }
                            aria-current=[chosen_prefecture.as_ref().filter(|(chosen, _)| chosen.code == prefecture.code).map(|_| "true")] {
                            (municipality_name(ctx.locale, prefecture))
                        }
                    }
                }
            }
        }
    };
    Ok(html_response(page(&ctx, &title, body)))
}

fn sorted_prefectures(prefectures: &HashMap<MunicipalityCode, Municipality>) -> Vec<&Municipality> {
    let mut sorted: Vec<&Municipality> = prefectures.values().collect();
    sorted.sort_by_key(|prefecture| prefecture.code);
    sorted
}

// --- GET /regions/{code} ------------------------------------------------------------------------

#[derive(Debug, Default, serde::Deserialize)]
pub struct ShowRegionQuery {
    saved: Option<String>,
}

async fn show_region(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_code): Path<String>,
    Query(query): Query<ShowRegionQuery>,
) -> Result<Response, AppError> {
    let code = code_from_path(&raw_code)?;
    // `03208` and `０３２０８５` name the same page as `032085`: send them to the one address.
    if code.to_string() != raw_code {
        return Ok(Redirect::permanent(&format!("/regions/{code}")).into_response());
    }
    let municipality = state.store.municipality(code).await?;
    let prefecture = match municipality.kind {
        MunicipalityKind::Prefecture => None,
        _ => found(state.store.municipality(code.prefecture_code()).await)?,
    };
    // A ward belongs to a city as well as a prefecture.
    let parent_city = match municipality.parent {
        Some(parent) if municipality.kind == MunicipalityKind::Ward => {
            found(state.store.municipality(parent).await)?
        }
        _ => None,
    };
    let profile = found(state.store.region_profile(code).await)?;
    let stakeholders = state.store.stakeholders_of_region(code).await?;
    let programmes = state.store.programmes_of_region(code).await?;
    let conversations =
        crate::deliberation::listing::public_conversations(&state, None, Some(code)).await?;
    let organisations = if stakeholders.is_empty() && programmes.is_empty() && profile.is_none() {
        HashMap::new()
    } else {
        organisations_by_id(&state).await?
    };
    let steward = profile.as_ref().and_then(|p| p.steward);
    let can_edit = may_edit_region(&state, &ctx, steward).await?;

    let title = municipality_name(ctx.locale, &municipality).to_owned();
    let other_locale = ctx.locale.other();
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href="/regions" { (ctx.t("regions-title")) } }
                @if let Some(prefecture) = &prefecture {
                    li { a href={ "/regions?prefecture=" (prefecture.code) "#prefecture-heading" } { (municipality_name(ctx.locale, prefecture)) } }
                }
                @if let Some(city) = &parent_city {
                    li { a href={ "/regions/" (city.code) } { (municipality_name(ctx.locale, city)) } }
                }
                li { a href={ "/regions/" (code) } aria-current="page" { (title) } }
            }
        }
        @if query.saved.is_some() {
            p class="alert alert-success" role="status" { (ctx.t("region-saved")) }
        }
        (PageHeader::new(html! { (title) })
            .subtitle(html! {
                @match ctx.locale {
                    Locale::Ja => { span { (municipality.kana) } " · " span lang=(other_locale.as_str()) { (municipality.name_en) } }
                    Locale::En => { span lang=(other_locale.as_str()) { (municipality.name) } " · " span lang=(other_locale.as_str()) { (municipality.kana) } }
                }
            })
            .actions(html! {
                @if can_edit {
                    a class="button button-secondary" href={ "/regions/" (code) "/edit" } { (ctx.t("region-edit")) }
                }
            })
            .render())
        dl class="facts" {
            @if let Some(prefecture) = &prefecture {
                div { dt { (ctx.t("region-prefecture")) } dd { (municipality_name(ctx.locale, prefecture)) } }
            }
            @if let Some(city) = &parent_city {
                div { dt { (ctx.t("region-city")) } dd { (municipality_name(ctx.locale, city)) } }
            }
            div { dt { (ctx.t("region-code")) } dd { (code) } }
            @if let Some(steward) = steward.and_then(|id| organisations.get(&id)) {
                div { dt { (ctx.t("region-steward")) } dd { (organisation_link(&ctx, steward)) } }
            }
        }

        @match &profile {
            None => {
                section class="empty-state" aria-labelledby="no-profile-heading" {
                    h2 id="no-profile-heading" { (ctx.t("region-no-profile-heading")) }
                    p { (ctx.t("region-no-profile")) }
                }
            }
            Some(profile) => {
                section aria-labelledby="vision-heading" {
                    h2 id="vision-heading" { (ctx.t("region-vision")) }
                    @if profile.vision.is_empty() {
                        p class="muted" { (ctx.t("region-not-written")) }
                    } @else {
                        div class="prose vision" { (localized_paragraphs(&ctx, &profile.vision)) }
                    }
                }
                section aria-labelledby="plan-heading" {
                    h2 id="plan-heading" { (ctx.t("region-plan")) }
                    @if profile.plan.is_empty() {
                        p class="muted" { (ctx.t("region-not-written")) }
                    } @else {
                        div class="prose" { (localized_paragraphs(&ctx, &profile.plan)) }
                    }
                }
                section aria-labelledby="goals-heading" {
                    h2 id="goals-heading" { (ctx.t("region-goals")) }
                    @if profile.goals.is_empty() {
                        p class="muted" { (ctx.t("region-no-goals")) }
                    } @else {
                        ol class="goal-list" {
                            @for goal in &profile.goals {
                                li { (localized(&ctx, &goal.text)) }
                            }
                        }
                    }
                }
            }
        }

        section aria-labelledby="stakeholders-heading" {
            h2 id="stakeholders-heading" { (ctx.t("region-stakeholders")) }
            @if stakeholders.is_empty() {
                p class="muted" { (ctx.t("region-no-stakeholders")) }
            } @else {
                div class="stakeholder-groups" {
                    @for role in StakeholderRole::ALL {
                        @let members: Vec<_> = stakeholders.iter().filter(|s| s.role == *role).collect();
                        @if !members.is_empty() {
                            section class="stakeholder-group" {
                                h3 { (ctx.t(&stakeholder_role_message_id(*role))) }
                                ul {
                                    @for stakeholder in members {
                                        li {
                                            @match stakeholder.organisation.and_then(|id| organisations.get(&id)) {
                                                Some(organisation) => { (organisation_link(&ctx, organisation)) }
                                                None => { (localized(&ctx, &stakeholder.name)) }
                                            }
                                            @if !stakeholder.description.is_empty() {
                                                span class="muted" { "：" (localized(&ctx, &stakeholder.description)) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        (programmes_section(&ctx, &programmes, "region-no-programmes", |programme| html! {
            @if let Some(organisation) = organisations.get(&programme.organisation) {
                p class="card-meta" {
                    (ctx.t("region-programme-by")) " " (organisation_link(&ctx, organisation))
                }
            }
        }))

        (crate::deliberation::listing::conversations_section(&ctx, &conversations, "navigation-region-no-conversations"))
    };
    let description = profile.as_ref().map(|p| p.vision.text(ctx.locale));
    Ok(html_response(crate::layout::page_described(
        &ctx,
        &title,
        description,
        body,
    )))
}
