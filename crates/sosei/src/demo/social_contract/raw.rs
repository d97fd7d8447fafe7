//! The shape of `demo/social_contract.toml`: raw strings and numbers, converted once into the
//! core types of the parent module.

use anyhow::{Context, bail};
use serde::Deserialize;
use sosei_core::application::{Motivation, ReviewScore};
use sosei_core::participant_profile::NewParticipantProfile;
use sosei_core::programme::after::{DeliverableKind, PlannedDeliverable, WebLink};
use sosei_core::{
    DateRange, DisplayName, EmailAddress, MunicipalityCode, OrganisationSlug, ProgrammeDetails,
    ProgrammeStatus,
};
use time::Date;

use super::{
    DEMO_EMAIL_DOMAIN, DemoApplicant, DemoApplication, DemoDeliverable, DemoProgrammeSetup,
    ProgrammeOrigin, affiliation, bio, country, day, japanese_rule, language_skill, parse_date,
    parse_diet, parse_language, parse_skill, participants_receive, seats, team, text,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    pub coordinator: RawCoordinator,
    pub programmes: Vec<RawProgramme>,
    pub host_families: Vec<RawHostFamily>,
    pub applicants: Vec<RawApplicant>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCoordinator {
    pub organisation: String,
    pub email: String,
    pub display_name: String,
}

/// A 2017 programme has `starts_on`/`ends_on` (it exists in demo.toml); an upcoming one has an
/// organisation, a title, a summary and dates counted from today.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProgramme {
    pub key: String,
    region: String,
    status: String,
    starts_on: Option<String>,
    ends_on: Option<String>,
    organisation: Option<String>,
    title_ja: Option<String>,
    title_en: Option<String>,
    summary_ja: Option<String>,
    summary_en: Option<String>,
    starts_in_days: Option<i64>,
    lasts_days: Option<i64>,
    applications_opened_days_ago: Option<i64>,
    applications_close_in_days: Option<i64>,
    theme_ja: String,
    theme_en: String,
    description_ja: String,
    description_en: String,
    accommodation_ja: String,
    accommodation_en: String,
    meals_ja: String,
    meals_en: String,
    other_ja: Option<String>,
    other_en: Option<String>,
    seats: Option<u16>,
    japanese_minimum_level: Option<String>,
    teams: Vec<RawTeam>,
    #[serde(default)]
    planned: Vec<RawPlanned>,
    #[serde(default)]
    deliverables: Vec<RawDeliverable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTeam {
    pub name_ja: String,
    pub name_en: String,
    pub min: u8,
    pub max: u8,
    pub max_per_nationality: Option<u8>,
    pub needs: Vec<RawNeed>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNeed {
    pub skill: Option<String>,
    pub language: Option<String>,
    pub level: Option<String>,
    pub at_least: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlanned {
    kind: String,
    description_ja: String,
    description_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeliverable {
    kind: String,
    language: String,
    title_ja: String,
    title_en: String,
    link: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHostFamily {
    pub name: String,
    pub region: String,
    pub beds: u8,
    pub languages: Vec<String>,
    pub diets: Vec<String>,
    pub hosts_for: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawApplicant {
    pub handle: String,
    name: String,
    nationalities: Vec<String>,
    languages: Vec<String>,
    skills: Vec<String>,
    affiliation: Option<String>,
    /// `[first day, last day]` counted from today.
    available: Vec<[i64; 2]>,
    #[serde(default)]
    diets: Vec<String>,
    bio: Option<String>,
    applications: Vec<RawApplication>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawApplication {
    programme: String,
    motivation: String,
    #[serde(default)]
    shortlisted: bool,
    score: Option<u8>,
}

fn kind(raw: &str) -> anyhow::Result<DeliverableKind> {
    DeliverableKind::parse(raw).with_context(|| format!("bad deliverable kind {raw:?}"))
}

fn range(starts_on: Date, ends_on: Date) -> anyhow::Result<DateRange> {
    Ok(DateRange::new(starts_on, ends_on)?)
}

impl RawProgramme {
    pub(super) fn parse(
        &self,
        today: Date,
        known_programmes: &[(MunicipalityCode, DateRange)],
    ) -> anyhow::Result<DemoProgrammeSetup> {
        let region = MunicipalityCode::parse(&self.region).context("bad region")?;
        let status = ProgrammeStatus::parse(&self.status)
            .with_context(|| format!("bad status {:?}", self.status))?;
        let (origin, dates, application_window) = match (&self.starts_on, &self.ends_on) {
            (Some(starts_on), Some(ends_on)) => {
                let dates = range(parse_date(starts_on)?, parse_date(ends_on)?)?;
                if !known_programmes.contains(&(region, dates)) {
                    bail!("demo.toml has no programme in {region} on these dates");
                }
                (ProgrammeOrigin::DemoToml, dates, None)
            }
            (None, None) => self.upcoming(today)?,
            _ => bail!("a programme has both starts_on and ends_on, or neither"),
        };
        let details = ProgrammeDetails {
            theme: text(&self.theme_ja, &self.theme_en),
            description: text(&self.description_ja, &self.description_en),
            application_window,
            seats: seats(self.seats)?,
            japanese_speaker_rule: japanese_rule(self.japanese_minimum_level.as_deref())?,
            participants_receive: participants_receive(
                (&self.accommodation_ja, &self.accommodation_en),
                (&self.meals_ja, &self.meals_en),
                (self.other_ja.as_deref(), self.other_en.as_deref()),
            ),
        };
        let mut deliverables = Vec::new();
        for deliverable in &self.deliverables {
            deliverables.push(DemoDeliverable {
                title: text(&deliverable.title_ja, &deliverable.title_en),
                kind: kind(&deliverable.kind)?,
                language: parse_language(&deliverable.language)?,
                link: deliverable
                    .link
                    .as_deref()
                    .map(WebLink::parse)
                    .transpose()
                    .context("bad deliverable link")?,
            });
        }
        if !deliverables.is_empty() && status != ProgrammeStatus::Completed {
            bail!("only a completed programme has deliverables");
        }
        Ok(DemoProgrammeSetup {
            key: self.key.clone(),
            origin,
            region,
            dates,
            status,
            details,
            teams: self.teams.iter().map(team).collect::<anyhow::Result<_>>()?,
            planned: self
                .planned
                .iter()
                .map(|planned| {
                    Ok(PlannedDeliverable {
                        kind: kind(&planned.kind)?,
                        description: text(&planned.description_ja, &planned.description_en),
                    })
                })
                .collect::<anyhow::Result<_>>()?,
            deliverables,
        })
    }

    /// An upcoming programme: its origin, its dates and its application window, from today.
    fn upcoming(
        &self,
        today: Date,
    ) -> anyhow::Result<(ProgrammeOrigin, DateRange, Option<DateRange>)> {
        let missing = |field: &str| format!("an upcoming programme needs {field}");
        let organisation = self
            .organisation
            .as_deref()
            .with_context(|| missing("organisation"))?;
        let title = (self.title_ja.as_deref(), self.title_en.as_deref());
        let summary = (self.summary_ja.as_deref(), self.summary_en.as_deref());
        let (Some(title_ja), Some(title_en), Some(summary_ja), Some(summary_en)) =
            (title.0, title.1, summary.0, summary.1)
        else {
            bail!(missing("a title and a summary in both languages"));
        };
        let starts_in = self
            .starts_in_days
            .with_context(|| missing("starts_in_days"))?;
        let lasts = self.lasts_days.with_context(|| missing("lasts_days"))?;
        let opened_ago = self
            .applications_opened_days_ago
            .with_context(|| missing("applications_opened_days_ago"))?;
        let close_in = self
            .applications_close_in_days
            .with_context(|| missing("applications_close_in_days"))?;
        if lasts < 1 || close_in >= starts_in || opened_ago < 0 || close_in < 0 {
            bail!(
                "an upcoming programme lasts a day or more and takes applications from today on until before it starts"
            );
        }
        let dates = range(day(today, starts_in), day(today, starts_in + lasts - 1))?;
        let window = range(day(today, -opened_ago), day(today, close_in))?;
        let origin = ProgrammeOrigin::New {
            organisation: OrganisationSlug::parse(organisation).context("bad organisation")?,
            title: text(title_ja, title_en),
            summary: text(summary_ja, summary_en),
        };
        Ok((origin, dates, Some(window)))
    }
}

impl RawApplicant {
    pub(super) fn parse(&self, today: Date) -> anyhow::Result<DemoApplicant> {
        let email = EmailAddress::parse(&format!("{}@{DEMO_EMAIL_DOMAIN}", self.handle))
            .map_err(|_| anyhow::anyhow!("bad handle {:?}", self.handle))?;
        let profile = NewParticipantProfile {
            display_name: DisplayName::parse(&self.name).context("bad name")?,
            nationalities: self
                .nationalities
                .iter()
                .map(|c| country(c))
                .collect::<anyhow::Result<_>>()?,
            languages: self
                .languages
                .iter()
                .map(|l| language_skill(l))
                .collect::<anyhow::Result<_>>()?,
            skills: self
                .skills
                .iter()
                .map(|s| parse_skill(s))
                .collect::<anyhow::Result<_>>()?,
            affiliation: affiliation(self.affiliation.as_deref())?,
            availability: self
                .available
                .iter()
                .map(|[first, last]| range(day(today, *first), day(today, *last)))
                .collect::<anyhow::Result<_>>()?,
            dietary_requirements: self
                .diets
                .iter()
                .map(|d| parse_diet(d))
                .collect::<anyhow::Result<_>>()?,
            dietary_notes: None,
            accessibility_needs: None,
            bio: bio(self.bio.as_deref())?,
        };
        if profile.clone().normalized() != profile {
            bail!("a nationality, language or skill is listed twice");
        }
        let mut applications = Vec::new();
        for application in &self.applications {
            applications.push(DemoApplication {
                programme: application.programme.clone(),
                motivation: Motivation::parse(&application.motivation).context("bad motivation")?,
                shortlisted: application.shortlisted,
                score: application
                    .score
                    .map(ReviewScore::new)
                    .transpose()
                    .context("bad score")?,
            });
        }
        if applications.is_empty() {
            bail!("a demo applicant applies to at least one programme");
        }
        Ok(DemoApplicant {
            email,
            profile,
            applications,
        })
    }
}
