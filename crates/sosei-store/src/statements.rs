//! The deliberation space's storage, part three: statements, votes and flags — the hot path of
//! a busy conversation. Votes are written with one statement each (an upsert, no read first)
//! and carry their conversation's id, so a conversation's votes are read and counted from one
//! index without joins.

use std::collections::{BTreeMap, HashMap};

use sosei_core::deliberation::{
    ModerationStatus, ParticipantIdentity, Statement, StatementText, VoteChoice, VoteRecord,
};
use sosei_core::{ConversationId, Locale, ParticipantId, StatementId};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::vote_batches::VoteRequest;
use crate::{StatementTally, Store, StoreError};

const STATEMENT_COLUMNS: &str = "id, conversation_id, author_participant_id, text, language, \
     moderation, rejection_reason, is_meta, is_seed, created_at";

/// Votes per `INSERT` in [`Store::cast_votes`]: 4 parameters a row keeps a statement far below
/// both backends' parameter limits, and large enough that per-statement overhead vanishes.
const VOTES_PER_INSERT: usize = 500;

/// The upsert every vote goes through: the conversation comes from the statement (no row
/// inserted means no such statement); the composite foreign keys refuse a participant of another
/// conversation.
pub(crate) const VOTE_CONFLICT_CLAUSE: &str = "ON CONFLICT (participant_id, statement_id) \
     DO UPDATE SET choice = excluded.choice, at = excluded.at";

#[derive(sqlx::FromRow)]
struct StatementRow {
    id: i64,
    conversation_id: i64,
    author_participant_id: Option<i64>,
    text: String,
    language: String,
    moderation: String,
    rejection_reason: Option<String>,
    is_meta: bool,
    is_seed: bool,
    created_at: i64,
}

fn statement_from_row(row: StatementRow) -> Result<Statement, StoreError> {
    let text = StatementText::parse(&row.text)
        .map_err(|_| StoreError::Corrupt(format!("statement text {:?}", row.text)))?;
    let language = Locale::parse(&row.language)
        .ok_or_else(|| StoreError::Corrupt(format!("statement language {:?}", row.language)))?;
    let moderation = ModerationStatus::parse(&row.moderation)
        .ok_or_else(|| StoreError::Corrupt(format!("moderation status {:?}", row.moderation)))?;
    Ok(Statement {
        id: StatementId(row.id),
        conversation: ConversationId(row.conversation_id),
        author: row.author_participant_id.map(ParticipantId),
        text,
        language,
        moderation,
        rejection_reason: row.rejection_reason,
        is_meta: row.is_meta,
        is_seed: row.is_seed,
        created_at: timestamp_from_unix(row.created_at)?,
    })
}

/// Votes are stored as Pol.is numbers them: small, and what an export expects.
pub(crate) fn choice_number(choice: VoteChoice) -> i16 {
    match choice {
        VoteChoice::Agree => 1,
        VoteChoice::Disagree => -1,
        VoteChoice::Pass => 0,
    }
}

fn choice_from_number(number: i16) -> Result<VoteChoice, StoreError> {
    match number {
        1 => Ok(VoteChoice::Agree),
        -1 => Ok(VoteChoice::Disagree),
        0 => Ok(VoteChoice::Pass),
        _ => Err(StoreError::Corrupt(format!("vote choice {number}"))),
    }
}

fn vote_from_row(
    (participant, statement, choice, at): (i64, i64, i16, i64),
) -> Result<VoteRecord, StoreError> {
    Ok(VoteRecord {
        participant: ParticipantId(participant),
        statement: StatementId(statement),
        choice: choice_from_number(choice)?,
        at: timestamp_from_unix(at)?,
    })
}

/// The batch upsert for `rows` votes: a `VALUES` list joined to `statements` for each vote's
/// conversation. (`WHERE TRUE` is SQLite's rule for an upsert after a join: without a `WHERE`
/// the parser would take `ON CONFLICT` for the join's `ON`.)
fn batch_vote_sql(rows: usize) -> String {
    format!(
        "INSERT INTO votes (conversation_id, participant_id, statement_id, choice, at) \
         SELECT statements.conversation_id, batch.column1, batch.column2, batch.column3, \
         batch.column4 FROM (VALUES {}) AS batch \
         JOIN statements ON statements.id = batch.column2 WHERE TRUE {VOTE_CONFLICT_CLAUSE}",
        values_placeholders(rows, 4)
    )
}

/// `($1, $2, …), ($k+1, …), …`: `rows` tuples of `columns` numbered parameters, for a `VALUES` list.
pub(crate) fn values_placeholders(rows: usize, columns: usize) -> String {
    let mut out = String::with_capacity(rows * columns * 5);
    for row in 0..rows {
        if row > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for column in 0..columns {
            if column > 0 {
                out.push_str(", ");
            }
            out.push_str(&format!("${}", row * columns + column + 1));
        }
        out.push(')');
    }
    out
}

/// Keep only the last vote of each participant on each statement, in their original order: one
/// `INSERT` may not touch a row twice (PostgreSQL refuses), and the last vote wins anyway.
fn last_vote_per_pair(votes: &[VoteRecord]) -> Vec<&VoteRecord> {
    let mut last_index: HashMap<(ParticipantId, StatementId), usize> =
        HashMap::with_capacity(votes.len());
    for (index, vote) in votes.iter().enumerate() {
        last_index.insert((vote.participant, vote.statement), index);
    }
    votes
        .iter()
        .enumerate()
        .filter(|(index, vote)| last_index.get(&(vote.participant, vote.statement)) == Some(index))
        .map(|(_, vote)| vote)
        .collect()
}

impl Store {
    // --- statements -----------------------------------------------------------------------------

    /// `NotFound` when the conversation or the author does not exist.
    pub async fn add_statement(
        &self,
        conversation: ConversationId,
        author: Option<ParticipantId>,
        text: &StatementText,
        is_seed: bool,
        moderation: ModerationStatus,
        now: OffsetDateTime,
    ) -> Result<Statement, StoreError> {
        let sql = format!(
            "INSERT INTO statements (conversation_id, author_participant_id, text, language, \
             moderation, rejection_reason, is_meta, is_seed, created_at) \
             VALUES ($1, $2, $3, $4, $5, NULL, FALSE, $6, $7) RETURNING {STATEMENT_COLUMNS}"
        );
        let _turn = self.sqlite_write_turn().await;
        let row: StatementRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(conversation.0)
                .bind(author.map(|participant| participant.0))
                .bind(text.as_str())
                .bind(text.language().as_str())
                .bind(moderation.as_str())
                .bind(is_seed)
                .bind(unix_seconds(now))
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "statement"))?
        });
        statement_from_row(row)
    }

    pub async fn statement(&self, id: StatementId) -> Result<Statement, StoreError> {
        let sql = format!("SELECT {STATEMENT_COLUMNS} FROM statements WHERE id = $1");
        let row: Option<StatementRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        });
        statement_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Every statement of a conversation, by id (moderation filtering is the caller's).
    pub async fn statements(
        &self,
        conversation: ConversationId,
    ) -> Result<Vec<Statement>, StoreError> {
        let sql = format!(
            "SELECT {STATEMENT_COLUMNS} FROM statements WHERE conversation_id = $1 ORDER BY id"
        );
        let rows: Vec<StatementRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(conversation.0).fetch_all(pool).await?
        });
        rows.into_iter().map(statement_from_row).collect()
    }

    /// Set the moderation status and the reason (kept only for a rejection: accepting again
    /// clears an old reason). `NotFound` when there is no such statement.
    pub async fn set_statement_moderation(
        &self,
        id: StatementId,
        status: ModerationStatus,
        reason: Option<&str>,
    ) -> Result<Statement, StoreError> {
        let reason = reason.filter(|_| status == ModerationStatus::Rejected);
        let sql = format!(
            "UPDATE statements SET moderation = $1, rejection_reason = $2 WHERE id = $3 \
             RETURNING {STATEMENT_COLUMNS}"
        );
        let _turn = self.sqlite_write_turn().await;
        let row: Option<StatementRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(status.as_str())
                .bind(reason)
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        });
        statement_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// `NotFound` when there is no such statement.
    pub async fn set_statement_meta(
        &self,
        id: StatementId,
        is_meta: bool,
    ) -> Result<Statement, StoreError> {
        let sql = format!(
            "UPDATE statements SET is_meta = $1 WHERE id = $2 RETURNING {STATEMENT_COLUMNS}"
        );
        let _turn = self.sqlite_write_turn().await;
        let row: Option<StatementRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(is_meta)
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        });
        statement_from_row(row.ok_or(StoreError::NotFound)?)
    }

    // --- votes ----------------------------------------------------------------------------------

    /// Record a vote; a later vote on the same statement replaces the earlier one. One SQL
    /// statement, no read first. `NotFound` when the statement or the participant does not
    /// exist, or they belong to different conversations.
    pub async fn cast_vote(
        &self,
        participant: ParticipantId,
        statement: StatementId,
        choice: VoteChoice,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let sql = format!(
            "INSERT INTO votes (conversation_id, participant_id, statement_id, choice, at) \
             SELECT conversation_id, $1, id, $3, $4 FROM statements WHERE id = $2 \
             {VOTE_CONFLICT_CLAUSE}"
        );
        let _turn = self.sqlite_write_turn().await;
        let written = with_pool!(self, pool => {
            sqlx::query(&sql)
                .bind(participant.0)
                .bind(statement.0)
                .bind(choice_number(choice))
                .bind(unix_seconds(now))
                .execute(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "vote"))?
                .rows_affected()
        });
        if written == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The hot path of taking part: record a vote in ONE statement, and only if every rule for
    /// voting holds — the conversation is open, the voter (found by identity) has joined it and is
    /// not banned, and the statement belongs to it and is shown to participants (accepted, or
    /// pending under post-moderation, and not by a banned author). Returns whether it was stored;
    /// on `false` the caller works out which rule failed with the ordinary reads. The rules mirror
    /// `ConversationState::accepts_participation` and `routing::is_shown_to_participants` in
    /// `sosei-core`; the contract tests check that they agree. Votes that arrive together are
    /// written together (see `vote_batches`); the answer comes once the vote is committed.
    pub async fn cast_vote_if_allowed(
        &self,
        conversation: ConversationId,
        identity: &ParticipantIdentity,
        statement: StatementId,
        choice: VoteChoice,
        now: OffsetDateTime,
    ) -> Result<bool, StoreError> {
        let (identity_kind, identity_value) = crate::participants::identity_columns(identity);
        self.cast_vote_batched(VoteRequest {
            conversation,
            identity_kind,
            identity_value,
            statement,
            choice,
            now,
        })
        .await
    }

    /// [`Store::cast_vote_if_allowed`] for one vote, in one statement.
    pub(crate) async fn cast_one_vote_if_allowed(
        &self,
        request: &VoteRequest,
    ) -> Result<bool, StoreError> {
        let sql = format!(
            "INSERT INTO votes (conversation_id, participant_id, statement_id, choice, at) \
             SELECT s.conversation_id, p.id, s.id, $5, $6 \
             FROM statements s \
             JOIN conversations c ON c.id = s.conversation_id \
             JOIN participants p ON p.conversation_id = s.conversation_id \
             WHERE s.id = $4 AND s.conversation_id = $1 \
               AND p.identity_kind = $2 AND p.identity_value = $3 AND NOT p.banned \
               AND c.state = 'open' \
               AND (s.moderation = 'accepted' \
                    OR (s.moderation = 'pending' AND c.moderation_mode = 'post')) \
               AND NOT EXISTS (SELECT 1 FROM participants a \
                               WHERE a.id = s.author_participant_id AND a.banned) \
             {VOTE_CONFLICT_CLAUSE}"
        );
        let _turn = self.sqlite_write_turn().await;
        let written = with_pool!(self, pool => {
            sqlx::query(&sql)
                .bind(request.conversation.0)
                .bind(request.identity_kind)
                .bind(&request.identity_value)
                .bind(request.statement.0)
                .bind(choice_number(request.choice))
                .bind(unix_seconds(request.now))
                .execute(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "vote"))?
                .rows_affected()
        });
        Ok(written > 0)
    }

    /// Many votes in one transaction (imports), several hundred per `INSERT`. Same replace rule:
    /// of several votes by one participant on one statement, the last in the slice wins (and
    /// replaces a stored one). All or nothing: `NotFound`, and nothing stored, when any vote
    /// names a missing statement or participant, or a participant of another conversation.
    pub async fn cast_votes(&self, votes: &[VoteRecord]) -> Result<(), StoreError> {
        let votes = last_vote_per_pair(votes);
        if votes.is_empty() {
            return Ok(());
        }
        let full_batch_sql = batch_vote_sql(VOTES_PER_INSERT);
        let _turn = self.sqlite_write_turn().await;
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            for batch in votes.chunks(VOTES_PER_INSERT) {
                let partial_batch_sql;
                let sql = if batch.len() == VOTES_PER_INSERT {
                    &full_batch_sql
                } else {
                    partial_batch_sql = batch_vote_sql(batch.len());
                    &partial_batch_sql
                };
                let mut query = sqlx::query(sql);
                for vote in batch {
                    query = query
                        .bind(vote.participant.0)
                        .bind(vote.statement.0)
                        .bind(choice_number(vote.choice))
                        .bind(unix_seconds(vote.at));
                }
                let written = query
                    .execute(&mut *transaction)
                    .await
                    .map_err(|error| StoreError::from_write(error, "vote"))?
                    .rows_affected();
                // A vote on a missing statement joins to nothing and is silently left out.
                if written != batch.len() as u64 {
                    return Err(StoreError::NotFound);
                }
            }
            transaction.commit().await?;
        });
        Ok(())
    }

    /// This participant's current votes, by statement id.
    pub async fn votes_of_participant(
        &self,
        participant: ParticipantId,
    ) -> Result<Vec<VoteRecord>, StoreError> {
        let rows: Vec<(i64, i64, i16, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT participant_id, statement_id, choice, at FROM votes \
                 WHERE participant_id = $1 ORDER BY statement_id",
            )
            .bind(participant.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(vote_from_row).collect()
    }

    /// Every current vote in a conversation, by participant then statement (banned participants
    /// included; the caller filters).
    pub async fn votes(&self, conversation: ConversationId) -> Result<Vec<VoteRecord>, StoreError> {
        let rows: Vec<(i64, i64, i16, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT participant_id, statement_id, choice, at FROM votes \
                 WHERE conversation_id = $1 ORDER BY participant_id, statement_id",
            )
            .bind(conversation.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(vote_from_row).collect()
    }

    /// Current votes in a conversation (banned participants included), from the index alone.
    pub async fn count_votes(&self, conversation: ConversationId) -> Result<i64, StoreError> {
        let count: i64 = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM votes WHERE conversation_id = $1")
                .bind(conversation.0)
                .fetch_one(pool)
                .await?
        });
        Ok(count)
    }

    /// Counts per statement, excluding banned participants. Every statement of the conversation
    /// is present, with zeros when nobody (counted) has voted on it.
    pub async fn tallies(
        &self,
        conversation: ConversationId,
    ) -> Result<BTreeMap<StatementId, StatementTally>, StoreError> {
        let (statement_ids, counts): (Vec<i64>, Vec<(i64, i16, i64)>) = with_pool!(self, pool => {
            let statement_ids = sqlx::query_scalar(
                "SELECT id FROM statements WHERE conversation_id = $1",
            )
            .bind(conversation.0)
            .fetch_all(pool)
            .await?;
            let counts = sqlx::query_as(
                "SELECT votes.statement_id, votes.choice, COUNT(*) FROM votes \
                 JOIN participants ON participants.id = votes.participant_id \
                 WHERE votes.conversation_id = $1 AND NOT participants.banned \
                 GROUP BY votes.statement_id, votes.choice",
            )
            .bind(conversation.0)
            .fetch_all(pool)
            .await?;
            (statement_ids, counts)
        });
        let mut tallies: BTreeMap<StatementId, StatementTally> = statement_ids
            .into_iter()
            .map(|id| (StatementId(id), StatementTally::default()))
            .collect();
        for (statement, choice, count) in counts {
            let tally = tallies.entry(StatementId(statement)).or_default();
            match choice_from_number(choice)? {
                VoteChoice::Agree => tally.agree = count,
                VoteChoice::Disagree => tally.disagree = count,
                VoteChoice::Pass => tally.pass = count,
            }
        }
        Ok(tallies)
    }

    // --- flags ----------------------------------------------------------------------------------

    /// A participant flags a statement for the facilitators (idempotent per participant).
    /// `NotFound` when the statement or the participant does not exist.
    pub async fn flag_statement(
        &self,
        statement: StatementId,
        participant: ParticipantId,
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        let _turn = self.sqlite_write_turn().await;
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO statement_flags (statement_id, participant_id, at) VALUES ($1, $2, $3) \
                 ON CONFLICT (statement_id, participant_id) DO NOTHING",
            )
            .bind(statement.0)
            .bind(participant.0)
            .bind(unix_seconds(now))
            .execute(pool)
            .await
            .map_err(|error| StoreError::from_write(error, "flag"))?;
        });
        Ok(())
    }

    /// Flag counts of flagged statements (statements nobody flagged are absent).
    pub async fn flag_counts(
        &self,
        conversation: ConversationId,
    ) -> Result<BTreeMap<StatementId, i64>, StoreError> {
        let rows: Vec<(i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT statement_flags.statement_id, COUNT(*) FROM statement_flags \
                 JOIN statements ON statements.id = statement_flags.statement_id \
                 WHERE statements.conversation_id = $1 \
                 GROUP BY statement_flags.statement_id",
            )
            .bind(conversation.0)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(statement, count)| (StatementId(statement), count))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip_through_numbers() {
        for choice in VoteChoice::ALL {
            assert_eq!(
                choice_from_number(choice_number(*choice)).expect("valid"),
                *choice
            );
        }
        assert!(matches!(choice_from_number(2), Err(StoreError::Corrupt(_))));
    }

    #[test]
    fn only_the_last_vote_per_pair_is_kept_in_order() {
        let vote = |participant, statement, choice| VoteRecord {
            participant: ParticipantId(participant),
            statement: StatementId(statement),
            choice,
            at: OffsetDateTime::UNIX_EPOCH,
        };
        let votes = [
            vote(1, 1, VoteChoice::Agree),
            vote(1, 2, VoteChoice::Pass),
            vote(1, 1, VoteChoice::Disagree),
            vote(2, 1, VoteChoice::Agree),
        ];
        let kept: Vec<VoteRecord> = last_vote_per_pair(&votes).into_iter().copied().collect();
        assert_eq!(kept, [votes[1], votes[2], votes[3]]);
    }

    #[test]
    fn batch_sql_numbers_every_parameter() {
        let sql = batch_vote_sql(3);
        assert!(sql.contains("($1, $2, $3, $4), ($5, $6, $7, $8), ($9, $10, $11, $12)"));
        assert!(!sql.contains("$13"));
    }
}
