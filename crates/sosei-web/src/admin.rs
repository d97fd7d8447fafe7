//! The site administration area: every user (paginated), every organisation with its members,
//! granting and removing roles, and creating organisations. Site admins only; site admins
//! themselves are made with the CLI (`sosei user create --admin`).

use axum::Form;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use sosei_core::{
    EmailAddress, LocalizedText, NewOrganisation, Organisation, OrganisationKind, OrganisationSlug,
    Role, User,
};
use sosei_store::StoreError;
use time::OffsetDateTime;

use crate::auth::role_message_id;
use crate::authz::require_site_admin;
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, field_label};
use crate::i18n;
use crate::layout::{csrf_field, html_response, html_response_with_status, page};
use crate::organisations::{RoleChange, organisation_link, parse_organisation_name, user_by_email};
use crate::regions::found;
use crate::state::AppState;

/// Users listed per page.
pub const USERS_PER_PAGE: i64 = 50;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(admin_page))
        .route("/admin/roles", post(change_role))
        .route("/admin/organisations", post(create_organisation))
}

/// The Fluent id of an organisation kind's name.
pub fn kind_message_id(kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Municipality => "admin-kind-municipality",
        OrganisationKind::Npo => "admin-kind-npo",
        OrganisationKind::Company => "admin-kind-company",
        OrganisationKind::University => "admin-kind-university",
        OrganisationKind::Cooperative => "admin-kind-cooperative",
        OrganisationKind::Network => "admin-kind-network",
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct AdminQuery {
    page: Option<String>,
    notice: Option<String>,
}

/// The confirmation shown after a redirect; only known notices are shown, never query text.
fn notice_message_id(notice: Option<&str>) -> Option<&'static str> {
    match notice? {
        "role-granted" => Some("admin-notice-role-granted"),
        "role-revoked" => Some("admin-notice-role-revoked"),
        "organisation-created" => Some("admin-notice-organisation-created"),
        _ => None,
    }
}

/// What the two forms on the page show: the values typed and the errors, after a failed submit.
#[derive(Debug, Default)]
struct AdminForms {
    role: RoleForm,
    role_errors: FormErrors,
    organisation: OrganisationForm,
    organisation_errors: FormErrors,
}

async fn admin_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(query): Query<AdminQuery>,
) -> Result<Response, AppError> {
    require_site_admin(&ctx)?;
    let page_number = query
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<i64>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let notice = notice_message_id(query.notice.as_deref());
    let markup = admin_markup(&state, &ctx, page_number, &AdminForms::default(), notice).await?;
    Ok(html_response(markup))
}

/// Every organisation with its members, in slug order.
async fn organisations_with_members(
    state: &AppState,
) -> Result<Vec<(Organisation, Vec<(User, Role)>)>, AppError> {
    let organisations = state.store.list_organisations().await?;
    let mut result = Vec::with_capacity(organisations.len());
    for organisation in organisations {
        let members = state.store.members_of(organisation.id).await?;
        result.push((organisation, members));
    }
    Ok(result)
}

async fn admin_markup(
    state: &AppState,
    ctx: &Ctx,
    page_number: i64,
    forms: &AdminForms,
    notice: Option<&'static str>,
) -> Result<Markup, AppError> {
    let user_count = state.store.count_users().await?;
    let page_count = ((user_count + USERS_PER_PAGE - 1) / USERS_PER_PAGE).max(1);
    let page_number = page_number.min(page_count);
    let users = state
        .store
        .list_users(USERS_PER_PAGE, (page_number - 1) * USERS_PER_PAGE)
        .await?;
    let organisations = organisations_with_members(state).await?;
    let title = ctx.t("admin-title");
    let body = html! {
        h1 { (title) }
        p { a href="/admin/outbox" { (ctx.t("programmes-outbox-title")) } }
        p { a href="/admin/legal" { (ctx.t("admin-legal-title")) } }
        @if let Some(notice) = notice {
            div class="alert alert-success" role="status" { p { (ctx.t(notice)) } }
        }
        section aria-labelledby="organisations-heading" {
            h2 id="organisations-heading" { (ctx.t("admin-organisations")) }
            @if organisations.is_empty() {
                p class="muted" { (ctx.t("admin-no-organisations")) }
            } @else {
                table {
                    thead { tr {
                        th scope="col" { (ctx.t("admin-organisation-name")) }
                        th scope="col" { (ctx.t("admin-organisation-slug")) }
                        th scope="col" { (ctx.t("admin-organisation-kind")) }
                        th scope="col" { (ctx.t("admin-organisation-members")) }
                    } }
                    tbody {
                        @for (organisation, members) in &organisations {
                            tr {
                                td { (organisation_link(ctx, organisation)) }
                                td { code { (organisation.slug) } }
                                td { (ctx.t(kind_message_id(organisation.kind))) }
                                td {
                                    @if members.is_empty() {
                                        span class="muted" { (ctx.t("admin-organisation-no-members")) }
                                    } @else {
                                        ul {
                                            @for (member, role) in members {
                                                li { (member_with_revoke_button(ctx, organisation, member, *role)) }
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
        (role_form_markup(ctx, &organisations, forms))
        (organisation_form_markup(ctx, forms))
        section aria-labelledby="users-heading" {
            h2 id="users-heading" { (ctx.t("admin-users")) }
            p { (i18n::t_args(ctx.locale, "admin-users-count", &[("count", (user_count as f64).into())])) }
            table {
                thead { tr {
                    th scope="col" { (ctx.t("admin-user-name")) }
                    th scope="col" { (ctx.t("admin-user-email")) }
                    th scope="col" { (ctx.t("admin-user-created")) }
                    th scope="col" { (ctx.t("admin-user-site-admin")) }
                } }
                tbody {
                    @for user in &users {
                        tr {
                            td { (user.display_name.as_str()) }
                            td { (user.email.as_str()) }
                            td { (i18n::format_date(ctx.locale, user.created_at.date())) }
                            td { @if user.is_site_admin { "✓" } }
                        }
                    }
                }
            }
            @if page_count > 1 {
                nav aria-label=(ctx.t("admin-users")) {
                    p {
                        @if page_number > 1 {
                            a href={ "/admin?page=" (page_number - 1) } rel="prev" { (ctx.t("admin-page-previous")) } " "
                        }
                        (i18n::t_args(ctx.locale, "admin-page-of", &[("page", (page_number as f64).into()), ("pages", (page_count as f64).into())]))
                        @if page_number < page_count {
                            " " a href={ "/admin?page=" (page_number + 1) } rel="next" { (ctx.t("admin-page-next")) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(ctx, &title, body))
}

fn member_with_revoke_button(
    ctx: &Ctx,
    organisation: &Organisation,
    member: &User,
    role: Role,
) -> Markup {
    let role_name = ctx.t(role_message_id(role));
    let label = i18n::t_args(
        ctx.locale,
        "admin-revoke-label",
        &[
            ("role", role_name.clone().into()),
            ("name", member.display_name.as_str().to_owned().into()),
        ],
    );
    html! {
        (member.display_name.as_str()) " — " (role_name) " "
        form method="post" action="/admin/roles" class="inline-form" {
            (csrf_field(ctx))
            input type="hidden" name="email" value=(member.email.as_str());
            input type="hidden" name="organisation" value=(organisation.slug.as_str());
            input type="hidden" name="role" value=(role.as_str());
            input type="hidden" name="action" value="revoke";
            button type="submit" class="link-button" aria-label=(label) { (ctx.t("admin-revoke")) }
        }
    }
}

/// The label of an admin form's field: `admin-field-name-ja` for `name_ja`.
fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "admin", field)
}

/// A labelled admin form field that must be filled in.
fn field<'a>(ctx: &Ctx, name: &'static str) -> Field<'a> {
    Field::new(name, label(ctx, name)).required()
}

fn role_form_markup(
    ctx: &Ctx,
    organisations: &[(Organisation, Vec<(User, Role)>)],
    forms: &AdminForms,
) -> Markup {
    let errors = &forms.role_errors;
    let form = &forms.role;
    let organisation_options: Vec<(&str, String)> = organisations
        .iter()
        .map(|(organisation, _)| {
            (
                organisation.slug.as_str(),
                format!(
                    "{} ({})",
                    organisation.name.text(ctx.locale),
                    organisation.slug
                ),
            )
        })
        .collect();
    let role_options: Vec<(&str, String)> = Role::ALL
        .iter()
        .map(|role| (role.as_str(), ctx.t(role_message_id(*role))))
        .collect();
    let action_options = [
        ("grant", ctx.t("admin-action-grant")),
        ("revoke", ctx.t("admin-action-revoke")),
    ];
    html! {
        section aria-labelledby="roles-heading" {
            h2 id="roles-heading" { (ctx.t("admin-roles-title")) }
            p { (ctx.t("admin-roles-lead")) }
            (errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action="/admin/roles" class="stacked" novalidate {
                (csrf_field(ctx))
                (field(ctx, "email").value(&form.email).autocomplete("off").input(ctx, errors, "email"))
                (field(ctx, "organisation").value(&form.organisation).select(ctx, errors, &organisation_options))
                (field(ctx, "role").value(&form.role).select(ctx, errors, &role_options))
                (field(ctx, "action").value(&form.action).select(ctx, errors, &action_options))
                div { button type="submit" class="button" { (ctx.t("admin-roles-submit")) } }
            }
        }
    }
}

fn organisation_form_markup(ctx: &Ctx, forms: &AdminForms) -> Markup {
    let errors = &forms.organisation_errors;
    let form = &forms.organisation;
    let kind_options: Vec<(&str, String)> = OrganisationKind::ALL
        .iter()
        .map(|kind| (kind.as_str(), ctx.t(kind_message_id(*kind))))
        .collect();
    // Either name may be left blank, so neither is `required`.
    let name_ja = Field::new("name_ja", label(ctx, "name_ja"))
        .value(&form.name_ja)
        .hint(ctx.t("admin-field-names-hint"))
        .autocomplete("off");
    let name_en = Field::new("name_en", label(ctx, "name_en"))
        .value(&form.name_en)
        .autocomplete("off");
    html! {
        section aria-labelledby="create-organisation-heading" {
            h2 id="create-organisation-heading" { (ctx.t("admin-create-organisation-title")) }
            (errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action="/admin/organisations" class="stacked" novalidate {
                (csrf_field(ctx))
                (field(ctx, "slug").value(&form.slug).hint(ctx.t("admin-field-slug-hint")).autocomplete("off").input(ctx, errors, "text"))
                (field(ctx, "kind").value(&form.kind).select(ctx, errors, &kind_options))
                (name_ja.input(ctx, errors, "text"))
                (name_en.input(ctx, errors, "text"))
                div { button type="submit" class="button" { (ctx.t("admin-create-organisation-submit")) } }
            }
        }
    }
}

// --- roles ------------------------------------------------------------------------------------

#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
struct RoleForm {
    email: String,
    /// The organisation's slug.
    organisation: String,
    role: String,
    /// `grant` or `revoke`.
    action: String,
}

async fn change_role(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<RoleForm>,
) -> Result<Response, AppError> {
    let admin = require_site_admin(&ctx)?;
    let mut errors = FormErrors::new();
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let slug = errors.require(
        "organisation",
        OrganisationSlug::parse(&form.organisation).ok(),
        "admin-error-organisation-unknown",
    );
    let role = errors.require("role", Role::parse(&form.role), "admin-error-role-unknown");
    let action = errors.require(
        "action",
        RoleChange::parse(&form.action),
        "admin-error-action-unknown",
    );

    let user = match &email {
        Some(email) => errors.require(
            "email",
            user_by_email(&state, email).await?,
            "admin-error-user-unknown",
        ),
        None => None,
    };
    let organisation = match &slug {
        Some(slug) => errors.require(
            "organisation",
            found(state.store.organisation_by_slug(slug).await)?,
            "admin-error-organisation-unknown",
        ),
        None => None,
    };

    let (Some(user), Some(organisation), Some(role), Some(action), true) =
        (user, organisation, role, action, errors.is_empty())
    else {
        let forms = AdminForms {
            role: form,
            role_errors: errors,
            ..AdminForms::default()
        };
        return rerender(&state, &ctx, &forms).await;
    };

    action.apply(&state, organisation.id, user.id, role).await?;
    let notice = format!("role-{}", action.outcome());
    tracing::info!(
        admin_id = %admin.id,
        user_id = %user.id,
        organisation_id = %organisation.id,
        role = role.as_str(),
        notice,
        "role changed by a site admin"
    );
    Ok(Redirect::to(&format!("/admin?notice={notice}")).into_response())
}

/// The admin page again with a form's input and errors, as 422.
async fn rerender(state: &AppState, ctx: &Ctx, forms: &AdminForms) -> Result<Response, AppError> {
    let markup = admin_markup(state, ctx, 1, forms, None).await?;
    Ok(html_response_with_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        markup,
    ))
}

// --- organisations ----------------------------------------------------------------------------

#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
struct OrganisationForm {
    slug: String,
    kind: String,
    name_ja: String,
    name_en: String,
}

async fn create_organisation(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<OrganisationForm>,
) -> Result<Response, AppError> {
    let admin = require_site_admin(&ctx)?;
    let mut errors = FormErrors::new();
    let slug = errors.check("slug", OrganisationSlug::parse(&form.slug));
    let kind = errors.require(
        "kind",
        OrganisationKind::parse(&form.kind),
        "admin-error-kind-unknown",
    );
    let name = parse_organisation_name(&mut errors, &form.name_ja, &form.name_en);

    let (Some(slug), Some(kind), true) = (slug, kind, errors.is_empty()) else {
        let forms = AdminForms {
            organisation: form,
            organisation_errors: errors,
            ..AdminForms::default()
        };
        return rerender(&state, &ctx, &forms).await;
    };
    let new_organisation = NewOrganisation {
        slug,
        kind,
        name,
        description: LocalizedText::default(),
        website: None,
    };
    match state
        .store
        .create_organisation(&new_organisation, OffsetDateTime::now_utc())
        .await
    {
        Ok(organisation) => {
            tracing::info!(admin_id = %admin.id, organisation_id = %organisation.id, "organisation created");
            Ok(Redirect::to("/admin?notice=organisation-created").into_response())
        }
        Err(StoreError::Conflict(_)) => {
            errors.add("slug", "admin-error-slug-taken");
            let forms = AdminForms {
                organisation: form,
                organisation_errors: errors,
                ..AdminForms::default()
            };
            rerender(&state, &ctx, &forms).await
        }
        Err(other) => Err(other.into()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use sosei_core::Locale;

    #[test]
    fn only_known_notices_are_shown() {
        assert_eq!(
            notice_message_id(Some("role-granted")),
            Some("admin-notice-role-granted")
        );
        assert_eq!(notice_message_id(Some("<script>")), None);
        assert_eq!(notice_message_id(None), None);
    }

    #[test]
    fn every_kind_has_a_name_in_both_languages() {
        for kind in OrganisationKind::ALL {
            for locale in Locale::ALL {
                let name = i18n::t(locale, kind_message_id(*kind));
                assert!(!name.contains("Unknown localization"), "{name}");
            }
        }
    }
}
