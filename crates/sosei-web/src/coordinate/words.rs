//! Putting the Social Contract's values into words for coordinators. Levels, needs, diets,
//! deliverable kinds and programme statuses use the same words as the public pages
//! (`programmes::words`); only what a coordinator alone sees (application statuses and actions,
//! ranks) has its own.

use maud::{Markup, html};
use sosei_core::application::ApplicationStatus;
use sosei_core::participant_profile::DietaryRequirement;
use sosei_core::programme::after::DeliverableKind;
use sosei_core::programme::team::TeamNeed;
use sosei_core::{LanguageLevel, LanguageSkill, ProgrammeStatus, Skill, SkillSlug};

use crate::context::Ctx;
use crate::programmes::words as shared;

/// The Fluent id naming a programme status (the public pages' words).
pub fn programme_status_message_id(status: ProgrammeStatus) -> String {
    shared::programme_status_id(status).to_owned()
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
    shared::level_name(ctx.locale, level)
}

/// 「タイ語（B1）」 / "Thai (B1)".
pub fn language_skill(ctx: &Ctx, skill: &LanguageSkill) -> String {
    shared::language_skill_words(ctx.locale, skill.language(), skill.level())
}

/// A skill's label from the taxonomy (its slug when the taxonomy no longer has it).
pub fn skill_label(ctx: &Ctx, slug: &SkillSlug, skills: &[Skill]) -> String {
    shared::skill_label(ctx.locale, skills, slug)
}

/// A need in a sentence: 「タイ語が話せる人（B1以上）1名以上」.
pub fn need(ctx: &Ctx, need: &TeamNeed, skills: &[Skill]) -> String {
    shared::need_sentence(ctx.locale, skills, need)
}

/// "1st choice" / "第1希望".
pub fn rank(ctx: &Ctx, rank: u8) -> String {
    crate::i18n::t_args(ctx.locale, "coordinate-rank", &[("rank", rank.into())])
}

pub fn diet(ctx: &Ctx, requirement: DietaryRequirement) -> String {
    ctx.t(&shared::dietary_requirement_id(requirement))
}

pub fn deliverable_kind(ctx: &Ctx, kind: DeliverableKind) -> String {
    ctx.t(shared::deliverable_kind_id(kind))
}

/// `a, b, c` in English, `a、b、c` in Japanese (see [`crate::i18n::format_list`]).
pub fn list(ctx: &Ctx, items: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = items.into_iter().collect();
    crate::i18n::format_list(ctx.locale, crate::i18n::ListStyle::Plain, &items)
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
        ids.push(shared::dietary_requirement_id(*requirement));
    }
    for kind in DeliverableKind::ALL {
        ids.push(shared::deliverable_kind_id(*kind).to_owned());
    }
    ids
}
