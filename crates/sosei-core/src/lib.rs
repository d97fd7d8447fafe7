//! Shared vocabulary of Sosei: ids, parsed values and the domain types that every capability uses.
//!
//! Everything here is pure: no I/O, no async. A value that has an invariant is a newtype with a
//! private field and a `parse` constructor, so code past the edge of the system never re-validates.

mod bounded;

pub mod account_mail;
pub mod application;
pub mod country;
pub mod date_range;
pub mod deliberation;
pub mod file;
pub mod host;
pub mod ids;
pub mod kana;
pub mod language;
pub mod legal;
pub mod locale;
pub mod municipality;
pub mod organisation;
pub mod outbox;
pub mod participant_profile;
pub mod programme;
pub mod random;
pub mod region;
pub mod routing;
pub mod search_query;
pub mod skill;
pub mod statement_translation;
pub mod text;
pub mod user;

pub use country::{CountryCode, CountryCodeError};
pub use date_range::{DateRange, DateRangeError};
pub use ids::{
    ApplicationId, ConversationId, DeliverableId, FactCardId, HostFamilyId, MatchRoundId,
    OrganisationId, OutboxMessageId, ParticipantId, PlacementId, ProgrammeId, ReferenceId,
    StakeholderId, StatementId, StoredFileId, TeamId, TestimonialId, UserId,
};
pub use language::{LanguageCode, LanguageCodeError, LanguageLevel, LanguageSkill};
pub use locale::{Locale, LocalizedText};
pub use municipality::{Municipality, MunicipalityCode, MunicipalityCodeError, MunicipalityKind};
pub use organisation::{
    Membership, NewOrganisation, Organisation, OrganisationKind, OrganisationSlug, Role,
};
pub use programme::{NewProgramme, Programme, ProgrammeDetails, ProgrammeStatus};
pub use region::{NewStakeholder, RegionGoal, RegionProfile, Stakeholder, StakeholderRole};
pub use search_query::{SearchQuery, SearchQueryError};
pub use skill::{Skill, SkillSlug};
pub use text::TextError;
pub use user::{DisplayName, EmailAddress, NewPassword, NewUser, User};

/// An error that a person can read: every parse error carries the Fluent message id that
/// explains it, so the web layer can show it in the reader's language.
pub trait UserFacingError: std::error::Error {
    /// The Fluent message id, e.g. `error-email-invalid`.
    fn message_id(&self) -> &'static str;
}
