//! What the engine is given: statements, final votes, banned participants, and the knobs.

use serde::{Deserialize, Serialize};

/// A participant, as the caller numbers them (a database id, a Pol.is voter-id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ParticipantKey(pub i64);

/// A statement, as the caller numbers them (a database id, a Pol.is comment-id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StatementKey(pub i64);

/// One participant's final answer to one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Vote {
    Disagree,
    Pass,
    Agree,
}

impl Vote {
    /// +1 agree, −1 disagree, 0 pass: the sign of Pol.is's CSV exports (its internal sign is the
    /// opposite; principal components do not care, counts do).
    pub fn value(self) -> i8 {
        match self {
            Vote::Agree => 1,
            Vote::Disagree => -1,
            Vote::Pass => 0,
        }
    }

    pub fn from_value(value: i8) -> Option<Vote> {
        match value {
            1 => Some(Vote::Agree),
            -1 => Some(Vote::Disagree),
            0 => Some(Vote::Pass),
            _ => None,
        }
    }
}

/// A statement and the moderation facts the method needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementInfo {
    pub key: StatementKey,
    /// Rejected by a moderator: ignored everywhere (its votes too), priority 0.
    pub moderated_out: bool,
    /// A statement about the conversation itself ("I am a student"): shown, tallied, but kept out
    /// of the map, the groups, representativeness and consensus.
    pub is_meta: bool,
}

impl StatementInfo {
    pub fn plain(key: i64) -> StatementInfo {
        StatementInfo {
            key: StatementKey(key),
            moderated_out: false,
            is_meta: false,
        }
    }
}

/// A final vote. "Last vote wins" is the caller's job: the engine has no clock. If the same
/// (participant, statement) pair still appears twice, the engine keeps the higher vote value
/// (agree over pass over disagree) so that the result does not depend on row order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct VoteRecord {
    pub participant: ParticipantKey,
    pub statement: StatementKey,
    pub vote: Vote,
}

impl VoteRecord {
    pub fn new(participant: i64, statement: i64, vote: Vote) -> VoteRecord {
        VoteRecord {
            participant: ParticipantKey(participant),
            statement: StatementKey(statement),
            vote,
        }
    }
}

/// Everything [`crate::analyze`] reads. Row order carries no meaning: the engine sorts by key first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisInput {
    pub statements: Vec<StatementInfo>,
    pub votes: Vec<VoteRecord>,
    /// Banned participants: their votes are dropped before anything is computed.
    pub banned: Vec<ParticipantKey>,
    /// The groups of the previous analysis, if any (participant, group id). Their number of
    /// groups is kept unless another wins the silhouette by [`AnalysisConfig::k_margin`], so the
    /// number of groups does not jump between runs, and they are one of the starts of the group
    /// k-means for that number (kept only if clearly better than Pol.is's start; see the crate
    /// docs). Empty: a cold start.
    #[serde(default)]
    pub previous_groups: Vec<PreviousGroup>,
}

/// One participant's group in the previous analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PreviousGroup {
    pub participant: ParticipantKey,
    pub group: usize,
}

/// The knobs. [`AnalysisConfig::default`] is what `sosei analyze` and the web use; each default is
/// explained in the crate documentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisConfig {
    /// Seeds every random choice (PCA start block, k-means++). Same seed, same input: same result.
    pub seed: u64,
    /// A participant is placed in a group once they have voted on at least
    /// min(this, number of statements) statements (Pol.is: 7).
    pub min_votes_to_cluster: usize,
    /// If fewer participants than this qualify, the most active others are added until this many
    /// are in (Pol.is: 15), so that a young conversation already shows groups.
    pub top_up_to: usize,
    /// Count votes on moderated-out statements towards the inclusion rule, as Pol.is does.
    pub count_moderated_votes: bool,
    /// Pol.is's projection treats moderated-out (and meta) statements as answered 0 by everyone,
    /// which damps the sqrt(N / votes) scale-up of sparse voters. See the crate docs.
    pub pad_projection_with_moderated: bool,
    /// Principal components computed and used for the groups. The map shows the first two.
    pub cluster_dimensions: usize,
    /// Above this many clustered participants, they are first collapsed into at most this many
    /// grid cells ("base clusters") and the groups are formed from those, weighted by size.
    pub base_points: usize,
    /// The silhouette that chooses the number of groups is computed on at most this many
    /// weighted points (grid cells that never mix groups).
    pub silhouette_points: usize,
    /// Largest number of opinion groups considered (Pol.is: 5).
    pub max_groups: usize,
    /// No opinion group may be smaller than this (a group of one or two people is not a group).
    pub min_group_size: usize,
    /// A larger k must beat the smaller k's silhouette by this much to be chosen.
    pub k_margin: f64,
    /// Seeded k-means++ restarts for each number of groups; the lowest inertia of them competes
    /// with Pol.is's start, which it replaces only with a clearly lower inertia.
    pub group_restarts: usize,
    /// Representative statements per group (Pol.is: 5).
    pub max_representative: usize,
    /// Length of each consensus and divisive list (Pol.is: 5).
    pub max_listed: usize,
    /// One-sided z for "significant" (Pol.is: 1.2816, 90 %).
    pub z_significant: f64,
    /// Two-sided z for the agree-rate intervals (1.96: 95 %).
    pub z_interval: f64,
}

impl Default for AnalysisConfig {
    fn default() -> AnalysisConfig {
        AnalysisConfig {
            seed: 0x5053_4549_2D4F_504E, // "SOSEI-OPN"
            min_votes_to_cluster: 7,
            top_up_to: 15,
            count_moderated_votes: true,
            pad_projection_with_moderated: true,
            cluster_dimensions: 2,
            base_points: 2000,
            silhouette_points: 500,
            max_groups: 5,
            min_group_size: 3,
            k_margin: 0.02,
            group_restarts: 8,
            max_representative: 5,
            max_listed: 5,
            z_significant: 1.2816,
            z_interval: 1.96,
        }
    }
}
