//! Blocking pairs and the programmes' ranking of applicants.
//!
//! A programme ranks applicants by their coordinator score for it (`scores[programme]`, absent
//! = 0), higher first; equal scores are broken by the smaller applicant id, so the ranking is a
//! strict order. An (applicant, programme) pair blocks when
//! - the applicant ranked the programme, may go there (free on its dates, not excluded, not
//!   held by a lock), and prefers it to their placement (or has none; with several placements
//!   allowed, to their least-preferred one), and
//! - the programme has a free seat (members < the sum of its teams' max sizes) or holds someone
//!   not locked whom it ranks below the applicant.
//!
//! Seats are counted per programme: team needs, caps and minimum sizes are not consulted, so a
//! pair reported here may be one the hard rules would not let happen.

use std::cmp::Ordering;

use crate::model::Model;
use crate::outcome::BlockingPair;
use crate::reasons::BlockingReason;

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

/// Every blocking pair of the assignment, by applicant then programme (input order).
pub(crate) fn blocking_pairs(model: &Model<'_>, teams_of: &[Vec<usize>]) -> Vec<BlockingPair> {
    let n_programmes = model.programmes.len();
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); n_programmes];
    for (a, teams) in teams_of.iter().enumerate() {
        for &t in teams {
            held[model.teams[t].programme].push(a);
        }
    }
    let mut pairs = Vec::new();
    for (a, teams) in teams_of.iter().enumerate() {
        if !model.applicants[a].locked_teams.is_empty() {
            continue;
        }
        let current_rank = teams
            .iter()
            .map(|&t| model.option(a, t).and_then(|o| o.rank).unwrap_or(u32::MAX))
            .max();
        for (p, holders) in held.iter().enumerate() {
            let Some(rank) = eligible_rank(model, a, p) else {
                continue;
            };
            if holders.contains(&a) || current_rank.is_some_and(|current| rank >= current) {
                continue;
            }
            let programme_id = &model.problem.programmes[p].id;
            let who = &model.problem.applicants[a].id;
            let reason = if (holders.len() as u32) < programme_capacity(model, p) {
                Some(BlockingReason::FreeSeat)
            } else {
                holders
                    .iter()
                    .filter(|&&b| {
                        !model.applicants[b]
                            .locked_teams
                            .iter()
                            .any(|&t| model.teams[t].programme == p)
                            && programme_order(model, p, a, b) == Ordering::Less
                    })
                    .max_by(|&&b, &&c| programme_order(model, p, b, c))
                    .map(|&b| BlockingReason::RanksAbove {
                        displaced: model.problem.applicants[b].id.clone(),
                    })
            };
            if let Some(reason) = reason {
                let explanation = match &reason {
                    BlockingReason::FreeSeat => format!(
                        "{who} ranks {programme_id} higher than their placement and it has a free seat"
                    ),
                    BlockingReason::RanksAbove { displaced } => format!(
                        "{who} ranks {programme_id} higher than their placement and \
                         {programme_id} ranks them above {displaced}"
                    ),
                };
                pairs.push(BlockingPair {
                    applicant: who.clone(),
                    programme: programme_id.clone(),
                    explanation,
                    rank,
                    placement_rank: current_rank.filter(|r| *r != u32::MAX),
                    reason,
                });
            }
        }
    }
    pairs
}
