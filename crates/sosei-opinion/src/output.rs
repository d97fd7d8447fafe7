//! What [`crate::analyze`] returns: plain data, serialisable, in a canonical order.

use serde::{Deserialize, Serialize};

use crate::input::{ParticipantKey, StatementKey};
use crate::stats::{Interval, Tally};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Every participant with at least one counted vote, by key.
    pub participants: Vec<ParticipantPlacement>,
    /// Opinion groups, largest first (ties: the group holding the smallest participant key).
    pub groups: Vec<OpinionGroup>,
    pub consensus: Consensus,
    /// Statements on which the groups clearly differ, most divisive first.
    pub divisive: Vec<DivisiveStatement>,
    /// Every statement, by key, with its overall tally, map position and routing priority.
    pub statements: Vec<StatementSummary>,
    /// How positions are computed, so that a newcomer can be placed without a rerun.
    pub projection: Projection,
    /// The k that was chosen, and why.
    pub group_choice: GroupChoice,
    pub counts: Counts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParticipantPlacement {
    pub key: ParticipantKey,
    /// Canonical group id (index into [`Analysis::groups`]); `None` when not clustered.
    pub group: Option<usize>,
    /// Position on the 2-D opinion map (first two principal components).
    pub position: [f64; 2],
    /// Met the inclusion rule (or was topped up) and so was clustered.
    pub included: bool,
    /// Votes counted (statements neither moderated out nor meta).
    pub n_votes: u32,
    /// How clearly the participant belongs to their group, in (0, 1]: the posterior probability of
    /// their group under equal-variance Gaussian groups with the groups' sizes as priors.
    pub membership_confidence: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpinionGroup {
    pub id: usize,
    /// Member keys in ascending order.
    pub members: Vec<ParticipantKey>,
    /// Centre in the space the groups were found in ([`Projection::cluster_dimensions`] long).
    pub centre: Vec<f64>,
    /// Centre on the 2-D map.
    pub map_centre: [f64; 2],
    pub representative: Vec<RepresentativeStatement>,
    /// This group's votes on every statement that is not moderated out, by statement key.
    pub votes: Vec<GroupStatementVotes>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Agree,
    Disagree,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Agree => "agree",
            Direction::Disagree => "disagree",
        }
    }
}

/// A statement that sets a group apart (Pol.is's representativeness).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RepresentativeStatement {
    pub statement: StatementKey,
    pub direction: Direction,
    /// The group's votes on it.
    pub tally: Tally,
    /// (n_direction + 1) / (n_seen + 2).
    pub probability: f64,
    /// Proportion test of that probability against one half.
    pub probability_test: f64,
    /// Ratio of the group's probability to the rest's.
    pub representativeness: f64,
    /// Two-proportion test of the group against the rest.
    pub representativeness_test: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupStatementVotes {
    pub statement: StatementKey,
    pub tally: Tally,
    /// agree / (agree + disagree + pass); 0 with no votes.
    pub agree_rate: f64,
    pub agree_interval: Interval,
    pub disagree_rate: f64,
    pub disagree_interval: Interval,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consensus {
    /// Agreed by the participants overall (significantly) AND by a majority within every group.
    pub agree: Vec<ConsensusStatement>,
    /// Disagreed likewise.
    pub disagree: Vec<ConsensusStatement>,
    /// Highest group-informed consensus Π_g (agree_g + 1) / (seen_g + 2), Pol.is's measure.
    pub group_informed: Vec<ConsensusStatement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsensusStatement {
    pub statement: StatementKey,
    /// Overall smoothed probability of the direction, (n + 1) / (seen + 2).
    pub probability: f64,
    pub probability_test: f64,
    /// Π over groups of the smoothed probability of the direction.
    pub group_informed: f64,
    /// The lowest rate of the direction in any group (n / seen).
    pub lowest_group_rate: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DivisiveStatement {
    pub statement: StatementKey,
    /// Gap between Wilson intervals: lower bound of the most agreeing group's agree rate minus the
    /// upper bound of the least agreeing group's. Positive means the groups surely differ.
    pub divisiveness: f64,
    pub most_agreeing_group: usize,
    pub least_agreeing_group: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementSummary {
    pub key: StatementKey,
    pub moderated_out: bool,
    pub is_meta: bool,
    /// Every participant's votes on it (clustered or not).
    pub tally: Tally,
    /// Where a participant who agreed with only this statement would sit on the map.
    pub map_position: [f64; 2],
    /// Distance of that point from the centre (Pol.is's extremity).
    pub extremity: f64,
    /// Π_g (agree_g + 1) / (seen_g + 2).
    pub group_informed_consensus: f64,
    /// Weight for choosing the next statement to show (proportional selection); 0 = never.
    pub priority: f64,
}

/// The projection: p = sqrt(n_active / max(votes, 1)) · Σ_voted (vote − mean) · component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    pub statements: Vec<StatementKey>,
    /// Mean vote per statement (0 where not active).
    pub means: Vec<f64>,
    /// Principal components, each as long as `statements`; the first two are the map axes.
    pub components: Vec<Vec<f64>>,
    /// Share of the total variance each component explains.
    pub explained_variance: Vec<f64>,
    /// How many leading components the groups were found in.
    pub cluster_dimensions: usize,
    /// Statements neither moderated out nor meta.
    pub n_active_statements: usize,
    /// N and padding in sqrt(N / (votes + padding)).
    pub scale_statements: usize,
    pub padding: usize,
    /// Pooled within-group variance per dimension (for membership confidence).
    pub within_group_variance: f64,
    pub pca_iterations: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupChoice {
    pub chosen_k: usize,
    pub base_clusters: usize,
    pub candidates: Vec<GroupCandidate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupCandidate {
    pub k: usize,
    pub silhouette: f64,
    pub smallest_group: usize,
    /// False when a group would be smaller than the minimum size.
    pub admissible: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub participants: usize,
    pub included_participants: usize,
    pub statements: usize,
    pub active_statements: usize,
    pub votes: usize,
    pub votes_on_unknown_statements: usize,
    pub votes_by_banned: usize,
    pub duplicate_votes: usize,
}
