//! The problem checked and turned into indices: who may go to which team, with what value.
//! Every collection here is ordered (input order or sorted ids), so nothing depends on hashing.

use std::collections::BTreeMap;

use crate::MatchError;
use crate::problem::{MatchProblem, Need, preference_value};

/// A team's need as the solvers see it (the Japanese-speaker rule becomes one more need).
#[derive(Debug, Clone)]
pub(crate) struct TeamNeed {
    pub need: Need,
    pub from_japanese_rule: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct TeamModel {
    pub programme: usize,
    pub min_size: u32,
    pub max_size: u32,
    pub needs: Vec<TeamNeed>,
    pub max_per_nationality: Option<u32>,
    /// (applicant, index into that applicant's options), by applicant index.
    pub candidates: Vec<(usize, usize)>,
}

/// One team an applicant may join.
#[derive(Debug, Clone)]
pub(crate) struct TeamOption {
    pub team: usize,
    /// 1-based rank of the team's programme in the applicant's list (None: placed by a lock).
    pub rank: Option<u32>,
    /// Which of the team's needs the applicant meets (bit k = need k).
    pub need_mask: u64,
    /// weight.preference × preference value + weight.skill_fit × share of needs met.
    pub value: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct ApplicantModel {
    /// Nationality indices, sorted, without repeats.
    pub nationalities: Vec<usize>,
    /// Eligible teams, by team index.
    pub options: Vec<TeamOption>,
    /// Teams the applicant is locked into, by team index.
    pub locked_teams: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct ProgrammeModel {
    pub teams: Vec<usize>,
    /// Other programmes whose dates share a day with this one.
    pub overlapping: Vec<usize>,
}

/// The indexed problem.
#[derive(Debug, Clone)]
pub(crate) struct Model<'p> {
    pub problem: &'p MatchProblem,
    pub nationality_names: Vec<String>,
    pub applicants: Vec<ApplicantModel>,
    pub teams: Vec<TeamModel>,
    pub programmes: Vec<ProgrammeModel>,
    pub diversity_weight: f64,
    pub allow_multiple_placements: bool,
}

fn invalid(message: String) -> MatchError {
    MatchError::InvalidProblem { message }
}

fn index_ids<'a>(
    what: &str,
    ids: impl Iterator<Item = &'a str>,
) -> Result<BTreeMap<&'a str, usize>, MatchError> {
    let mut index = BTreeMap::new();
    for (i, id) in ids.enumerate() {
        if id.is_empty() {
            return Err(invalid(format!("a {what} has an empty id")));
        }
        if index.insert(id, i).is_some() {
            return Err(invalid(format!("{what} id '{id}' appears twice")));
        }
    }
    Ok(index)
}

impl<'p> Model<'p> {
    /// Check the problem and index it.
    pub fn build(problem: &'p MatchProblem) -> Result<Model<'p>, MatchError> {
        validate_numbers(problem)?;
        let applicant_index = index_ids("applicant", problem.applicants.iter().map(|a| &*a.id))?;
        let programme_index = index_ids("programme", problem.programmes.iter().map(|p| &*p.id))?;
        let team_index = index_ids(
            "team",
            problem
                .programmes
                .iter()
                .flat_map(|p| p.teams.iter().map(|t| &*t.id)),
        )?;

        let mut teams = Vec::new();
        let mut programmes = Vec::new();
        for (programme_idx, programme) in problem.programmes.iter().enumerate() {
            if programme.dates.end < programme.dates.start {
                return Err(invalid(format!(
                    "programme '{}' ends before it starts",
                    programme.id
                )));
            }
            let mut team_ids = Vec::new();
            for team in &programme.teams {
                if team.min_size > team.max_size {
                    return Err(invalid(format!(
                        "team '{}' has min_size {} above max_size {}",
                        team.id, team.min_size, team.max_size
                    )));
                }
                let mut needs: Vec<TeamNeed> = team
                    .needs
                    .iter()
                    .map(|need| TeamNeed {
                        need: need.clone(),
                        from_japanese_rule: false,
                    })
                    .collect();
                if let Some(rule) = programme.japanese_speaker {
                    needs.push(TeamNeed {
                        need: Need::Language {
                            language: "ja".to_owned(),
                            min_level: rule.min_level,
                            at_least: rule.at_least,
                        },
                        from_japanese_rule: true,
                    });
                }
                if needs.len() > 64 {
                    return Err(invalid(format!(
                        "team '{}' has more than 64 needs",
                        team.id
                    )));
                }
                team_ids.push(teams.len());
                teams.push(TeamModel {
                    programme: programme_idx,
                    min_size: team.min_size,
                    max_size: team.max_size,
                    needs,
                    max_per_nationality: programme.max_per_nationality,
                    candidates: Vec::new(),
                });
            }
            let overlapping = problem
                .programmes
                .iter()
                .enumerate()
                .filter(|(other_idx, other)| {
                    *other_idx != programme_idx && other.dates.overlaps(&programme.dates)
                })
                .map(|(other_idx, _)| other_idx)
                .collect();
            programmes.push(ProgrammeModel {
                teams: team_ids,
                overlapping,
            });
        }

        let mut locked_teams = vec![Vec::new(); problem.applicants.len()];
        let mut excluded = vec![Vec::new(); problem.applicants.len()];
        for lock in &problem.locks {
            match lock {
                crate::Lock::Place { applicant, team } => {
                    let a = *applicant_index.get(&**applicant).ok_or_else(|| {
                        invalid(format!("a lock names unknown applicant '{applicant}'"))
                    })?;
                    let t = *team_index
                        .get(&**team)
                        .ok_or_else(|| invalid(format!("a lock names unknown team '{team}'")))?;
                    if !locked_teams[a].contains(&t) {
                        locked_teams[a].push(t);
                    }
                }
                crate::Lock::Exclude {
                    applicant,
                    programme,
                } => {
                    let a = *applicant_index.get(&**applicant).ok_or_else(|| {
                        invalid(format!("a lock names unknown applicant '{applicant}'"))
                    })?;
                    let p = *programme_index.get(&**programme).ok_or_else(|| {
                        invalid(format!("a lock names unknown programme '{programme}'"))
                    })?;
                    excluded[a].push(p);
                }
            }
        }

        let nationality_names: Vec<String> = {
            let mut names: Vec<String> = problem
                .applicants
                .iter()
                .flat_map(|a| a.nationalities.iter().cloned())
                .collect();
            names.sort();
            names.dedup();
            names
        };
        let weights = problem.weights;
        let mut applicants = Vec::with_capacity(problem.applicants.len());
        for (a, applicant) in problem.applicants.iter().enumerate() {
            let mut nationalities: Vec<usize> = applicant
                .nationalities
                .iter()
                .filter_map(|n| nationality_names.binary_search(n).ok())
                .collect();
            nationalities.sort_unstable();
            nationalities.dedup();
            let mut rank_of_programme = BTreeMap::new();
            for (position, programme_id) in applicant.preferences.iter().enumerate() {
                let p = *programme_index.get(&**programme_id).ok_or_else(|| {
                    invalid(format!(
                        "applicant '{}' ranks unknown programme '{programme_id}'",
                        applicant.id
                    ))
                })?;
                if rank_of_programme.insert(p, position as u32 + 1).is_some() {
                    return Err(invalid(format!(
                        "applicant '{}' ranks programme '{programme_id}' twice",
                        applicant.id
                    )));
                }
            }
            locked_teams[a].sort_unstable();
            let locked_programmes: Vec<usize> = locked_teams[a]
                .iter()
                .map(|&t| teams[t].programme)
                .collect();
            let mut options = Vec::new();
            for (t, team) in teams.iter().enumerate() {
                let p = team.programme;
                let is_locked_here = locked_teams[a].contains(&t);
                let programme = &problem.programmes[p];
                let available = applicant.availability.is_empty()
                    || applicant
                        .availability
                        .iter()
                        .any(|window| window.covers(&programme.dates));
                let blocked_by_lock = !is_locked_here
                    && locked_programmes.iter().any(|&lp| {
                        lp == p
                            || !problem.options.allow_multiple_placements
                            || programmes[lp].overlapping.contains(&p)
                    });
                let rank = rank_of_programme.get(&p).copied();
                let eligible = is_locked_here
                    || (rank.is_some()
                        && available
                        && !excluded[a].contains(&p)
                        && !blocked_by_lock);
                if !eligible {
                    continue;
                }
                let mut need_mask = 0u64;
                for (k, team_need) in team.needs.iter().enumerate() {
                    if team_need.need.is_met_by(applicant) {
                        need_mask |= 1 << k;
                    }
                }
                let fit = if team.needs.is_empty() {
                    0.0
                } else {
                    f64::from(need_mask.count_ones()) / team.needs.len() as f64
                };
                options.push(TeamOption {
                    team: t,
                    rank,
                    need_mask,
                    value: weights.preference * preference_value(rank) + weights.skill_fit * fit,
                });
            }
            applicants.push(ApplicantModel {
                nationalities,
                options,
                locked_teams: locked_teams[a].clone(),
            });
        }
        for (a, applicant) in applicants.iter().enumerate() {
            for (option_idx, option) in applicant.options.iter().enumerate() {
                teams[option.team].candidates.push((a, option_idx));
            }
        }
        Ok(Model {
            problem,
            nationality_names,
            applicants,
            teams,
            programmes,
            diversity_weight: weights.diversity,
            allow_multiple_placements: problem.options.allow_multiple_placements,
        })
    }

    /// The option of applicant `a` for team `t`, if eligible.
    pub fn option(&self, a: usize, t: usize) -> Option<&TeamOption> {
        let options = &self.applicants[a].options;
        options
            .binary_search_by_key(&t, |o| o.team)
            .ok()
            .map(|i| &options[i])
    }

    /// Whether one person may hold placements in both teams at once.
    pub fn compatible_teams(&self, t1: usize, t2: usize) -> bool {
        if !self.allow_multiple_placements {
            return false;
        }
        let (p1, p2) = (self.teams[t1].programme, self.teams[t2].programme);
        p1 != p2 && !self.programmes[p1].overlapping.contains(&p2)
    }

    pub fn team_id(&self, t: usize) -> &str {
        let p = self.teams[t].programme;
        let position = self.programmes[p]
            .teams
            .iter()
            .position(|&x| x == t)
            .unwrap_or(0);
        &self.problem.programmes[p].teams[position].id
    }

    pub fn programme_id_of_team(&self, t: usize) -> &str {
        &self.problem.programmes[self.teams[t].programme].id
    }
}

fn validate_numbers(problem: &MatchProblem) -> Result<(), MatchError> {
    let w = problem.weights;
    for (name, value) in [
        ("preference", w.preference),
        ("skill_fit", w.skill_fit),
        ("diversity", w.diversity),
    ] {
        if !value.is_finite() || value < 0.0 {
            return Err(invalid(format!(
                "weight '{name}' must be a finite number ≥ 0"
            )));
        }
    }
    let limit = problem.options.time_limit_seconds;
    if !limit.is_finite() || limit <= 0.0 {
        return Err(invalid("time_limit_seconds must be above 0".to_owned()));
    }
    for applicant in &problem.applicants {
        for window in &applicant.availability {
            if window.end < window.start {
                return Err(invalid(format!(
                    "applicant '{}' has an availability window that ends before it starts",
                    applicant.id
                )));
            }
        }
        if applicant.scores.values().any(|s| !s.is_finite()) {
            return Err(invalid(format!(
                "applicant '{}' has a score that is not a finite number",
                applicant.id
            )));
        }
    }
    Ok(())
}
