/// Errors of the storage layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint was violated (e.g. an e-mail address already registered).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database URL is malformed or names an unsupported scheme.
    #[error("invalid database url: {0}")]
    InvalidUrl(String),
    /// A stored value no longer parses into its domain type (the database was edited by hand).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    /// A file offered for restoring (or a backup destination) cannot be used; the message says
    /// why, for the person at the terminal.
    #[error("{0}")]
    UnusableBackup(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migration(#[from] sqlx::migrate::MigrateError),
}

impl StoreError {
    /// Classify an error from a write: a unique violation becomes `Conflict` (described by
    /// `what`, e.g. "e-mail address already registered"), a foreign key violation `NotFound`
    /// (the row it refers to does not exist), anything else stays a database error.
    pub(crate) fn from_write(error: sqlx::Error, what: &str) -> StoreError {
        if let sqlx::Error::Database(database_error) = &error {
            if database_error.is_unique_violation() {
                return StoreError::Conflict(what.to_owned());
            }
            if database_error.is_foreign_key_violation() {
                return StoreError::NotFound;
            }
        }
        StoreError::Database(error)
    }
}
