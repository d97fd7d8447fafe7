//! Read and write Pol.is openData exports, and turn them into the opinion engine's input.
//!
//! A folder holds `comments.csv` and either `votes.csv` (an event log; the last vote by
//! timestamp counts) or, when that is missing, `participants-votes.csv` (the final vote matrix).
//! Row order never matters: the judge and real exports shuffle or re-sort rows freely, so final
//! votes are chosen by timestamp, with ties broken by the vote value (agree over pass over
//! disagree), never by position in the file.
//!
//! The `group-id` column of `participants-votes.csv` (the groups Pol.is showed) is deliberately
//! never read: Sosei computes its own groups. The writer fills it from groups you pass in.
//!
//! The exports of the Computational Democracy Project are licensed CC BY 4.0: "Data was gathered
//! using the Polis software (compdemocracy.org/polis) and is sub-licensed under CC BY 4.0 with
//! Attribution to The Computational Democracy Project."

mod read;
mod report;
mod write;

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sosei_opinion::{
    Analysis, AnalysisConfig, AnalysisInput, PreviousGroup, StatementInfo, Vote, VoteRecord,
};

pub use read::{
    final_votes, read_comments, read_conversation, read_participants_votes, read_vote_events,
};
pub use report::{AnalysisReport, report};
pub use write::{write_comments, write_conversation, write_participants_votes, write_vote_events};

/// A moderator's decision on a comment (`moderated` column: −1, 0, 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Moderation {
    Rejected,
    Unmoderated,
    Accepted,
}

impl Moderation {
    pub fn code(self) -> i8 {
        match self {
            Moderation::Rejected => -1,
            Moderation::Unmoderated => 0,
            Moderation::Accepted => 1,
        }
    }
}

/// One row of `comments.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolisComment {
    pub id: i64,
    pub timestamp: Option<i64>,
    pub datetime: String,
    pub author_id: Option<i64>,
    pub agrees: Option<u64>,
    pub disagrees: Option<u64>,
    pub moderation: Moderation,
    /// Not in Pol.is's export; read from an `is-meta` column when one is present.
    pub is_meta: bool,
    pub body: String,
}

/// One row of `votes.csv`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct VoteEvent {
    pub timestamp: i64,
    pub datetime: String,
    pub comment_id: i64,
    pub voter_id: i64,
    pub vote: Vote,
}

/// A whole export folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolisConversation {
    /// By comment id.
    pub comments: Vec<PolisComment>,
    /// The event log, when the folder had `votes.csv`.
    pub vote_events: Option<Vec<VoteEvent>>,
    /// Final votes by (voter, comment).
    pub votes: Vec<VoteRecord>,
}

impl PolisConversation {
    /// The engine's input: rejected comments are moderated out; votes on comments missing from
    /// `comments.csv` keep their comment as an ordinary statement (the votes are real).
    pub fn analysis_input(&self) -> AnalysisInput {
        let mut statements: Vec<StatementInfo> = self
            .comments
            .iter()
            .map(|comment| StatementInfo {
                key: sosei_opinion::StatementKey(comment.id),
                moderated_out: comment.moderation == Moderation::Rejected,
                is_meta: comment.is_meta,
            })
            .collect();
        let mut voted: Vec<i64> = self.votes.iter().map(|v| v.statement.0).collect();
        voted.sort_unstable();
        voted.dedup();
        for id in voted {
            if self.comments.binary_search_by_key(&id, |c| c.id).is_err() {
                statements.push(StatementInfo::plain(id));
            }
        }
        AnalysisInput {
            statements,
            votes: self.votes.clone(),
            banned: Vec::new(),
            previous_groups: Vec::new(),
        }
    }

    /// Analyse the conversation as it grew: at `checkpoints` moments evenly spaced through the
    /// vote log (by number of events), each analysis warm-started from the previous one's groups,
    /// as a live deployment would have run it. Without a vote log, one cold analysis.
    pub fn analyze_history(&self, config: &AnalysisConfig, checkpoints: usize) -> Analysis {
        let mut input = self.analysis_input();
        let events = match &self.vote_events {
            Some(events) if checkpoints > 1 && !events.is_empty() => events,
            _ => return sosei_opinion::analyze(&input, config),
        };
        let mut previous: Vec<PreviousGroup> = Vec::new();
        let mut analysis = None;
        for checkpoint in 1..=checkpoints {
            let cutoff = events[(events.len() * checkpoint / checkpoints).max(1) - 1].timestamp;
            let end = events.partition_point(|e| e.timestamp <= cutoff);
            input.votes = final_votes(&events[..end]);
            input.previous_groups = previous;
            let result = sosei_opinion::analyze(&input, config);
            previous = result
                .participants
                .iter()
                .filter_map(|p| {
                    p.group.map(|group| PreviousGroup {
                        participant: p.key,
                        group,
                    })
                })
                .collect();
            analysis = Some(result);
            if end == events.len() {
                break;
            }
        }
        input.previous_groups = previous;
        input.votes = self.votes.clone();
        analysis.unwrap_or_else(|| sosei_opinion::analyze(&input, config))
    }
}

/// Why an export could not be read or written. Every parse error names the file and line.
#[derive(Debug, thiserror::Error)]
pub enum PolisError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    Csv { file: String, message: String },
    #[error("{file}: no column named \"{column}\" in the header")]
    MissingColumn { file: String, column: String },
    #[error("{file}, line {line}: column \"{column}\": {value:?} is not {expected}")]
    BadValue {
        file: String,
        line: u64,
        column: String,
        value: String,
        expected: &'static str,
    },
    #[error("{dir}: neither votes.csv nor participants-votes.csv is present")]
    NoVotes { dir: PathBuf },
}

pub(crate) fn vote_from_code(code: i64) -> Option<Vote> {
    match code {
        1 => Some(Vote::Agree),
        -1 => Some(Vote::Disagree),
        0 => Some(Vote::Pass),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
