//! The JSON API under `/api/v1` and its OpenAPI 3.1 document: regions, organisations and the
//! account (here), conversations with their statements, joining and voting
//! (`api/conversations.rs`), results and reports (`api/results.rs`), and programmes with their
//! public teams (`api/programmes.rs`). State changes need the CSRF token in `X-CSRF-Token`.
//!
//! Responses are DTOs defined here (with `utoipa::ToSchema`), not the domain types: the API is a
//! contract with outside programs and must not change when a core type grows a field. Errors are
//! RFC 9457 problem details, written by the context middleware for any [`AppError`] under `/api/`.
//! The OpenAPI document is generated from the handlers' `#[utoipa::path]` attributes, and the
//! router is built from the same table ([`api_routes`]), so a test can check that both agree.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use serde::{Deserialize, Serialize};
use sosei_core::{
    LocalizedText, Municipality, MunicipalityCode, Organisation, OrganisationId, OrganisationSlug,
    Programme, RegionProfile, Stakeholder, User, UserFacingError,
};
use sosei_store::StoreError;
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::context::Ctx;
use crate::error::{AppError, ErrorReport};
use crate::state::AppState;

mod conversations;
mod programmes;
mod results;

/// How many municipalities a search returns at most.
pub const SEARCH_LIMIT: i64 = 50;

/// Every route of the API with its handler. [`routes`] is built from this table, and a test
/// compares it with the paths of the OpenAPI document.
pub fn api_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/api/v1/regions", get(list_regions)),
        ("/api/v1/regions/{code}", get(region)),
        ("/api/v1/organisations", get(list_organisations)),
        ("/api/v1/organisations/{slug}", get(organisation)),
        ("/api/v1/me", get(me)),
        ("/api/v1/csrf-token", get(conversations::csrf_token)),
        (
            "/api/v1/conversations",
            get(conversations::list_conversations),
        ),
        (
            "/api/v1/conversations/{id}",
            get(conversations::conversation),
        ),
        (
            "/api/v1/conversations/{id}/statements",
            get(conversations::statements),
        ),
        ("/api/v1/conversations/{id}/join", post(conversations::join)),
        (
            "/api/v1/conversations/{id}/votes",
            post(conversations::vote),
        ),
        ("/api/v1/conversations/{id}/results", get(results::results)),
        ("/api/v1/conversations/{id}/report", get(results::report)),
        ("/api/v1/programmes", get(programmes::list_programmes)),
        ("/api/v1/programmes/{id}", get(programmes::programme)),
        ("/api/v1/openapi.json", get(openapi_json)),
    ]
}

pub fn routes() -> Router<AppState> {
    api_routes()
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sosei API",
        description = "Sosei's regions, organisations, conversations (statements, joining, voting, \
                       results, reports), programmes and their teams, and the signed-in account. \
                       Errors are RFC 9457 problem details (`application/problem+json`). \
                       POST requests act as the visitor or account of the cookies sent and need \
                       the token of `/api/v1/csrf-token` in the `X-CSRF-Token` header. \
                       Outside this API, each conversation's pages also offer \
                       `/conversations/{id}/report.json` (the same document as \
                       `/api/v1/conversations/{id}/report`, as a download) and \
                       `/conversations/{id}/results.json` (what the results page polls to refresh \
                       itself; use `/api/v1/conversations/{id}/results` instead).",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(
        list_regions,
        region,
        list_organisations,
        organisation,
        me,
        conversations::csrf_token,
        conversations::list_conversations,
        conversations::conversation,
        conversations::statements,
        conversations::join,
        conversations::vote,
        results::results,
        results::report,
        programmes::list_programmes,
        programmes::programme,
        openapi_json
    ),
    components(schemas(Problem)),
    tags(
        (name = "regions", description = "Municipalities and their profiles"),
        (name = "organisations", description = "Organisations working in regions"),
        (name = "conversations", description = "知恵ラボ: deliberations, their statements, votes, results and reports"),
        (name = "programmes", description = "Programmes and their teams"),
        (name = "account", description = "The signed-in account and the visitor's CSRF token"),
        (name = "meta", description = "This document"),
    )
)]
pub struct ApiDoc;

/// The OpenAPI document as JSON text, generated once.
pub fn openapi_document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .unwrap_or_else(|error| format!("{{\"error\":\"{error}\"}}"))
    })
}

// --- DTOs -----------------------------------------------------------------------------------------

/// RFC 9457 problem details, the body of every error response.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem, e.g. `tag:sosei,2026:error-not-found`.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short explanation in the reader's language.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// The path and query of the request.
    pub instance: String,
}

/// Text written by people in Japanese, English or both; a missing version is `null`.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LocalizedTextDto {
    pub ja: Option<String>,
    pub en: Option<String>,
}

impl From<&LocalizedText> for LocalizedTextDto {
    fn from(text: &LocalizedText) -> Self {
        LocalizedTextDto {
            ja: text.ja.clone(),
            en: text.en.clone(),
        }
    }
}

/// An entry of Japan's directory of local governments.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MunicipalityDto {
    /// Six-digit local government code (JIS X 0402), e.g. `032085`.
    #[schema(example = "032085")]
    pub code: String,
    /// `prefecture`, `municipality` or `ward`.
    #[schema(example = "municipality")]
    pub kind: String,
    /// The prefecture of a municipality, the city of a ward.
    pub parent: Option<String>,
    #[schema(example = "遠野市")]
    pub name: String,
    #[schema(example = "とおのし")]
    pub kana: String,
    #[schema(example = "Tono City")]
    pub name_en: String,
}

impl From<&Municipality> for MunicipalityDto {
    fn from(municipality: &Municipality) -> Self {
        MunicipalityDto {
            code: municipality.code.to_string(),
            kind: municipality.kind.as_str().to_owned(),
            parent: municipality.parent.map(|code| code.to_string()),
            name: municipality.name.clone(),
            kana: municipality.kana.clone(),
            name_en: municipality.name_en.clone(),
        }
    }
}

/// A region in a list: the municipality and, when it has a profile, its vision.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegionSummary {
    pub municipality: MunicipalityDto,
    pub has_profile: bool,
    pub vision: Option<LocalizedTextDto>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegionList {
    pub regions: Vec<RegionSummary>,
}

/// Enough to name and link an organisation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrganisationRef {
    pub id: i64,
    pub slug: String,
    pub name: LocalizedTextDto,
}

impl From<&Organisation> for OrganisationRef {
    fn from(organisation: &Organisation) -> Self {
        OrganisationRef {
            id: organisation.id.0,
            slug: organisation.slug.as_str().to_owned(),
            name: (&organisation.name).into(),
        }
    }
}

/// A region's vision, plan and goals.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegionProfileDto {
    /// The organisation that looks after this profile.
    pub steward: Option<OrganisationRef>,
    pub vision: LocalizedTextDto,
    pub plan: LocalizedTextDto,
    /// In display order.
    pub goals: Vec<LocalizedTextDto>,
    /// RFC 3339 time of the last change.
    #[schema(format = DateTime)]
    pub updated_at: String,
}

/// An organisation, person or group with a role in a region.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct StakeholderDto {
    pub id: i64,
    /// `local_government`, `npo`, `company`, `school`, `cooperative`, `resident_group` or
    /// `host_family`.
    pub role: String,
    /// Set when the stakeholder is an organisation registered in Sosei.
    pub organisation: Option<OrganisationRef>,
    pub name: LocalizedTextDto,
    pub description: LocalizedTextDto,
}

/// A programme that brings a team to a region.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeDto {
    pub id: i64,
    pub organisation: Option<OrganisationRef>,
    /// The region's local government code.
    pub region: String,
    pub title: LocalizedTextDto,
    pub summary: LocalizedTextDto,
    #[schema(format = Date)]
    pub starts_on: String,
    #[schema(format = Date)]
    pub ends_on: String,
}

/// Everything about one region.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegionDetail {
    pub municipality: MunicipalityDto,
    /// `null` when nobody has written a profile for this region yet.
    pub profile: Option<RegionProfileDto>,
    pub stakeholders: Vec<StakeholderDto>,
    pub programmes: Vec<ProgrammeDto>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrganisationDto {
    pub id: i64,
    #[schema(example = "tono-city")]
    pub slug: String,
    /// `municipality`, `npo`, `company`, `university`, `cooperative` or `network`.
    pub kind: String,
    pub name: LocalizedTextDto,
    pub description: LocalizedTextDto,
    pub website: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
}

impl From<&Organisation> for OrganisationDto {
    fn from(organisation: &Organisation) -> Self {
        OrganisationDto {
            id: organisation.id.0,
            slug: organisation.slug.as_str().to_owned(),
            kind: organisation.kind.as_str().to_owned(),
            name: (&organisation.name).into(),
            description: (&organisation.description).into(),
            website: organisation.website.clone(),
            created_at: rfc3339(organisation.created_at),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrganisationList {
    pub organisations: Vec<OrganisationDto>,
}

/// An organisation with the regions it works in and its programmes.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OrganisationDetail {
    pub organisation: OrganisationDto,
    pub regions: Vec<MunicipalityDto>,
    pub programmes: Vec<ProgrammeDto>,
}

/// A role the account holds in an organisation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MembershipDto {
    pub organisation: OrganisationRef,
    /// `admin`, `coordinator`, `facilitator`, `expert` or `member`.
    pub role: String,
}

/// The signed-in account.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Me {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_site_admin: bool,
    /// `ja`, `en` or `null` (follow the browser).
    pub preferred_locale: Option<String>,
    pub memberships: Vec<MembershipDto>,
    #[schema(format = DateTime)]
    pub created_at: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegionSearch {
    /// Search every municipality by code prefix, kana, romaji or kanji name. Without it, the
    /// regions that have a profile are listed.
    pub q: Option<String>,
}

fn rfc3339(time: time::OffsetDateTime) -> String {
    time.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn json<T: Serialize>(value: &T) -> Response {
    axum::Json(value).into_response()
}

/// A problem with its own message (the context middleware renders it as problem details in the
/// reader's language, like any [`AppError`]).
fn problem(status: StatusCode, message_id: &'static str) -> Response {
    let mut response = status.into_response();
    response.extensions_mut().insert(ErrorReport {
        status,
        message_id,
        sign_in_return_to: None,
        retry_after_seconds: None,
    });
    response
}

/// Organisations by id, to name the stewards, stakeholders and programme owners of a response
/// with one query instead of one per reference.
struct OrganisationDirectory(HashMap<OrganisationId, Organisation>);

impl OrganisationDirectory {
    async fn load(state: &AppState) -> Result<Self, AppError> {
        let organisations = state.store.list_organisations().await?;
        Ok(OrganisationDirectory(
            organisations.into_iter().map(|o| (o.id, o)).collect(),
        ))
    }

    fn reference(&self, id: OrganisationId) -> Option<OrganisationRef> {
        self.0.get(&id).map(OrganisationRef::from)
    }

    fn programme(&self, programme: &Programme) -> ProgrammeDto {
        ProgrammeDto {
            id: programme.id.0,
            organisation: self.reference(programme.organisation),
            region: programme.region.to_string(),
            title: (&programme.title).into(),
            summary: (&programme.summary).into(),
            starts_on: programme.starts_on.to_string(),
            ends_on: programme.ends_on.to_string(),
        }
    }

    fn stakeholder(&self, stakeholder: &Stakeholder) -> StakeholderDto {
        let organisation = stakeholder.organisation.and_then(|id| self.0.get(&id));
        // The store keeps no copy of an organisation's name on its stakeholder rows.
        let name = match organisation {
            Some(organisation)
                if stakeholder.name.ja.is_none() && stakeholder.name.en.is_none() =>
            {
                (&organisation.name).into()
            }
            _ => (&stakeholder.name).into(),
        };
        StakeholderDto {
            id: stakeholder.id.0,
            role: stakeholder.role.as_str().to_owned(),
            organisation: organisation.map(OrganisationRef::from),
            name,
            description: (&stakeholder.description).into(),
        }
    }

    fn profile(&self, profile: &RegionProfile) -> RegionProfileDto {
        RegionProfileDto {
            steward: profile.steward.and_then(|id| self.reference(id)),
            vision: (&profile.vision).into(),
            plan: (&profile.plan).into(),
            goals: profile
                .goals
                .iter()
                .map(|goal| (&goal.text).into())
                .collect(),
            updated_at: rfc3339(profile.updated_at),
        }
    }
}

// --- handlers -------------------------------------------------------------------------------------

/// List regions: those with a profile, or every municipality matching `q`.
#[utoipa::path(
    get,
    path = "/api/v1/regions",
    tag = "regions",
    params(RegionSearch),
    responses(
        (status = 200, description = "Regions, in code order", body = RegionList),
        (status = 400, description = "The search is longer than 100 characters", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_regions(
    State(state): State<AppState>,
    Query(search): Query<RegionSearch>,
) -> Result<Response, AppError> {
    let profiles = state.store.list_region_profiles().await?;
    let query = crate::regions::parse_search(search.q.as_deref().unwrap_or_default())?;
    let regions = match Some(query).filter(|query| !query.is_empty()) {
        Some(query) => {
            let profiles_by_code: HashMap<MunicipalityCode, &RegionProfile> =
                profiles.iter().map(|p| (p.code, p)).collect();
            state
                .store
                .search_municipalities(&query, SEARCH_LIMIT)
                .await?
                .iter()
                .map(|municipality| {
                    let profile = profiles_by_code.get(&municipality.code);
                    RegionSummary {
                        municipality: municipality.into(),
                        has_profile: profile.is_some(),
                        vision: profile.map(|p| (&p.vision).into()),
                    }
                })
                .collect()
        }
        None => {
            let mut regions = Vec::with_capacity(profiles.len());
            for profile in &profiles {
                let municipality = state.store.municipality(profile.code).await?;
                regions.push(RegionSummary {
                    municipality: (&municipality).into(),
                    has_profile: true,
                    vision: Some((&profile.vision).into()),
                });
            }
            regions
        }
    };
    Ok(json(&RegionList { regions }))
}

/// One region: the municipality, its profile, stakeholders and programmes.
#[utoipa::path(
    get,
    path = "/api/v1/regions/{code}",
    tag = "regions",
    params(("code" = String, Path, description = "Local government code, 5 or 6 digits", example = "032085")),
    responses(
        (status = 200, description = "The region", body = RegionDetail),
        (status = 404, description = "No such municipality, or not a valid code (the problem says which)", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn region(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    // A string that is not a valid code names no municipality: 404, with what is wrong with it.
    let code = match MunicipalityCode::parse(&code) {
        Ok(code) => code,
        Err(error) => return Ok(problem(StatusCode::NOT_FOUND, error.message_id())),
    };
    let municipality = state.store.municipality(code).await?;
    let profile = match state.store.region_profile(code).await {
        Ok(profile) => Some(profile),
        Err(StoreError::NotFound) => None,
        Err(other) => return Err(other.into()),
    };
    let stakeholders = state.store.stakeholders_of_region(code).await?;
    let programmes = state.store.programmes_of_region(code).await?;
    let directory = OrganisationDirectory::load(&state).await?;
    Ok(json(&RegionDetail {
        municipality: (&municipality).into(),
        profile: profile.as_ref().map(|p| directory.profile(p)),
        stakeholders: stakeholders
            .iter()
            .map(|s| directory.stakeholder(s))
            .collect(),
        programmes: programmes.iter().map(|p| directory.programme(p)).collect(),
    }))
}

/// Every organisation, by short name.
#[utoipa::path(
    get,
    path = "/api/v1/organisations",
    tag = "organisations",
    responses((status = 200, description = "Organisations in slug order", body = OrganisationList))
)]
async fn list_organisations(State(state): State<AppState>) -> Result<Response, AppError> {
    let organisations = state.store.list_organisations().await?;
    Ok(json(&OrganisationList {
        organisations: organisations.iter().map(OrganisationDto::from).collect(),
    }))
}

/// One organisation with its regions and programmes.
#[utoipa::path(
    get,
    path = "/api/v1/organisations/{slug}",
    tag = "organisations",
    params(("slug" = String, Path, description = "The organisation's short name", example = "tono-city")),
    responses(
        (status = 200, description = "The organisation", body = OrganisationDetail),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn organisation(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    // A string that is not a valid slug names no organisation.
    let slug = OrganisationSlug::parse(&slug).map_err(|_| AppError::NotFound)?;
    let organisation = state.store.organisation_by_slug(&slug).await?;
    let region_codes = state.store.regions_of_organisation(organisation.id).await?;
    let mut regions = Vec::with_capacity(region_codes.len());
    for code in BTreeSet::from_iter(region_codes) {
        regions.push(MunicipalityDto::from(
            &state.store.municipality(code).await?,
        ));
    }
    let programmes = state
        .store
        .programmes_of_organisation(organisation.id)
        .await?;
    let directory = OrganisationDirectory::load(&state).await?;
    Ok(json(&OrganisationDetail {
        organisation: (&organisation).into(),
        regions,
        programmes: programmes.iter().map(|p| directory.programme(p)).collect(),
    }))
}

/// The signed-in account and its roles.
#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "account",
    responses(
        (status = 200, description = "The signed-in account", body = Me),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn me(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let user: &User = ctx.require_user()?;
    let memberships = state.store.memberships_of_user(user.id).await?;
    let directory = OrganisationDirectory::load(&state).await?;
    Ok(json(&Me {
        id: user.id.0,
        email: user.email.as_str().to_owned(),
        display_name: user.display_name.as_str().to_owned(),
        is_site_admin: user.is_site_admin,
        preferred_locale: user.preferred_locale.map(|l| l.as_str().to_owned()),
        memberships: memberships
            .iter()
            .filter_map(|membership| {
                Some(MembershipDto {
                    organisation: directory.reference(membership.organisation_id)?,
                    role: membership.role.as_str().to_owned(),
                })
            })
            .collect(),
        created_at: rfc3339(user.created_at),
    }))
}

/// This document: OpenAPI 3.1, generated from the server's code.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json"))
)]
async fn openapi_json() -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        openapi_document(),
    )
        .into_response()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_document_lists_exactly_the_routes_the_router_serves() {
        let document: serde_json::Value =
            serde_json::from_str(openapi_document()).expect("the document is JSON");
        let version = document["openapi"].as_str().unwrap_or_default();
        assert!(version.starts_with("3.1."), "openapi version {version}");
        let documented: BTreeSet<String> = document["paths"]
            .as_object()
            .expect("paths")
            .keys()
            .cloned()
            .collect();
        let served: BTreeSet<String> = api_routes()
            .into_iter()
            .map(|(path, _)| path.to_owned())
            .collect();
        assert_eq!(documented, served);
    }

    #[test]
    fn response_schemas_are_in_the_document() {
        let document: serde_json::Value =
            serde_json::from_str(openapi_document()).expect("the document is JSON");
        let schemas = document["components"]["schemas"]
            .as_object()
            .expect("schemas");
        for name in [
            "RegionList",
            "RegionDetail",
            "OrganisationDetail",
            "Me",
            "Problem",
        ] {
            assert!(schemas.contains_key(name), "missing schema {name}");
        }
    }
}
