//! A true upper bound on the objective without solving the integer program: the Lagrangian dual
//! of a relaxation.
//!
//! Every team-level constraint moves into the objective with a multiplier: capacity
//! `Σₐ x[a,t] ≤ max_t` (λ_t ≥ 0), minimum size `Σₐ x[a,t] ≥ min_t` (σ_t ≥ 0), each need
//! `Σ_{a meets k} x[a,t] ≥ r_tk` (ρ_tk ≥ 0), the nationality cap `Σ_{a∈n} x[a,t] ≤ cap`
//! (ν_tn ≥ 0) and the diversity link `y[t,n] ≤ Σ_{a∈n} x[a,t]` (μ_tn ≥ 0). What is left is
//! "each applicant picks at most one team" (with several placements allowed: at most one per
//! programme, overlaps dropped, which only loosens it). For any multipliers ≥ 0
//!
//! ```text
//! L = Σ_t (λ_t·max_t − σ_t·min_t − Σ_k ρ_tk·r_tk) + Σ_{t,n} (ν_tn·cap + max(0, w_div − μ_tn))
//!   + Σ_a max(0, max_t [c_at − λ_t + σ_t + Σ_{k met} ρ_tk + Σ_{n∈nat(a)} (μ_tn − ν_tn)])
//! ```
//!
//! is at least the best objective (weak duality); its minimum equals the LP relaxation's value.
//! Projected subgradient steps (Polyak steps toward the best known objective) lower it; the
//! smallest value seen is returned. Since L at *any* multipliers is an upper bound, stopping
//! early never makes the bound false, only looser. The steps stop at the first of: 3,000 steps,
//! a stall (less than a relative 1e-5 gained over the last 300 steps), vanishing steps, or the
//! solve's deadline (after at least 50 steps). The first three are deterministic; a stop by the
//! deadline is reported (`time_limit_reached`), as the value then depends on the machine.

use std::time::Instant;

use crate::model::Model;

/// At most this many subgradient steps.
const MAX_ITERATIONS: usize = 3000;
/// Steps taken even when the deadline has passed, so the bound is never the trivial one.
const MIN_ITERATIONS: usize = 50;
/// Stop when the best value gained less than `STALL_TOLERANCE` (relative) over this many steps.
const STALL_WINDOW: usize = 300;
const STALL_TOLERANCE: f64 = 1e-5;

/// The bound and how its computation ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct LagrangianBound {
    pub value: f64,
    pub iterations: usize,
    /// The deadline stopped the steps (the value may then differ between runs).
    pub cut_by_deadline: bool,
}

/// The Lagrangian upper bound described in the module docs. `best_known` is a feasible
/// objective (a lower bound) used only to size the steps.
pub(crate) fn lagrangian_bound(
    model: &Model<'_>,
    best_known: f64,
    deadline: Instant,
) -> LagrangianBound {
    let n_teams = model.teams.len();
    let w = model.diversity_weight;
    // The (team, nationality) pairs that can occur, as a sorted list per team.
    let mut pair_index: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_teams];
    let mut pair_cap: Vec<Option<f64>> = Vec::new();
    for (t, team) in model.teams.iter().enumerate() {
        let mut nats: Vec<usize> = team
            .candidates
            .iter()
            .flat_map(|&(a, _)| model.applicants[a].nationalities.iter().copied())
            .collect();
        nats.sort_unstable();
        nats.dedup();
        for n in nats {
            pair_index[t].push((n, pair_cap.len()));
            pair_cap.push(team.max_per_nationality.map(f64::from));
        }
    }
    let n_pairs = pair_cap.len();
    let pair_of = |t: usize, n: usize| -> usize {
        let list = &pair_index[t];
        list[list.partition_point(|&(m, _)| m < n)].1
    };
    let need_offset: Vec<usize> = model
        .teams
        .iter()
        .scan(0, |offset, team| {
            let here = *offset;
            *offset += team.needs.len();
            Some(here)
        })
        .collect();
    let n_needs: usize = model.teams.iter().map(|t| t.needs.len()).sum();
    let need_required: Vec<f64> = model
        .teams
        .iter()
        .flat_map(|t| t.needs.iter().map(|n| f64::from(n.need.at_least())))
        .collect();

    // Each option flattened once: its team, value, global need indices and pair indices.
    let mut option_needs: Vec<usize> = Vec::new();
    let mut option_pairs: Vec<usize> = Vec::new();
    let mut flat: Vec<FlatOption> = Vec::new();
    let mut applicant_options: Vec<std::ops::Range<usize>> = Vec::new();
    for applicant in &model.applicants {
        let first = flat.len();
        for option in &applicant.options {
            let t = option.team;
            let needs_start = option_needs.len();
            let mut mask = option.need_mask;
            while mask != 0 {
                option_needs.push(need_offset[t] + mask.trailing_zeros() as usize);
                mask &= mask - 1;
            }
            let pairs_start = option_pairs.len();
            option_pairs.extend(applicant.nationalities.iter().map(|&n| pair_of(t, n)));
            flat.push(FlatOption {
                team: t,
                programme: model.teams[t].programme,
                value: option.value,
                needs: needs_start..option_needs.len(),
                pairs: pairs_start..option_pairs.len(),
            });
        }
        applicant_options.push(first..flat.len());
    }
    let mut pair_price = vec![0.0; n_pairs];

    let mut lambda = vec![0.0; n_teams];
    let mut sigma = vec![0.0; n_teams];
    let mut rho = vec![0.0; n_needs];
    let mut mu = vec![w; n_pairs];
    let mut nu = vec![0.0; n_pairs];
    let mut best = f64::INFINITY;
    let mut step_scale = 1.0;
    let mut since_improvement = 0;
    let mut x_count = vec![0.0; n_teams];
    let mut need_count = vec![0.0; n_needs];
    let mut pair_count = vec![0.0; n_pairs];
    let mut team_price = vec![0.0; n_teams];
    let mut lambda_grad = vec![0.0; n_teams];
    let mut sigma_grad = vec![0.0; n_teams];
    let mut rho_grad = vec![0.0; n_needs];
    let mut mu_grad = vec![0.0; n_pairs];
    let mut nu_grad = vec![0.0; n_pairs];
    let mut best_at: Vec<f64> = Vec::with_capacity(MAX_ITERATIONS);
    let mut chosen: Vec<(usize, f64)> = Vec::new();
    let mut iterations = 0;
    let mut cut_by_deadline = false;
    while iterations < MAX_ITERATIONS {
        if iterations >= MIN_ITERATIONS && Instant::now() >= deadline {
            cut_by_deadline = true;
            break;
        }
        if iterations >= STALL_WINDOW {
            let before = best_at[iterations - STALL_WINDOW];
            if before - best <= STALL_TOLERANCE * best.abs().max(1.0) {
                break;
            }
        }
        iterations += 1;
        x_count.iter_mut().for_each(|v| *v = 0.0);
        need_count.iter_mut().for_each(|v| *v = 0.0);
        pair_count.iter_mut().for_each(|v| *v = 0.0);
        let mut value = 0.0;
        for (t, team) in model.teams.iter().enumerate() {
            value += lambda[t] * f64::from(team.max_size) - sigma[t] * f64::from(team.min_size);
            for k in 0..team.needs.len() {
                value -= rho[need_offset[t] + k] * need_required[need_offset[t] + k];
            }
        }
        for pair in 0..n_pairs {
            value += (w - mu[pair]).max(0.0) + pair_cap[pair].map_or(0.0, |cap| nu[pair] * cap);
        }
        for (pair, price) in pair_price.iter_mut().enumerate() {
            *price = mu[pair] - nu[pair];
        }
        for (t, price) in team_price.iter_mut().enumerate() {
            *price = sigma[t] - lambda[t];
        }
        let reduced = |option: &FlatOption| {
            option.value
                + team_price[option.team]
                + option_needs[option.needs.clone()]
                    .iter()
                    .map(|&i| rho[i])
                    .sum::<f64>()
                + option_pairs[option.pairs.clone()]
                    .iter()
                    .map(|&i| pair_price[i])
                    .sum::<f64>()
        };
        for range in &applicant_options {
            let options = &flat[range.clone()];
            // The best option overall, or with several placements the best per programme.
            chosen.clear();
            for (i, option) in options.iter().enumerate() {
                let r = reduced(option);
                let slot = if model.allow_multiple_placements {
                    chosen
                        .iter()
                        .position(|&(j, _)| options[j].programme == option.programme)
                } else if chosen.is_empty() {
                    None
                } else {
                    Some(0)
                };
                match slot {
                    Some(s) if chosen[s].1 >= r => {}
                    Some(s) => chosen[s] = (i, r),
                    None => chosen.push((i, r)),
                }
            }
            for &(i, r) in &chosen {
                if r <= 0.0 {
                    continue;
                }
                let option = &options[i];
                value += r;
                x_count[option.team] += 1.0;
                for &k in &option_needs[option.needs.clone()] {
                    need_count[k] += 1.0;
                }
                for &pair in &option_pairs[option.pairs.clone()] {
                    pair_count[pair] += 1.0;
                }
            }
        }
        if value < best - 1e-12 {
            best = value;
            since_improvement = 0;
        } else {
            since_improvement += 1;
            if since_improvement >= 30 {
                step_scale *= 0.5;
                since_improvement = 0;
            }
        }
        // Subgradients of L in each multiplier (L is minimised; multipliers stay ≥ 0).
        for t in 0..n_teams {
            lambda_grad[t] = f64::from(model.teams[t].max_size) - x_count[t];
            sigma_grad[t] = x_count[t] - f64::from(model.teams[t].min_size);
        }
        for i in 0..n_needs {
            rho_grad[i] = need_count[i] - need_required[i];
        }
        for pair in 0..n_pairs {
            mu_grad[pair] = pair_count[pair] - if mu[pair] < w { 1.0 } else { 0.0 };
            nu_grad[pair] = pair_cap[pair].map_or(0.0, |cap| cap - pair_count[pair]);
        }
        let norm: f64 = [&lambda_grad, &sigma_grad, &rho_grad, &mu_grad, &nu_grad]
            .iter()
            .flat_map(|g| g.iter())
            .map(|g| g * g)
            .sum();
        best_at.push(best);
        if norm < 1e-12 || step_scale < 1e-6 {
            break;
        }
        let target = best_known.min(best);
        let step = step_scale * (value - target).max(1e-3 * value.abs().max(1.0)) / norm;
        for (values, grads) in [
            (&mut lambda, &lambda_grad),
            (&mut sigma, &sigma_grad),
            (&mut rho, &rho_grad),
            (&mut mu, &mu_grad),
            (&mut nu, &nu_grad),
        ] {
            for (v, g) in values.iter_mut().zip(grads) {
                *v = (*v - step * g).max(0.0);
            }
        }
    }
    LagrangianBound {
        value: best,
        iterations,
        cut_by_deadline,
    }
}

struct FlatOption {
    team: usize,
    programme: usize,
    value: f64,
    needs: std::ops::Range<usize>,
    pairs: std::ops::Range<usize>,
}
