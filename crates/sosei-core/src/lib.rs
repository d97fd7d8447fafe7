//! Shared vocabulary of Sosei: ids, parsed values and the domain types that every capability uses.
//!
//! Everything here is pure: no I/O, no async. A value that has an invariant is a newtype with a
//! private field and a `parse` constructor, so code past the edge of the system never re-validates.

pub mod deliberation;
pub mod ids;
pub mod kana;
pub mod locale;
pub mod municipality;
pub mod organisation;
pub mod programme;
pub mod random;
pub mod region;
pub mod routing;
pub mod text;
pub mod user;

pub use ids::{
    ConversationId, FactCardId, OrganisationId, ParticipantId, ProgrammeId, StakeholderId,
    StatementId, UserId,
};
pub use locale::{Locale, LocalizedText};
pub use municipality::{Municipality, MunicipalityCode, MunicipalityCodeError, MunicipalityKind};
pub use organisation::{
    Membership, NewOrganisation, Organisation, OrganisationKind, OrganisationSlug, Role,
};
pub use programme::{NewProgramme, Programme};
pub use region::{NewStakeholder, RegionGoal, RegionProfile, Stakeholder, StakeholderRole};
pub use text::TextError;
pub use user::{DisplayName, EmailAddress, NewPassword, NewUser, User};

/// An error that a person can read: every parse error carries the Fluent message id that
/// explains it, so the web layer can show it in the reader's language.
pub trait UserFacingError: std::error::Error {
    /// The Fluent message id, e.g. `error-email-invalid`.
    fn message_id(&self) -> &'static str;
}
