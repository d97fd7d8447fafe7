//! `sosei analyze DIR`: opinion groups and consensus for a Pol.is openData export folder, without
//! a database. Prints one JSON object (`--format json`) or a summary for people (`--format text`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, ValueEnum};
use sosei_opinion::{Analysis, AnalysisConfig};
use sosei_polis::PolisConversation;

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Folder with comments.csv and votes.csv (or participants-votes.csv).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    #[arg(long, value_enum, default_value = "text")]
    pub format: AnalyzeFormat,

    /// Replay the vote log in this many steps, each analysis starting from the previous groups
    /// (as a live conversation is analysed); 1 analyses the final votes once.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub checkpoints: usize,

    /// Seed for the random starts (the result is the same on every run with the same seed).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Principal components the groups are found in (the map always shows two).
    #[arg(long, value_name = "N")]
    pub dimensions: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnalyzeFormat {
    Json,
    Text,
}

pub fn run(args: &AnalyzeArgs) -> anyhow::Result<()> {
    println!("{}", render(args)?);
    Ok(())
}

/// The text `run` prints.
pub fn render(args: &AnalyzeArgs) -> anyhow::Result<String> {
    let started = Instant::now();
    let conversation = sosei_polis::read_conversation(&args.dir)
        .with_context(|| format!("cannot read the export in {}", args.dir.display()))?;
    let read_ms = started.elapsed().as_secs_f64() * 1e3;

    let mut config = AnalysisConfig::default();
    if let Some(seed) = args.seed {
        config.seed = seed;
    }
    if let Some(dimensions) = args.dimensions {
        anyhow::ensure!(
            (1..=10).contains(&dimensions),
            "--dimensions must be between 1 and 10"
        );
        config.cluster_dimensions = dimensions;
    }
    let started = Instant::now();
    let analysis = conversation.analyze_history(&config, args.checkpoints.max(1));
    let analyze_ms = started.elapsed().as_secs_f64() * 1e3;

    let output = match args.format {
        AnalyzeFormat::Json => {
            let mut value = serde_json::to_value(sosei_polis::report(&analysis))
                .context("cannot serialise the analysis")?;
            value["timings_ms"] = serde_json::json!({ "read": read_ms, "analyze": analyze_ms });
            value["checkpoints"] = serde_json::json!(args.checkpoints.max(1));
            value.to_string()
        }
        AnalyzeFormat::Text => text_summary(&conversation, &analysis, &config, read_ms, analyze_ms),
    };
    Ok(output)
}

fn text_summary(
    conversation: &PolisConversation,
    analysis: &Analysis,
    config: &AnalysisConfig,
    read_ms: f64,
    analyze_ms: f64,
) -> String {
    let bodies: HashMap<i64, &str> = conversation
        .comments
        .iter()
        .map(|c| (c.id, c.body.as_str()))
        .collect();
    let body = |id: i64| {
        let text = bodies.get(&id).copied().unwrap_or("");
        let mut short: String = text.chars().take(90).collect();
        if text.chars().count() > 90 {
            short.push('…');
        }
        short
    };
    let counts = &analysis.counts;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} participants ({} in groups), {} statements ({} active), {} votes",
        counts.participants,
        counts.included_participants,
        counts.statements,
        counts.active_statements,
        counts.votes
    );
    let silhouettes: Vec<String> = analysis
        .group_choice
        .candidates
        .iter()
        .map(|c| {
            format!(
                "k={} {:.3}{}",
                c.k,
                c.silhouette,
                if c.admissible {
                    ""
                } else {
                    " (a group too small)"
                }
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "{} opinion groups; silhouette: {}",
        analysis.groups.len(),
        silhouettes.join(", ")
    );
    for group in &analysis.groups {
        let _ = writeln!(
            out,
            "\nGroup {} ({} people)",
            group_letter(group.id),
            group.members.len()
        );
        for statement in &group.representative {
            let tally = statement.tally;
            let _ = writeln!(
                out,
                "  {:8} #{:<5} {:>3.0}% of {:>4}  {}",
                statement.direction.as_str(),
                statement.statement.0,
                100.0
                    * f64::from(match statement.direction {
                        sosei_opinion::Direction::Agree => tally.agree,
                        sosei_opinion::Direction::Disagree => tally.disagree,
                    })
                    / f64::from(tally.seen().max(1)),
                tally.seen(),
                body(statement.statement.0)
            );
        }
    }
    // Only the top level is consensus; the engine's lists are a majority of every group.
    let levels = sosei_opinion::agreement_levels(analysis, config);
    let level = |key: sosei_opinion::StatementKey| {
        levels
            .get(&key)
            .map_or("broad", |agreement| agreement.level.as_str())
    };
    let _ = writeln!(
        out,
        "\nCommon ground (a majority in every group; consensus: at least {:.0}% in every group)",
        100.0 * sosei_opinion::CONSENSUS_MIN_GROUP_RATE
    );
    for statement in &analysis.consensus.agree {
        let _ = writeln!(
            out,
            "  agree    {:<9} #{:<5} {}",
            level(statement.statement),
            statement.statement.0,
            body(statement.statement.0)
        );
    }
    for statement in &analysis.consensus.disagree {
        let _ = writeln!(
            out,
            "  disagree {:<9} #{:<5} {}",
            level(statement.statement),
            statement.statement.0,
            body(statement.statement.0)
        );
    }
    if !analysis.divisive.is_empty() {
        let _ = writeln!(out, "\nDivisive");
        for statement in &analysis.divisive {
            let _ = writeln!(
                out,
                "  #{:<5} {} agrees, {} does not: {}",
                statement.statement.0,
                group_letter(statement.most_agreeing_group),
                group_letter(statement.least_agreeing_group),
                body(statement.statement.0)
            );
        }
    }
    let _ = write!(
        out,
        "\nRead in {read_ms:.1} ms, analysed in {analyze_ms:.1} ms."
    );
    out
}

fn group_letter(id: usize) -> String {
    match u8::try_from(id) {
        Ok(n) if n < 26 => char::from(b'A' + n).to_string(),
        _ => id.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use sosei_opinion::{Vote, VoteRecord};
    use sosei_polis::{Moderation, PolisComment};

    /// Two camps of 20 who disagree on statements 0–5 and agree on 6–7.
    fn two_camps(dir: &std::path::Path) {
        let comments = (0..8)
            .map(|id| PolisComment {
                id,
                timestamp: None,
                datetime: String::new(),
                author_id: None,
                agrees: None,
                disagrees: None,
                moderation: Moderation::Accepted,
                is_meta: false,
                body: format!("statement {id}"),
            })
            .collect();
        let mut votes = Vec::new();
        for participant in 0..40i64 {
            for statement in 0..8i64 {
                let camp = participant < 20;
                let vote = if statement >= 6 || camp == (statement % 2 == 0) {
                    Vote::Agree
                } else {
                    Vote::Disagree
                };
                let vote = if (participant + statement) % 9 == 0 {
                    Vote::Pass
                } else {
                    vote
                };
                votes.push(VoteRecord::new(participant, statement, vote));
            }
        }
        let conversation = PolisConversation {
            comments,
            vote_events: None,
            votes,
        };
        sosei_polis::write_conversation(dir, &conversation, None).unwrap();
        std::fs::remove_file(dir.join("votes.csv")).unwrap();
    }

    #[test]
    fn json_output_has_the_stable_fields() {
        let dir = std::env::temp_dir().join(format!("sosei-analyze-{}", std::process::id()));
        two_camps(&dir);
        let args = AnalyzeArgs {
            dir: dir.clone(),
            format: AnalyzeFormat::Json,
            checkpoints: 10,
            seed: None,
            dimensions: None,
        };
        let json: serde_json::Value = serde_json::from_str(&render(&args).unwrap()).unwrap();
        let participants = json["participants"].as_array().unwrap();
        assert_eq!(participants.len(), 40);
        assert!(
            participants
                .iter()
                .all(|p| p["id"].is_string() && p["group"].is_u64())
        );
        let groups = json["groups"].as_array().unwrap();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0]["size"], 20);
        let first = &groups[0]["representative"][0];
        assert!(first["statement"].is_string());
        assert!(["agree", "disagree"].contains(&first["direction"].as_str().unwrap()));
        let agreed: Vec<&str> = json["consensus"]["agree"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(agreed, vec!["6", "7"]);

        let text = render(&AnalyzeArgs {
            format: AnalyzeFormat::Text,
            ..args
        })
        .unwrap();
        assert!(text.contains("2 opinion groups"), "{text}");
        assert!(text.contains("statement 7"), "{text}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_folder_is_a_one_line_error() {
        let args = AnalyzeArgs {
            dir: PathBuf::from("/nonexistent/sosei-analyze"),
            format: AnalyzeFormat::Json,
            checkpoints: 1,
            seed: None,
            dimensions: None,
        };
        let error = render(&args).unwrap_err();
        let line = crate::cli::one_line_error(&error);
        assert!(
            line.starts_with("cannot read the export in /nonexistent/sosei-analyze: cannot read"),
            "{line}"
        );
    }
}
