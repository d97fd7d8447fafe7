//! The matcher's structured reasons read as natural Japanese and English, with the names of
//! people, programmes and teams (never the matcher's keys or English).

use sosei_core::Locale;
use sosei_matching::{
    BlockingPair, BlockingReason, DateRange, DiagnosisSource, InfeasibleRequirement, IsoDate,
    LanguageLevel, Need, Obstacle, ProgrammeObstacle, Relaxation, Requirement, RuleFamily,
    UnplacedReason,
};

use super::reason_words::{blocking_words, requirement_words, unplaced_words};
use super::words::Labels;

fn labels() -> Labels {
    let mut labels = Labels::default();
    labels.programmes.insert("p1".into(), "遠野".into());
    labels.programmes.insert("p2".into(), "八女".into());
    labels.teams.insert("t1".into(), "遠野班".into());
    labels.people.insert("a1".into(), "ソムチャイ".into());
    labels.people.insert("a2".into(), "リー".into());
    labels
}

fn obstacle(programme: &str, obstacle: Obstacle) -> ProgrammeObstacle {
    ProgrammeObstacle {
        programme: programme.to_owned(),
        obstacle,
    }
}

fn check_unplaced(locale: Locale, reason: UnplacedReason, expected: &str) {
    assert_eq!(unplaced_words(locale, &labels(), &reason), expected);
}

#[test]
fn unplaced_reasons_read_in_both_languages() {
    let reason = UnplacedReason::NoPlace {
        programmes: vec![
            obstacle("p1", Obstacle::TeamsFull),
            obstacle(
                "p2",
                Obstacle::NationalityCap {
                    teams: vec!["t1".to_owned()],
                },
            ),
        ],
    };
    check_unplaced(
        Locale::Ja,
        reason.clone(),
        "「遠野」はどのチームも定員に達しています。「八女」は同じ国籍の人数が上限に達しています（遠野班）。",
    );
    check_unplaced(
        Locale::En,
        reason,
        "\"遠野\": every team is full. \"八女\": the cap on members of one nationality is reached (遠野班).",
    );
    check_unplaced(
        Locale::Ja,
        UnplacedReason::NoPlace {
            programmes: vec![obstacle("p1", Obstacle::Excluded)],
        },
        "「遠野」はコーディネーターが対象から外しています。",
    );
    check_unplaced(
        Locale::Ja,
        UnplacedReason::RankedNothing,
        "希望するプログラムを1つも選んでいません。",
    );
    let dates = DateRange {
        start: IsoDate::parse("2017-09-06").unwrap(),
        end: IsoDate::parse("2017-09-09").unwrap(),
    };
    let line = unplaced_words(
        Locale::Ja,
        &labels(),
        &UnplacedReason::NoPlace {
            programmes: vec![obstacle("p1", Obstacle::NotAvailable { dates })],
        },
    );
    assert!(line.starts_with("「遠野」は日程（2017年9月6日"), "{line}");
    assert!(line.ends_with("）の都合がつきません。"), "{line}");
}

fn pair(placement_rank: Option<u32>, reason: BlockingReason) -> BlockingPair {
    BlockingPair {
        applicant: "a1".to_owned(),
        programme: "p1".to_owned(),
        team: "t1".to_owned(),
        explanation: "a1 ranks p1 higher than their placement".to_owned(),
        rank: 1,
        placement_rank,
        reason,
    }
}

#[test]
fn blocking_pairs_say_who_wants_what_which_team_and_that_the_swap_keeps_the_rules() {
    let labels = labels();
    assert_eq!(
        blocking_words(
            Locale::Ja,
            &labels,
            &pair(Some(2), BlockingReason::FreeSeat)
        ),
        "ソムチャイさんは今の配置（第2希望）より「遠野」（第1希望）を望んでいて、「遠野班」には条件を守ったまま入れる空きがあります。"
    );
    let above = BlockingReason::RanksAbove {
        displaced: "a2".to_owned(),
    };
    assert_eq!(
        blocking_words(Locale::Ja, &labels, &pair(None, above.clone())),
        "ソムチャイさんはまだどのチームにも入っておらず、「遠野」（第1希望）も「遠野班」のリーさんよりソムチャイさんを高く評価しています。2人を入れ替えても、チームの条件は守られます。"
    );
    assert_eq!(
        blocking_words(Locale::En, &labels, &pair(Some(3), above.clone())),
        "ソムチャイ would rather be in \"遠野\" (choice 1) than in their placement (choice 3), and \"遠野\" scores them above リー of \"遠野班\". Swapping the two keeps every team rule."
    );
    // An outcome stored before pairs named their team: the programme stands in for it.
    let mut old = pair(None, above);
    old.team = String::new();
    assert!(blocking_words(Locale::Ja, &labels, &old).contains("「遠野」のリーさん"));
}

fn requirement(detail: Requirement, fixes: Vec<Relaxation>) -> InfeasibleRequirement {
    InfeasibleRequirement {
        programme: Some("p1".to_owned()),
        team: Some("t1".to_owned()),
        requirement: String::new(),
        required: 1,
        available: 0,
        message: "English the page must not show".to_owned(),
        relaxations: Vec::new(),
        detail,
        fixes,
    }
}

#[test]
fn diagnoses_and_their_fixes_read_in_japanese() {
    let labels = labels();
    let thai = Need::Language {
        language: "th".to_owned(),
        min_level: LanguageLevel::B1,
        at_least: 1,
    };
    let words = requirement_words(
        Locale::Ja,
        &labels,
        DiagnosisSource::Heuristic,
        &requirement(
            Requirement::Need {
                need: thai,
                japanese_rule: false,
            },
            vec![
                Relaxation::LowerCount { to: 0 },
                Relaxation::AcceptLevel {
                    level: LanguageLevel::A2,
                },
            ],
        ),
    );
    assert_eq!(
        words.sentence,
        "チーム「遠野班」には「タイ語が話せる人（B1以上）1名以上」が必要ですが、探索で確保できたのは0人でした。"
    );
    assert_eq!(words.relaxations[0], "必要な人数を0人に減らす");
    assert!(words.relaxations[1].starts_with("言語のレベルを"));

    let words = requirement_words(
        Locale::Ja,
        &labels,
        DiagnosisSource::Counting,
        &requirement(
            Requirement::LockConflict {
                applicant: "a1".to_owned(),
                team: "t1".to_owned(),
                other_team: "t1".to_owned(),
            },
            vec![Relaxation::RemoveLock {
                applicant: Some("a1".to_owned()),
            }],
        ),
    );
    assert_eq!(
        words.sentence,
        "ソムチャイさんがチーム「遠野班」と「遠野班」の両方に固定されていますが、この2つには同時に参加できません。"
    );
    assert_eq!(
        words.relaxations,
        vec!["ソムチャイさんの固定を解除するか、変更する"]
    );

    let words = requirement_words(
        Locale::Ja,
        &labels,
        DiagnosisSource::SolverRelaxation,
        &requirement(
            Requirement::RuleFamily {
                family: RuleFamily::NationalityCaps,
                broken: Vec::new(),
            },
            vec![Relaxation::RelaxFamily {
                family: RuleFamily::NationalityCaps,
            }],
        ),
    );
    assert_eq!(
        words.sentence,
        "国籍ごとの人数の上限を他の条件と同時に満たす編成はありません。この条件をゆるめれば編成できます。"
    );
    assert_eq!(words.relaxations, vec!["国籍ごとの人数の上限を上げる"]);
}
