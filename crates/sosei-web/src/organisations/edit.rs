//! Editing an organisation and the roles its people hold. Only the organisation's admins (and
//! site admins) may do either.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::text::optional_bounded_text;
use sosei_core::{
    EmailAddress, Locale, LocalizedText, NewOrganisation, Organisation, OrganisationKind, Role,
    User, UserFacingError,
};

use super::{
    RoleChange, kind_message_id, members_with_roles, organisation_from_path, role_message_id,
    user_by_email,
};
use crate::authz::require_organisation_role;
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, field_label};
use crate::layout::{csrf_field, html_response, html_response_with_status, page};
use crate::state::AppState;

/// Longest organisation name, per language (the admin page creates organisations with it too).
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 5_000;
pub const MAX_WEBSITE_CHARS: usize = 300;

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct OrganisationForm {
    #[serde(default)]
    name_ja: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    description_ja: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    website: String,
}

impl OrganisationForm {
    fn from_organisation(organisation: &Organisation) -> Self {
        let version = |text: &LocalizedText, locale: Locale| {
            text.version(locale).unwrap_or_default().to_owned()
        };
        OrganisationForm {
            name_ja: version(&organisation.name, Locale::Ja),
            name_en: version(&organisation.name, Locale::En),
            kind: organisation.kind.as_str().to_owned(),
            description_ja: version(&organisation.description, Locale::Ja),
            description_en: version(&organisation.description, Locale::En),
            website: organisation.website.clone().unwrap_or_default(),
        }
    }
}

fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "organisation", field)
}

/// An organisation's name from its `name_ja` and `name_en` fields: either may be blank, not both.
pub(crate) fn parse_organisation_name(
    errors: &mut FormErrors,
    name_ja: &str,
    name_en: &str,
) -> LocalizedText {
    let name_ja = errors.check_text(
        "name_ja",
        optional_bounded_text(name_ja, MAX_NAME_CHARS, false),
    );
    let name_en = errors.check_text(
        "name_en",
        optional_bounded_text(name_en, MAX_NAME_CHARS, false),
    );
    let name = LocalizedText::from_options(name_ja.flatten(), name_en.flatten());
    if name.is_empty() && errors.get("name_ja").is_none() && errors.get("name_en").is_none() {
        errors.add("name_ja", "organisation-error-name-required");
    }
    name
}

/// A web address: `http(s)://` and a host, no spaces or characters that break out of an
/// attribute. `Ok(None)` when left blank.
pub fn parse_website(raw: &str) -> Result<Option<String>, &'static str> {
    let text =
        optional_bounded_text(raw, MAX_WEBSITE_CHARS, false).map_err(|error| error.message_id())?;
    let Some(text) = text.map(|text| sosei_core::text::fold_scheme_and_host(&text)) else {
        return Ok(None);
    };
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or("organisation-error-website")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let bad_character = text
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '`'));
    if host.is_empty() || !host.contains('.') && !host.starts_with("localhost") || bad_character {
        return Err("organisation-error-website");
    }
    Ok(Some(text))
}

/// Check every field of the organisation form; the slug stays what it was (it is the address).
pub fn parse_organisation_form(
    current: &Organisation,
    form: &OrganisationForm,
) -> Result<NewOrganisation, FormErrors> {
    let mut errors = FormErrors::new();
    let name = parse_organisation_name(&mut errors, &form.name_ja, &form.name_en);
    let mut description = |field: &'static str, raw: &str| {
        errors
            .check_text(
                field,
                optional_bounded_text(raw, MAX_DESCRIPTION_CHARS, true),
            )
            .flatten()
    };
    let description = LocalizedText::from_options(
        description("description_ja", &form.description_ja),
        description("description_en", &form.description_en),
    );
    let kind = errors.require(
        "kind",
        OrganisationKind::parse(&form.kind),
        "organisation-error-kind",
    );
    let website = match parse_website(&form.website) {
        Ok(website) => website,
        Err(message_id) => {
            errors.add("website", message_id);
            None
        }
    };
    match kind {
        Some(kind) if errors.is_empty() => Ok(NewOrganisation {
            slug: current.slug.clone(),
            kind,
            name,
            description,
            website,
        }),
        _ => Err(errors),
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct EditQuery {
    members: Option<String>,
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_slug): Path<String>,
    Query(query): Query<EditQuery>,
) -> Result<Response, AppError> {
    let organisation = organisation_from_path(&state, &raw_slug).await?;
    require_organisation_role(&state, &ctx, organisation.id, &[Role::Admin]).await?;
    let members = members_with_roles(state.store.members_of(organisation.id).await?);
    let notice = match query.members.as_deref() {
        Some("granted") => Some(ctx.t("organisation-member-granted")),
        Some("revoked") => Some(ctx.t("organisation-member-revoked")),
        _ => None,
    };
    let view = EditView {
        notice,
        ..EditView::new(&organisation, &members)
    };
    Ok(html_response(render(&ctx, &view)))
}

pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_slug): Path<String>,
    Form(form): Form<OrganisationForm>,
) -> Result<Response, AppError> {
    let organisation = organisation_from_path(&state, &raw_slug).await?;
    require_organisation_role(&state, &ctx, organisation.id, &[Role::Admin]).await?;
    match parse_organisation_form(&organisation, &form) {
        Ok(update) => {
            let updated = state
                .store
                .update_organisation(organisation.id, &update)
                .await?;
            Ok(Redirect::to(&format!("/organisations/{}?saved=1", updated.slug)).into_response())
        }
        Err(errors) => {
            let members = members_with_roles(state.store.members_of(organisation.id).await?);
            let view = EditView {
                form,
                errors,
                ..EditView::new(&organisation, &members)
            };
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&ctx, &view),
            ))
        }
    }
}

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
    /// `grant` or `revoke`.
    #[serde(default)]
    action: String,
}

/// Grant or revoke one role of one person, named by e-mail address.
pub async fn change_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_slug): Path<String>,
    Form(form): Form<MemberForm>,
) -> Result<Response, AppError> {
    let organisation = organisation_from_path(&state, &raw_slug).await?;
    require_organisation_role(&state, &ctx, organisation.id, &[Role::Admin]).await?;
    let members = members_with_roles(state.store.members_of(organisation.id).await?);

    let mut errors = FormErrors::new();
    // The buttons send the action; anything else did not come from this page.
    let action = RoleChange::parse(&form.action).ok_or(AppError::BadRequest {
        message_id: "organisation-error-member-action",
    })?;
    let email = errors.check("email", EmailAddress::parse(&form.email));
    let role = errors.require("role", Role::parse(&form.role), "organisation-error-role");
    let target = match &email {
        Some(email) => errors.require(
            "email",
            user_by_email(&state, email).await?,
            "organisation-error-no-such-user",
        ),
        None => None,
    };
    if let (Some(user), Some(Role::Admin), RoleChange::Revoke) = (&target, role, action) {
        let admins: Vec<&User> = members
            .iter()
            .filter(|(_, roles)| roles.contains(&Role::Admin))
            .map(|(member, _)| member)
            .collect();
        // Someone must always be able to manage the organisation.
        if admins.len() == 1 && admins[0].id == user.id {
            errors.add("email", "organisation-error-last-admin");
        }
    }

    match (target, role, errors.is_empty()) {
        (Some(user), Some(role), true) => {
            action.apply(&state, organisation.id, user.id, role).await?;
            Ok(Redirect::to(&format!(
                "/organisations/{}/edit?members={}#members-heading",
                organisation.slug,
                action.outcome()
            ))
            .into_response())
        }
        _ => {
            let view = EditView {
                member_form: form,
                member_errors: errors,
                ..EditView::new(&organisation, &members)
            };
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                render(&ctx, &view),
            ))
        }
    }
}

fn field<'a>(ctx: &Ctx, name: &'static str) -> Field<'a> {
    Field::new(name, label(ctx, name))
}

/// What the edit page shows: the organisation and its members, and each form as typed with its
/// errors after a failed submit.
struct EditView<'a> {
    organisation: &'a Organisation,
    members: &'a [(User, Vec<Role>)],
    form: OrganisationForm,
    errors: FormErrors,
    member_form: MemberForm,
    member_errors: FormErrors,
    notice: Option<String>,
}

impl<'a> EditView<'a> {
    /// The page as first shown: the organisation's current details and an empty member form.
    fn new(organisation: &'a Organisation, members: &'a [(User, Vec<Role>)]) -> Self {
        EditView {
            organisation,
            members,
            form: OrganisationForm::from_organisation(organisation),
            errors: FormErrors::new(),
            member_form: MemberForm::default(),
            member_errors: FormErrors::new(),
            notice: None,
        }
    }
}

fn render(ctx: &Ctx, view: &EditView<'_>) -> Markup {
    let organisation = view.organisation;
    let form = &view.form;
    let errors = &view.errors;
    let name = organisation.name.text(ctx.locale);
    let title = crate::i18n::t_args(
        ctx.locale,
        "organisation-edit-title",
        &[("organisation", name.into())],
    );
    let member_form = &view.member_form;
    let member_errors = &view.member_errors;
    let kinds: Vec<(&str, String)> = OrganisationKind::ALL
        .iter()
        .map(|kind| (kind.as_str(), ctx.t(&kind_message_id(*kind))))
        .collect();
    let roles: Vec<(&str, String)> = Role::ALL
        .iter()
        .map(|role| (role.as_str(), ctx.t(&role_message_id(*role))))
        .collect();
    let name_hint = crate::i18n::t_args(
        ctx.locale,
        "organisation-hint-name",
        &[("max", MAX_NAME_CHARS.into())],
    );
    let description_hint = crate::i18n::t_args(
        ctx.locale,
        "organisation-hint-description",
        &[("max", MAX_DESCRIPTION_CHARS.into())],
    );
    let website_hint = ctx.t("organisation-hint-website");
    let email_hint = ctx.t("organisation-hint-member-email");
    let slug = &organisation.slug;
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href="/organisations" { (ctx.t("organisations-title")) } }
                li { a href={ "/organisations/" (slug) } { (crate::layout::localized(ctx, &organisation.name)) } }
                li { a href={ "/organisations/" (slug) "/edit" } aria-current="page" { (ctx.t("organisation-edit")) } }
            }
        }
        h1 { (title) }
        @if let Some(notice) = &view.notice {
            p class="alert alert-success" role="status" { (notice) }
        }
        section aria-labelledby="details-heading" {
            h2 id="details-heading" { (ctx.t("organisation-details")) }
            (errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action={ "/organisations/" (slug) "/edit" } class="stacked wide" novalidate {
                (csrf_field(ctx))
                fieldset {
                    legend { (ctx.t("organisation-field-name")) }
                    p class="hint" { (name_hint) }
                    div class="bilingual" {
                        (field(ctx, "name_ja").value(&form.name_ja).lang(Locale::Ja).input(ctx, errors, "text"))
                        (field(ctx, "name_en").value(&form.name_en).lang(Locale::En).input(ctx, errors, "text"))
                    }
                }
                (field(ctx, "kind").value(&form.kind).required().select(ctx, errors, &kinds))
                fieldset {
                    legend { (ctx.t("organisation-field-description")) }
                    p class="hint" { (description_hint) }
                    div class="bilingual" {
                        (field(ctx, "description_ja").value(&form.description_ja).lang(Locale::Ja).textarea(ctx, errors, 8))
                        (field(ctx, "description_en").value(&form.description_en).lang(Locale::En).textarea(ctx, errors, 8))
                    }
                }
                (field(ctx, "website").value(&form.website).hint(website_hint).input(ctx, errors, "url"))
                div class="form-actions" {
                    button type="submit" class="button" { (ctx.t("form-save")) }
                    a href={ "/organisations/" (slug) } { (ctx.t("form-cancel")) }
                }
            }
        }

        section aria-labelledby="members-heading" {
            h2 id="members-heading" { (ctx.t("organisation-members")) }
            @if view.members.is_empty() {
                p { (ctx.t("organisation-no-members")) }
            } @else {
                table {
                    caption class="visually-hidden" { (ctx.t("organisation-members")) }
                    thead {
                        tr {
                            th scope="col" { (ctx.t("organisation-member-name")) }
                            th scope="col" { (ctx.t("organisation-field-email")) }
                            th scope="col" { (ctx.t("organisation-member-roles")) }
                        }
                    }
                    tbody {
                        @for (member, member_roles) in view.members {
                            tr {
                                td { (member.display_name.as_str()) }
                                td { (member.email.as_str()) }
                                td {
                                    ul class="role-actions" {
                                        @for role in member_roles {
                                            li {
                                                span class="tag" { (ctx.t(&role_message_id(*role))) }
                                                form method="post" action={ "/organisations/" (slug) "/members" } class="inline-form" {
                                                    (csrf_field(ctx))
                                                    input type="hidden" name="email" value=(member.email.as_str());
                                                    input type="hidden" name="role" value=(role.as_str());
                                                    input type="hidden" name="action" value="revoke";
                                                    button type="submit" class="link-button small"
                                                        aria-label=(crate::i18n::t_args(ctx.locale, "organisation-member-revoke-label", &[
                                                            ("name", member.display_name.as_str().into()),
                                                            ("role", ctx.t(&role_message_id(*role)).into()),
                                                        ])) {
                                                        (ctx.t("organisation-member-revoke"))
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
            }
            h3 id="grant-heading" { (ctx.t("organisation-member-grant-heading")) }
            (member_errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action={ "/organisations/" (slug) "/members" } class="stacked" aria-labelledby="grant-heading" novalidate {
                (csrf_field(ctx))
                input type="hidden" name="action" value="grant";
                (field(ctx, "email").value(&member_form.email).hint(email_hint).required().input(ctx, member_errors, "email"))
                (field(ctx, "role").value(if member_form.role.is_empty() { Role::Member.as_str() } else { &member_form.role })
                    .required().select(ctx, member_errors, &roles))
                div class="form-actions" {
                    button type="submit" class="button" { (ctx.t("organisation-member-grant")) }
                }
            }
        }
    };
    page(ctx, &title, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_must_be_http_addresses() {
        assert_eq!(parse_website("  "), Ok(None));
        assert_eq!(
            parse_website("https://tono.example.jp/about"),
            Ok(Some("https://tono.example.jp/about".to_owned()))
        );
        assert_eq!(
            parse_website("ｈｔｔｐｓ：／／example.jp"),
            Ok(Some("https://example.jp".to_owned()))
        );
        for bad in [
            "javascript:alert(1)",
            "example.jp",
            "https://",
            "https://exa mple.jp",
            "https://example.jp/\"onmouseover",
            "ftp://example.jp",
        ] {
            assert!(parse_website(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
