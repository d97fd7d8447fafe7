//! Statuses, language levels and team needs in natural words, in the reader's language:
//! 「タイ語が話せる人（B1以上）1名以上」, "At least 1 person who speaks Thai (B1 or above)".

use fluent_templates::fluent_bundle::FluentValue;
use sosei_core::application::ApplicationStatus;
use sosei_core::participant_profile::DietaryRequirement;
use sosei_core::programme::JapaneseSpeakerRule;
use sosei_core::programme::after::{
    DeliverableKind, DeliverableLocation, NewDeliverable, ReferenceDirection,
};
use sosei_core::programme::team::{TeamNeed, TeamSize};
use sosei_core::{LanguageCode, LanguageLevel, Locale, ProgrammeStatus, Skill, SkillSlug};

use crate::i18n::t_args;

/// The Fluent id of a programme status (`programmes-status-open`).
pub fn programme_status_id(status: ProgrammeStatus) -> &'static str {
    match status {
        ProgrammeStatus::Draft => "programmes-status-draft",
        ProgrammeStatus::Open => "programmes-status-open",
        ProgrammeStatus::Closed => "programmes-status-closed",
        ProgrammeStatus::Running => "programmes-status-running",
        ProgrammeStatus::Completed => "programmes-status-completed",
    }
}

/// The Fluent id of an application status, said to the applicant.
pub fn application_status_id(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Submitted => "programmes-application-submitted",
        ApplicationStatus::Shortlisted => "programmes-application-shortlisted",
        ApplicationStatus::Offered => "programmes-application-offered",
        ApplicationStatus::Accepted => "programmes-application-accepted",
        ApplicationStatus::Declined => "programmes-application-declined",
        ApplicationStatus::Completed => "programmes-application-completed",
        ApplicationStatus::NoShow => "programmes-application-no-show",
        ApplicationStatus::Withdrawn => "programmes-application-withdrawn",
    }
}

pub fn deliverable_kind_id(kind: DeliverableKind) -> &'static str {
    match kind {
        DeliverableKind::Leaflet => "programmes-deliverable-leaflet",
        DeliverableKind::Report => "programmes-deliverable-report",
        DeliverableKind::Video => "programmes-deliverable-video",
        DeliverableKind::Review => "programmes-deliverable-review",
        DeliverableKind::Translation => "programmes-deliverable-translation",
    }
}

pub fn reference_direction_id(direction: ReferenceDirection) -> &'static str {
    match direction {
        ReferenceDirection::HostAboutParticipant => "programmes-reference-host-about-participant",
        ReferenceDirection::ParticipantAboutHost => "programmes-reference-participant-about-host",
    }
}

/// The Fluent id of a dietary requirement (`programmes-diet-no-pork`).
pub fn dietary_requirement_id(requirement: DietaryRequirement) -> String {
    format!("programmes-diet-{}", requirement.as_str().replace('_', "-"))
}

/// A level as people write it: `B1`, `N2`, 「ネイティブ」.
pub fn level_name(locale: Locale, level: LanguageLevel) -> String {
    match level {
        LanguageLevel::Native => crate::i18n::t(locale, "programmes-level-native"),
        other => other.as_str().to_ascii_uppercase(),
    }
}

/// A language and a level: 「タイ語（ネイティブ）」, "Thai (native)".
pub fn language_skill_words(
    locale: Locale,
    language: LanguageCode,
    level: LanguageLevel,
) -> String {
    t_args(
        locale,
        "wording-language-skill",
        &[
            ("language", FluentValue::from(language.name(locale))),
            ("level", level_name(locale, level).into()),
        ],
    )
}

/// What follows a deliverable's title: its language, and the file's type and size or that it is
/// recorded only: 「（英語・記録のみ）」, " (English; recorded only)".
pub fn deliverable_details(locale: Locale, details: &NewDeliverable) -> String {
    let language = FluentValue::from(details.language.name(locale));
    match &details.location {
        DeliverableLocation::Link(_) => t_args(
            locale,
            "wording-deliverable-link",
            &[("language", language)],
        ),
        DeliverableLocation::File(file) => t_args(
            locale,
            "wording-deliverable-file",
            &[
                ("language", language),
                ("file", crate::uploads::describe_file(locale, file).into()),
            ],
        ),
        DeliverableLocation::Offline => t_args(
            locale,
            "wording-deliverable-offline",
            &[("language", language)],
        ),
    }
}

/// A skill's label from the taxonomy, or its short name when it is not there.
pub fn skill_label(locale: Locale, skills: &[Skill], slug: &SkillSlug) -> String {
    skills
        .iter()
        .find(|skill| &skill.slug == slug)
        .map(|skill| skill.label.text(locale).to_owned())
        .filter(|label| !label.is_empty())
        .unwrap_or_else(|| slug.as_str().to_owned())
}

/// One need in a sentence.
pub fn need_sentence(locale: Locale, skills: &[Skill], need: &TeamNeed) -> String {
    match need {
        TeamNeed::Skill { skill, at_least } => t_args(
            locale,
            "programmes-need-skill",
            &[
                (
                    "skill",
                    FluentValue::from(skill_label(locale, skills, skill)),
                ),
                ("count", at_least.get().into()),
            ],
        ),
        TeamNeed::Language {
            language,
            minimum_level,
            at_least,
        } => {
            let id = if *minimum_level == LanguageLevel::Native {
                "programmes-need-language-native"
            } else {
                "programmes-need-language"
            };
            t_args(
                locale,
                id,
                &[
                    ("language", FluentValue::from(language.name(locale))),
                    ("level", level_name(locale, *minimum_level).into()),
                    ("count", at_least.get().into()),
                ],
            )
        }
    }
}

/// The Japanese-speaker rule in a sentence.
pub fn japanese_rule_sentence(locale: Locale, rule: &JapaneseSpeakerRule) -> String {
    t_args(
        locale,
        "programmes-japanese-rule",
        &[
            ("level", level_name(locale, rule.minimum_level).into()),
            ("count", rule.at_least_per_team.get().into()),
        ],
    )
}

/// A team's size: 「3〜5人」, "3 to 5 people" (or one number when both are equal).
pub fn team_size_sentence(locale: Locale, size: TeamSize) -> String {
    if size.min() == size.max() {
        t_args(
            locale,
            "programmes-team-size-exact",
            &[("count", size.max().into())],
        )
    } else {
        t_args(
            locale,
            "programmes-team-size",
            &[("min", size.min().into()), ("max", size.max().into())],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sosei_core::LanguageCode;
    use sosei_core::programme::team::NeedCount;

    fn thai_speaker() -> TeamNeed {
        TeamNeed::Language {
            language: LanguageCode::parse("th").expect("thai"),
            minimum_level: LanguageLevel::B1,
            at_least: NeedCount::ONE,
        }
    }

    #[test]
    fn needs_read_as_sentences_in_both_languages() {
        assert_eq!(
            need_sentence(Locale::Ja, &[], &thai_speaker()),
            "タイ語が話せる人（B1以上）1名以上"
        );
        assert_eq!(
            need_sentence(Locale::En, &[], &thai_speaker()),
            "At least 1 person who speaks Thai (B1 or above)"
        );
        let designers = TeamNeed::Skill {
            skill: SkillSlug::parse("graphic-design").expect("slug"),
            at_least: NeedCount::new(2).expect("count"),
        };
        let skills = sosei_core::skill::built_in_skills();
        assert_eq!(
            need_sentence(Locale::En, &skills, &designers),
            "At least 2 people (skill: Graphic design)"
        );
        assert_eq!(
            need_sentence(Locale::Ja, &skills, &designers),
            "グラフィックデザインができる人2名以上"
        );
        let one_designer = TeamNeed::Skill {
            skill: SkillSlug::parse("graphic-design").expect("slug"),
            at_least: NeedCount::ONE,
        };
        assert_eq!(
            need_sentence(Locale::En, &skills, &one_designer),
            "At least 1 person (skill: Graphic design)"
        );
    }

    #[test]
    fn the_japanese_rule_agrees_in_number() {
        let rule = |count| JapaneseSpeakerRule {
            minimum_level: LanguageLevel::N3,
            at_least_per_team: NeedCount::new(count).expect("count"),
        };
        assert_eq!(
            japanese_rule_sentence(Locale::En, &rule(1)),
            "Every team includes at least one person who speaks Japanese at N3 or above."
        );
        assert_eq!(
            japanese_rule_sentence(Locale::En, &rule(2)),
            "Every team includes at least 2 people who speak Japanese at N3 or above."
        );
        assert_eq!(
            japanese_rule_sentence(Locale::Ja, &rule(1)),
            "どのチームにも、日本語が話せる人（N3以上）が1名以上入ります。"
        );
    }

    #[test]
    fn deliverables_name_their_language_once() {
        use sosei_core::programme::after::WebLink;
        let leaflet = |location| NewDeliverable {
            programme: sosei_core::ProgrammeId(1),
            title: sosei_core::LocalizedText::new("下川町 PR リーフレット", "Shimokawa leaflet"),
            kind: DeliverableKind::Leaflet,
            language: LanguageCode::ENGLISH,
            location,
            added_by: sosei_core::UserId(1),
        };
        let printed = leaflet(DeliverableLocation::Offline);
        assert_eq!(
            deliverable_details(Locale::Ja, &printed),
            "（英語・記録のみ）"
        );
        assert_eq!(
            deliverable_details(Locale::En, &printed),
            " (English; recorded only)"
        );
        let linked = leaflet(DeliverableLocation::Link(
            WebLink::parse("https://example.jp/leaflet.pdf").expect("a link"),
        ));
        assert_eq!(deliverable_details(Locale::Ja, &linked), "（英語）");
        assert_eq!(deliverable_details(Locale::En, &linked), " (English)");
    }

    #[test]
    fn a_need_and_its_status_read_as_one_phrase() {
        let status = |locale, met: &str| {
            t_args(
                locale,
                "wording-need-status",
                &[
                    ("need", need_sentence(locale, &[], &thai_speaker()).into()),
                    ("status", crate::i18n::t(locale, met).into()),
                    ("covered", 1.into()),
                    ("required", 1.into()),
                ],
            )
        };
        assert_eq!(
            status(Locale::Ja, "matching-need-met"),
            "タイ語が話せる人（B1以上）1名以上：充足（1/1）"
        );
        assert_eq!(
            status(Locale::En, "matching-need-met"),
            "At least 1 person who speaks Thai (B1 or above): met (1 of 1)"
        );
    }

    #[test]
    fn language_skills_use_full_width_brackets_in_japanese() {
        let thai = LanguageCode::parse("th").expect("thai");
        assert_eq!(
            language_skill_words(Locale::Ja, thai, LanguageLevel::Native),
            "タイ語（ネイティブ）"
        );
        assert_eq!(
            language_skill_words(Locale::En, thai, LanguageLevel::B1),
            "Thai (B1)"
        );
    }

    #[test]
    fn every_status_and_diet_has_words() {
        for status in ApplicationStatus::ALL {
            let words = crate::i18n::t(Locale::Ja, application_status_id(*status));
            assert!(!words.contains("Unknown localization"), "{words}");
        }
        for requirement in DietaryRequirement::ALL {
            let words = crate::i18n::t(Locale::En, &dietary_requirement_id(*requirement));
            assert!(!words.contains("Unknown localization"), "{words}");
        }
    }
}
