//! `sosei`: parse the command line, run the command, and on failure print one line to standard
//! error and exit non-zero (no backtrace: the message is for the person at the terminal).

use std::process::ExitCode;

use clap::Parser;
use sosei::cli::{Cli, one_line_error, one_line_usage_error, run};

/// mimalloc instead of glibc's malloc: glibc hands large blocks back to the kernel and faults them
/// in again on every analysis (bowling-green: min 20.4 → 18.7 ms, `sosei bench opinion`), and the
/// web server's many small per-request allocations were about a tenth of the vote path's CPU time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            use clap::error::ErrorKind;
            return match error.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                    let _ = error.print();
                    if error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                        ExitCode::from(2)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                _ => {
                    eprintln!("{}", one_line_usage_error(&error));
                    ExitCode::from(2)
                }
            };
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", one_line_error(&error));
            ExitCode::FAILURE
        }
    }
}

/// A panic is a bug; report it in one line like any other error unless a backtrace was asked
/// for with `RUST_BACKTRACE`.
fn install_panic_hook() {
    let wants_backtrace = std::env::var_os("RUST_BACKTRACE").is_some_and(|value| value != "0");
    if wants_backtrace {
        return;
    }
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("error: internal error (a bug in sosei): {message}{location}");
    }));
}
