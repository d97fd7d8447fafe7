//! `sosei match PROBLEM.json`: solve a team-matching round from a file, with no database, and
//! print the assignment with its objective, bound, gap and explanations (`--format json` prints
//! the `MatchOutcome` as JSON). An infeasible round exits non-zero with its diagnosis.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use sosei_matching::{MatchError, MatchOutcome, MatchProblem, MethodChoice};

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// The problem file (JSON; schema in the sosei-matching crate docs and the README).
    #[arg(value_name = "PROBLEM.json")]
    pub problem: PathBuf,

    #[arg(long, value_enum, default_value = "text")]
    pub format: MatchFormat,

    /// Override the file's method.
    #[arg(long, value_enum)]
    pub method: Option<MatchMethod>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchFormat {
    Json,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchMethod {
    Auto,
    Exact,
    LocalSearch,
    DeferredAcceptance,
}

pub fn run(args: &MatchArgs) -> anyhow::Result<()> {
    println!("{}", render(args)?);
    Ok(())
}

/// Read and parse the problem file; serde's message carries the line and column.
pub fn read_problem(path: &std::path::Path) -> anyhow::Result<MatchProblem> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not a valid problem", path.display()))
}

/// The text `run` prints; an infeasible round is an error carrying its diagnosis.
pub fn render(args: &MatchArgs) -> anyhow::Result<String> {
    let mut problem = read_problem(&args.problem)?;
    if let Some(method) = args.method {
        problem.options.method = match method {
            MatchMethod::Auto => MethodChoice::Auto,
            MatchMethod::Exact => MethodChoice::Exact,
            MatchMethod::LocalSearch => MethodChoice::LocalSearch,
            MatchMethod::DeferredAcceptance => MethodChoice::DeferredAcceptance,
        };
    }
    let outcome = match sosei_matching::solve(&problem) {
        Ok(outcome) => outcome,
        Err(MatchError::Infeasible(diagnosis)) => {
            anyhow::bail!("the round cannot be solved: {diagnosis}")
        }
        Err(error) => return Err(error.into()),
    };
    Ok(match args.format {
        MatchFormat::Json => {
            serde_json::to_string_pretty(&outcome).context("cannot serialise the outcome")?
        }
        MatchFormat::Text => text_summary(&outcome),
    })
}

fn text_summary(outcome: &MatchOutcome) -> String {
    let mut out = String::new();
    let method = match outcome.method {
        sosei_matching::Method::Exact if outcome.proven_optimal => "integer program (optimal)",
        sosei_matching::Method::Exact => "integer program (stopped early)",
        sosei_matching::Method::LocalSearch => "local search",
        sosei_matching::Method::DeferredAcceptance => "deferred acceptance",
        sosei_matching::Method::Greedy => "greedy",
    };
    let _ = writeln!(out, "method: {method}");
    let _ = writeln!(
        out,
        "objective: {:.4} (preference {:.4}, skill fit {:.4}, diversity {:.4})",
        outcome.objective,
        outcome.objective_parts.preference,
        outcome.objective_parts.skill_fit,
        outcome.objective_parts.diversity
    );
    match (outcome.bound, outcome.gap) {
        (Some(bound), Some(gap)) => {
            let source = match outcome.bound_source {
                Some(sosei_matching::BoundSource::IntegerProgram) => "integer program",
                _ => "Lagrangian",
            };
            let _ = writeln!(
                out,
                "bound: {bound:.4} ({source}); gap: {:.3} %",
                gap * 100.0
            );
        }
        _ => {
            let _ = writeln!(out, "bound: none");
        }
    }
    let summary = &outcome.summary;
    let _ = writeln!(
        out,
        "placed {} of {}; first choice {:.1} %; mean rank {}; mean distinct nationalities per team {:.2}",
        summary.placed,
        summary.applicants,
        summary.first_choice_share * 100.0,
        summary
            .mean_rank
            .map_or_else(|| "-".to_owned(), |r| format!("{r:.2}")),
        summary.mean_distinct_nationalities
    );
    for team in &outcome.teams {
        let needs: Vec<String> = team
            .needs
            .iter()
            .map(|n| format!("{} {}/{}", n.need, n.covered, n.required))
            .collect();
        let _ = writeln!(
            out,
            "\nteam {} ({}): {} members, {} nationalities, Blau {:.2}{}",
            team.team,
            team.programme,
            team.size,
            team.distinct_nationalities,
            team.blau_index,
            if needs.is_empty() {
                String::new()
            } else {
                format!("; needs: {}", needs.join(", "))
            }
        );
        for placement in outcome.placements.iter().filter(|p| p.team == team.team) {
            let _ = writeln!(out, "  {}: {}", placement.applicant, placement.explanation);
        }
    }
    if !outcome.unplaced.is_empty() {
        let _ = writeln!(out, "\nunplaced:");
        for unplaced in &outcome.unplaced {
            let _ = writeln!(out, "  {}: {}", unplaced.applicant, unplaced.explanation);
        }
    }
    if !outcome.blocking_pairs.is_empty() {
        let _ = writeln!(out, "\nblocking pairs:");
        for pair in &outcome.blocking_pairs {
            let _ = writeln!(
                out,
                "  {} – {}: {}",
                pair.applicant, pair.programme, pair.explanation
            );
        }
    }
    if !outcome.violations.is_empty() {
        let _ = writeln!(out, "\nrules broken:");
        for violation in &outcome.violations {
            let _ = writeln!(out, "  {}", violation.message);
        }
    }
    out.trim_end().to_owned()
}
