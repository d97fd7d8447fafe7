//! "Where you stand": one participant's place on the map and how their votes compare with their
//! group and with the consensus. Works for newcomers too, by projecting their votes with the
//! stored components (no rerun needed).

use serde::{Deserialize, Serialize};

use crate::analysis::membership_confidence;
use crate::input::{ParticipantKey, StatementKey, Vote};
use crate::output::{Analysis, Direction};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub participant: ParticipantKey,
    pub position: [f64; 2],
    /// Their group; for someone not clustered (too few votes, or new since the analysis), the
    /// nearest group, marked provisional.
    pub group: Option<usize>,
    pub group_is_provisional: bool,
    pub membership_confidence: Option<f64>,
    /// Of their agree/disagree votes on statements where their group has a majority (more than
    /// half of those who saw it), the share that side with that majority.
    pub agreement_with_group: Option<f64>,
    pub compared_with_group: usize,
    /// Consensus statements they voted the consensus way on, the other way, or not at all.
    pub consensus_shared: usize,
    pub consensus_opposed: usize,
    pub consensus_not_voted: usize,
    /// Their votes, by statement key, each beside their group's majority and the overall rates.
    pub statements: Vec<StatementComparison>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementComparison {
    pub statement: StatementKey,
    pub vote: Vote,
    /// The group's majority, if more than half of the group's voters on it took one side.
    pub group_majority: Option<Direction>,
    pub group_agree_rate: Option<f64>,
    pub overall_agree_rate: f64,
    /// Listed in the consensus, and which way.
    pub consensus: Option<Direction>,
}

/// Where a participant stands. `votes` are their final votes (statement, vote); for a participant
/// in the analysis their computed group and position are used, otherwise their votes are projected.
pub fn where_you_stand(
    analysis: &Analysis,
    participant: ParticipantKey,
    votes: &[(StatementKey, Vote)],
) -> Standing {
    let mut votes: Vec<(StatementKey, Vote)> = votes.to_vec();
    votes.sort_unstable();
    votes.dedup_by_key(|(statement, _)| *statement);

    let known = analysis
        .participants
        .binary_search_by_key(&participant, |p| p.key)
        .ok()
        .map(|index| &analysis.participants[index]);
    let projected = project_votes(analysis, &votes);
    let (position, group, provisional, confidence) = match known {
        Some(placement) if placement.group.is_some() => (
            placement.position,
            placement.group,
            false,
            placement.membership_confidence,
        ),
        _ => {
            let dims = analysis.projection.cluster_dimensions;
            let nearest = nearest_group(analysis, &projected[..dims]);
            let confidence = nearest.map(|group| {
                let centres: Vec<Vec<f64>> =
                    analysis.groups.iter().map(|g| g.centre.clone()).collect();
                let sizes: Vec<usize> = analysis.groups.iter().map(|g| g.members.len()).collect();
                membership_confidence(
                    &projected[..dims],
                    group,
                    &centres,
                    &sizes,
                    analysis.projection.within_group_variance,
                )
            });
            (
                known.map_or([projected[0], projected[1]], |p| p.position),
                nearest,
                true,
                confidence,
            )
        }
    };

    let consensus_direction = |statement: StatementKey| {
        if analysis
            .consensus
            .agree
            .iter()
            .any(|c| c.statement == statement)
        {
            Some(Direction::Agree)
        } else if analysis
            .consensus
            .disagree
            .iter()
            .any(|c| c.statement == statement)
        {
            Some(Direction::Disagree)
        } else {
            None
        }
    };
    let mut statements = Vec::new();
    let (mut same, mut compared) = (0usize, 0usize);
    let (mut shared, mut opposed) = (0usize, 0usize);
    for &(statement, vote) in &votes {
        let Ok(index) = analysis
            .statements
            .binary_search_by_key(&statement, |s| s.key)
        else {
            continue;
        };
        let summary = &analysis.statements[index];
        if summary.moderated_out {
            continue;
        }
        let group_votes = group.and_then(|g| {
            let votes = &analysis.groups[g].votes;
            votes
                .binary_search_by_key(&statement, |v| v.statement)
                .ok()
                .map(|i| &votes[i])
        });
        let group_majority = group_votes.and_then(|v| {
            if v.agree_rate > 0.5 {
                Some(Direction::Agree)
            } else if v.disagree_rate > 0.5 {
                Some(Direction::Disagree)
            } else {
                None
            }
        });
        let as_direction = match vote {
            Vote::Agree => Some(Direction::Agree),
            Vote::Disagree => Some(Direction::Disagree),
            Vote::Pass => None,
        };
        if let (Some(majority), Some(mine)) = (group_majority, as_direction) {
            compared += 1;
            same += usize::from(majority == mine);
        }
        let consensus = consensus_direction(statement);
        if let Some(direction) = consensus {
            if as_direction == Some(direction) {
                shared += 1;
            } else if as_direction.is_some() {
                opposed += 1;
            }
        }
        let seen = summary.tally.seen();
        statements.push(StatementComparison {
            statement,
            vote,
            group_majority,
            group_agree_rate: group_votes.map(|v| v.agree_rate),
            overall_agree_rate: if seen > 0 {
                f64::from(summary.tally.agree) / f64::from(seen)
            } else {
                0.0
            },
            consensus,
        });
    }
    let listed = analysis.consensus.agree.len() + analysis.consensus.disagree.len();
    let voted_on_listed = votes
        .iter()
        .filter(|(statement, _)| consensus_direction(*statement).is_some())
        .count();
    Standing {
        participant,
        position,
        group,
        group_is_provisional: provisional,
        membership_confidence: confidence,
        agreement_with_group: (compared > 0).then(|| same as f64 / compared as f64),
        compared_with_group: compared,
        consensus_shared: shared,
        consensus_opposed: opposed,
        consensus_not_voted: listed - voted_on_listed.min(listed),
        statements,
    }
}

/// Project final votes with the analysis's means and components (all computed dimensions).
pub fn project_votes(analysis: &Analysis, votes: &[(StatementKey, Vote)]) -> Vec<f64> {
    let projection = &analysis.projection;
    let n_dims = projection.components.len();
    let mut position = vec![0.0; n_dims.max(2)];
    let mut n_voted = 0usize;
    for &(statement, vote) in votes {
        let Ok(column) = projection.statements.binary_search(&statement) else {
            continue;
        };
        let summary = &analysis.statements[column];
        if summary.moderated_out || summary.is_meta {
            continue;
        }
        n_voted += 1;
        let centred = f64::from(vote.value()) - projection.means[column];
        for (t, component) in projection.components.iter().enumerate() {
            position[t] += centred * component[column];
        }
    }
    let scale =
        (projection.scale_statements as f64 / (n_voted + projection.padding).max(1) as f64).sqrt();
    position.iter_mut().for_each(|x| *x *= scale);
    position
}

fn nearest_group(analysis: &Analysis, point: &[f64]) -> Option<usize> {
    analysis
        .groups
        .iter()
        .map(|group| {
            group
                .centre
                .iter()
                .zip(point)
                .map(|(a, b)| (a - b) * (a - b))
                .sum::<f64>()
        })
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(group, _)| group)
}
