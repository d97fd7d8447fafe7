//! The Social Contract part of the demo: the 2017 programmes in detail (teams and needs, what
//! participants receive, planned and delivered work, host families), upcoming rounds open for
//! applications, and fictional applicants with profiles and ranked applications, so the matcher
//! can be tried as soon as the demo starts.
//!
//! The content lives in `demo/social_contract.toml`; [`social_contract_data`] parses it into core
//! types once, resolving the upcoming programmes' dates against `today` (they are written as days
//! from the day the demo is loaded, so a fresh demo always has an open round).
//! [`load_social_contract`] writes it, idempotently (see `load.rs`).

use anyhow::{Context, bail};
use sosei_core::application::{Motivation, ReviewScore};
use sosei_core::host::{Beds, HostName};
use sosei_core::participant_profile::{Affiliation, Bio, DietaryRequirement};
use sosei_core::programme::after::{DeliverableKind, PlannedDeliverable, WebLink};
use sosei_core::programme::team::{NeedCount, NewTeam, TeamNeed, TeamSize};
use sosei_core::programme::{JapaneseSpeakerRule, ParticipantsReceive, Seats};
use sosei_core::skill::BUILT_IN_SKILLS;
use sosei_core::{
    CountryCode, DateRange, DisplayName, EmailAddress, LanguageCode, LanguageLevel, LanguageSkill,
    LocalizedText, MunicipalityCode, OrganisationSlug, ProgrammeDetails, ProgrammeStatus,
    SkillSlug,
};
use time::{Date, Duration};

mod load;
#[cfg(test)]
mod tests;

pub use load::{SocialContractSummary, load_social_contract};

const SOCIAL_CONTRACT_TOML: &str = include_str!("../../demo/social_contract.toml");

/// Every demo applicant's address ends with this domain (`.invalid` cannot exist, RFC 2606).
pub const DEMO_EMAIL_DOMAIN: &str = "demo.sosei.invalid";

/// The Social Contract demo content, parsed, checked and dated.
#[derive(Debug, Clone)]
pub struct SocialContractData {
    pub coordinator: DemoCoordinator,
    pub programmes: Vec<DemoProgrammeSetup>,
    pub host_families: Vec<DemoHostFamily>,
    pub applicants: Vec<DemoApplicant>,
}

/// The account that coordinates the demo programmes (`sosei demo` gives it a fresh password at
/// every start and prints it).
#[derive(Debug, Clone)]
pub struct DemoCoordinator {
    pub organisation: OrganisationSlug,
    pub email: EmailAddress,
    pub display_name: DisplayName,
}

/// Where a programme comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgrammeOrigin {
    /// One of the 2017 programmes that `demo.toml` creates (found by region and dates).
    DemoToml,
    /// An upcoming programme this file creates (found by organisation, region and title).
    New {
        organisation: OrganisationSlug,
        title: LocalizedText,
        summary: LocalizedText,
    },
}

/// A programme with everything the Social Contract adds to it.
#[derive(Debug, Clone)]
pub struct DemoProgrammeSetup {
    /// The name this file uses for it (`shimokawa-2017`, `tono-next`).
    pub key: String,
    pub origin: ProgrammeOrigin,
    pub region: MunicipalityCode,
    pub dates: DateRange,
    /// Where the loader takes it (along the allowed transitions from draft).
    pub status: ProgrammeStatus,
    pub details: ProgrammeDetails,
    pub teams: Vec<NewTeam>,
    pub planned: Vec<PlannedDeliverable>,
    pub deliverables: Vec<DemoDeliverable>,
}

/// Something a completed programme handed over. Without a link (the sources give none) it is
/// recorded as a file that was never uploaded (see `load.rs`).
#[derive(Debug, Clone)]
pub struct DemoDeliverable {
    pub title: LocalizedText,
    pub kind: DeliverableKind,
    pub language: LanguageCode,
    pub link: Option<WebLink>,
}

#[derive(Debug, Clone)]
pub struct DemoHostFamily {
    pub name: HostName,
    pub region: MunicipalityCode,
    pub beds: Beds,
    /// The dates of the programmes the family hosts for.
    pub available: Vec<DateRange>,
    pub languages: Vec<LanguageCode>,
    pub dietary_capabilities: Vec<DietaryRequirement>,
}

/// A fictional applicant: an account, a profile and applications in order of preference.
#[derive(Debug, Clone)]
pub struct DemoApplicant {
    pub email: EmailAddress,
    pub profile: sosei_core::participant_profile::NewParticipantProfile,
    pub applications: Vec<DemoApplication>,
}

#[derive(Debug, Clone)]
pub struct DemoApplication {
    /// The key of an upcoming programme.
    pub programme: String,
    pub motivation: Motivation,
    pub shortlisted: bool,
    pub score: Option<ReviewScore>,
}

mod raw;

/// Days from `today`, as a date.
fn day(today: Date, days: i64) -> Date {
    today + Duration::days(days)
}

fn text(ja: &str, en: &str) -> LocalizedText {
    LocalizedText::from_options(Some(ja.trim().to_owned()), Some(en.trim().to_owned()))
}

fn optional_text(ja: Option<&str>, en: Option<&str>) -> LocalizedText {
    LocalizedText::from_options(
        ja.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
        en.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
    )
}

fn parse_date(raw: &str) -> anyhow::Result<Date> {
    Date::parse(
        raw,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .with_context(|| format!("bad date {raw:?}"))
}

fn parse_language(raw: &str) -> anyhow::Result<LanguageCode> {
    LanguageCode::parse(raw).with_context(|| format!("bad language code {raw:?}"))
}

fn parse_level(raw: &str) -> anyhow::Result<LanguageLevel> {
    LanguageLevel::parse(raw).with_context(|| format!("bad language level {raw:?}"))
}

fn parse_diet(raw: &str) -> anyhow::Result<DietaryRequirement> {
    DietaryRequirement::parse(raw).with_context(|| format!("bad dietary requirement {raw:?}"))
}

/// A skill of the built-in taxonomy (the demo adds none of its own).
fn parse_skill(raw: &str) -> anyhow::Result<SkillSlug> {
    if !BUILT_IN_SKILLS.iter().any(|(slug, _, _)| *slug == raw) {
        bail!("{raw:?} is not a built-in skill");
    }
    SkillSlug::parse(raw).with_context(|| format!("bad skill {raw:?}"))
}

fn need_count(count: u8) -> anyhow::Result<NeedCount> {
    NeedCount::new(count).with_context(|| format!("bad number of people {count}"))
}

/// The demo coordinator, from `demo/social_contract.toml`.
pub fn demo_coordinator() -> anyhow::Result<DemoCoordinator> {
    let file: raw::RawFile = toml::from_str(SOCIAL_CONTRACT_TOML)
        .context("failed to parse demo/social_contract.toml")?;
    Ok(DemoCoordinator {
        organisation: OrganisationSlug::parse(&file.coordinator.organisation)
            .context("bad coordinator organisation")?,
        email: EmailAddress::parse(&file.coordinator.email)
            .map_err(|_| anyhow::anyhow!("bad coordinator e-mail address"))?,
        display_name: DisplayName::parse(&file.coordinator.display_name)
            .context("bad coordinator name")?,
    })
}

/// The name of the applicant with this e-mail address, `None` when no applicant has it.
pub fn demo_applicant_name(email: &EmailAddress) -> anyhow::Result<Option<DisplayName>> {
    let data = super::demo_data()?;
    let content = social_contract_data(
        time::OffsetDateTime::now_utc().date(),
        &known_programmes(&data),
    )?;
    Ok(content
        .applicants
        .into_iter()
        .find(|applicant| &applicant.email == email)
        .map(|applicant| applicant.profile.display_name))
}

/// The demo coordinator's e-mail address, from `demo/social_contract.toml`.
pub fn demo_coordinator_email() -> anyhow::Result<EmailAddress> {
    let file: raw::RawFile = toml::from_str(SOCIAL_CONTRACT_TOML)
        .context("failed to parse demo/social_contract.toml")?;
    EmailAddress::parse(&file.coordinator.email).context("bad coordinator e-mail")
}

/// Parse `demo/social_contract.toml`, dating upcoming programmes and availability from `today`,
/// and check it hangs together: every value parses, every key is unique and every programme,
/// host family and application names one that exists, each applicant ranks distinct programmes.
/// `known_programmes` are the region and dates of the programmes `demo.toml` creates.
pub fn social_contract_data(
    today: Date,
    known_programmes: &[(MunicipalityCode, DateRange)],
) -> anyhow::Result<SocialContractData> {
    let file: raw::RawFile = toml::from_str(SOCIAL_CONTRACT_TOML)
        .context("failed to parse demo/social_contract.toml")?;

    let coordinator = DemoCoordinator {
        organisation: OrganisationSlug::parse(&file.coordinator.organisation)
            .context("bad coordinator organisation")?,
        email: EmailAddress::parse(&file.coordinator.email)
            .map_err(|_| anyhow::anyhow!("bad coordinator e-mail address"))?,
        display_name: DisplayName::parse(&file.coordinator.display_name)
            .context("bad coordinator name")?,
    };

    let mut programmes: Vec<DemoProgrammeSetup> = Vec::new();
    for programme in &file.programmes {
        let setup = programme
            .parse(today, known_programmes)
            .with_context(|| format!("in programme {:?}", programme.key))?;
        if programmes.iter().any(|p| p.key == setup.key) {
            bail!("programme key {:?} is used twice", setup.key);
        }
        programmes.push(setup);
    }
    let dates_of = |key: &str| -> anyhow::Result<DateRange> {
        programmes
            .iter()
            .find(|p| p.key == key)
            .map(|p| p.dates)
            .with_context(|| format!("no programme has the key {key:?}"))
    };

    let mut host_families = Vec::new();
    for family in &file.host_families {
        let region = MunicipalityCode::parse(&family.region)
            .with_context(|| format!("bad region of host family {:?}", family.name))?;
        let mut available = Vec::new();
        for key in &family.hosts_for {
            let dates = dates_of(key)?;
            if programmes
                .iter()
                .any(|p| &p.key == key && p.region != region)
            {
                bail!(
                    "host family {:?} hosts for {key}, in another region",
                    family.name
                );
            }
            available.push(dates);
        }
        host_families.push(DemoHostFamily {
            name: HostName::parse(&family.name).context("bad host family name")?,
            region,
            beds: Beds::new(family.beds).context("bad number of beds")?,
            available,
            languages: family
                .languages
                .iter()
                .map(|l| parse_language(l))
                .collect::<anyhow::Result<_>>()?,
            dietary_capabilities: family
                .diets
                .iter()
                .map(|d| parse_diet(d))
                .collect::<anyhow::Result<_>>()?,
        });
    }

    let mut applicants: Vec<DemoApplicant> = Vec::new();
    for applicant in &file.applicants {
        let parsed = applicant
            .parse(today)
            .with_context(|| format!("in applicant {:?}", applicant.handle))?;
        if applicants.iter().any(|a| a.email == parsed.email) {
            bail!("applicant {:?} appears twice", applicant.handle);
        }
        let mut ranked: Vec<&str> = Vec::new();
        for application in &parsed.applications {
            let target = programmes
                .iter()
                .find(|p| p.key == application.programme)
                .with_context(|| format!("{} applies to an unknown programme", applicant.handle))?;
            if target.status != ProgrammeStatus::Open {
                bail!(
                    "{} applies to {}, which is not open",
                    applicant.handle,
                    target.key
                );
            }
            if ranked.contains(&application.programme.as_str()) {
                bail!("{} applies to {} twice", applicant.handle, target.key);
            }
            ranked.push(&application.programme);
        }
        applicants.push(parsed);
    }

    Ok(SocialContractData {
        coordinator,
        programmes,
        host_families,
        applicants,
    })
}

/// What every programme's participants receive, from the file's texts.
fn participants_receive(
    accommodation: (&str, &str),
    meals: (&str, &str),
    other: (Option<&str>, Option<&str>),
) -> ParticipantsReceive {
    ParticipantsReceive {
        accommodation: text(accommodation.0, accommodation.1),
        meals: text(meals.0, meals.1),
        other: optional_text(other.0, other.1),
    }
}

fn team(raw: &raw::RawTeam) -> anyhow::Result<NewTeam> {
    let size = TeamSize::new(need_count(raw.min)?, need_count(raw.max)?)?;
    let mut needs = Vec::new();
    for need in &raw.needs {
        let at_least = need_count(need.at_least)?;
        needs.push(match (&need.skill, &need.language, &need.level) {
            (Some(skill), None, None) => TeamNeed::Skill {
                skill: parse_skill(skill)?,
                at_least,
            },
            (None, Some(language), Some(level)) => TeamNeed::Language {
                language: parse_language(language)?,
                minimum_level: parse_level(level)?,
                at_least,
            },
            _ => bail!("a need names either a skill, or a language and a level"),
        });
    }
    let max_per_nationality = raw.max_per_nationality.map(need_count).transpose()?;
    Ok(NewTeam::new(
        text(&raw.name_ja, &raw.name_en),
        size,
        max_per_nationality,
        needs,
    )?)
}

fn japanese_rule(level: Option<&str>) -> anyhow::Result<Option<JapaneseSpeakerRule>> {
    level
        .map(|level| {
            Ok(JapaneseSpeakerRule {
                minimum_level: parse_level(level)?,
                at_least_per_team: NeedCount::ONE,
            })
        })
        .transpose()
}

fn seats(raw: Option<u16>) -> anyhow::Result<Option<Seats>> {
    raw.map(|seats| Seats::new(seats).context("bad number of seats"))
        .transpose()
}

fn optional_bounded<T>(
    raw: Option<&str>,
    parse: impl Fn(&str) -> Result<T, sosei_core::TextError>,
) -> anyhow::Result<Option<T>> {
    raw.map(|value| parse(value).with_context(|| format!("bad text {value:?}")))
        .transpose()
}

fn affiliation(raw: Option<&str>) -> anyhow::Result<Option<Affiliation>> {
    optional_bounded(raw, Affiliation::parse)
}

fn bio(raw: Option<&str>) -> anyhow::Result<Option<Bio>> {
    optional_bounded(raw, Bio::parse)
}

fn language_skill(raw: &str) -> anyhow::Result<LanguageSkill> {
    let (language, level) = raw
        .split_once(' ')
        .with_context(|| format!("a language is \"code level\", not {raw:?}"))?;
    Ok(LanguageSkill::new(
        parse_language(language)?,
        parse_level(level)?,
    )?)
}

fn country(raw: &str) -> anyhow::Result<CountryCode> {
    CountryCode::parse(raw).with_context(|| format!("bad country code {raw:?}"))
}

/// Parse the Social Contract demo against `data` (the programmes `demo.toml` created), dated
/// from `now`'s day, and load it.
pub async fn load_demo_social_contract(
    store: &sosei_store::Store,
    data: &super::DemoData,
    organisations: &[sosei_core::Organisation],
    now: time::OffsetDateTime,
) -> anyhow::Result<SocialContractSummary> {
    let content = social_contract_data(now.date(), &known_programmes(data))?;
    load_social_contract(store, &content, organisations, now).await
}

/// The region and dates of each programme `demo.toml` defines.
pub fn known_programmes(data: &super::DemoData) -> Vec<(MunicipalityCode, DateRange)> {
    data.programmes
        .iter()
        .filter_map(|p| Some((p.region, DateRange::new(p.starts_on, p.ends_on).ok()?)))
        .collect()
}
