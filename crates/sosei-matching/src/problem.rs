//! The input: a [`MatchProblem`] (see the crate docs for the JSON schema and an example).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::level::{IsoDate, LanguageLevel};

/// One matching round: who applied, which teams exist, what is fixed by hand, and what counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchProblem {
    pub applicants: Vec<Applicant>,
    pub programmes: Vec<Programme>,
    #[serde(default)]
    pub locks: Vec<Lock>,
    #[serde(default)]
    pub weights: Weights,
    #[serde(default)]
    pub options: MatchOptions,
}

/// A person who applied to one or more programmes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    pub id: String,
    /// ISO 3166-1 alpha-2 codes ("JP", "TH"). A person with several counts toward each.
    #[serde(default)]
    pub nationalities: Vec<String>,
    #[serde(default)]
    pub languages: Vec<LanguageSkill>,
    /// Skill names from the taxonomy ("design", "it", "video").
    #[serde(default)]
    pub skills: Vec<String>,
    /// Inclusive date ranges the person is free. Empty: no limit was stated (always free).
    #[serde(default)]
    pub availability: Vec<DateRange>,
    /// Programme ids, most wanted first. The person is only placed in a programme listed here
    /// (unless a lock places them elsewhere).
    pub preferences: Vec<String>,
    /// The coordinators' score for this person's application, per programme id (higher is
    /// better; absent = 0). Used only to rank applicants for blocking pairs and deferred
    /// acceptance: a programme prefers a higher score, ties broken by the smaller applicant id.
    #[serde(default)]
    pub scores: BTreeMap<String, f64>,
}

/// A language and how well the person speaks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSkill {
    /// ISO 639-1 code ("ja", "en", "th", "zh").
    pub language: String,
    pub level: LanguageLevel,
}

/// Inclusive calendar dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRange {
    pub start: IsoDate,
    pub end: IsoDate,
}

impl DateRange {
    /// Whether this range contains all of `other`.
    pub fn covers(&self, other: &DateRange) -> bool {
        self.start <= other.start && self.end >= other.end
    }

    /// Whether the two ranges share at least one day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// A programme (one stay in one town) with one or more teams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    pub id: String,
    pub dates: DateRange,
    pub teams: Vec<Team>,
    /// Every team of the programme needs a Japanese speaker at this level or above.
    #[serde(default)]
    pub japanese_speaker: Option<JapaneseSpeakerRule>,
    /// At most this many people of one nationality in each team.
    #[serde(default)]
    pub max_per_nationality: Option<u32>,
}

/// The Japanese-speaker rule: each team has `at_least` people with Japanese at `min_level`+.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JapaneseSpeakerRule {
    #[serde(default = "default_japanese_level")]
    pub min_level: LanguageLevel,
    #[serde(default = "one")]
    pub at_least: u32,
}

impl Default for JapaneseSpeakerRule {
    fn default() -> Self {
        JapaneseSpeakerRule {
            min_level: default_japanese_level(),
            at_least: 1,
        }
    }
}

fn default_japanese_level() -> LanguageLevel {
    LanguageLevel::N2
}

fn one() -> u32 {
    1
}

/// One team. Team ids are unique across the whole problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    pub min_size: u32,
    pub max_size: u32,
    #[serde(default)]
    pub needs: Vec<Need>,
}

/// Something a team must have among its members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Need {
    /// At least `at_least` members with this skill.
    Skill { skill: String, at_least: u32 },
    /// At least `at_least` members speaking `language` at `min_level` or above.
    Language {
        language: String,
        min_level: LanguageLevel,
        at_least: u32,
    },
}

impl Need {
    /// How many members must satisfy it.
    pub fn at_least(&self) -> u32 {
        match self {
            Need::Skill { at_least, .. } | Need::Language { at_least, .. } => *at_least,
        }
    }

    /// Whether one applicant satisfies it.
    pub fn is_met_by(&self, applicant: &Applicant) -> bool {
        match self {
            Need::Skill { skill, .. } => applicant.skills.iter().any(|s| s == skill),
            Need::Language {
                language,
                min_level,
                ..
            } => applicant
                .languages
                .iter()
                .any(|l| &l.language == language && l.level.meets(*min_level)),
        }
    }

    /// "2 × design", "1 × th at B1+".
    pub fn describe(&self) -> String {
        match self {
            Need::Skill { skill, at_least } => format!("{at_least} × {skill}"),
            Need::Language {
                language,
                min_level,
                at_least,
            } => format!("{at_least} × {language} speaker at {min_level}+"),
        }
    }

    /// What one member brings: "design", "th speaker at B1+".
    pub fn describe_one(&self) -> String {
        match self {
            Need::Skill { skill, .. } => skill.clone(),
            Need::Language {
                language,
                min_level,
                ..
            } => format!("{language} speaker at {min_level}+"),
        }
    }
}

/// A decision taken by hand that the matcher must respect.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Lock {
    /// The applicant is in this team (even if they did not rank its programme).
    Place { applicant: String, team: String },
    /// The applicant is not placed in this programme.
    Exclude {
        applicant: String,
        programme: String,
    },
}

/// How much each part of the objective counts (all ≥ 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Per placed person: 1.0 for their 1st choice, 0.8 for the 2nd … (see the crate docs).
    #[serde(default = "weight_preference")]
    pub preference: f64,
    /// Per placed person: the share of their team's needs they meet.
    #[serde(default = "weight_skill_fit")]
    pub skill_fit: f64,
    /// Per team: the number of distinct nationalities.
    #[serde(default = "weight_diversity")]
    pub diversity: f64,
}

fn weight_preference() -> f64 {
    1.0
}
fn weight_skill_fit() -> f64 {
    0.5
}
fn weight_diversity() -> f64 {
    0.5
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            preference: weight_preference(),
            skill_fit: weight_skill_fit(),
            diversity: weight_diversity(),
        }
    }
}

/// Which algorithm to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodChoice {
    /// The integer program when it is small enough, else local search with a bound.
    #[default]
    Auto,
    /// Always try the integer program first (falls back to local search when it stops early).
    Exact,
    /// Greedy construction and local search, with an upper bound.
    LocalSearch,
    /// Applicant-proposing deferred acceptance (stable; ignores needs, reports violations).
    DeferredAcceptance,
}

/// Solver settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchOptions {
    #[serde(default)]
    pub method: MethodChoice,
    /// Wall-clock safety limit in seconds. The solvers stop on deterministic work limits long
    /// before it on ordinary rounds; when this limit cuts a run short the outcome says so
    /// (`time_limit_reached`) and is no longer guaranteed to be reproducible.
    #[serde(default = "default_time_limit")]
    pub time_limit_seconds: f64,
    /// Seed for the local search's visiting order.
    #[serde(default)]
    pub seed: u64,
    /// Allow an applicant in several programmes whose dates do not overlap (default: at most
    /// one placement per applicant).
    #[serde(default)]
    pub allow_multiple_placements: bool,
}

fn default_time_limit() -> f64 {
    10.0
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions {
            method: MethodChoice::Auto,
            time_limit_seconds: default_time_limit(),
            seed: 0,
            allow_multiple_placements: false,
        }
    }
}

/// The preference value of a rank (1-based): 1.0, 0.8, 0.6, 0.4, 0.2, then 0.1 for any later
/// rank; 0 when the programme was not ranked (placed by a lock).
pub fn preference_value(rank: Option<u32>) -> f64 {
    match rank {
        Some(r @ 1..=5) => 1.0 - 0.2 * f64::from(r - 1),
        Some(_) => 0.1,
        None => 0.0,
    }
}
