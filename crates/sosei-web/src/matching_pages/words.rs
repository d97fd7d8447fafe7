//! The matcher's results in the reader's language: needs, one-line explanations and the
//! diagnosis of an infeasible round, built from the matcher's structured data (its own
//! explanation strings are English; they are shown only where nothing structured exists).

use std::collections::BTreeMap;

use fluent_templates::fluent_bundle::FluentValue;
use sosei_core::programme::JapaneseSpeakerRule;
use sosei_core::programme::team::{NeedCount, TeamNeed};
use sosei_core::{CountryCode, LanguageCode, Locale, Skill, SkillSlug};
use sosei_matching::{InfeasibleRequirement, MatchProblem, Need};

use super::problem::{core_level, team_figures};
use crate::i18n::{t, t_args};
use crate::programmes::words::{japanese_rule_sentence, level_name, need_sentence, skill_label};

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

/// A need (or the Japanese-speaker rule) in a sentence: 「タイ語が話せる人（B1以上）1名以上」.
pub(crate) fn need_words(locale: Locale, skills: &[Skill], need: &Need, from_rule: bool) -> String {
    if from_rule && let Need::Language { min_level, .. } = need {
        let rule = JapaneseSpeakerRule {
            minimum_level: core_level(*min_level),
            at_least_per_team: NeedCount::new(u8::try_from(need.at_least()).unwrap_or(1))
                .unwrap_or(NeedCount::ONE),
        };
        return japanese_rule_sentence(locale, &rule);
    }
    match stored_need(need) {
        Some(stored) => need_sentence(locale, skills, &stored),
        None => need.describe(),
    }
}

/// What one person brings toward a need: 「グラフィックデザイン」, 「タイ語（B1以上）」.
fn need_short(locale: Locale, skills: &[Skill], need: &Need) -> String {
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
            &[("needs", met.join(separator(locale)).into())],
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
            &[("country", only.join("/").into())],
        ));
    }
    parts.push(t_args(
        locale,
        "matching-explain-nationalities",
        &[("count", figures.nationalities.len().into())],
    ));
    parts.join(separator(locale))
}

/// One unmet requirement of an infeasible round, in words.
pub(crate) struct RequirementWords {
    pub sentence: String,
    pub relaxations: Vec<String>,
    /// The matcher's own English text, shown when the requirement has no structured reading.
    pub english_detail: Option<String>,
}

/// The need of `team` that the matcher labels `label`, with whether it is the Japanese rule.
fn need_labelled<'a>(
    problem: &'a MatchProblem,
    team: &str,
    label: &str,
) -> Option<(&'a Need, bool)> {
    let programme = problem
        .programmes
        .iter()
        .find(|p| p.teams.iter().any(|t| t.id == team))?;
    let own = programme.teams.iter().find(|t| t.id == team)?;
    if let Some(need) = own.needs.iter().find(|n| n.describe() == label) {
        return Some((need, false));
    }
    None
}

/// The diagnosis of one requirement in the reader's language.
pub(crate) fn requirement_words(
    locale: Locale,
    labels: &Labels,
    problem: &MatchProblem,
    requirement: &InfeasibleRequirement,
) -> RequirementWords {
    let available = requirement.available;
    let team = requirement.team.as_deref();
    let programme_name = requirement
        .programme
        .as_deref()
        .map(|p| labels.programme(p).to_owned())
        .unwrap_or_default();
    let invite = t_args(
        locale,
        "matching-relax-invite",
        &[("programme", programme_name.clone().into())],
    );
    let min_size = requirement
        .requirement
        .strip_prefix("min size ")
        .filter(|rest| rest.bytes().all(|b| b.is_ascii_digit()));
    if let (Some(team), Some(_)) = (team, min_size) {
        return RequirementWords {
            sentence: t_args(
                locale,
                "matching-diagnosis-min-size",
                &[
                    ("team", labels.team(team).to_owned().into()),
                    ("required", requirement.required.into()),
                    ("available", available.into()),
                ],
            ),
            relaxations: vec![
                t_args(
                    locale,
                    "matching-relax-lower-min-size",
                    &[("available", available.into())],
                ),
                invite,
            ],
            english_detail: None,
        };
    }
    let japanese_rule = requirement
        .requirement
        .strip_prefix("Japanese-speaker rule: ");
    let found = team.and_then(|team| {
        let rule = japanese_rule.and_then(|_| {
            let programme = problem
                .programmes
                .iter()
                .find(|p| p.teams.iter().any(|t| t.id == team))?;
            programme.japanese_speaker.map(|rule| {
                (
                    Need::Language {
                        language: "ja".to_owned(),
                        min_level: rule.min_level,
                        at_least: rule.at_least,
                    },
                    true,
                )
            })
        });
        rule.or_else(|| {
            need_labelled(problem, team, &requirement.requirement).map(|(n, r)| (n.clone(), r))
        })
        .map(|(need, from_rule)| (team, need, from_rule))
    });
    if let Some((team, need, from_rule)) = found {
        let mut relaxations = vec![t_args(
            locale,
            "matching-relax-lower-count",
            &[("available", available.into())],
        )];
        if let Need::Language { min_level, .. } = &need
            && let Some(lower) = min_level.one_step_lower()
        {
            relaxations.push(t_args(
                locale,
                "matching-relax-lower-level",
                &[("level", level_name(locale, core_level(lower)).into())],
            ));
        }
        relaxations.push(invite);
        return RequirementWords {
            sentence: t_args(
                locale,
                "matching-diagnosis-need",
                &[
                    ("team", labels.team(team).to_owned().into()),
                    (
                        "need",
                        need_words(locale, &labels.skills, &need, from_rule).into(),
                    ),
                    ("available", available.into()),
                ],
            ),
            relaxations,
            english_detail: None,
        };
    }
    RequirementWords {
        sentence: t_args(
            locale,
            "matching-diagnosis-other",
            &[(
                "place",
                team.map_or(programme_name, |t| labels.team(t).to_owned())
                    .into(),
            )],
        ),
        relaxations: requirement.relaxations.clone(),
        english_detail: Some(requirement.message.clone()),
    }
}
