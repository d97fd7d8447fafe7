//! Live recomputation of the opinion analysis after votes, statements and moderation.
//!
//! A vote only calls [`AnalysisScheduler::notify`], which never waits: it puts a token into the
//! conversation's one-slot channel (a full slot means a run is already due, so bursts coalesce)
//! and, the first time, spawns the conversation's worker task. The worker runs the analysis,
//! stores it (`compute_and_store_in`, so every app server shows it), and, when more notifications
//! came in meanwhile, waits until `min_interval` after the previous start before running again:
//! at most one run per second per conversation, and a participant sees a vote's effect within
//! about two seconds. A worker with nothing to do for `idle_timeout` ends; the next notification
//! starts a new one.
//!
//! The scheduler also keeps each conversation's statement extremities (how far a statement sits
//! from the centre of the opinion map) in memory for routing the next statement, refreshed after
//! each local run and re-read from the store when older than [`EXTREMITY_MAX_AGE`] (another app
//! server may have run the analysis).
//!
//! The scheduler holds a [`Store`], not an `AppState`, so the state that holds the scheduler is
//! not part of a reference cycle.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sosei_core::{ConversationId, StatementId};
use sosei_opinion::Analysis;
use sosei_store::Store;
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::deliberation::analysis::{compute_and_store_in, latest_analysis_in};
use crate::error::AppError;

/// How long cached extremities are trusted before they are read from the store again.
pub const EXTREMITY_MAX_AGE: Duration = Duration::from_secs(30);

/// Each statement's extremity on the opinion map, by statement.
pub type Extremities = Arc<BTreeMap<StatementId, f64>>;

struct CachedExtremities {
    loaded: Instant,
    values: Extremities,
}

fn extremities_of(analysis: &Analysis) -> Extremities {
    Arc::new(
        analysis
            .statements
            .iter()
            .map(|summary| (StatementId(summary.key.0), summary.extremity))
            .collect(),
    )
}

/// Shared by every handler through `AppState`; cheap to clone.
#[derive(Clone)]
pub struct AnalysisScheduler {
    inner: Arc<SchedulerInner>,
}

struct SchedulerInner {
    store: Store,
    min_interval: Duration,
    idle_timeout: Duration,
    /// The waiting slot of each conversation that has a worker.
    workers: Mutex<HashMap<ConversationId, mpsc::Sender<()>>>,
    /// Analyses run, over all conversations (for tests and the operations page).
    runs: AtomicU64,
    /// Analyses that failed (logged).
    failures: AtomicU64,
    extremities: Mutex<HashMap<ConversationId, CachedExtremities>>,
}

impl AnalysisScheduler {
    /// Once a second at most per conversation; idle workers end after a minute.
    pub fn new(store: Store) -> AnalysisScheduler {
        AnalysisScheduler::with_timing(store, Duration::from_secs(1), Duration::from_secs(60))
    }

    pub fn with_timing(
        store: Store,
        min_interval: Duration,
        idle_timeout: Duration,
    ) -> AnalysisScheduler {
        AnalysisScheduler {
            inner: Arc::new(SchedulerInner {
                store,
                min_interval,
                idle_timeout,
                workers: Mutex::new(HashMap::new()),
                runs: AtomicU64::new(0),
                failures: AtomicU64::new(0),
                extremities: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Ask for the conversation's analysis to be brought up to date. Never blocks and never
    /// fails: outside a tokio runtime (a CLI command) it does nothing.
    pub fn notify(&self, conversation: ConversationId) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        // A poisoned lock only means another notify panicked; the map itself is still sound.
        let mut workers = self
            .inner
            .workers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(slot) = workers.get(&conversation) {
            match slot.try_send(()) {
                // Full: a run is already due and will see this vote too.
                Ok(()) | Err(mpsc::error::TrySendError::Full(())) => return,
                // The worker ended without removing itself (it panicked): start a new one.
                Err(mpsc::error::TrySendError::Closed(())) => {}
            }
        }
        let (sender, receiver) = mpsc::channel(1);
        // Cannot fail: the channel is new and has room for one.
        let _ = sender.try_send(());
        workers.insert(conversation, sender);
        let inner = Arc::clone(&self.inner);
        runtime.spawn(async move { inner.work(conversation, receiver).await });
    }

    /// Analyses run so far, over all conversations.
    pub fn runs(&self) -> u64 {
        self.inner.runs.load(Ordering::Relaxed)
    }

    /// Analyses that failed so far.
    pub fn failures(&self) -> u64 {
        self.inner.failures.load(Ordering::Relaxed)
    }

    /// The statements' extremities from the latest analysis (empty before the first one), for
    /// choosing the next statement to show.
    pub async fn statement_extremities(
        &self,
        conversation: ConversationId,
    ) -> Result<Extremities, AppError> {
        if let Some(cached) = self
            .inner
            .extremities
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(&conversation)
            .filter(|cached| cached.loaded.elapsed() < EXTREMITY_MAX_AGE)
        {
            return Ok(Arc::clone(&cached.values));
        }
        let values = match latest_analysis_in(&self.inner.store, conversation).await? {
            Some((analysis, _)) => extremities_of(&analysis),
            None => Arc::new(BTreeMap::new()),
        };
        self.inner
            .remember_extremities(conversation, Arc::clone(&values));
        Ok(values)
    }
}

impl SchedulerInner {
    async fn work(&self, conversation: ConversationId, mut receiver: mpsc::Receiver<()>) {
        let mut previous_start: Option<Instant> = None;
        loop {
            match tokio::time::timeout(self.idle_timeout, receiver.recv()).await {
                Ok(Some(())) => {}
                Ok(None) => return,
                Err(_idle) => {
                    // Leave only if nothing arrived meanwhile; `notify` sends under the same
                    // lock, so no notification can fall between this check and the removal.
                    let mut workers = self
                        .workers
                        .lock()
                        .unwrap_or_else(|poisoned| poisoned.into_inner());
                    if receiver.try_recv().is_ok() {
                        drop(workers);
                    } else {
                        workers.remove(&conversation);
                        return;
                    }
                }
            }
            if let Some(start) = previous_start {
                tokio::time::sleep_until(start + self.min_interval).await;
            }
            previous_start = Some(Instant::now());
            self.runs.fetch_add(1, Ordering::Relaxed);
            match compute_and_store_in(&self.store, conversation).await {
                Ok(analysis) => self.remember_extremities(conversation, extremities_of(&analysis)),
                Err(error) => {
                    self.failures.fetch_add(1, Ordering::Relaxed);
                    tracing::warn!(
                        ?error,
                        conversation = conversation.0,
                        "background analysis failed"
                    );
                }
            }
        }
    }

    fn remember_extremities(&self, conversation: ConversationId, values: Extremities) {
        self.extremities
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(
                conversation,
                CachedExtremities {
                    loaded: Instant::now(),
                    values,
                },
            );
    }
}
