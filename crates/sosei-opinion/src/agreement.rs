//! How widely a statement is agreed (or disagreed), in three honest levels, from the analysis's
//! overall and per-group tallies. Every page, the report and the dashboard name the levels from
//! here, so that 「総意」 (consensus) is said only of the top one:
//!
//! | level | condition (for agreement; disagreement likewise) |
//! | --- | --- |
//! | [`AgreementLevel::Consensus`] | significant overall, and in **every** group at least [`CONSENSUS_MIN_VOTERS_PER_GROUP`] people voted on it and at least [`CONSENSUS_MIN_GROUP_RATE`] (80 %) of them agreed |
//! | [`AgreementLevel::Broad`] | significant overall, and more than half of the voters in every group agreed (the engine's `consensus` lists) |
//! | [`AgreementLevel::Majority`] | significant overall only: (agree + 1) / (seen + 2) > ½ and its proportion test beyond the analysis's `z_significant` |
//!
//! Rates count passes among the voters (agree / (agree + disagree + pass)), as the engine's
//! per-group rates do. With no groups, the whole conversation is the one group. Meta and
//! moderated-out statements get no level.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::output::{Analysis, Direction};
use crate::stats::{Tally, proportion_test};
use crate::{AnalysisConfig, StatementKey};

/// Consensus needs at least this share of every group's voters on the same side.
pub const CONSENSUS_MIN_GROUP_RATE: f64 = 0.8;
/// Consensus needs at least this many voters on the statement in every group (fewer cannot
/// show that a whole group agrees).
pub const CONSENSUS_MIN_VOTERS_PER_GROUP: u32 = 5;
/// Broad agreement needs more than this share of every group's voters on the same side.
pub const BROAD_MIN_GROUP_RATE: f64 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgreementLevel {
    /// 総意: every group strongly on the same side.
    Consensus,
    /// 幅広い賛同 (or 反対): a majority of every group on the same side.
    Broad,
    /// 多数の賛成 (or 反対): a significant majority overall, not in every group.
    Majority,
}

impl AgreementLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            AgreementLevel::Consensus => "consensus",
            AgreementLevel::Broad => "broad",
            AgreementLevel::Majority => "majority",
        }
    }
}

/// A statement's level and which way it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub level: AgreementLevel,
    pub direction: Direction,
}

/// The level of one statement from its overall tally and its tally in each group (`groups`
/// empty: the overall tally is the one group). `z_significant` is the analysis's threshold for
/// the overall proportion test.
pub fn classify_agreement(
    overall: &Tally,
    groups: &[Tally],
    z_significant: f64,
) -> Option<Agreement> {
    let populations: &[Tally] = if groups.is_empty() {
        std::slice::from_ref(overall)
    } else {
        groups
    };
    [Direction::Agree, Direction::Disagree]
        .into_iter()
        .find_map(|direction| {
            let side = |tally: &Tally| match direction {
                Direction::Agree => tally.agree,
                Direction::Disagree => tally.disagree,
            };
            let smoothed = (f64::from(side(overall)) + 1.0) / (f64::from(overall.seen()) + 2.0);
            let significant =
                smoothed > 0.5 && proportion_test(side(overall), overall.seen()) > z_significant;
            if !significant {
                return None;
            }
            let rate = |tally: &Tally| {
                if tally.seen() == 0 {
                    0.0
                } else {
                    f64::from(side(tally)) / f64::from(tally.seen())
                }
            };
            let strong_everywhere = populations.iter().all(|tally| {
                tally.seen() >= CONSENSUS_MIN_VOTERS_PER_GROUP
                    && rate(tally) >= CONSENSUS_MIN_GROUP_RATE
            });
            let majority_everywhere = populations
                .iter()
                .all(|tally| rate(tally) > BROAD_MIN_GROUP_RATE);
            let level = if strong_everywhere {
                AgreementLevel::Consensus
            } else if majority_everywhere {
                AgreementLevel::Broad
            } else {
                AgreementLevel::Majority
            };
            Some(Agreement { level, direction })
        })
}

/// The level of every statement of `analysis` that has one (meta and moderated-out statements
/// never do).
pub fn agreement_levels(
    analysis: &Analysis,
    config: &AnalysisConfig,
) -> BTreeMap<StatementKey, Agreement> {
    let mut group_tallies: BTreeMap<StatementKey, Vec<Tally>> = BTreeMap::new();
    for group in &analysis.groups {
        for votes in &group.votes {
            group_tallies
                .entry(votes.statement)
                .or_insert_with(|| vec![Tally::default(); analysis.groups.len()])[group.id] =
                votes.tally;
        }
    }
    let no_votes = vec![Tally::default(); analysis.groups.len()];
    analysis
        .statements
        .iter()
        .filter(|summary| !summary.moderated_out && !summary.is_meta)
        .filter_map(|summary| {
            let groups = group_tallies.get(&summary.key).unwrap_or(&no_votes);
            classify_agreement(&summary.tally, groups, config.z_significant)
                .map(|agreement| (summary.key, agreement))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const Z: f64 = 1.2816;

    fn tally(agree: u32, disagree: u32, pass: u32) -> Tally {
        Tally {
            agree,
            disagree,
            pass,
        }
    }

    fn level(overall: Tally, groups: &[Tally]) -> Option<(AgreementLevel, Direction)> {
        classify_agreement(&overall, groups, Z).map(|a| (a.level, a.direction))
    }

    #[test]
    fn two_thirds_in_every_group_is_broad_agreement_not_consensus() {
        let groups = [tally(4, 2, 0), tally(4, 2, 0), tally(4, 2, 0)];
        assert_eq!(
            level(tally(12, 6, 0), &groups),
            Some((AgreementLevel::Broad, Direction::Agree))
        );
    }

    #[test]
    fn eighty_percent_in_every_group_with_enough_voters_is_consensus() {
        // Exactly 80 % counts; one voter fewer in a group does not.
        let groups = [tally(4, 1, 0), tally(8, 2, 0)];
        assert_eq!(
            level(tally(12, 3, 0), &groups),
            Some((AgreementLevel::Consensus, Direction::Agree))
        );
        let just_under = [tally(4, 1, 0), tally(7, 2, 0), tally(79, 21, 0)];
        assert_eq!(
            level(tally(90, 24, 0), &just_under).map(|l| l.0),
            Some(AgreementLevel::Broad),
            "7 of 9 is 78 %"
        );
        let too_few = [tally(4, 0, 0), tally(20, 0, 0)];
        assert_eq!(
            level(tally(24, 0, 0), &too_few).map(|l| l.0),
            Some(AgreementLevel::Broad),
            "a group of 4 voters cannot make a consensus"
        );
    }

    #[test]
    fn passes_count_among_the_voters() {
        // 8 agree, 0 disagree, 3 pass: 73 % agree, not 100 %.
        let groups = [tally(8, 0, 3), tally(10, 0, 0)];
        assert_eq!(
            level(tally(18, 0, 3), &groups).map(|l| l.0),
            Some(AgreementLevel::Broad)
        );
    }

    #[test]
    fn a_majority_overall_split_by_a_group_is_majority_agreement() {
        let groups = [tally(20, 2, 0), tally(2, 6, 0)];
        assert_eq!(
            level(tally(22, 8, 0), &groups),
            Some((AgreementLevel::Majority, Direction::Agree))
        );
        // Exactly half in a group is not a majority of it.
        let half = [tally(20, 2, 0), tally(3, 3, 0)];
        assert_eq!(
            level(tally(23, 5, 0), &half).map(|l| l.0),
            Some(AgreementLevel::Majority)
        );
    }

    #[test]
    fn disagreement_is_classified_the_same_way() {
        let groups = [tally(0, 5, 0), tally(1, 9, 0)];
        assert_eq!(
            level(tally(1, 14, 0), &groups),
            Some((AgreementLevel::Consensus, Direction::Disagree))
        );
    }

    #[test]
    fn no_significant_side_has_no_level() {
        assert_eq!(level(tally(5, 5, 0), &[]), None);
        assert_eq!(
            level(tally(2, 1, 0), &[]),
            None,
            "too few votes to be significant"
        );
        assert_eq!(level(tally(0, 0, 0), &[]), None);
    }

    #[test]
    fn without_groups_the_whole_conversation_is_the_group() {
        assert_eq!(
            level(tally(9, 1, 0), &[]).map(|l| l.0),
            Some(AgreementLevel::Consensus)
        );
        assert_eq!(
            level(tally(14, 7, 0), &[]).map(|l| l.0),
            Some(AgreementLevel::Broad)
        );
    }
}
