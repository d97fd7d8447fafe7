//! Properties of the matcher on seeded synthetic rounds: every output keeps every hard rule,
//! locks hold, the bound is a bound, the same input gives the same bytes, deferred acceptance is
//! stable, and an impossible need is named.
#![allow(clippy::unwrap_used)]

mod blocking;
mod infeasible;

use proptest::prelude::*;
use sosei_matching::synthetic::{SyntheticSpec, generate};
use sosei_matching::{
    Lock, MatchError, MatchProblem, MethodChoice, Rule, check_hard_constraints, solve,
};

fn round(applicants: usize, programmes: usize, seed: u64, method: MethodChoice) -> MatchProblem {
    let mut problem = generate(SyntheticSpec {
        applicants,
        programmes,
        seed,
    });
    problem.options.method = method;
    problem
}

/// Lock a few applicants into a team of their first choice.
fn with_locks(mut problem: MatchProblem, picks: &[usize]) -> MatchProblem {
    for &pick in picks {
        let applicant = &problem.applicants[pick % problem.applicants.len()];
        let first = &applicant.preferences[0];
        let programme = problem.programmes.iter().find(|p| &p.id == first).unwrap();
        let team = &programme.teams[pick % programme.teams.len()];
        let lock = Lock::Place {
            applicant: applicant.id.clone(),
            team: team.id.clone(),
        };
        if !problem
            .locks
            .iter()
            .any(|l| matches!(l, Lock::Place { applicant: a, .. } if *a == applicant.id))
        {
            problem.locks.push(lock);
        }
    }
    problem
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_output_keeps_every_hard_rule(
        seed in any::<u64>(),
        applicants in 10usize..80,
        programmes in 2usize..8,
        local_search in any::<bool>(),
        multiple_placements in any::<bool>(),
        picks in proptest::collection::vec(any::<usize>(), 0..4),
    ) {
        let method = if local_search { MethodChoice::LocalSearch } else { MethodChoice::Auto };
        let mut problem = round(applicants, programmes, seed, method);
        problem.options.allow_multiple_placements = multiple_placements;
        let problem = with_locks(problem, &picks);
        match solve(&problem) {
            Ok(outcome) => {
                prop_assert_eq!(check_hard_constraints(&problem, &outcome), vec![]);
                let bound = outcome.bound.unwrap();
                prop_assert!(bound >= outcome.objective - 1e-6, "bound {} below objective {}", bound, outcome.objective);
                for team in &outcome.teams {
                    prop_assert!(team.size <= team.max_size);
                }
                for lock in &problem.locks {
                    if let Lock::Place { applicant, team } = lock {
                        prop_assert!(outcome.placements.iter().any(|p| &p.applicant == applicant && &p.team == team));
                    }
                }
                let mut people: Vec<&str> = outcome.placements.iter().map(|p| &*p.applicant)
                    .chain(outcome.unplaced.iter().map(|u| &*u.applicant)).collect();
                people.sort_unstable();
                people.dedup();
                prop_assert_eq!(people.len(), problem.applicants.len());
            }
            Err(MatchError::Infeasible(diagnosis)) => {
                prop_assert!(!diagnosis.requirements.is_empty());
            }
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }

    #[test]
    fn the_same_input_gives_the_same_bytes(seed in any::<u64>(), applicants in 10usize..60) {
        let problem = round(applicants, 4, seed, MethodChoice::Auto);
        let first = solve(&problem).map(|o| serde_json::to_string(&o).unwrap());
        let second = solve(&problem.clone()).map(|o| serde_json::to_string(&o).unwrap());
        prop_assert_eq!(first, second);
    }

    #[test]
    fn deferred_acceptance_leaves_no_blocking_pair(seed in any::<u64>(), applicants in 10usize..80, programmes in 2usize..8) {
        let problem = round(applicants, programmes, seed, MethodChoice::DeferredAcceptance);
        if let Ok(outcome) = solve(&problem) {
            prop_assert_eq!(outcome.blocking_pairs, vec![]);
            // It may break needs and caps, but never capacity, availability or preferences.
            prop_assert!(outcome.violations.iter().all(|v| matches!(
                v.rule,
                Rule::TeamSize | Rule::TeamNeed | Rule::JapaneseSpeaker | Rule::NationalityCap
            )), "{:?}", outcome.violations);
            prop_assert!(outcome.teams.iter().all(|t| t.size <= t.max_size));
        }
    }

    #[test]
    fn the_lagrangian_bound_is_at_least_the_proven_optimum(seed in any::<u64>(), applicants in 10usize..40) {
        let exact = solve(&round(applicants, 3, seed, MethodChoice::Exact));
        let search = solve(&round(applicants, 3, seed, MethodChoice::LocalSearch));
        if let (Ok(exact), Ok(search)) = (exact, search) && exact.proven_optimal {
            prop_assert!(search.bound.unwrap() >= exact.objective - 1e-6,
                "Lagrangian {} < optimum {}", search.bound.unwrap(), exact.objective);
            prop_assert!(search.objective <= exact.objective + 1e-6);
        }
    }
}

#[test]
fn synthetic_rounds_are_solvable_and_mostly_solved_exactly() {
    let mut exact = 0;
    for seed in 0..6 {
        let problem = round(60, 5, seed, MethodChoice::Auto);
        let outcome = solve(&problem).unwrap();
        assert_eq!(check_hard_constraints(&problem, &outcome), vec![]);
        if outcome.proven_optimal {
            exact += 1;
        }
        assert!(outcome.summary.placed > 30, "{}", outcome.summary.placed);
    }
    assert!(exact >= 3, "only {exact} of 6 proven optimal");
}

#[test]
fn the_local_search_is_close_to_its_bound_on_a_mid_size_round() {
    let problem = round(300, 20, 11, MethodChoice::LocalSearch);
    let outcome = solve(&problem).unwrap();
    assert_eq!(check_hard_constraints(&problem, &outcome), vec![]);
    assert!(outcome.gap.unwrap() < 0.02, "gap {:?}", outcome.gap);
}
