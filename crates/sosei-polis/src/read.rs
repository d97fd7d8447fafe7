//! Parsing the CSV files of an export.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use sosei_opinion::{Vote, VoteRecord};

use crate::{Moderation, PolisComment, PolisConversation, PolisError, VoteEvent, vote_from_code};

/// Read an export folder: `comments.csv`, then `votes.csv` or, failing that,
/// `participants-votes.csv`.
pub fn read_conversation(dir: &Path) -> Result<PolisConversation, PolisError> {
    let comments = read_comments(open(&dir.join("comments.csv"))?, "comments.csv")?;
    let votes_path = dir.join("votes.csv");
    let participants_path = dir.join("participants-votes.csv");
    let (vote_events, votes) = if votes_path.is_file() {
        let events = read_vote_events(open(&votes_path)?, "votes.csv")?;
        let votes = final_votes(&events);
        (Some(events), votes)
    } else if participants_path.is_file() {
        let votes = read_participants_votes(open(&participants_path)?, "participants-votes.csv")?;
        (None, votes)
    } else {
        return Err(PolisError::NoVotes {
            dir: dir.to_path_buf(),
        });
    };
    Ok(PolisConversation {
        comments,
        vote_events,
        votes,
    })
}

fn open(path: &Path) -> Result<File, PolisError> {
    File::open(path).map_err(|source| PolisError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// A CSV reader over a header row, with file and line in every error.
struct Table<R: Read> {
    file: String,
    header: Vec<String>,
    reader: csv::Reader<R>,
}

impl<R: Read> Table<R> {
    fn new(reader: R, file: &str) -> Result<Table<R>, PolisError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(reader);
        let header = reader
            .headers()
            .map_err(|error| csv_error(file, &error))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        Ok(Table {
            file: file.to_owned(),
            header,
            reader,
        })
    }

    fn column(&self, name: &str) -> Result<usize, PolisError> {
        self.optional_column(name)
            .ok_or_else(|| PolisError::MissingColumn {
                file: self.file.clone(),
                column: name.to_owned(),
            })
    }

    fn optional_column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Calls `each(line, record)` for every row.
    fn for_each(
        &mut self,
        mut each: impl FnMut(&Cell<'_>) -> Result<(), PolisError>,
    ) -> Result<(), PolisError> {
        let mut record = csv::StringRecord::new();
        loop {
            match self.reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => return Ok(()),
                Err(error) => return Err(csv_error(&self.file, &error)),
            }
            let line = record.position().map_or(0, |p| p.line());
            each(&Cell {
                file: &self.file,
                header: &self.header,
                record: &record,
                line,
            })?;
        }
    }
}

fn csv_error(file: &str, error: &csv::Error) -> PolisError {
    PolisError::Csv {
        file: file.to_owned(),
        message: error.to_string(),
    }
}

/// One row, with typed accessors that report file, line and column on failure.
struct Cell<'a> {
    file: &'a str,
    header: &'a [String],
    record: &'a csv::StringRecord,
    line: u64,
}

impl Cell<'_> {
    fn text(&self, column: usize) -> &str {
        self.record.get(column).unwrap_or("").trim()
    }

    fn raw(&self, column: usize) -> &str {
        self.record.get(column).unwrap_or("")
    }

    fn bad(&self, column: usize, expected: &'static str) -> PolisError {
        PolisError::BadValue {
            file: self.file.to_owned(),
            line: self.line,
            column: self.header.get(column).cloned().unwrap_or_default(),
            value: self.text(column).to_owned(),
            expected,
        }
    }

    fn integer(&self, column: usize) -> Result<i64, PolisError> {
        parse_integer(self.text(column)).ok_or_else(|| self.bad(column, "an integer"))
    }

    fn optional_integer(&self, column: usize) -> Result<Option<i64>, PolisError> {
        if self.text(column).is_empty() {
            return Ok(None);
        }
        self.integer(column).map(Some)
    }

    fn vote(&self, column: usize) -> Result<Option<Vote>, PolisError> {
        let text = self.text(column);
        if text.is_empty() {
            return Ok(None);
        }
        parse_integer(text)
            .and_then(vote_from_code)
            .map(Some)
            .ok_or_else(|| self.bad(column, "a vote (1, 0 or -1)"))
    }
}

/// Integers, also written as "1.0" by spreadsheet round trips.
fn parse_integer(text: &str) -> Option<i64> {
    if let Ok(value) = text.parse::<i64>() {
        return Some(value);
    }
    let value: f64 = text.parse().ok()?;
    (value.fract() == 0.0 && value.abs() < 9.0e15).then_some(value as i64)
}

/// `comments.csv`, sorted by comment id. A comment id repeated on two rows is an error.
pub fn read_comments(reader: impl Read, file: &str) -> Result<Vec<PolisComment>, PolisError> {
    let mut table = Table::new(reader, file)?;
    let id = table.column("comment-id")?;
    let body = table.column("comment-body")?;
    let moderated = table.optional_column("moderated");
    let timestamp = table.optional_column("timestamp");
    let datetime = table.optional_column("datetime");
    let author = table.optional_column("author-id");
    let agrees = table.optional_column("agrees");
    let disagrees = table.optional_column("disagrees");
    let is_meta = table.optional_column("is-meta");
    let mut comments = Vec::new();
    let mut lines = Vec::new();
    table.for_each(|row| {
        let moderation = match moderated {
            None => Moderation::Unmoderated,
            Some(column) => match row.optional_integer(column)? {
                None | Some(0) => Moderation::Unmoderated,
                Some(1) => Moderation::Accepted,
                Some(-1) => Moderation::Rejected,
                Some(_) => return Err(row.bad(column, "a moderation code (-1, 0 or 1)")),
            },
        };
        let count = |column: Option<usize>| -> Result<Option<u64>, PolisError> {
            match column {
                None => Ok(None),
                Some(column) => match row.optional_integer(column)? {
                    None => Ok(None),
                    Some(n) => u64::try_from(n)
                        .map(Some)
                        .map_err(|_| row.bad(column, "a count")),
                },
            }
        };
        let meta = match is_meta {
            None => false,
            Some(column) => match row.text(column).to_ascii_lowercase().as_str() {
                "" | "0" | "false" | "f" => false,
                "1" | "true" | "t" => true,
                _ => return Err(row.bad(column, "a boolean")),
            },
        };
        comments.push(PolisComment {
            id: row.integer(id)?,
            timestamp: timestamp
                .map(|c| row.optional_integer(c))
                .transpose()?
                .flatten(),
            datetime: datetime.map(|c| row.raw(c).to_owned()).unwrap_or_default(),
            author_id: author
                .map(|c| row.optional_integer(c))
                .transpose()?
                .flatten(),
            agrees: count(agrees)?,
            disagrees: count(disagrees)?,
            moderation,
            is_meta: meta,
            body: row.raw(body).to_owned(),
        });
        lines.push(row.line);
        Ok(())
    })?;
    let mut order: Vec<usize> = (0..comments.len()).collect();
    order.sort_by_key(|&i| comments[i].id);
    for pair in order.windows(2) {
        if comments[pair[0]].id == comments[pair[1]].id {
            let later = pair[0].max(pair[1]);
            return Err(PolisError::BadValue {
                file: file.to_owned(),
                line: lines[later],
                column: "comment-id".to_owned(),
                value: comments[later].id.to_string(),
                expected: "a comment id not already used on another row",
            });
        }
    }
    comments.sort_by_key(|comment| comment.id);
    Ok(comments)
}

/// `votes.csv`: the event log, sorted (by timestamp, then the other fields) so that it reads the
/// same whatever the row order of the file.
pub fn read_vote_events(reader: impl Read, file: &str) -> Result<Vec<VoteEvent>, PolisError> {
    let mut table = Table::new(reader, file)?;
    let timestamp = table.column("timestamp")?;
    let datetime = table.optional_column("datetime");
    let comment = table.column("comment-id")?;
    let voter = table.column("voter-id")?;
    let vote = table.column("vote")?;
    let mut events = Vec::new();
    table.for_each(|row| {
        let Some(value) = row.vote(vote)? else {
            return Err(row.bad(vote, "a vote (1, 0 or -1)"));
        };
        events.push(VoteEvent {
            timestamp: row.integer(timestamp)?,
            datetime: datetime.map(|c| row.raw(c).to_owned()).unwrap_or_default(),
            comment_id: row.integer(comment)?,
            voter_id: row.integer(voter)?,
            vote: value,
        });
        Ok(())
    })?;
    events.sort();
    Ok(events)
}

/// The last vote of each voter on each comment: latest timestamp; on a tie, the higher vote value
/// (agree over pass over disagree). Sorted by (voter, comment).
pub fn final_votes(events: &[VoteEvent]) -> Vec<VoteRecord> {
    let mut sorted: Vec<&VoteEvent> = events.iter().collect();
    sorted.sort_by_key(|e| (e.voter_id, e.comment_id, e.timestamp, e.vote));
    let mut votes: Vec<VoteRecord> = Vec::new();
    for event in sorted {
        let record = VoteRecord::new(event.voter_id, event.comment_id, event.vote);
        match votes.last_mut() {
            Some(last)
                if last.participant == record.participant && last.statement == record.statement =>
            {
                *last = record;
            }
            _ => votes.push(record),
        }
    }
    votes
}

/// `participants-votes.csv`: one row per participant, one column per comment id (the columns
/// whose header is a number); an empty cell is no vote. Only votes are read, never `group-id`.
pub fn read_participants_votes(
    reader: impl Read,
    file: &str,
) -> Result<Vec<VoteRecord>, PolisError> {
    let mut table = Table::new(reader, file)?;
    let participant = table.column("participant")?;
    let comment_columns: Vec<(usize, i64)> = table
        .header
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.is_empty() && h.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|(column, h)| h.parse::<i64>().ok().map(|id| (column, id)))
        .collect();
    let mut votes = Vec::new();
    let mut seen_participants: Vec<(i64, u64)> = Vec::new();
    table.for_each(|row| {
        let key = row.integer(participant)?;
        seen_participants.push((key, row.line));
        for &(column, comment) in &comment_columns {
            if let Some(vote) = row.vote(column)? {
                votes.push(VoteRecord::new(key, comment, vote));
            }
        }
        Ok(())
    })?;
    seen_participants.sort_unstable();
    for pair in seen_participants.windows(2) {
        if pair[0].0 == pair[1].0 {
            return Err(PolisError::BadValue {
                file: file.to_owned(),
                line: pair[0].1.max(pair[1].1),
                column: "participant".to_owned(),
                value: pair[0].0.to_string(),
                expected: "a participant not already listed on another row",
            });
        }
    }
    votes.sort_unstable_by_key(|v| (v.participant, v.statement));
    Ok(votes)
}
