//! The output: a [`MatchOutcome`] with per-team coverage and diversity and one line of
//! explanation per placement and per unplaced applicant.

use serde::{Deserialize, Serialize};

use crate::check::Violation;
use crate::model::Model;
use crate::problem::preference_value;
use crate::reasons::{BlockingReason, UnplacedReason};

/// Which algorithm produced the assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// microlp's branch and bound on the integer program (optimal when `proven_optimal`).
    Exact,
    /// Greedy construction and local search.
    LocalSearch,
    /// Applicant-proposing deferred acceptance (stable, blind to needs and diversity).
    DeferredAcceptance,
    /// The naive baseline: first choice with a free seat, in input order.
    Greedy,
}

/// Where `bound` comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoundSource {
    /// microlp's proven bound from branch and bound (LP relaxations of the open nodes).
    IntegerProgram,
    /// The Lagrangian dual bound (see the crate docs).
    Lagrangian,
}

/// The objective split into its weighted parts (they add up to `objective`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveParts {
    pub preference: f64,
    pub skill_fit: f64,
    pub diversity: f64,
}

/// One person in one team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub applicant: String,
    pub programme: String,
    pub team: String,
    /// Rank of the programme in the applicant's list (1 = first choice); None if placed by a lock
    /// in a programme they did not rank.
    pub rank: Option<u32>,
    pub locked: bool,
    pub explanation: String,
}

/// Someone left without a place, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unplaced {
    pub applicant: String,
    /// The English of `reason`.
    pub explanation: String,
    pub reason: UnplacedReason,
}

/// How far one need is met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NeedCoverage {
    /// "1 × th speaker at B1+"; the Japanese-speaker rule reads "Japanese-speaker rule: …".
    pub need: String,
    pub required: u32,
    pub covered: u32,
    pub met: bool,
}

/// One team as formed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamReport {
    pub team: String,
    pub programme: String,
    pub members: Vec<String>,
    pub size: u32,
    pub min_size: u32,
    pub max_size: u32,
    pub needs: Vec<NeedCoverage>,
    /// Distinct nationalities, sorted.
    pub nationalities: Vec<String>,
    pub distinct_nationalities: u32,
    /// Blau's index 1 − Σ pₙ², pₙ the share of nationality n among the members' nationalities
    /// (a person with two counts toward each); 0 for an empty or one-nationality team.
    pub blau_index: f64,
}

/// Figures for the whole round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub applicants: u32,
    pub placed: u32,
    /// Share of all applicants placed in their first choice.
    pub first_choice_share: f64,
    /// Mean rank of the placements in a ranked programme (1 = all first choices).
    pub mean_rank: Option<f64>,
    /// Mean distinct nationalities over teams with at least one member.
    pub mean_distinct_nationalities: f64,
    pub mean_blau_index: f64,
}

/// An (applicant, programme) pair that would both rather have each other, by a swap that keeps
/// every hard rule (see the crate docs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BlockingPair {
    pub applicant: String,
    pub programme: String,
    /// The team of `programme` the applicant would join (empty in outcomes stored before this
    /// field existed).
    #[serde(default)]
    pub team: String,
    /// The English of the fields below.
    pub explanation: String,
    /// The applicant's rank of `programme` (1 = first choice).
    pub rank: u32,
    /// The rank of the applicant's placement (with several, the least preferred); None when
    /// they have none.
    pub placement_rank: Option<u32>,
    pub reason: BlockingReason,
}

/// The matcher's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchOutcome {
    pub method: Method,
    pub proven_optimal: bool,
    /// The wall-clock limit cut the run short (the result may then differ between runs).
    pub time_limit_reached: bool,
    pub objective: f64,
    pub objective_parts: ObjectiveParts,
    /// An upper bound on the best objective any assignment can reach.
    pub bound: Option<f64>,
    pub bound_source: Option<BoundSource>,
    /// (bound − objective) / bound.
    pub gap: Option<f64>,
    /// By applicant (input order), then programme.
    pub placements: Vec<Placement>,
    pub unplaced: Vec<Unplaced>,
    /// In input order.
    pub teams: Vec<TeamReport>,
    pub blocking_pairs: Vec<BlockingPair>,
    /// Hard rules the assignment breaks: always empty except for deferred acceptance and the
    /// greedy baseline, which do not pursue needs, minimum sizes and (DA) nationality caps.
    pub violations: Vec<Violation>,
    pub summary: Summary,
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub(crate) fn need_label(model: &Model<'_>, t: usize, k: usize) -> String {
    let need = &model.teams[t].needs[k];
    if need.from_japanese_rule {
        format!("Japanese-speaker rule: {}", need.need.describe())
    } else {
        need.need.describe()
    }
}

/// Assemble the outcome for an assignment; bound, method and the like are filled by the caller.
pub(crate) fn build_outcome(
    model: &Model<'_>,
    teams_of: &[Vec<usize>],
    method: Method,
) -> MatchOutcome {
    let problem = model.problem;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); model.teams.len()];
    for (a, teams) in teams_of.iter().enumerate() {
        for &t in teams {
            members[t].push(a);
        }
    }
    let weights = problem.weights;
    let mut parts = ObjectiveParts {
        preference: 0.0,
        skill_fit: 0.0,
        diversity: 0.0,
    };
    let mut teams = Vec::with_capacity(model.teams.len());
    let mut need_counts: Vec<Vec<u32>> = Vec::with_capacity(model.teams.len());
    for (t, team) in model.teams.iter().enumerate() {
        let counts: Vec<u32> = (0..team.needs.len())
            .map(|k| {
                members[t]
                    .iter()
                    .filter(|&&a| {
                        model
                            .option(a, t)
                            .is_some_and(|o| o.need_mask & (1 << k) != 0)
                    })
                    .count() as u32
            })
            .collect();
        let mut nationality_counts: Vec<(usize, u32)> = Vec::new();
        for &a in &members[t] {
            for &n in &model.applicants[a].nationalities {
                match nationality_counts.binary_search_by_key(&n, |(m, _)| *m) {
                    Ok(i) => nationality_counts[i].1 += 1,
                    Err(i) => nationality_counts.insert(i, (n, 1)),
                }
            }
        }
        let total: u32 = nationality_counts.iter().map(|(_, c)| c).sum();
        let blau_index = if total == 0 {
            0.0
        } else {
            1.0 - nationality_counts
                .iter()
                .map(|(_, c)| (f64::from(*c) / f64::from(total)).powi(2))
                .sum::<f64>()
        };
        parts.diversity += weights.diversity * nationality_counts.len() as f64;
        teams.push(TeamReport {
            team: model.team_id(t).to_owned(),
            programme: model.programme_id_of_team(t).to_owned(),
            members: members[t]
                .iter()
                .map(|&a| problem.applicants[a].id.clone())
                .collect(),
            size: members[t].len() as u32,
            min_size: team.min_size,
            max_size: team.max_size,
            needs: team
                .needs
                .iter()
                .enumerate()
                .map(|(k, need)| NeedCoverage {
                    need: need_label(model, t, k),
                    required: need.need.at_least(),
                    covered: counts[k],
                    met: counts[k] >= need.need.at_least(),
                })
                .collect(),
            nationalities: nationality_counts
                .iter()
                .map(|(n, _)| model.nationality_names[*n].clone())
                .collect(),
            distinct_nationalities: nationality_counts.len() as u32,
            blau_index,
        });
        need_counts.push(counts);
    }

    let mut placements = Vec::new();
    let mut unplaced = Vec::new();
    let mut first_choices = 0u32;
    let mut rank_sum = 0u64;
    let mut ranked_placements = 0u32;
    for (a, applicant_teams) in teams_of.iter().enumerate() {
        if applicant_teams.is_empty() {
            let reason = crate::explain::why_unplaced(model, a, &members);
            unplaced.push(Unplaced {
                applicant: problem.applicants[a].id.clone(),
                explanation: reason.english(),
                reason,
            });
            continue;
        }
        for &t in applicant_teams {
            let option = model.option(a, t);
            let rank = option.and_then(|o| o.rank);
            let need_mask = option.map_or(0, |o| o.need_mask);
            parts.preference += weights.preference * preference_value(rank);
            if !model.teams[t].needs.is_empty() {
                parts.skill_fit += weights.skill_fit * f64::from(need_mask.count_ones())
                    / model.teams[t].needs.len() as f64;
            }
            if rank == Some(1) {
                first_choices += 1;
            }
            if let Some(r) = rank {
                rank_sum += u64::from(r);
                ranked_placements += 1;
            }
            let locked = model.applicants[a].locked_teams.contains(&t);
            let mut explanation = match (rank, locked) {
                (Some(r), false) => format!("{} choice", ordinal(r)),
                (Some(r), true) => format!("{} choice, locked by a coordinator", ordinal(r)),
                (None, _) => "placed by a coordinator's lock (not in their list)".to_owned(),
            };
            crate::explain::describe_contribution(
                model,
                a,
                t,
                need_mask,
                &need_counts[t],
                &members[t],
                &mut explanation,
            );
            placements.push(Placement {
                applicant: problem.applicants[a].id.clone(),
                programme: model.programme_id_of_team(t).to_owned(),
                team: model.team_id(t).to_owned(),
                rank,
                locked,
                explanation,
            });
        }
    }
    let formed: Vec<&TeamReport> = teams.iter().filter(|t| t.size > 0).collect();
    let n_applicants = problem.applicants.len() as u32;
    let summary = Summary {
        applicants: n_applicants,
        placed: teams_of.iter().filter(|t| !t.is_empty()).count() as u32,
        first_choice_share: if n_applicants == 0 {
            0.0
        } else {
            f64::from(first_choices) / f64::from(n_applicants)
        },
        mean_rank: (ranked_placements > 0).then(|| rank_sum as f64 / f64::from(ranked_placements)),
        mean_distinct_nationalities: mean(
            formed.iter().map(|t| f64::from(t.distinct_nationalities)),
        ),
        mean_blau_index: mean(formed.iter().map(|t| t.blau_index)),
    };
    MatchOutcome {
        method,
        proven_optimal: false,
        time_limit_reached: false,
        objective: crate::state::objective_of(model, teams_of),
        objective_parts: parts,
        bound: None,
        bound_source: None,
        gap: None,
        placements,
        unplaced,
        teams,
        blocking_pairs: crate::blocking::blocking_pairs(model, teams_of),
        violations: Vec::new(),
        summary,
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, count) = values.fold((0.0, 0usize), |(s, c), v| (s + v, c + 1));
    if count == 0 { 0.0 } else { sum / count as f64 }
}

/// Relative gap between an objective and an upper bound (0 when the bound is met).
pub(crate) fn relative_gap(objective: f64, bound: f64) -> f64 {
    if bound.abs() < 1e-12 {
        0.0
    } else {
        ((bound - objective) / bound.abs()).max(0.0)
    }
}
