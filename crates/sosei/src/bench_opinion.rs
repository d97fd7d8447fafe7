//! `sosei bench opinion`: how long one full opinion analysis takes, single-threaded, on the
//! Pol.is exports in `--data` and on synthetic conversations of 10k, 100k and 1M participants,
//! with peak memory. Each synthetic size runs in a fresh child process of this binary (the hidden
//! `--one-synthetic N` mode), so that its VmHWM is its own and not the largest size's so far.
//!
//! Times exclude reading CSV files and generating votes: they are `sosei_opinion::analyze` from
//! the engine's input to the finished analysis (canonical matrix, PCA, groups, statistics), the
//! work done on every analysis tick.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;
use sosei_opinion::synthetic::{self, SyntheticSpec};
use sosei_opinion::{AnalysisConfig, AnalysisInput, analyze};

#[derive(Debug, Args)]
pub struct BenchOpinionArgs {
    /// Folder of Pol.is export folders (skipped when absent).
    #[arg(long, value_name = "DIR", default_value = "../shared/data/polis")]
    pub data: PathBuf,

    /// Timed runs per Pol.is conversation (min and median are reported).
    #[arg(long, default_value_t = 21, value_name = "N")]
    pub runs: usize,

    /// Synthetic sizes in participants, comma-separated (empty: none).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "10000,100000,1000000",
        value_name = "N,N,…"
    )]
    pub synthetic: Vec<usize>,

    /// Only the Pol.is exports.
    #[arg(long)]
    pub no_synthetic: bool,

    /// Internal: time one synthetic size in this process and print one machine-readable line.
    #[arg(long, hide = true, value_name = "N")]
    pub one_synthetic: Option<usize>,
}

/// One line of the table.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    name: String,
    participants: usize,
    statements: usize,
    votes: usize,
    groups: usize,
    runs: usize,
    min_ms: f64,
    median_ms: f64,
    peak_mib: Option<f64>,
}

pub fn run(args: &BenchOpinionArgs) -> anyhow::Result<()> {
    if let Some(participants) = args.one_synthetic {
        let row = bench_synthetic_here(participants);
        println!("{}", row_to_line(&row));
        return Ok(());
    }
    let config = AnalysisConfig::default();
    println!(
        "Opinion analysis, one thread; min and median of N runs; CSV reading and data generation excluded."
    );
    println!("{}", header());
    for row in bench_exports(&args.data, args.runs.max(1), &config)? {
        println!("{}", format_row(&row));
    }
    let exe = std::env::current_exe().context("cannot find this program to run the sizes")?;
    let sizes: &[usize] = if args.no_synthetic {
        &[]
    } else {
        &args.synthetic
    };
    for &participants in sizes {
        let output = std::process::Command::new(&exe)
            .args([
                "bench",
                "opinion",
                "--one-synthetic",
                &participants.to_string(),
            ])
            .output()
            .with_context(|| format!("cannot run the {participants}-participant benchmark"))?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        match stdout.lines().find_map(line_to_row) {
            Some(row) if output.status.success() => println!("{}", format_row(&row)),
            _ => println!(
                "synthetic {participants}: failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            ),
        }
    }
    Ok(())
}

/// Statements and timed runs for a synthetic size: 1k statements at 10k participants, 2k at 100k,
/// 5k from 1M; fewer runs as the size grows.
fn synthetic_shape(participants: usize) -> (usize, usize) {
    match participants {
        0..=20_000 => (1_000, 7),
        20_001..=200_000 => (2_000, 3),
        _ => (5_000, 1),
    }
}

fn bench_synthetic_here(participants: usize) -> Row {
    let (statements, runs) = synthetic_shape(participants);
    let spec = SyntheticSpec::heavy_tailed(participants, statements);
    let input = synthetic::generate(&spec);
    let mut row = time_analysis(
        &format!("synthetic {}", short_count(participants)),
        &input,
        &AnalysisConfig::default(),
        runs,
    );
    drop(input);
    row.peak_mib = peak_resident_mib();
    row
}

fn bench_exports(data: &Path, runs: usize, config: &AnalysisConfig) -> anyhow::Result<Vec<Row>> {
    let Ok(entries) = std::fs::read_dir(data) else {
        println!("({} not found: Pol.is exports skipped)", data.display());
        return Ok(Vec::new());
    };
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    folders.sort();
    let mut rows = Vec::new();
    for folder in folders {
        let name = folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let conversation = match sosei_polis::read_conversation(&folder) {
            Ok(conversation) => conversation,
            Err(error) => {
                println!("{name}: skipped ({error})");
                continue;
            }
        };
        rows.push(time_analysis(
            &name,
            &conversation.analysis_input(),
            config,
            runs,
        ));
    }
    Ok(rows)
}

/// One untimed warm-up run, then `runs` timed ones.
fn time_analysis(name: &str, input: &AnalysisInput, config: &AnalysisConfig, runs: usize) -> Row {
    let warm_up = analyze(input, config);
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let analysis = analyze(input, config);
            let elapsed = started.elapsed().as_secs_f64() * 1e3;
            std::hint::black_box(analysis);
            elapsed
        })
        .collect();
    times.sort_by(f64::total_cmp);
    Row {
        name: name.to_owned(),
        participants: warm_up.counts.participants,
        statements: warm_up.counts.statements,
        votes: warm_up.counts.votes,
        groups: warm_up.groups.len(),
        runs,
        min_ms: times.first().copied().unwrap_or(0.0),
        median_ms: times.get(times.len() / 2).copied().unwrap_or(0.0),
        peak_mib: None,
    }
}

/// VmHWM of this process, in MiB.
fn peak_resident_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn short_count(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

fn header() -> String {
    format!(
        "{:<32} {:>12} {:>10} {:>12} {:>6} {:>4} {:>11} {:>11} {:>9}\n{}",
        "conversation",
        "participants",
        "statements",
        "votes",
        "groups",
        "runs",
        "min ms",
        "median ms",
        "peak MiB",
        "-".repeat(32 + 12 + 10 + 12 + 6 + 4 + 11 + 11 + 9 + 8)
    )
}

fn format_row(row: &Row) -> String {
    format!(
        "{:<32} {:>12} {:>10} {:>12} {:>6} {:>4} {:>11.2} {:>11.2} {:>9}",
        row.name,
        row.participants,
        row.statements,
        row.votes,
        row.groups,
        row.runs,
        row.min_ms,
        row.median_ms,
        row.peak_mib
            .map_or_else(|| "-".to_owned(), |mib| format!("{mib:.0}"))
    )
}

/// The child's line: `BENCH name|participants|statements|votes|groups|runs|min|median|peak`.
fn row_to_line(row: &Row) -> String {
    format!(
        "BENCH {}|{}|{}|{}|{}|{}|{}|{}|{}",
        row.name,
        row.participants,
        row.statements,
        row.votes,
        row.groups,
        row.runs,
        row.min_ms,
        row.median_ms,
        row.peak_mib.unwrap_or(-1.0)
    )
}

fn line_to_row(line: &str) -> Option<Row> {
    let fields: Vec<&str> = line.strip_prefix("BENCH ")?.split('|').collect();
    let [
        name,
        participants,
        statements,
        votes,
        groups,
        runs,
        min,
        median,
        peak,
    ] = fields[..]
    else {
        return None;
    };
    let peak: f64 = peak.parse().ok()?;
    Some(Row {
        name: name.to_owned(),
        participants: participants.parse().ok()?,
        statements: statements.parse().ok()?,
        votes: votes.parse().ok()?,
        groups: groups.parse().ok()?,
        runs: runs.parse().ok()?,
        min_ms: min.parse().ok()?,
        median_ms: median.parse().ok()?,
        peak_mib: (peak >= 0.0).then_some(peak),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_child_line_round_trips() {
        let row = Row {
            name: "synthetic 10k".to_owned(),
            participants: 10_000,
            statements: 1_000,
            votes: 500_123,
            groups: 3,
            runs: 7,
            min_ms: 12.5,
            median_ms: 13.25,
            peak_mib: Some(88.0),
        };
        assert_eq!(line_to_row(&row_to_line(&row)), Some(row.clone()));
        let without_peak = Row {
            peak_mib: None,
            ..row
        };
        assert_eq!(line_to_row(&row_to_line(&without_peak)), Some(without_peak));
        assert_eq!(line_to_row("something else"), None);
    }

    #[test]
    fn a_small_synthetic_conversation_is_timed() {
        let input = synthetic::generate(&SyntheticSpec::heavy_tailed(300, 50));
        let row = time_analysis("small", &input, &AnalysisConfig::default(), 3);
        assert_eq!(row.participants, 300);
        assert_eq!(row.runs, 3);
        assert!(row.min_ms > 0.0 && row.min_ms <= row.median_ms);
        assert!(peak_resident_mib().is_some_and(|mib| mib > 1.0));
    }

    #[test]
    fn a_missing_data_folder_is_skipped() {
        let rows = bench_exports(
            Path::new("/nonexistent/sosei-bench-data"),
            1,
            &AnalysisConfig::default(),
        )
        .unwrap();
        assert!(rows.is_empty());
    }
}
