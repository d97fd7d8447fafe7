//! Synthetic conversations with planted opinion groups, for benchmarks and scale tests: shared by
//! `sosei bench opinion` and the tests so both measure the same thing.
//!
//! Each participant belongs to one of `groups` planted groups (participant `p` to group
//! `p % groups`); every group has a stance on every statement (agree or disagree, from a hash of
//! the pair). A participant votes on a heavy-tailed number of distinct statements, log-normal
//! with the given median and `log_sigma` (σ = 1.55 gives a mean of about 3.3 × the median, as in
//! real conversations where a few people vote on everything and most on a dozen statements), and
//! votes with the group's stance with probability 0.8, against it 0.1, pass 0.1.
//! Deterministic: the same spec gives the same votes, in the same order.

use crate::input::{AnalysisInput, StatementInfo, Vote, VoteRecord};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SyntheticSpec {
    pub participants: usize,
    pub statements: usize,
    /// Median number of votes per participant.
    pub median_votes: f64,
    /// σ of the log-normal number of votes per participant (0: everyone casts the median).
    pub log_sigma: f64,
    /// Planted groups (at least 1).
    pub groups: usize,
    pub seed: u64,
}

impl SyntheticSpec {
    /// `participants` × `statements` with median 15 votes per participant, σ = 1.55 (mean ≈ 50)
    /// and three planted groups.
    pub fn heavy_tailed(participants: usize, statements: usize) -> SyntheticSpec {
        SyntheticSpec {
            participants,
            statements,
            median_votes: 15.0,
            log_sigma: 1.55,
            groups: 3,
            seed: 42,
        }
    }

    /// The planted group of a participant key.
    pub fn planted_group(&self, participant: i64) -> usize {
        (participant.unsigned_abs() % self.groups.max(1) as u64) as usize
    }
}

/// SplitMix64: tiny, fast, seeded; good enough for synthetic data (not for the analysis itself,
/// which uses ChaCha8).
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn open_unit(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller, one of the pair).
    fn normal(&mut self) -> f64 {
        let u = self.open_unit();
        let v = self.open_unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    fn below(&mut self, bound: usize) -> usize {
        // Multiply-shift: unbiased enough for data generation.
        ((self.next_u64() >> 32).wrapping_mul(bound as u64) >> 32) as usize
    }
}

/// Group `group`'s stance on `statement`: true means agree.
fn stance(group: usize, statement: usize, seed: u64) -> bool {
    let mut mix = SplitMix64(seed ^ ((group as u64) << 40) ^ statement as u64);
    mix.next_u64() & 1 == 1
}

/// The number of votes each participant casts (at least 1, at most `statements`).
pub fn votes_per_participant(spec: &SyntheticSpec) -> Vec<usize> {
    let mut rng = SplitMix64(spec.seed ^ 0x5EED_F0C0_u64);
    let log_median = spec.median_votes.max(1.0).ln();
    (0..spec.participants)
        .map(|_| {
            let n = (log_median + spec.log_sigma * rng.normal()).exp().round();
            (n.max(1.0) as usize).min(spec.statements.max(1))
        })
        .collect()
}

/// Generate the conversation: plain statements `0..statements`, participants `0..participants`.
pub fn generate(spec: &SyntheticSpec) -> AnalysisInput {
    let counts = votes_per_participant(spec);
    let total: usize = counts.iter().sum();
    let mut votes = Vec::with_capacity(total);
    let mut rng = SplitMix64(spec.seed);
    let mut chosen = vec![false; spec.statements];
    let mut picked: Vec<usize> = Vec::new();
    let groups = spec.groups.max(1);
    for (participant, &count) in counts.iter().enumerate() {
        let group = participant % groups;
        picked.clear();
        // Distinct statements by rejection; `chosen` is cleared again below.
        while picked.len() < count {
            let statement = rng.below(spec.statements);
            if !chosen[statement] {
                chosen[statement] = true;
                picked.push(statement);
            }
        }
        for &statement in &picked {
            chosen[statement] = false;
            let roll = rng.below(10);
            let agrees = stance(group, statement, spec.seed);
            let vote = match roll {
                0 => Vote::Pass,
                1 if agrees => Vote::Disagree,
                1 => Vote::Agree,
                _ if agrees => Vote::Agree,
                _ => Vote::Disagree,
            };
            votes.push(VoteRecord::new(participant as i64, statement as i64, vote));
        }
    }
    AnalysisInput {
        statements: (0..spec.statements as i64)
            .map(StatementInfo::plain)
            .collect(),
        votes,
        ..AnalysisInput::default()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn votes_per_participant_are_heavy_tailed_around_the_median() {
        let spec = SyntheticSpec::heavy_tailed(20_000, 5_000);
        let mut counts = votes_per_participant(&spec);
        counts.sort_unstable();
        let median = counts[counts.len() / 2];
        let mean = counts.iter().sum::<usize>() as f64 / counts.len() as f64;
        assert!((13..=17).contains(&median), "median {median}");
        assert!((40.0..60.0).contains(&mean), "mean {mean}");
        assert!(counts[counts.len() - 1] > 1_000, "no heavy tail");
        assert!(counts[0] >= 1);
    }

    #[test]
    fn generation_is_deterministic_and_has_no_repeated_pairs() {
        let spec = SyntheticSpec::heavy_tailed(500, 200);
        let a = generate(&spec);
        let b = generate(&spec);
        assert_eq!(a, b);
        let mut pairs: Vec<(i64, i64)> = a
            .votes
            .iter()
            .map(|v| (v.participant.0, v.statement.0))
            .collect();
        let n = pairs.len();
        pairs.sort_unstable();
        pairs.dedup();
        assert_eq!(pairs.len(), n);
    }

    #[test]
    fn the_planted_groups_are_found() {
        let spec = SyntheticSpec {
            median_votes: 40.0,
            log_sigma: 0.3,
            ..SyntheticSpec::heavy_tailed(600, 80)
        };
        let analysis = crate::analyze(&generate(&spec), &crate::AnalysisConfig::default());
        assert_eq!(analysis.groups.len(), 3);
        for group in &analysis.groups {
            let planted = spec.planted_group(group.members[0].0);
            let agreeing = group
                .members
                .iter()
                .filter(|m| spec.planted_group(m.0) == planted)
                .count();
            assert!(agreeing * 10 >= group.members.len() * 9, "mixed group");
        }
    }
}
