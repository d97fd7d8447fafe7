//! Why a round cannot be solved, and what would make it solvable.
//!
//! First cheap counting conditions that every feasible round meets (each is necessary, so a
//! failed one proves infeasibility): enough candidates for each team's minimum size and each
//! need, for the needs and minimums of all teams of a programme together (a person joins at
//! most one team of a programme), under the nationality cap, and locks that agree with the
//! rules. When those pass but the solver still finds no assignment, the families of rules are
//! dropped one at a time and the integer program re-solved, to name the family to relax.

use serde::{Deserialize, Serialize};

use crate::model::Model;
use crate::outcome::need_label;
use crate::reasons::{Relaxation, Requirement};

/// Which check found the problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosisSource {
    /// A counting condition every feasible round meets (proof of infeasibility).
    Counting,
    /// The integer program is infeasible; dropping the named family makes it feasible.
    SolverRelaxation,
    /// The local search found no assignment meeting every rule (the round may still be
    /// feasible: the integer program was too large to settle it).
    Heuristic,
}

/// One unmet requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InfeasibleRequirement {
    pub programme: Option<String>,
    pub team: Option<String>,
    /// "1 × th speaker at B1+", "min size 4", "lock".
    pub requirement: String,
    pub required: u32,
    pub available: u32,
    /// "team yame-1 needs 1 × th speaker at B1+; only 0 applicants who ranked yame and are
    /// free on its dates meet it".
    pub message: String,
    /// Changes that would make this requirement satisfiable (the English of `fixes`).
    pub relaxations: Vec<String>,
    /// What the requirement is, as data (`requirement` and `message` are its English).
    pub detail: Requirement,
    /// The changes of `relaxations`, as data.
    pub fixes: Vec<Relaxation>,
}

impl InfeasibleRequirement {
    /// A requirement whose `requirement` label and `relaxations` are rendered from `detail` and
    /// `fixes`.
    pub(crate) fn new(
        programme: Option<String>,
        team: Option<String>,
        detail: Requirement,
        (required, available): (u32, u32),
        message: String,
        fixes: Vec<Relaxation>,
    ) -> InfeasibleRequirement {
        InfeasibleRequirement {
            programme,
            team,
            requirement: detail.english_label(),
            required,
            available,
            message,
            relaxations: fixes.iter().map(Relaxation::english).collect(),
            detail,
            fixes,
        }
    }
}

/// What blocks the round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    pub source: DiagnosisSource,
    pub requirements: Vec<InfeasibleRequirement>,
}

impl std::fmt::Display for Diagnosis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self
            .requirements
            .iter()
            .map(|r| {
                if r.relaxations.is_empty() {
                    r.message.clone()
                } else {
                    format!("{} (to fix: {})", r.message, r.relaxations.join(", or "))
                }
            })
            .collect();
        f.write_str(&lines.join("; "))
    }
}

/// The counting conditions (empty when all hold).
pub(crate) fn counting_diagnosis(model: &Model<'_>) -> Vec<InfeasibleRequirement> {
    let problem = model.problem;
    let mut found = Vec::new();
    for (t, team) in model.teams.iter().enumerate() {
        let p = team.programme;
        let programme_id = &problem.programmes[p].id;
        let team_id = model.team_id(t);
        let candidates = team.candidates.len() as u32;
        let pool = format!(
            "applicants who ranked {programme_id}, are free on its dates and not held elsewhere"
        );
        if candidates < team.min_size {
            found.push(InfeasibleRequirement::new(
                Some(programme_id.clone()),
                Some(team_id.to_owned()),
                Requirement::MinSize {
                    min_size: team.min_size,
                },
                (team.min_size, candidates),
                format!(
                    "team {team_id} needs at least {} members; only {candidates} {pool}",
                    team.min_size
                ),
                vec![
                    Relaxation::LowerMinSize {
                        team: team_id.to_owned(),
                        to: candidates,
                    },
                    Relaxation::InviteApplicants {
                        programme: programme_id.clone(),
                    },
                ],
            ));
        }
        if let Some(cap) = team.max_per_nationality {
            // Each selected person counts toward at least one nationality (or is stateless).
            let mut per_nationality: Vec<(usize, u32)> = Vec::new();
            let mut stateless = 0u32;
            for &(a, _) in &team.candidates {
                if model.applicants[a].nationalities.is_empty() {
                    stateless += 1;
                }
                for &n in &model.applicants[a].nationalities {
                    match per_nationality.binary_search_by_key(&n, |(m, _)| *m) {
                        Ok(i) => per_nationality[i].1 += 1,
                        Err(i) => per_nationality.insert(i, (n, 1)),
                    }
                }
            }
            let reachable = stateless
                + per_nationality
                    .iter()
                    .map(|(_, c)| (*c).min(cap))
                    .sum::<u32>();
            if reachable < team.min_size && candidates >= team.min_size {
                found.push(InfeasibleRequirement::new(
                    Some(programme_id.clone()),
                    Some(team_id.to_owned()),
                    Requirement::MinSizeUnderCap {
                        min_size: team.min_size,
                        cap,
                    },
                    (team.min_size, reachable),
                    format!(
                        "team {team_id} needs at least {} members but with at most {cap} per \
                         nationality only {reachable} of its candidates can join",
                        team.min_size
                    ),
                    vec![
                        Relaxation::RaiseNationalityCap {
                            programme: programme_id.clone(),
                        },
                        Relaxation::LowerMinSize {
                            team: team_id.to_owned(),
                            to: reachable,
                        },
                    ],
                ));
            }
        }
        for (k, need) in team.needs.iter().enumerate() {
            let meeting = team
                .candidates
                .iter()
                .filter(|&&(a, o)| model.applicants[a].options[o].need_mask & (1 << k) != 0)
                .count() as u32;
            let required = need.need.at_least();
            if meeting < required {
                let label = need_label(model, t, k);
                let mut fixes = vec![Relaxation::LowerCount { to: meeting }];
                if let crate::Need::Language { min_level, .. } = &need.need
                    && let Some(lower) = min_level.one_step_lower()
                {
                    fixes.push(Relaxation::AcceptLevel { level: lower });
                }
                fixes.push(Relaxation::InviteApplicants {
                    programme: programme_id.clone(),
                });
                found.push(InfeasibleRequirement::new(
                    Some(programme_id.clone()),
                    Some(team_id.to_owned()),
                    Requirement::Need {
                        need: need.need.clone(),
                        japanese_rule: need.from_japanese_rule,
                    },
                    (required, meeting),
                    format!("team {team_id} needs {label}; only {meeting} {pool} meet it"),
                    fixes,
                ));
            }
        }
        let locked = model
            .applicants
            .iter()
            .filter(|a| a.locked_teams.contains(&t))
            .count() as u32;
        if team.max_size < locked {
            found.push(InfeasibleRequirement::new(
                Some(programme_id.clone()),
                Some(team_id.to_owned()),
                Requirement::TooManyLocked {
                    max_size: team.max_size,
                    locked,
                },
                (team.max_size, team.max_size),
                format!("more people are locked into {team_id} than its max size"),
                vec![
                    Relaxation::RaiseMaxSize {
                        team: team_id.to_owned(),
                    },
                    Relaxation::RemoveLock { applicant: None },
                ],
            ));
        }
    }
    found.extend(programme_totals(model));
    found.extend(lock_conflicts(model));
    found
}

/// Needs and minimum sizes of all of a programme's teams together.
fn programme_totals(model: &Model<'_>) -> Vec<InfeasibleRequirement> {
    let mut found = Vec::new();
    for (p, programme) in model.programmes.iter().enumerate() {
        if programme.teams.len() < 2 {
            continue;
        }
        let programme_id = &model.problem.programmes[p].id;
        let mut candidates: Vec<usize> = programme
            .teams
            .iter()
            .flat_map(|&t| model.teams[t].candidates.iter().map(|&(a, _)| a))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let total_min: u32 = programme
            .teams
            .iter()
            .map(|&t| model.teams[t].min_size)
            .sum();
        if (candidates.len() as u32) < total_min {
            found.push(InfeasibleRequirement::new(
                Some(programme_id.clone()),
                None,
                Requirement::ProgrammeMinSizes { total: total_min },
                (total_min, candidates.len() as u32),
                format!(
                    "the teams of {programme_id} need {total_min} members together; only {} \
                     applicants can join it",
                    candidates.len()
                ),
                vec![
                    Relaxation::LowerProgrammeMinSizes {
                        programme: programme_id.clone(),
                    },
                    Relaxation::FewerTeams {
                        programme: programme_id.clone(),
                    },
                ],
            ));
        }
        // The same need in several teams: each member counts for one team only.
        let mut needs: Vec<(&crate::Need, u32, Vec<usize>)> = Vec::new();
        for &t in &programme.teams {
            let team = &model.teams[t];
            for (k, need) in team.needs.iter().enumerate() {
                let key = &need.need;
                let index = match needs.iter().position(|(n, _, _)| same_requirement(n, key)) {
                    Some(i) => i,
                    None => {
                        needs.push((key, 0, Vec::new()));
                        needs.len() - 1
                    }
                };
                needs[index].1 += key.at_least();
                needs[index].2.extend(
                    team.candidates
                        .iter()
                        .filter(|&&(a, o)| model.applicants[a].options[o].need_mask & (1 << k) != 0)
                        .map(|&(a, _)| a),
                );
            }
        }
        for (need, required, mut meeting) in needs {
            meeting.sort_unstable();
            meeting.dedup();
            let available = meeting.len() as u32;
            if available < required {
                let label = need.describe_one();
                let mut total = need.clone();
                match &mut total {
                    crate::Need::Skill { at_least, .. }
                    | crate::Need::Language { at_least, .. } => *at_least = required,
                }
                found.push(InfeasibleRequirement::new(
                    Some(programme_id.clone()),
                    None,
                    Requirement::ProgrammeNeed { need: total },
                    (required, available),
                    format!(
                        "the teams of {programme_id} need {required} × {label} together; only \
                         {available} applicants who can join it meet it"
                    ),
                    vec![
                        Relaxation::LowerProgrammeCounts { to: available },
                        Relaxation::FewerTeams {
                            programme: programme_id.clone(),
                        },
                    ],
                ));
            }
        }
    }
    found
}

/// Whether two needs ask for the same kind of person (counts aside).
fn same_requirement(a: &crate::Need, b: &crate::Need) -> bool {
    use crate::Need::*;
    match (a, b) {
        (Skill { skill: x, .. }, Skill { skill: y, .. }) => x == y,
        (
            Language {
                language: x,
                min_level: l,
                ..
            },
            Language {
                language: y,
                min_level: m,
                ..
            },
        ) => x == y && l.rank() == m.rank(),
        _ => false,
    }
}

/// Locks that break a rule by themselves.
fn lock_conflicts(model: &Model<'_>) -> Vec<InfeasibleRequirement> {
    let problem = model.problem;
    let mut found = Vec::new();
    for (a, applicant) in model.applicants.iter().enumerate() {
        let who = &problem.applicants[a].id;
        let mut conflict = |programme: &str, detail: Requirement, message: String| {
            found.push(InfeasibleRequirement::new(
                Some(programme.to_owned()),
                None,
                detail,
                (1, 0),
                message,
                vec![Relaxation::RemoveLock {
                    applicant: Some(who.clone()),
                }],
            ))
        };
        for (i, &t) in applicant.locked_teams.iter().enumerate() {
            let programme = &problem.programmes[model.teams[t].programme];
            let person = &problem.applicants[a];
            if !person.availability.is_empty()
                && !person
                    .availability
                    .iter()
                    .any(|w| w.covers(&programme.dates))
            {
                conflict(
                    &programme.id,
                    Requirement::LockNotAvailable {
                        applicant: who.clone(),
                        team: model.team_id(t).to_owned(),
                    },
                    format!(
                        "{who} is locked into {} but not free on {}'s dates",
                        model.team_id(t),
                        programme.id
                    ),
                );
            }
            let excluded = problem.locks.iter().any(|lock| {
                matches!(lock, crate::Lock::Exclude { applicant: x, programme: y } if x == who && *y == programme.id)
            });
            if excluded {
                conflict(
                    &programme.id,
                    Requirement::LockExcluded {
                        applicant: who.clone(),
                    },
                    format!(
                        "{who} is both locked into and excluded from {}",
                        programme.id
                    ),
                );
            }
            for &other in &applicant.locked_teams[i + 1..] {
                if !model.compatible_teams(t, other) {
                    conflict(
                        &programme.id,
                        Requirement::LockConflict {
                            applicant: who.clone(),
                            team: model.team_id(t).to_owned(),
                            other_team: model.team_id(other).to_owned(),
                        },
                        format!(
                            "{who} is locked into both {} and {}",
                            model.team_id(t),
                            model.team_id(other)
                        ),
                    );
                }
            }
        }
    }
    found
}
