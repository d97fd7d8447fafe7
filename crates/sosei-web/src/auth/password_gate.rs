//! A cap on concurrent password hashing.
//!
//! One argon2id hash takes 19 MiB and tens of milliseconds of a core, on purpose. Without a cap,
//! 150 concurrent sign-ins took the server from 72 MiB to 1.4 GiB and every other page to
//! seconds. The gate lets at most as many hashes run as the machine has cores; a few times that
//! many requests may wait briefly for a turn, and the rest are refused at once with 503 and
//! `Retry-After` (the page says, in the reader's language, to try again in a few seconds).
//! Every hash of the web layer (signing in, signing up, changing a password) goes through it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use sosei_core::NewPassword;
use tokio::sync::Semaphore;

use super::password::{DUMMY_PASSWORD_HASH, hash_password_blocking, verify_password_blocking};
use crate::error::AppError;

/// How long a request waits for its turn before it is refused.
pub const LONGEST_WAIT: Duration = Duration::from_secs(2);
/// What a refused request is told to wait, in seconds.
pub const RETRY_AFTER_SECONDS: u64 = 2;
/// Requests that may wait for a turn, per hash allowed at once.
const WAITING_PER_PERMIT: usize = 4;

/// The number of cores, the default cap.
pub fn default_capacity() -> usize {
    std::thread::available_parallelism()
        .map(std::num::NonZeroUsize::get)
        .unwrap_or(2)
}

/// Shared by every request (in `AppState`); cheap to clone.
#[derive(Debug, Clone)]
pub struct PasswordGate {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    permits: Arc<Semaphore>,
    capacity: usize,
    waiting: AtomicUsize,
    in_flight: AtomicUsize,
    peak_in_flight: AtomicUsize,
    started: AtomicU64,
}

/// Counts one hash in flight until dropped (on the blocking thread, when the hash is done).
struct InFlight(Arc<Inner>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Counts one waiting request until dropped.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl PasswordGate {
    /// At most `capacity` hashes at once (at least one).
    pub fn new(capacity: usize) -> PasswordGate {
        let capacity = capacity.max(1);
        PasswordGate {
            inner: Arc::new(Inner {
                permits: Arc::new(Semaphore::new(capacity)),
                capacity,
                waiting: AtomicUsize::new(0),
                in_flight: AtomicUsize::new(0),
                peak_in_flight: AtomicUsize::new(0),
                started: AtomicU64::new(0),
            }),
        }
    }

    pub fn capacity(&self) -> usize {
        self.inner.capacity
    }

    /// Hashes started since the server started (checks and new hashes).
    pub fn hashes_started(&self) -> u64 {
        self.inner.started.load(Ordering::SeqCst)
    }

    /// The most hashes that ever ran at once.
    pub fn peak_in_flight(&self) -> usize {
        self.inner.peak_in_flight.load(Ordering::SeqCst)
    }

    /// Run `work` on the blocking pool once a turn is free; `AppError::Busy` when none is free
    /// within [`LONGEST_WAIT`] or too many already wait.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let busy = || AppError::Busy {
            retry_after_seconds: RETRY_AFTER_SECONDS,
        };
        let inner = &self.inner;
        let waiting = Waiting(&inner.waiting);
        if inner.waiting.fetch_add(1, Ordering::SeqCst) >= inner.capacity * WAITING_PER_PERMIT {
            tracing::warn!("password hashing is saturated; a request was refused");
            return Err(busy());
        }
        let permit = tokio::time::timeout(LONGEST_WAIT, inner.permits.clone().acquire_owned())
            .await
            .map_err(|_| busy())?
            .map_err(|error| AppError::Internal(anyhow::Error::new(error)))?;
        drop(waiting);
        let now_in_flight = inner.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        inner
            .peak_in_flight
            .fetch_max(now_in_flight, Ordering::SeqCst);
        inner.started.fetch_add(1, Ordering::SeqCst);
        let in_flight = InFlight(inner.clone());
        tokio::task::spawn_blocking(move || {
            let result = work();
            // Counted out before the turn is given back, so the count never exceeds the cap.
            drop(in_flight);
            drop(permit);
            result
        })
        .await
        .map_err(|error| AppError::Internal(anyhow::Error::new(error)))
    }

    /// Hash a new password with argon2id.
    pub async fn hash(&self, password: &NewPassword) -> Result<String, AppError> {
        let password = password.clone();
        self.run(move || hash_password_blocking(&password))
            .await?
            .map_err(|error| AppError::Internal(anyhow::Error::new(error)))
    }

    /// Whether `password` matches `stored_hash`. `None` verifies against the dummy hash (and so
    /// fails) in the time a real check takes, so unknown accounts cannot be told by timing.
    pub async fn verify(
        &self,
        stored_hash: Option<String>,
        password: String,
    ) -> Result<bool, AppError> {
        self.run(move || {
            let is_real_account = stored_hash.is_some();
            let hash = stored_hash.unwrap_or_else(|| DUMMY_PASSWORD_HASH.to_owned());
            verify_password_blocking(&hash, &password) && is_real_account
        })
        .await
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_than_the_cap_run_and_the_crowd_beyond_is_refused() {
        let gate = PasswordGate::new(2);
        let mut tasks = Vec::new();
        for _ in 0..30 {
            let gate = gate.clone();
            tasks.push(tokio::spawn(async move {
                gate.run(|| std::thread::sleep(Duration::from_millis(50)))
                    .await
            }));
        }
        let mut refused = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(()) => {}
                Err(AppError::Busy { .. }) => refused += 1,
                Err(other) => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(gate.peak_in_flight(), 2);
        assert!(
            refused > 0,
            "30 at once, 2 running and 8 waiting: some refused"
        );
        assert_eq!(gate.hashes_started() + refused, 30);
    }
}
