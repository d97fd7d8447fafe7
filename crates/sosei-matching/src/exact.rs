//! The integer program, built with good_lp and solved by microlp's branch and bound.
//!
//! Variables: `x[a,t] ∈ {0,1}` for each eligible (applicant, team) pair (fixed to 1 for locks)
//! and `y[t,n] ∈ [0,1]` for each (team, nationality) pair that can occur. Maximise
//! `Σ c[a,t]·x[a,t] + w_div·Σ y[t,n]` subject to
//! - one placement per applicant (`Σ_t x ≤ 1`), or with several placements allowed, at most one
//!   team per programme and none in two programmes whose dates overlap;
//! - `min_t ≤ Σ_a x[a,t] ≤ max_t`;
//! - each need: `Σ_{a meets it} x[a,t] ≥ at_least` (the Japanese-speaker rule is one of them);
//! - the nationality cap: `Σ_{a holds n} x[a,t] ≤ k`;
//! - the diversity link `y[t,n] ≤ Σ_{a holds n} x[a,t]` (y need not be integral: at an optimum
//!   it is min(1, that count), an integer).
//!
//! The search stops at a node limit (deterministic) or the wall-clock limit (a safety net); it
//! starts from the local search's assignment, so it never returns anything worse.

use std::time::Duration;

use good_lp::{Expression, ProblemVariables, SolverModel, Variable, microlp, variable};

use crate::model::Model;

/// Which constraint families the program enforces (all, except while diagnosing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Families {
    pub team_needs: bool,
    pub japanese_rule: bool,
    pub nationality_caps: bool,
    pub min_sizes: bool,
}

impl Families {
    pub const ALL: Families = Families {
        team_needs: true,
        japanese_rule: true,
        nationality_caps: true,
        min_sizes: true,
    };
}

/// How the integer program ended.
pub(crate) enum ExactResult {
    /// An assignment (teams per applicant), whether it is proven optimal, and the solver's bound.
    Solved {
        teams_of: Vec<Vec<usize>>,
        proven_optimal: bool,
        bound: Option<f64>,
        time_limit_reached: bool,
    },
    Infeasible,
    /// Limits reached without an assignment, or a solver failure.
    Unsolved,
}

/// Solve the integer program. `warm_start` is a feasible assignment to start from, if any.
pub(crate) fn solve_exact(
    model: &Model<'_>,
    families: Families,
    warm_start: Option<&[Vec<usize>]>,
    node_limit: u64,
    time_limit: Duration,
) -> ExactResult {
    let mut variables = ProblemVariables::new();
    // x variables in (applicant, option) order.
    let mut x: Vec<Vec<Variable>> = Vec::with_capacity(model.applicants.len());
    let mut objective = Expression::default();
    for applicant in &model.applicants {
        let mut row = Vec::with_capacity(applicant.options.len());
        for option in &applicant.options {
            let definition = if applicant.locked_teams.contains(&option.team) {
                variable().integer().min(1).max(1)
            } else {
                variable().binary()
            };
            let var = variables.add(definition);
            objective.add_mul(option.value, var);
            row.push(var);
        }
        x.push(row);
    }
    let mut y_pairs: Vec<(usize, usize, Variable)> = Vec::new();
    let mut y_of_team: Vec<Vec<Variable>> = vec![Vec::new(); model.teams.len()];
    let mut team_nationality_members: Vec<Vec<(usize, Vec<Variable>)>> = Vec::new();
    for (t, team) in model.teams.iter().enumerate() {
        let mut by_nationality: Vec<(usize, Vec<Variable>)> = Vec::new();
        for &(a, o) in &team.candidates {
            for &n in &model.applicants[a].nationalities {
                match by_nationality.binary_search_by_key(&n, |(m, _)| *m) {
                    Ok(i) => by_nationality[i].1.push(x[a][o]),
                    Err(i) => by_nationality.insert(i, (n, vec![x[a][o]])),
                }
            }
        }
        for (n, _) in &by_nationality {
            let y = variables.add(variable().min(0).max(1));
            objective.add_mul(model.diversity_weight, y);
            y_pairs.push((t, *n, y));
            y_of_team[t].push(y);
        }
        team_nationality_members.push(by_nationality);
    }
    let n_variables = x.iter().map(Vec::len).sum::<usize>() + y_pairs.len();
    let mut program = variables.maximise(objective).using(microlp);

    for (a, applicant) in model.applicants.iter().enumerate() {
        if !model.allow_multiple_placements {
            if applicant.options.len() > 1 {
                let sum: Expression = x[a].iter().copied().map(Expression::from).sum();
                program.add_constraint(sum.leq(1.0));
            }
            continue;
        }
        // At most one team per programme, and nothing in two overlapping programmes.
        for (p, programme) in model.programmes.iter().enumerate() {
            let mut sum = Expression::default();
            let mut terms = 0;
            for (o, option) in applicant.options.iter().enumerate() {
                let q = model.teams[option.team].programme;
                if q == p || (programme.overlapping.contains(&q) && q > p) {
                    sum.add_mul(1.0, x[a][o]);
                    terms += 1;
                }
            }
            if terms > 1 {
                program.add_constraint(sum.leq(1.0));
            }
        }
    }
    for (t, team) in model.teams.iter().enumerate() {
        let members: Expression = team
            .candidates
            .iter()
            .map(|&(a, o)| Expression::from(x[a][o]))
            .sum();
        program.add_constraint(members.clone().leq(f64::from(team.max_size)));
        if families.min_sizes && team.min_size > 0 {
            program.add_constraint(members.geq(f64::from(team.min_size)));
        }
        for (k, need) in team.needs.iter().enumerate() {
            let enforced = if need.from_japanese_rule {
                families.japanese_rule
            } else {
                families.team_needs
            };
            if !enforced || need.need.at_least() == 0 {
                continue;
            }
            let meeting: Expression = team
                .candidates
                .iter()
                .filter(|&&(a, o)| model.applicants[a].options[o].need_mask & (1 << k) != 0)
                .map(|&(a, o)| Expression::from(x[a][o]))
                .sum();
            program.add_constraint(meeting.geq(f64::from(need.need.at_least())));
        }
        for (position, (_, vars)) in team_nationality_members[t].iter().enumerate() {
            let count: Expression = vars.iter().copied().map(Expression::from).sum();
            if families.nationality_caps
                && let Some(cap) = team.max_per_nationality
                && vars.len() as u32 > cap
            {
                program.add_constraint(count.clone().leq(f64::from(cap)));
            }
            let y = y_of_team[t][position];
            program.add_constraint((Expression::from(y) - count).leq(0.0));
        }
    }

    let inner = program.as_inner();
    let mut options = ::microlp::SolveOptions::default();
    options.node_limit = Some(node_limit);
    options.time_limit = Some(time_limit);
    if let Some(start) = warm_start {
        let mut hint = Vec::with_capacity(n_variables);
        let mut var_index = 0usize;
        for (a, applicant) in model.applicants.iter().enumerate() {
            for option in &applicant.options {
                let on = start[a].contains(&option.team);
                hint.push((var_index, if on { 1.0 } else { 0.0 }));
                var_index += 1;
            }
        }
        // y = 1 where the start has someone of that nationality.
        for &(t, n, _) in &y_pairs {
            let present = start.iter().enumerate().any(|(a, teams)| {
                teams.contains(&t) && model.applicants[a].nationalities.contains(&n)
            });
            hint.push((var_index, if present { 1.0 } else { 0.0 }));
            var_index += 1;
        }
        let all_variables = microlp_variables(n_variables);
        options.warm_start = Some(
            hint.into_iter()
                .map(|(i, value)| (all_variables[i], value))
                .collect(),
        );
    }
    let outcome = match inner.solve_with(options) {
        Ok(outcome) => outcome,
        Err(::microlp::Error::Infeasible) => return ExactResult::Infeasible,
        Err(_) => return ExactResult::Unsolved,
    };
    let reason = outcome.termination_reason();
    let Some(solution) = outcome.solution() else {
        return ExactResult::Unsolved;
    };
    let values: Vec<f64> = solution.iter().map(|(_, v)| v).collect();
    let mut teams_of = vec![Vec::new(); model.applicants.len()];
    let mut var_index = 0;
    for (a, applicant) in model.applicants.iter().enumerate() {
        for option in &applicant.options {
            if values[var_index] > 0.5 {
                teams_of[a].push(option.team);
            }
            var_index += 1;
        }
        teams_of[a].sort_unstable();
    }
    ExactResult::Solved {
        teams_of,
        proven_optimal: reason == ::microlp::TerminationReason::ProvenOptimal,
        bound: solution.stats().best_bound,
        time_limit_reached: reason == ::microlp::TerminationReason::TimeLimit,
    }
}

/// microlp's handles for the first `n` variables of a problem. good_lp adds variables to microlp
/// in creation order, so variable i of the model is microlp's variable i; microlp only hands out
/// handles from `add_var`, and a handle is nothing but that index, so a scratch problem makes them.
fn microlp_variables(n: usize) -> Vec<::microlp::Variable> {
    let mut scratch = ::microlp::Problem::new(::microlp::OptimizationDirection::Maximize);
    (0..n).map(|_| scratch.add_var(0.0, (0.0, 1.0))).collect()
}
