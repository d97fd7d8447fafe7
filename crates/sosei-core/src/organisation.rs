//! Organisations and the roles people hold in them.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{LocalizedText, OrganisationId, UserId};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name used in the database, URLs, the API and Fluent ids.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                match raw.trim() { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;

string_enum!(
    /// What kind of body an organisation is.
    OrganisationKind {
        Municipality = "municipality",
        Npo = "npo",
        Company = "company",
        University = "university",
        Cooperative = "cooperative",
        Network = "network",
    }
);

string_enum!(
    /// A role a person holds in one organisation. Roles are independent: a person may hold several.
    Role {
        Admin = "admin",
        Coordinator = "coordinator",
        Facilitator = "facilitator",
        Expert = "expert",
        Member = "member",
    }
);

/// The URL name of an organisation: 2–60 of `a-z`, `0-9` and `-`, not starting or ending with `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrganisationSlug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("an organisation's short name uses 2 to 60 lower-case letters, digits and hyphens")]
pub struct OrganisationSlugError;

impl crate::UserFacingError for OrganisationSlugError {
    fn message_id(&self) -> &'static str {
        "error-organisation-slug"
    }
}

impl OrganisationSlug {
    pub fn parse(raw: &str) -> Result<Self, OrganisationSlugError> {
        let text = crate::text::normalize_text(raw, false)
            .map_err(|_| OrganisationSlugError)?
            .to_ascii_lowercase();
        let valid_chars = text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let length = text.len();
        if !valid_chars
            || !(2..=60).contains(&length)
            || text.starts_with('-')
            || text.ends_with('-')
        {
            return Err(OrganisationSlugError);
        }
        Ok(OrganisationSlug(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for OrganisationSlug {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for OrganisationSlug {
    type Error = OrganisationSlugError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<OrganisationSlug> for String {
    fn from(slug: OrganisationSlug) -> String {
        slug.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: OrganisationId,
    pub slug: OrganisationSlug,
    pub kind: OrganisationKind,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub website: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// An organisation to create or the new state of one to update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganisation {
    pub slug: OrganisationSlug,
    pub kind: OrganisationKind,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub website: Option<String>,
}

/// A person's role in an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub organisation_id: OrganisationId,
    pub user_id: UserId,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_and_bounded() {
        assert_eq!(
            OrganisationSlug::parse(" Sosei-Partners ")
                .unwrap()
                .as_str(),
            "sosei-partners"
        );
        assert!(OrganisationSlug::parse("a").is_err());
        assert!(OrganisationSlug::parse("-bad").is_err());
        assert!(OrganisationSlug::parse("空白").is_err());
        assert_eq!(
            OrganisationSlug::parse("ｊａｐａ").unwrap().as_str(),
            "japa"
        );
    }

    #[test]
    fn enums_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(*role));
        }
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(Role::parse("owner"), None);
    }
}
