//! Which statement a participant sees next, the way Pol.is routes comments: among the statements
//! they have not voted on, pick one at random with probability proportional to its priority.
//!
//! The priority favours statements few people have seen (so new statements get votes), statements
//! people do not pass on, statements people agree with, and — once an opinion analysis exists —
//! statements that split the groups (their extremity). Meta statements (about the conversation
//! itself) always weigh 7² = 49. Pure and seeded, so a reload shows the same statement.

use std::collections::BTreeSet;

use crate::deliberation::{ModerationMode, ModerationStatus, Statement};
use crate::random::SplitMix64;
use crate::{ParticipantId, StatementId};

/// A statement that may be shown next, with its current vote counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Candidate {
    pub statement: StatementId,
    pub agree: i64,
    pub disagree: i64,
    pub pass: i64,
    /// How far the statement sits from the centre of the opinion space, from the analysis;
    /// `None` before any analysis (counted as 0).
    pub extremity: Option<f64>,
    pub is_meta: bool,
}

/// The priority a meta statement always has (Pol.is: 7²).
pub const META_PRIORITY: f64 = 49.0;

/// Pol.is's routing priority (`conversation.clj`):
/// importance = (1 − (P+1)/(S+2)) · (E+1) · (A+1)/(S+2), priority = (importance · (1 + 8·2^(−S/5)))²,
/// where S counts everyone who saw the statement (agree + disagree + pass).
pub fn priority(candidate: &Candidate) -> f64 {
    if candidate.is_meta {
        return META_PRIORITY;
    }
    let agree = candidate.agree.max(0) as f64;
    let disagree = candidate.disagree.max(0) as f64;
    let pass = candidate.pass.max(0) as f64;
    let seen = agree + disagree + pass;
    let extremity = candidate
        .extremity
        .filter(|value| value.is_finite())
        .unwrap_or(0.0)
        .max(0.0);
    let importance =
        (1.0 - (pass + 1.0) / (seen + 2.0)) * (extremity + 1.0) * (agree + 1.0) / (seen + 2.0);
    let novelty_boost = 1.0 + 8.0 * 2f64.powf(-seen / 5.0);
    (importance * novelty_boost).powi(2)
}

/// The statements a participant may be shown next: visible under the moderation mode (never
/// rejected, never pending under pre-moderation), not written by a banned participant, and not
/// yet voted on by them. By id.
pub fn eligible_statements<'a>(
    statements: &'a [Statement],
    moderation_mode: ModerationMode,
    banned_authors: &BTreeSet<ParticipantId>,
    already_voted: &BTreeSet<StatementId>,
) -> Vec<&'a Statement> {
    let mut eligible: Vec<&Statement> = statements
        .iter()
        .filter(|statement| is_shown_to_participants(statement, moderation_mode, banned_authors))
        .filter(|statement| !already_voted.contains(&statement.id))
        .collect();
    eligible.sort_by_key(|statement| statement.id);
    eligible
}

/// Whether participants may see `statement` at all (in routing, lists and duplicate checks).
pub fn is_shown_to_participants(
    statement: &Statement,
    moderation_mode: ModerationMode,
    banned_authors: &BTreeSet<ParticipantId>,
) -> bool {
    statement.moderation != ModerationStatus::Rejected
        && statement.is_visible(moderation_mode)
        && !statement
            .author
            .is_some_and(|author| banned_authors.contains(&author))
}

/// Pick the next statement with probability proportional to its priority, or `None` when there
/// is nothing left. The same candidates and seed always give the same statement.
pub fn choose_next_statement(candidates: &[Candidate], seed: u64) -> Option<StatementId> {
    // Sorted by id so the pick does not depend on the order the caller listed them in.
    let mut sorted: Vec<(StatementId, f64)> = candidates
        .iter()
        .map(|candidate| {
            let weight = priority(candidate);
            // A priority that is not a positive number still gets a small chance (Pol.is treats a
            // missing priority as 1).
            let weight = if weight.is_finite() && weight > 0.0 {
                weight
            } else {
                1.0
            };
            (candidate.statement, weight)
        })
        .collect();
    sorted.sort_by_key(|(statement, _)| *statement);
    sorted.dedup_by_key(|(statement, _)| *statement);
    let total: f64 = sorted.iter().map(|(_, weight)| weight).sum();
    if sorted.is_empty() || !total.is_finite() || total <= 0.0 {
        return sorted.first().map(|(statement, _)| *statement);
    }
    let mut target = SplitMix64::new(seed).next_unit() * total;
    for (statement, weight) in &sorted {
        if target < *weight {
            return Some(*statement);
        }
        target -= weight;
    }
    // Rounding can leave a sliver past the last weight.
    sorted.last().map(|(statement, _)| *statement)
}

/// The seed for a participant's next pick: the same until they vote again, so reloading the page
/// shows the same statement, and different for every participant.
pub fn routing_seed(participant: ParticipantId, votes_cast: usize) -> u64 {
    let mut mixer = SplitMix64::new(participant.0 as u64 ^ 0x05EE_D0F5_05E1_u64);
    let first = mixer.next_u64();
    SplitMix64::new(first ^ votes_cast as u64).next_u64()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn candidate(id: i64, agree: i64, disagree: i64, pass: i64) -> Candidate {
        Candidate {
            statement: StatementId(id),
            agree,
            disagree,
            pass,
            extremity: None,
            is_meta: false,
        }
    }

    #[test]
    fn an_unseen_statement_has_the_polis_priority() {
        // importance = (1 − 1/2) · 1 · 1/2 = 0.25; boost = 9; (2.25)² = 5.0625.
        assert!((priority(&candidate(1, 0, 0, 0)) - 5.0625).abs() < 1e-12);
        let meta = Candidate {
            is_meta: true,
            ..candidate(2, 50, 3, 9)
        };
        assert_eq!(priority(&meta), META_PRIORITY);
    }

    #[test]
    fn passes_and_disagreement_lower_the_priority() {
        let agreed = priority(&candidate(1, 10, 0, 0));
        let disputed = priority(&candidate(2, 5, 5, 0));
        let passed = priority(&candidate(3, 0, 0, 10));
        assert!(agreed > disputed && disputed > passed);
    }

    #[test]
    fn extremity_raises_the_priority() {
        let plain = candidate(1, 4, 4, 1);
        let extreme = Candidate {
            extremity: Some(1.5),
            ..plain
        };
        assert!(priority(&extreme) > priority(&plain));
        // Not-a-number from a broken analysis counts as no extremity.
        let broken = Candidate {
            extremity: Some(f64::NAN),
            ..plain
        };
        assert_eq!(priority(&broken), priority(&plain));
    }

    #[test]
    fn nothing_to_choose_from_gives_none() {
        assert_eq!(choose_next_statement(&[], 7), None);
    }

    #[test]
    fn new_statements_are_shown_more_often_than_well_seen_ones() {
        let candidates = [candidate(1, 30, 10, 10), candidate(2, 0, 0, 0)];
        let new_picks = (0..2_000)
            .filter(|seed| choose_next_statement(&candidates, *seed) == Some(StatementId(2)))
            .count();
        // Priorities ≈ 0.35 and 5.06: the new statement should win about 93% of picks.
        assert!((1_700..2_000).contains(&new_picks), "{new_picks}");
    }

    #[test]
    fn the_seed_changes_with_each_vote_and_participant() {
        assert_eq!(
            routing_seed(ParticipantId(3), 4),
            routing_seed(ParticipantId(3), 4)
        );
        assert_ne!(
            routing_seed(ParticipantId(3), 4),
            routing_seed(ParticipantId(3), 5)
        );
        assert_ne!(
            routing_seed(ParticipantId(3), 4),
            routing_seed(ParticipantId(4), 4)
        );
    }

    fn arbitrary_candidate() -> impl Strategy<Value = Candidate> {
        (
            1i64..60,
            0i64..200,
            0i64..200,
            0i64..200,
            proptest::option::of(0.0f64..5.0),
            proptest::bool::weighted(0.1),
        )
            .prop_map(
                |(id, agree, disagree, pass, extremity, is_meta)| Candidate {
                    statement: StatementId(id),
                    agree,
                    disagree,
                    pass,
                    extremity,
                    is_meta,
                },
            )
    }

    fn statement(id: i64, author: Option<i64>, moderation: ModerationStatus) -> Statement {
        Statement {
            id: StatementId(id),
            conversation: crate::ConversationId(1),
            author: author.map(ParticipantId),
            text: crate::deliberation::StatementText::parse("駅前にベンチを")
                .expect("a valid statement"),
            language: crate::Locale::Ja,
            moderation,
            rejection_reason: None,
            is_meta: false,
            is_seed: false,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    fn arbitrary_moderation() -> impl Strategy<Value = ModerationStatus> {
        prop_oneof![
            Just(ModerationStatus::Pending),
            Just(ModerationStatus::Accepted),
            Just(ModerationStatus::Rejected),
        ]
    }

    proptest! {
        #[test]
        fn the_choice_is_always_one_of_the_candidates(
            candidates in proptest::collection::vec(arbitrary_candidate(), 0..30),
            seed in any::<u64>(),
        ) {
            let chosen = choose_next_statement(&candidates, seed);
            prop_assert_eq!(chosen.is_none(), candidates.is_empty());
            if let Some(chosen) = chosen {
                prop_assert!(candidates.iter().any(|c| c.statement == chosen));
            }
        }

        #[test]
        fn the_choice_is_deterministic_and_order_independent(
            mut candidates in proptest::collection::vec(arbitrary_candidate(), 1..30),
            seed in any::<u64>(),
        ) {
            // Ids are unique in real use; duplicates would make the order matter.
            candidates.sort_by_key(|c| c.statement);
            candidates.dedup_by_key(|c| c.statement);
            let first = choose_next_statement(&candidates, seed);
            prop_assert_eq!(first, choose_next_statement(&candidates, seed));
            candidates.reverse();
            prop_assert_eq!(first, choose_next_statement(&candidates, seed));
        }

        #[test]
        fn never_a_voted_hidden_or_banned_statement(
            specs in proptest::collection::vec((arbitrary_moderation(), proptest::option::of(1i64..6)), 0..25),
            voted in proptest::collection::btree_set(1i64..26, 0..25),
            banned in proptest::collection::btree_set(1i64..6, 0..3),
            pre_moderation in any::<bool>(),
            seed in any::<u64>(),
        ) {
            let statements: Vec<Statement> = specs
                .iter()
                .enumerate()
                .map(|(index, (moderation, author))| statement(index as i64 + 1, *author, *moderation))
                .collect();
            let mode = if pre_moderation { ModerationMode::Pre } else { ModerationMode::Post };
            let voted: BTreeSet<StatementId> = voted.into_iter().map(StatementId).collect();
            let banned: BTreeSet<ParticipantId> = banned.into_iter().map(ParticipantId).collect();
            let eligible = eligible_statements(&statements, mode, &banned, &voted);
            let candidates: Vec<Candidate> = eligible
                .iter()
                .map(|s| Candidate { statement: s.id, agree: 0, disagree: 0, pass: 0, extremity: None, is_meta: s.is_meta })
                .collect();
            if let Some(chosen) = choose_next_statement(&candidates, seed) {
                let shown = statements.iter().find(|s| s.id == chosen);
                prop_assert!(shown.is_some(), "chose a statement that does not exist");
                let shown = shown.expect("checked above");
                prop_assert!(!voted.contains(&chosen));
                prop_assert!(shown.moderation != ModerationStatus::Rejected);
                prop_assert!(!(pre_moderation && shown.moderation == ModerationStatus::Pending));
                prop_assert!(!shown.author.is_some_and(|a| banned.contains(&a)));
            }
        }

        #[test]
        fn a_pass_never_raises_the_priority(
            agree in 0i64..300, disagree in 0i64..300, pass in 0i64..300,
            extremity in proptest::option::of(0.0f64..5.0),
        ) {
            let before = Candidate { extremity, ..candidate(1, agree, disagree, pass) };
            let after = Candidate { pass: pass + 1, ..before };
            prop_assert!(priority(&after) <= priority(&before));
        }

        #[test]
        fn an_unseen_statement_outranks_any_well_seen_one(
            agree in 0i64..500, disagree in 0i64..500, pass in 0i64..500,
            extremity in proptest::option::of(0.0f64..5.0),
        ) {
            // With the same extremity, a statement nobody has seen beats every statement seen by
            // 15 people or more: new statements get shown.
            prop_assume!(agree + disagree + pass >= 15);
            let seen = Candidate { extremity, ..candidate(1, agree, disagree, pass) };
            let unseen = Candidate { extremity, ..candidate(2, 0, 0, 0) };
            prop_assert!(priority(&unseen) > priority(&seen));
        }
    }
}
