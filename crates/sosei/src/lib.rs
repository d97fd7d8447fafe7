//! The `sosei` binary's library half: configuration, startup and CLI subcommands, so that
//! integration tests can start a real server in-process.
//!
//! Tests start a server with [`start_server`] (a fresh data directory, port 0) or, to fill the
//! database first, with [`open_store`], `migrate`, [`demo::load_demo_data`] and
//! [`start_server_with_store`]; [`RunningServer::shutdown`] stops it.

pub mod cli;
pub mod config;
pub mod demo;
pub mod server;
pub mod telemetry;
pub mod users;

pub use server::{
    DatabaseLocation, RunningServer, ServerSettings, open_store, start_server,
    start_server_with_store,
};
