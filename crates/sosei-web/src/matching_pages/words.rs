//! The matcher's results in the reader's language: needs and the one-line explanation of each
//! placement (built from the team as it is now). The matcher's structured reasons (unplaced,
//! blocking pairs, diagnoses) are worded in `reason_words`.

use std::collections::BTreeMap;

use fluent_templates::fluent_bundle::FluentValue;
use sosei_core::programme::team::{NeedCount, TeamNeed};
use sosei_core::{CountryCode, LanguageCode, Locale, Skill, SkillSlug};
use sosei_matching::{MatchProblem, Need};

use super::problem::{core_level, team_figures};
use crate::i18n::{t, t_args};
use crate::programmes::words::{level_name, need_sentence, skill_label};

/// Names for the ids in a problem, in both languages where they have two.
#[derive(Debug, Clone, Default)]
pub(crate) struct Labels {
    /// Team key → name in the reader's language.
    pub teams: BTreeMap<String, String>,
    /// Programme key → title in the reader's language.
    pub programmes: BTreeMap<String, String>,
    /// Applicant key → name.
    pub people: BTreeMap<String, String>,
    pub skills: Vec<Skill>,
}

impl Labels {
    pub fn team<'a>(&'a self, key: &'a str) -> &'a str {
        self.teams.get(key).map_or(key, String::as_str)
    }
    pub fn programme<'a>(&'a self, key: &'a str) -> &'a str {
        self.programmes.get(key).map_or(key, String::as_str)
    }
    pub fn person<'a>(&'a self, key: &'a str) -> &'a str {
        self.people.get(key).map_or(key, String::as_str)
    }
}

/// A matcher need as the stored need it came from (None if it cannot be read back).
fn stored_need(need: &Need) -> Option<TeamNeed> {
    let at_least = NeedCount::new(u8::try_from(need.at_least()).ok()?).ok()?;
    Some(match need {
        Need::Skill { skill, .. } => TeamNeed::Skill {
            skill: SkillSlug::parse(skill).ok()?,
            at_least,
        },
        Need::Language {
            language,
            min_level,
            ..
        } => TeamNeed::Language {
            language: LanguageCode::parse(language).ok()?,
            minimum_level: core_level(*min_level),
            at_least,
        },
    })
}

/// A need (or the Japanese-speaker rule) as a phrase: 「タイ語が話せる人（B1以上）1名以上」.
/// The Japanese-speaker rule reads like any other need here (it is one item of a list, or
/// quoted inside a sentence), not as the programme page's full sentence.
pub(crate) fn need_words(locale: Locale, skills: &[Skill], need: &Need, from_rule: bool) -> String {
    if from_rule && let Need::Language { min_level, .. } = need {
        let as_need = TeamNeed::Language {
            language: LanguageCode::JAPANESE,
            minimum_level: core_level(*min_level),
            at_least: NeedCount::new(u8::try_from(need.at_least()).unwrap_or(1))
                .unwrap_or(NeedCount::ONE),
        };
        return need_sentence(locale, skills, &as_need);
    }
    match stored_need(need) {
        Some(stored) => need_sentence(locale, skills, &stored),
        None => need.describe(),
    }
}

/// What one person brings toward a need: 「グラフィックデザイン」, 「タイ語（B1以上）」.
pub(crate) fn need_short(locale: Locale, skills: &[Skill], need: &Need) -> String {
    match need {
        Need::Skill { skill, .. } => match SkillSlug::parse(skill) {
            Ok(slug) => skill_label(locale, skills, &slug),
            Err(_) => skill.clone(),
        },
        Need::Language {
            language,
            min_level,
            ..
        } => {
            let name = LanguageCode::parse(language)
                .map(|code| code.name(locale).to_owned())
                .unwrap_or_else(|_| language.clone());
            t_args(
                locale,
                "matching-explain-need-language",
                &[
                    ("language", FluentValue::from(name)),
                    ("level", level_name(locale, core_level(*min_level)).into()),
                ],
            )
        }
    }
}

/// A country's name from its code (the code itself when unknown).
pub(crate) fn country_name(locale: Locale, code: &str) -> String {
    CountryCode::parse(code)
        .map(|c| c.name(locale).to_owned())
        .unwrap_or_else(|_| code.to_owned())
}

fn separator(locale: Locale) -> &'static str {
    match locale {
        Locale::Ja => "、",
        Locale::En => "; ",
    }
}

/// One line on why `applicant` is in `team` with `members` (the team as it is now): their choice,
/// whether it is locked, the needs they meet and what they add to the team's diversity.
pub(crate) fn placement_explanation(
    locale: Locale,
    labels: &Labels,
    problem: &MatchProblem,
    applicant: &str,
    team: &str,
    members: &[String],
    locked: bool,
) -> String {
    let Some(person) = problem.applicants.iter().find(|a| a.id == applicant) else {
        return t(locale, "matching-explain-unknown");
    };
    let programme = problem
        .programmes
        .iter()
        .find(|p| p.teams.iter().any(|t| t.id == team));
    let rank = programme.and_then(|p| person.preferences.iter().position(|x| *x == p.id));
    let mut parts = vec![match rank {
        Some(index) => t_args(
            locale,
            "matching-explain-rank",
            &[("rank", (index + 1).into())],
        ),
        None => t(locale, "matching-explain-unranked"),
    }];
    if locked {
        parts.push(t(locale, "matching-explain-locked"));
    }
    let figures = team_figures(problem, team, members);
    let met: Vec<String> = figures
        .needs
        .iter()
        .filter(|(need, _, _)| need.is_met_by(person))
        .map(|(need, _, _)| need_short(locale, &labels.skills, need))
        .collect();
    if !met.is_empty() {
        parts.push(t_args(
            locale,
            "matching-explain-covers",
            &[(
                "needs",
                crate::i18n::format_list(locale, crate::i18n::ListStyle::And, &met).into(),
            )],
        ));
    }
    let only: Vec<String> = person
        .nationalities
        .iter()
        .filter(|n| {
            members
                .iter()
                .filter_map(|m| problem.applicants.iter().find(|a| &a.id == m))
                .filter(|a| a.nationalities.contains(n))
                .count()
                == 1
        })
        .map(|n| country_name(locale, n))
        .collect();
    if !only.is_empty() {
        parts.push(t_args(
            locale,
            "matching-explain-only-nationality",
            &[(
                "country",
                crate::i18n::format_list(locale, crate::i18n::ListStyle::Or, &only).into(),
            )],
        ));
    }
    parts.push(t_args(
        locale,
        "matching-explain-nationalities",
        &[("count", figures.nationalities.len().into())],
    ));
    parts.join(separator(locale))
}

/// An application's status in the coordinators' words (「参加を打診中」), the messages the
/// coordinator's application pages use.
pub(crate) fn status_words(
    locale: Locale,
    status: sosei_core::application::ApplicationStatus,
) -> String {
    t(
        locale,
        &format!(
            "coordinate-application-{}",
            status.as_str().replace('_', "-")
        ),
    )
}
