//! Applications: a person applies to several programmes, ranks them, and each application moves
//! through its statuses as coordinators review and offer and the applicant answers.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::bounded::bounded_text;
use crate::organisation::string_enum;
use crate::{ApplicationId, ProgrammeId, UserId};

string_enum!(
    /// Where an application stands.
    ///
    /// ```text
    /// submitted ─▶ shortlisted ─▶ offered ─▶ accepted ─▶ completed
    ///     │  ◀────────┘             │            └──────▶ no_show
    ///     └─────────────────────────┤
    ///                               └──▶ declined
    /// any non-final state ──▶ withdrawn (by the applicant)
    /// ```
    ApplicationStatus {
        Submitted = "submitted",
        Shortlisted = "shortlisted",
        Offered = "offered",
        Accepted = "accepted",
        Declined = "declined",
        Completed = "completed",
        NoShow = "no_show",
        Withdrawn = "withdrawn",
    }
);

/// Who may make a status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationActor {
    /// The person who applied.
    Applicant,
    /// A coordinator of the programme (see `programme::PROGRAMME_COORDINATOR_ROLES`).
    Coordinator,
}

impl ApplicationStatus {
    /// Declined, completed, no-show and withdrawn: nothing follows them.
    pub fn is_final(self) -> bool {
        use ApplicationStatus::*;
        matches!(self, Declined | Completed | NoShow | Withdrawn)
    }

    /// Still in the running: counts for the applicant's ranking (ranks are unique among these).
    pub fn is_active(self) -> bool {
        !self.is_final()
    }

    /// The statuses an application may move to from `self`, with who may move it.
    pub fn allowed_transitions(self) -> &'static [(ApplicationStatus, ApplicationActor)] {
        use ApplicationActor::*;
        use ApplicationStatus::*;
        match self {
            Submitted => &[
                (Shortlisted, Coordinator),
                (Offered, Coordinator),
                (Withdrawn, Applicant),
            ],
            // Un-shortlisting goes back to submitted.
            Shortlisted => &[
                (Submitted, Coordinator),
                (Offered, Coordinator),
                (Withdrawn, Applicant),
            ],
            Offered => &[
                (Accepted, Applicant),
                (Declined, Applicant),
                (Withdrawn, Applicant),
            ],
            Accepted => &[
                (Completed, Coordinator),
                (NoShow, Coordinator),
                (Withdrawn, Applicant),
            ],
            Declined | Completed | NoShow | Withdrawn => &[],
        }
    }

    /// Who may move an application from `self` to `next`; `None` when the move is not allowed.
    pub fn actor_for(self, next: ApplicationStatus) -> Option<ApplicationActor> {
        self.allowed_transitions()
            .iter()
            .find(|(status, _)| *status == next)
            .map(|(_, actor)| *actor)
    }

    pub fn can_become(self, next: ApplicationStatus) -> bool {
        self.actor_for(next).is_some()
    }
}

/// An applicant's preference for a programme: 1 is their first choice. Unique per person among
/// their active applications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct PreferenceRank(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a preference rank is a whole number from 1 to {max}")]
pub struct PreferenceRankError {
    pub max: u8,
}

impl crate::UserFacingError for PreferenceRankError {
    fn message_id(&self) -> &'static str {
        "error-preference-rank"
    }
}

impl PreferenceRank {
    pub const MAX: u8 = 20;

    pub fn new(rank: u8) -> Result<Self, PreferenceRankError> {
        if (1..=Self::MAX).contains(&rank) {
            Ok(PreferenceRank(rank))
        } else {
            Err(PreferenceRankError { max: Self::MAX })
        }
    }

    /// Parse `1`, ` 2 ` or full-width `３`.
    pub fn parse(raw: &str) -> Result<Self, PreferenceRankError> {
        let text = crate::text::normalize_text(raw, false)
            .map_err(|_| PreferenceRankError { max: Self::MAX })?;
        let rank: u8 = text
            .parse()
            .map_err(|_| PreferenceRankError { max: Self::MAX })?;
        Self::new(rank)
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for PreferenceRank {
    type Error = PreferenceRankError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<PreferenceRank> for u8 {
    fn from(rank: PreferenceRank) -> u8 {
        rank.0
    }
}

/// A coordinator's score for an application on a five-point rubric (1 weak … 5 excellent).
/// Five points rather than 0–100: reviewers agree more on a short scale, and finer numbers
/// would suggest a precision that reading a motivation letter does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct ReviewScore(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a review score is a whole number from 1 to 5")]
pub struct ReviewScoreError;

impl crate::UserFacingError for ReviewScoreError {
    fn message_id(&self) -> &'static str {
        "error-review-score"
    }
}

impl ReviewScore {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(score: u8) -> Result<Self, ReviewScoreError> {
        if (Self::MIN..=Self::MAX).contains(&score) {
            Ok(ReviewScore(score))
        } else {
            Err(ReviewScoreError)
        }
    }

    /// Parse `4` or full-width `４`.
    pub fn parse(raw: &str) -> Result<Self, ReviewScoreError> {
        let text = crate::text::normalize_text(raw, false).map_err(|_| ReviewScoreError)?;
        Self::new(text.parse().map_err(|_| ReviewScoreError)?)
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for ReviewScore {
    type Error = ReviewScoreError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<ReviewScore> for u8 {
    fn from(score: ReviewScore) -> u8 {
        score.0
    }
}

bounded_text!(
    /// Why someone applies: up to 2,000 characters, line breaks kept.
    Motivation,
    2000,
    true
);

bounded_text!(
    /// A coordinator's private notes on an application: up to 2,000 characters.
    ReviewNotes,
    2000,
    true
);

/// An application to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub programme: ProgrammeId,
    pub applicant: UserId,
    pub rank: PreferenceRank,
    pub motivation: Motivation,
}

/// A coordinator's review (never shown to the applicant).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ApplicationReview {
    pub notes: Option<ReviewNotes>,
    pub score: Option<ReviewScore>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub id: ApplicationId,
    pub programme: ProgrammeId,
    pub applicant: UserId,
    pub rank: PreferenceRank,
    pub motivation: Motivation,
    pub status: ApplicationStatus,
    #[serde(skip_serializing)]
    pub review: ApplicationReview,
    #[serde(with = "time::serde::rfc3339")]
    pub submitted_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub status_changed_at: OffsetDateTime,
}

/// One status change, for the application's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationHistoryEntry {
    pub application: ApplicationId,
    /// `None` for the first entry (the application was submitted).
    pub from: Option<ApplicationStatus>,
    pub to: ApplicationStatus,
    pub by: UserId,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationActor::*;
    use ApplicationStatus::*;

    #[test]
    fn the_happy_path_is_allowed_with_the_right_actors() {
        assert_eq!(Submitted.actor_for(Shortlisted), Some(Coordinator));
        assert_eq!(Shortlisted.actor_for(Offered), Some(Coordinator));
        assert_eq!(Offered.actor_for(Accepted), Some(Applicant));
        assert_eq!(Offered.actor_for(Declined), Some(Applicant));
        assert_eq!(Accepted.actor_for(Completed), Some(Coordinator));
        assert_eq!(Accepted.actor_for(NoShow), Some(Coordinator));
    }

    #[test]
    fn the_applicant_may_withdraw_from_every_non_final_state_only() {
        for status in ApplicationStatus::ALL {
            let expected = if status.is_final() {
                None
            } else {
                Some(Applicant)
            };
            assert_eq!(status.actor_for(Withdrawn), expected, "{status}");
        }
    }

    #[test]
    fn final_states_lead_nowhere_and_shortcuts_are_refused() {
        for status in [Declined, Completed, NoShow, Withdrawn] {
            assert!(status.allowed_transitions().is_empty());
            assert!(!status.is_active());
        }
        assert!(!Submitted.can_become(Accepted));
        assert!(!Submitted.can_become(Completed));
        assert!(!Offered.can_become(Shortlisted));
        assert!(!Accepted.can_become(Declined));
        assert!(!Submitted.can_become(Submitted));
        assert!(
            Shortlisted.can_become(Submitted),
            "a shortlist can be undone"
        );
    }

    #[test]
    fn every_listed_transition_is_reachable_from_submitted() {
        let mut reached = vec![Submitted];
        let mut frontier = vec![Submitted];
        while let Some(status) = frontier.pop() {
            for (next, _) in status.allowed_transitions() {
                if !reached.contains(next) {
                    reached.push(*next);
                    frontier.push(*next);
                }
            }
        }
        assert_eq!(reached.len(), ApplicationStatus::ALL.len());
    }

    #[test]
    fn ranks_and_scores_are_bounded_and_accept_full_width_digits() {
        assert_eq!(
            PreferenceRank::parse("３")
                .expect("a valid test value")
                .get(),
            3
        );
        assert!(PreferenceRank::parse("0").is_err());
        assert!(PreferenceRank::parse("21").is_err());
        assert!(PreferenceRank::parse("一").is_err());
        assert_eq!(
            ReviewScore::parse(" ４ ")
                .expect("a valid test value")
                .get(),
            4
        );
        assert!(ReviewScore::parse("6").is_err());
        assert!(ReviewScore::parse("0").is_err());
        assert!(ReviewScore::new(5).is_ok());
        assert!(serde_json::from_str::<ReviewScore>("9").is_err());
    }

    #[test]
    fn motivations_are_bounded() {
        assert!(Motivation::parse(&"熱".repeat(2000)).is_ok());
        assert!(Motivation::parse(&"熱".repeat(2001)).is_err());
        assert!(Motivation::parse("   ").is_err());
    }
}
