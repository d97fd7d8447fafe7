//! The entry points: [`solve`] picks and runs a method; [`greedy_baseline`] is the naive
//! comparator the benchmark measures against.

use std::time::{Duration, Instant};

use crate::bound::lagrangian_bound;
use crate::diagnosis::{Diagnosis, DiagnosisSource, InfeasibleRequirement, counting_diagnosis};
use crate::exact::{ExactResult, Families, solve_exact};
use crate::local_search::solve_by_local_search;
use crate::model::Model;
use crate::outcome::{BoundSource, Method, build_outcome, need_label, relative_gap};
use crate::problem::{MatchProblem, MethodChoice};
use crate::reasons::{Relaxation, Requirement, RuleFamily};
use crate::state::State;
use crate::{MatchError, MatchOutcome, check_hard_constraints};

/// In `auto` mode the integer program is tried when it has at most this many placement
/// variables (eligible applicant–team pairs); larger rounds go to the local search.
pub const EXACT_MAX_VARIABLES: usize = 2_500;
/// Branch-and-bound nodes per integer-program solve (a deterministic work limit).
pub const EXACT_NODE_LIMIT: u64 = 500;

/// Solve a round with the method in `problem.options.method`.
///
/// Errors: [`MatchError::InvalidProblem`] for inconsistent input (unknown or repeated ids…),
/// [`MatchError::Infeasible`] with a [`Diagnosis`] when no assignment meets every hard rule.
pub fn solve(problem: &MatchProblem) -> Result<MatchOutcome, MatchError> {
    let model = Model::build(problem)?;
    let started = Instant::now();
    let time_limit = Duration::from_secs_f64(problem.options.time_limit_seconds);
    let deadline = started + time_limit;
    let counting = counting_diagnosis(&model);
    if !counting.is_empty() {
        return Err(MatchError::Infeasible(Diagnosis {
            source: DiagnosisSource::Counting,
            requirements: counting,
        }));
    }
    if problem.options.method == MethodChoice::DeferredAcceptance {
        let teams_of = crate::deferred::deferred_acceptance(&model);
        let mut outcome = build_outcome(&model, &teams_of, Method::DeferredAcceptance);
        outcome.violations = check_hard_constraints(problem, &outcome);
        let bound = lagrangian_bound(&model, outcome.objective, deadline);
        outcome.time_limit_reached = bound.cut_by_deadline;
        attach_bound(&mut outcome, bound.value, BoundSource::Lagrangian);
        return Ok(outcome);
    }

    let search = solve_by_local_search(&model, problem.options.seed, deadline);
    let search_feasible = search.state.deficits() == 0;
    let n_variables: usize = model.applicants.iter().map(|a| a.options.len()).sum();
    let try_exact = match problem.options.method {
        MethodChoice::Exact => true,
        MethodChoice::Auto => n_variables <= EXACT_MAX_VARIABLES,
        _ => false,
    };
    if try_exact {
        let remaining = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        let warm_start = search_feasible.then_some(&search.state.teams_of[..]);
        match solve_exact(
            &model,
            Families::ALL,
            warm_start,
            EXACT_NODE_LIMIT,
            remaining,
        ) {
            ExactResult::Solved {
                teams_of,
                proven_optimal,
                bound,
                time_limit_reached,
            } => {
                let exact_objective = crate::state::objective_of(&model, &teams_of);
                let search_better =
                    search_feasible && search.state.objective() > exact_objective + 1e-9;
                let chosen = if search_better {
                    &search.state.teams_of
                } else {
                    &teams_of
                };
                let mut outcome = build_outcome(&model, chosen, Method::Exact);
                outcome.time_limit_reached = time_limit_reached || search.time_limit_reached;
                if proven_optimal && !search_better {
                    outcome.proven_optimal = true;
                    let bound = outcome.objective;
                    attach_bound(&mut outcome, bound, BoundSource::IntegerProgram);
                } else {
                    let lagrangian = lagrangian_bound(&model, outcome.objective, deadline);
                    outcome.time_limit_reached |= lagrangian.cut_by_deadline;
                    // The solver's bound counts only if it is one: with several placements
                    // allowed the search has been seen to beat microlp's node-limited "bound".
                    match bound {
                        Some(b) if b < lagrangian.value && b >= outcome.objective - 1e-9 => {
                            attach_bound(&mut outcome, b, BoundSource::IntegerProgram)
                        }
                        _ => attach_bound(&mut outcome, lagrangian.value, BoundSource::Lagrangian),
                    }
                }
                return Ok(outcome);
            }
            ExactResult::Infeasible => {
                return Err(MatchError::Infeasible(diagnose_by_relaxation(
                    &model, deadline,
                )));
            }
            ExactResult::Unsolved if !search_feasible => {
                return Err(MatchError::Infeasible(heuristic_diagnosis(&search.state)));
            }
            ExactResult::Unsolved => {}
        }
    }
    if !search_feasible {
        return Err(MatchError::Infeasible(heuristic_diagnosis(&search.state)));
    }
    let mut outcome = build_outcome(&model, &search.state.teams_of, Method::LocalSearch);
    let bound = lagrangian_bound(&model, outcome.objective, deadline);
    outcome.time_limit_reached = search.time_limit_reached || bound.cut_by_deadline;
    attach_bound(&mut outcome, bound.value, BoundSource::Lagrangian);
    Ok(outcome)
}

fn attach_bound(outcome: &mut MatchOutcome, bound: f64, source: BoundSource) {
    outcome.bound = Some(bound);
    outcome.bound_source = Some(source);
    outcome.gap = Some(relative_gap(outcome.objective, bound));
}

/// The minimums the local search could not meet.
fn heuristic_diagnosis(state: &State<'_, '_>) -> Diagnosis {
    let model = state.model;
    let mut requirements = Vec::new();
    for (t, team) in model.teams.iter().enumerate() {
        let team_id = model.team_id(t);
        let programme_id = model.programme_id_of_team(t);
        let size = state.members[t].len() as u32;
        if size < team.min_size {
            requirements.push(InfeasibleRequirement::new(
                Some(programme_id.to_owned()),
                Some(team_id.to_owned()),
                Requirement::MinSize {
                    min_size: team.min_size,
                },
                (team.min_size, size),
                format!(
                    "team {team_id} reached only {size} of its {} members",
                    team.min_size
                ),
                vec![Relaxation::LowerMinSize {
                    team: team_id.to_owned(),
                    to: size,
                }],
            ));
        }
        for (k, need) in team.needs.iter().enumerate() {
            let count = state.need_counts[t][k];
            if count < need.need.at_least() {
                let label = need_label(model, t, k);
                requirements.push(InfeasibleRequirement::new(
                    Some(programme_id.to_owned()),
                    Some(team_id.to_owned()),
                    Requirement::Need {
                        need: need.need.clone(),
                        japanese_rule: need.from_japanese_rule,
                    },
                    (need.need.at_least(), count),
                    format!("team {team_id} needs {label}; the search found {count}"),
                    vec![Relaxation::LowerCount { to: count }],
                ));
            }
        }
    }
    Diagnosis {
        source: DiagnosisSource::Heuristic,
        requirements,
    }
}

/// Drop one family of rules at a time; name those whose removal makes the round solvable.
fn diagnose_by_relaxation(model: &Model<'_>, deadline: Instant) -> Diagnosis {
    let all = Families::ALL;
    let trials = [
        (
            RuleFamily::TeamNeeds,
            Families {
                team_needs: false,
                ..all
            },
        ),
        (
            RuleFamily::JapaneseSpeakerRule,
            Families {
                japanese_rule: false,
                ..all
            },
        ),
        (
            RuleFamily::NationalityCaps,
            Families {
                nationality_caps: false,
                ..all
            },
        ),
        (
            RuleFamily::MinSizes,
            Families {
                min_sizes: false,
                ..all
            },
        ),
    ];
    let mut requirements = Vec::new();
    for (family, families) in trials {
        let remaining = deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1));
        if let ExactResult::Solved { teams_of, .. } =
            solve_exact(model, families, None, EXACT_NODE_LIMIT, remaining)
        {
            let outcome = build_outcome(model, &teams_of, Method::Exact);
            let broken = check_hard_constraints(model.problem, &outcome);
            let detail = Requirement::RuleFamily {
                family,
                broken: broken.clone(),
            };
            let message = format!(
                "no assignment meets {} together with the other rules; without them the round \
                 solves (then: {})",
                detail.english_label(),
                broken
                    .iter()
                    .map(|v| v.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            requirements.push(InfeasibleRequirement::new(
                None,
                None,
                detail,
                (0, 0),
                message,
                vec![Relaxation::RelaxFamily { family }],
            ));
        }
    }
    if requirements.is_empty() {
        requirements.push(InfeasibleRequirement::new(
            None,
            None,
            Requirement::Combination,
            (0, 0),
            "no assignment meets the rules, and relaxing any single family of rules does not help"
                .to_owned(),
            vec![Relaxation::RelaxSeveralFamilies],
        ));
    }
    Diagnosis {
        source: DiagnosisSource::SolverRelaxation,
        requirements,
    }
}

/// The naive baseline: applicants in input order, each into the first programme on their list
/// with a team that has a seat and room under the nationality cap (the emptiest such team).
/// Needs and minimum sizes are not pursued; the outcome lists what it breaks.
pub fn greedy_baseline(problem: &MatchProblem) -> Result<MatchOutcome, MatchError> {
    let model = Model::build(problem)?;
    let mut state = State::empty(&model);
    for (a, applicant) in model.applicants.iter().enumerate() {
        for &t in &applicant.locked_teams {
            state.add(a, t);
        }
    }
    for (a, applicant) in model.applicants.iter().enumerate() {
        if !state.teams_of[a].is_empty() {
            continue;
        }
        let mut options: Vec<_> = applicant.options.iter().collect();
        options.sort_by_key(|o| (o.rank.unwrap_or(u32::MAX), o.team));
        let chosen = options
            .iter()
            .filter(|o| {
                let team = &model.teams[o.team];
                (state.members[o.team].len() as u32) < team.max_size
                    && model.applicants[a].nationalities.iter().all(|&n| {
                        team.max_per_nationality
                            .is_none_or(|cap| state.nationality_counts[o.team][n] < cap)
                    })
            })
            .min_by_key(|o| {
                (
                    o.rank.unwrap_or(u32::MAX),
                    state.members[o.team].len(),
                    o.team,
                )
            })
            .map(|o| o.team);
        if let Some(t) = chosen {
            state.add(a, t);
        }
    }
    let mut outcome = build_outcome(&model, &state.teams_of, Method::Greedy);
    outcome.violations = check_hard_constraints(problem, &outcome);
    Ok(outcome)
}
