//! Opinion groups, representative statements and consensus from agree / disagree / pass votes:
//! the Pol.is method (see `POLIS-METHOD.md` in the project notes for its formulas), made
//! order-free, deterministic and sparse. Pure: no I/O, no clock, no global randomness; it cannot
//! fail. Entry point: [`analyze`]`(&AnalysisInput, &AnalysisConfig) -> Analysis`;
//! [`where_you_stand`] places one participant (or a newcomer) against a finished analysis.
//!
//! # The steps
//!
//! 1. **Canonical matrix.** Statements are sorted by key (a key listed twice keeps the stricter
//!    flags); banned participants' votes and votes on unknown statements are dropped (and
//!    counted); participants are sorted by key; the votes become a compressed sparse row matrix
//!    (+1 agree, −1 disagree, 0 pass). "Last vote wins" is the caller's job; a (participant,
//!    statement) pair that still appears twice keeps the higher value, so even that is order-free.
//!    Everything after this point sees only the canonical order: shuffling the input rows cannot
//!    change a single bit of the result.
//! 2. **Who is clustered** (Pol.is): at least min(7, number of statements) votes; if fewer than
//!    15 qualify, the most active others (more votes, then smaller key) are topped up to 15, so a
//!    young conversation already shows groups. Like Pol.is, votes on moderated-out statements
//!    count here (`count_moderated_votes`).
//! 3. **Principal components** of the column-centred matrix, missing votes imputed by the column
//!    mean (so they are 0 after centring and the matrix stays sparse), over every participant,
//!    on the statements that are neither moderated out nor meta. Computed by seeded block
//!    subspace iteration (Rayleigh–Ritz, residual tolerance 1e-6) directly on the sparse entries,
//!    one pass over the votes per iteration, never densified. Pol.is uses plain power iteration
//!    with a random (unseeded) or warm start. Each component's sign is fixed (its largest entry is
//!    positive), so the map never flips between runs.
//! 4. **Sparsity-aware projection** (Pol.is): p = sqrt(N / (|V| + m)) · Σ_voted (x − μ)·c, where
//!    N counts voted-on statements and m the moderated-out/meta statements with votes. Pol.is's
//!    matrix holds 0 for everyone in those columns, so they count as "voted"; keeping that
//!    (`pad_projection_with_moderated`) matched Pol.is's groups better on every export where it
//!    matters (biodiversity ARI 0.77 → 0.99, 15-per-hour 0.73 → 0.88).
//! 5. **Opinion groups** in the first `cluster_dimensions` components (default 2, the map).
//!    Up to `base_points` (2,000) clustered participants, k-means runs on the participants
//!    themselves; above that they are first collapsed into at most 2,000 occupied cells of a
//!    regular grid (weighted by head count), which plays the role of Pol.is's 100 base clusters
//!    but is deterministic and O(n log n). For each k from 2 to min(5, 2 + n/12) (Pol.is's bound):
//!    weighted k-means, 8 seeded k-means++ starts (ChaCha8 from `seed`, over the canonical order),
//!    the lowest inertia wins. Above 512 base points the starts run on a weighted sketch (the
//!    points' occupied cells of a grid of at most 256 cells) and only the winner is polished by
//!    Lloyd's algorithm on every base point: the same groups on all six exports, and the group
//!    step of bowling-green went from about half of the analysis to under a tenth. Pol.is starts from "the first k distinct rows", which is why its
//!    groups change when rows are reordered.
//! 6. **Choosing k.** Weighted silhouette (a base point of weight w counts as w people; computed
//!    on at most `silhouette_points` grid cells that never mix groups, so never O(n²) over
//!    participants). A k whose smallest group has fewer than `min_group_size` (3) people is not
//!    admissible: no group of one or two. The smallest admissible k is the incumbent, and a
//!    larger k replaces it only if its silhouette is higher by `k_margin` (0.02): red-dwarf
//!    over-splits where the competing silhouettes are within 0.01–0.04. With fewer than two
//!    admissible groups, everyone clustered forms one group.
//! 7. **Warm start** (optional, `AnalysisInput::previous_groups`): Pol.is keeps the previous
//!    tick's clusters in memory (lost on restart). Here the caller passes the previous groups:
//!    the k-means for the previous k starts from their centres on today's positions, and the
//!    previous k is the incumbent in step 6. Groups then move only when the data moves them.
//!    `sosei-polis` replays an export's vote log through ten such steps, which is how Pol.is's
//!    own groups came about; it changed agreement with Pol.is's published groups from one cold
//!    analysis as follows: london 0.11 → 0.18, biodiversity 0.93 → 0.95, 15-per-hour 0.88 → 0.86,
//!    the others unchanged.
//! 8. **Canonical group ids**: largest group first, ties by the smallest member key.
//! 9. **Membership confidence**: the posterior of the participant's group under equal-variance
//!    spherical Gaussians on the group centres (pooled within-group variance), with group sizes
//!    as priors. Near 1 deep inside a group, near 0.5 on a border.
//! 10. **Per-group votes**: agree / disagree / pass counts and rates on every statement that is
//!     not moderated out, with Wilson score intervals (`z_interval`, 95 %), which stay inside
//!     [0, 1] and are honest for small groups.
//! 11. **Representative statements** (Pol.is's repness): pa = (na+1)/(ns+2), its one-proportion
//!     test, the ratio to the rest of the groups and the two-proportion test (z > 1.2816); the
//!     best agreed statement first, then the significant ones by ra·rat·pa·pat, at most 5, agrees
//!     before disagrees. Departure: the "best agree" statement must also differ significantly
//!     from the rest (rat > z); Pol.is can put a statement every group agrees with at the top
//!     of one group's list. Meta and moderated-out statements are never representative.
//! 12. **Consensus.** `agree` lists statements that are significantly agreed overall (pa > 0.5,
//!     pat > 1.2816, Pol.is's test, over every participant) AND agreed by more than half of the
//!     voters inside every group (Pol.is does not check the groups); ordered by Pol.is's
//!     group-informed consensus Π_g (A_g+1)/(S_g+2). `disagree` likewise. `group_informed` is
//!     Pol.is's list, by that product alone. With no groups, the whole conversation is the one
//!     population.
//! 13. **Divisive statements** (not in Pol.is): the gap between the highest lower Wilson bound of
//!     a group's agree rate and the lowest upper bound; positive means the groups surely differ.
//! 14. **Routing priority** (Pol.is §7): (importance · (1 + 8·2^(−S/5)))² with importance =
//!     (1 − (P+1)/(S+2)) · (E+1) · (A+1)/(S+2), E the statement's extremity on the map; meta
//!     statements 49, moderated-out 0. Departures: counts over every participant rather than only
//!     the clustered ones, and from this analysis rather than the previous tick (Pol.is quirk Q2).
//!
//! # Measured against Pol.is's published groups
//!
//! Adjusted Rand index against the `group-id` column of six Pol.is openData exports (`sosei
//! analyze`, history replay; red-dwarf's figure in brackets): 15-per-hour 0.86 (0.46),
//! bowling-green 0.42 (0.42), canadian-electoral-reform 0.90 (1.00), london 0.18 (0.12),
//! biodiversity 0.95 (0.95), vtaiwan 0.83 (0.83). The canadian shortfall is three participants
//! within 0.05 of the border: both partitions are fixed points of k-means, ours has the lower
//! inertia (by 0.01 %). red-dwarf gets 265/16 from its start: "the first distinct rows" after a
//! sorting `np.unique`, i.e. the two leftmost points, from which Lloyd stops at the other fixed
//! point; started that way, a cold analysis here gives 265/16 too, but the history replay ends at
//! 264/17 and 15-per-hour falls to 0.52, so the best-inertia rule stays. Identical output under
//! shuffled rows and between runs on all six.
//!
//! Clustering in more components than the map: on the exports, 3–5 dimensions agreed *less* with
//! Pol.is's groups (which were computed in 2-D): 3 / 4 / 5 dimensions held the red-dwarf figure
//! on 4 / 3 / 1 of the six (15-per-hour 0.86 → 0.52–0.54, london 0.18 → 0.06–0.11; bowling-green
//! rose to 0.45 in 3-D). On a planted conversation with four groups (600 participants, 60
//! statements), 2-D finds three groups
//! (ARI 0.71) and 4-D all four (ARI 1.00); so the default stays 2 for comparability and
//! `cluster_dimensions` (`sosei analyze --dimensions`) is there for conversations with more
//! structure than a map shows.
//!
//! The Pol.is data used for these measurements: "Data was gathered using the Polis software
//! (compdemocracy.org/polis) and is sub-licensed under CC BY 4.0 with Attribution to The
//! Computational Democracy Project."

mod analysis;
mod cluster;
mod input;
mod matrix;
mod output;
mod pca;
mod repness;
mod standing;
mod stats;
pub mod synthetic;

pub use analysis::analyze;
pub use input::{
    AnalysisConfig, AnalysisInput, ParticipantKey, PreviousGroup, StatementInfo, StatementKey,
    Vote, VoteRecord,
};
pub use output::*;
pub use standing::{Standing, StatementComparison, project_votes, where_you_stand};
pub use stats::{Interval, Tally, proportion_test, two_proportion_test, wilson_interval};

#[cfg(test)]
mod tests;
