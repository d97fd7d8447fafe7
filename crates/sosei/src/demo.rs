//! Demo data drawn from the founding documents: the organisations behind Sosei Partners, the six
//! towns of the 2017 programmes and Oiso, their visions, goals and stakeholders, and the 2017
//! programmes themselves, and a sample deliberation (知恵ラボ) for Oiso with synthetic votes, in
//! Japanese and English. One account per role ([`accounts`]) lets whoever starts the demo try
//! every part.
//! The Social Contract part (teams, host families, open rounds and fictional applicants) is in
//! [`social_contract`], from `demo/social_contract.toml`.
//!
//! The content lives in `demo/demo.toml` (readable and reviewable as text), compiled into the
//! binary and parsed into domain types once by [`demo_data`]. [`load_demo_data`] is idempotent:
//! it looks for each record before creating it, so running it again creates nothing and never
//! overwrites what people have edited since.

use anyhow::{Context, bail};
use serde::Deserialize;
use sosei_core::{
    LocalizedText, MunicipalityCode, NewOrganisation, NewProgramme, NewStakeholder, Organisation,
    OrganisationKind, OrganisationSlug, Stakeholder, StakeholderRole,
};
use sosei_store::{Store, StoreError};
use time::{Date, OffsetDateTime};

pub mod accounts;
pub mod deliberation;
pub mod social_contract;

const DEMO_TOML: &str = include_str!("../demo/demo.toml");

/// What loading the demo data created (zero when it was already there: loading is idempotent).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub organisations_created: usize,
    pub regions_created: usize,
    pub stakeholders_created: usize,
    pub programmes_created: usize,
    pub conversations_created: usize,
    /// Teams, host families, applicants and applications (see [`social_contract`]).
    pub social_contract: social_contract::SocialContractSummary,
    /// The accounts to try each role with (see [`accounts`]).
    pub accounts_created: usize,
}

impl DemoSummary {
    pub fn created_anything(&self) -> bool {
        self.organisations_created
            + self.regions_created
            + self.stakeholders_created
            + self.programmes_created
            + self.conversations_created
            + self.accounts_created
            > 0
            || self.social_contract.created_anything()
    }
}

/// The demo content, parsed and checked.
#[derive(Debug, Clone)]
pub struct DemoData {
    pub organisations: Vec<NewOrganisation>,
    pub regions: Vec<DemoRegion>,
    pub programmes: Vec<DemoProgramme>,
}

/// A region's profile; organisations are named by slug because their ids exist only once loaded.
#[derive(Debug, Clone)]
pub struct DemoRegion {
    pub code: MunicipalityCode,
    /// The official kanji name, as in the bundled directory (`遠野市`).
    pub municipality_name: String,
    pub steward: Option<OrganisationSlug>,
    pub vision: LocalizedText,
    pub plan: LocalizedText,
    pub goals: Vec<LocalizedText>,
    pub stakeholders: Vec<DemoStakeholder>,
}

#[derive(Debug, Clone)]
pub struct DemoStakeholder {
    pub role: StakeholderRole,
    pub organisation: Option<OrganisationSlug>,
    /// Empty for an organisation (its own name is shown).
    pub name: LocalizedText,
    pub description: LocalizedText,
}

#[derive(Debug, Clone)]
pub struct DemoProgramme {
    pub organisation: OrganisationSlug,
    pub region: MunicipalityCode,
    pub title: LocalizedText,
    pub summary: LocalizedText,
    pub starts_on: Date,
    pub ends_on: Date,
}

// --- the file's shape: raw strings, converted once below ----------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    organisations: Vec<RawOrganisation>,
    regions: Vec<RawRegion>,
    programmes: Vec<RawProgramme>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganisation {
    slug: String,
    kind: String,
    name_ja: String,
    name_en: String,
    description_ja: String,
    description_en: String,
    website: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegion {
    code: String,
    municipality: String,
    steward: Option<String>,
    vision_ja: String,
    vision_en: String,
    plan_ja: String,
    plan_en: String,
    goals: Vec<RawText>,
    stakeholders: Vec<RawStakeholder>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    ja: String,
    en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStakeholder {
    role: String,
    organisation: Option<String>,
    name_ja: Option<String>,
    name_en: Option<String>,
    description_ja: String,
    description_en: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProgramme {
    organisation: String,
    region: String,
    starts_on: String,
    ends_on: String,
    title_ja: String,
    title_en: String,
    summary_ja: String,
    summary_en: String,
}

/// Both versions, trimmed (TOML's multi-line strings keep their last line break).
fn bilingual(ja: &str, en: &str) -> LocalizedText {
    LocalizedText::from_options(Some(ja.trim().to_owned()), Some(en.trim().to_owned()))
}

fn parse_slug(raw: &str) -> anyhow::Result<OrganisationSlug> {
    OrganisationSlug::parse(raw).with_context(|| format!("bad organisation slug {raw:?}"))
}

fn parse_code(raw: &str) -> anyhow::Result<MunicipalityCode> {
    MunicipalityCode::parse(raw).with_context(|| format!("bad municipality code {raw:?}"))
}

fn parse_date(raw: &str) -> anyhow::Result<Date> {
    Date::parse(
        raw,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .with_context(|| format!("bad date {raw:?}"))
}

/// Parse the bundled demo content and check it hangs together: every slug and code parses, every
/// region exists in the municipality directory under the expected name, every organisation named
/// by a region or programme is defined, and no programme ends before it starts.
pub fn demo_data() -> anyhow::Result<DemoData> {
    let raw: RawFile = toml::from_str(DEMO_TOML).context("failed to parse demo/demo.toml")?;
    let directory =
        sosei_core::municipality::bundled_directory().context("failed to read the directory")?;

    let mut organisations = Vec::new();
    for organisation in raw.organisations {
        let kind = OrganisationKind::parse(&organisation.kind)
            .with_context(|| format!("bad organisation kind {:?}", organisation.kind))?;
        organisations.push(NewOrganisation {
            slug: parse_slug(&organisation.slug)?,
            kind,
            name: bilingual(&organisation.name_ja, &organisation.name_en),
            description: bilingual(&organisation.description_ja, &organisation.description_en),
            website: organisation.website,
        });
    }
    let defined = |slug: &OrganisationSlug| -> anyhow::Result<()> {
        if organisations.iter().any(|o| &o.slug == slug) {
            Ok(())
        } else {
            bail!("organisation {slug} is used but not defined in demo/demo.toml")
        }
    };

    let mut regions = Vec::new();
    for region in raw.regions {
        let code = parse_code(&region.code)?;
        let entry = directory
            .iter()
            .find(|m| m.code == code)
            .with_context(|| format!("municipality {code} is not in the directory"))?;
        if entry.name != region.municipality {
            bail!(
                "municipality {code} is {} in the directory, not {}",
                entry.name,
                region.municipality
            );
        }
        let steward = region.steward.as_deref().map(parse_slug).transpose()?;
        if let Some(steward) = &steward {
            defined(steward)?;
        }
        let mut stakeholders = Vec::new();
        for stakeholder in region.stakeholders {
            let role = StakeholderRole::parse(&stakeholder.role)
                .with_context(|| format!("bad stakeholder role {:?}", stakeholder.role))?;
            let organisation = stakeholder
                .organisation
                .as_deref()
                .map(parse_slug)
                .transpose()?;
            if let Some(organisation) = &organisation {
                defined(organisation)?;
            }
            let name = LocalizedText::from_options(stakeholder.name_ja, stakeholder.name_en);
            if organisation.is_none() && name.is_empty() {
                bail!("a stakeholder of {code} has neither an organisation nor a name");
            }
            stakeholders.push(DemoStakeholder {
                role,
                organisation,
                name,
                description: bilingual(&stakeholder.description_ja, &stakeholder.description_en),
            });
        }
        regions.push(DemoRegion {
            code,
            municipality_name: entry.name.clone(),
            steward,
            vision: bilingual(&region.vision_ja, &region.vision_en),
            plan: bilingual(&region.plan_ja, &region.plan_en),
            goals: region
                .goals
                .iter()
                .map(|goal| bilingual(&goal.ja, &goal.en))
                .collect(),
            stakeholders,
        });
    }

    let mut programmes = Vec::new();
    for programme in raw.programmes {
        let organisation = parse_slug(&programme.organisation)?;
        defined(&organisation)?;
        let region = parse_code(&programme.region)?;
        let starts_on = parse_date(&programme.starts_on)?;
        let ends_on = parse_date(&programme.ends_on)?;
        if ends_on < starts_on {
            bail!("programme {:?} ends before it starts", programme.title_en);
        }
        programmes.push(DemoProgramme {
            organisation,
            region,
            title: bilingual(&programme.title_ja, &programme.title_en),
            summary: bilingual(&programme.summary_ja, &programme.summary_en),
            starts_on,
            ends_on,
        });
    }

    Ok(DemoData {
        organisations,
        regions,
        programmes,
    })
}

/// `Ok(None)` for `NotFound`, so "look before creating" reads plainly.
fn found<T>(result: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(StoreError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Load the demo organisations, regions, stakeholders and programmes. Safe to run repeatedly.
pub async fn load_demo_data(store: &Store) -> anyhow::Result<DemoSummary> {
    load_demo_data_at(store, OffsetDateTime::now_utc()).await
}

/// [`load_demo_data`] with the creation time given (for reproducible tests).
pub async fn load_demo_data_at(store: &Store, now: OffsetDateTime) -> anyhow::Result<DemoSummary> {
    let data = demo_data()?;
    let mut summary = DemoSummary::default();

    // Organisations first: regions and programmes refer to them by id.
    let mut loaded: Vec<Organisation> = Vec::new();
    for new_organisation in &data.organisations {
        let existing = found(store.organisation_by_slug(&new_organisation.slug).await)
            .with_context(|| format!("failed to look up organisation {}", new_organisation.slug))?;
        let organisation = match existing {
            Some(organisation) => organisation,
            None => {
                summary.organisations_created += 1;
                store
                    .create_organisation(new_organisation, now)
                    .await
                    .with_context(|| {
                        format!("failed to create organisation {}", new_organisation.slug)
                    })?
            }
        };
        loaded.push(organisation);
    }
    let organisation_named = |slug: &OrganisationSlug| -> anyhow::Result<&Organisation> {
        loaded
            .iter()
            .find(|o| &o.slug == slug)
            .with_context(|| format!("organisation {slug} was not loaded"))
    };

    for region in &data.regions {
        let code = region.code;
        let existing = found(store.region_profile(code).await)
            .with_context(|| format!("failed to look up the profile of {code}"))?;
        // An existing profile is kept as it is: someone may have edited it since.
        let has_goals = match existing {
            Some(profile) => !profile.goals.is_empty(),
            None => {
                let steward = match &region.steward {
                    Some(slug) => Some(organisation_named(slug)?.id),
                    None => None,
                };
                store
                    .upsert_region_profile(code, steward, &region.vision, &region.plan, now)
                    .await
                    .with_context(|| format!("failed to create the profile of {code}"))?;
                summary.regions_created += 1;
                false
            }
        };
        if !has_goals && !region.goals.is_empty() {
            store
                .set_region_goals(code, &region.goals)
                .await
                .with_context(|| format!("failed to set the goals of {code}"))?;
        }

        let existing_stakeholders = store
            .stakeholders_of_region(code)
            .await
            .with_context(|| format!("failed to list the stakeholders of {code}"))?;
        for stakeholder in &region.stakeholders {
            let organisation = match &stakeholder.organisation {
                Some(slug) => Some(organisation_named(slug)?),
                None => None,
            };
            let already_there =
                existing_stakeholders
                    .iter()
                    .any(|existing: &Stakeholder| match organisation {
                        Some(organisation) => existing.organisation == Some(organisation.id),
                        None => {
                            existing.organisation.is_none() && existing.name == stakeholder.name
                        }
                    });
            if already_there {
                continue;
            }
            let new_stakeholder = NewStakeholder {
                region: code,
                role: stakeholder.role,
                organisation: organisation.map(|o| o.id),
                // The store shows an organisation's own name; a copy here keeps the record
                // readable on its own.
                name: organisation.map_or_else(|| stakeholder.name.clone(), |o| o.name.clone()),
                description: stakeholder.description.clone(),
            };
            store
                .add_stakeholder(&new_stakeholder)
                .await
                .with_context(|| format!("failed to add a stakeholder to {code}"))?;
            summary.stakeholders_created += 1;
        }
    }

    for programme in &data.programmes {
        let organisation = organisation_named(&programme.organisation)?;
        let existing = store
            .programmes_of_region(programme.region)
            .await
            .with_context(|| format!("failed to list the programmes of {}", programme.region))?;
        let already_there = existing.iter().any(|p| {
            p.starts_on == programme.starts_on
                && p.ends_on == programme.ends_on
                && (p.title.ja == programme.title.ja || p.title.en == programme.title.en)
        });
        if already_there {
            continue;
        }
        store
            .create_programme(&NewProgramme {
                organisation: organisation.id,
                region: programme.region,
                title: programme.title.clone(),
                summary: programme.summary.clone(),
                starts_on: programme.starts_on,
                ends_on: programme.ends_on,
            })
            .await
            .with_context(|| format!("failed to create programme {:?}", programme.title.en))?;
        summary.programmes_created += 1;
    }

    summary.social_contract =
        social_contract::load_demo_social_contract(store, &data, &loaded, now).await?;

    summary.conversations_created =
        deliberation::load_demo_deliberation(store, &loaded, now).await?;

    summary.accounts_created = accounts::load_demo_accounts(store, &loaded, now).await?;

    Ok(summary)
}

#[cfg(test)]
mod tests;
