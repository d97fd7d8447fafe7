//! The demo's sample deliberation: Oiso's question on social isolation and loneliness, with
//! statements in Japanese and English (most translated into the other language, a few left for
//! the facilitator), fact cards and synthetic participants whose votes fall into camps, so the results
//! page shows opinion groups as soon as the demo starts.
//!
//! The content lives in `demo/deliberation.toml`. The votes come from a small deterministic
//! generator (the same votes on every load and every machine), not from the opinion engine's
//! random source, so the engine's tests cannot be fooled by data made with its own generator.

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use serde::Deserialize;
use sosei_core::deliberation::{
    ConversationState, ModerationMode, ModerationStatus, NewConversation, NewFactCard,
    ParticipantIdentity, ParticipationMode, StatementText, VoteChoice, VoteRecord,
};
use sosei_core::statement_translation::{
    NewStatementTranslation, TranslationText, Translator, TranslatorKind,
};
use sosei_core::{
    ConversationId, DisplayName, EmailAddress, LocalizedText, MunicipalityCode, NewUser,
    Organisation, OrganisationSlug, ParticipantId, User,
};
use sosei_store::{ConversationFilter, Store, StoreError};
use time::{Date, Duration, OffsetDateTime};

const DELIBERATION_TOML: &str = include_str!("../../demo/deliberation.toml");

/// The account fact cards are attributed to. It cannot sign in: its password hash is not a hash.
const DEMO_EDITOR_EMAIL: &str = "chie-lab-demo@example.invalid";
const DEMO_EDITOR_NAME: &str = "知恵ラボ デモ編集部";
/// Not a PHC string, so no password verifies against it.
const NO_PASSWORD: &str = "!demo-account-without-password";

/// The sample deliberation, parsed and checked.
#[derive(Debug, Clone)]
pub struct DemoDeliberation {
    pub organisation: OrganisationSlug,
    pub region: MunicipalityCode,
    pub title: LocalizedText,
    pub question: LocalizedText,
    pub description: LocalizedText,
    pub participants: usize,
    pub seed: u64,
    /// Camp sizes, in order; they add up to `participants`.
    pub camp_sizes: Vec<usize>,
    pub statements: Vec<DemoStatement>,
    pub facts: Vec<DemoFact>,
}

#[derive(Debug, Clone)]
pub struct DemoStatement {
    pub text: StatementText,
    /// Written by the facilitators to start the conversation (otherwise by a participant).
    pub is_seed: bool,
    /// How each camp leans, from -2 to 2.
    pub leans: Vec<i8>,
    /// The key of the fact card shown beside it.
    pub fact: Option<String>,
    /// Its translation into the other language, and who made it.
    pub translation: Option<(TranslationText, TranslatorKind)>,
}

#[derive(Debug, Clone)]
pub struct DemoFact {
    pub key: String,
    pub text: LocalizedText,
    pub source: String,
    pub url: Option<String>,
    pub as_of: Option<Date>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeliberation {
    organisation: String,
    region: String,
    title_ja: String,
    title_en: String,
    question_ja: String,
    question_en: String,
    description_ja: String,
    description_en: String,
    participants: usize,
    seed: u64,
    camps: Vec<RawCamp>,
    statements: Vec<RawStatement>,
    facts: Vec<RawFact>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCamp {
    #[allow(dead_code)] // a name for the reader of the file
    name: String,
    size: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatement {
    text: String,
    #[serde(default)]
    seed: bool,
    leans: Vec<i8>,
    fact: Option<String>,
    translation: Option<String>,
    translated_by: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    key: String,
    text_ja: String,
    text_en: String,
    source: String,
    url: Option<String>,
    as_of: Option<String>,
}

/// Parse `demo/deliberation.toml` and check it hangs together: camps add up, every statement
/// parses and has a lean per camp within -2..=2, every fact a statement names exists.
pub fn demo_deliberation() -> anyhow::Result<DemoDeliberation> {
    let raw: RawDeliberation =
        toml::from_str(DELIBERATION_TOML).context("failed to parse demo/deliberation.toml")?;
    let camp_sizes: Vec<usize> = raw.camps.iter().map(|camp| camp.size).collect();
    if camp_sizes.iter().sum::<usize>() != raw.participants {
        bail!(
            "the camp sizes do not add up to {} participants",
            raw.participants
        );
    }
    let mut facts = Vec::new();
    for fact in raw.facts {
        facts.push(DemoFact {
            key: fact.key,
            text: super::bilingual(&fact.text_ja, &fact.text_en),
            source: fact.source,
            url: fact.url,
            as_of: fact.as_of.as_deref().map(super::parse_date).transpose()?,
        });
    }
    let mut statements = Vec::new();
    for statement in raw.statements {
        let text = StatementText::parse(&statement.text)
            .with_context(|| format!("bad statement {:?}", statement.text))?;
        if statement.leans.len() != camp_sizes.len()
            || statement.leans.iter().any(|lean| !(-2..=2).contains(lean))
        {
            bail!(
                "statement {:?} needs one lean from -2 to 2 per camp",
                statement.text
            );
        }
        if let Some(key) = &statement.fact
            && !facts.iter().any(|fact| &fact.key == key)
        {
            bail!(
                "statement {:?} names an undefined fact {key:?}",
                statement.text
            );
        }
        let translation = match (&statement.translation, &statement.translated_by) {
            (None, None) => None,
            (Some(translation), Some(by)) => {
                let translation = TranslationText::parse(translation)
                    .with_context(|| format!("bad translation {translation:?}"))?;
                if translation.language() == text.language() {
                    bail!(
                        "the translation of {:?} is in its own language",
                        statement.text
                    );
                }
                let kind = TranslatorKind::parse(by)
                    .filter(|kind| kind.is_human())
                    .with_context(|| {
                        format!("bad translator {by:?} (author, facilitator or volunteer)")
                    })?;
                Some((translation, kind))
            }
            _ => bail!(
                "statement {:?} needs both a translation and who made it, or neither",
                statement.text
            ),
        };
        statements.push(DemoStatement {
            text,
            is_seed: statement.seed,
            leans: statement.leans,
            fact: statement.fact,
            translation,
        });
    }
    Ok(DemoDeliberation {
        organisation: super::parse_slug(&raw.organisation)?,
        region: super::parse_code(&raw.region)?,
        title: super::bilingual(&raw.title_ja, &raw.title_en),
        question: super::bilingual(&raw.question_ja, &raw.question_en),
        description: super::bilingual(&raw.description_ja, &raw.description_en),
        participants: raw.participants,
        seed: raw.seed,
        camp_sizes,
        statements,
        facts,
    })
}

/// The camp of each participant, by index.
pub fn camps_of(deliberation: &DemoDeliberation) -> Vec<usize> {
    deliberation
        .camp_sizes
        .iter()
        .enumerate()
        .flat_map(|(camp, size)| std::iter::repeat_n(camp, *size))
        .collect()
}

/// One synthetic vote: (participant index, statement index, choice).
pub type SyntheticVote = (usize, usize, VoteChoice);

/// The synthetic votes: each participant skips about one statement in eight and otherwise
/// votes as their camp leans on it.
pub fn synthetic_votes(deliberation: &DemoDeliberation) -> Vec<SyntheticVote> {
    let mut random = sosei_core::random::SplitMix64::new(deliberation.seed);
    let camps = camps_of(deliberation);
    let mut votes = Vec::new();
    for (participant, camp) in camps.iter().enumerate() {
        for (index, statement) in deliberation.statements.iter().enumerate() {
            if random.next_unit() < 0.12 {
                continue;
            }
            // (agree, disagree) probabilities; the rest is pass.
            let (agree, disagree) = match statement.leans[*camp] {
                2 => (0.85, 0.05),
                1 => (0.65, 0.15),
                0 => (0.40, 0.40),
                -1 => (0.15, 0.65),
                _ => (0.05, 0.85),
            };
            let draw = random.next_unit();
            let choice = if draw < agree {
                VoteChoice::Agree
            } else if draw < agree + disagree {
                VoteChoice::Disagree
            } else {
                VoteChoice::Pass
            };
            votes.push((participant, index, choice));
        }
    }
    votes
}

/// The account fact cards are attributed to, created once.
async fn demo_editor(store: &Store, now: OffsetDateTime) -> anyhow::Result<User> {
    let email = EmailAddress::parse(DEMO_EDITOR_EMAIL)
        .map_err(|_| anyhow::anyhow!("bad demo e-mail address"))?;
    match store.user_with_password_by_email(&email).await {
        Ok(found) => return Ok(found.user),
        Err(StoreError::NotFound) => {}
        Err(other) => {
            return Err(anyhow::Error::new(other).context("cannot look up the demo editor"));
        }
    }
    let new_user = NewUser {
        email,
        display_name: DisplayName::parse(DEMO_EDITOR_NAME).context("bad demo editor name")?,
        password_hash: NO_PASSWORD.to_owned(),
        is_site_admin: false,
        preferred_locale: None,
    };
    store
        .create_user(&new_user, now)
        .await
        .context("cannot create the demo editor")
}

/// The sample deliberation's id, once loaded (found by organisation and Japanese title).
pub async fn sample_conversation(store: &Store) -> anyhow::Result<Option<ConversationId>> {
    let deliberation = demo_deliberation()?;
    let organisation = match store.organisation_by_slug(&deliberation.organisation).await {
        Ok(organisation) => organisation,
        Err(StoreError::NotFound) => return Ok(None),
        Err(other) => return Err(other).context("cannot read the demo organisation"),
    };
    let conversations = store
        .list_conversations(&ConversationFilter {
            organisation: Some(organisation.id),
            region: None,
            include_drafts: true,
            include_archived: true,
        })
        .await
        .context("cannot list the demo organisation's conversations")?;
    Ok(conversations
        .iter()
        .find(|c| c.title.ja == deliberation.title.ja)
        .map(|c| c.id))
}

/// Create the sample deliberation unless its organisation already has a conversation with
/// its title. Returns how many conversations were created (0 or 1).
pub async fn load_demo_deliberation(
    store: &Store,
    organisations: &[Organisation],
    now: OffsetDateTime,
) -> anyhow::Result<usize> {
    let deliberation = demo_deliberation()?;
    let organisation = organisations
        .iter()
        .find(|o| o.slug == deliberation.organisation)
        .with_context(|| format!("organisation {} was not loaded", deliberation.organisation))?;
    let existing = store
        .list_conversations(&ConversationFilter {
            organisation: Some(organisation.id),
            region: None,
            include_drafts: true,
            include_archived: true,
        })
        .await
        .context("cannot list the demo organisation's conversations")?;
    if existing.iter().any(|c| c.title.ja == deliberation.title.ja) {
        return Ok(0);
    }

    // Opened three hours ago; the participants arrived one a minute since.
    let opened_at = now - Duration::hours(3);
    let conversation = store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: Some(deliberation.region),
                title: deliberation.title.clone(),
                question: deliberation.question.clone(),
                description: deliberation.description.clone(),
                moderation_mode: ModerationMode::Post,
                participation_mode: ParticipationMode::Anonymous,
                invitation_code: None,
                attribute_questions: Vec::new(),
                district_options: Vec::new(),
            },
            opened_at,
        )
        .await
        .context("cannot create the sample deliberation")?;
    store
        .set_conversation_state(conversation.id, ConversationState::Open, opened_at)
        .await
        .context("cannot open the sample deliberation")?;

    let joined_at = |participant: usize| {
        opened_at + Duration::minutes(i64::try_from(participant).unwrap_or(0) + 1)
    };
    let mut participants: Vec<ParticipantId> = Vec::with_capacity(deliberation.participants);
    for index in 0..deliberation.participants {
        let participant = store
            .join_conversation(
                conversation.id,
                &ParticipantIdentity::External(format!("demo-{:02}", index + 1)),
                &BTreeMap::new(),
                joined_at(index),
            )
            .await
            .context("cannot add a demo participant")?;
        participants.push(participant.id);
    }

    // A participant's statement is written by someone of the camp that likes it most.
    let camps = camps_of(&deliberation);
    let mut statement_ids = Vec::with_capacity(deliberation.statements.len());
    let mut stored_statements = Vec::with_capacity(deliberation.statements.len());
    for (index, statement) in deliberation.statements.iter().enumerate() {
        let author = if statement.is_seed {
            None
        } else {
            let favourite_camp = (0..deliberation.camp_sizes.len())
                .max_by_key(|camp| (statement.leans[*camp], std::cmp::Reverse(*camp)))
                .unwrap_or(0);
            let members: Vec<usize> = (0..camps.len())
                .filter(|p| camps[*p] == favourite_camp)
                .collect();
            members
                .get(index % members.len().max(1))
                .and_then(|p| participants.get(*p).copied())
        };
        let created_at = opened_at + Duration::minutes(i64::try_from(index).unwrap_or(0) * 5);
        let stored = store
            .add_statement(
                conversation.id,
                author,
                &statement.text,
                statement.is_seed,
                ModerationStatus::Accepted,
                created_at,
            )
            .await
            .context("cannot add a demo statement")?;
        statement_ids.push(stored.id);
        stored_statements.push(stored);
    }

    let editor = demo_editor(store, now).await?;
    for (statement, stored) in deliberation.statements.iter().zip(&stored_statements) {
        let Some((text, kind)) = &statement.translation else {
            continue;
        };
        let translator = match kind {
            TranslatorKind::Author => Translator::Author { user: None },
            TranslatorKind::Volunteer => Translator::Volunteer {
                entered_by: Some(editor.id),
            },
            _ => Translator::Facilitator {
                user: Some(editor.id),
            },
        };
        store
            .save_statement_translation(
                &NewStatementTranslation::of(stored, text.clone(), translator),
                stored.created_at,
            )
            .await
            .with_context(|| format!("cannot translate the demo statement {}", stored.id))?;
    }
    for fact in &deliberation.facts {
        let statement = deliberation
            .statements
            .iter()
            .position(|s| s.fact.as_deref() == Some(fact.key.as_str()))
            .map(|index| statement_ids[index]);
        store
            .add_fact_card(
                &NewFactCard {
                    conversation: conversation.id,
                    statement,
                    text: fact.text.clone(),
                    source_citation: fact.source.clone(),
                    source_url: fact.url.clone(),
                    as_of: fact.as_of,
                    value: None,
                    unit: None,
                    author: editor.id,
                },
                opened_at,
            )
            .await
            .with_context(|| format!("cannot add the fact card {}", fact.key))?;
    }

    let votes: Vec<VoteRecord> = synthetic_votes(&deliberation)
        .into_iter()
        .map(|(participant, statement, choice)| VoteRecord {
            participant: participants[participant],
            statement: statement_ids[statement],
            choice,
            at: joined_at(participant)
                + Duration::seconds(i64::try_from(statement).unwrap_or(0) * 10),
        })
        .collect();
    store
        .cast_votes(&votes)
        .await
        .context("cannot store the demo votes")?;
    Ok(1)
}
