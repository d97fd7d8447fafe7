//! Programmes that bring a team of outsiders to a region (the Social Contract step): the
//! programme itself and its status, its teams and their needs (`team`), match rounds and team
//! assignments (`matching`), and what it leaves behind (`after`).
//!
//! A programme's coordinators are the members of its organisation who hold one of
//! [`PROGRAMME_COORDINATOR_ROLES`]; there is no separate role system for programmes.

pub mod after;
pub mod matching;
pub mod team;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::organisation::string_enum;
use crate::{
    DateRange, LanguageLevel, LocalizedText, MunicipalityCode, OrganisationId, ProgrammeId, Role,
};

/// The organisation roles that make someone a coordinator of the organisation's programmes.
pub const PROGRAMME_COORDINATOR_ROLES: &[Role] = &[Role::Admin, Role::Coordinator];

string_enum!(
    /// The life of a programme: prepared, open for applications, applications closed (selection
    /// and matching), running (the team is in the town), completed.
    ProgrammeStatus {
        Draft = "draft",
        Open = "open",
        Closed = "closed",
        Running = "running",
        Completed = "completed",
    }
);

impl ProgrammeStatus {
    /// Where a programme may go from `self`. Closing can be undone (applications reopened)
    /// until the programme runs.
    pub fn allowed_transitions(self) -> &'static [ProgrammeStatus] {
        use ProgrammeStatus::*;
        match self {
            Draft => &[Open],
            Open => &[Closed],
            Closed => &[Open, Running],
            Running => &[Completed],
            Completed => &[],
        }
    }

    pub fn can_become(self, next: ProgrammeStatus) -> bool {
        self.allowed_transitions().contains(&next)
    }

    /// Whether the public sees the programme (everything but drafts).
    pub fn is_public(self) -> bool {
        self != ProgrammeStatus::Draft
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub id: ProgrammeId,
    pub organisation: OrganisationId,
    pub region: MunicipalityCode,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub starts_on: Date,
    pub ends_on: Date,
    /// Draft when created.
    pub status: ProgrammeStatus,
    /// The Social Contract details; defaults (all empty) until a coordinator fills them in.
    pub details: ProgrammeDetails,
}

impl Programme {
    /// The programme's dates as a range (`None` only if the stored dates are reversed).
    pub fn dates(&self) -> Option<DateRange> {
        DateRange::new(self.starts_on, self.ends_on).ok()
    }

    /// Whether someone may apply on `today`: the programme is open and `today` falls in the
    /// application window (when one is set).
    pub fn accepts_applications(&self, today: Date) -> bool {
        self.status == ProgrammeStatus::Open
            && self
                .details
                .application_window
                .is_none_or(|window| window.contains(today))
    }
}

/// A programme to create (as a draft).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProgramme {
    pub organisation: OrganisationId,
    pub region: MunicipalityCode,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub starts_on: Date,
    pub ends_on: Date,
}

/// What a coordinator sets beyond the title and dates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProgrammeDetails {
    pub theme: LocalizedText,
    pub description: LocalizedText,
    /// When applications are taken (both days included).
    pub application_window: Option<DateRange>,
    pub seats: Option<Seats>,
    /// Every team needs enough Japanese speakers (the towns work in Japanese).
    pub japanese_speaker_rule: Option<JapaneseSpeakerRule>,
    pub participants_receive: ParticipantsReceive,
}

/// What participants receive in return for their work.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParticipantsReceive {
    pub accommodation: LocalizedText,
    pub meals: LocalizedText,
    pub other: LocalizedText,
}

/// Each team needs at least `at_least_per_team` people who speak Japanese at `minimum_level` or
/// above (N2 unless the coordinator says otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JapaneseSpeakerRule {
    pub minimum_level: LanguageLevel,
    pub at_least_per_team: team::NeedCount,
}

impl Default for JapaneseSpeakerRule {
    fn default() -> Self {
        JapaneseSpeakerRule {
            minimum_level: LanguageLevel::N2,
            at_least_per_team: team::NeedCount::ONE,
        }
    }
}

/// How many participants a programme takes in all: 1 to 1,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct Seats(u16);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the number of seats is a whole number from 1 to {max}")]
pub struct SeatsError {
    pub max: u16,
}

impl crate::UserFacingError for SeatsError {
    fn message_id(&self) -> &'static str {
        "error-seats"
    }
}

impl Seats {
    pub const MAX: u16 = 1000;

    pub fn new(seats: u16) -> Result<Self, SeatsError> {
        if (1..=Self::MAX).contains(&seats) {
            Ok(Seats(seats))
        } else {
            Err(SeatsError { max: Self::MAX })
        }
    }

    /// Parse `12` or full-width `１２`.
    pub fn parse(raw: &str) -> Result<Self, SeatsError> {
        let error = || SeatsError { max: Self::MAX };
        let text = crate::text::normalize_text(raw, false).map_err(|_| error())?;
        Self::new(text.parse().map_err(|_| error())?)
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for Seats {
    type Error = SeatsError;
    fn try_from(value: u16) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Seats> for u16 {
    fn from(seats: Seats) -> u16 {
        seats.0
    }
}

#[cfg(test)]
mod tests;
