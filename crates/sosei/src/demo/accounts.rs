//! The demo's accounts, one per role (site admin, organisation admin, coordinator, facilitator,
//! expert, participant), each holding its real role in the store, so whoever starts `sosei demo`
//! can try every part at once. The content lives in `demo/accounts.toml`; the coordinator is the
//! one of `demo/social_contract.toml` and the participant one of its applicants.
//!
//! [`load_demo_accounts`] creates the accounts (without a usable password) and their roles,
//! idempotently. [`reset_demo_passwords`] gives each a fresh random password — at every start, so
//! nothing guessable is ever left on a demo database — and says where to start.

use anyhow::{Context, bail};
use serde::Deserialize;
use sosei_core::{
    DisplayName, EmailAddress, NewPassword, NewUser, Organisation, OrganisationSlug, Role, User,
};
use sosei_store::{Store, StoreError};
use time::OffsetDateTime;

const ACCOUNTS_TOML: &str = include_str!("../../demo/accounts.toml");

/// Not a PHC string, so no password verifies against it until the demo sets one.
const NO_PASSWORD: &str = "!demo-account-without-password";

/// A role someone can try the demo as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DemoRole {
    SiteAdmin,
    OrganisationAdmin,
    Coordinator,
    Facilitator,
    Expert,
    Participant,
}

impl DemoRole {
    pub const ALL: [DemoRole; 6] = [
        DemoRole::SiteAdmin,
        DemoRole::OrganisationAdmin,
        DemoRole::Coordinator,
        DemoRole::Facilitator,
        DemoRole::Expert,
        DemoRole::Participant,
    ];

    /// The role's name on the console.
    pub fn label(self) -> &'static str {
        match self {
            DemoRole::SiteAdmin => "site admin",
            DemoRole::OrganisationAdmin => "organisation admin",
            DemoRole::Coordinator => "coordinator",
            DemoRole::Facilitator => "facilitator",
            DemoRole::Expert => "expert",
            DemoRole::Participant => "participant",
        }
    }

    /// What the role can try, for the console.
    pub fn what_to_try(self) -> &'static str {
        match self {
            DemoRole::SiteAdmin => "organisations, roles and the outbox",
            DemoRole::OrganisationAdmin => "the organisation's page and its members",
            DemoRole::Coordinator => "programmes, applications and team matching",
            DemoRole::Facilitator => "moderation, translations, fact cards and the audit log",
            DemoRole::Expert => "fact cards beside the statements",
            DemoRole::Participant => {
                "an English-speaking student: the deliberation in English, her profile and applications"
            }
        }
    }
}

/// One account of `demo/accounts.toml`, parsed (the participant is resolved against the
/// applicants of `demo/social_contract.toml`).
#[derive(Debug, Clone)]
pub struct DemoAccount {
    pub role: DemoRole,
    pub email: EmailAddress,
    pub display_name: DisplayName,
    /// The organisation the role is held in (organisation admin, facilitator, expert).
    pub organisation: Option<OrganisationSlug>,
}

/// An account with its new password and the page to start from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    pub role: DemoRole,
    pub email: String,
    pub password: String,
    /// A path on this site (e.g. `/conversations/1/moderation`).
    pub start_path: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccounts {
    site_admin: RawAccount,
    organisation_admin: RawAccount,
    facilitator: RawAccount,
    expert: RawAccount,
    participant: RawParticipant,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccount {
    organisation: Option<String>,
    email: String,
    display_name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParticipant {
    applicant: String,
}

fn parse_account(role: DemoRole, raw: &RawAccount) -> anyhow::Result<DemoAccount> {
    let email = EmailAddress::parse(&raw.email)
        .map_err(|_| anyhow::anyhow!("bad e-mail address {:?}", raw.email))?;
    if !email
        .as_str()
        .ends_with(&format!("@{}", super::social_contract::DEMO_EMAIL_DOMAIN))
    {
        bail!("{} is not an address of the demo domain", raw.email);
    }
    let organisation = raw
        .organisation
        .as_deref()
        .map(super::parse_slug)
        .transpose()?;
    let needs_organisation = matches!(
        role,
        DemoRole::OrganisationAdmin | DemoRole::Facilitator | DemoRole::Expert
    );
    if needs_organisation != organisation.is_some() {
        bail!(
            "the {} account needs an organisation exactly when its role is held in one",
            role.label()
        );
    }
    Ok(DemoAccount {
        role,
        email,
        display_name: DisplayName::parse(&raw.display_name)
            .with_context(|| format!("bad display name {:?}", raw.display_name))?,
        organisation,
    })
}

/// Parse `demo/accounts.toml`: one account per role, in [`DemoRole::ALL`]'s order.
pub fn demo_accounts() -> anyhow::Result<Vec<DemoAccount>> {
    let raw: RawAccounts =
        toml::from_str(ACCOUNTS_TOML).context("failed to parse demo/accounts.toml")?;
    let coordinator = super::social_contract::demo_coordinator()?;
    let participant_email = EmailAddress::parse(&format!(
        "{}@{}",
        raw.participant.applicant,
        super::social_contract::DEMO_EMAIL_DOMAIN
    ))
    .map_err(|_| anyhow::anyhow!("bad applicant handle {:?}", raw.participant.applicant))?;
    let participant_name = super::social_contract::demo_applicant_name(&participant_email)?
        .with_context(|| {
            format!(
                "the participant {:?} is not an applicant of demo/social_contract.toml",
                raw.participant.applicant
            )
        })?;
    Ok(vec![
        parse_account(DemoRole::SiteAdmin, &raw.site_admin)?,
        parse_account(DemoRole::OrganisationAdmin, &raw.organisation_admin)?,
        DemoAccount {
            role: DemoRole::Coordinator,
            email: coordinator.email,
            display_name: coordinator.display_name,
            organisation: Some(coordinator.organisation),
        },
        parse_account(DemoRole::Facilitator, &raw.facilitator)?,
        parse_account(DemoRole::Expert, &raw.expert)?,
        DemoAccount {
            role: DemoRole::Participant,
            email: participant_email,
            display_name: participant_name,
            organisation: None,
        },
    ])
}

/// The organisation role a demo role holds, if any.
fn organisation_role(role: DemoRole) -> Option<Role> {
    match role {
        DemoRole::OrganisationAdmin => Some(Role::Admin),
        DemoRole::Coordinator => Some(Role::Coordinator),
        DemoRole::Facilitator => Some(Role::Facilitator),
        DemoRole::Expert => Some(Role::Expert),
        DemoRole::SiteAdmin | DemoRole::Participant => None,
    }
}

async fn find_user(store: &Store, email: &EmailAddress) -> anyhow::Result<Option<User>> {
    match store.user_with_password_by_email(email).await {
        Ok(found) => Ok(Some(found.user)),
        Err(StoreError::NotFound) => Ok(None),
        Err(other) => Err(other).context("failed to look up a demo account"),
    }
}

/// Create the demo accounts and give each its role (the coordinator and the participant already
/// exist from the Social Contract part). Returns how many accounts were created.
pub async fn load_demo_accounts(
    store: &Store,
    organisations: &[Organisation],
    now: OffsetDateTime,
) -> anyhow::Result<usize> {
    let mut created = 0;
    for account in demo_accounts()? {
        let user = match find_user(store, &account.email).await? {
            Some(user) => user,
            None => {
                created += 1;
                store
                    .create_user(
                        &NewUser {
                            email: account.email.clone(),
                            display_name: account.display_name.clone(),
                            password_hash: NO_PASSWORD.to_owned(),
                            is_site_admin: account.role == DemoRole::SiteAdmin,
                            preferred_locale: None,
                        },
                        now,
                    )
                    .await
                    .with_context(|| format!("failed to create {}", account.email.as_str()))?
            }
        };
        match account.role {
            DemoRole::SiteAdmin if !user.is_site_admin => store
                .set_site_admin(user.id, true)
                .await
                .context("failed to make the demo site admin a site admin")?,
            // She reads in English; she joins the (anonymous) sample deliberation herself, with
            // one button, like anyone.
            DemoRole::Participant => store
                .set_preferred_locale(user.id, Some(sosei_core::Locale::En))
                .await
                .context("failed to set the demo participant's language")?,
            _ => {}
        }
        if let (Some(role), Some(slug)) = (organisation_role(account.role), &account.organisation) {
            let organisation = organisations
                .iter()
                .find(|o| &o.slug == slug)
                .with_context(|| format!("organisation {slug} was not loaded"))?;
            store
                .grant_role(organisation.id, user.id, role)
                .await
                .with_context(|| format!("failed to give {} its role", account.email.as_str()))?;
        }
    }
    Ok(created)
}

/// A random password of letters and digits without look-alikes (0/O, 1/l/I), in groups of four.
fn fresh_password() -> anyhow::Result<String> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes)
        .map_err(|error| anyhow::anyhow!("no randomness for the demo password: {error}"))?;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let letters: String = bytes
        .iter()
        .map(|byte| ALPHABET[usize::from(*byte) % ALPHABET.len()] as char)
        .collect();
    Ok(format!(
        "{}-{}-{}",
        &letters[0..4],
        &letters[4..8],
        &letters[8..12]
    ))
}

/// Where each role starts: the page that shows its role at work.
async fn start_path(store: &Store, account: &DemoAccount) -> anyhow::Result<String> {
    let conversation = super::deliberation::sample_conversation(store).await?;
    let conversation_path = |suffix: &str| match conversation {
        Some(id) => format!("/conversations/{id}{suffix}"),
        None => "/conversations".to_owned(),
    };
    Ok(match account.role {
        DemoRole::SiteAdmin => "/admin".to_owned(),
        DemoRole::OrganisationAdmin => match &account.organisation {
            Some(slug) => format!("/organisations/{slug}/edit"),
            None => "/organisations".to_owned(),
        },
        DemoRole::Coordinator => {
            let Some(slug) = &account.organisation else {
                return Ok("/programmes".to_owned());
            };
            let organisation = store
                .organisation_by_slug(slug)
                .await
                .with_context(|| format!("cannot read organisation {slug}"))?;
            let programmes = store
                .programmes_of_organisation(organisation.id)
                .await
                .context("cannot list the demo programmes")?;
            match programmes
                .iter()
                .find(|p| p.status == sosei_core::ProgrammeStatus::Open)
            {
                Some(open) => format!("/organisations/{slug}/programmes/{}/applications", open.id),
                None => format!("/organisations/{slug}/programmes"),
            }
        }
        DemoRole::Facilitator => conversation_path("/moderation"),
        DemoRole::Expert => conversation_path("/facts"),
        DemoRole::Participant => conversation_path(""),
    })
}

/// Give every demo account a fresh random password and say where it starts; an empty list when
/// the demo accounts are not there (the demo data was never loaded).
pub async fn reset_demo_passwords(store: &Store) -> anyhow::Result<Vec<DemoSignIn>> {
    let mut accounts = Vec::new();
    for account in demo_accounts()? {
        match find_user(store, &account.email).await? {
            Some(user) => accounts.push((account, user, fresh_password()?)),
            None => return Ok(Vec::new()),
        }
    }
    // Hash side by side: argon2id is slow on purpose, and six in a row would delay the start.
    let mut hashing = tokio::task::JoinSet::new();
    for (index, (_, _, password)) in accounts.iter().enumerate() {
        let parsed = NewPassword::parse(password).context("the demo password")?;
        hashing.spawn_blocking(move || {
            (
                index,
                sosei_web::auth::password::hash_password_blocking(&parsed),
            )
        });
    }
    let mut hashes = vec![None; accounts.len()];
    while let Some(joined) = hashing.join_next().await {
        let (index, hash) = joined.context("the password hashing task")?;
        let hash =
            hash.map_err(|error| anyhow::anyhow!("cannot hash a demo password: {error:?}"))?;
        hashes[index] = Some(hash);
    }
    let mut sign_ins = Vec::new();
    for ((account, user, password), hash) in accounts.into_iter().zip(hashes) {
        let hash = hash.context("a demo password was not hashed")?;
        store
            .set_password_hash(user.id, &hash)
            .await
            .with_context(|| format!("cannot store the password of {}", account.email.as_str()))?;
        sign_ins.push(DemoSignIn {
            role: account.role,
            start_path: start_path(store, &account).await?,
            email: account.email.as_str().to_owned(),
            password,
        });
    }
    Ok(sign_ins)
}

/// The console lines naming every account: `  ROLE: EMAIL  password PASSWORD  → PATH (what to try)`.
pub fn describe_sign_ins(sign_ins: &[DemoSignIn]) -> String {
    let mut out = String::from(
        "Sign in with any of these accounts to try each role (new passwords at every start):\n",
    );
    for sign_in in sign_ins {
        out.push_str(&format!(
            "  {}: {}  password {}  → {} ({})\n",
            sign_in.role.label(),
            sign_in.email,
            sign_in.password,
            sign_in.start_path,
            sign_in.role.what_to_try()
        ));
    }
    out
}
