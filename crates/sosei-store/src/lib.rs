//! Storage for Sosei: the only crate that knows SQL.
//!
//! One [`Store`] type, two backends: embedded SQLite (the default, WAL, foreign keys on) and
//! PostgreSQL (several stateless app servers on one database). Each backend has its own
//! migrations under `migrations/`; queries are written once, in the SQL both understand
//! (`$1` placeholders, `RETURNING`, `ON CONFLICT`), and run through typed pools so each backend
//! decodes its own types. Methods take and return `sosei-core` domain types, never rows.

mod error;
mod store;

pub use error::StoreError;
pub use store::{Backend, LoginThrottle, NewSession, SessionRecord, Store, UserWithPassword};
