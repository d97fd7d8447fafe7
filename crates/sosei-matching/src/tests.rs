//! Unit tests on small hand-made rounds.
#![allow(clippy::unwrap_used)]

use crate::*;

fn example() -> MatchProblem {
    serde_json::from_str(include_str!("../examples/yame-shimokawa.json")).unwrap()
}

#[test]
fn the_example_solves_exactly_and_keeps_every_rule() {
    let problem = example();
    let outcome = solve(&problem).unwrap();
    assert_eq!(check_hard_constraints(&problem, &outcome), vec![]);
    assert_eq!(outcome.method, Method::Exact);
    assert!(outcome.proven_optimal);
    assert_eq!(outcome.gap, Some(0.0));
    let placed: Vec<(&str, &str)> = outcome
        .placements
        .iter()
        .map(|p| (&*p.applicant, &*p.team))
        .collect();
    assert!(placed.contains(&("li-wei", "shimokawa-1")), "{placed:?}");
    assert!(
        placed.contains(&("somchai-k", "yame-1")),
        "the only Thai speaker: {placed:?}"
    );
    assert!(
        !placed
            .iter()
            .any(|(a, t)| *a == "tran-duc" && t.starts_with("yame"))
    );
}
