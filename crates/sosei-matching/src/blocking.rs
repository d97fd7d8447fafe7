//! Blocking pairs and the programmes' ranking of applicants.
//!
//! A programme ranks applicants by their coordinator score for it (`scores[programme]`, absent
//! = 0), higher first; equal scores are broken by the smaller applicant id, so the ranking is a
//! strict order. An (applicant, programme) pair blocks when one swap would give both something
//! they prefer without breaking any hard rule:
//! - the applicant ranked the programme, may go there (free on its dates, not excluded, not
//!   held by a lock), and prefers it to their placement (or has none; with several placements
//!   allowed, to their least-preferred one, and they give up only placements they rank lower);
//! - the swap: the applicant joins one team of the programme and leaves every placement that
//!   cannot go with it (with one placement per person, their placement); if the team is full,
//!   one member who is not locked and whom the programme ranks below the applicant leaves it
//!   and has no place in this programme;
//! - the programme gains someone (a free seat) or someone it ranks higher;
//! - after the swap, every team it touches keeps every rule it kept before: sizes, needs, the
//!   Japanese-speaker rule and the nationality cap. So a team's only photographer is never the
//!   one swapped out, and a person never leaves a team that would then be too small.
//!
//! Longer chains (someone else filling the seat the applicant leaves) are not considered: a
//! pair listed here is one move a coordinator can make by hand, and on an assignment that
//! keeps every hard rule, the assignment after it still keeps them all.

use std::cmp::Ordering;

use crate::model::Model;
use crate::outcome::BlockingPair;
use crate::reasons::BlockingReason;
use crate::state::State;

/// A programme's score for an applicant.
pub(crate) fn score(model: &Model<'_>, a: usize, p: usize) -> f64 {
    let programme_id = &model.problem.programmes[p].id;
    model.problem.applicants[a]
        .scores
        .get(programme_id)
        .copied()
        .unwrap_or(0.0)
}

/// `Less` when programme `p` prefers applicant `a` to applicant `b`.
pub(crate) fn programme_order(model: &Model<'_>, p: usize, a: usize, b: usize) -> Ordering {
    score(model, b, p)
        .total_cmp(&score(model, a, p))
        .then_with(|| {
            model.problem.applicants[a]
                .id
                .cmp(&model.problem.applicants[b].id)
        })
}

/// The applicant's rank of programme `p`, if they can be placed there by the matcher.
pub(crate) fn eligible_rank(model: &Model<'_>, a: usize, p: usize) -> Option<u32> {
    model.applicants[a]
        .options
        .iter()
        .find(|o| model.teams[o.team].programme == p)
        .and_then(|o| o.rank)
}

pub(crate) fn programme_capacity(model: &Model<'_>, p: usize) -> u32 {
    model.programmes[p]
        .teams
        .iter()
        .map(|&t| model.teams[t].max_size)
        .sum()
}

/// The rank of `a`'s placement in team `t` (`u32::MAX` when unranked, i.e. placed by a lock).
fn placement_rank(model: &Model<'_>, a: usize, t: usize) -> u32 {
    model.option(a, t).and_then(|o| o.rank).unwrap_or(u32::MAX)
}

/// The swap that makes (applicant, team) a blocking pair, if one keeps every rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Swap {
    team: usize,
    /// The member who leaves `team` (None: a free seat).
    displaced: Option<usize>,
}

/// Whether `a` may join team `t` of a programme they rank `rank`, leaving the placements that
/// cannot go with `t`: they must rank every such placement lower, and each team they leave
/// must keep its rules without them.
fn may_leave_for(state: &State<'_, '_>, a: usize, t: usize, rank: u32) -> bool {
    let model = state.model;
    state.teams_of[a]
        .iter()
        .filter(|&&held| !model.compatible_teams(held, t))
        .all(|&held| {
            placement_rank(model, a, held) > rank
                && state.team_change(held, Some(a), None).is_some()
        })
}

/// The best swap of `a` into programme `p`: a free seat if one keeps every rule, else the
/// member the programme ranks lowest among those whose place `a` can take.
fn best_swap(state: &State<'_, '_>, a: usize, p: usize) -> Option<Swap> {
    let model = state.model;
    let mut best_displacement: Option<Swap> = None;
    for &t in &model.programmes[p].teams {
        if model.option(a, t).is_none() {
            continue;
        }
        let team = &model.teams[t];
        if (state.members[t].len() as u32) < team.max_size
            && state.team_change(t, None, Some(a)).is_some()
        {
            return Some(Swap {
                team: t,
                displaced: None,
            });
        }
        for &b in &state.members[t] {
            if state.is_locked(b, t)
                || programme_order(model, p, a, b) != Ordering::Less
                || state.team_change(t, Some(b), Some(a)).is_none()
            {
                continue;
            }
            let lower = match best_displacement.and_then(|swap| swap.displaced) {
                None => true,
                Some(c) => programme_order(model, p, b, c) == Ordering::Greater,
            };
            if lower {
                best_displacement = Some(Swap {
                    team: t,
                    displaced: Some(b),
                });
            }
        }
    }
    best_displacement
}

/// Every blocking pair of the assignment, by applicant then programme (input order).
pub(crate) fn blocking_pairs(model: &Model<'_>, teams_of: &[Vec<usize>]) -> Vec<BlockingPair> {
    let mut state = State::empty(model);
    for (a, teams) in teams_of.iter().enumerate() {
        for &t in teams {
            state.add(a, t);
        }
    }
    let mut pairs = Vec::new();
    for (a, teams) in teams_of.iter().enumerate() {
        if !model.applicants[a].locked_teams.is_empty() {
            continue;
        }
        let current_rank = teams.iter().map(|&t| placement_rank(model, a, t)).max();
        for p in 0..model.programmes.len() {
            let Some(rank) = eligible_rank(model, a, p) else {
                continue;
            };
            let holds_here = teams.iter().any(|&t| model.teams[t].programme == p);
            if holds_here || current_rank.is_some_and(|current| rank >= current) {
                continue;
            }
            let Some(swap) = best_swap(&state, a, p).filter(|swap| {
                // The displaced member's seat is `a`'s, so `a` must be able to leave theirs.
                may_leave_for(&state, a, swap.team, rank)
            }) else {
                continue;
            };
            pairs.push(pair(model, a, p, rank, current_rank, swap));
        }
    }
    pairs
}

fn pair(
    model: &Model<'_>,
    a: usize,
    p: usize,
    rank: u32,
    current_rank: Option<u32>,
    swap: Swap,
) -> BlockingPair {
    let programme_id = &model.problem.programmes[p].id;
    let who = &model.problem.applicants[a].id;
    let team = model.team_id(swap.team).to_owned();
    let reason = match swap.displaced {
        None => BlockingReason::FreeSeat,
        Some(b) => BlockingReason::RanksAbove {
            displaced: model.problem.applicants[b].id.clone(),
        },
    };
    let explanation = match &reason {
        BlockingReason::FreeSeat => format!(
            "{who} ranks {programme_id} higher than their placement and its team {team} has \
             a free seat they can take without breaking a rule"
        ),
        BlockingReason::RanksAbove { displaced } => format!(
            "{who} ranks {programme_id} higher than their placement and {programme_id} ranks \
             them above {displaced}, whose place in {team} they can take without breaking a rule"
        ),
    };
    BlockingPair {
        applicant: who.clone(),
        programme: programme_id.clone(),
        team,
        explanation,
        rank,
        placement_rank: current_rank.filter(|r| *r != u32::MAX),
        reason,
    }
}
