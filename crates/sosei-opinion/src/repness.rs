//! Per-group statistics: representativeness (Pol.is's formulas), consensus, divisiveness,
//! agree rates with intervals and routing priorities.

use std::cmp::Ordering;

use crate::input::AnalysisConfig;
use crate::matrix::VoteMatrix;
use crate::output::*;
use crate::pca::Pca;
use crate::stats::{Tally, proportion_test, two_proportion_test, wilson_interval};

/// Vote counts per group and statement, and overall (every participant, clustered or not).
pub(crate) struct GroupTallies {
    /// `groups[g][column]`.
    pub groups: Vec<Vec<Tally>>,
    pub overall: Vec<Tally>,
}

impl GroupTallies {
    pub fn count(matrix: &VoteMatrix, groups_rows: &[Vec<usize>]) -> GroupTallies {
        let n_columns = matrix.n_columns();
        let mut overall = vec![Tally::default(); n_columns];
        for (&column, &value) in matrix.columns.iter().zip(&matrix.values) {
            overall[column as usize].add(value);
        }
        let groups = groups_rows
            .iter()
            .map(|members| {
                let mut tallies = vec![Tally::default(); n_columns];
                for &row in members {
                    let (columns, values) = matrix.row(row);
                    for (&column, &value) in columns.iter().zip(values) {
                        tallies[column as usize].add(value);
                    }
                }
                tallies
            })
            .collect();
        GroupTallies { groups, overall }
    }

    fn rest(&self, group: usize, column: usize) -> Tally {
        self.groups
            .iter()
            .enumerate()
            .filter(|&(g, _)| g != group)
            .fold(Tally::default(), |sum, (_, tallies)| {
                sum.plus(&tallies[column])
            })
    }
}

/// Pol.is's per-comment statistics for one group against the rest.
#[derive(Debug, Clone, Copy)]
struct RepnessStats {
    column: usize,
    tally: Tally,
    pa: f64,
    pd: f64,
    pat: f64,
    pdt: f64,
    ra: f64,
    rd: f64,
    rat: f64,
    rdt: f64,
}

impl RepnessStats {
    fn new(column: usize, group: Tally, rest: Tally) -> RepnessStats {
        let (na, nd, ns) = (group.agree, group.disagree, group.seen());
        let pa = group.smoothed_agree();
        let pd = group.smoothed_disagree();
        RepnessStats {
            column,
            tally: group,
            pa,
            pd,
            pat: proportion_test(na, ns),
            pdt: proportion_test(nd, ns),
            ra: pa / rest.smoothed_agree(),
            rd: pd / rest.smoothed_disagree(),
            rat: two_proportion_test(na, ns, rest.agree, rest.seen()),
            rdt: two_proportion_test(nd, ns, rest.disagree, rest.seen()),
        }
    }

    fn finalise(&self, direction: Direction) -> RepresentativeStatement {
        let (probability, probability_test, representativeness, representativeness_test) =
            match direction {
                Direction::Agree => (self.pa, self.pat, self.ra, self.rat),
                Direction::Disagree => (self.pd, self.pdt, self.rd, self.rdt),
            };
        RepresentativeStatement {
            statement: crate::input::StatementKey(0),
            direction,
            tally: self.tally,
            probability,
            probability_test,
            representativeness,
            representativeness_test,
        }
    }

    fn metric(&self, direction: Direction) -> f64 {
        match direction {
            Direction::Agree => self.ra * self.rat * self.pa * self.pat,
            Direction::Disagree => self.rd * self.rdt * self.pd * self.pdt,
        }
    }

    fn natural_direction(&self) -> Direction {
        if self.rat > self.rdt {
            Direction::Agree
        } else {
            Direction::Disagree
        }
    }
}

/// Pol.is's `select-rep-comments`: statements where the group differs significantly from the rest
/// AND its own majority is significant, ranked by repness × test × probability × test, with the
/// best "agree" statement always first; at most `max_representative`, agrees before disagrees.
pub(crate) fn representative(
    matrix: &VoteMatrix,
    tallies: &GroupTallies,
    group: usize,
    active: &[bool],
    config: &AnalysisConfig,
) -> Vec<RepresentativeStatement> {
    let z = config.z_significant;
    let mut sufficient: Vec<(RepnessStats, Direction, f64)> = Vec::new();
    let mut best_agree: Option<RepnessStats> = None;
    let mut best_any: Option<(RepnessStats, f64)> = None;
    for column in (0..matrix.n_columns()).filter(|&c| active[c]) {
        let stats = RepnessStats::new(
            column,
            tallies.groups[group][column],
            tallies.rest(group, column),
        );
        if (stats.rat > z && stats.pat > z) || (stats.rdt > z && stats.pdt > z) {
            let direction = stats.natural_direction();
            sufficient.push((stats, direction, stats.metric(direction)));
        }
        if beats_best_agree(&stats, best_agree.as_ref(), z) {
            best_agree = Some(stats);
        }
        if stats.tally.seen() > 0 {
            let strength = stats.rat.max(stats.rdt);
            if best_any.as_ref().is_none_or(|(_, best)| strength > *best) {
                best_any = Some((stats, strength));
            }
        }
    }
    let finish = |stats: &RepnessStats, direction: Direction| {
        let mut statement = stats.finalise(direction);
        statement.statement = matrix.statements[stats.column].key;
        statement
    };
    let mut chosen: Vec<RepresentativeStatement> = Vec::new();
    if sufficient.is_empty() {
        if let Some(stats) = &best_agree {
            chosen.push(finish(stats, Direction::Agree));
        } else if let Some((stats, _)) = &best_any {
            chosen.push(finish(stats, stats.natural_direction()));
        }
        return chosen;
    }
    // Highest metric first; equal metrics keep statement-key order (the sort is stable).
    sufficient.sort_by(|a, b| b.2.partial_cmp(&a.2).unwrap_or(Ordering::Equal));
    if let Some(stats) = &best_agree {
        chosen.push(finish(stats, Direction::Agree));
    }
    for (stats, direction, _) in &sufficient {
        if chosen.len() >= config.max_representative {
            break;
        }
        if best_agree.is_some_and(|best| best.column == stats.column) {
            continue;
        }
        chosen.push(finish(stats, *direction));
    }
    chosen.truncate(config.max_representative);
    chosen.sort_by_key(|statement| statement.direction != Direction::Agree);
    chosen
}

/// Pol.is's `beats-best-agr?`, with one departure: the candidate must agree significantly more
/// than the rest (rat > z). Pol.is lets a statement that every group agrees with become a group's
/// top "representative" statement, which tells readers nothing about that group.
fn beats_best_agree(stats: &RepnessStats, best: Option<&RepnessStats>, z: f64) -> bool {
    if stats.tally.agree == 0 && stats.tally.disagree == 0 {
        return false;
    }
    if stats.rat <= z {
        return false;
    }
    match best {
        Some(best) if best.ra > 1.0 => {
            stats.ra * stats.rat * stats.pa * stats.pat > best.ra * best.rat * best.pa * best.pat
        }
        Some(best) => stats.pa * stats.pat > best.pa * best.pat,
        None => stats.pat > z || (stats.ra > 1.0 && stats.pa > 0.5),
    }
}

/// One group's agree and disagree rates, with Wilson intervals, on every statement that is not
/// moderated out.
pub(crate) fn group_votes(
    matrix: &VoteMatrix,
    tallies: &GroupTallies,
    group: usize,
    config: &AnalysisConfig,
) -> Vec<GroupStatementVotes> {
    (0..matrix.n_columns())
        .filter(|&column| !matrix.statements[column].moderated_out)
        .map(|column| {
            let tally = tallies.groups[group][column];
            let seen = tally.seen();
            let rate = |n: u32| {
                if seen > 0 {
                    f64::from(n) / f64::from(seen)
                } else {
                    0.0
                }
            };
            GroupStatementVotes {
                statement: matrix.statements[column].key,
                tally,
                agree_rate: rate(tally.agree),
                agree_interval: wilson_interval(tally.agree, seen, config.z_interval),
                disagree_rate: rate(tally.disagree),
                disagree_interval: wilson_interval(tally.disagree, seen, config.z_interval),
            }
        })
        .collect()
}

pub(crate) struct StatementResults {
    pub statements: Vec<StatementSummary>,
    pub consensus: Consensus,
    pub divisive: Vec<DivisiveStatement>,
}

/// Overall tallies, map positions, consensus, divisiveness and priorities.
pub(crate) fn statement_results(
    matrix: &VoteMatrix,
    tallies: &GroupTallies,
    pca: &Pca,
    active: &[bool],
    config: &AnalysisConfig,
) -> StatementResults {
    let n_columns = matrix.n_columns();
    let z = config.z_significant;
    // With no groups (nobody clustered yet), the whole conversation is the one population.
    let populations: Vec<&Vec<Tally>> = if tallies.groups.is_empty() {
        vec![&tallies.overall]
    } else {
        tallies.groups.iter().collect()
    };
    let mut statements = Vec::with_capacity(n_columns);
    let mut agree = Vec::new();
    let mut disagree = Vec::new();
    let mut group_informed = Vec::new();
    let mut divisive = Vec::new();
    let scale = (pca.scale_columns as f64).sqrt();
    for column in 0..n_columns {
        let info = matrix.statements[column];
        let overall = tallies.overall[column];
        let map_position = if active[column] {
            // A virtual participant who agreed with this statement alone (Pol.is's comment
            // projection), on the same scale as participants.
            let offset = scale * (1.0 - pca.means[column]);
            [
                offset * pca.components[0][column],
                offset * pca.components[1][column],
            ]
        } else {
            [0.0, 0.0]
        };
        let extremity = map_position[0].hypot(map_position[1]);
        let gac_agree: f64 = populations
            .iter()
            .map(|t| t[column].smoothed_agree())
            .product();
        let gac_disagree: f64 = populations
            .iter()
            .map(|t| t[column].smoothed_disagree())
            .product();
        let priority = if info.moderated_out {
            0.0
        } else if info.is_meta {
            49.0
        } else {
            polis_priority(&overall, extremity)
        };
        statements.push(StatementSummary {
            key: info.key,
            moderated_out: info.moderated_out,
            is_meta: info.is_meta,
            tally: overall,
            map_position,
            extremity,
            group_informed_consensus: gac_agree,
            priority,
        });
        if !active[column] {
            continue;
        }
        let rate_in = |t: &Tally, n: u32| {
            if t.seen() > 0 {
                f64::from(n) / f64::from(t.seen())
            } else {
                0.0
            }
        };
        let lowest_agree = populations
            .iter()
            .map(|t| rate_in(&t[column], t[column].agree))
            .fold(f64::INFINITY, f64::min);
        let lowest_disagree = populations
            .iter()
            .map(|t| rate_in(&t[column], t[column].disagree))
            .fold(f64::INFINITY, f64::min);
        let pa = overall.smoothed_agree();
        let pat = proportion_test(overall.agree, overall.seen());
        let pd = overall.smoothed_disagree();
        let pdt = proportion_test(overall.disagree, overall.seen());
        group_informed.push(ConsensusStatement {
            statement: info.key,
            probability: pa,
            probability_test: pat,
            group_informed: gac_agree,
            lowest_group_rate: lowest_agree,
        });
        // Consensus: significant overall and a strict majority inside every group.
        if pa > 0.5 && pat > z && lowest_agree > 0.5 {
            agree.push(ConsensusStatement {
                statement: info.key,
                probability: pa,
                probability_test: pat,
                group_informed: gac_agree,
                lowest_group_rate: lowest_agree,
            });
        }
        if pd > 0.5 && pdt > z && lowest_disagree > 0.5 {
            disagree.push(ConsensusStatement {
                statement: info.key,
                probability: pd,
                probability_test: pdt,
                group_informed: gac_disagree,
                lowest_group_rate: lowest_disagree,
            });
        }
        if tallies.groups.len() >= 2 {
            let intervals: Vec<_> = tallies
                .groups
                .iter()
                .map(|t| wilson_interval(t[column].agree, t[column].seen(), config.z_interval))
                .collect();
            let (mut most, mut least) = (0, 0);
            for (group, interval) in intervals.iter().enumerate() {
                if interval.low > intervals[most].low {
                    most = group;
                }
                if interval.high < intervals[least].high {
                    least = group;
                }
            }
            let gap = intervals[most].low - intervals[least].high;
            if gap > 0.0 {
                divisive.push(DivisiveStatement {
                    statement: info.key,
                    divisiveness: gap,
                    most_agreeing_group: most,
                    least_agreeing_group: least,
                });
            }
        }
    }
    let by_gac = |a: &ConsensusStatement, b: &ConsensusStatement| {
        b.group_informed
            .partial_cmp(&a.group_informed)
            .unwrap_or(Ordering::Equal)
    };
    agree.sort_by(by_gac);
    disagree.sort_by(by_gac);
    group_informed.sort_by(by_gac);
    agree.truncate(config.max_listed);
    disagree.truncate(config.max_listed);
    group_informed.truncate(config.max_listed);
    divisive.sort_by(|a, b| {
        b.divisiveness
            .partial_cmp(&a.divisiveness)
            .unwrap_or(Ordering::Equal)
    });
    divisive.truncate(config.max_listed);
    StatementResults {
        statements,
        consensus: Consensus {
            agree,
            disagree,
            group_informed,
        },
        divisive,
    }
}

/// Pol.is's routing priority: importance = (1 − (P+1)/(S+2)) · (E+1) · (A+1)/(S+2), boosted for
/// statements few people have seen, squared: statements that are not mostly passed, sit far
/// out on the map, get agreement, and are new come first.
fn polis_priority(tally: &Tally, extremity: f64) -> f64 {
    let seen = f64::from(tally.seen());
    let importance = (1.0 - (f64::from(tally.pass) + 1.0) / (seen + 2.0))
        * (extremity + 1.0)
        * (f64::from(tally.agree) + 1.0)
        / (seen + 2.0);
    let novelty = 1.0 + 8.0 * 2f64.powf(-seen / 5.0);
    (importance * novelty).powi(2)
}
