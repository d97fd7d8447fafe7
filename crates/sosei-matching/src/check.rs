//! An independent check of every hard rule on an outcome, written against the problem as given
//! (not the solvers' indexed model), so a bug in one cannot hide in the other.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::problem::{Lock, MatchProblem};
use crate::{MatchOutcome, Need};

/// Which rule is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    UnknownId,
    TeamSize,
    Availability,
    NotRanked,
    Excluded,
    LockNotKept,
    OnePlacement,
    OverlappingProgrammes,
    TeamNeed,
    JapaneseSpeaker,
    NationalityCap,
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Violation {
    pub rule: Rule,
    pub message: String,
}

fn violation(rule: Rule, message: String) -> Violation {
    Violation { rule, message }
}

/// Every hard rule `outcome`'s placements break for `problem` (empty: all hold).
pub fn check_hard_constraints(problem: &MatchProblem, outcome: &MatchOutcome) -> Vec<Violation> {
    let mut violations = Vec::new();
    let applicants: BTreeMap<&str, &crate::Applicant> =
        problem.applicants.iter().map(|a| (&*a.id, a)).collect();
    let programmes: BTreeMap<&str, &crate::Programme> =
        problem.programmes.iter().map(|p| (&*p.id, p)).collect();
    let mut team_members: BTreeMap<&str, Vec<&crate::Applicant>> = problem
        .programmes
        .iter()
        .flat_map(|p| p.teams.iter().map(|t| (&*t.id, Vec::new())))
        .collect();
    let mut placements_of: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();

    for placement in &outcome.placements {
        let (Some(applicant), Some(programme)) = (
            applicants.get(&*placement.applicant),
            programmes.get(&*placement.programme),
        ) else {
            violations.push(violation(
                Rule::UnknownId,
                format!(
                    "placement of '{}' in '{}'",
                    placement.applicant, placement.programme
                ),
            ));
            continue;
        };
        if !programme.teams.iter().any(|t| t.id == placement.team) {
            violations.push(violation(
                Rule::UnknownId,
                format!("'{}' is not a team of '{}'", placement.team, programme.id),
            ));
            continue;
        }
        if let Some(members) = team_members.get_mut(&*placement.team) {
            members.push(applicant);
        }
        placements_of
            .entry(&applicant.id)
            .or_default()
            .push((&programme.id, &placement.team));
        let who = &applicant.id;
        let available = applicant.availability.is_empty()
            || applicant
                .availability
                .iter()
                .any(|w| w.covers(&programme.dates));
        if !available {
            violations.push(violation(
                Rule::Availability,
                format!("{who} is not free on all of {}'s dates", programme.id),
            ));
        }
        let locked_here = problem.locks.iter().any(|lock| {
            matches!(lock, Lock::Place { applicant: a, team } if a == who && *team == placement.team)
        });
        if !locked_here && !applicant.preferences.contains(&programme.id) {
            violations.push(violation(
                Rule::NotRanked,
                format!("{who} did not rank {}", programme.id),
            ));
        }
        let excluded = problem.locks.iter().any(|lock| {
            matches!(lock, Lock::Exclude { applicant: a, programme: p } if a == who && *p == programme.id)
        });
        if excluded {
            violations.push(violation(
                Rule::Excluded,
                format!("{who} is excluded from {}", programme.id),
            ));
        }
    }

    for lock in &problem.locks {
        if let Lock::Place { applicant, team } = lock {
            let kept = placements_of
                .get(&**applicant)
                .is_some_and(|list| list.iter().any(|(_, t)| *t == team));
            if !kept {
                violations.push(violation(
                    Rule::LockNotKept,
                    format!("{applicant} is locked into {team} but not placed there"),
                ));
            }
        }
    }

    for (who, list) in &placements_of {
        if !problem.options.allow_multiple_placements && list.len() > 1 {
            violations.push(violation(
                Rule::OnePlacement,
                format!("{who} has {} placements", list.len()),
            ));
            continue;
        }
        for (i, (p1, _)) in list.iter().enumerate() {
            for (p2, _) in &list[i + 1..] {
                let (d1, d2) = (programmes[p1].dates, programmes[p2].dates);
                if p1 == p2 || d1.overlaps(&d2) {
                    violations.push(violation(
                        Rule::OverlappingProgrammes,
                        format!("{who} is in {p1} and {p2}, whose dates overlap"),
                    ));
                }
            }
        }
    }

    for programme in &problem.programmes {
        for team in &programme.teams {
            let members = &team_members[&*team.id];
            let size = members.len() as u32;
            if size < team.min_size || size > team.max_size {
                violations.push(violation(
                    Rule::TeamSize,
                    format!(
                        "{} has {size} members (allowed {}–{})",
                        team.id, team.min_size, team.max_size
                    ),
                ));
            }
            let mut needs: Vec<(Rule, Need)> = team
                .needs
                .iter()
                .map(|n| (Rule::TeamNeed, n.clone()))
                .collect();
            if let Some(rule) = programme.japanese_speaker {
                needs.push((
                    Rule::JapaneseSpeaker,
                    Need::Language {
                        language: "ja".to_owned(),
                        min_level: rule.min_level,
                        at_least: rule.at_least,
                    },
                ));
            }
            for (rule, need) in needs {
                let covered = members.iter().filter(|a| need.is_met_by(a)).count() as u32;
                if covered < need.at_least() {
                    violations.push(violation(
                        rule,
                        format!("{} needs {} and has {covered}", team.id, need.describe()),
                    ));
                }
            }
            if let Some(cap) = programme.max_per_nationality {
                let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
                for member in members {
                    let distinct: BTreeSet<&str> =
                        member.nationalities.iter().map(|n| &**n).collect();
                    for n in distinct {
                        *counts.entry(n).or_default() += 1;
                    }
                }
                for (n, count) in counts {
                    if count > cap {
                        violations.push(violation(
                            Rule::NationalityCap,
                            format!("{} has {count} members of {n} (cap {cap})", team.id),
                        ));
                    }
                }
            }
        }
    }
    violations.sort();
    violations
}
