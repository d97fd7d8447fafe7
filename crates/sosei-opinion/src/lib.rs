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
//!    weighted Lloyd's algorithm from **Pol.is's start**, made order-free as red-dwarf makes it:
//!    the first k distinct points in sorted order of their coordinates (Pol.is takes the first k
//!    distinct rows in row order, which is why its groups change when rows are reordered). Two
//!    other starts compete with it: 8 seeded k-means++ starts (ChaCha8 from `seed`, over the
//!    canonical order, the lowest inertia of them) and, for the previous k, the previous groups
//!    (step 7). One of those replaces the Pol.is start's clustering only if its inertia is lower
//!    by more than one person's share of it (inertia / n, n the participants clustered); among
//!    such, the lowest inertia wins. Above 512 base points the k-means++ starts run on a weighted
//!    sketch (the points' occupied cells of a grid of at most 256 cells) and only their winner is
//!    polished by Lloyd's algorithm on every base point (bowling-green's group step went from
//!    about half of the analysis to under a tenth).
//!
//!    Why not simply the lowest inertia, as before: k-means has several fixed points that
//!    differ by a few people on a border, and their inertias by far less than one person's
//!    share. The lowest of them is an accident of which starts were tried, Pol.is's start is
//!    what Pol.is (and red-dwarf) show. On canadian-electoral-reform, k-means++ found 262/19
//!    (inertia 1174.99), the previous groups of the history replay 264/17 (1174.42) and the
//!    Pol.is start 265/16 (1175.10), Pol.is's own split; one person's share is 4.18 (0.36 %), so
//!    the Pol.is start stands: ARI 0.90 → 1.00. Biodiversity: 375/66 against 373/68, 0.01 %
//!    apart, the Pol.is start's is Pol.is's. vtaiwan: the sketched k-means++ missed the lower
//!    optimum that the Pol.is start finds (936/282), so a cold analysis went 0.72 → 0.83 too. The
//!    Pol.is start is not always good: on 15-per-hour it stops at 77/61 (red-dwarf's, ARI 0.46),
//!    1.2 % above k-means++'s 95/43 (the bar is 0.72 %), which wins (ARI 0.88); on a planted
//!    conversation with four groups in 4-D it stops at a poor clustering that k-means++
//!    replaces.
//! 6. **Choosing k.** Weighted silhouette (a base point of weight w counts as w people; computed
//!    on at most `silhouette_points` grid cells that never mix groups, so never O(n²) over
//!    participants). A k whose smallest group has fewer than `min_group_size` (3) people is not
//!    admissible: no group of one or two. The smallest admissible k is the incumbent, and a
//!    larger k replaces it only if its silhouette is higher by `k_margin` (0.02): red-dwarf
//!    over-splits where the competing silhouettes are within 0.01–0.04. With fewer than two
//!    admissible groups, everyone clustered forms one group.
//! 7. **Warm start** (optional, `AnalysisInput::previous_groups`): Pol.is keeps the previous
//!    tick's clusters in memory (lost on restart). Here the caller passes the previous groups:
//!    their centres on today's positions are one of the starts for the previous k (step 5), and
//!    the previous k is the incumbent in step 6. Pol.is always continues from its previous
//!    clusters; here they are held to the same bar as the k-means++ starts, so that between
//!    near-equal fixed points the groups are a function of today's votes, not of the path that
//!    led there (on canadian-electoral-reform, Lloyd from the previous groups of the replay
//!    settles one border participant away, at 264/17, 0.06 % below the Pol.is start's inertia).
//!    What the previous groups hold steady is the number of groups. `sosei-polis` replays an
//!    export's vote log through ten such steps, which is how Pol.is's own groups came about;
//!    against one cold analysis it changes london 0.11 → 0.18 (four groups instead of three) and
//!    nothing on the other five.
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
//!     population. These lists are what the pages call broad agreement (幅広い賛同);
//!     `agreement` names three levels (consensus 総意, broad, majority) from the same tallies,
//!     and only its top level, every group at 80 % or more, is called consensus.
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
//! analyze`, history replay; red-dwarf's figure in brackets): 15-per-hour 0.88 (0.46),
//! bowling-green 0.42 (0.42), canadian-electoral-reform 1.00 (1.00), london 0.18 (0.12),
//! biodiversity 0.95 (0.95), vtaiwan 0.83 (0.83). On canadian-electoral-reform the groups are
//! Pol.is's 265/16 exactly (step 5 has why). Identical output under shuffled rows and between
//! runs on all six.
//!
//! Clustering in more components than the map: on the exports, 3–5 dimensions agreed *less* with
//! Pol.is's groups (which were computed in 2-D): 3 / 4 / 5 dimensions held the red-dwarf figure
//! on 4 / 4 / 2 of the six (15-per-hour 0.88 → 0.86 / 0.63 / 0.40, biodiversity 0.95 → 0.88–0.90;
//! bowling-green rose to 0.45 in 3-D and 4-D, london to 0.22 in 4-D). On a planted conversation with four groups (600 participants, 60
//! statements), 2-D finds three groups
//! (ARI 0.71) and 4-D all four (ARI 1.00); so the default stays 2 for comparability and
//! `cluster_dimensions` (`sosei analyze --dimensions`) is there for conversations with more
//! structure than a map shows.
//!
//! The Pol.is data used for these measurements: "Data was gathered using the Polis software
//! (compdemocracy.org/polis) and is sub-licensed under CC BY 4.0 with Attribution to The
//! Computational Democracy Project."

mod agreement;
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

pub use agreement::{
    Agreement, AgreementLevel, BROAD_MIN_GROUP_RATE, CONSENSUS_MIN_GROUP_RATE,
    CONSENSUS_MIN_VOTERS_PER_GROUP, agreement_levels, classify_agreement,
};
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
