//! Blocking pairs on generated rounds: every pair reported is one swap that keeps every hard
//! rule (checked by `check_hard_constraints`, independently of the matcher's own bookkeeping),
//! and, with one placement per person, every swap that keeps them and that both sides prefer is
//! reported.

use proptest::prelude::*;
use sosei_matching::synthetic::{SyntheticSpec, generate};
use sosei_matching::{
    BlockingPair, BlockingReason, Lock, MatchOutcome, MatchProblem, MethodChoice, Placement,
    check_hard_constraints, solve,
};

/// The outcome after `applicant` joins `team` of `programme`, leaving the placements that
/// cannot go with it, and `displaced` (if any) leaves `team`.
fn after_swap(
    problem: &MatchProblem,
    outcome: &MatchOutcome,
    applicant: &str,
    programme: &str,
    team: &str,
    displaced: Option<&str>,
) -> MatchOutcome {
    let dates = |id: &str| {
        problem
            .programmes
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.dates)
            .unwrap()
    };
    let target_dates = dates(programme);
    let mut swapped = outcome.clone();
    swapped.placements.retain(|placement| {
        let leaves = placement.applicant == applicant
            && (!problem.options.allow_multiple_placements
                || placement.programme == programme
                || dates(&placement.programme).overlaps(&target_dates));
        let pushed_out = Some(&*placement.applicant) == displaced && placement.team == team;
        !leaves && !pushed_out
    });
    let rank = problem
        .applicants
        .iter()
        .find(|a| a.id == applicant)
        .and_then(|a| a.preferences.iter().position(|p| p == programme))
        .map(|i| i as u32 + 1);
    swapped.placements.push(Placement {
        applicant: applicant.to_owned(),
        programme: programme.to_owned(),
        team: team.to_owned(),
        rank,
        locked: false,
        explanation: String::new(),
    });
    swapped
}

fn displaced_of(pair: &BlockingPair) -> Option<&str> {
    match &pair.reason {
        BlockingReason::FreeSeat => None,
        BlockingReason::RanksAbove { displaced } => Some(displaced),
    }
}

fn score(problem: &MatchProblem, applicant: &str, programme: &str) -> f64 {
    problem
        .applicants
        .iter()
        .find(|a| a.id == applicant)
        .and_then(|a| a.scores.get(programme).copied())
        .unwrap_or(0.0)
}

/// Whether `programme` ranks `a` above `b` (higher score, ties by the smaller id).
fn ranks_above(problem: &MatchProblem, programme: &str, a: &str, b: &str) -> bool {
    let (score_a, score_b) = (score(problem, a, programme), score(problem, b, programme));
    score_a > score_b || (score_a == score_b && a < b)
}

fn is_locked(problem: &MatchProblem, applicant: &str) -> bool {
    problem
        .locks
        .iter()
        .any(|l| matches!(l, Lock::Place { applicant: a, .. } if a == applicant))
}

/// Every reported pair's swap keeps every rule, and the applicant prefers the programme.
fn check_reported_pairs(problem: &MatchProblem, outcome: &MatchOutcome) -> Result<(), String> {
    for pair in &outcome.blocking_pairs {
        let swapped = after_swap(
            problem,
            outcome,
            &pair.applicant,
            &pair.programme,
            &pair.team,
            displaced_of(pair),
        );
        let broken = check_hard_constraints(problem, &swapped);
        if !broken.is_empty() {
            return Err(format!("{pair:?} breaks {broken:?}"));
        }
        if pair
            .placement_rank
            .is_some_and(|placed| placed <= pair.rank)
        {
            return Err(format!("{pair:?}: the applicant does not prefer it"));
        }
        if let Some(displaced) = displaced_of(pair)
            && !ranks_above(problem, &pair.programme, &pair.applicant, displaced)
        {
            return Err(format!("{pair:?}: the programme does not prefer it"));
        }
    }
    Ok(())
}

/// With one placement per person: every (applicant, programme) pair that some rule-keeping
/// swap would make both better off is reported.
fn check_no_pair_is_missed(problem: &MatchProblem, outcome: &MatchOutcome) -> Result<(), String> {
    for applicant in &problem.applicants {
        if is_locked(problem, &applicant.id) {
            continue;
        }
        let placed_rank = outcome
            .placements
            .iter()
            .find(|p| p.applicant == applicant.id)
            .map(|p| p.rank.unwrap_or(u32::MAX));
        for (index, programme_id) in applicant.preferences.iter().enumerate() {
            let rank = index as u32 + 1;
            if placed_rank.is_some_and(|placed| placed <= rank) {
                continue;
            }
            let programme = problem
                .programmes
                .iter()
                .find(|p| &p.id == programme_id)
                .unwrap();
            let reported = outcome
                .blocking_pairs
                .iter()
                .any(|b| b.applicant == applicant.id && &b.programme == programme_id);
            for team in &programme.teams {
                let members: Vec<&str> = outcome
                    .placements
                    .iter()
                    .filter(|p| p.team == team.id)
                    .map(|p| &*p.applicant)
                    .collect();
                let candidates = std::iter::once(None).chain(
                    members
                        .iter()
                        .filter(|m| {
                            !is_locked(problem, m)
                                && ranks_above(problem, programme_id, &applicant.id, m)
                        })
                        .map(|m| Some(*m)),
                );
                for displaced in candidates {
                    let swapped = after_swap(
                        problem,
                        outcome,
                        &applicant.id,
                        programme_id,
                        &team.id,
                        displaced,
                    );
                    if check_hard_constraints(problem, &swapped).is_empty() && !reported {
                        return Err(format!(
                            "{} → {} ({displaced:?} out) keeps every rule but is not reported",
                            applicant.id, team.id
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

fn round(applicants: usize, programmes: usize, seed: u64) -> MatchProblem {
    let mut problem = generate(SyntheticSpec {
        applicants,
        programmes,
        seed,
    });
    problem.options.method = MethodChoice::Auto;
    problem
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_blocking_pair_is_a_swap_that_keeps_every_hard_rule(
        seed in any::<u64>(),
        applicants in 10usize..60,
        programmes in 2usize..7,
        multiple_placements in any::<bool>(),
        local_search in any::<bool>(),
    ) {
        let mut problem = round(applicants, programmes, seed);
        problem.options.allow_multiple_placements = multiple_placements;
        if local_search {
            problem.options.method = MethodChoice::LocalSearch;
        }
        if let Ok(outcome) = solve(&problem) {
            prop_assert_eq!(check_hard_constraints(&problem, &outcome), vec![]);
            if let Err(message) = check_reported_pairs(&problem, &outcome) {
                prop_assert!(false, "{}", message);
            }
            if !multiple_placements && let Err(message) = check_no_pair_is_missed(&problem, &outcome) {
                prop_assert!(false, "{}", message);
            }
        }
    }
}

#[test]
fn generated_rounds_do_have_blocking_pairs_and_all_of_them_are_feasible() {
    let mut total = 0;
    for seed in 0..8 {
        let problem = round(50, 4, seed);
        let Ok(outcome) = solve(&problem) else {
            continue;
        };
        check_reported_pairs(&problem, &outcome).unwrap();
        check_no_pair_is_missed(&problem, &outcome).unwrap();
        total += outcome.blocking_pairs.len();
    }
    assert!(total > 0, "the property above would hold vacuously");
}
