//! Writing an export in the format [`crate::read_conversation`] reads (and Pol.is publishes).

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use sosei_opinion::{Vote, VoteRecord};

use crate::{PolisComment, PolisConversation, PolisError, VoteEvent};

/// Write `comments.csv`, `votes.csv` and `participants-votes.csv` into `dir` (created if
/// missing). Without an event log, `votes.csv` lists the final votes with timestamp 0.
/// `groups` fills the `group-id` column (participant id → group); empty where absent.
pub fn write_conversation(
    dir: &Path,
    conversation: &PolisConversation,
    groups: Option<&BTreeMap<i64, usize>>,
) -> Result<(), PolisError> {
    std::fs::create_dir_all(dir).map_err(|source| PolisError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let synthetic;
    let events = match &conversation.vote_events {
        Some(events) => events,
        None => {
            synthetic = conversation
                .votes
                .iter()
                .map(|vote| VoteEvent {
                    timestamp: 0,
                    datetime: String::new(),
                    comment_id: vote.statement.0,
                    voter_id: vote.participant.0,
                    vote: vote.vote,
                })
                .collect::<Vec<_>>();
            &synthetic
        }
    };
    with_file(&dir.join("comments.csv"), |file| {
        write_comments(file, &conversation.comments)
    })?;
    with_file(&dir.join("votes.csv"), |file| {
        write_vote_events(file, events)
    })?;
    with_file(&dir.join("participants-votes.csv"), |file| {
        write_participants_votes(file, conversation, groups)
    })
}

fn with_file(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<(), PolisError>,
) -> Result<(), PolisError> {
    let io_error = |source| PolisError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = BufWriter::new(File::create(path).map_err(io_error)?);
    write(&mut file)?;
    file.flush().map_err(io_error)
}

fn write_error(file: &str, error: impl std::fmt::Display) -> PolisError {
    PolisError::Csv {
        file: file.to_owned(),
        message: format!("cannot write: {error}"),
    }
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub fn write_comments(writer: impl Write, comments: &[PolisComment]) -> Result<(), PolisError> {
    let file = "comments.csv";
    let has_meta = comments.iter().any(|c| c.is_meta);
    let mut csv = csv::Writer::from_writer(writer);
    let mut header = vec![
        "timestamp",
        "datetime",
        "comment-id",
        "author-id",
        "agrees",
        "disagrees",
        "moderated",
        "comment-body",
    ];
    if has_meta {
        header.push("is-meta");
    }
    csv.write_record(&header)
        .map_err(|e| write_error(file, e))?;
    for comment in comments {
        let mut row = vec![
            optional(comment.timestamp),
            comment.datetime.clone(),
            comment.id.to_string(),
            optional(comment.author_id),
            optional(comment.agrees),
            optional(comment.disagrees),
            comment.moderation.code().to_string(),
            comment.body.clone(),
        ];
        if has_meta {
            row.push(if comment.is_meta { "1" } else { "0" }.to_owned());
        }
        csv.write_record(&row).map_err(|e| write_error(file, e))?;
    }
    csv.flush().map_err(|e| write_error(file, e))
}

pub fn write_vote_events(writer: impl Write, events: &[VoteEvent]) -> Result<(), PolisError> {
    let file = "votes.csv";
    let mut csv = csv::Writer::from_writer(writer);
    csv.write_record(["timestamp", "datetime", "comment-id", "voter-id", "vote"])
        .map_err(|e| write_error(file, e))?;
    for event in events {
        csv.write_record([
            event.timestamp.to_string(),
            event.datetime.clone(),
            event.comment_id.to_string(),
            event.voter_id.to_string(),
            event.vote.value().to_string(),
        ])
        .map_err(|e| write_error(file, e))?;
    }
    csv.flush().map_err(|e| write_error(file, e))
}

/// One row per participant who voted or wrote a comment, one column per comment id.
pub fn write_participants_votes(
    writer: impl Write,
    conversation: &PolisConversation,
    groups: Option<&BTreeMap<i64, usize>>,
) -> Result<(), PolisError> {
    let file = "participants-votes.csv";
    let mut comment_ids: Vec<i64> = conversation.comments.iter().map(|c| c.id).collect();
    comment_ids.extend(conversation.votes.iter().map(|v| v.statement.0));
    comment_ids.sort_unstable();
    comment_ids.dedup();
    let column_of = |id: i64| comment_ids.binary_search(&id).ok();

    let mut authored: BTreeMap<i64, usize> = BTreeMap::new();
    for comment in &conversation.comments {
        if let Some(author) = comment.author_id {
            *authored.entry(author).or_default() += 1;
        }
    }
    let mut by_participant: BTreeMap<i64, Vec<&VoteRecord>> = BTreeMap::new();
    for vote in &conversation.votes {
        by_participant
            .entry(vote.participant.0)
            .or_default()
            .push(vote);
    }
    for &author in authored.keys() {
        by_participant.entry(author).or_default();
    }

    let mut csv = csv::Writer::from_writer(writer);
    let mut header: Vec<String> = [
        "participant",
        "group-id",
        "n-comments",
        "n-votes",
        "n-agree",
        "n-disagree",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    header.extend(comment_ids.iter().map(|id| id.to_string()));
    csv.write_record(&header)
        .map_err(|e| write_error(file, e))?;
    for (participant, votes) in &by_participant {
        let mut cells = vec![String::new(); comment_ids.len()];
        for vote in votes {
            if let Some(column) = column_of(vote.statement.0) {
                cells[column] = vote.vote.value().to_string();
            }
        }
        let count = |wanted: Vote| votes.iter().filter(|v| v.vote == wanted).count();
        let mut row = vec![
            participant.to_string(),
            optional(groups.and_then(|g| g.get(participant))),
            authored.get(participant).copied().unwrap_or(0).to_string(),
            votes.len().to_string(),
            count(Vote::Agree).to_string(),
            count(Vote::Disagree).to_string(),
        ];
        row.extend(cells);
        csv.write_record(&row).map_err(|e| write_error(file, e))?;
    }
    csv.flush().map_err(|e| write_error(file, e))
}
