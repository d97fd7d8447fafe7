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

/// A round from compact data: programmes `(id, team max size, nationality cap)`, each with
/// one team `{id}-1` of min size 0; applicants `(id, nationality, preferences, score for p1)`.
fn small_round(
    programmes: &[(&str, u32, Option<u32>)],
    applicants: &[(&str, &str, &[&str], f64)],
) -> MatchProblem {
    let programmes: Vec<serde_json::Value> = programmes
        .iter()
        .map(|(id, max, cap)| {
            serde_json::json!({
                "id": id,
                "dates": {"start": "2017-09-06", "end": "2017-09-09"},
                "teams": [{"id": format!("{id}-1"), "min_size": 0, "max_size": max}],
                "max_per_nationality": cap,
            })
        })
        .collect();
    let applicants: Vec<serde_json::Value> = applicants
        .iter()
        .map(|(id, nationality, preferences, score)| {
            serde_json::json!({
                "id": id,
                "nationalities": [nationality],
                "preferences": preferences,
                "scores": {"p1": score},
            })
        })
        .collect();
    serde_json::from_value(serde_json::json!({
        "applicants": applicants,
        "programmes": programmes,
        "weights": {"preference": 1.0, "skill_fit": 0.0, "diversity": 0.0},
    }))
    .unwrap()
}

fn check_unplaced(problem: &MatchProblem, expected: &[(&str, UnplacedReason)]) {
    let outcome = solve(problem).unwrap();
    let got: Vec<(&str, &UnplacedReason)> = outcome
        .unplaced
        .iter()
        .map(|u| (&*u.applicant, &u.reason))
        .collect();
    let expected: Vec<(&str, &UnplacedReason)> = expected.iter().map(|(a, r)| (*a, r)).collect();
    assert_eq!(got, expected);
    for unplaced in &outcome.unplaced {
        assert_eq!(unplaced.explanation, unplaced.reason.english());
    }
}

fn no_place(programme: &str, obstacle: Obstacle) -> UnplacedReason {
    UnplacedReason::NoPlace {
        programmes: vec![ProgrammeObstacle {
            programme: programme.to_owned(),
            obstacle,
        }],
    }
}

#[test]
fn an_applicant_left_out_of_a_full_team_is_told_so() {
    let problem = small_round(
        &[("p1", 1, None)],
        &[("x", "TH", &["p1"], 5.0), ("y", "VN", &["p1"], 0.0)],
    );
    let outcome = solve(&problem).unwrap();
    let left_out = &outcome.unplaced[0].applicant;
    check_unplaced(&problem, &[(left_out, no_place("p1", Obstacle::TeamsFull))]);
}

#[test]
fn exclusion_dates_and_an_empty_list_are_reasons_of_their_own() {
    let mut problem = small_round(
        &[("p1", 3, None)],
        &[
            ("x", "TH", &["p1"], 0.0),
            ("y", "VN", &["p1"], 0.0),
            ("z", "CN", &[], 0.0),
        ],
    );
    problem.locks.push(Lock::Exclude {
        applicant: "x".to_owned(),
        programme: "p1".to_owned(),
    });
    let dates = DateRange {
        start: IsoDate::parse("2017-09-06").unwrap(),
        end: IsoDate::parse("2017-09-09").unwrap(),
    };
    problem.applicants[1].availability = vec![DateRange {
        start: IsoDate::parse("2017-10-01").unwrap(),
        end: IsoDate::parse("2017-10-31").unwrap(),
    }];
    check_unplaced(
        &problem,
        &[
            ("x", no_place("p1", Obstacle::Excluded)),
            ("y", no_place("p1", Obstacle::NotAvailable { dates })),
            ("z", UnplacedReason::RankedNothing),
        ],
    );
}

#[test]
fn a_nationality_cap_is_named_with_its_team() {
    let problem = small_round(
        &[("p1", 3, Some(1))],
        &[("x", "TH", &["p1"], 1.0), ("y", "TH", &["p1"], 0.0)],
    );
    check_unplaced(
        &problem,
        &[(
            "y",
            no_place(
                "p1",
                Obstacle::NationalityCap {
                    teams: vec!["p1-1".to_owned()],
                },
            ),
        )],
    );
}

/// A blocking pair as (applicant, programme, team, rank, placement rank, reason).
type PairFields<'a> = (&'a str, &'a str, &'a str, u32, Option<u32>, BlockingReason);

/// The blocking pairs of `problem`'s solution.
fn check_blocking(problem: &MatchProblem, expected: &[PairFields<'_>]) {
    let outcome = solve(problem).unwrap();
    let got: Vec<PairFields<'_>> = outcome
        .blocking_pairs
        .iter()
        .map(|b| {
            (
                &*b.applicant,
                &*b.programme,
                &*b.team,
                b.rank,
                b.placement_rank,
                b.reason.clone(),
            )
        })
        .collect();
    assert_eq!(got, expected);
}

fn ranks_above(displaced: &str) -> BlockingReason {
    BlockingReason::RanksAbove {
        displaced: displaced.to_owned(),
    }
}

#[test]
fn a_programme_that_scores_someone_higher_than_its_member_blocks() {
    // The optimum puts y (who ranked only p1) in p1 and x in their second choice, though p1
    // scores x higher.
    let problem = small_round(
        &[("p1", 1, None), ("p2", 1, None)],
        &[("x", "TH", &["p1", "p2"], 5.0), ("y", "VN", &["p1"], 0.0)],
    );
    check_blocking(
        &problem,
        &[("x", "p1", "p1-1", 1, Some(2), ranks_above("y"))],
    );
}

#[test]
fn a_free_seat_the_nationality_cap_keeps_closed_does_not_block() {
    // y would rather be in p1, which has a free seat, but a second Thai member would break its
    // cap of one: the swap breaks a hard rule, so it is no blocking pair.
    let problem = small_round(
        &[("p1", 3, Some(1)), ("p2", 1, None)],
        &[
            ("x", "TH", &["p1", "p2"], 1.0),
            ("y", "TH", &["p1", "p2"], 0.0),
        ],
    );
    let outcome = solve(&problem).unwrap();
    assert_eq!(outcome.placements.len(), 2);
    check_blocking(&problem, &[]);
}

#[test]
fn a_free_seat_that_keeps_every_rule_blocks() {
    // x would rather be in p1, but a second Thai member adds no nationality there while x is
    // p2's only one: with diversity weighted, the optimum keeps x in p2, and p1's free seat
    // (no cap) is a swap that keeps every rule.
    let problem: MatchProblem = serde_json::from_value(serde_json::json!({
        "applicants": [
            {"id": "t", "nationalities": ["TH"], "preferences": ["p1"]},
            {"id": "x", "nationalities": ["TH"], "preferences": ["p1", "p2"]},
        ],
        "programmes": [
            {"id": "p1", "dates": {"start": "2017-09-06", "end": "2017-09-09"},
             "teams": [{"id": "p1-1", "min_size": 0, "max_size": 3}]},
            {"id": "p2", "dates": {"start": "2017-10-06", "end": "2017-10-09"},
             "teams": [{"id": "p2-1", "min_size": 0, "max_size": 3}]},
        ],
        "weights": {"preference": 1.0, "skill_fit": 0.0, "diversity": 1.0},
    }))
    .unwrap();
    check_blocking(
        &problem,
        &[("x", "p1", "p1-1", 1, Some(2), BlockingReason::FreeSeat)],
    );
    // With p2's team needing x to reach its minimum, x cannot leave it: nothing blocks.
    let mut needed = problem.clone();
    needed.programmes[1].teams[0].min_size = 1;
    check_blocking(&needed, &[]);
}

/// The case: an unplaced applicant whom the programme scores above the team's only
/// photographer. Swapping them would leave the team without the photographer it needs, so the
/// pair does not block; swapping them for the other, non-photographer member does.
#[test]
fn the_only_required_photographer_is_never_swapped_out() {
    let problem: MatchProblem = serde_json::from_value(serde_json::json!({
        "applicants": [
            {"id": "x", "nationalities": ["TH"], "preferences": ["p1"], "scores": {"p1": 5.0}},
            {"id": "y", "nationalities": ["TH"], "skills": ["photography"],
             "preferences": ["p1"], "scores": {"p1": 0.0}},
            {"id": "z", "nationalities": ["VN"], "preferences": ["p1"], "scores": {"p1": 3.0}},
        ],
        "programmes": [{
            "id": "p1", "dates": {"start": "2017-09-06", "end": "2017-09-09"},
            "teams": [{"id": "p1-1", "min_size": 2, "max_size": 2,
                       "needs": [{"kind": "skill", "skill": "photography", "at_least": 1}]}],
        }],
        "weights": {"preference": 1.0, "skill_fit": 0.0, "diversity": 1.0},
    }))
    .unwrap();
    let outcome = solve(&problem).unwrap();
    let mut team: Vec<&str> = outcome.placements.iter().map(|p| &*p.applicant).collect();
    team.sort_unstable();
    assert_eq!(
        team,
        ["y", "z"],
        "the photographer, and z for a second nationality"
    );
    // p1 ranks y (the photographer) lowest, but x may only take z's place.
    check_blocking(&problem, &[("x", "p1", "p1-1", 1, None, ranks_above("z"))]);

    // With z gone, the photographer is the only member x ranks above: nothing blocks.
    let mut alone = problem.clone();
    alone.applicants.retain(|a| a.id != "z");
    alone.programmes[0].teams[0].min_size = 1;
    alone.programmes[0].teams[0].max_size = 1;
    let outcome = solve(&alone).unwrap();
    assert_eq!(outcome.placements[0].applicant, "y");
    check_blocking(&alone, &[]);
}

#[test]
fn the_lagrangian_bound_stays_a_true_bound_when_the_deadline_cuts_it() {
    use std::time::{Duration, Instant};
    let problem = example();
    let optimum = solve(&problem).unwrap();
    assert!(optimum.proven_optimal);
    let model = crate::model::Model::build(&problem).unwrap();
    let cut = crate::bound::lagrangian_bound(&model, optimum.objective, Instant::now());
    assert!(cut.cut_by_deadline);
    assert_eq!(cut.iterations, 50, "the minimum number of steps");
    assert!(cut.value >= optimum.objective - 1e-9, "{cut:?}");
    let full = crate::bound::lagrangian_bound(
        &model,
        optimum.objective,
        Instant::now() + Duration::from_secs(60),
    );
    assert!(!full.cut_by_deadline);
    assert!(full.iterations > cut.iterations && full.iterations <= 3000);
    assert!(full.value >= optimum.objective - 1e-9);
    assert!(full.value <= cut.value, "more steps never loosen it");
}

#[test]
fn a_local_search_whose_bound_the_clock_cut_says_so() {
    let mut problem = example();
    problem.options.method = MethodChoice::LocalSearch;
    problem.options.time_limit_seconds = 1e-9;
    let outcome = solve(&problem).unwrap();
    assert!(outcome.time_limit_reached);
    let optimum = solve(&example()).unwrap().objective;
    assert!(outcome.bound.unwrap() >= optimum - 1e-9);
}
