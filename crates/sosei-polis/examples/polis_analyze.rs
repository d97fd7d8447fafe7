//! Development twin of `sosei analyze DIR --format json` without the web stack, so the engine can
//! be judged (`polis_eval.py target/debug/examples/polis_analyze ...`) after a quick build.
//! Usage: `polis_analyze analyze DIR [--format json] [--checkpoints N]`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(dir) = args
        .iter()
        .skip(1)
        .find(|a| *a != "analyze" && !a.starts_with("--") && *a != "json")
    else {
        eprintln!("usage: polis_analyze analyze DIR --format json");
        std::process::exit(2);
    };
    let checkpoints = args
        .iter()
        .position(|a| a == "--checkpoints")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(10usize);
    let conversation = match sosei_polis::read_conversation(std::path::Path::new(dir)) {
        Ok(c) => c,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    };
    let analysis =
        conversation.analyze_history(&sosei_opinion::AnalysisConfig::default(), checkpoints);
    match serde_json::to_string(&sosei_polis::report(&analysis)) {
        Ok(text) => println!("{text}"),
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    }
}
