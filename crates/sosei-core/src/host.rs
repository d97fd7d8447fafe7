//! Host families: households of a region that take participants in, with their beds, the dates
//! they can host, the languages they speak and the diets they can cook for; and the placements of
//! participants with them.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::bounded::bounded_text;
use crate::participant_profile::DietaryRequirement;
use crate::{
    ApplicationId, DateRange, HostFamilyId, LanguageCode, MunicipalityCode, OrganisationId,
    PlacementId, ProgrammeId,
};

bounded_text!(
    /// A host family's name as the organisation knows it (e.g. `佐藤さん一家`): up to 80 characters.
    HostName,
    80,
    false
);

bounded_text!(
    /// How to reach a host family (phone, e-mail, address notes): up to 300 characters, line
    /// breaks kept. Seen by coordinators only.
    HostContact,
    300,
    true
);

/// How many participants a host family can sleep at once: 1 to 20.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Beds(u8);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the number of beds is a whole number from 1 to {max}")]
pub struct BedsError {
    pub max: u8,
}

impl crate::UserFacingError for BedsError {
    fn message_id(&self) -> &'static str {
        "error-beds"
    }
}

impl Beds {
    pub const MAX: u8 = 20;

    pub fn new(beds: u8) -> Result<Self, BedsError> {
        if (1..=Self::MAX).contains(&beds) {
            Ok(Beds(beds))
        } else {
            Err(BedsError { max: Self::MAX })
        }
    }

    /// Parse `2` or full-width `２`.
    pub fn parse(raw: &str) -> Result<Self, BedsError> {
        let error = || BedsError { max: Self::MAX };
        let text = crate::text::normalize_text(raw, false).map_err(|_| error())?;
        Self::new(text.parse().map_err(|_| error())?)
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Beds {
    type Error = BedsError;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Beds> for u8 {
    fn from(beds: Beds) -> u8 {
        beds.0
    }
}

/// A host family to create, or the new state of one to update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewHostFamily {
    pub organisation: OrganisationId,
    pub region: MunicipalityCode,
    pub name: HostName,
    pub contact: Option<HostContact>,
    pub beds: Beds,
    /// The dates the family can host; a placement must fit inside one of them.
    pub available: Vec<DateRange>,
    pub languages: Vec<LanguageCode>,
    /// The diets the family can cook for.
    pub dietary_capabilities: Vec<DietaryRequirement>,
}

impl NewHostFamily {
    /// Availability windows and diets sorted, repeats dropped (languages keep their order).
    pub fn normalized(mut self) -> Self {
        self.available.sort_unstable();
        self.available.dedup();
        let mut seen = Vec::new();
        self.languages.retain(|language| {
            let fresh = !seen.contains(language);
            seen.push(*language);
            fresh
        });
        self.dietary_capabilities.sort_unstable();
        self.dietary_capabilities.dedup();
        self
    }

    /// Whether the family can cook for someone with all of `requirements`.
    pub fn can_cater_for(&self, requirements: &[DietaryRequirement]) -> bool {
        requirements
            .iter()
            .all(|requirement| self.dietary_capabilities.contains(requirement))
    }

    /// Whether one of the family's windows covers all of `stay`.
    pub fn is_available_for(&self, stay: &DateRange) -> bool {
        self.available.iter().any(|window| window.covers(stay))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostFamily {
    pub id: HostFamilyId,
    #[serde(flatten)]
    pub details: NewHostFamily,
}

/// A participant (through their application) staying with a host family during a programme.
/// Beds are counted per day, both ends of the stay included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPlacement {
    pub programme: ProgrammeId,
    pub application: ApplicationId,
    pub host: HostFamilyId,
    pub stay: DateRange,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub id: PlacementId,
    #[serde(flatten)]
    pub details: NewPlacement,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// What came of an attempt to place someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlacementOutcome {
    Placed(Placement),
    /// Every bed is taken on at least one day of the stay.
    NoFreeBed,
    /// No availability window of the family covers the stay.
    HostUnavailable,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn family() -> NewHostFamily {
        NewHostFamily {
            organisation: OrganisationId(1),
            region: MunicipalityCode::parse("032085").expect("a valid test value"),
            name: HostName::parse("佐藤さん一家").expect("a valid test value"),
            contact: HostContact::parse_optional("").expect("a valid test value"),
            beds: Beds::new(2).expect("a valid test value"),
            available: vec![
                DateRange::new(date!(2017 - 09 - 01), date!(2017 - 09 - 15))
                    .expect("a valid test value"),
            ],
            languages: vec![LanguageCode::JAPANESE],
            dietary_capabilities: vec![DietaryRequirement::Vegetarian, DietaryRequirement::NoPork],
        }
    }

    #[test]
    fn beds_are_bounded_and_accept_full_width_digits() {
        assert_eq!(Beds::parse("２").expect("a valid test value").get(), 2);
        assert!(Beds::parse("0").is_err());
        assert!(Beds::parse("21").is_err());
        assert!(Beds::parse("two").is_err());
    }

    #[test]
    fn catering_needs_every_requirement() {
        let family = family();
        assert!(family.can_cater_for(&[]));
        assert!(family.can_cater_for(&[DietaryRequirement::NoPork]));
        assert!(!family.can_cater_for(&[DietaryRequirement::NoPork, DietaryRequirement::Halal]));
    }

    #[test]
    fn normalizing_sorts_sets_and_drops_repeats() {
        let mut family = family();
        family.dietary_capabilities = vec![
            DietaryRequirement::NoPork,
            DietaryRequirement::Vegetarian,
            DietaryRequirement::NoPork,
        ];
        family.languages = vec![
            LanguageCode::ENGLISH,
            LanguageCode::JAPANESE,
            LanguageCode::ENGLISH,
        ];
        let family = family.normalized();
        assert_eq!(
            family.dietary_capabilities,
            vec![DietaryRequirement::Vegetarian, DietaryRequirement::NoPork]
        );
        assert_eq!(
            family.languages,
            vec![LanguageCode::ENGLISH, LanguageCode::JAPANESE]
        );
    }

    #[test]
    fn availability_must_cover_the_stay() {
        let family = family();
        let tono = DateRange::new(date!(2017 - 09 - 06), date!(2017 - 09 - 09))
            .expect("a valid test value");
        let urahoro = DateRange::new(date!(2017 - 09 - 12), date!(2017 - 09 - 17))
            .expect("a valid test value");
        assert!(family.is_available_for(&tono));
        assert!(!family.is_available_for(&urahoro));
    }
}
