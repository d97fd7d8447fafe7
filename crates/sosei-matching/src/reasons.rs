//! Structured reasons: why someone has no place, why a pair blocks, what an infeasible round
//! lacks and what would fix it. Enums with data, so a caller can put them in any language; the
//! English lines of the outcome (`explanation`, `message`, `relaxations`) are rendered from them
//! here (`english`).

use serde::{Deserialize, Serialize};

use crate::problem::{DateRange, Need};
use crate::{LanguageLevel, Violation};

/// Why an applicant has no place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UnplacedReason {
    /// Their list of programmes is empty.
    RankedNothing,
    /// For each programme they ranked (in their order), what kept them out of it.
    NoPlace { programmes: Vec<ProgrammeObstacle> },
}

/// What kept an applicant out of one programme they ranked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeObstacle {
    pub programme: String,
    pub obstacle: Obstacle,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Obstacle {
    /// A coordinator's `exclude` lock.
    Excluded,
    /// None of their availability windows covers the programme's dates.
    NotAvailable { dates: DateRange },
    /// The programme has no teams.
    NoTeams,
    /// A `place` lock holds them in a team this programme cannot go with.
    LockedElsewhere,
    /// Every team they could join is at its max size.
    TeamsFull,
    /// Every team with a seat already has the nationality cap of one of their nationalities.
    NationalityCap { teams: Vec<String> },
    /// A seat was free, but taking it would break another team's need or lower the total.
    OtherRules,
}

impl UnplacedReason {
    /// "not placed: yame: every team is full; tono: not free on its dates (…)".
    pub fn english(&self) -> String {
        match self {
            UnplacedReason::RankedNothing => "not placed: ranked no programme".to_owned(),
            UnplacedReason::NoPlace { programmes } => {
                let parts: Vec<String> = programmes
                    .iter()
                    .map(|p| format!("{}: {}", p.programme, p.obstacle.english()))
                    .collect();
                format!("not placed: {}", parts.join("; "))
            }
        }
    }
}

impl Obstacle {
    pub fn english(&self) -> String {
        match self {
            Obstacle::Excluded => "excluded by a coordinator's lock".to_owned(),
            Obstacle::NotAvailable { dates } => {
                format!("not free on its dates ({} to {})", dates.start, dates.end)
            }
            Obstacle::NoTeams => "it has no teams".to_owned(),
            Obstacle::LockedElsewhere => "locked into another team".to_owned(),
            Obstacle::TeamsFull => "every team is full".to_owned(),
            Obstacle::NationalityCap { teams } => {
                format!("its nationality cap is reached ({})", teams.join(", "))
            }
            Obstacle::OtherRules => "a seat was free, but taking it would break another team's \
                                     need or lower the round's total"
                .to_owned(),
        }
    }
}

/// Why the programme of a blocking pair would rather have the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockingReason {
    /// The pair's team has a free seat the applicant can take without breaking a rule.
    FreeSeat,
    /// The programme ranks the applicant above `displaced`, a member of the pair's team (not
    /// locked; the lowest-ranked member whose place the applicant can take without breaking a
    /// rule).
    RanksAbove { displaced: String },
}

/// A family of hard rules, as the infeasibility diagnosis drops them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleFamily {
    TeamNeeds,
    JapaneseSpeakerRule,
    NationalityCaps,
    MinSizes,
}

impl RuleFamily {
    fn english(self) -> &'static str {
        match self {
            RuleFamily::TeamNeeds => "team needs",
            RuleFamily::JapaneseSpeakerRule => "the Japanese-speaker rule",
            RuleFamily::NationalityCaps => "the nationality caps",
            RuleFamily::MinSizes => "the minimum team sizes",
        }
    }
}

/// What an unmet requirement of an infeasible round is (`programme` and `team` of the
/// requirement say where).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Requirement {
    /// The team's minimum size.
    MinSize { min_size: u32 },
    /// The minimum size with at most `cap` members of one nationality.
    MinSizeUnderCap { min_size: u32, cap: u32 },
    /// One of the team's needs; `japanese_rule` when it is the programme's Japanese-speaker rule.
    Need { need: Need, japanese_rule: bool },
    /// More people are locked into the team than its max size.
    TooManyLocked { max_size: u32, locked: u32 },
    /// The minimum sizes of all the programme's teams together.
    ProgrammeMinSizes { total: u32 },
    /// The same need in several teams of the programme together (`need.at_least` is the total).
    ProgrammeNeed { need: Need },
    /// `applicant` is locked into `team` but not free on its programme's dates.
    LockNotAvailable { applicant: String, team: String },
    /// `applicant` is both locked into and excluded from the programme.
    LockExcluded { applicant: String },
    /// `applicant` is locked into two teams that cannot go together.
    LockConflict {
        applicant: String,
        team: String,
        other_team: String,
    },
    /// The rules of `family` cannot be met together with the others; without them the round
    /// solves, and then breaks `broken`.
    RuleFamily {
        family: RuleFamily,
        broken: Vec<Violation>,
    },
    /// No single family of rules is to blame.
    Combination,
}

/// A change that would make a requirement satisfiable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Relaxation {
    LowerMinSize {
        team: String,
        to: u32,
    },
    RaiseNationalityCap {
        programme: String,
    },
    /// Lower the need's count to `to`.
    LowerCount {
        to: u32,
    },
    /// Accept the need's language at `level` or above.
    AcceptLevel {
        level: LanguageLevel,
    },
    InviteApplicants {
        programme: String,
    },
    RaiseMaxSize {
        team: String,
    },
    /// Remove a lock (of `applicant` when known).
    RemoveLock {
        applicant: Option<String>,
    },
    LowerProgrammeMinSizes {
        programme: String,
    },
    FewerTeams {
        programme: String,
    },
    /// Lower the need's counts across the programme's teams to `to` in total.
    LowerProgrammeCounts {
        to: u32,
    },
    /// Relax (lower or drop) the rules of a family.
    RelaxFamily {
        family: RuleFamily,
    },
    RelaxSeveralFamilies,
}

impl Relaxation {
    pub fn english(&self) -> String {
        match self {
            Relaxation::LowerMinSize { team, to } => format!("lower {team}'s min size to {to}"),
            Relaxation::RaiseNationalityCap { programme } => {
                format!("raise {programme}'s nationality cap")
            }
            Relaxation::LowerCount { to } => format!("lower the count to {to}"),
            Relaxation::AcceptLevel { level } => format!("accept level {level} or above"),
            Relaxation::InviteApplicants { programme } => {
                format!("invite more applicants to {programme}")
            }
            Relaxation::RaiseMaxSize { team } => format!("raise {team}'s max size"),
            Relaxation::RemoveLock { applicant: None } => "remove a lock".to_owned(),
            Relaxation::RemoveLock {
                applicant: Some(who),
            } => format!("remove or change {who}'s lock"),
            Relaxation::LowerProgrammeMinSizes { programme } => {
                format!("lower the min sizes of {programme}'s teams")
            }
            Relaxation::FewerTeams { programme } => format!("run {programme} with fewer teams"),
            Relaxation::LowerProgrammeCounts { to } => {
                format!("lower the counts to {to} in total")
            }
            Relaxation::RelaxFamily { family } => match family {
                RuleFamily::TeamNeeds => "lower or remove the team needs".to_owned(),
                RuleFamily::JapaneseSpeakerRule => {
                    "lower the Japanese level or drop the rule".to_owned()
                }
                RuleFamily::NationalityCaps => "raise the nationality cap".to_owned(),
                RuleFamily::MinSizes => "lower the minimum sizes".to_owned(),
            },
            Relaxation::RelaxSeveralFamilies => {
                "relax several families at once (needs, caps, minimum sizes)".to_owned()
            }
        }
    }
}

impl Requirement {
    /// The short English label of the requirement's `requirement` field.
    pub(crate) fn english_label(&self) -> String {
        match self {
            Requirement::MinSize { min_size } => format!("min size {min_size}"),
            Requirement::MinSizeUnderCap { min_size, cap } => {
                format!("min size {min_size} under a cap of {cap} per nationality")
            }
            Requirement::Need {
                need,
                japanese_rule: true,
            } => format!("Japanese-speaker rule: {}", need.describe()),
            Requirement::Need { need, .. } => need.describe(),
            Requirement::TooManyLocked { .. } => "locks".to_owned(),
            Requirement::ProgrammeMinSizes { total } => format!("min sizes totalling {total}"),
            Requirement::ProgrammeNeed { need } => {
                format!(
                    "{} × {} across the teams",
                    need.at_least(),
                    need.describe_one()
                )
            }
            Requirement::LockNotAvailable { .. }
            | Requirement::LockExcluded { .. }
            | Requirement::LockConflict { .. } => "lock".to_owned(),
            Requirement::RuleFamily { family, .. } => family.english().to_owned(),
            Requirement::Combination => "combination".to_owned(),
        }
    }
}
