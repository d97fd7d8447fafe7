//! Match rounds and team assignments: a coordinator runs the matcher over a set of programmes,
//! looks at the proposed teams, locks or moves people by hand and runs it again around the locks.
//! The matcher itself lives in `sosei-matching`; its outcome is kept as opaque JSON.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::organisation::string_enum;
use crate::{ApplicationId, MatchRoundId, OrganisationId, ProgrammeId, TeamId, UserId};

/// How much the matcher's objective weighs each goal. Each weight is finite and between 0 and
/// 100; at least one is above zero. There is no `Default` here: the defaults are the matcher's
/// (`sosei_matching::Weights::default`), so the form, its hint and the engine agree.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawMatchWeights", into = "RawMatchWeights")]
pub struct MatchWeights {
    preference: f64,
    skill_fit: f64,
    diversity: f64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatchWeightsError {
    #[error("each weight is a number from 0 to 100")]
    OutOfRange,
    #[error("at least one weight must be above zero")]
    AllZero,
}

impl crate::UserFacingError for MatchWeightsError {
    fn message_id(&self) -> &'static str {
        match self {
            MatchWeightsError::OutOfRange => "error-match-weight-range",
            MatchWeightsError::AllZero => "error-match-weights-zero",
        }
    }
}

impl MatchWeights {
    pub const MAX: f64 = 100.0;

    pub fn new(preference: f64, skill_fit: f64, diversity: f64) -> Result<Self, MatchWeightsError> {
        let weights = [preference, skill_fit, diversity];
        if weights
            .iter()
            .any(|weight| !weight.is_finite() || *weight < 0.0 || *weight > Self::MAX)
        {
            return Err(MatchWeightsError::OutOfRange);
        }
        if weights.iter().all(|weight| *weight == 0.0) {
            return Err(MatchWeightsError::AllZero);
        }
        Ok(MatchWeights {
            preference,
            skill_fit,
            diversity,
        })
    }

    /// Parse three form fields (full-width digits accepted).
    pub fn parse(
        preference: &str,
        skill_fit: &str,
        diversity: &str,
    ) -> Result<Self, MatchWeightsError> {
        let number = |raw: &str| -> Result<f64, MatchWeightsError> {
            crate::text::normalize_text(raw, false)
                .map_err(|_| MatchWeightsError::OutOfRange)?
                .parse::<f64>()
                .map_err(|_| MatchWeightsError::OutOfRange)
        };
        Self::new(number(preference)?, number(skill_fit)?, number(diversity)?)
    }

    /// How much applicants getting the programmes they ranked high counts.
    pub fn preference(&self) -> f64 {
        self.preference
    }

    /// How much meeting the teams' skill and language needs well counts.
    pub fn skill_fit(&self) -> f64 {
        self.skill_fit
    }

    /// How much a mix of nationalities in each team counts.
    pub fn diversity(&self) -> f64 {
        self.diversity
    }
}

#[derive(Serialize, Deserialize)]
struct RawMatchWeights {
    preference: f64,
    skill_fit: f64,
    diversity: f64,
}

impl TryFrom<RawMatchWeights> for MatchWeights {
    type Error = MatchWeightsError;
    fn try_from(raw: RawMatchWeights) -> Result<Self, Self::Error> {
        MatchWeights::new(raw.preference, raw.skill_fit, raw.diversity)
    }
}

impl From<MatchWeights> for RawMatchWeights {
    fn from(weights: MatchWeights) -> Self {
        RawMatchWeights {
            preference: weights.preference,
            skill_fit: weights.skill_fit,
            diversity: weights.diversity,
        }
    }
}

/// A round to start: the organisation's programmes it covers and the weights.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMatchRound {
    pub organisation: OrganisationId,
    pub programmes: Vec<ProgrammeId>,
    pub created_by: UserId,
    pub weights: MatchWeights,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchRound {
    pub id: MatchRoundId,
    pub organisation: OrganisationId,
    /// By id.
    pub programmes: Vec<ProgrammeId>,
    pub created_by: UserId,
    pub weights: MatchWeights,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// The matcher's result as it wrote it (JSON), once it has run.
    pub outcome_json: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub outcome_recorded_at: Option<OffsetDateTime>,
}

string_enum!(
    /// Who put someone in a team.
    AssignmentSource {
        Coordinator = "coordinator",
        Matcher = "matcher",
    }
);

/// An application's current team. A locked assignment is kept as it is when the matcher runs
/// again; only a coordinator changes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamAssignment {
    pub application: ApplicationId,
    pub team: TeamId,
    pub locked: bool,
    pub source: AssignmentSource,
    /// The round whose matcher run proposed it (`None` when set by hand).
    pub match_round: Option<MatchRoundId>,
    /// The coordinator who set it by hand, or who started the round.
    pub set_by: UserId,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_finite_bounded_and_not_all_zero() {
        assert!(MatchWeights::new(1.0, 0.5, 2.0).is_ok());
        assert!(MatchWeights::new(0.0, 0.0, 1.0).is_ok());
        assert_eq!(
            MatchWeights::new(0.0, 0.0, 0.0),
            Err(MatchWeightsError::AllZero)
        );
        assert_eq!(
            MatchWeights::new(-1.0, 1.0, 1.0),
            Err(MatchWeightsError::OutOfRange)
        );
        assert_eq!(
            MatchWeights::new(f64::NAN, 1.0, 1.0),
            Err(MatchWeightsError::OutOfRange)
        );
        assert_eq!(
            MatchWeights::new(101.0, 1.0, 1.0),
            Err(MatchWeightsError::OutOfRange)
        );
    }

    #[test]
    fn weights_parse_full_width_numbers() {
        let weights = MatchWeights::parse("２", "1.5", " 0 ").expect("a valid test value");
        assert_eq!(weights.preference(), 2.0);
        assert_eq!(weights.skill_fit(), 1.5);
        assert_eq!(weights.diversity(), 0.0);
        assert!(MatchWeights::parse("a", "1", "1").is_err());
        assert!(
            serde_json::from_str::<MatchWeights>(r#"{"preference":0,"skill_fit":0,"diversity":0}"#)
                .is_err()
        );
    }

    #[test]
    fn assignment_sources_round_trip() {
        for source in AssignmentSource::ALL {
            assert_eq!(AssignmentSource::parse(source.as_str()), Some(*source));
        }
    }
}
