//! Ids are newtypes over the database's 64-bit keys, never bare integers across crates.

use serde::{Deserialize, Serialize};

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

define_id!(
    /// A registered account.
    UserId
);
define_id!(
    /// An organisation: municipality, NPO, company, university, cooperative or network.
    OrganisationId
);
define_id!(
    /// A stakeholder of a region (an organisation or a named person with a role there).
    StakeholderId
);
define_id!(
    /// A programme that brings a team to a region.
    ProgrammeId
);
define_id!(
    /// A deliberation (知恵ラボ conversation).
    ConversationId
);
define_id!(
    /// A statement posted in a conversation.
    StatementId
);
define_id!(
    /// Someone taking part in one conversation (signed in or anonymous).
    ParticipantId
);
define_id!(
    /// A sourced fact attached to a conversation or a statement.
    FactCardId
);
define_id!(
    /// A team within a programme.
    TeamId
);
define_id!(
    /// One person's application to one programme.
    ApplicationId
);
define_id!(
    /// A host family that offers beds to participants.
    HostFamilyId
);
define_id!(
    /// A participant placed with a host family for a programme.
    PlacementId
);
define_id!(
    /// One run of team formation over a set of programmes.
    MatchRoundId
);
define_id!(
    /// Something a programme produced (a leaflet, a report, a video…).
    DeliverableId
);
define_id!(
    /// A file uploaded to the site (kept in the database, so every app server has it).
    StoredFileId
);
define_id!(
    /// A participant's testimonial about a programme.
    TestimonialId
);
define_id!(
    /// A reference written between a host family and a participant.
    ReferenceId
);
define_id!(
    /// A message waiting in (or sent from) the outbox.
    OutboxMessageId
);
