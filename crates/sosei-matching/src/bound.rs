//! A true upper bound on the objective without solving the integer program: the Lagrangian dual
//! of a relaxation.
//!
//! Drop the minimum sizes, the needs and the nationality caps (dropping constraints can only
//! raise the maximum), and move two families into the objective with multipliers: team
//! capacity `Σₐ x[a,t] ≤ max_t` (λ_t ≥ 0) and the diversity link `y[t,n] ≤ Σ_{a∈n} x[a,t]`
//! (μ_tn ≥ 0). For any λ, μ ≥ 0
//!
//! ```text
//! L(λ, μ) = Σ_t λ_t·max_t + Σ_{t,n} max(0, w_div − μ_tn)
//!         + Σ_a max(0, max_t [c_at − λ_t + Σ_{n∈nat(a)} μ_tn])
//! ```
//!
//! is at least the best objective (weak duality; with several placements allowed the last term
//! becomes a sum over programmes of the best team in each, still an upper bound). A fixed number
//! of subgradient steps (Polyak steps toward the best known objective) lowers it; the smallest
//! value seen is returned, so the bound is as deterministic as the arithmetic.

use crate::model::Model;

/// Subgradient iterations.
const ITERATIONS: usize = 400;

/// The Lagrangian upper bound described in the module docs. `best_known` is a feasible
/// objective (a lower bound) used only to size the steps.
pub(crate) fn lagrangian_bound(model: &Model<'_>, best_known: f64) -> f64 {
    let n_teams = model.teams.len();
    let w = model.diversity_weight;
    // The (team, nationality) pairs that can occur, as a sparse list per team.
    let mut pair_index: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n_teams];
    let mut n_pairs = 0;
    for (t, team) in model.teams.iter().enumerate() {
        let mut nats: Vec<usize> = team
            .candidates
            .iter()
            .flat_map(|&(a, _)| model.applicants[a].nationalities.iter().copied())
            .collect();
        nats.sort_unstable();
        nats.dedup();
        for n in nats {
            pair_index[t].push((n, n_pairs));
            n_pairs += 1;
        }
    }
    let pair_of = |t: usize, n: usize| -> usize {
        let list = &pair_index[t];
        list[list.partition_point(|&(m, _)| m < n)].1
    };
    let mut lambda = vec![0.0; n_teams];
    let mut mu = vec![w; n_pairs];
    let mut best = f64::INFINITY;
    let mut step_scale = 1.0;
    let mut since_improvement = 0;
    let mut x_count = vec![0.0; n_teams];
    let mut pair_count = vec![0.0; n_pairs];
    for _ in 0..ITERATIONS {
        x_count.iter_mut().for_each(|v| *v = 0.0);
        pair_count.iter_mut().for_each(|v| *v = 0.0);
        let mut value: f64 = lambda
            .iter()
            .zip(&model.teams)
            .map(|(l, team)| l * f64::from(team.max_size))
            .sum();
        value += mu.iter().map(|m| (w - m).max(0.0)).sum::<f64>();
        for applicant in &model.applicants {
            let reduced = |option: &crate::model::TeamOption| {
                option.value - lambda[option.team]
                    + applicant
                        .nationalities
                        .iter()
                        .map(|&n| mu[pair_of(option.team, n)])
                        .sum::<f64>()
            };
            let mut chosen: Vec<(usize, f64)> = Vec::new();
            if model.allow_multiple_placements {
                for programme in &model.programmes {
                    let best_here = applicant
                        .options
                        .iter()
                        .filter(|o| programme.teams.contains(&o.team))
                        .map(|o| (o.team, reduced(o)))
                        .fold(None, |acc: Option<(usize, f64)>, (t, r)| match acc {
                            Some((_, best_r)) if best_r >= r => acc,
                            _ => Some((t, r)),
                        });
                    if let Some((t, r)) = best_here
                        && r > 0.0
                    {
                        chosen.push((t, r));
                    }
                }
            } else {
                let best_option = applicant.options.iter().map(|o| (o.team, reduced(o))).fold(
                    None,
                    |acc: Option<(usize, f64)>, (t, r)| match acc {
                        Some((_, best_r)) if best_r >= r => acc,
                        _ => Some((t, r)),
                    },
                );
                if let Some((t, r)) = best_option
                    && r > 0.0
                {
                    chosen.push((t, r));
                }
            }
            for (t, r) in chosen {
                value += r;
                x_count[t] += 1.0;
                for &n in &applicant.nationalities {
                    pair_count[pair_of(t, n)] += 1.0;
                }
            }
        }
        if value < best - 1e-12 {
            best = value;
            since_improvement = 0;
        } else {
            since_improvement += 1;
            if since_improvement >= 10 {
                step_scale *= 0.5;
                since_improvement = 0;
            }
        }
        // Subgradients of L (we minimise): capacity slack and link slack.
        let mut norm = 0.0;
        let lambda_grad: Vec<f64> = model
            .teams
            .iter()
            .enumerate()
            .map(|(t, team)| f64::from(team.max_size) - x_count[t])
            .collect();
        norm += lambda_grad.iter().map(|g| g * g).sum::<f64>();
        let mu_grad: Vec<f64> = mu
            .iter()
            .zip(&pair_count)
            .map(|(m, count)| count - if *m < w { 1.0 } else { 0.0 })
            .collect();
        norm += mu_grad.iter().map(|g| g * g).sum::<f64>();
        if norm < 1e-12 || step_scale < 1e-6 {
            break;
        }
        let target = best_known.min(best);
        let step = step_scale * (value - target).max(1e-3 * value.abs().max(1.0)) / norm;
        for (l, g) in lambda.iter_mut().zip(&lambda_grad) {
            *l = (*l - step * g).max(0.0);
        }
        for (m, g) in mu.iter_mut().zip(&mu_grad) {
            *m = (*m - step * g).max(0.0);
        }
    }
    best
}
