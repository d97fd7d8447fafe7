//! Editing a region's profile: its vision, plan and goals, in Japanese and English.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::text::optional_bounded_text;
use sosei_core::{
    Locale, LocalizedText, Municipality, Organisation, OrganisationId, RegionProfile,
};
use time::OffsetDateTime;

use super::{code_from_path, found, municipality_name, require_region_editor};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, Message, field_label};
use crate::layout::{csrf_field, html_response, html_response_with_status, page};
use crate::state::AppState;

pub const MAX_VISION_CHARS: usize = 2_000;
pub const MAX_PLAN_CHARS: usize = 10_000;
pub const MAX_GOAL_CHARS: usize = 200;
pub const MAX_GOALS: usize = 20;

/// The form as typed; kept as strings so it can be shown again with its errors.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct RegionForm {
    #[serde(default)]
    vision_ja: String,
    #[serde(default)]
    vision_en: String,
    #[serde(default)]
    plan_ja: String,
    #[serde(default)]
    plan_en: String,
    /// One goal per line; line N in Japanese and line N in English are the same goal.
    #[serde(default)]
    goals_ja: String,
    #[serde(default)]
    goals_en: String,
    /// The steward organisation's slug, empty for none. Only site admins see and send this field;
    /// when it is absent the steward stays as it was.
    #[serde(default)]
    steward: Option<String>,
}

impl RegionForm {
    fn from_profile(profile: Option<&RegionProfile>, organisations: &[Organisation]) -> RegionForm {
        let Some(profile) = profile else {
            return RegionForm::default();
        };
        let steward = profile.steward.and_then(|id| {
            organisations
                .iter()
                .find(|organisation| organisation.id == id)
                .map(|organisation| organisation.slug.as_str().to_owned())
        });
        let version = |text: &LocalizedText, locale: Locale| {
            text.version(locale).unwrap_or_default().to_owned()
        };
        let goal_lines = |locale: Locale| {
            profile
                .goals
                .iter()
                .map(|goal| goal.text.version(locale).unwrap_or_default())
                .collect::<Vec<_>>()
                .join("\n")
        };
        RegionForm {
            vision_ja: version(&profile.vision, Locale::Ja),
            vision_en: version(&profile.vision, Locale::En),
            plan_ja: version(&profile.plan, Locale::Ja),
            plan_en: version(&profile.plan, Locale::En),
            goals_ja: goal_lines(Locale::Ja),
            goals_en: goal_lines(Locale::En),
            steward,
        }
    }
}

/// A checked edit, ready for the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionEdit {
    pub vision: LocalizedText,
    pub plan: LocalizedText,
    pub goals: Vec<LocalizedText>,
}

fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "region", field)
}

/// Check every field, collecting all problems at once so the person fixes them in one go.
pub fn parse_region_form(form: &RegionForm) -> Result<RegionEdit, FormErrors> {
    let mut errors = FormErrors::new();
    let mut text = |field: &'static str, raw: &str, max: usize| -> Option<String> {
        errors
            .check_text(field, optional_bounded_text(raw, max, true))
            .flatten()
    };
    let vision = LocalizedText::from_options(
        text("vision_ja", &form.vision_ja, MAX_VISION_CHARS),
        text("vision_en", &form.vision_en, MAX_VISION_CHARS),
    );
    let plan = LocalizedText::from_options(
        text("plan_ja", &form.plan_ja, MAX_PLAN_CHARS),
        text("plan_en", &form.plan_en, MAX_PLAN_CHARS),
    );

    let goals_ja = goal_lines("goals_ja", &form.goals_ja, &mut errors);
    let goals_en = goal_lines("goals_en", &form.goals_en, &mut errors);
    let n_lines = goals_ja.len().max(goals_en.len());
    let goals: Vec<LocalizedText> = (0..n_lines)
        .map(|line| {
            LocalizedText::from_options(
                goals_ja.get(line).cloned().flatten(),
                goals_en.get(line).cloned().flatten(),
            )
        })
        // A line left blank in both languages is not a goal.
        .filter(|goal| !goal.is_empty())
        .collect();
    if goals.len() > MAX_GOALS {
        let longer = if goals_en.len() > goals_ja.len() {
            "goals_en"
        } else {
            "goals_ja"
        };
        errors.add(
            longer,
            Message::new("region-error-too-many-goals")
                .number("max", MAX_GOALS)
                .number("count", goals.len()),
        );
    }

    if errors.is_empty() {
        Ok(RegionEdit {
            vision,
            plan,
            goals,
        })
    } else {
        Err(errors)
    }
}

/// The lines of a goals field, blank lines kept as `None` so the two languages stay aligned.
fn goal_lines(field: &'static str, raw: &str, errors: &mut FormErrors) -> Vec<Option<String>> {
    let mut lines: Vec<Option<String>> = Vec::new();
    for (index, line) in raw.replace("\r\n", "\n").split('\n').enumerate() {
        match optional_bounded_text(line, MAX_GOAL_CHARS, false) {
            Ok(goal) => lines.push(goal),
            Err(error) => {
                let message = Message::new("region-error-goal-line")
                    .number("line", index + 1)
                    .message("problem", Message::text_error(&error));
                errors.add(field, message);
                lines.push(None);
            }
        }
    }
    // Trailing blank lines are not goals.
    while lines.last().is_some_and(Option::is_none) {
        lines.pop();
    }
    lines
}

/// The steward the form asks for: unchanged when the field was not sent (only site admins get it),
/// `None` for an empty choice, else the organisation with that slug.
fn chosen_steward(
    ctx: &Ctx,
    form: &RegionForm,
    current: Option<OrganisationId>,
    organisations: &[Organisation],
) -> Result<Option<OrganisationId>, &'static str> {
    if !ctx.is_site_admin() {
        return Ok(current);
    }
    match form.steward.as_deref().map(str::trim) {
        None => Ok(current),
        Some("") => Ok(None),
        Some(slug) => organisations
            .iter()
            .find(|organisation| organisation.slug.as_str() == slug)
            .map(|organisation| Some(organisation.id))
            .ok_or("region-error-steward"),
    }
}

/// The organisations a site admin may choose as steward (others do not get the choice).
async fn steward_choices(state: &AppState, ctx: &Ctx) -> Result<Vec<Organisation>, AppError> {
    if ctx.is_site_admin() {
        Ok(state.store.list_organisations().await?)
    } else {
        Ok(Vec::new())
    }
}

struct RegionToEdit {
    municipality: Municipality,
    profile: Option<RegionProfile>,
}

async fn load_and_authorize(
    state: &AppState,
    ctx: &Ctx,
    raw_code: &str,
) -> Result<RegionToEdit, AppError> {
    let code = code_from_path(raw_code)?;
    let municipality = state.store.municipality(code).await?;
    let profile = found(state.store.region_profile(code).await)?;
    require_region_editor(state, ctx, profile.as_ref().and_then(|p| p.steward)).await?;
    Ok(RegionToEdit {
        municipality,
        profile,
    })
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_code): Path<String>,
) -> Result<Response, AppError> {
    let region = load_and_authorize(&state, &ctx, &raw_code).await?;
    let organisations = steward_choices(&state, &ctx).await?;
    let form = RegionForm::from_profile(region.profile.as_ref(), &organisations);
    Ok(html_response(render_form(
        &ctx,
        &region.municipality,
        &form,
        &FormErrors::new(),
        &organisations,
    )))
}

pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_code): Path<String>,
    Form(form): Form<RegionForm>,
) -> Result<Response, AppError> {
    let region = load_and_authorize(&state, &ctx, &raw_code).await?;
    let organisations = steward_choices(&state, &ctx).await?;
    let current_steward = region.profile.as_ref().and_then(|p| p.steward);
    let parsed = parse_region_form(&form);
    let chosen = chosen_steward(&ctx, &form, current_steward, &organisations);
    let (edit, steward) = match (parsed, chosen) {
        (Ok(edit), Ok(steward)) => (edit, steward),
        (parsed, chosen) => {
            let mut errors = parsed.err().unwrap_or_default();
            if let Err(message_id) = chosen {
                errors.add("steward", message_id);
            }
            let markup = render_form(&ctx, &region.municipality, &form, &errors, &organisations);
            return Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                markup,
            ));
        }
    };
    let code = region.municipality.code;
    state
        .store
        .upsert_region_profile(
            code,
            steward,
            &edit.vision,
            &edit.plan,
            OffsetDateTime::now_utc(),
        )
        .await?;
    state.store.set_region_goals(code, &edit.goals).await?;
    Ok(Redirect::to(&format!("/regions/{code}?saved=1")).into_response())
}

fn render_form(
    ctx: &Ctx,
    municipality: &Municipality,
    form: &RegionForm,
    errors: &FormErrors,
    steward_choices: &[Organisation],
) -> Markup {
    let name = municipality_name(ctx.locale, municipality);
    let title = crate::i18n::t_args(ctx.locale, "region-edit-title", &[("region", name.into())]);
    let limit = |id: &str, max: usize| crate::i18n::t_args(ctx.locale, id, &[("max", max.into())]);
    let vision_hint = limit("region-hint-vision", MAX_VISION_CHARS);
    let plan_hint = limit("region-hint-plan", MAX_PLAN_CHARS);
    let goals_hint = crate::i18n::t_args(
        ctx.locale,
        "region-hint-goals",
        &[("max", MAX_GOALS.into()), ("chars", MAX_GOAL_CHARS.into())],
    );
    let field = |name: &'static str| Field::new(name, label(ctx, name));
    let mut steward_options: Vec<(&str, String)> = vec![("", ctx.t("region-steward-none"))];
    steward_options.extend(steward_choices.iter().map(|organisation| {
        (
            organisation.slug.as_str(),
            organisation.name.text(ctx.locale).to_owned(),
        )
    }));
    let body = html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href="/regions" { (ctx.t("regions-title")) } }
                li { a href={ "/regions/" (municipality.code) } { (name) } }
                li { a href={ "/regions/" (municipality.code) "/edit" } aria-current="page" { (ctx.t("region-edit")) } }
            }
        }
        h1 { (title) }
        p { (ctx.t("region-edit-lead")) }
        (errors.summary(ctx, |field| label(ctx, field)))
        form method="post" action={ "/regions/" (municipality.code) "/edit" } class="stacked wide" novalidate {
            (csrf_field(ctx))
            fieldset {
                legend { (ctx.t("region-vision")) }
                p class="hint" { (vision_hint) }
                div class="bilingual" {
                    (field("vision_ja").value(&form.vision_ja).lang(Locale::Ja).textarea(ctx, errors, 6))
                    (field("vision_en").value(&form.vision_en).lang(Locale::En).textarea(ctx, errors, 6))
                }
            }
            fieldset {
                legend { (ctx.t("region-plan")) }
                p class="hint" { (plan_hint) }
                div class="bilingual" {
                    (field("plan_ja").value(&form.plan_ja).lang(Locale::Ja).textarea(ctx, errors, 12))
                    (field("plan_en").value(&form.plan_en).lang(Locale::En).textarea(ctx, errors, 12))
                }
            }
            fieldset {
                legend { (ctx.t("region-goals")) }
                p class="hint" { (goals_hint) }
                div class="bilingual" {
                    (field("goals_ja").value(&form.goals_ja).lang(Locale::Ja).textarea(ctx, errors, 6))
                    (field("goals_en").value(&form.goals_en).lang(Locale::En).textarea(ctx, errors, 6))
                }
            }
            @if ctx.is_site_admin() {
                (field("steward").value(form.steward.as_deref().unwrap_or_default())
                    .hint(ctx.t("region-hint-steward")).select(ctx, errors, &steward_options))
            }
            div class="form-actions" {
                button type="submit" class="button" { (ctx.t("form-save")) }
                a href={ "/regions/" (municipality.code) } { (ctx.t("form-cancel")) }
            }
        }
    };
    page(ctx, &title, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(goals_ja: &str, goals_en: &str) -> RegionForm {
        RegionForm {
            vision_ja: "遠野の未来".into(),
            goals_ja: goals_ja.into(),
            goals_en: goals_en.into(),
            ..RegionForm::default()
        }
    }

    #[test]
    fn goals_pair_by_line_and_skip_lines_blank_in_both() {
        let edit = parse_region_form(&form("一\n\n三\n", "one\n\n\nfour")).expect("a valid form");
        let pairs: Vec<(Option<&str>, Option<&str>)> = edit
            .goals
            .iter()
            .map(|g| (g.ja.as_deref(), g.en.as_deref()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                (Some("一"), Some("one")),
                (Some("三"), None),
                (None, Some("four"))
            ]
        );
        assert_eq!(edit.vision.ja.as_deref(), Some("遠野の未来"));
        assert_eq!(edit.vision.en, None);
    }

    #[test]
    fn limits_are_reported_per_field() {
        let mut too_long = form(&"目".repeat(MAX_GOAL_CHARS + 1), "");
        too_long.plan_en = "p".repeat(MAX_PLAN_CHARS + 1);
        let errors = parse_region_form(&too_long).expect_err("too long");
        let message = |field: &str| errors.get(field).map(|m| m.in_locale(Locale::Ja));
        assert!(message("goals_ja").is_some_and(|m| m.contains('1')));
        assert!(errors.get("plan_en").is_some());
        assert!(errors.get("vision_ja").is_none());

        let many: Vec<String> = (0..=MAX_GOALS).map(|n| format!("goal {n}")).collect();
        let errors = parse_region_form(&form("", &many.join("\n"))).expect_err("too many");
        assert!(errors.get("goals_en").is_some());
    }
}
