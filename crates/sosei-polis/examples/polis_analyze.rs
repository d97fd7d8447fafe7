//! Development helper with the same command line as `sosei analyze DIR --format json`, so the
//! judge script can run the engine without building the whole server. Config overrides for
//! experiments come from SOSEI_OPINION_* variables.

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args
        .iter()
        .skip(1)
        .find(|a| *a != "analyze" && !a.starts_with("--") && *a != "json");
    let Some(dir) = dir else {
        eprintln!("usage: polis_analyze analyze DIR --format json");
        std::process::exit(2);
    };
    let mut config = sosei_opinion::AnalysisConfig::default();
    let get = |name: &str| std::env::var(format!("SOSEI_OPINION_{name}")).ok();
    if let Some(v) = get("DIMS").and_then(|v| v.parse().ok()) {
        config.cluster_dimensions = v;
    }
    if let Some(v) = get("MARGIN").and_then(|v| v.parse().ok()) {
        config.k_margin = v;
    }
    if let Some(v) = get("BASE").and_then(|v| v.parse().ok()) {
        config.base_points = v;
    }
    if let Some(v) = get("MAXK").and_then(|v| v.parse().ok()) {
        config.max_groups = v;
    }
    if let Some(v) = get("MINVOTES").and_then(|v| v.parse().ok()) {
        config.min_votes_to_cluster = v;
    }
    if let Some(v) = get("COUNTMOD") {
        config.count_moderated_votes = v == "1";
    }
    if let Some(v) = get("PAD") {
        config.pad_projection_with_moderated = v == "1";
    }
    if let Some(v) = get("SEED").and_then(|v| v.parse().ok()) {
        config.seed = v;
    }
    if let Some(v) = get("GRESTARTS").and_then(|v| v.parse().ok()) {
        config.group_restarts = v;
    }
    let started = Instant::now();
    let conversation = match sosei_polis::read_conversation(std::path::Path::new(dir)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let input = conversation.analysis_input();
    let read = started.elapsed();
    let started = Instant::now();
    let checkpoints: usize = get("CHECKPOINTS").and_then(|v| v.parse().ok()).unwrap_or(1);
    let analysis = if checkpoints > 1 {
        conversation.analyze_history(&config, checkpoints)
    } else {
        sosei_opinion::analyze(&input, &config)
    };
    let mut analysed = started.elapsed();
    let repeats: usize = get("REPEAT").and_then(|v| v.parse().ok()).unwrap_or(0);
    for _ in 0..repeats {
        let started = Instant::now();
        let again = sosei_opinion::analyze(&input, &config);
        analysed = analysed.min(started.elapsed());
        assert_eq!(again.groups.len(), analysis.groups.len());
    }
    let report = sosei_polis::report(&analysis);
    let mut value = serde_json::to_value(&report).unwrap_or_default();
    value["timings_ms"] = serde_json::json!({
        "read": read.as_secs_f64() * 1e3,
        "analyze": analysed.as_secs_f64() * 1e3,
    });
    println!("{value}");
}
