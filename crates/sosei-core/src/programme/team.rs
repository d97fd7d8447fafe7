//! A programme's teams and what each team needs (skills, languages, a mix of nationalities).

use serde::{Deserialize, Serialize};

use crate::{LanguageCode, LanguageLevel, LocalizedText, ProgrammeId, SkillSlug, TeamId};

/// How many people a need asks for (or a nationality cap allows): 1 to 50.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct NeedCount(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the number of people is a whole number from 1 to {max}")]
pub struct NeedCountError {
    pub max: u8,
}

impl crate::UserFacingError for NeedCountError {
    fn message_id(&self) -> &'static str {
        "error-need-count"
    }
}

impl NeedCount {
    pub const MAX: u8 = 50;
    pub const ONE: NeedCount = NeedCount(1);

    pub fn new(count: u8) -> Result<Self, NeedCountError> {
        if (1..=Self::MAX).contains(&count) {
            Ok(NeedCount(count))
        } else {
            Err(NeedCountError { max: Self::MAX })
        }
    }

    /// Parse `2` or full-width `２`.
    pub fn parse(raw: &str) -> Result<Self, NeedCountError> {
        let error = || NeedCountError { max: Self::MAX };
        let text = crate::text::normalize_text(raw, false).map_err(|_| error())?;
        Self::new(text.parse().map_err(|_| error())?)
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for NeedCount {
    type Error = NeedCountError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<NeedCount> for u8 {
    fn from(count: NeedCount) -> u8 {
        count.0
    }
}

/// The smallest and largest size of a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawTeamSize", into = "RawTeamSize")]
pub struct TeamSize {
    min: NeedCount,
    max: NeedCount,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TeamError {
    #[error("a team's smallest size ({min}) is above its largest ({max})")]
    SizeReversed { min: u8, max: u8 },
    #[error("a need asks for {asked} people but the team has at most {max}")]
    NeedLargerThanTeam { asked: u8, max: u8 },
    #[error("a team needs a name")]
    MissingName,
}

impl crate::UserFacingError for TeamError {
    fn message_id(&self) -> &'static str {
        match self {
            TeamError::SizeReversed { .. } => "error-team-size-reversed",
            TeamError::NeedLargerThanTeam { .. } => "error-team-need-too-large",
            TeamError::MissingName => "error-team-name-missing",
        }
    }
}

impl TeamSize {
    pub fn new(min: NeedCount, max: NeedCount) -> Result<Self, TeamError> {
        if min > max {
            return Err(TeamError::SizeReversed {
                min: min.get(),
                max: max.get(),
            });
        }
        Ok(TeamSize { min, max })
    }

    pub fn min(&self) -> u8 {
        self.min.get()
    }

    pub fn max(&self) -> u8 {
        self.max.get()
    }
}

#[derive(Serialize, Deserialize)]
struct RawTeamSize {
    min: NeedCount,
    max: NeedCount,
}

impl TryFrom<RawTeamSize> for TeamSize {
    type Error = TeamError;
    fn try_from(raw: RawTeamSize) -> Result<Self, Self::Error> {
        TeamSize::new(raw.min, raw.max)
    }
}

impl From<TeamSize> for RawTeamSize {
    fn from(size: TeamSize) -> Self {
        RawTeamSize {
            min: size.min,
            max: size.max,
        }
    }
}

/// Something a team must have among its members.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TeamNeed {
    /// At least `at_least` people with `skill` (e.g. two designers).
    Skill {
        skill: SkillSlug,
        at_least: NeedCount,
    },
    /// At least `at_least` people who speak `language` at `minimum_level` or above (e.g. one
    /// Thai speaker at B1 or above).
    Language {
        language: LanguageCode,
        minimum_level: LanguageLevel,
        at_least: NeedCount,
    },
}

impl TeamNeed {
    pub fn at_least(&self) -> NeedCount {
        match self {
            TeamNeed::Skill { at_least, .. } | TeamNeed::Language { at_least, .. } => *at_least,
        }
    }
}

/// A team to add to a programme, or the new state of one. Built only by [`NewTeam::new`], which
/// checks it (so it is serialised but not deserialised).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewTeam {
    name: LocalizedText,
    size: TeamSize,
    max_per_nationality: Option<NeedCount>,
    needs: Vec<TeamNeed>,
}

impl NewTeam {
    /// Checks that the team has a name in at least one language and that no need asks for more
    /// people than the team can have. Repeated needs are dropped.
    pub fn new(
        name: LocalizedText,
        size: TeamSize,
        max_per_nationality: Option<NeedCount>,
        mut needs: Vec<TeamNeed>,
    ) -> Result<Self, TeamError> {
        if name.is_empty() {
            return Err(TeamError::MissingName);
        }
        if let Some(need) = needs.iter().find(|need| need.at_least().get() > size.max()) {
            return Err(TeamError::NeedLargerThanTeam {
                asked: need.at_least().get(),
                max: size.max(),
            });
        }
        let mut seen = Vec::new();
        needs.retain(|need| {
            let fresh = !seen.contains(need);
            seen.push(need.clone());
            fresh
        });
        Ok(NewTeam {
            name,
            size,
            max_per_nationality,
            needs,
        })
    }

    pub fn name(&self) -> &LocalizedText {
        &self.name
    }

    pub fn size(&self) -> TeamSize {
        self.size
    }

    /// At most this many members of one nationality (`None`: no cap).
    pub fn max_per_nationality(&self) -> Option<NeedCount> {
        self.max_per_nationality
    }

    pub fn needs(&self) -> &[TeamNeed] {
        &self.needs
    }
}

/// A team of a programme, in the programme's display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Team {
    pub id: TeamId,
    pub programme: ProgrammeId,
    pub position: i64,
    #[serde(flatten)]
    pub spec: NewTeam,
}
