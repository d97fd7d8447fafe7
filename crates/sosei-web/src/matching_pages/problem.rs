//! From stored programmes, teams, applications, profiles and assignments to a
//! [`sosei_matching::MatchProblem`], and back from the matcher's placements to team assignments.
//! Pure: plain data in, plain data out.
//!
//! # Who takes part
//! - Applications in the round's programmes that are **submitted** or **shortlisted** are the
//!   applicant's ranked preferences (ordered by the applicant's own rank).
//! - An applicant with an **offered** or **accepted** application in the round is committed to
//!   it: their preferences are only that programme (their other applications of the round are
//!   left out), and when they already have a team they are locked into it (`Lock::Place`).
//! - Every other status (declined, withdrawn, completed, no-show) is left out.
//! - Locked team assignments become `Lock::Place`.
//! - An application a coordinator excluded (`Store::exclude_from_matching`) becomes
//!   `Lock::Exclude` from its programme, so every run leaves it out until it is included again.
//!
//! # Ids in the problem
//! Applicants are `a{user id}`, programmes `p{programme id}`, teams `t{team id}`.
//!
//! # Coordinators' scores and nationality caps
//! A programme ranks applicants by the coordinator's review score (1–5, none = 0). The matcher
//! takes one nationality cap per programme while teams store their own: the strictest cap of the
//! programme's teams is used, so no team's cap is ever exceeded.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use sosei_core::application::{Application, ApplicationStatus};
use sosei_core::participant_profile::NewParticipantProfile;
use sosei_core::programme::matching::{MatchWeights, TeamAssignment};
use sosei_core::programme::team::{Team, TeamNeed};
use sosei_core::{ApplicationId, Programme, ProgrammeId, TeamId, UserId};
use sosei_matching as matcher;
use sosei_matching::{Diagnosis, MatchOutcome, MatchProblem};

/// One programme of the round with its teams.
#[derive(Debug, Clone)]
pub struct ProgrammeWithTeams {
    pub programme: Programme,
    pub teams: Vec<Team>,
}

/// Everything the round reads from the store.
#[derive(Debug, Clone)]
pub struct RoundInputs {
    pub programmes: Vec<ProgrammeWithTeams>,
    /// Every application of the round's programmes (any status).
    pub applications: Vec<Application>,
    /// Applicants' profiles; someone without a profile has no stated languages, skills or
    /// nationalities and no limit on availability.
    pub profiles: BTreeMap<UserId, NewParticipantProfile>,
    /// The current team assignments of the round's programmes.
    pub assignments: Vec<TeamAssignment>,
    /// Applications a coordinator keeps out of matching.
    pub excluded: BTreeSet<ApplicationId>,
    pub weights: MatchWeights,
    pub method: matcher::MethodChoice,
}

pub fn applicant_key(user: UserId) -> String {
    format!("a{}", user.0)
}

pub fn programme_key(programme: ProgrammeId) -> String {
    format!("p{}", programme.0)
}

pub fn team_key(team: TeamId) -> String {
    format!("t{}", team.0)
}

fn id_from_key(key: &str, prefix: char) -> Option<i64> {
    key.strip_prefix(prefix)?.parse().ok()
}

pub fn user_from_key(key: &str) -> Option<UserId> {
    id_from_key(key, 'a').map(UserId)
}

pub fn programme_from_key(key: &str) -> Option<ProgrammeId> {
    id_from_key(key, 'p').map(ProgrammeId)
}

pub fn team_from_key(key: &str) -> Option<TeamId> {
    id_from_key(key, 't').map(TeamId)
}

/// The matcher's level for a stored level (the two scales are the same).
pub fn matcher_level(level: sosei_core::LanguageLevel) -> matcher::LanguageLevel {
    use sosei_core::LanguageLevel as Core;
    use sosei_matching::LanguageLevel as M;
    match level {
        Core::A1 => M::A1,
        Core::A2 => M::A2,
        Core::B1 => M::B1,
        Core::B2 => M::B2,
        Core::C1 => M::C1,
        Core::C2 => M::C2,
        Core::N5 => M::N5,
        Core::N4 => M::N4,
        Core::N3 => M::N3,
        Core::N2 => M::N2,
        Core::N1 => M::N1,
        Core::Native => M::Native,
    }
}

/// The stored level for a matcher level.
pub fn core_level(level: matcher::LanguageLevel) -> sosei_core::LanguageLevel {
    sosei_core::LanguageLevel::ALL
        .into_iter()
        .find(|core| matcher_level(*core) == level)
        .unwrap_or(sosei_core::LanguageLevel::Native)
}

fn iso_date(date: time::Date) -> Result<matcher::IsoDate, matcher::IsoDateError> {
    matcher::IsoDate::parse(&format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    ))
}

fn date_range(
    start: time::Date,
    end: time::Date,
) -> Result<matcher::DateRange, matcher::IsoDateError> {
    Ok(matcher::DateRange {
        start: iso_date(start)?,
        end: iso_date(end)?,
    })
}

/// A stored need as the matcher's need.
pub fn matcher_need(need: &TeamNeed) -> matcher::Need {
    match need {
        TeamNeed::Skill { skill, at_least } => matcher::Need::Skill {
            skill: skill.as_str().to_owned(),
            at_least: u32::from(at_least.get()),
        },
        TeamNeed::Language {
            language,
            minimum_level,
            at_least,
        } => matcher::Need::Language {
            language: language.as_str().to_owned(),
            min_level: matcher_level(*minimum_level),
            at_least: u32::from(at_least.get()),
        },
    }
}

fn is_candidate(status: ApplicationStatus) -> bool {
    matches!(
        status,
        ApplicationStatus::Submitted | ApplicationStatus::Shortlisted
    )
}

fn is_committed(status: ApplicationStatus) -> bool {
    matches!(
        status,
        ApplicationStatus::Offered | ApplicationStatus::Accepted
    )
}

/// The applications the round uses, per applicant: their committed ones when they have any,
/// otherwise their submitted and shortlisted ones, by the applicant's rank.
pub fn considered_applications(
    applications: &[Application],
) -> BTreeMap<UserId, Vec<&Application>> {
    let mut by_user: BTreeMap<UserId, Vec<&Application>> = BTreeMap::new();
    for application in applications {
        if is_candidate(application.status) || is_committed(application.status) {
            by_user
                .entry(application.applicant)
                .or_default()
                .push(application);
        }
    }
    for list in by_user.values_mut() {
        if list.iter().any(|a| is_committed(a.status)) {
            list.retain(|a| is_committed(a.status));
        }
        list.sort_by_key(|a| (a.rank, a.id));
    }
    by_user
}

/// Why a round could not be turned into a problem (stored dates the matcher cannot read).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a stored date could not be read: {0}")]
pub struct ConversionError(String);

/// Build the problem for a round.
pub fn build_problem(inputs: &RoundInputs) -> Result<MatchProblem, ConversionError> {
    let date_error = |error: matcher::IsoDateError| ConversionError(error.0);
    let mut programmes = Vec::with_capacity(inputs.programmes.len());
    for entry in &inputs.programmes {
        let programme = &entry.programme;
        programmes.push(matcher::Programme {
            id: programme_key(programme.id),
            dates: date_range(programme.starts_on, programme.ends_on).map_err(date_error)?,
            teams: entry
                .teams
                .iter()
                .map(|team| matcher::Team {
                    id: team_key(team.id),
                    min_size: u32::from(team.spec.size().min()),
                    max_size: u32::from(team.spec.size().max()),
                    needs: team.spec.needs().iter().map(matcher_need).collect(),
                })
                .collect(),
            japanese_speaker: programme.details.japanese_speaker_rule.map(|rule| {
                matcher::JapaneseSpeakerRule {
                    min_level: matcher_level(rule.minimum_level),
                    at_least: u32::from(rule.at_least_per_team.get()),
                }
            }),
            max_per_nationality: entry
                .teams
                .iter()
                .filter_map(|team| team.spec.max_per_nationality())
                .map(|cap| u32::from(cap.get()))
                .min(),
        });
    }
    let considered = considered_applications(&inputs.applications);
    let mut applicants = Vec::with_capacity(considered.len());
    for (user, applications) in &considered {
        let profile = inputs.profiles.get(user);
        let mut availability = Vec::new();
        for window in profile
            .map(|p| p.availability.as_slice())
            .unwrap_or_default()
        {
            availability
                .push(date_range(window.starts_on(), window.ends_on()).map_err(date_error)?);
        }
        applicants.push(matcher::Applicant {
            id: applicant_key(*user),
            nationalities: profile
                .map(|p| {
                    p.nationalities
                        .iter()
                        .map(|c| c.as_str().to_owned())
                        .collect()
                })
                .unwrap_or_default(),
            languages: profile
                .map(|p| {
                    p.languages
                        .iter()
                        .map(|skill| matcher::LanguageSkill {
                            language: skill.language().as_str().to_owned(),
                            level: matcher_level(skill.level()),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            skills: profile
                .map(|p| p.skills.iter().map(|s| s.as_str().to_owned()).collect())
                .unwrap_or_default(),
            availability,
            preferences: applications
                .iter()
                .map(|a| programme_key(a.programme))
                .collect(),
            scores: applications
                .iter()
                .map(|a| {
                    let score = a.review.score.map_or(0.0, |s| f64::from(s.get()));
                    (programme_key(a.programme), score)
                })
                .collect(),
        });
    }
    let used: BTreeMap<ApplicationId, &Application> =
        considered.values().flatten().map(|a| (a.id, *a)).collect();
    let mut locks = BTreeSet::new();
    for assignment in &inputs.assignments {
        let Some(application) = used.get(&assignment.application) else {
            continue;
        };
        if inputs.excluded.contains(&application.id) {
            continue;
        }
        if assignment.locked || is_committed(application.status) {
            locks.insert(matcher::Lock::Place {
                applicant: applicant_key(application.applicant),
                team: team_key(assignment.team),
            });
        }
    }
    for application in used.values() {
        if inputs.excluded.contains(&application.id) {
            locks.insert(matcher::Lock::Exclude {
                applicant: applicant_key(application.applicant),
                programme: programme_key(application.programme),
            });
        }
    }
    Ok(MatchProblem {
        applicants,
        programmes,
        locks: locks.into_iter().collect(),
        weights: matcher::Weights {
            preference: inputs.weights.preference(),
            skill_fit: inputs.weights.skill_fit(),
            diversity: inputs.weights.diversity(),
        },
        options: matcher::MatchOptions {
            method: inputs.method,
            ..matcher::MatchOptions::default()
        },
    })
}

/// The matcher's placements as team assignments to write: each placement's application is the
/// applicant's application to the placement's programme.
pub fn proposal_from_outcome(
    outcome: &MatchOutcome,
    applications: &[Application],
) -> Vec<(ApplicationId, TeamId)> {
    outcome
        .placements
        .iter()
        .filter_map(|placement| {
            let user = user_from_key(&placement.applicant)?;
            let programme = programme_from_key(&placement.programme)?;
            let team = team_from_key(&placement.team)?;
            let application = applications
                .iter()
                .find(|a| a.applicant == user && a.programme == programme)?;
            Some((application.id, team))
        })
        .collect()
}

/// What a run produced, as kept in the round's `outcome_json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredRun {
    /// The exact input, so a round can be solved again (`sosei match`) or audited.
    pub problem: MatchProblem,
    pub result: RunResult,
    /// The deferred-acceptance comparison, when the coordinator asked for it.
    #[serde(default)]
    pub deferred_acceptance: Option<MatchOutcome>,
}

/// The matcher's answer for the round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RunResult {
    Solved { outcome: Box<MatchOutcome> },
    Infeasible { diagnosis: Diagnosis },
    Invalid { message: String },
}

/// Solve the problem (and the deferred-acceptance comparison when `compare` is set).
pub fn run(problem: MatchProblem, compare: bool) -> StoredRun {
    let result = match matcher::solve(&problem) {
        Ok(outcome) => RunResult::Solved {
            outcome: Box::new(outcome),
        },
        Err(matcher::MatchError::Infeasible(diagnosis)) => RunResult::Infeasible { diagnosis },
        Err(matcher::MatchError::InvalidProblem { message }) => RunResult::Invalid { message },
    };
    let deferred_acceptance = compare
        .then(|| {
            let mut stable = problem.clone();
            stable.options.method = matcher::MethodChoice::DeferredAcceptance;
            matcher::solve(&stable).ok()
        })
        .flatten();
    StoredRun {
        problem,
        result,
        deferred_acceptance,
    }
}

/// A team's figures for its current members (after moves by hand): each need with how many
/// members meet it, the distinct nationalities and Blau's index.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamFigures {
    /// The team's needs, then the Japanese-speaker rule (flagged `true`), with members meeting it.
    pub needs: Vec<(matcher::Need, bool, u32)>,
    pub nationalities: Vec<String>,
    pub blau_index: f64,
}

/// Figures for `members` (applicant keys) of team `team` of `problem`.
pub fn team_figures(problem: &MatchProblem, team: &str, members: &[String]) -> TeamFigures {
    let programme = problem
        .programmes
        .iter()
        .find(|p| p.teams.iter().any(|t| t.id == team));
    let mut needs: Vec<(matcher::Need, bool)> = programme
        .and_then(|p| p.teams.iter().find(|t| t.id == team))
        .map(|t| t.needs.iter().map(|n| (n.clone(), false)).collect())
        .unwrap_or_default();
    if let Some(rule) = programme.and_then(|p| p.japanese_speaker) {
        needs.push((
            matcher::Need::Language {
                language: "ja".to_owned(),
                min_level: rule.min_level,
                at_least: rule.at_least,
            },
            true,
        ));
    }
    let people: Vec<&matcher::Applicant> = members
        .iter()
        .filter_map(|m| problem.applicants.iter().find(|a| &a.id == m))
        .collect();
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for person in &people {
        for nationality in &person.nationalities {
            *counts.entry(nationality.as_str()).or_default() += 1;
        }
    }
    let total: u32 = counts.values().sum();
    let blau_index = if total == 0 {
        0.0
    } else {
        1.0 - counts
            .values()
            .map(|c| (f64::from(*c) / f64::from(total)).powi(2))
            .sum::<f64>()
    };
    TeamFigures {
        needs: needs
            .into_iter()
            .map(|(need, from_rule)| {
                let covered = people.iter().filter(|p| need.is_met_by(p)).count() as u32;
                (need, from_rule, covered)
            })
            .collect(),
        nationalities: counts.keys().map(|n| (*n).to_owned()).collect(),
        blau_index,
    }
}
