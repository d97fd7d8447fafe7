//! Group commit for votes. When many participants vote at once, the votes that arrive while
//! earlier ones are being written are checked and written together: one transaction, one
//! checking `SELECT` and one `INSERT` for the lot, instead of a statement and a commit each. A
//! lone vote takes the one-statement path ([`Store::cast_one_vote_if_allowed`]) as before, so
//! nothing waits for company: batching only happens when there is a queue anyway.
//!
//! Whoever finds the queue non-empty and a free writing slot takes the whole queue (its own vote
//! and its neighbours') and writes it in a spawned task, so a client that hangs up cannot cancel
//! its neighbours' votes half-way. Every caller gets its own answer only after the transaction
//! that holds its vote has committed: an acknowledged vote is a durable vote. If a batch fails
//! as a whole (a deadlock, a constraint), its votes are retried one by one, so one bad vote never
//! fails another.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use sosei_core::deliberation::VoteChoice;
use sosei_core::{ConversationId, StatementId};
use time::OffsetDateTime;
use tokio::sync::{Semaphore, oneshot};

use crate::convert::unix_seconds;
use crate::statements::{VOTE_CONFLICT_CLAUSE, choice_number, values_placeholders};
use crate::{Store, StoreError};

/// Votes written in one transaction at most (5 parameters each in the check, 4 in the write:
/// far below both backends' parameter limits).
const MAX_VOTES_PER_BATCH: usize = 64;
/// Batches written at once. Each holds a connection for a few milliseconds; the rest of the pool
/// stays free for pages.
const CONCURRENT_BATCHES: usize = 4;

/// One vote waiting to be written.
#[derive(Debug, Clone)]
pub(crate) struct VoteRequest {
    pub conversation: ConversationId,
    pub identity_kind: &'static str,
    pub identity_value: String,
    pub statement: StatementId,
    pub choice: VoteChoice,
    pub now: OffsetDateTime,
}

struct Pending {
    request: VoteRequest,
    answer: oneshot::Sender<Result<bool, StoreError>>,
}

/// The queue of votes and the slots for writing them; shared by every clone of a [`Store`].
pub(crate) struct VoteBatcher {
    queue: Mutex<Vec<Pending>>,
    slots: Arc<Semaphore>,
    /// Votes that went through the batch path (more than one in a transaction), for the metrics.
    votes_in_batches: AtomicU64,
}

impl Default for VoteBatcher {
    fn default() -> Self {
        VoteBatcher {
            queue: Mutex::new(Vec::new()),
            slots: Arc::new(Semaphore::new(CONCURRENT_BATCHES)),
            votes_in_batches: AtomicU64::new(0),
        }
    }
}

impl Store {
    /// How many votes so far were written together with others (since this store was opened).
    pub fn votes_written_in_batches(&self) -> u64 {
        self.vote_batcher.votes_in_batches.load(Ordering::Relaxed)
    }

    /// Queue the vote; write it (with whatever else is queued) when a slot is free; answer
    /// whether it was stored, once its transaction has committed.
    pub(crate) async fn cast_vote_batched(&self, request: VoteRequest) -> Result<bool, StoreError> {
        let (answer, mut answered) = oneshot::channel();
        lock(&self.vote_batcher.queue).push(Pending { request, answer });
        loop {
            tokio::select! {
                biased;
                result = &mut answered => {
                    return result.unwrap_or_else(|_| {
                        Err(StoreError::Corrupt("a vote batch ended without an answer".to_owned()))
                    });
                }
                slot = Arc::clone(&self.vote_batcher.slots).acquire_owned() => {
                    let Ok(slot) = slot else {
                        return Err(StoreError::Corrupt("the vote queue is closed".to_owned()));
                    };
                    let batch: Vec<Pending> = {
                        let mut queue = lock(&self.vote_batcher.queue);
                        let take = queue.len().min(MAX_VOTES_PER_BATCH);
                        queue.drain(..take).collect()
                    };
                    if batch.is_empty() {
                        // Someone else took ours; its answer is on the way.
                        drop(slot);
                        return answered.await.unwrap_or_else(|_| {
                            Err(StoreError::Corrupt("a vote batch ended without an answer".to_owned()))
                        });
                    }
                    let store = self.clone();
                    // Spawned: a caller that goes away must not cancel its neighbours' votes.
                    let writer = tokio::spawn(async move {
                        store.write_vote_batch(batch).await;
                        drop(slot);
                    });
                    let _ = writer.await;
                }
            }
        }
    }

    async fn write_vote_batch(&self, batch: Vec<Pending>) {
        if batch.len() == 1 {
            let Some(pending) = batch.into_iter().next() else {
                return;
            };
            let result = self.cast_one_vote_if_allowed(&pending.request).await;
            let _ = pending.answer.send(result);
            return;
        }
        let requests: Vec<&VoteRequest> = batch.iter().map(|pending| &pending.request).collect();
        match self.write_checked_votes(&requests).await {
            Ok(stored) => {
                self.vote_batcher
                    .votes_in_batches
                    .fetch_add(stored.len() as u64, Ordering::Relaxed);
                for (pending, stored) in batch.into_iter().zip(stored) {
                    let _ = pending.answer.send(Ok(stored));
                }
            }
            Err(_) => {
                // One by one, so a vote that breaks the batch fails only itself.
                for pending in batch {
                    let result = self.cast_one_vote_if_allowed(&pending.request).await;
                    let _ = pending.answer.send(result);
                }
            }
        }
    }

    /// Check every vote's rules and write the allowed ones, in one transaction. Whether each vote
    /// was stored, in order.
    async fn write_checked_votes(
        &self,
        requests: &[&VoteRequest],
    ) -> Result<Vec<bool>, StoreError> {
        let check_sql = check_sql(requests.len());
        let _turn = self.sqlite_write_turn().await;
        let allowed: Vec<(i64, i64, i64)> = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let mut query = sqlx::query_as::<_, (i64, i64, i64)>(&check_sql);
            for (slot, request) in requests.iter().enumerate() {
                query = query
                    .bind(slot as i64)
                    .bind(request.conversation.0)
                    .bind(request.identity_kind)
                    .bind(&request.identity_value)
                    .bind(request.statement.0);
            }
            let allowed = query.fetch_all(&mut *transaction).await?;
            // The last vote of a participant on a statement wins (PostgreSQL refuses to touch a
            // row twice in one INSERT); rows in a fixed order so concurrent batches lock alike.
            let mut last_slot: HashMap<(i64, i64), usize> = HashMap::new();
            for &(slot, participant, statement) in &allowed {
                let entry = last_slot.entry((participant, statement)).or_insert(slot as usize);
                *entry = (*entry).max(slot as usize);
            }
            let mut rows: Vec<((i64, i64), usize)> = last_slot.into_iter().collect();
            rows.sort_unstable();
            if !rows.is_empty() {
                let insert_sql = insert_sql(rows.len());
                let mut insert = sqlx::query(&insert_sql);
                for &((participant, statement), slot) in &rows {
                    let request = requests[slot];
                    insert = insert
                        .bind(request.conversation.0)
                        .bind(participant)
                        .bind(statement)
                        .bind(choice_number(request.choice))
                        .bind(unix_seconds(request.now));
                }
                insert
                    .execute(&mut *transaction)
                    .await
                    .map_err(|error| StoreError::from_write(error, "vote"))?;
            }
            transaction.commit().await?;
            allowed
        });
        let mut stored = vec![false; requests.len()];
        for (slot, _, _) in allowed {
            if let Some(flag) = usize::try_from(slot)
                .ok()
                .and_then(|slot| stored.get_mut(slot))
            {
                *flag = true;
            }
        }
        Ok(stored)
    }
}

/// The rules of [`Store::cast_vote_if_allowed`] for many votes at once: the slot, participant
/// and statement of every vote that may be stored.
fn check_sql(rows: usize) -> String {
    format!(
        "SELECT batch.column1, p.id, s.id \
         FROM (VALUES {}) AS batch \
         JOIN statements s ON s.id = batch.column5 AND s.conversation_id = batch.column2 \
         JOIN conversations c ON c.id = s.conversation_id \
         JOIN participants p ON p.conversation_id = s.conversation_id \
           AND p.identity_kind = batch.column3 AND p.identity_value = batch.column4 \
         WHERE NOT p.banned AND c.state = 'open' \
           AND (s.moderation = 'accepted' \
                OR (s.moderation = 'pending' AND c.moderation_mode = 'post')) \
           AND NOT EXISTS (SELECT 1 FROM participants a \
                           WHERE a.id = s.author_participant_id AND a.banned)",
        values_placeholders(rows, 5)
    )
}

fn insert_sql(rows: usize) -> String {
    // `WHERE TRUE`: SQLite's rule for an upsert from a SELECT (see `batch_vote_sql`).
    format!(
        "INSERT INTO votes (conversation_id, participant_id, statement_id, choice, at) \
         SELECT batch.column1, batch.column2, batch.column3, batch.column4, batch.column5 \
         FROM (VALUES {}) AS batch WHERE TRUE {VOTE_CONFLICT_CLAUSE}",
        values_placeholders(rows, 5)
    )
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic while holding the queue lock leaves a plain Vec behind, still usable.
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl std::fmt::Debug for VoteBatcher {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("VoteBatcher")
            .field("queued", &lock(&self.queue).len())
            .field("free_slots", &self.slots.available_permits())
            .finish()
    }
}
