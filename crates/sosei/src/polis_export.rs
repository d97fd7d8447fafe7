//! `sosei export polis CONVERSATION_ID DIR`: write a conversation in Pol.is's openData format
//! (comments.csv, votes.csv, participants-votes.csv), which `sosei analyze` and other tools read.
//!
//! Imported statements and participants get back their Pol.is ids (the comment ids kept at
//! import, the voter ids of their `External` identities); the others are numbered after the
//! highest id in use. votes.csv lists each participant's current vote with the time it was cast
//! (the store keeps current votes, not their history), in milliseconds as Pol.is writes them.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use sosei_core::deliberation::{ModerationStatus, ParticipantIdentity, VoteChoice};
use sosei_core::{ConversationId, ParticipantId, StatementId};
use sosei_opinion::Vote;
use sosei_polis::{Moderation, PolisComment, PolisConversation, VoteEvent};
use sosei_store::{ExternalKind, Store};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::cli::DatabaseArgs;

#[derive(Debug, Args)]
pub struct ExportPolisArgs {
    /// The conversation's id (the number in its address, /conversations/ID).
    #[arg(value_name = "CONVERSATION_ID")]
    pub conversation: i64,

    /// Folder to write into (created if missing; files of the same names are replaced).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    #[command(flatten)]
    pub database: DatabaseArgs,
}

pub async fn run(store: &Store, args: &ExportPolisArgs) -> anyhow::Result<()> {
    let conversation = export_polis(store, ConversationId(args.conversation)).await?;
    sosei_polis::write_conversation(&args.dir, &conversation, None)
        .with_context(|| format!("cannot write the export into {}", args.dir.display()))?;
    let participants: BTreeSet<i64> = conversation
        .votes
        .iter()
        .map(|vote| vote.participant.0)
        .collect();
    println!(
        "Exported conversation {} into {}: {} comments, {} voters, {} votes.",
        args.conversation,
        args.dir.display(),
        conversation.comments.len(),
        participants.len(),
        crate::polis_import::group_digits(conversation.votes.len())
    );
    Ok(())
}

/// The conversation as a Pol.is export. `NotFound` (as an error with context) when there is no
/// such conversation.
pub async fn export_polis(
    store: &Store,
    conversation: ConversationId,
) -> anyhow::Result<PolisConversation> {
    store
        .conversation(conversation)
        .await
        .with_context(|| format!("no conversation {}", conversation.0))?;
    let statements = store
        .statements(conversation)
        .await
        .context("cannot read the statements")?;
    let participants = store
        .participants(conversation)
        .await
        .context("cannot read the participants")?;
    let votes = store
        .votes(conversation)
        .await
        .context("cannot read the votes")?;
    let tallies = store
        .tallies(conversation)
        .await
        .context("cannot count the votes")?;
    let imported_comment_ids: HashMap<i64, i64> = store
        .external_ids(conversation, ExternalKind::PolisComment)
        .await
        .context("cannot read the imported comment ids")?
        .into_iter()
        .filter_map(|id| Some((id.internal_id, id.external_id.parse::<i64>().ok()?)))
        .collect();

    let comment_id_of: HashMap<StatementId, i64> =
        number_after_known(statements.iter().map(|statement| {
            (
                statement.id,
                imported_comment_ids.get(&statement.id.0).copied(),
            )
        }));
    let voter_id_of: HashMap<ParticipantId, i64> =
        number_after_known(participants.iter().map(|participant| {
            let known = match &participant.identity {
                ParticipantIdentity::External(voter) => voter.parse::<i64>().ok(),
                _ => None,
            };
            (participant.id, known)
        }));

    let mut comments: Vec<PolisComment> = statements
        .iter()
        .filter_map(|statement| {
            let id = *comment_id_of.get(&statement.id)?;
            let tally = tallies.get(&statement.id).copied().unwrap_or_default();
            Some(PolisComment {
                id,
                timestamp: Some(millis(statement.created_at)),
                datetime: datetime(statement.created_at),
                author_id: statement
                    .author
                    .and_then(|author| voter_id_of.get(&author).copied()),
                agrees: u64::try_from(tally.agree).ok(),
                disagrees: u64::try_from(tally.disagree).ok(),
                moderation: match statement.moderation {
                    ModerationStatus::Accepted => Moderation::Accepted,
                    ModerationStatus::Rejected => Moderation::Rejected,
                    ModerationStatus::Pending => Moderation::Unmoderated,
                },
                is_meta: statement.is_meta,
                body: statement.text.as_str().to_owned(),
            })
        })
        .collect();
    comments.sort_by_key(|comment| comment.id);

    let mut events: Vec<VoteEvent> = votes
        .iter()
        .filter_map(|vote| {
            Some(VoteEvent {
                timestamp: millis(vote.at),
                datetime: datetime(vote.at),
                comment_id: *comment_id_of.get(&vote.statement)?,
                voter_id: *voter_id_of.get(&vote.participant)?,
                vote: match vote.choice {
                    VoteChoice::Agree => Vote::Agree,
                    VoteChoice::Disagree => Vote::Disagree,
                    VoteChoice::Pass => Vote::Pass,
                },
            })
        })
        .collect();
    events.sort();
    let final_votes = sosei_polis::final_votes(&events);
    Ok(PolisConversation {
        comments,
        vote_events: Some(events),
        votes: final_votes,
    })
}

/// Keep the known numbers; give the others, in order, the numbers after the highest known one
/// (or from 0). A known number used twice keeps its first holder; later ones are renumbered.
fn number_after_known<K: Copy + Eq + std::hash::Hash>(
    items: impl Iterator<Item = (K, Option<i64>)>,
) -> HashMap<K, i64> {
    let items: Vec<(K, Option<i64>)> = items.collect();
    let mut next = items
        .iter()
        .filter_map(|(_, known)| *known)
        .max()
        .map_or(0, |highest| highest + 1);
    let mut used = BTreeSet::new();
    let mut numbers = HashMap::with_capacity(items.len());
    for (key, known) in items {
        let number = match known {
            Some(number) if used.insert(number) => number,
            _ => {
                let number = next;
                next += 1;
                number
            }
        };
        numbers.insert(key, number);
    }
    numbers
}

fn millis(at: OffsetDateTime) -> i64 {
    at.unix_timestamp() * 1000
}

fn datetime(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_ids_are_numbered_after_the_known_ones() {
        let numbers = number_after_known(
            [
                (1, Some(7)),
                (2, None),
                (3, Some(2)),
                (4, Some(7)),
                (5, None),
            ]
            .into_iter(),
        );
        let mut pairs: Vec<(i32, i64)> = numbers.into_iter().collect();
        pairs.sort_unstable();
        assert_eq!(pairs, [(1, 7), (2, 8), (3, 2), (4, 9), (5, 10)]);
        let fresh = number_after_known([("a", None), ("b", None)].into_iter());
        assert_eq!(fresh["a"], 0);
        assert_eq!(fresh["b"], 1);
    }
}
