//! Logging: `tracing` events written to standard output as text or JSON, filtered by `RUST_LOG`
//! (default `info`). Standard error is kept for the one-line error a failed command prints.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// The filter when `RUST_LOG` is unset or invalid: our own events at info, and sqlx only when
/// something is wrong (it logs every statement at debug and slow ones at warn).
pub const DEFAULT_FILTER: &str = "info,sqlx=warn";

/// Install the global subscriber. Calling it again (as tests may) leaves the first one in place.
pub fn init(format: LogFormat) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stdout)
        // Colour codes only for a person watching, not in files or log collectors.
        .with_ansi(std::io::stdout().is_terminal());
    let _already_installed = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_span_list(false)
            .try_init(),
    };
}
