//! The `sosei` binary's library half: configuration, startup and CLI subcommands, so that
//! integration tests can start a real server in-process.

pub mod demo;
