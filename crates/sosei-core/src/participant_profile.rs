//! A participant's profile: who they are, what they speak and can do, when they are free and
//! what they need. One per account.
//!
//! **Privacy.** A profile is visible only to the participant and to the coordinators of the
//! programmes they applied to (members of the programme's organisation holding one of
//! [`crate::programme::PROGRAMME_COORDINATOR_ROLES`]). The store answers this with
//! `Store::profile_visible_to(viewer, owner)`; the web layer checks it before showing a profile.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::bounded::bounded_text;
use crate::organisation::string_enum;
use crate::{CountryCode, DateRange, DisplayName, LanguageSkill, SkillSlug, UserId};

bounded_text!(
    /// A university, company or group someone belongs to: up to 100 characters.
    Affiliation,
    100,
    false
);

bounded_text!(
    /// A short introduction: up to 400 characters (about two paragraphs in Japanese), line
    /// breaks kept.
    Bio,
    400,
    true
);

bounded_text!(
    /// Needs written out in the person's own words (dietary details, accessibility): up to 500
    /// characters, line breaks kept.
    NeedsText,
    500,
    true
);

string_enum!(
    /// A dietary requirement a participant has, and that a host family can cater for.
    DietaryRequirement {
        Vegetarian = "vegetarian",
        Vegan = "vegan",
        Pescatarian = "pescatarian",
        Halal = "halal",
        Kosher = "kosher",
        NoPork = "no_pork",
        NoBeef = "no_beef",
        NoAlcohol = "no_alcohol",
        GlutenFree = "gluten_free",
        LactoseFree = "lactose_free",
        NutAllergy = "nut_allergy",
        SeafoodAllergy = "seafood_allergy",
        EggAllergy = "egg_allergy",
    }
);

/// A participant's profile as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantProfile {
    pub user: UserId,
    #[serde(flatten)]
    pub details: NewParticipantProfile,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// What a participant fills in (creating or replacing their profile). Lists are kept in the
/// order given, without duplicates (see [`NewParticipantProfile::normalized`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewParticipantProfile {
    pub display_name: DisplayName,
    pub nationalities: Vec<CountryCode>,
    /// At most one entry per language.
    pub languages: Vec<LanguageSkill>,
    pub skills: Vec<SkillSlug>,
    pub affiliation: Option<Affiliation>,
    pub availability: Vec<DateRange>,
    pub dietary_requirements: Vec<DietaryRequirement>,
    pub dietary_notes: Option<NeedsText>,
    pub accessibility_needs: Option<NeedsText>,
    pub bio: Option<Bio>,
}

impl NewParticipantProfile {
    /// Drop repeated entries, keeping the first of each (for languages: the first level given
    /// for a language); availability windows and dietary requirements (a set) are sorted.
    pub fn normalized(mut self) -> Self {
        fn keep_first<T, K: PartialEq>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
            let mut seen: Vec<K> = Vec::new();
            items.retain(|item| {
                let item_key = key(item);
                if seen.contains(&item_key) {
                    false
                } else {
                    seen.push(item_key);
                    true
                }
            });
        }
        keep_first(&mut self.nationalities, |code| *code);
        keep_first(&mut self.languages, |skill| skill.language());
        keep_first(&mut self.skills, |slug| slug.clone());
        self.dietary_requirements.sort_unstable();
        self.dietary_requirements.dedup();
        self.availability.sort();
        self.availability.dedup();
        self
    }

    /// Whether one of the availability windows covers all of `range`.
    pub fn is_available_for(&self, range: &DateRange) -> bool {
        self.availability.iter().any(|window| window.covers(range))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LanguageCode, LanguageLevel, TextError};
    use time::macros::date;

    fn profile() -> NewParticipantProfile {
        NewParticipantProfile {
            display_name: DisplayName::parse("Nok").expect("a valid test value"),
            nationalities: vec![
                CountryCode::parse("TH").expect("a valid test value"),
                CountryCode::parse("th").expect("a valid test value"),
            ],
            languages: vec![
                LanguageSkill::new(
                    LanguageCode::parse("th").expect("a valid test value"),
                    LanguageLevel::Native,
                )
                .expect("a valid test value"),
                LanguageSkill::new(LanguageCode::JAPANESE, LanguageLevel::N2)
                    .expect("a valid test value"),
                LanguageSkill::new(LanguageCode::JAPANESE, LanguageLevel::N1)
                    .expect("a valid test value"),
            ],
            skills: vec![SkillSlug::parse("thai-translation").expect("a valid test value")],
            affiliation: Affiliation::parse_optional("").expect("a valid test value"),
            availability: vec![
                DateRange::new(date!(2017 - 09 - 01), date!(2017 - 09 - 30))
                    .expect("a valid test value"),
                DateRange::new(date!(2017 - 03 - 01), date!(2017 - 03 - 31))
                    .expect("a valid test value"),
            ],
            dietary_requirements: vec![DietaryRequirement::Halal, DietaryRequirement::Halal],
            dietary_notes: None,
            accessibility_needs: None,
            bio: Some(Bio::parse("ｺﾝﾆﾁﾊ、タイから来ました。").expect("a valid test value")),
        }
    }

    #[test]
    fn normalizing_drops_repeats_and_sorts_windows() {
        let profile = profile().normalized();
        assert_eq!(profile.nationalities.len(), 1);
        assert_eq!(profile.languages.len(), 2);
        assert_eq!(
            profile.languages[1].level(),
            LanguageLevel::N2,
            "first kept"
        );
        assert_eq!(
            profile.dietary_requirements,
            vec![DietaryRequirement::Halal]
        );
        assert_eq!(profile.availability[0].starts_on(), date!(2017 - 03 - 01));
        assert_eq!(
            profile.bio.as_ref().map(Bio::as_str),
            Some("ｺﾝﾆﾁﾊ、タイから来ました。"),
            "kept as typed, half-width katakana included"
        );
    }

    #[test]
    fn availability_must_cover_the_whole_stay() {
        let profile = profile();
        let tono = DateRange::new(date!(2017 - 09 - 06), date!(2017 - 09 - 09))
            .expect("a valid test value");
        let across = DateRange::new(date!(2017 - 03 - 30), date!(2017 - 04 - 02))
            .expect("a valid test value");
        assert!(profile.is_available_for(&tono));
        assert!(!profile.is_available_for(&across));
    }

    #[test]
    fn texts_are_bounded_in_characters() {
        assert!(Bio::parse(&"あ".repeat(400)).is_ok());
        assert_eq!(
            Bio::parse(&"あ".repeat(401)),
            Err(TextError::TooLong {
                max: 400,
                actual: 401
            })
        );
        assert_eq!(
            Bio::parse("一行目\r\n二行目")
                .expect("a valid test value")
                .as_str(),
            "一行目\n二行目"
        );
        // A line break pasted into a one-line field becomes a space.
        assert_eq!(
            Affiliation::parse("a\nb")
                .expect("a valid test value")
                .as_str(),
            "a b"
        );
        assert_eq!(
            NeedsText::parse_optional("  ").expect("a valid test value"),
            None
        );
        assert_eq!(
            Affiliation::parse("ＡＰＵ 立命館アジア太平洋大学")
                .expect("a valid test value")
                .as_str(),
            "ＡＰＵ 立命館アジア太平洋大学"
        );
    }

    #[test]
    fn dietary_requirements_round_trip() {
        for requirement in DietaryRequirement::ALL {
            assert_eq!(
                DietaryRequirement::parse(requirement.as_str()),
                Some(*requirement)
            );
        }
        assert_eq!(DietaryRequirement::parse("carnivore"), None);
    }
}
