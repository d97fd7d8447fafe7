//! The `sosei` binary's library half: configuration, startup and CLI subcommands, so that
//! integration tests can start a real server in-process.
//!
//! Tests start a server with [`start_server`] (a fresh data directory, port 0) or, to fill the
//! database first, with [`prepare_server`], [`demo::load_demo_data`] on
//! [`PreparedServer::store`], then [`PreparedServer::serve`]; [`RunningServer::shutdown`] stops
//! it. [`open_store`] and [`start_server_with_store`] serve a store opened elsewhere.

pub mod analyze;
pub mod backup;
pub mod bench_matching;
pub mod bench_opinion;
pub mod bench_votes;
pub mod cli;
pub mod config;
pub mod demo;
pub mod mail_test;
pub mod match_command;
pub mod polis_export;
pub mod polis_import;
pub mod server;
pub mod telemetry;
pub mod users;

pub use server::{
    DatabaseLocation, PreparedServer, RunningServer, ServerSettings, open_store, prepare_server,
    start_server, start_server_with_store,
};
