//! Writing the Social Contract demo into the store, idempotently: every record is looked for
//! before it is created, and what exists is left as it is (someone may have edited it), so a
//! second run creates nothing.
//!
//! - A 2017 programme is found by region and dates; an upcoming one by organisation, region and
//!   title. Details are written only while a programme has none; teams, planned deliverables and
//!   deliverables only while it has none of them. The status only moves forward from where it is,
//!   along the allowed transitions (a programme a coordinator has closed is not reopened).
//! - Host families are found by name within the organisation; accounts by e-mail address;
//!   a profile is written only when the account has none; an application only when the person has
//!   not applied to that programme (and the programme is still open). Shortlisting and review
//!   happen only right after the application is created.

use anyhow::Context;
use sosei_core::application::{
    ApplicationReview, ApplicationStatus, NewApplication, PreferenceRank,
};
use sosei_core::host::NewHostFamily;
use sosei_core::programme::after::{DeliverableLocation, NewDeliverable};
use sosei_core::{
    NewProgramme, NewUser, Organisation, Programme, ProgrammeDetails, ProgrammeStatus, Role, User,
};
use sosei_store::{Store, StoreError};
use time::{Duration, OffsetDateTime};

use super::{
    DemoApplicant, DemoCoordinator, DemoProgrammeSetup, ProgrammeOrigin, SocialContractData,
};

/// Not a PHC string, so no password verifies against it: demo accounts cannot sign in.
const NO_PASSWORD: &str = "!demo-account-without-password";

/// What loading the Social Contract demo created (all zero when it was already there).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SocialContractSummary {
    pub programmes_created: usize,
    pub programmes_detailed: usize,
    pub teams_created: usize,
    pub deliverables_created: usize,
    pub host_families_created: usize,
    pub applicants_created: usize,
    pub profiles_created: usize,
    pub applications_created: usize,
}

impl SocialContractSummary {
    pub fn created_anything(&self) -> bool {
        *self != SocialContractSummary::default()
    }
}

/// `Ok(None)` for `NotFound`.
fn found<T>(result: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(StoreError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Load `data` (already parsed and dated) into the store. `organisations` are the demo's
/// organisations, loaded before.
pub async fn load_social_contract(
    store: &Store,
    data: &SocialContractData,
    organisations: &[Organisation],
    now: OffsetDateTime,
) -> anyhow::Result<SocialContractSummary> {
    let mut summary = SocialContractSummary::default();
    let organisation_named = |slug: &sosei_core::OrganisationSlug| {
        organisations
            .iter()
            .find(|o| &o.slug == slug)
            .with_context(|| format!("organisation {slug} was not loaded"))
    };
    let organisation = organisation_named(&data.coordinator.organisation)?;
    let coordinator = coordinator(store, &data.coordinator, organisation, now).await?;

    let mut programmes: Vec<(String, Programme)> = Vec::new();
    for setup in &data.programmes {
        let programme = programme(store, setup, organisation, &mut summary).await?;
        let programme =
            complete_programme(store, setup, programme, &coordinator, now, &mut summary)
                .await
                .with_context(|| format!("failed to set up programme {}", setup.key))?;
        programmes.push((setup.key.clone(), programme));
    }

    let existing_hosts = store
        .host_families_of_organisation(organisation.id)
        .await
        .context("failed to list the demo host families")?;
    for family in &data.host_families {
        if existing_hosts.iter().any(|h| h.details.name == family.name) {
            continue;
        }
        store
            .create_host_family(&NewHostFamily {
                organisation: organisation.id,
                region: family.region,
                name: family.name.clone(),
                contact: None,
                beds: family.beds,
                available: family.available.clone(),
                languages: family.languages.clone(),
                dietary_capabilities: family.dietary_capabilities.clone(),
            })
            .await
            .with_context(|| format!("failed to create host family {}", family.name.as_str()))?;
        summary.host_families_created += 1;
    }

    // Applications arrive one a minute, in file order, ending now.
    let total: usize = data.applicants.iter().map(|a| a.applications.len()).sum();
    let mut submitted = now - Duration::minutes(i64::try_from(total).unwrap_or(0));
    for applicant in &data.applicants {
        let user = applicant_account(store, applicant, now, &mut summary).await?;
        let existing = store
            .applications_of_user(user.id)
            .await
            .context("failed to list a demo applicant's applications")?;
        for (index, application) in applicant.applications.iter().enumerate() {
            submitted += Duration::minutes(1);
            let Some((_, programme)) = programmes
                .iter()
                .find(|(key, _)| *key == application.programme)
            else {
                anyhow::bail!("programme {} was not loaded", application.programme);
            };
            if existing.iter().any(|a| a.programme == programme.id)
                || programme.status != ProgrammeStatus::Open
            {
                continue;
            }
            let rank = PreferenceRank::new(u8::try_from(index + 1).unwrap_or(u8::MAX))?;
            let stored = match store
                .apply(
                    &NewApplication {
                        programme: programme.id,
                        applicant: user.id,
                        rank,
                        motivation: application.motivation.clone(),
                    },
                    submitted,
                )
                .await
            {
                Ok(stored) => stored,
                // The person has since given this rank to another programme: leave them be.
                Err(StoreError::Conflict(reason)) => {
                    tracing::warn!(%reason, "demo application skipped");
                    continue;
                }
                Err(other) => return Err(other).context("failed to store a demo application"),
            };
            summary.applications_created += 1;
            if application.shortlisted {
                store
                    .change_application_status(
                        stored.id,
                        ApplicationStatus::Submitted,
                        ApplicationStatus::Shortlisted,
                        coordinator.id,
                        submitted,
                    )
                    .await
                    .context("failed to shortlist a demo application")?;
            }
            if application.score.is_some() {
                store
                    .review_application(
                        stored.id,
                        &ApplicationReview {
                            notes: None,
                            score: application.score,
                        },
                    )
                    .await
                    .context("failed to review a demo application")?;
            }
        }
    }
    Ok(summary)
}

/// An account that cannot sign in, found by e-mail address or created.
async fn account(
    store: &Store,
    email: &sosei_core::EmailAddress,
    display_name: &sosei_core::DisplayName,
    now: OffsetDateTime,
) -> anyhow::Result<(User, bool)> {
    match store.user_with_password_by_email(email).await {
        Ok(found) => return Ok((found.user, false)),
        Err(StoreError::NotFound) => {}
        Err(other) => return Err(other).context("failed to look up a demo account"),
    }
    let user = store
        .create_user(
            &NewUser {
                email: email.clone(),
                display_name: display_name.clone(),
                password_hash: NO_PASSWORD.to_owned(),
                is_site_admin: false,
                preferred_locale: None,
            },
            now,
        )
        .await
        .with_context(|| format!("failed to create demo account {}", email.as_str()))?;
    Ok((user, true))
}

/// The demo coordinator, a coordinator of the programmes' organisation.
async fn coordinator(
    store: &Store,
    coordinator: &DemoCoordinator,
    organisation: &Organisation,
    now: OffsetDateTime,
) -> anyhow::Result<User> {
    let (user, _) = account(store, &coordinator.email, &coordinator.display_name, now).await?;
    store
        .grant_role(organisation.id, user.id, Role::Coordinator)
        .await
        .context("failed to make the demo coordinator a coordinator")?;
    Ok(user)
}

async fn applicant_account(
    store: &Store,
    applicant: &DemoApplicant,
    now: OffsetDateTime,
    summary: &mut SocialContractSummary,
) -> anyhow::Result<User> {
    let (user, created) = account(
        store,
        &applicant.email,
        &applicant.profile.display_name,
        now,
    )
    .await?;
    if created {
        summary.applicants_created += 1;
    }
    if found(store.participant_profile(user.id).await)?.is_none() {
        store
            .save_participant_profile(user.id, &applicant.profile, now)
            .await
            .with_context(|| {
                format!("failed to save the profile of {}", applicant.email.as_str())
            })?;
        summary.profiles_created += 1;
    }
    Ok(user)
}

/// Find the programme, or create it when it is one of this file's own.
async fn programme(
    store: &Store,
    setup: &DemoProgrammeSetup,
    organisation: &Organisation,
    summary: &mut SocialContractSummary,
) -> anyhow::Result<Programme> {
    let existing = store
        .programmes_of_region(setup.region)
        .await
        .with_context(|| format!("failed to list the programmes of {}", setup.region))?;
    match &setup.origin {
        ProgrammeOrigin::DemoToml => existing
            .into_iter()
            .find(|p| p.starts_on == setup.dates.starts_on() && p.ends_on == setup.dates.ends_on())
            .with_context(|| format!("programme {} was not loaded from demo.toml", setup.key)),
        ProgrammeOrigin::New {
            title,
            summary: text,
            ..
        } => {
            let same_title = |p: &Programme| {
                p.organisation == organisation.id
                    && (p.title.ja == title.ja || p.title.en == title.en)
            };
            if let Some(programme) = existing.into_iter().find(same_title) {
                return Ok(programme);
            }
            summary.programmes_created += 1;
            store
                .create_programme(&NewProgramme {
                    organisation: organisation.id,
                    region: setup.region,
                    title: title.clone(),
                    summary: text.clone(),
                    starts_on: setup.dates.starts_on(),
                    ends_on: setup.dates.ends_on(),
                })
                .await
                .with_context(|| format!("failed to create programme {}", setup.key))
        }
    }
}

/// The statuses a programme passes through from draft, in order.
const STATUS_PATH: [ProgrammeStatus; 5] = [
    ProgrammeStatus::Draft,
    ProgrammeStatus::Open,
    ProgrammeStatus::Closed,
    ProgrammeStatus::Running,
    ProgrammeStatus::Completed,
];

fn position(status: ProgrammeStatus) -> usize {
    STATUS_PATH.iter().position(|s| *s == status).unwrap_or(0)
}

/// Details, teams, planned deliverables, status and deliverables, each only when missing.
async fn complete_programme(
    store: &Store,
    setup: &DemoProgrammeSetup,
    mut programme: Programme,
    coordinator: &User,
    now: OffsetDateTime,
    summary: &mut SocialContractSummary,
) -> anyhow::Result<Programme> {
    if programme.details == ProgrammeDetails::default() {
        programme = store
            .update_programme_details(programme.id, &setup.details)
            .await?;
        summary.programmes_detailed += 1;
    }
    if store.teams_of_programme(programme.id).await?.is_empty() {
        for team in &setup.teams {
            store.add_team(programme.id, team).await?;
            summary.teams_created += 1;
        }
    }
    if store.planned_deliverables(programme.id).await?.is_empty() && !setup.planned.is_empty() {
        store
            .set_planned_deliverables(programme.id, &setup.planned)
            .await?;
    }
    while position(programme.status) < position(setup.status) {
        let next = STATUS_PATH[position(programme.status) + 1];
        programme = store
            .set_programme_status(programme.id, programme.status, next)
            .await?;
    }
    if store
        .deliverables_of_programme(programme.id)
        .await?
        .is_empty()
    {
        for deliverable in &setup.deliverables {
            let location = match &deliverable.link {
                Some(link) => DeliverableLocation::Link(link.clone()),
                // The sources name it but give no address: known from the records only.
                None => DeliverableLocation::Offline,
            };
            store
                .add_deliverable(
                    &NewDeliverable {
                        programme: programme.id,
                        title: deliverable.title.clone(),
                        kind: deliverable.kind,
                        language: deliverable.language,
                        location,
                        added_by: coordinator.id,
                    },
                    now,
                )
                .await?;
            summary.deliverables_created += 1;
        }
    }
    Ok(programme)
}
