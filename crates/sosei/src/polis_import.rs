//! `sosei import polis DIR`: load a Pol.is openData export into a new, closed conversation.
//!
//! Comments become statements (in comment-id order, each comment id kept in the store's
//! external-id table so `sosei export polis` can give it back), voters and authors become
//! participants with an `External` identity (the voter id), and the final vote of each voter on
//! each comment is written in bulk with the time it was cast. Pol.is timestamps are in
//! milliseconds; the store keeps seconds.
//!
//! Importing the same folder twice makes a second conversation: an import is a new snapshot,
//! never a merge into something people may have moderated since.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use sosei_core::deliberation::{
    AuditEntry, ConversationState, FacilitatorAction, ModerationMode, ModerationStatus,
    NewConversation, ParticipantIdentity, ParticipationMode, StatementText, StatementTextError,
    VoteChoice, VoteRecord, is_wide_character,
};
use sosei_core::{
    ConversationId, LocalizedText, MunicipalityCode, OrganisationSlug, ParticipantId, StatementId,
};
use sosei_opinion::Vote;
use sosei_polis::{Moderation, PolisConversation};
use sosei_store::{ExternalId, ExternalKind, Store};
use time::OffsetDateTime;

use crate::cli::DatabaseArgs;

#[derive(Debug, Args)]
pub struct ImportPolisArgs {
    /// Folder with comments.csv and votes.csv (or participants-votes.csv).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Slug of the organisation that will own the conversation.
    #[arg(long, value_name = "SLUG")]
    pub organisation: String,

    /// Municipality code (6 digits) of the town the conversation is about.
    #[arg(long, value_name = "CODE")]
    pub region: Option<String>,

    /// Title of the conversation [default: the folder's name].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// What to import into, checked before anything is read or written.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub organisation: OrganisationSlug,
    pub region: Option<MunicipalityCode>,
    pub title: String,
    /// Where the export came from, for the conversation's description and the audit log.
    pub source: String,
}

impl ImportOptions {
    pub fn from_args(args: &ImportPolisArgs) -> anyhow::Result<ImportOptions> {
        let organisation = OrganisationSlug::parse(&args.organisation)
            .with_context(|| format!("--organisation: {:?} is not a slug", args.organisation))?;
        let region = args
            .region
            .as_deref()
            .map(|raw| {
                MunicipalityCode::parse(raw)
                    .with_context(|| format!("--region: {raw:?} is not a municipality code"))
            })
            .transpose()?;
        let folder_name = folder_name(&args.dir);
        let title = args
            .title
            .clone()
            .unwrap_or_else(|| folder_name.clone())
            .trim()
            .to_owned();
        anyhow::ensure!(!title.is_empty(), "--title: the title is empty");
        Ok(ImportOptions {
            organisation,
            region,
            title,
            source: folder_name,
        })
    }
}

fn folder_name(dir: &Path) -> String {
    let absolute = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    absolute
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Pol.is".to_owned())
}

/// What an import created, and what it had to leave out or change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub conversation: Option<ConversationId>,
    pub statements: usize,
    pub participants: usize,
    pub votes: usize,
    /// Comments longer than a statement may be, stored shortened (their votes are kept).
    pub shortened: Vec<i64>,
    /// Comments with no text at all, stored under [`placeholder_text`] (their votes are kept).
    pub without_text: Vec<i64>,
    /// Comments that could not be stored at all, left out with their votes.
    pub skipped_comments: Vec<i64>,
    /// Votes on comments that are not in comments.csv (or were left out).
    pub skipped_votes: usize,
}

/// One step of a long import, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
}

/// Votes per `cast_votes` call: big enough to keep the bulk insert efficient, small enough to
/// show progress every fraction of a second.
const VOTES_PER_CALL: usize = 10_000;

pub async fn run(store: &Store, args: &ImportPolisArgs) -> anyhow::Result<()> {
    let options = ImportOptions::from_args(args)?;
    let started = Instant::now();
    let conversation = sosei_polis::read_conversation(&args.dir)
        .with_context(|| format!("cannot read the export in {}", args.dir.display()))?;
    let question = read_topic(&args.dir);
    let mut progress_line = ProgressLine::new();
    let summary = import_polis(
        store,
        &conversation,
        question.as_deref(),
        &options,
        OffsetDateTime::now_utc(),
        &mut |progress| progress_line.show(progress),
    )
    .await?;
    progress_line.finish();
    let conversation_id = summary
        .conversation
        .map_or_else(String::new, |id| id.0.to_string());
    println!(
        "Imported {} into conversation {conversation_id}: {} statements, {} participants, {} votes in {:.1} s.",
        args.dir.display(),
        summary.statements,
        summary.participants,
        group_digits(summary.votes),
        started.elapsed().as_secs_f64()
    );
    if !summary.shortened.is_empty() {
        println!(
            "Shortened to fit a statement: comments {}.",
            join_ids(&summary.shortened)
        );
    }
    if !summary.without_text.is_empty() {
        println!(
            "No text, stored as a placeholder: comments {}.",
            join_ids(&summary.without_text)
        );
    }
    if !summary.skipped_comments.is_empty() {
        println!(
            "Left out: comments {}.",
            join_ids(&summary.skipped_comments)
        );
    }
    if summary.skipped_votes > 0 {
        println!(
            "Left out {} votes on comments missing from comments.csv.",
            summary.skipped_votes
        );
    }
    Ok(())
}

/// The question of the conversation, from `summary.csv`'s `topic` line when the export has one.
fn read_topic(dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(dir.join("summary.csv")).ok()?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .find(|record| record.get(0) == Some("topic"))
        .and_then(|record| record.get(1).map(|topic| topic.trim().to_owned()))
        .filter(|topic| !topic.is_empty())
}

/// Load `polis` into a new conversation owned by `options.organisation`. `now` is used where
/// the export has no time (votes read from participants-votes.csv).
pub async fn import_polis(
    store: &Store,
    polis: &PolisConversation,
    question: Option<&str>,
    options: &ImportOptions,
    now: OffsetDateTime,
    progress: &mut dyn FnMut(Progress),
) -> anyhow::Result<ImportSummary> {
    let organisation = store
        .organisation_by_slug(&options.organisation)
        .await
        .with_context(|| format!("no organisation {}", options.organisation))?;
    let mut summary = ImportSummary::default();

    // Final votes with the time each was cast (the last event per voter and comment, the same
    // rule `sosei_polis::final_votes` applies), or `now` without an event log.
    let timed_votes: Vec<(sosei_opinion::VoteRecord, OffsetDateTime)> = match &polis.vote_events {
        Some(events) => {
            let mut sorted: Vec<&sosei_polis::VoteEvent> = events.iter().collect();
            sorted.sort_by_key(|e| (e.voter_id, e.comment_id, e.timestamp, e.vote));
            let mut last: Vec<&sosei_polis::VoteEvent> = Vec::new();
            for event in sorted {
                match last.last_mut() {
                    Some(previous)
                        if previous.voter_id == event.voter_id
                            && previous.comment_id == event.comment_id =>
                    {
                        *previous = event;
                    }
                    _ => last.push(event),
                }
            }
            last.into_iter()
                .map(|e| {
                    (
                        sosei_opinion::VoteRecord::new(e.voter_id, e.comment_id, e.vote),
                        time_from_millis(e.timestamp).unwrap_or(now),
                    )
                })
                .collect()
        }
        None => polis.votes.iter().map(|vote| (*vote, now)).collect(),
    };
    let first_activity = timed_votes
        .iter()
        .map(|(_, at)| *at)
        .chain(
            polis
                .comments
                .iter()
                .filter_map(|c| c.timestamp.and_then(time_from_millis)),
        )
        .min()
        .unwrap_or(now);
    let last_activity = timed_votes
        .iter()
        .map(|(_, at)| *at)
        .max()
        .unwrap_or(now)
        .max(first_activity);

    let new_conversation = NewConversation {
        organisation: organisation.id,
        region: options.region,
        title: in_its_language(&options.title),
        question: question.map(in_its_language).unwrap_or_default(),
        description: LocalizedText::new(
            format!(
                "Pol.is のエクスポート（{}）から取り込んだ話し合いです。データは Polis ソフトウェア（compdemocracy.org/polis）で集められ、The Computational Democracy Project の表示のもと CC BY 4.0 で提供されています。",
                options.source
            ),
            format!(
                "Imported from a Pol.is export ({}). Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed under CC BY 4.0 with Attribution to The Computational Democracy Project.",
                options.source
            ),
        ),
        moderation_mode: ModerationMode::Post,
        participation_mode: ParticipationMode::Anonymous,
        invitation_code: None,
        attribute_questions: Vec::new(),
        district_options: Vec::new(),
    };
    let conversation = store
        .create_conversation(&new_conversation, first_activity)
        .await
        .context("cannot create the conversation")?;
    summary.conversation = Some(conversation.id);

    // Participants: every voter and every author, by voter id.
    let mut first_vote_of: BTreeMap<i64, OffsetDateTime> = BTreeMap::new();
    for (vote, at) in &timed_votes {
        let entry = first_vote_of.entry(vote.participant.0).or_insert(*at);
        *entry = (*entry).min(*at);
    }
    let voter_ids: BTreeSet<i64> = first_vote_of
        .keys()
        .copied()
        .chain(polis.comments.iter().filter_map(|c| c.author_id))
        .collect();
    let mut participant_of: HashMap<i64, ParticipantId> = HashMap::new();
    let no_attributes = BTreeMap::new();
    for (index, voter) in voter_ids.iter().enumerate() {
        let joined_at = first_vote_of.get(voter).copied().unwrap_or(first_activity);
        let participant = store
            .join_conversation(
                conversation.id,
                &ParticipantIdentity::External(voter.to_string()),
                &no_attributes,
                joined_at,
            )
            .await
            .with_context(|| format!("cannot add participant {voter}"))?;
        participant_of.insert(*voter, participant.id);
        if (index + 1) % 100 == 0 || index + 1 == voter_ids.len() {
            progress(Progress {
                stage: "participants",
                done: index + 1,
                total: voter_ids.len(),
            });
        }
    }
    summary.participants = participant_of.len();

    // Statements, in comment-id order.
    let mut statement_of: HashMap<i64, StatementId> = HashMap::new();
    let mut external_ids = Vec::new();
    for (index, comment) in polis.comments.iter().enumerate() {
        let text = match statement_text_from_comment(&comment.body) {
            Some(CommentText::AsWritten(text)) => text,
            Some(CommentText::Shortened(text)) => {
                summary.shortened.push(comment.id);
                text
            }
            None => match StatementText::parse(&placeholder_text(comment.id)) {
                // Kept, under a placeholder, for the votes people cast on it.
                Ok(text) => {
                    summary.without_text.push(comment.id);
                    text
                }
                Err(_) => {
                    summary.skipped_comments.push(comment.id);
                    continue;
                }
            },
        };
        let author = comment
            .author_id
            .and_then(|author| participant_of.get(&author).copied());
        let moderation = match comment.moderation {
            Moderation::Rejected => ModerationStatus::Rejected,
            // Under post-moderation an unmoderated comment was shown to everyone.
            Moderation::Accepted | Moderation::Unmoderated => ModerationStatus::Accepted,
        };
        let created_at = comment
            .timestamp
            .and_then(time_from_millis)
            .unwrap_or(first_activity);
        let statement = store
            .add_statement(
                conversation.id,
                author,
                &text,
                false,
                moderation,
                created_at,
            )
            .await
            .with_context(|| format!("cannot add comment {}", comment.id))?;
        if comment.is_meta {
            store
                .set_statement_meta(statement.id, true)
                .await
                .with_context(|| format!("cannot mark comment {} as meta", comment.id))?;
        }
        statement_of.insert(comment.id, statement.id);
        external_ids.push(ExternalId {
            external_id: comment.id.to_string(),
            internal_id: statement.id.0,
        });
        if (index + 1) % 50 == 0 || index + 1 == polis.comments.len() {
            progress(Progress {
                stage: "statements",
                done: index + 1,
                total: polis.comments.len(),
            });
        }
    }
    store
        .record_external_ids(conversation.id, ExternalKind::PolisComment, &external_ids)
        .await
        .context("cannot record the comment ids")?;
    summary.statements = statement_of.len();

    // Votes, in bulk.
    let mut votes = Vec::with_capacity(timed_votes.len());
    for (vote, at) in &timed_votes {
        let (Some(statement), Some(participant)) = (
            statement_of.get(&vote.statement.0),
            participant_of.get(&vote.participant.0),
        ) else {
            summary.skipped_votes += 1;
            continue;
        };
        votes.push(VoteRecord {
            participant: *participant,
            statement: *statement,
            choice: choice_of(vote.vote),
            at: *at,
        });
    }
    for (index, batch) in votes.chunks(VOTES_PER_CALL).enumerate() {
        store
            .cast_votes(batch)
            .await
            .context("cannot store the votes")?;
        progress(Progress {
            stage: "votes",
            done: (index * VOTES_PER_CALL + batch.len()).min(votes.len()),
            total: votes.len(),
        });
    }
    summary.votes = votes.len();

    // Open, then closed: the export is a finished conversation, its times those of its votes.
    store
        .set_conversation_state(conversation.id, ConversationState::Open, first_activity)
        .await
        .context("cannot open the conversation")?;
    store
        .set_conversation_state(conversation.id, ConversationState::Closed, last_activity)
        .await
        .context("cannot close the conversation")?;
    store
        .record_audit(&AuditEntry {
            conversation: conversation.id,
            actor: None,
            action: FacilitatorAction::ImportPolis,
            target: Some(format!("polis:{}", options.source)),
            reason: Some(format!(
                "{} statements, {} participants, {} votes",
                summary.statements, summary.participants, summary.votes
            )),
            at: now,
        })
        .await
        .context("cannot write the audit log")?;
    Ok(summary)
}

pub(crate) fn choice_of(vote: Vote) -> VoteChoice {
    match vote {
        Vote::Agree => VoteChoice::Agree,
        Vote::Disagree => VoteChoice::Disagree,
        Vote::Pass => VoteChoice::Pass,
    }
}

/// A Pol.is timestamp (milliseconds since 1970) as a time, if it is in range.
pub(crate) fn time_from_millis(millis: i64) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000).ok()
}

/// The statement text of a comment whose body is empty.
pub fn placeholder_text(comment_id: i64) -> String {
    format!("(Pol.is comment {comment_id} has no text)")
}

/// A comment's body as a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommentText {
    AsWritten(StatementText),
    /// Longer than a statement may be: cut at the limit, with "..." to show it was cut.
    Shortened(StatementText),
}

/// The statement a comment becomes: line breaks and tabs become spaces (a statement is one
/// line), other control characters are dropped, and a body over the length limit is shortened.
/// `None` when nothing is left.
pub fn statement_text_from_comment(body: &str) -> Option<CommentText> {
    let one_line = sosei_core::text::clean_text(body, false);
    match StatementText::parse(&one_line) {
        Ok(text) => Some(CommentText::AsWritten(text)),
        Err(StatementTextError::TooLong { .. }) => {
            // Three full stops, which every export tool reads.
            let ellipsis = "...";
            let budget = StatementText::MAX_WEIGHT - ellipsis.len();
            let mut shortened = String::new();
            let mut weight = 0;
            // `one_line` is already what will be stored, so the cut is measured on it.
            for c in one_line.chars() {
                weight += weight_of(c);
                if weight > budget {
                    break;
                }
                shortened.push(c);
            }
            let shortened = format!("{}{ellipsis}", shortened.trim_end());
            StatementText::parse(&shortened)
                .ok()
                .map(CommentText::Shortened)
        }
        Err(_) => None,
    }
}

fn weight_of(c: char) -> usize {
    if is_wide_character(c) { 2 } else { 1 }
}

/// A title or question in Japanese when it has kana or kanji, in English otherwise.
fn in_its_language(text: &str) -> LocalizedText {
    let is_japanese = text
        .chars()
        .any(|c| matches!(c as u32, 0x3041..=0x30FF | 0x4E00..=0x9FFF));
    if is_japanese {
        LocalizedText::from_options(Some(text.to_owned()), None)
    } else {
        LocalizedText::from_options(None, Some(text.to_owned()))
    }
}

fn join_ids(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// 225524 → "225,524".
pub fn group_digits(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// One line on standard error, rewritten in place: "participants 448/448, statements 12/174".
/// Shown only on a terminal, at most ten times a second.
struct ProgressLine {
    stages: Vec<(&'static str, usize, usize)>,
    last_shown: Option<Instant>,
    shown_anything: bool,
    is_terminal: bool,
}

impl ProgressLine {
    fn new() -> ProgressLine {
        use std::io::IsTerminal;
        ProgressLine {
            stages: Vec::new(),
            last_shown: None,
            shown_anything: false,
            is_terminal: std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, progress: Progress) {
        match self
            .stages
            .iter_mut()
            .find(|(stage, _, _)| *stage == progress.stage)
        {
            Some(entry) => *entry = (progress.stage, progress.done, progress.total),
            None => self
                .stages
                .push((progress.stage, progress.done, progress.total)),
        }
        let finished_stage = progress.done == progress.total;
        let due = self
            .last_shown
            .is_none_or(|at| at.elapsed() >= Duration::from_millis(100));
        if !self.is_terminal || !(due || finished_stage) {
            return;
        }
        let line: Vec<String> = self
            .stages
            .iter()
            .map(|(stage, done, total)| {
                format!("{stage} {}/{}", group_digits(*done), group_digits(*total))
            })
            .collect();
        eprint!("\r{}", line.join(", "));
        let _ = std::io::stderr().flush();
        self.last_shown = Some(Instant::now());
        self.shown_anything = true;
    }

    fn finish(&self) {
        if self.shown_anything {
            eprintln!();
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_in_threes() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(896), "896");
        assert_eq!(group_digits(225_524), "225,524");
        assert_eq!(group_digits(1_000_000), "1,000,000");
    }

    #[test]
    fn comments_become_one_line_statements() {
        assert_eq!(
            statement_text_from_comment("First line\r\nsecond\tline"),
            Some(CommentText::AsWritten(
                StatementText::parse("First line second line").unwrap()
            ))
        );
        assert_eq!(statement_text_from_comment(" \n "), None);
        let long = "word ".repeat(80);
        let Some(CommentText::Shortened(text)) = statement_text_from_comment(&long) else {
            panic!("a long comment is shortened");
        };
        assert!(text.as_str().ends_with("..."));
        assert!(sosei_core::deliberation::text_weight(text.as_str()) <= StatementText::MAX_WEIGHT);
        let japanese = "あ".repeat(200);
        let Some(CommentText::Shortened(text)) = statement_text_from_comment(&japanese) else {
            panic!("a long Japanese comment is shortened");
        };
        assert_eq!(text.as_str(), format!("{}...", "あ".repeat(138)));
    }

    #[test]
    fn polis_milliseconds_become_times() {
        let at = time_from_millis(1_658_933_760_180).unwrap();
        assert_eq!(at.unix_timestamp(), 1_658_933_760);
    }
}
