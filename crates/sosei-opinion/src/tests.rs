//! Tests of the whole pipeline on planted (synthetic) conversations.

use proptest::prelude::*;
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

use crate::*;

/// A conversation with planted opinion groups: each group has a stance per statement; members
/// vote on each statement with probability `turnout`, following their group's stance except for
/// `noise` of the time (then a random vote). Participant keys are 1000 + index, statement keys
/// 500 + index. Returns the input and each participant's planted group.
fn planted(
    seed: u64,
    group_sizes: &[usize],
    n_statements: usize,
    turnout: f64,
    noise: f64,
) -> (AnalysisInput, Vec<usize>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut uniform = move || (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let stances: Vec<Vec<Vote>> = group_sizes
        .iter()
        .map(|_| {
            (0..n_statements)
                .map(|_| {
                    if uniform() < 0.5 {
                        Vote::Agree
                    } else {
                        Vote::Disagree
                    }
                })
                .collect()
        })
        .collect();
    let mut votes = Vec::new();
    let mut truth = Vec::new();
    let mut participant = 1000;
    for (group, &size) in group_sizes.iter().enumerate() {
        for _ in 0..size {
            for (statement, &stance) in stances[group].iter().enumerate() {
                if uniform() >= turnout {
                    continue;
                }
                let vote = if uniform() < noise {
                    match (uniform() * 3.0) as u32 {
                        0 => Vote::Agree,
                        1 => Vote::Disagree,
                        _ => Vote::Pass,
                    }
                } else {
                    stance
                };
                votes.push(VoteRecord::new(participant, 500 + statement as i64, vote));
            }
            truth.push(group);
            participant += 1;
        }
    }
    let statements = (0..n_statements)
        .map(|statement| StatementInfo::plain(500 + statement as i64))
        .collect();
    (
        AnalysisInput {
            statements,
            votes,
            banned: Vec::new(),
            previous_groups: Vec::new(),
        },
        truth,
    )
}

/// Shuffle every list of the input with a seeded Fisher–Yates.
fn shuffled(input: &AnalysisInput, seed: u64) -> AnalysisInput {
    fn shuffle<T>(items: &mut [T], rng: &mut ChaCha8Rng) {
        for i in (1..items.len()).rev() {
            let j = (rng.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut copy = input.clone();
    shuffle(&mut copy.statements, &mut rng);
    shuffle(&mut copy.votes, &mut rng);
    shuffle(&mut copy.banned, &mut rng);
    shuffle(&mut copy.previous_groups, &mut rng);
    copy
}

fn adjusted_rand_index(a: &[usize], b: &[usize]) -> f64 {
    let ka = a.iter().max().map_or(0, |m| m + 1);
    let kb = b.iter().max().map_or(0, |m| m + 1);
    let mut table = vec![0f64; ka * kb];
    let (mut rows, mut columns) = (vec![0f64; ka], vec![0f64; kb]);
    for (&x, &y) in a.iter().zip(b) {
        table[x * kb + y] += 1.0;
        rows[x] += 1.0;
        columns[y] += 1.0;
    }
    let pairs = |v: f64| v * (v - 1.0) / 2.0;
    let index: f64 = table.iter().map(|&v| pairs(v)).sum();
    let (sa, sb) = (
        rows.iter().map(|&v| pairs(v)).sum::<f64>(),
        columns.iter().map(|&v| pairs(v)).sum::<f64>(),
    );
    let expected = sa * sb / pairs(a.len() as f64);
    let maximum = (sa + sb) / 2.0;
    if (maximum - expected).abs() < 1e-12 {
        1.0
    } else {
        (index - expected) / (maximum - expected)
    }
}

/// Planted group and found group of every clustered participant (keys are 1000 + index).
fn found_vs_planted(analysis: &Analysis, truth: &[usize]) -> (Vec<usize>, Vec<usize>) {
    analysis
        .participants
        .iter()
        .filter_map(|p| p.group.map(|g| (g, truth[(p.key.0 - 1000) as usize])))
        .unzip()
}

/// Structural invariants every analysis must satisfy.
fn check_invariants(analysis: &Analysis, config: &AnalysisConfig) {
    // Nobody is in two groups, and the two views of membership agree.
    let mut seen = std::collections::BTreeSet::new();
    for group in &analysis.groups {
        for member in &group.members {
            assert!(seen.insert(*member), "{member:?} is in two groups");
            let placement = analysis
                .participants
                .iter()
                .find(|p| p.key == *member)
                .expect("every member is a participant");
            assert_eq!(placement.group, Some(group.id));
        }
    }
    let grouped = analysis
        .participants
        .iter()
        .filter(|p| p.group.is_some())
        .count();
    assert_eq!(grouped, seen.len());
    // Canonical ids: 0, 1, 2… by size, largest first; no tiny group once there are two or more.
    for (index, group) in analysis.groups.iter().enumerate() {
        assert_eq!(group.id, index);
        if analysis.groups.len() >= 2 {
            assert!(group.members.len() >= config.min_group_size);
        }
        if index > 0 {
            assert!(analysis.groups[index - 1].members.len() >= group.members.len());
        }
        assert!(group.members.windows(2).all(|w| w[0] < w[1]));
    }
    // Consensus really is agreed (disagreed) by a majority of every group, and significant overall.
    for statement in &analysis.consensus.agree {
        for group in &analysis.groups {
            let votes = group
                .votes
                .iter()
                .find(|v| v.statement == statement.statement)
                .expect("votes for every active statement");
            assert!(
                2 * votes.tally.agree > votes.tally.seen(),
                "consensus {:?} not agreed in group {}: {:?}",
                statement.statement,
                group.id,
                votes.tally
            );
        }
        assert!(statement.probability > 0.5);
        assert!(statement.probability_test > config.z_significant);
    }
    for statement in &analysis.consensus.disagree {
        for group in &analysis.groups {
            let votes = group
                .votes
                .iter()
                .find(|v| v.statement == statement.statement)
                .expect("votes for every active statement");
            assert!(2 * votes.tally.disagree > votes.tally.seen());
        }
    }
    // Intervals contain their rates.
    for group in &analysis.groups {
        for votes in &group.votes {
            if votes.tally.seen() > 0 {
                assert!(votes.agree_interval.low <= votes.agree_rate + 1e-12);
                assert!(votes.agree_rate <= votes.agree_interval.high + 1e-12);
            }
        }
    }
    for placement in &analysis.participants {
        if let Some(confidence) = placement.membership_confidence {
            assert!(confidence > 0.0 && confidence <= 1.0 + 1e-12);
        }
        assert_eq!(placement.group.is_some(), placement.included);
    }
}

#[test]
fn planted_groups_are_recovered() {
    let config = AnalysisConfig::default();
    let (input, truth) = planted(1, &[120, 80, 50], 40, 0.6, 0.15);
    let analysis = analyze(&input, &config);
    check_invariants(&analysis, &config);
    assert_eq!(analysis.groups.len(), 3, "{:?}", analysis.group_choice);
    let (found, planted) = found_vs_planted(&analysis, &truth);
    let ari = adjusted_rand_index(&found, &planted);
    assert!(ari > 0.95, "ARI {ari}");
    let sizes: Vec<usize> = analysis.groups.iter().map(|g| g.members.len()).collect();
    assert_eq!(sizes, vec![120, 80, 50]);
}

#[test]
fn four_groups_need_more_than_two_dimensions() {
    // Measured: 2-D finds 3 groups (ARI 0.71), 4-D finds all 4 (ARI 1.00).
    // Four planted groups whose stances differ along several directions: the map's two
    // components cannot separate them all, the first four can.
    let (input, truth) = planted(11, &[150, 150, 150, 150], 60, 0.5, 0.2);
    let config = AnalysisConfig {
        cluster_dimensions: 4,
        ..AnalysisConfig::default()
    };
    let analysis = analyze(&input, &config);
    check_invariants(&analysis, &config);
    let (found, planted) = found_vs_planted(&analysis, &truth);
    let ari_4d = adjusted_rand_index(&found, &planted);
    assert_eq!(analysis.groups.len(), 4, "{:?}", analysis.group_choice);
    assert!(ari_4d > 0.9, "ARI in 4-D {ari_4d}");
    let two_d = analyze(&input, &AnalysisConfig::default());
    let (found, planted) = found_vs_planted(&two_d, &truth);
    let ari_2d = adjusted_rand_index(&found, &planted);
    assert!(ari_4d > ari_2d, "2-D {ari_2d} vs 4-D {ari_4d}");
}

#[test]
fn the_same_input_gives_the_same_analysis() {
    let config = AnalysisConfig::default();
    let (input, _) = planted(2, &[60, 40], 30, 0.5, 0.2);
    assert_eq!(analyze(&input, &config), analyze(&input, &config));
}

#[test]
fn one_more_vote_does_not_change_the_number_of_groups() {
    let config = AnalysisConfig::default();
    for seed in 0..5 {
        let (mut input, _) = planted(100 + seed, &[70, 50, 30], 30, 0.5, 0.15);
        let before = analyze(&input, &config);
        // A vote by a participant on a statement they had skipped, or a new participant's vote.
        let voted: std::collections::BTreeSet<(i64, i64)> = input
            .votes
            .iter()
            .map(|v| (v.participant.0, v.statement.0))
            .collect();
        let extra = (500..530)
            .find(|&s| !voted.contains(&(1000, s)))
            .map_or(VoteRecord::new(99_999, 500, Vote::Agree), |s| {
                VoteRecord::new(1000, s, Vote::Disagree)
            });
        input.votes.push(extra);
        let after = analyze(&input, &config);
        assert_eq!(before.groups.len(), after.groups.len(), "seed {seed}");
        assert_eq!(before.groups.len(), 3);
    }
}

#[test]
fn previous_groups_keep_the_number_of_groups_and_the_members() {
    let config = AnalysisConfig::default();
    let (mut input, _) = planted(7, &[60, 45], 25, 0.6, 0.25);
    let first = analyze(&input, &config);
    input.previous_groups = first
        .participants
        .iter()
        .filter_map(|p| {
            p.group.map(|group| PreviousGroup {
                participant: p.key,
                group,
            })
        })
        .collect();
    let second = analyze(&input, &config);
    assert_eq!(first.groups.len(), second.groups.len());
    for (a, b) in first.groups.iter().zip(&second.groups) {
        assert_eq!(a.members, b.members);
    }
}

#[test]
fn inclusion_needs_seven_votes_and_tops_up_small_conversations() {
    let config = AnalysisConfig::default();
    let (mut input, _) = planted(3, &[30, 30], 20, 1.0, 0.1);
    // Participant 5000 votes six times: not clustered in a conversation of 60.
    for statement in 0..6 {
        input
            .votes
            .push(VoteRecord::new(5000, 500 + statement, Vote::Agree));
    }
    let analysis = analyze(&input, &config);
    let newcomer = analysis
        .participants
        .iter()
        .find(|p| p.key.0 == 5000)
        .expect("participant with votes is listed");
    assert!(!newcomer.included);
    assert_eq!(newcomer.group, None);
    assert_eq!(analysis.counts.included_participants, 60);

    // Ten participants with three votes each: all are topped up (fewer than 15 qualify).
    let votes = (0..10)
        .flat_map(|p| (0..3).map(move |s| VoteRecord::new(p, s, Vote::Agree)))
        .collect();
    let small = AnalysisInput {
        statements: (0..10).map(StatementInfo::plain).collect(),
        votes,
        ..AnalysisInput::default()
    };
    let analysis = analyze(&small, &config);
    assert_eq!(analysis.counts.included_participants, 10);
}

#[test]
fn moderated_meta_and_banned_are_kept_out() {
    let config = AnalysisConfig::default();
    let (mut input, _) = planted(4, &[50, 40], 20, 0.8, 0.1);
    input.statements[0].moderated_out = true; // key 500
    input.statements[1].is_meta = true; // key 501
    input.banned.push(ParticipantKey(1000));
    let analysis = analyze(&input, &config);
    check_invariants(&analysis, &config);
    assert!(analysis.participants.iter().all(|p| p.key.0 != 1000));
    assert!(analysis.counts.votes_by_banned > 0);
    let listed = analysis
        .groups
        .iter()
        .flat_map(|g| g.representative.iter().map(|r| r.statement))
        .chain(analysis.consensus.agree.iter().map(|c| c.statement))
        .chain(analysis.consensus.disagree.iter().map(|c| c.statement))
        .chain(
            analysis
                .consensus
                .group_informed
                .iter()
                .map(|c| c.statement),
        )
        .chain(analysis.divisive.iter().map(|d| d.statement));
    for statement in listed {
        assert!(statement.0 != 500 && statement.0 != 501, "{statement:?}");
    }
    let summary = |key: i64| {
        analysis
            .statements
            .iter()
            .find(|s| s.key.0 == key)
            .expect("every statement is summarised")
    };
    assert_eq!(summary(500).priority, 0.0);
    assert_eq!(summary(501).priority, 49.0);
    assert!(summary(502).priority > 0.0);
    // Moderated statements have no per-group votes; meta ones do.
    assert!(
        analysis.groups[0]
            .votes
            .iter()
            .all(|v| v.statement.0 != 500)
    );
    assert!(
        analysis.groups[0]
            .votes
            .iter()
            .any(|v| v.statement.0 == 501)
    );
}

#[test]
fn consensus_and_divisive_statements_follow_the_planted_stances() {
    // Two groups; statements 0–4 are agreed by both, statements 5–9 split them.
    let mut votes = Vec::new();
    for participant in 0..80i64 {
        let group = participant % 2;
        for statement in 0..10i64 {
            let vote = if statement < 5 || group == 0 {
                Vote::Agree
            } else {
                Vote::Disagree
            };
            // A little dissent so that the groups are not single points.
            let vote = if (participant * 7 + statement * 3) % 11 == 0 {
                Vote::Pass
            } else {
                vote
            };
            votes.push(VoteRecord::new(participant, statement, vote));
        }
    }
    let input = AnalysisInput {
        statements: (0..10).map(StatementInfo::plain).collect(),
        votes,
        ..AnalysisInput::default()
    };
    let config = AnalysisConfig::default();
    let analysis = analyze(&input, &config);
    check_invariants(&analysis, &config);
    assert_eq!(analysis.groups.len(), 2);
    assert!(!analysis.consensus.agree.is_empty());
    assert!(analysis.consensus.agree.iter().all(|c| c.statement.0 < 5));
    assert!(!analysis.divisive.is_empty());
    assert!(analysis.divisive.iter().all(|d| d.statement.0 >= 5));
    for group in &analysis.groups {
        assert!(group.representative.iter().all(|r| r.statement.0 >= 5));
    }
}

#[test]
fn where_you_stand_places_members_and_newcomers() {
    let config = AnalysisConfig::default();
    let (input, truth) = planted(5, &[60, 40], 30, 0.7, 0.1);
    let analysis = analyze(&input, &config);
    let member = &analysis.participants[0];
    let member_votes: Vec<(StatementKey, Vote)> = input
        .votes
        .iter()
        .filter(|v| v.participant == member.key)
        .map(|v| (v.statement, v.vote))
        .collect();
    let standing = where_you_stand(&analysis, member.key, &member_votes);
    assert_eq!(standing.group, member.group);
    assert!(!standing.group_is_provisional);
    assert!(
        standing
            .agreement_with_group
            .is_some_and(|share| share > 0.7)
    );

    // A newcomer who votes exactly like participant 0 lands in participant 0's group.
    let newcomer = where_you_stand(&analysis, ParticipantKey(77_777), &member_votes);
    assert!(newcomer.group_is_provisional);
    assert_eq!(newcomer.group, member.group);
    let _ = truth;
}

#[test]
fn empty_and_tiny_inputs_do_not_panic() {
    let config = AnalysisConfig::default();
    let analysis = analyze(&AnalysisInput::default(), &config);
    assert!(analysis.groups.is_empty() && analysis.participants.is_empty());
    let one = AnalysisInput {
        statements: vec![StatementInfo::plain(1)],
        votes: vec![VoteRecord::new(1, 1, Vote::Agree)],
        ..AnalysisInput::default()
    };
    let analysis = analyze(&one, &config);
    check_invariants(&analysis, &config);
    assert_eq!(analysis.groups.len(), 1);
    // Votes on unknown statements are counted, not used.
    let unknown = AnalysisInput {
        statements: vec![StatementInfo::plain(1)],
        votes: vec![
            VoteRecord::new(1, 1, Vote::Agree),
            VoteRecord::new(1, 2, Vote::Agree),
        ],
        ..AnalysisInput::default()
    };
    assert_eq!(
        analyze(&unknown, &config)
            .counts
            .votes_on_unknown_statements,
        1
    );
}

#[test]
fn duplicate_votes_resolve_the_same_whatever_the_order() {
    let config = AnalysisConfig::default();
    let (mut input, _) = planted(6, &[30, 30], 15, 0.8, 0.1);
    input.votes.push(VoteRecord::new(1000, 500, Vote::Pass));
    input.votes.push(VoteRecord::new(1000, 500, Vote::Disagree));
    let a = analyze(&input, &config);
    input.votes.reverse();
    let b = analyze(&input, &config);
    assert_eq!(a, b);
    assert!(a.counts.duplicate_votes >= 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn row_order_never_matters(seed in 0u64..1000, shuffle_seed in any::<u64>(), three in any::<bool>()) {
        let sizes: &[usize] = if three { &[25, 20, 12] } else { &[30, 18] };
        let (mut input, _) = planted(seed, sizes, 18, 0.6, 0.3);
        input.banned.push(ParticipantKey(1003));
        input.statements[2].moderated_out = true;
        let config = AnalysisConfig::default();
        let reference = analyze(&input, &config);
        check_invariants(&reference, &config);
        let again = analyze(&shuffled(&input, shuffle_seed), &config);
        prop_assert_eq!(reference, again);
    }

    #[test]
    fn invariants_hold_on_noisy_conversations(seed in 0u64..1000, noise in 0.0f64..1.0, turnout in 0.05f64..1.0) {
        let (input, _) = planted(seed, &[20, 15, 9, 4], 12, turnout, noise);
        let config = AnalysisConfig::default();
        check_invariants(&analyze(&input, &config), &config);
    }
}
