//! Applicant-proposing deferred acceptance (Gale–Shapley), for comparison with the optimiser.
//!
//! Each programme is one "hospital" whose capacity is the sum of its teams' max sizes (less the
//! people locked into it); it ranks applicants as described in [`crate::blocking`]. Applicants
//! propose down their list (skipping programmes they cannot attend); each programme keeps its
//! best proposers up to capacity. The result is stable: it has no blocking pairs. One placement
//! per applicant; locked applicants keep their locks and do not propose. The accepted people are
//! then spread over the programme's teams, needs first, then diversity; team minimums, needs and
//! nationality caps are not guaranteed (the outcome lists what they break).

use std::cmp::Ordering;
use std::collections::VecDeque;

use crate::blocking::{eligible_rank, programme_capacity, programme_order};
use crate::model::Model;
use crate::state::State;

/// The stable assignment as teams per applicant.
pub(crate) fn deferred_acceptance(model: &Model<'_>) -> Vec<Vec<usize>> {
    let n_programmes = model.programmes.len();
    let problem = model.problem;
    let mut capacity: Vec<u32> = (0..n_programmes)
        .map(|p| programme_capacity(model, p))
        .collect();
    for applicant in &model.applicants {
        for &t in &applicant.locked_teams {
            let p = model.teams[t].programme;
            capacity[p] = capacity[p].saturating_sub(1);
        }
    }
    let lists: Vec<Vec<usize>> = model
        .applicants
        .iter()
        .enumerate()
        .map(|(a, applicant)| {
            if !applicant.locked_teams.is_empty() {
                return Vec::new();
            }
            let mut ranked: Vec<(u32, usize)> = (0..n_programmes)
                .filter_map(|p| eligible_rank(model, a, p).map(|r| (r, p)))
                .collect();
            ranked.sort_unstable();
            ranked.into_iter().map(|(_, p)| p).collect()
        })
        .collect();
    let mut next_choice = vec![0usize; problem.applicants.len()];
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); n_programmes];
    let mut free: VecDeque<usize> = (0..problem.applicants.len()).collect();
    while let Some(a) = free.pop_front() {
        let Some(&p) = lists[a].get(next_choice[a]) else {
            continue;
        };
        next_choice[a] += 1;
        held[p].push(a);
        if held[p].len() as u32 > capacity[p] {
            // Reject the programme's least preferred.
            let worst = held[p]
                .iter()
                .copied()
                .max_by(|&x, &y| programme_order(model, p, x, y))
                .unwrap_or(a);
            held[p].retain(|&x| x != worst);
            free.push_back(worst);
        }
    }

    let mut state = State::empty(model);
    for (a, applicant) in model.applicants.iter().enumerate() {
        for &t in &applicant.locked_teams {
            state.add(a, t);
        }
    }
    for (p, accepted) in held.iter_mut().enumerate() {
        accepted.sort_by(|&x, &y| programme_order(model, p, x, y));
        spread_over_teams(&mut state, p, accepted);
    }
    state.teams_of
}

/// Put the programme's accepted applicants into its teams: people who meet an unmet need first,
/// then where they add most; when every rule-keeping seat is gone, the emptiest team.
fn spread_over_teams(state: &mut State<'_, '_>, p: usize, accepted: &[usize]) {
    let model = state.model;
    let teams = &model.programmes[p].teams;
    let mut waiting: Vec<usize> = accepted.to_vec();
    while !waiting.is_empty() {
        let mut best: Option<(f64, usize, usize)> = None;
        for (position, &a) in waiting.iter().enumerate() {
            for &t in teams {
                if state.members[t].len() as u32 >= model.teams[t].max_size
                    || model.option(a, t).is_none()
                {
                    continue;
                }
                let Some((distinct, deficit)) = state.team_change(t, None, Some(a)) else {
                    continue;
                };
                let score = -1000.0 * deficit as f64
                    + model.diversity_weight * f64::from(distinct)
                    + state.value(a, t);
                if best.is_none_or(|(s, _, _)| score.total_cmp(&s) == Ordering::Greater) {
                    best = Some((score, position, t));
                }
            }
        }
        let (position, t) = match best {
            Some((_, position, t)) => (position, t),
            None => {
                // Nobody fits without breaking a cap: the first waiting person goes to the
                // emptiest team they may join.
                let a = waiting[0];
                let Some(t) = teams
                    .iter()
                    .copied()
                    .filter(|&t| {
                        model.option(a, t).is_some()
                            && (state.members[t].len() as u32) < model.teams[t].max_size
                    })
                    .min_by_key(|&t| state.members[t].len())
                else {
                    waiting.remove(0);
                    continue;
                };
                (0, t)
            }
        };
        let a = waiting.remove(position);
        state.add(a, t);
    }
}
