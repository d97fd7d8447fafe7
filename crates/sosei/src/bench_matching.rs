//! `sosei bench matching`: the team matcher on seeded synthetic rounds (applicants ×
//! programmes), next to the greedy baseline measured in the same run. Times cover
//! `sosei_matching::solve` (or `greedy_baseline`) from the problem to the finished outcome,
//! explanations and blocking pairs included; generating the round is not timed.

use std::time::Instant;

use anyhow::Context;
use clap::Args;
use sosei_matching::synthetic::{SyntheticSpec, generate};
use sosei_matching::{MatchOutcome, MethodChoice};

#[derive(Debug, Args)]
pub struct BenchMatchingArgs {
    /// Round sizes as APPLICANTSxPROGRAMMES, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "200x20,1000x50,5000x200",
        value_name = "NxP,…"
    )]
    pub sizes: Vec<String>,

    /// Seed of the synthetic rounds (and of the local search).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,

    /// Wall-clock safety limit per solve, in seconds.
    #[arg(long, default_value_t = 30.0, value_name = "S")]
    pub time_limit: f64,
}

fn parse_size(text: &str) -> anyhow::Result<(usize, usize)> {
    let (applicants, programmes) = text
        .split_once('x')
        .with_context(|| format!("size '{text}' is not of the form 1000x50"))?;
    Ok((
        applicants
            .trim()
            .parse()
            .context("applicants must be a number")?,
        programmes
            .trim()
            .parse()
            .context("programmes must be a number")?,
    ))
}

pub fn run(args: &BenchMatchingArgs) -> anyhow::Result<()> {
    println!(
        "{:<10} {:<14} {:>8} {:>10} {:>10} {:>8} {:>7} {:>7} {:>6} {:>6} {:>6}",
        "round",
        "method",
        "time s",
        "objective",
        "bound",
        "gap %",
        "placed",
        "1st %",
        "rank",
        "nats",
        "broken"
    );
    for size in &args.sizes {
        let (applicants, programmes) = parse_size(size)?;
        let mut problem = generate(SyntheticSpec {
            applicants,
            programmes,
            seed: args.seed,
        });
        problem.options.time_limit_seconds = args.time_limit;
        let label = format!("{applicants}x{programmes}");

        let started = Instant::now();
        let greedy = sosei_matching::greedy_baseline(&problem)?;
        print_row(&label, "greedy", started.elapsed().as_secs_f64(), &greedy);

        problem.options.method = MethodChoice::Auto;
        let started = Instant::now();
        match sosei_matching::solve(&problem) {
            Ok(outcome) => {
                let method = match outcome.method {
                    sosei_matching::Method::Exact if outcome.proven_optimal => "exact (opt)",
                    sosei_matching::Method::Exact => "exact (early)",
                    _ => "local search",
                };
                let seconds = started.elapsed().as_secs_f64();
                print_row(&label, method, seconds, &outcome);
                if outcome.time_limit_reached {
                    println!("{label:<10} (the time limit cut this run short)");
                }
            }
            Err(error) => println!("{label:<10} {:<14} {error}", "matcher"),
        }
    }
    println!(
        "\ngap % = (bound − objective) / bound; bound: the integer program's proven bound, or the \
         Lagrangian dual bound for local search. 1st % = applicants placed in their first choice; \
         rank = mean rank of placements; nats = mean distinct nationalities per formed team; \
         broken = hard-rule violations (the greedy baseline does not pursue needs)."
    );
    Ok(())
}

fn print_row(label: &str, method: &str, seconds: f64, outcome: &MatchOutcome) {
    let number = |value: Option<f64>, scale: f64, digits: usize| {
        value.map_or_else(|| "-".to_owned(), |v| format!("{:.*}", digits, v * scale))
    };
    println!(
        "{:<10} {:<14} {:>8.3} {:>10.2} {:>10} {:>8} {:>7} {:>7.1} {:>6} {:>6.2} {:>6}",
        label,
        method,
        seconds,
        outcome.objective,
        number(outcome.bound, 1.0, 2),
        number(outcome.gap, 100.0, 3),
        outcome.summary.placed,
        outcome.summary.first_choice_share * 100.0,
        number(outcome.summary.mean_rank, 1.0, 2),
        outcome.summary.mean_distinct_nationalities,
        outcome.violations.len()
    );
}
