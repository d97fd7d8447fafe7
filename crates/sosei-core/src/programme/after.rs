//! What a programme leaves behind: deliverables, testimonials and references.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::bounded::bounded_text;
use crate::organisation::string_enum;
use crate::{
    DeliverableId, HostFamilyId, LanguageCode, LocalizedText, ProgrammeId, ReferenceId,
    TestimonialId, UserId,
};

string_enum!(
    /// What kind of thing a deliverable is.
    DeliverableKind {
        Leaflet = "leaflet",
        Report = "report",
        Video = "video",
        Review = "review",
        Translation = "translation",
    }
);

/// A planned deliverable, announced with the programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedDeliverable {
    pub kind: DeliverableKind,
    pub description: LocalizedText,
}

/// An `http://` or `https://` address of at most 2,000 characters, with a host and no spaces,
/// The scheme and host are NFKC-folded (`ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ` is a typed address); the
/// path is kept as written (`/報告書（案）.pdf` would break if its brackets were folded).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebLink(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a link starts with http:// or https:// and has no spaces")]
pub struct WebLinkError;

impl crate::UserFacingError for WebLinkError {
    fn message_id(&self) -> &'static str {
        "error-web-link"
    }
}

impl WebLink {
    pub const MAX_CHARS: usize = 2000;

    pub fn parse(raw: &str) -> Result<Self, WebLinkError> {
        let text = crate::text::fold_scheme_and_host(&crate::text::clean_text(raw, false));
        let lower = text.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .ok_or(WebLinkError)?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        if host.is_empty()
            || text.chars().any(char::is_whitespace)
            || text.chars().count() > Self::MAX_CHARS
        {
            return Err(WebLinkError);
        }
        Ok(WebLink(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for WebLink {
    type Error = WebLinkError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<WebLink> for String {
    fn from(link: WebLink) -> String {
        link.0
    }
}

/// Where a deliverable can be found: a link, a file uploaded to the site, or nowhere online (a
/// printed leaflet handed to the town, known from the records only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum DeliverableLocation {
    Link(WebLink),
    /// When adding a deliverable only the id counts; reading one gives the file's details.
    File(crate::file::StoredFile),
    Offline,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDeliverable {
    pub programme: ProgrammeId,
    pub title: LocalizedText,
    pub kind: DeliverableKind,
    /// The language the deliverable is written or spoken in.
    pub language: LanguageCode,
    pub location: DeliverableLocation,
    pub added_by: UserId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deliverable {
    pub id: DeliverableId,
    #[serde(flatten)]
    pub details: NewDeliverable,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// A participant's testimonial. Shown publicly only while `consent_to_publish` is true.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTestimonial {
    pub programme: ProgrammeId,
    pub author: UserId,
    pub text: LocalizedText,
    pub consent_to_publish: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Testimonial {
    pub id: TestimonialId,
    #[serde(flatten)]
    pub details: NewTestimonial,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

string_enum!(
    /// Who a reference is about.
    ReferenceDirection {
        HostAboutParticipant = "host_about_participant",
        ParticipantAboutHost = "participant_about_host",
    }
);

bounded_text!(
    /// The text of a reference: up to 1,000 characters, line breaks kept.
    ReferenceText,
    1000,
    true
);

/// A reference between a host family and a participant after a programme. `written_by` is the
/// account that entered it (the participant, or a coordinator on the host family's behalf).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReference {
    pub programme: ProgrammeId,
    pub host: HostFamilyId,
    pub participant: UserId,
    pub direction: ReferenceDirection,
    pub written_by: UserId,
    pub text: ReferenceText,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub id: ReferenceId,
    #[serde(flatten)]
    pub details: NewReference,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_need_a_scheme_and_a_host() {
        assert_eq!(
            WebLink::parse(" https://example.jp/leaflet.pdf ")
                .expect("a valid test value")
                .as_str(),
            "https://example.jp/leaflet.pdf"
        );
        assert!(
            WebLink::parse("ｈｔｔｐｓ://example.jp").is_ok(),
            "full width folded"
        );
        assert_eq!(
            WebLink::parse("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ/報告書（案）.pdf")
                .expect("a valid test value")
                .as_str(),
            "https://example.jp/報告書（案）.pdf"
        );
        for bad in [
            "",
            "example.jp",
            "ftp://example.jp",
            "https://",
            "https://a b",
            "javascript:alert(1)",
        ] {
            assert!(WebLink::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn kinds_and_directions_round_trip() {
        for kind in DeliverableKind::ALL {
            assert_eq!(DeliverableKind::parse(kind.as_str()), Some(*kind));
        }
        for direction in ReferenceDirection::ALL {
            assert_eq!(
                ReferenceDirection::parse(direction.as_str()),
                Some(*direction)
            );
        }
    }
}
