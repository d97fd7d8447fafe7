//! Organisation pages: the directory by kind and one page per organisation with the regions it
//! works in, its programmes and (for its own members) who belongs to it. Editing and membership
//! management live in [`edit`].

mod edit;

pub(crate) use edit::parse_organisation_name;

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use maud::{Markup, html};
use sosei_core::{
    EmailAddress, Organisation, OrganisationId, OrganisationKind, OrganisationSlug, Role, User,
    UserId,
};

use crate::context::Ctx;
use crate::error::AppError;
use crate::layout::{
    PageHeader, html_response, localized, localized_excerpt, localized_paragraphs, page,
};
use crate::regions::{found, municipality_name, prefectures_by_code, programmes_section};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations", get(list_organisations))
        .route("/organisations/{slug}", get(show_organisation))
        .route(
            "/organisations/{slug}/edit",
            get(edit::edit_form).post(edit::save),
        )
        .route("/organisations/{slug}/members", post(edit::change_member))
}

// --- shared helpers -----------------------------------------------------------------------------

/// The Fluent id naming an organisation kind.
pub fn kind_message_id(kind: OrganisationKind) -> String {
    format!("organisation-kind-{}", kind.as_str())
}

/// The Fluent id naming a member role.
pub fn role_message_id(role: Role) -> String {
    format!("member-role-{}", role.as_str())
}

/// The organisation named by a URL slug; a malformed slug is a page that does not exist.
pub(crate) async fn organisation_from_path(
    state: &AppState,
    raw_slug: &str,
) -> Result<Organisation, AppError> {
    let slug = OrganisationSlug::parse(raw_slug).map_err(|_| AppError::NotFound)?;
    Ok(state.store.organisation_by_slug(&slug).await?)
}

/// Only `http` and `https` addresses become links: a stored `javascript:` URL must never run.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The account with this e-mail address, if there is one.
pub(crate) async fn user_by_email(
    state: &AppState,
    email: &EmailAddress,
) -> Result<Option<User>, AppError> {
    Ok(found(state.store.user_with_password_by_email(email).await)?.map(|account| account.user))
}

/// A person's roles grouped by person, in the store's order (by display name).
pub(crate) fn members_with_roles(memberships: Vec<(User, Role)>) -> Vec<(User, Vec<Role>)> {
    let mut grouped: Vec<(User, Vec<Role>)> = Vec::new();
    for (user, role) in memberships {
        match grouped.iter_mut().find(|(member, _)| member.id == user.id) {
            Some((_, roles)) => roles.push(role),
            None => grouped.push((user, vec![role])),
        }
    }
    for (_, roles) in &mut grouped {
        roles.sort();
    }
    grouped
}

/// A link to an organisation's page, named in the reader's language.
pub(crate) fn organisation_link(ctx: &Ctx, organisation: &Organisation) -> Markup {
    html! { a href={ "/organisations/" (organisation.slug) } { (localized(ctx, &organisation.name)) } }
}

/// Granting or removing one role of one person, as the admin page and an organisation's member
/// form both ask for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RoleChange {
    Grant,
    Revoke,
}

impl RoleChange {
    /// The `action` field of a role form: `grant` or `revoke`.
    pub(crate) fn parse(raw: &str) -> Option<RoleChange> {
        match raw.trim() {
            "grant" => Some(RoleChange::Grant),
            "revoke" => Some(RoleChange::Revoke),
            _ => None,
        }
    }

    /// What happened, for the notice after the redirect: `granted` or `revoked`.
    pub(crate) fn outcome(self) -> &'static str {
        match self {
            RoleChange::Grant => "granted",
            RoleChange::Revoke => "revoked",
        }
    }

    pub(crate) async fn apply(
        self,
        state: &AppState,
        organisation: OrganisationId,
        user: UserId,
        role: Role,
    ) -> Result<(), AppError> {
        match self {
            RoleChange::Grant => state.store.grant_role(organisation, user, role).await?,
            RoleChange::Revoke => state.store.revoke_role(organisation, user, role).await?,
        }
        Ok(())
    }
}

fn organisation_card(ctx: &Ctx, organisation: &Organisation) -> Markup {
    html! {
        li class="card organisation-card" {
            h3 { (organisation_link(ctx, organisation)) }
            p class="card-meta" { span class="tag" { (ctx.t(&kind_message_id(organisation.kind))) } }
            @if !organisation.description.is_empty() {
                p { (localized_excerpt(ctx, &organisation.description, 110)) }
            }
        }
    }
}

/// Cards for a few organisations (the home page's featured list).
pub(crate) fn organisation_cards(ctx: &Ctx, organisations: &[Organisation]) -> Markup {
    html! {
        ul class="card-grid" {
            @for organisation in organisations {
                (organisation_card(ctx, organisation))
            }
        }
    }
}

// --- GET /organisations -------------------------------------------------------------------------

async fn list_organisations(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let organisations = state.store.list_organisations().await?;
    let mut by_kind: BTreeMap<OrganisationKind, Vec<&Organisation>> = BTreeMap::new();
    for organisation in &organisations {
        by_kind
            .entry(organisation.kind)
            .or_default()
            .push(organisation);
    }
    let title = ctx.t("organisations-title");
    let body = html! {
        h1 { (title) }
        p class="lead" { (ctx.t("organisations-lead")) }
        @if organisations.is_empty() {
            p { (ctx.t("organisations-none")) }
        }
        @if by_kind.len() > 1 {
            nav aria-label=(ctx.t("organisations-kinds-label")) class="chip-nav" {
                ul {
                    @for kind in by_kind.keys() {
                        li { a href={ "#kind-" (kind.as_str()) } { (ctx.t(&kind_message_id(*kind))) } }
                    }
                }
            }
        }
        @for (kind, members) in &by_kind {
            section aria-labelledby={ "kind-" (kind.as_str()) } {
                h2 id={ "kind-" (kind.as_str()) } {
                    (ctx.t(&kind_message_id(*kind)))
                    " " span class="count" { "(" (members.len()) ")" }
                }
                ul class="card-grid" {
                    @for organisation in members {
                        (organisation_card(&ctx, organisation))
                    }
                }
            }
        }
    };
    Ok(html_response(page(&ctx, &title, body)))
}

// --- GET /organisations/{slug} ------------------------------------------------------------------

#[derive(Debug, Default, serde::Deserialize)]
pub struct ShowOrganisationQuery {
    saved: Option<String>,
}

/// Whether the reader may see who belongs: site admins and the organisation's own members.
async fn may_see_members(
    state: &AppState,
    ctx: &Ctx,
    organisation: &Organisation,
) -> Result<Option<Vec<Role>>, AppError> {
    let Some(user) = &ctx.user else {
        return Ok(None);
    };
    let roles = state.store.roles_of(organisation.id, user.id).await?;
    if user.is_site_admin || !roles.is_empty() {
        Ok(Some(roles))
    } else {
        Ok(None)
    }
}

async fn show_organisation(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_slug): Path<String>,
    Query(query): Query<ShowOrganisationQuery>,
) -> Result<Response, AppError> {
    let organisation = organisation_from_path(&state, &raw_slug).await?;
    let region_codes = state.store.regions_of_organisation(organisation.id).await?;
    let programmes = state
        .store
        .programmes_of_organisation(organisation.id)
        .await?;
    let conversations =
        crate::deliberation::listing::public_conversations(&state, Some(organisation.id), None)
            .await?;
    let prefectures = if region_codes.is_empty() && programmes.is_empty() {
        Default::default()
    } else {
        prefectures_by_code(&state).await?
    };
    let mut regions = Vec::new();
    for code in &region_codes {
        if let Some(municipality) = found(state.store.municipality(*code).await)? {
            regions.push(municipality);
        }
    }
    let mut programme_regions = std::collections::HashMap::new();
    for programme in &programmes {
        if let std::collections::hash_map::Entry::Vacant(entry) =
            programme_regions.entry(programme.region)
            && let Some(municipality) = found(state.store.municipality(programme.region).await)?
        {
            entry.insert(municipality);
        }
    }
    let viewer_roles = may_see_members(&state, &ctx, &organisation).await?;
    let members = match &viewer_roles {
        Some(_) => Some(members_with_roles(
            state.store.members_of(organisation.id).await?,
        )),
        None => None,
    };
    let can_edit = ctx.is_site_admin()
        || viewer_roles
            .as_ref()
            .is_some_and(|roles| roles.contains(&Role::Admin));
    let viewer_id: Option<UserId> = ctx.user.as_ref().map(|user| user.id);

    let title = organisation.name.text(ctx.locale).to_owned();
    let other_locale = ctx.locale.other();
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href="/organisations" { (ctx.t("organisations-title")) } }
                li { a href={ "/organisations/" (organisation.slug) } aria-current="page" { (localized(&ctx, &organisation.name)) } }
            }
        }
        @if query.saved.is_some() {
            p class="alert alert-success" role="status" { (ctx.t("organisation-saved")) }
        }
        (PageHeader::new(localized(&ctx, &organisation.name))
            .subtitle(html! {
                @if let Some(other_name) = organisation.name.version(other_locale) {
                    @if organisation.name.version(ctx.locale).is_some() {
                        span lang=(other_locale.as_str()) { (other_name) } " "
                    }
                }
                span class="tag" { (ctx.t(&kind_message_id(organisation.kind))) }
            })
            .actions(html! {
                @if can_edit {
                    a class="button button-secondary" href={ "/organisations/" (organisation.slug) "/edit" } { (ctx.t("organisation-edit")) }
                }
                @if ctx.is_site_admin() || viewer_roles.as_ref().is_some_and(|roles| roles.iter().any(|role| sosei_core::programme::PROGRAMME_COORDINATOR_ROLES.contains(role))) {
                    a class="button button-secondary" href={ "/organisations/" (organisation.slug) "/programmes" } { (ctx.t("coordinate-programmes-title")) }
                }
            })
            .render())
        @if !organisation.description.is_empty() {
            section aria-labelledby="about-heading" {
                h2 id="about-heading" { (ctx.t("organisation-about")) }
                div class="prose" { (localized_paragraphs(&ctx, &organisation.description)) }
            }
        }
        @if let Some(website) = organisation.website.as_deref().filter(|w| is_web_address(w)) {
            dl class="facts" {
                div {
                    dt { (ctx.t("organisation-website")) }
                    dd { a href=(website) rel="noopener noreferrer" { (website) } }
                }
            }
        }

        section aria-labelledby="regions-heading" {
            h2 id="regions-heading" { (ctx.t("organisation-regions")) }
            @if regions.is_empty() {
                p class="muted" { (ctx.t("organisation-no-regions")) }
            } @else {
                ul class="pill-list" {
                    @for region in &regions {
                        li {
                            a href={ "/regions/" (region.code) } {
                                (crate::regions::name_with_prefecture(ctx.locale, region, prefectures.get(&region.code.prefecture_code())))
                            }
                        }
                    }
                }
            }
        }

        (programmes_section(&ctx, &programmes, "organisation-no-programmes", |programme| html! {
            @if let Some(region) = programme_regions.get(&programme.region) {
                p class="card-meta" {
                    a href={ "/regions/" (region.code) } { (municipality_name(ctx.locale, region)) }
                }
            }
        }))

        (crate::deliberation::listing::conversations_section(&ctx, &conversations, "navigation-organisation-no-conversations"))

        @if let Some(members) = &members {
            section aria-labelledby="members-heading" {
                h2 id="members-heading" { (ctx.t("organisation-members")) }
                p class="muted small" { (ctx.t("organisation-members-private")) }
                @if members.is_empty() {
                    p { (ctx.t("organisation-no-members")) }
                } @else {
                    table {
                        caption class="visually-hidden" { (ctx.t("organisation-members")) }
                        thead { tr { th scope="col" { (ctx.t("organisation-member-name")) } th scope="col" { (ctx.t("organisation-member-roles")) } } }
                        tbody {
                            @for (member, roles) in members {
                                tr {
                                    td {
                                        (member.display_name.as_str())
                                        @if Some(member.id) == viewer_id { " " span class="muted small" { (ctx.t("organisation-member-you")) } }
                                    }
                                    td { (role_list(&ctx, roles)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let description = Some(organisation.description.text(ctx.locale));
    Ok(html_response(crate::layout::page_described(
        &ctx,
        &title,
        description,
        body,
    )))
}

pub(crate) fn role_list(ctx: &Ctx, roles: &[Role]) -> Markup {
    html! {
        ul class="inline-list" {
            @for role in roles {
                li { span class="tag" { (ctx.t(&role_message_id(*role))) } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use sosei_core::{Locale, StakeholderRole};

    use super::*;

    /// Message ids built at run time are not seen by the Fluent parity test: check each exists.
    #[test]
    fn every_generated_message_id_has_a_translation() {
        let mut ids: Vec<String> = Vec::new();
        ids.extend(
            OrganisationKind::ALL
                .iter()
                .map(|kind| kind_message_id(*kind)),
        );
        ids.extend(Role::ALL.iter().map(|role| role_message_id(*role)));
        ids.extend(
            StakeholderRole::ALL
                .iter()
                .map(|role| crate::regions::stakeholder_role_message_id(*role)),
        );
        for field in [
            "name_ja",
            "name_en",
            "kind",
            "description_ja",
            "description_en",
            "website",
            "email",
            "role",
        ] {
            ids.push(format!("organisation-field-{}", field.replace('_', "-")));
        }
        ids.push("region-field-steward".to_owned());
        for field in ["vision", "plan", "goals"] {
            for language in ["ja", "en"] {
                ids.push(format!("region-field-{field}-{language}"));
            }
        }
        for stem in [
            "space",
            "system",
            "social-capital",
            "social-contract",
            "science",
        ] {
            for part in ["name", "gloss", "text"] {
                ids.push(format!("home-s-{stem}-{part}"));
            }
        }
        for locale in Locale::ALL {
            for id in &ids {
                let text = crate::i18n::t(locale, id);
                assert!(
                    !text.is_empty() && !text.contains("Unknown localization") && text != *id,
                    "{id} is missing in {locale}: {text:?}"
                );
            }
        }
        assert_eq!(
            crate::i18n::t(Locale::Ja, "stakeholder-role-host-family"),
            "ホストファミリー"
        );
    }
}
