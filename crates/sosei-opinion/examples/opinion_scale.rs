//! Development check that the engine scales: a synthetic conversation with three planted groups,
//! `opinion_scale PARTICIPANTS STATEMENTS VOTES_PER_PARTICIPANT`, prints the analysis time and the
//! peak resident memory (VmHWM).

use std::time::Instant;

use sosei_opinion::{AnalysisConfig, AnalysisInput, StatementInfo, Vote, VoteRecord, analyze};

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let (n_participants, n_statements, per_participant) = match args[..] {
        [p, s, v] => (p, s, v),
        _ => (10_000, 1_000, 50),
    };
    // SplitMix64: a tiny, seeded generator for the synthetic data.
    let mut state = 42u64;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let stance =
        |group: u64, statement: u64| (statement.wrapping_mul(2654435761) >> (group * 3 + 5)) & 1;
    let started = Instant::now();
    let mut votes = Vec::with_capacity(n_participants * per_participant);
    for participant in 0..n_participants as u64 {
        let group = participant % 3;
        for _ in 0..per_participant {
            let statement = next() % n_statements as u64;
            let roll = next() % 10;
            let vote = match (roll, stance(group, statement)) {
                (0, _) => Vote::Pass,
                (1, 1) | (2..=9, 0) => Vote::Disagree,
                _ => Vote::Agree,
            };
            votes.push(VoteRecord::new(participant as i64, statement as i64, vote));
        }
    }
    let input = AnalysisInput {
        statements: (0..n_statements as i64).map(StatementInfo::plain).collect(),
        votes,
        ..AnalysisInput::default()
    };
    let generated = started.elapsed();
    let started = Instant::now();
    let analysis = analyze(&input, &AnalysisConfig::default());
    let elapsed = started.elapsed();
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(str::to_owned)
        })
        .unwrap_or_default();
    let sizes: Vec<usize> = analysis.groups.iter().map(|g| g.members.len()).collect();
    println!(
        "{n_participants} participants x {n_statements} statements, {} votes: analysed in {:.3} s (generated in {:.1} s), groups {sizes:?}, {peak}",
        analysis.counts.votes,
        elapsed.as_secs_f64(),
        generated.as_secs_f64()
    );
}
