//! Markup of the profile form: rows of selects for nationalities and languages, checkboxes for
//! skills and dietary needs, date pairs for availability, and the bio with its limit.

use maud::{Markup, html};
use sosei_core::country::{CodeListEntry, all_countries};
use sosei_core::language::all_languages;
use sosei_core::participant_profile::{Bio, DietaryRequirement, NeedsText};
use sosei_core::{LanguageLevel, Skill};

use super::profile::profile_field_label;
use super::profile_form::{AVAILABILITY_FIELDS, LANGUAGE_FIELDS, NATIONALITY_FIELDS, ProfileForm};
use super::words::dietary_requirement_id;
use crate::context::Ctx;
use crate::forms::{Field, FormErrors, control_id};
use crate::i18n::t_args;
use crate::layout::{csrf_field, page};

/// Languages offered first, because most participants speak them.
const COMMON_LANGUAGES: [&str; 12] = [
    "ja", "en", "zh", "ko", "th", "vi", "id", "tl", "ne", "es", "fr", "de",
];

pub(crate) struct ProfileView<'a> {
    pub form: &'a ProfileForm,
    pub errors: &'a FormErrors,
    pub skills: &'a [Skill],
    /// Whether a profile is already saved (the title says "edit" rather than "create").
    pub exists: bool,
    /// Just saved: say so.
    pub saved: bool,
}

/// `(code, name)` options sorted by name in the reader's language, after an empty choice.
fn code_list_options(
    ctx: &Ctx,
    list: &[CodeListEntry],
    first: &[&str],
) -> Vec<(&'static str, String)> {
    let mut options = vec![("", ctx.t("programmes-profile-choose"))];
    for code in first {
        if let Some(entry) = list
            .iter()
            .find(|entry| entry.code.eq_ignore_ascii_case(code))
        {
            options.push((entry.code, entry.name(ctx.locale).to_owned()));
        }
    }
    let mut rest: Vec<&CodeListEntry> = list
        .iter()
        .filter(|entry| {
            !first
                .iter()
                .any(|code| entry.code.eq_ignore_ascii_case(code))
        })
        .collect();
    rest.sort_by_key(|entry| entry.name(ctx.locale));
    options.extend(
        rest.into_iter()
            .map(|entry| (entry.code, entry.name(ctx.locale).to_owned())),
    );
    options
}

fn level_options(ctx: &Ctx) -> Vec<(&'static str, String)> {
    let mut options = vec![("", ctx.t("programmes-profile-choose"))];
    options.extend(LanguageLevel::ALL.iter().map(|level| {
        (
            level.as_str(),
            ctx.t(&format!("programmes-level-option-{}", level.as_str())),
        )
    }));
    options
}

fn row_label(ctx: &Ctx, field: &str) -> String {
    profile_field_label(ctx, field)
}

/// A group of checkboxes sharing the form name `name`; `error_field` names its problems.
fn checkbox_group(
    ctx: &Ctx,
    errors: &FormErrors,
    error_field: &'static str,
    name: &str,
    legend: String,
    options: &[(String, String)],
    checked: &[String],
) -> Markup {
    let error = errors.get(error_field);
    let error_id = format!("{error_field}-error");
    html! {
        fieldset id=(control_id(error_field)) class={ "checkbox-group" @if error.is_some() { " field-invalid" } }
            aria-describedby=[error.map(|_| error_id.as_str())] {
            legend { (legend) }
            @if let Some(error) = error {
                span class="field-error" id=(error_id) { (error.in_locale(ctx.locale)) }
            }
            @for (index, (value, label)) in options.iter().enumerate() {
                @let id = format!("{name}-{index}");
                div class="checkbox" {
                    input type="checkbox" id=(id) name=(name) value=(value) checked[checked.contains(value)];
                    label for=(id) { (label) }
                }
            }
        }
    }
}

fn limit_hint(ctx: &Ctx, max: usize) -> String {
    t_args(
        ctx.locale,
        "programmes-profile-hint-limit",
        &[("max", max.into())],
    )
}

pub(crate) fn profile_page(ctx: &Ctx, view: &ProfileView<'_>) -> Markup {
    let form = view.form;
    let errors = view.errors;
    let title = ctx.t(if view.exists {
        "programmes-profile-title"
    } else {
        "programmes-profile-create-title"
    });
    let countries = code_list_options(ctx, all_countries(), &[]);
    let languages = code_list_options(ctx, all_languages(), &COMMON_LANGUAGES);
    let levels = level_options(ctx);
    let skill_options: Vec<(String, String)> = view
        .skills
        .iter()
        .map(|skill| {
            (
                skill.slug.as_str().to_owned(),
                skill.label.text(ctx.locale).to_owned(),
            )
        })
        .collect();
    let diet_options: Vec<(String, String)> = DietaryRequirement::ALL
        .iter()
        .map(|diet| {
            (
                diet.as_str().to_owned(),
                ctx.t(&dietary_requirement_id(*diet)),
            )
        })
        .collect();
    let body = html! {
        (crate::layout::PageHeader::new(html! { (title) })
            .lead(html! { p class="lead" { (ctx.t("programmes-profile-lead")) } })
            .render())
        @if view.saved {
            div class="alert alert-success" role="status" { (ctx.t("programmes-profile-saved")) }
        }
        (errors.summary(ctx, |field| row_label(ctx, field)))
        form method="post" action="/me/profile" class="stacked wide" novalidate {
            (csrf_field(ctx))
            @if !form.return_to.is_empty() {
                input type="hidden" name="return_to" value=(form.return_to);
            }
            (Field::new("display_name", row_label(ctx, "display_name")).value(&form.display_name)
                .hint(ctx.t("programmes-profile-hint-display-name")).required().autocomplete("nickname")
                .input(ctx, errors, "text"))
            fieldset {
                legend { (ctx.t("programmes-profile-nationalities")) }
                p class="hint" { (ctx.t("programmes-profile-hint-nationalities")) }
                @for (index, field) in NATIONALITY_FIELDS.iter().enumerate() {
                    @let value = ProfileForm::row(&form.nationalities, index);
                    (Field::new(field, row_label(ctx, field)).value(&value).select(ctx, errors, &countries))
                }
            }
            fieldset {
                legend { (ctx.t("programmes-profile-languages")) }
                p class="hint" { (ctx.t("programmes-profile-hint-languages")) }
                @for (index, (language_field, level_field)) in LANGUAGE_FIELDS.iter().enumerate() {
                    @let (language, level) = ProfileForm::row(&form.languages, index);
                    div class="bilingual" {
                        (Field::new(language_field, row_label(ctx, language_field)).value(&language).select(ctx, errors, &languages))
                        (Field::new(level_field, row_label(ctx, level_field)).value(&level.to_ascii_lowercase()).select(ctx, errors, &levels))
                    }
                }
            }
            (checkbox_group(ctx, errors, "skills", "skill", ctx.t("programmes-profile-skills"), &skill_options, &form.skills))
            (Field::new("affiliation", row_label(ctx, "affiliation")).value(&form.affiliation)
                .hint(ctx.t("programmes-profile-hint-affiliation")).autocomplete("organization")
                .input(ctx, errors, "text"))
            fieldset {
                legend { (ctx.t("programmes-profile-availability")) }
                p class="hint" { (ctx.t("programmes-profile-hint-availability")) }
                @for (index, (from_field, until_field)) in AVAILABILITY_FIELDS.iter().enumerate() {
                    @let (from, until) = ProfileForm::row(&form.availability, index);
                    div class="bilingual" {
                        (Field::new(from_field, row_label(ctx, from_field)).value(&from).input(ctx, errors, "date"))
                        (Field::new(until_field, row_label(ctx, until_field)).value(&until).input(ctx, errors, "date"))
                    }
                }
            }
            (checkbox_group(ctx, errors, "diets", "diet", ctx.t("programmes-profile-diets"), &diet_options, &form.diets))
            (Field::new("dietary_notes", row_label(ctx, "dietary_notes")).value(&form.dietary_notes)
                .hint(limit_hint(ctx, NeedsText::MAX_CHARS)).textarea(ctx, errors, 2))
            (Field::new("accessibility_needs", row_label(ctx, "accessibility_needs")).value(&form.accessibility_needs)
                .hint(format!("{} {}", ctx.t("programmes-profile-hint-accessibility"), limit_hint(ctx, NeedsText::MAX_CHARS)))
                .textarea(ctx, errors, 3))
            (Field::new("bio", row_label(ctx, "bio")).value(&form.bio)
                .hint(format!("{} {}", ctx.t("programmes-profile-hint-bio"), limit_hint(ctx, Bio::MAX_CHARS)))
                .textarea(ctx, errors, 5))
            div class="form-actions" {
                button type="submit" class="button" { (ctx.t("programmes-profile-save")) }
            }
        }
        p class="small" { (ctx.t("programmes-profile-privacy")) }
    };
    page(ctx, &title, body)
}
