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
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Migration(#[from] sqlx::migrate::MigrateError),
}
