//! Team formation for programmes: applicants, teams, needs, locks and weights in; a diverse
//! assignment that keeps every hard rule out, with one line of explanation per person. Pure: no
//! I/O, no global state; the same problem gives the same outcome, byte for byte, whenever the
//! run ends on its work limits (the outcome says `time_limit_reached` if the wall clock cut it).
//!
//! Entry points: [`solve`]`(&MatchProblem) -> Result<MatchOutcome, MatchError>`,
//! [`greedy_baseline`] (the naive comparator), [`check_hard_constraints`] (an independent check
//! of any outcome) and [`synthetic::generate`] (seeded test rounds).
//!
//! # Hard rules
//! - Team sizes: `min_size ≤ members ≤ max_size` for every team (a team that may stay empty has
//!   `min_size` 0).
//! - Availability: a person is placed only in a programme whose whole date range lies inside
//!   one of their availability windows (no windows = no stated limit).
//! - Preferences: only in a programme the person ranked (a `place` lock overrides this).
//! - Placements: at most one per person by default; with `allow_multiple_placements`, at most
//!   one team per programme and never two programmes whose dates share a day.
//! - Needs: each team's needs (`skill` or `language` at a minimum level, `at_least` members).
//! - The Japanese-speaker rule (`japanese_speaker` on a programme): every team of it has
//!   `at_least` (default 1) members with Japanese (`ja`) at `min_level` (default N2) or above.
//!   Levels compare on one scale: see [`LanguageLevel`].
//! - The nationality cap (`max_per_nationality` k): at most k members of one nationality per
//!   team; a person with several nationalities counts toward each of them.
//! - Locks: `place` puts the person in that team; `exclude` keeps them out of a programme.
//!
//! # Objective (maximised)
//! `weights.preference × Σ preference value + weights.skill_fit × Σ share of the team's needs
//! the person meets + weights.diversity × Σ_teams distinct nationalities`. Preference value by
//! rank: 1st 1.0, 2nd 0.8, 3rd 0.6, 4th 0.4, 5th 0.2, later 0.1, unranked (lock) 0. Each team
//! also reports Blau's index (1 − Σ pₙ²).
//!
//! # Methods (`options.method`)
//! - `auto` (default): greedy construction and local search always run first; when the round
//!   has at most [`EXACT_MAX_VARIABLES`] eligible (applicant, team) pairs, the integer program
//!   (good_lp, microlp's branch and bound, warm-started from the search, at most
//!   [`EXACT_NODE_LIMIT`] nodes) improves or proves it. `bound` is then the solver's proven
//!   bound (equal to the objective when optimal).
//! - `local_search`: only the search; `bound` is the Lagrangian dual bound — every team-level
//!   constraint priced by a multiplier, only "one team per applicant" kept (see `bound.rs`) —
//!   a true upper bound (its best value is the LP relaxation's) from at most 3,000 subgradient
//!   steps, fewer when they stall (deterministic). The steps also stop at the solve's time
//!   limit (after at least 50); the bound is then looser but still true, and the outcome says
//!   `time_limit_reached`.
//! - `exact`: the integer program whatever the size.
//! - `deferred_acceptance`: applicant-proposing deferred acceptance over programmes, for
//!   comparison (stable; may break needs and caps, listed in `violations`).
//!
//! `gap = (bound − objective) / bound`. `blocking_pairs` lists (applicant, programme) pairs that
//! would both rather have each other and could have each other by one swap that keeps every
//! hard rule: the applicant joins a team of the programme (taking a free seat, or the place of
//! a member who is not locked and whom the programme ranks lower) and leaves the placement that
//! cannot go with it; every team touched keeps its size, needs and caps. A programme ranks
//! applicants by `scores[programme]` (higher first, ties by the smaller id).
//!
//! # Reasons as data
//! Every English line of the outcome is rendered from a structured value beside it, so a caller
//! can word it in another language (the web pages do, in Japanese and English). Each is tagged
//! by `kind`:
//! - `unplaced[].reason` ([`UnplacedReason`]): `ranked_nothing`, or `no_place` with, per ranked
//!   programme, `{"programme", "obstacle"}` where `obstacle` ([`Obstacle`]) is `excluded`,
//!   `not_available {dates}`, `no_teams`, `locked_elsewhere`, `teams_full`,
//!   `nationality_cap {teams}` or `other_rules`.
//! - `blocking_pairs[]`: `team` (the team they would join), `rank` (the applicant's rank of
//!   the programme), `placement_rank` (their placement's, null when unplaced) and `reason`
//!   ([`BlockingReason`]): `free_seat` or `ranks_above {displaced}` (who would leave `team`).
//! - `requirements[]` of a [`Diagnosis`]: `detail` ([`Requirement`]: `min_size`,
//!   `min_size_under_cap`, `need {need, japanese_rule}`, `too_many_locked`,
//!   `programme_min_sizes`, `programme_need`, `lock_not_available`, `lock_excluded`,
//!   `lock_conflict`, `rule_family {family, broken}`, `combination`) and `fixes`
//!   ([`Relaxation`], one per entry of `relaxations`).
//!
//! # Infeasible rounds
//! [`MatchError::Infeasible`] carries a [`Diagnosis`]: each unmet requirement with the count
//! required and available and the relaxations that would help. Counting conditions are checked
//! before solving (`source: counting`, a proof); if the solver still finds nothing, the rule
//! families are dropped one at a time (`solver_relaxation`); for rounds too large for the
//! integer program, the search's unmet minimums are reported (`heuristic`).
//!
//! # JSON schema (`MatchProblem`)
//! ```text
//! {
//!   "applicants": [{
//!     "id": string,                              unique
//!     "nationalities": [ISO 3166-1 alpha-2],     default []
//!     "languages": [{"language": ISO 639-1, "level": "A1".."C2" | "N5".."N1" | "native"}],
//!     "skills": [string],                        default []
//!     "availability": [{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}],   inclusive; default []
//!     "preferences": [programme id],             most wanted first
//!     "scores": {programme id: number}           coordinator score; default {} (= 0)
//!   }],
//!   "programmes": [{
//!     "id": string, "dates": {"start": date, "end": date},
//!     "teams": [{"id": string (unique in the problem), "min_size": n, "max_size": n,
//!                "needs": [{"kind": "skill", "skill": string, "at_least": n}
//!                        | {"kind": "language", "language": string, "min_level": level, "at_least": n}]}],
//!     "japanese_speaker": {"min_level": level (default "N2"), "at_least": n (default 1)} | null,
//!     "max_per_nationality": n | null
//!   }],
//!   "locks": [{"kind": "place", "applicant": id, "team": id}
//!           | {"kind": "exclude", "applicant": id, "programme": id}],            default []
//!   "weights": {"preference": 1.0, "skill_fit": 0.5, "diversity": 0.5},         defaults shown
//!   "options": {"method": "auto" | "exact" | "local_search" | "deferred_acceptance",
//!               "time_limit_seconds": 10, "seed": 0, "allow_multiple_placements": false}
//! }
//! ```
//! Unknown fields are rejected. A complete example (two 2017 programmes, eight applicants, two
//! locks) is `examples/yame-shimokawa.json` in this crate:
//! ```
//! let problem: sosei_matching::MatchProblem =
//!     serde_json::from_str(include_str!("../examples/yame-shimokawa.json")).unwrap();
//! let outcome = sosei_matching::solve(&problem).unwrap();
//! assert!(sosei_matching::check_hard_constraints(&problem, &outcome).is_empty());
//! assert_eq!(outcome.placements.len(), 8);
//! ```

mod blocking;
mod bound;
mod check;
mod deferred;
mod diagnosis;
mod exact;
mod explain;
mod level;
mod local_search;
mod model;
mod outcome;
mod problem;
mod reasons;
mod solve;
mod state;
pub mod synthetic;

#[cfg(test)]
mod tests;

pub use check::{Rule, Violation, check_hard_constraints};
pub use diagnosis::{Diagnosis, DiagnosisSource, InfeasibleRequirement};
pub use level::{IsoDate, IsoDateError, LanguageLevel};
pub use outcome::{
    BlockingPair, BoundSource, MatchOutcome, Method, NeedCoverage, ObjectiveParts, Placement,
    Summary, TeamReport, Unplaced,
};
pub use problem::{
    Applicant, DateRange, JapaneseSpeakerRule, LanguageSkill, Lock, MatchOptions, MatchProblem,
    MethodChoice, Need, Programme, Team, Weights, preference_value,
};
pub use reasons::{
    BlockingReason, Obstacle, ProgrammeObstacle, Relaxation, Requirement, RuleFamily,
    UnplacedReason,
};
pub use solve::{EXACT_MAX_VARIABLES, EXACT_NODE_LIMIT, greedy_baseline, solve};

/// Why a round has no outcome.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MatchError {
    /// The problem contradicts itself (unknown or repeated ids, min above max…).
    #[error("invalid problem: {message}")]
    InvalidProblem { message: String },
    /// No assignment meets every hard rule.
    #[error("no assignment meets every rule: {0}")]
    Infeasible(Diagnosis),
}
