//! The profile form as typed (raw strings, rows of repeated controls) and its parsing, once,
//! into a `NewParticipantProfile` or the problems found field by field.

use sosei_core::participant_profile::{
    Affiliation, Bio, DietaryRequirement, NeedsText, NewParticipantProfile, ParticipantProfile,
};
use sosei_core::{
    CountryCode, DateRange, DisplayName, LanguageCode, LanguageLevel, LanguageSkill, Skill,
    SkillSlug, User,
};
use time::{Date, Month};

use super::form_body::FormBody;
use crate::forms::FormErrors;

/// The form fields of the nationality rows.
pub const NATIONALITY_FIELDS: [&str; 3] = ["nationality_1", "nationality_2", "nationality_3"];
/// The form fields of the language rows: (language, level).
pub const LANGUAGE_FIELDS: [(&str, &str); 6] = [
    ("language_1", "level_1"),
    ("language_2", "level_2"),
    ("language_3", "level_3"),
    ("language_4", "level_4"),
    ("language_5", "level_5"),
    ("language_6", "level_6"),
];
/// The form fields of the availability rows: (first day, last day).
pub const AVAILABILITY_FIELDS: [(&str, &str); 4] = [
    ("available_from_1", "available_until_1"),
    ("available_from_2", "available_until_2"),
    ("available_from_3", "available_until_3"),
    ("available_from_4", "available_until_4"),
];

/// The profile form as typed: raw strings, one per control.
#[derive(Debug, Clone, Default)]
pub struct ProfileForm {
    pub display_name: String,
    pub nationalities: Vec<String>,
    /// (language code, level) per row.
    pub languages: Vec<(String, String)>,
    pub skills: Vec<String>,
    pub affiliation: String,
    /// (first day, last day) per row.
    pub availability: Vec<(String, String)>,
    pub diets: Vec<String>,
    pub dietary_notes: String,
    pub accessibility_needs: String,
    pub bio: String,
    /// Where to go after saving (e.g. back to an application form).
    pub return_to: String,
}

impl ProfileForm {
    pub fn from_body(body: &FormBody) -> ProfileForm {
        ProfileForm {
            display_name: body.one("display_name"),
            nationalities: NATIONALITY_FIELDS.iter().map(|f| body.one(f)).collect(),
            languages: LANGUAGE_FIELDS
                .iter()
                .map(|(language, level)| (body.one(language), body.one(level)))
                .collect(),
            skills: body.all("skill"),
            affiliation: body.one("affiliation"),
            availability: AVAILABILITY_FIELDS
                .iter()
                .map(|(from, until)| (body.one(from), body.one(until)))
                .collect(),
            diets: body.all("diet"),
            dietary_notes: body.one("dietary_notes"),
            accessibility_needs: body.one("accessibility_needs"),
            bio: body.one("bio"),
            return_to: body.one("return_to"),
        }
    }

    /// The form filled from a saved profile.
    pub fn from_profile(profile: &ParticipantProfile) -> ProfileForm {
        let details = &profile.details;
        ProfileForm {
            display_name: details.display_name.as_str().to_owned(),
            nationalities: details
                .nationalities
                .iter()
                .map(|code| code.as_str().to_owned())
                .collect(),
            languages: details
                .languages
                .iter()
                .map(|skill| {
                    (
                        skill.language().as_str().to_owned(),
                        skill.level().as_str().to_owned(),
                    )
                })
                .collect(),
            skills: details
                .skills
                .iter()
                .map(|s| s.as_str().to_owned())
                .collect(),
            affiliation: optional_text(details.affiliation.as_ref().map(Affiliation::as_str)),
            availability: details
                .availability
                .iter()
                .map(|range| (range.starts_on().to_string(), range.ends_on().to_string()))
                .collect(),
            diets: details
                .dietary_requirements
                .iter()
                .map(|d| d.as_str().to_owned())
                .collect(),
            dietary_notes: optional_text(details.dietary_notes.as_ref().map(NeedsText::as_str)),
            accessibility_needs: optional_text(
                details.accessibility_needs.as_ref().map(NeedsText::as_str),
            ),
            bio: optional_text(details.bio.as_ref().map(Bio::as_str)),
            return_to: String::new(),
        }
    }

    /// An empty form for someone without a profile, their account name filled in.
    pub fn for_new_profile(user: &User) -> ProfileForm {
        ProfileForm {
            display_name: user.display_name.as_str().to_owned(),
            ..ProfileForm::default()
        }
    }

    /// Row `index` of a list, or empty.
    pub fn row<T: Default + Clone>(list: &[T], index: usize) -> T {
        list.get(index).cloned().unwrap_or_default()
    }
}

fn optional_text(text: Option<&str>) -> String {
    text.unwrap_or_default().to_owned()
}

/// A day typed as `2017-03-03`, `2017/3/3`, `2017年3月3日` or in full-width digits.
pub fn parse_day(raw: &str) -> Option<Date> {
    let text = sosei_core::text::normalize_text(raw, false).ok()?;
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .collect();
    let separators_ok = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日' | ' '));
    let [year, month, day] = numbers.as_slice() else {
        return None;
    };
    if !separators_ok || year.len() != 4 {
        return None;
    }
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// Check the form against the taxonomy `skills`: the profile, or every problem found.
pub fn parse_profile_form(
    form: &ProfileForm,
    skills: &[Skill],
) -> Result<NewParticipantProfile, FormErrors> {
    let mut errors = FormErrors::new();
    let display_name = errors.check_text("display_name", DisplayName::parse(&form.display_name));

    let mut nationalities = Vec::new();
    for (index, field) in NATIONALITY_FIELDS.iter().enumerate() {
        let raw = ProfileForm::row(&form.nationalities, index);
        if raw.trim().is_empty() {
            continue;
        }
        match CountryCode::parse(&raw) {
            Ok(code) if nationalities.contains(&code) => {
                errors.add(field, "programmes-error-nationality-repeated")
            }
            Ok(code) => nationalities.push(code),
            Err(_) => errors.add(field, "programmes-error-country"),
        }
    }
    if nationalities.is_empty() && errors.get(NATIONALITY_FIELDS[0]).is_none() {
        errors.add(
            NATIONALITY_FIELDS[0],
            "programmes-error-nationality-missing",
        );
    }

    let mut languages: Vec<LanguageSkill> = Vec::new();
    for (index, (language_field, level_field)) in LANGUAGE_FIELDS.iter().enumerate() {
        let (raw_language, raw_level) = ProfileForm::row(&form.languages, index);
        match (raw_language.trim().is_empty(), raw_level.trim().is_empty()) {
            (true, true) => continue,
            (false, true) => {
                errors.add(level_field, "programmes-error-level-missing");
                continue;
            }
            (true, false) => {
                errors.add(language_field, "programmes-error-language-missing");
                continue;
            }
            (false, false) => {}
        }
        let language = LanguageCode::parse(&raw_language)
            .map_err(|_| errors.add(language_field, "programmes-error-language"))
            .ok();
        let level = LanguageLevel::parse(&raw_level)
            .map_err(|_| errors.add(level_field, "programmes-error-level"))
            .ok();
        let (Some(language), Some(level)) = (language, level) else {
            continue;
        };
        if languages.iter().any(|known| known.language() == language) {
            errors.add(language_field, "programmes-error-language-repeated");
            continue;
        }
        match LanguageSkill::new(language, level) {
            Ok(skill) => languages.push(skill),
            Err(_) => errors.add(level_field, "programmes-error-level-jlpt"),
        }
    }

    let mut chosen_skills = Vec::new();
    for raw in &form.skills {
        match SkillSlug::parse(raw) {
            Ok(slug) if skills.iter().any(|skill| skill.slug == slug) => {
                if !chosen_skills.contains(&slug) {
                    chosen_skills.push(slug);
                }
            }
            _ => errors.add("skills", "programmes-error-skill"),
        }
    }

    let affiliation = errors.check_text(
        "affiliation",
        Affiliation::parse_optional(&form.affiliation),
    );

    let mut availability = Vec::new();
    for (index, (from_field, until_field)) in AVAILABILITY_FIELDS.iter().enumerate() {
        let (raw_from, raw_until) = ProfileForm::row(&form.availability, index);
        match (raw_from.trim().is_empty(), raw_until.trim().is_empty()) {
            (true, true) => continue,
            (true, false) => {
                errors.add(from_field, "programmes-error-day-missing");
                continue;
            }
            (false, true) => {
                errors.add(until_field, "programmes-error-day-missing");
                continue;
            }
            (false, false) => {}
        }
        let from = errors.require(from_field, parse_day(&raw_from), "programmes-error-day");
        let until = errors.require(until_field, parse_day(&raw_until), "programmes-error-day");
        if let (Some(from), Some(until)) = (from, until) {
            match DateRange::new(from, until) {
                Ok(range) => availability.push(range),
                Err(_) => errors.add(until_field, "programmes-error-range-reversed"),
            }
        }
    }

    let mut dietary_requirements = Vec::new();
    for raw in &form.diets {
        match DietaryRequirement::parse(raw.trim()) {
            Some(requirement) => dietary_requirements.push(requirement),
            None => errors.add("diets", "programmes-error-diet"),
        }
    }
    let dietary_notes = errors.check_text(
        "dietary_notes",
        NeedsText::parse_optional(&form.dietary_notes),
    );
    let accessibility_needs = errors.check_text(
        "accessibility_needs",
        NeedsText::parse_optional(&form.accessibility_needs),
    );
    let bio = errors.check_text("bio", Bio::parse_optional(&form.bio));

    match (
        display_name,
        affiliation,
        dietary_notes,
        accessibility_needs,
        bio,
    ) {
        (
            Some(display_name),
            Some(affiliation),
            Some(dietary_notes),
            Some(accessibility_needs),
            Some(bio),
        ) if errors.is_empty() => Ok(NewParticipantProfile {
            display_name,
            nationalities,
            languages,
            skills: chosen_skills,
            affiliation,
            availability,
            dietary_requirements,
            dietary_notes,
            accessibility_needs,
            bio,
        }
        .normalized()),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::Message;
    use time::macros::date;

    #[test]
    fn days_are_read_in_the_ways_people_write_them() {
        assert_eq!(parse_day("2017-03-03"), Some(date!(2017 - 03 - 03)));
        assert_eq!(parse_day("２０１７／３／１３"), Some(date!(2017 - 03 - 13)));
        assert_eq!(parse_day("2017年9月6日"), Some(date!(2017 - 09 - 06)));
        for bad in [
            "",
            "2017-02-30",
            "17-3-3",
            "tomorrow",
            "2017-03-03-01",
            "2017x03x03",
        ] {
            assert_eq!(parse_day(bad), None, "{bad:?}");
        }
    }

    fn form() -> ProfileForm {
        ProfileForm {
            display_name: "ノック".into(),
            nationalities: vec!["ＴＨ".into()],
            languages: vec![("th".into(), "native".into()), ("ja".into(), "Ｎ２".into())],
            availability: vec![("2030-09-01".into(), "2030/09/30".into())],
            ..ProfileForm::default()
        }
    }

    #[test]
    fn full_width_input_is_folded() {
        let profile = parse_profile_form(&form(), &[]).expect("a valid form");
        assert_eq!(profile.nationalities[0].as_str(), "TH");
        assert_eq!(profile.languages[1].level(), LanguageLevel::N2);
        assert_eq!(profile.availability[0].days(), 30);
    }

    #[test]
    fn jlpt_levels_are_for_japanese_only_and_rows_must_be_whole() {
        let mut bad = form();
        bad.languages = vec![("th".into(), "n2".into()), ("en".into(), String::new())];
        bad.availability = vec![("2030-09-30".into(), "2030-09-01".into())];
        bad.skills = vec!["mind-reading".into()];
        let errors = parse_profile_form(&bad, &[]).expect_err("problems");
        assert_eq!(
            errors.get("level_1").map(Message::id),
            Some("programmes-error-level-jlpt")
        );
        assert_eq!(
            errors.get("level_2").map(Message::id),
            Some("programmes-error-level-missing")
        );
        assert_eq!(
            errors.get("available_until_1").map(Message::id),
            Some("programmes-error-range-reversed")
        );
        assert_eq!(
            errors.get("skills").map(Message::id),
            Some("programmes-error-skill")
        );
        let mut stateless = form();
        stateless.nationalities.clear();
        let errors = parse_profile_form(&stateless, &[]).expect_err("problems");
        assert!(errors.get("nationality_1").is_some());
    }
}
