//! Putting the Social Contract's values into words: statuses, language levels, team needs,
//! ranks, diets.

use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};
use sosei_core::application::ApplicationStatus;
use sosei_core::participant_profile::DietaryRequirement;
use sosei_core::programme::after::DeliverableKind;
use sosei_core::programme::team::TeamNeed;
use sosei_core::{LanguageLevel, LanguageSkill, ProgrammeStatus, Skill, SkillSlug};

use crate::context::Ctx;

/// The Fluent id naming a programme status (`coordinate-status-open`).
pub fn programme_status_message_id(status: ProgrammeStatus) -> String {
    format!("coordinate-status-{}", status.as_str())
}

pub fn status_tag(ctx: &Ctx, status: ProgrammeStatus) -> Markup {
    html! {
        span class={ "tag state-tag state-" (status.as_str()) } {
            (ctx.t(&programme_status_message_id(status)))
        }
    }
}

pub fn application_status_message_id(status: ApplicationStatus) -> String {
    format!(
        "coordinate-application-{}",
        status.as_str().replace('_', "-")
    )
}

pub fn application_status(ctx: &Ctx, status: ApplicationStatus) -> String {
    ctx.t(&application_status_message_id(status))
}

/// The button that moves an application to `status` ("Shortlist", "Make an offer"…).
pub fn application_action(ctx: &Ctx, status: ApplicationStatus) -> String {
    ctx.t(&format!(
        "coordinate-application-action-{}",
        status.as_str().replace('_', "-")
    ))
}

/// `B2`, `N2` or "native" in the reader's language.
pub fn level(ctx: &Ctx, level: LanguageLevel) -> String {
    match level {
        LanguageLevel::Native => ctx.t("coordinate-level-native"),
        other => other.as_str().to_ascii_uppercase(),
    }
}

/// `タイ語 B1` / `Thai B1`.
pub fn language_skill(ctx: &Ctx, skill: &LanguageSkill) -> String {
    format!(
        "{} {}",
        skill.language().name(ctx.locale),
        level(ctx, skill.level())
    )
}

/// A skill's label from the taxonomy (its slug when the taxonomy no longer has it).
pub fn skill_label(ctx: &Ctx, slug: &SkillSlug, skills: &[Skill]) -> String {
    skills
        .iter()
        .find(|skill| skill.slug == *slug)
        .map(|skill| skill.label.text(ctx.locale).to_owned())
        .unwrap_or_else(|| slug.as_str().to_owned())
}

/// A need in a sentence: "At least 2 people who can do Graphic design".
pub fn need(ctx: &Ctx, need: &TeamNeed, skills: &[Skill]) -> String {
    match need {
        TeamNeed::Skill { skill, at_least } => crate::i18n::t_args(
            ctx.locale,
            "coordinate-need-skill",
            &[
                ("count", FluentValue::from(at_least.get())),
                ("skill", skill_label(ctx, skill, skills).into()),
            ],
        ),
        TeamNeed::Language {
            language,
            minimum_level,
            at_least,
        } => crate::i18n::t_args(
            ctx.locale,
            "coordinate-need-language",
            &[
                ("count", FluentValue::from(at_least.get())),
                ("language", language.name(ctx.locale).into()),
                ("level", level(ctx, *minimum_level).into()),
            ],
        ),
    }
}

/// "1st choice" / "第1希望".
pub fn rank(ctx: &Ctx, rank: u8) -> String {
    crate::i18n::t_args(ctx.locale, "coordinate-rank", &[("rank", rank.into())])
}

pub fn diet(ctx: &Ctx, requirement: DietaryRequirement) -> String {
    ctx.t(&format!(
        "coordinate-diet-{}",
        requirement.as_str().replace('_', "-")
    ))
}

pub fn deliverable_kind(ctx: &Ctx, kind: DeliverableKind) -> String {
    ctx.t(&format!("coordinate-deliverable-{}", kind.as_str()))
}

/// `a, b, c` in English, `a、b、c` in Japanese.
pub fn list(ctx: &Ctx, items: impl IntoIterator<Item = String>) -> String {
    let separator = match ctx.locale {
        sosei_core::Locale::Ja => "、",
        sosei_core::Locale::En => ", ",
    };
    items.into_iter().collect::<Vec<_>>().join(separator)
}

/// Every Fluent id this module builds from a value, for the translation test.
#[cfg(test)]
pub fn generated_message_ids() -> Vec<String> {
    let mut ids: Vec<String> = ProgrammeStatus::ALL
        .iter()
        .map(|status| programme_status_message_id(*status))
        .collect();
    for status in ApplicationStatus::ALL {
        ids.push(application_status_message_id(*status));
        ids.push(format!(
            "coordinate-application-action-{}",
            status.as_str().replace('_', "-")
        ));
    }
    for status in ProgrammeStatus::ALL {
        ids.push(format!("coordinate-status-action-{}", status.as_str()));
    }
    for requirement in DietaryRequirement::ALL {
        ids.push(format!(
            "coordinate-diet-{}",
            requirement.as_str().replace('_', "-")
        ));
    }
    for kind in DeliverableKind::ALL {
        ids.push(format!("coordinate-deliverable-{}", kind.as_str()));
    }
    ids
}
