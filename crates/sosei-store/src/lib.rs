//! Storage for Sosei: the only crate that knows SQL.
//!
//! One [`Store`] type, two backends: embedded SQLite (the default, WAL, foreign keys on) and
//! PostgreSQL (several stateless app servers on one database). Each backend has its own
//! migrations under `migrations/`; queries are written once, in the SQL both understand
//! (`$1` placeholders, `RETURNING`, `ON CONFLICT`), and run through typed pools so each backend
//! decodes its own types. Methods take and return `sosei-core` domain types, never rows.

/// Run the same body on whichever typed pool the store holds. The body is expanded once per
/// backend, so each expansion is type-checked against its own driver (no `Any` driver and its
/// type-mapping surprises), while the SQL text is written once.
macro_rules! with_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.pool {
            $crate::store::Pool::Sqlite($pool) => $body,
            $crate::store::Pool::Postgres($pool) => $body,
        }
    };
}

mod account_deletion;
mod account_tokens;
mod applications;
mod backup;
mod conversations;
mod convert;
mod deliverables;
mod error;
mod facts;
mod files;
mod hosts;
mod imports;
mod legal_documents;
mod match_rounds;
mod municipalities;
mod organisations;
mod outbox;
mod participants;
mod personal_data;
mod profiles;
mod programme_admin;
mod programme_values;
mod programmes;
mod regions;
mod scratch;
mod sessions;
mod sign_in_attempts;
mod statement_translations;
mod statements;
mod store;
mod teams;
mod users;
mod vote_batches;

pub use account_deletion::{AccountDeletionRefusal, DELETED_ACCOUNT_NAME};
pub use account_tokens::{AccountTokenPurpose, NewAccountToken};
pub use backup::{DatabaseSummary, inspect_sqlite_backup, latest_sqlite_migration};
pub use conversations::{ConversationFilter, StatementTally, StoredAnalysis};
pub use error::StoreError;
pub use imports::{ExternalId, ExternalKind};
pub use match_rounds::{MatchExclusion, MatcherWriteSummary};
pub use outbox::OUTBOX_ERROR_MAX_CHARS;
pub use personal_data::{
    PersonalDeliberationData, PersonalParticipation, PersonalStatement, PersonalVote,
};
pub use programme_admin::ApplicationStatusCount;
pub use scratch::{create_scratch_postgres_database, drop_scratch_postgres_database};
pub use sessions::{LoginThrottle, NewSession, SessionRecord};
pub use sign_in_attempts::AttemptClaim;
pub use store::{Backend, SQLITE_FILE_NAME, SqliteDurability, Store};
pub use users::UserWithPassword;
