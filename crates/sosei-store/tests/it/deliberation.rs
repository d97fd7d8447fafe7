//! Stories of the deliberation space: conversations, facilitators, participants, statements,
//! votes, flags, fact cards, the audit log and cached analyses.

use std::collections::BTreeMap;

use sosei_core::deliberation::{
    AttributeQuestion, AuditEntry, Conversation, ConversationState, FacilitatorAction,
    InvitationCode, ModerationMode, ModerationStatus, NewConversation, NewFactCard,
    ParticipantIdentity, ParticipationMode, Statement, StatementText, VoteChoice, VoteRecord,
};
use sosei_core::{
    ConversationId, FactCardId, Locale, LocalizedText, OrganisationId, ParticipantId, StatementId,
    UserId,
};
use sosei_store::{ConversationFilter, StatementTally, Store, StoreError, StoredAnalysis};
use time::macros::date;

use crate::{TestStore, code, moment, new_organisation, new_user};

fn new_conversation(organisation: OrganisationId, title_ja: &str) -> NewConversation {
    NewConversation {
        organisation,
        region: None,
        title: LocalizedText::new(title_ja, format!("{title_ja} (English)")),
        question: LocalizedText::new("どうすればよいですか", "What should we do?"),
        description: LocalizedText::default(),
        moderation_mode: ModerationMode::Post,
        participation_mode: ParticipationMode::Anonymous,
        invitation_code: None,
        attribute_questions: Vec::new(),
        district_options: Vec::new(),
    }
}

fn text(raw: &str) -> StatementText {
    StatementText::parse(raw).expect("a valid statement")
}

fn pseudonym(name: &str) -> ParticipantIdentity {
    ParticipantIdentity::Pseudonym(name.to_owned())
}

/// An organisation and an open conversation of it.
async fn open_conversation(store: &Store, slug: &str) -> Conversation {
    let organisation = store
        .create_organisation(&new_organisation(slug, "遠野NPO"), moment(1_000))
        .await
        .expect("organisation");
    let conversation = store
        .create_conversation(
            &new_conversation(organisation.id, "駅前の未来"),
            moment(1_000),
        )
        .await
        .expect("conversation");
    store
        .set_conversation_state(conversation.id, ConversationState::Open, moment(1_100))
        .await
        .expect("open")
}

async fn seed(store: &Store, conversation: ConversationId, raw: &str) -> Statement {
    store
        .add_statement(
            conversation,
            None,
            &text(raw),
            true,
            ModerationStatus::Accepted,
            moment(1_200),
        )
        .await
        .expect("seed statement")
}

async fn join(store: &Store, conversation: ConversationId, name: &str) -> ParticipantId {
    store
        .join_conversation(
            conversation,
            &pseudonym(name),
            &BTreeMap::new(),
            moment(1_300),
        )
        .await
        .expect("join")
        .id
}

pub async fn conversations(test_store: &TestStore) {
    let store = &test_store.store;
    let tono = store
        .create_organisation(&new_organisation("tono-npo", "遠野NPO"), moment(1_000))
        .await
        .expect("tono");
    let alpha = store
        .create_organisation(&new_organisation("alpha", "アルファ"), moment(1_000))
        .await
        .expect("alpha");

    let mut input = new_conversation(tono.id, "駅前の未来");
    input.region = Some(code("032085"));
    input.description = LocalizedText::from_options(Some("駅前広場について".into()), None);
    input.moderation_mode = ModerationMode::Pre;
    input.participation_mode = ParticipationMode::InvitationCode;
    input.invitation_code = Some(InvitationCode::parse("tono-2026").expect("code"));
    input.attribute_questions = vec![AttributeQuestion::AgeBand, AttributeQuestion::District];
    input.district_options = vec!["土淵町".to_owned(), "附馬牛町".to_owned()];
    let created = store
        .create_conversation(&input, moment(2_000))
        .await
        .expect("create");
    assert_eq!(
        created.state,
        ConversationState::Draft,
        "created as a draft"
    );
    assert_eq!(created.organisation, tono.id);
    assert_eq!(created.region, Some(code("032085")));
    assert_eq!(created.title, input.title);
    assert_eq!(created.question, input.question);
    assert_eq!(created.description.ja.as_deref(), Some("駅前広場について"));
    assert_eq!(created.description.en, None);
    assert_eq!(created.moderation_mode, ModerationMode::Pre);
    assert_eq!(
        created.participation_mode,
        ParticipationMode::InvitationCode
    );
    assert_eq!(
        created.invitation_code.as_ref().map(InvitationCode::as_str),
        Some("TONO-2026")
    );
    assert_eq!(created.attribute_questions, input.attribute_questions);
    assert_eq!(created.district_options, input.district_options);
    assert_eq!(created.created_at, moment(2_000));
    assert_eq!((created.opened_at, created.closed_at), (None, None));
    assert_eq!(store.conversation(created.id).await.expect("read"), created);
    assert!(matches!(
        store.conversation(ConversationId(-1)).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .create_conversation(&new_conversation(OrganisationId(-1), "x"), moment(2_000))
            .await,
        Err(StoreError::NotFound)
    ));

    // Editing replaces the settings and keeps the state and the times.
    let mut edit = new_conversation(tono.id, "駅前広場の未来");
    edit.attribute_questions = vec![AttributeQuestion::Relationship];
    let updated = store
        .update_conversation(created.id, &edit)
        .await
        .expect("update");
    assert_eq!(updated.title, edit.title);
    assert_eq!(updated.region, None);
    assert_eq!(updated.invitation_code, None);
    assert_eq!(
        updated.attribute_questions,
        [AttributeQuestion::Relationship]
    );
    assert!(updated.district_options.is_empty());
    assert_eq!(updated.created_at, created.created_at);
    assert_eq!(updated.state, ConversationState::Draft);
    assert!(matches!(
        store.update_conversation(ConversationId(-1), &edit).await,
        Err(StoreError::NotFound)
    ));

    // State changes stamp their times.
    let opened = store
        .set_conversation_state(created.id, ConversationState::Open, moment(3_000))
        .await
        .expect("open");
    assert_eq!(opened.state, ConversationState::Open);
    assert_eq!(
        (opened.opened_at, opened.closed_at),
        (Some(moment(3_000)), None)
    );
    let closed = store
        .set_conversation_state(created.id, ConversationState::Closed, moment(4_000))
        .await
        .expect("close");
    assert_eq!(
        (closed.opened_at, closed.closed_at),
        (Some(moment(3_000)), Some(moment(4_000)))
    );
    let reopened = store
        .set_conversation_state(created.id, ConversationState::Open, moment(5_000))
        .await
        .expect("reopen");
    assert_eq!(
        (reopened.opened_at, reopened.closed_at),
        (Some(moment(3_000)), None),
        "the first opening is kept; an open conversation has no closing time"
    );
    store
        .set_conversation_state(created.id, ConversationState::Closed, moment(6_000))
        .await
        .expect("close again");
    let archived = store
        .set_conversation_state(created.id, ConversationState::Archived, moment(7_000))
        .await
        .expect("archive");
    assert_eq!(archived.state, ConversationState::Archived);
    assert_eq!(archived.closed_at, Some(moment(6_000)));
    assert!(matches!(
        store
            .set_conversation_state(ConversationId(-1), ConversationState::Open, moment(1))
            .await,
        Err(StoreError::NotFound)
    ));

    // Lists: newest first, filtered.
    let draft = store
        .create_conversation(&new_conversation(tono.id, "下書き"), moment(8_000))
        .await
        .expect("draft");
    let mut in_region = new_conversation(alpha.id, "アルファの対話");
    in_region.region = Some(code("032085"));
    let alpha_open = store
        .create_conversation(&in_region, moment(9_000))
        .await
        .expect("alpha conversation");
    store
        .set_conversation_state(alpha_open.id, ConversationState::Open, moment(9_100))
        .await
        .expect("open alpha");
    let tono_open = store
        .create_conversation(&new_conversation(tono.id, "公開中"), moment(10_000))
        .await
        .expect("tono conversation");
    store
        .set_conversation_state(tono_open.id, ConversationState::Open, moment(10_100))
        .await
        .expect("open tono");

    let ids = |conversations: Vec<Conversation>| -> Vec<ConversationId> {
        conversations
            .iter()
            .map(|conversation| conversation.id)
            .collect()
    };
    let public = store
        .list_conversations(&ConversationFilter::default())
        .await
        .expect("public list");
    assert_eq!(ids(public), [tono_open.id, alpha_open.id]);
    let everything = store
        .list_conversations(&ConversationFilter {
            include_drafts: true,
            include_archived: true,
            ..ConversationFilter::default()
        })
        .await
        .expect("everything");
    assert_eq!(
        ids(everything),
        [tono_open.id, alpha_open.id, draft.id, created.id]
    );
    let tono_with_drafts = store
        .list_conversations(&ConversationFilter {
            organisation: Some(tono.id),
            include_drafts: true,
            ..ConversationFilter::default()
        })
        .await
        .expect("tono's");
    assert_eq!(ids(tono_with_drafts), [tono_open.id, draft.id]);
    let tono_archive = store
        .list_conversations(&ConversationFilter {
            organisation: Some(tono.id),
            region: Some(code("032085")),
            include_archived: true,
            ..ConversationFilter::default()
        })
        .await
        .expect("tono's in the region");
    assert!(
        tono_archive.is_empty(),
        "the archived one left the region when edited"
    );
    let in_tono_city = store
        .list_conversations(&ConversationFilter {
            region: Some(code("032085")),
            ..ConversationFilter::default()
        })
        .await
        .expect("by region");
    assert_eq!(ids(in_tono_city), [alpha_open.id]);
}

pub async fn facilitators(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let other = store
        .create_conversation(
            &new_conversation(conversation.organisation, "別の対話"),
            moment(1_000),
        )
        .await
        .expect("another conversation");
    let taro = store
        .create_user(&new_user("taro@example.jp", "Taro"), moment(1_000))
        .await
        .expect("taro");
    let hanako = store
        .create_user(&new_user("hanako@example.jp", "Hanako"), moment(1_000))
        .await
        .expect("hanako");

    assert!(
        store
            .facilitators(conversation.id)
            .await
            .expect("none")
            .is_empty()
    );
    for _ in 0..2 {
        store
            .add_facilitator(conversation.id, taro.id)
            .await
            .expect("idempotent");
    }
    store
        .add_facilitator(conversation.id, hanako.id)
        .await
        .expect("hanako");
    let names: Vec<String> = store
        .facilitators(conversation.id)
        .await
        .expect("list")
        .iter()
        .map(|user| user.display_name.to_string())
        .collect();
    assert_eq!(names, ["Hanako", "Taro"], "by display name, once each");
    assert!(
        store
            .is_facilitator(conversation.id, taro.id)
            .await
            .expect("is")
    );
    assert!(
        !store
            .is_facilitator(other.id, taro.id)
            .await
            .expect("is not")
    );
    assert!(matches!(
        store.add_facilitator(conversation.id, UserId(-1)).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.add_facilitator(ConversationId(-1), taro.id).await,
        Err(StoreError::NotFound)
    ));

    store
        .remove_facilitator(conversation.id, taro.id)
        .await
        .expect("remove");
    store
        .remove_facilitator(conversation.id, taro.id)
        .await
        .expect("removing again is fine");
    assert!(
        !store
            .is_facilitator(conversation.id, taro.id)
            .await
            .expect("gone")
    );
    assert_eq!(
        store
            .facilitators(conversation.id)
            .await
            .expect("list")
            .len(),
        1
    );
}

pub async fn participants(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let other = open_conversation(store, "alpha").await;
    let taro = store
        .create_user(&new_user("taro@example.jp", "Taro"), moment(1_000))
        .await
        .expect("taro");

    let attributes = BTreeMap::from([
        ("age_band".to_owned(), "30s".to_owned()),
        ("district".to_owned(), "土淵町".to_owned()),
    ]);
    let as_user = ParticipantIdentity::User(taro.id);
    let joined = store
        .join_conversation(conversation.id, &as_user, &attributes, moment(2_000))
        .await
        .expect("join");
    assert_eq!(joined.conversation, conversation.id);
    assert_eq!(joined.identity, as_user);
    assert_eq!(joined.attributes, attributes);
    assert!(!joined.banned);
    assert_eq!(joined.joined_at, moment(2_000));

    let again = store
        .join_conversation(conversation.id, &as_user, &BTreeMap::new(), moment(3_000))
        .await
        .expect("join again");
    assert_eq!(
        again, joined,
        "the same participant, attributes and time kept"
    );

    // The same text under another kind, or in another conversation, is someone else.
    let same_text_pseudonym = store
        .join_conversation(
            conversation.id,
            &pseudonym(&taro.id.0.to_string()),
            &BTreeMap::new(),
            moment(3_000),
        )
        .await
        .expect("pseudonym");
    let same_text_external = store
        .join_conversation(
            conversation.id,
            &ParticipantIdentity::External(taro.id.0.to_string()),
            &BTreeMap::new(),
            moment(3_000),
        )
        .await
        .expect("external");
    let elsewhere = store
        .join_conversation(other.id, &as_user, &BTreeMap::new(), moment(3_000))
        .await
        .expect("elsewhere");
    let distinct = [
        joined.id,
        same_text_pseudonym.id,
        same_text_external.id,
        elsewhere.id,
    ];
    for (index, id) in distinct.iter().enumerate() {
        assert!(!distinct[index + 1..].contains(id), "{distinct:?}");
    }
    assert_eq!(
        same_text_external.identity,
        ParticipantIdentity::External(taro.id.0.to_string())
    );

    assert_eq!(
        store
            .participant_by_identity(conversation.id, &as_user)
            .await
            .expect("by identity"),
        joined
    );
    assert!(matches!(
        store
            .participant_by_identity(conversation.id, &pseudonym("nobody"))
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .join_conversation(ConversationId(-1), &as_user, &BTreeMap::new(), moment(1))
            .await,
        Err(StoreError::NotFound)
    ));

    let new_attributes = BTreeMap::from([("relationship".to_owned(), "resident".to_owned())]);
    store
        .set_participant_attributes(joined.id, &new_attributes)
        .await
        .expect("attributes");
    store
        .set_participant_banned(same_text_pseudonym.id, true)
        .await
        .expect("ban");
    assert!(matches!(
        store.set_participant_banned(ParticipantId(-1), true).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .set_participant_attributes(ParticipantId(-1), &new_attributes)
            .await,
        Err(StoreError::NotFound)
    ));
    let reread = store.participant(joined.id).await.expect("reread");
    assert_eq!(reread.attributes, new_attributes);
    assert!(
        store
            .participant(same_text_pseudonym.id)
            .await
            .expect("banned")
            .banned
    );

    let listed = store.participants(conversation.id).await.expect("list");
    assert_eq!(
        listed
            .iter()
            .map(|participant| participant.id)
            .collect::<Vec<_>>(),
        [joined.id, same_text_pseudonym.id, same_text_external.id],
        "by id, this conversation only"
    );
    store
        .set_participant_banned(same_text_pseudonym.id, false)
        .await
        .expect("unban");
    assert!(
        !store
            .participant(same_text_pseudonym.id)
            .await
            .expect("unbanned")
            .banned
    );
}

pub async fn statements(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let other = open_conversation(store, "alpha").await;
    let author = join(store, conversation.id, "hanako").await;

    let seeded = seed(store, conversation.id, "駅前にベンチを増やすべきだ").await;
    assert!(seeded.is_seed);
    assert_eq!(seeded.author, None);
    assert_eq!(seeded.language, Locale::Ja);
    assert_eq!(seeded.moderation, ModerationStatus::Accepted);

    let written = store
        .add_statement(
            conversation.id,
            Some(author),
            &text("We need more buses"),
            false,
            ModerationStatus::Pending,
            moment(2_000),
        )
        .await
        .expect("participant's statement");
    assert_eq!(written.author, Some(author));
    assert_eq!(written.text.as_str(), "We need more buses");
    assert_eq!(written.language, Locale::En);
    assert_eq!(written.moderation, ModerationStatus::Pending);
    assert!(!written.is_seed && !written.is_meta);
    assert_eq!(written.rejection_reason, None);
    assert_eq!(written.created_at, moment(2_000));
    assert_eq!(store.statement(written.id).await.expect("read"), written);
    assert!(matches!(
        store.statement(StatementId(-1)).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .add_statement(
                ConversationId(-1),
                None,
                &text("x"),
                false,
                ModerationStatus::Pending,
                moment(1)
            )
            .await,
        Err(StoreError::NotFound)
    ));
    seed(store, other.id, "別の対話の意見").await;

    let rejected = store
        .set_statement_moderation(written.id, ModerationStatus::Rejected, Some("個人攻撃"))
        .await
        .expect("reject");
    assert_eq!(rejected.moderation, ModerationStatus::Rejected);
    assert_eq!(rejected.rejection_reason.as_deref(), Some("個人攻撃"));
    let accepted = store
        .set_statement_moderation(written.id, ModerationStatus::Accepted, None)
        .await
        .expect("accept");
    assert_eq!(accepted.moderation, ModerationStatus::Accepted);
    assert_eq!(accepted.rejection_reason, None, "an old reason is cleared");
    let meta = store
        .set_statement_meta(written.id, true)
        .await
        .expect("meta");
    assert!(meta.is_meta);
    assert!(matches!(
        store.set_statement_meta(StatementId(-1), true).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .set_statement_moderation(StatementId(-1), ModerationStatus::Accepted, None)
            .await,
        Err(StoreError::NotFound)
    ));

    let listed = store.statements(conversation.id).await.expect("list");
    assert_eq!(listed, [seeded, meta], "by id, this conversation only");
}

pub async fn votes(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let other = open_conversation(store, "alpha").await;
    let first = seed(store, conversation.id, "ベンチを増やす").await;
    let second = seed(store, conversation.id, "バスを増やす").await;
    let unvoted = seed(store, conversation.id, "図書館を夜まで開ける").await;
    let elsewhere = seed(store, other.id, "別の対話の意見").await;
    let hanako = join(store, conversation.id, "hanako").await;
    let taro = join(store, conversation.id, "taro").await;
    let troll = join(store, conversation.id, "troll").await;
    let outsider = join(store, other.id, "outsider").await;

    store
        .cast_vote(hanako, first.id, VoteChoice::Agree, moment(2_000))
        .await
        .expect("vote");
    store
        .cast_vote(hanako, first.id, VoteChoice::Disagree, moment(2_100))
        .await
        .expect("change of mind");
    store
        .cast_vote(hanako, second.id, VoteChoice::Pass, moment(2_200))
        .await
        .expect("pass");
    store
        .cast_vote(taro, first.id, VoteChoice::Disagree, moment(2_300))
        .await
        .expect("taro");
    store
        .cast_vote(troll, first.id, VoteChoice::Agree, moment(2_400))
        .await
        .expect("troll");
    store
        .cast_vote(outsider, elsewhere.id, VoteChoice::Agree, moment(2_500))
        .await
        .expect("another conversation's vote");

    assert!(matches!(
        store
            .cast_vote(hanako, StatementId(-1), VoteChoice::Agree, moment(1))
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .cast_vote(ParticipantId(-1), first.id, VoteChoice::Agree, moment(1))
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(
        matches!(
            store
                .cast_vote(outsider, first.id, VoteChoice::Agree, moment(1))
                .await,
            Err(StoreError::NotFound)
        ),
        "a participant votes only in their own conversation"
    );

    let hanakos = store.votes_of_participant(hanako).await.expect("hanako's");
    assert_eq!(
        hanakos,
        [
            VoteRecord {
                participant: hanako,
                statement: first.id,
                choice: VoteChoice::Disagree,
                at: moment(2_100),
            },
            VoteRecord {
                participant: hanako,
                statement: second.id,
                choice: VoteChoice::Pass,
                at: moment(2_200),
            },
        ],
        "the last vote wins"
    );
    let all = store.votes(conversation.id).await.expect("all");
    assert_eq!(all.len(), 4);
    assert_eq!(&all[..2], &hanakos[..]);
    assert_eq!(
        (all[2].participant, all[2].choice),
        (taro, VoteChoice::Disagree)
    );
    assert_eq!(
        (all[3].participant, all[3].choice),
        (troll, VoteChoice::Agree)
    );
    assert_eq!(store.count_votes(conversation.id).await.expect("count"), 4);
    assert_eq!(store.count_votes(other.id).await.expect("count"), 1);

    let tallies = store.tallies(conversation.id).await.expect("tallies");
    assert_eq!(
        tallies,
        BTreeMap::from([
            (
                first.id,
                StatementTally {
                    agree: 1,
                    disagree: 2,
                    pass: 0
                }
            ),
            (
                second.id,
                StatementTally {
                    agree: 0,
                    disagree: 0,
                    pass: 1
                }
            ),
            (unvoted.id, StatementTally::default()),
        ])
    );

    // A banned participant's votes stay stored but leave the tallies.
    store
        .set_participant_banned(troll, true)
        .await
        .expect("ban");
    let tallies = store.tallies(conversation.id).await.expect("tallies");
    assert_eq!(tallies[&first.id].agree, 0);
    assert_eq!(tallies[&first.id].disagree, 2);
    assert_eq!(store.count_votes(conversation.id).await.expect("count"), 4);
    assert_eq!(store.votes(conversation.id).await.expect("all").len(), 4);
}

pub async fn flags(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let other = open_conversation(store, "alpha").await;
    let rude = seed(store, conversation.id, "失礼な意見").await;
    let fine = seed(store, conversation.id, "普通の意見").await;
    let elsewhere = seed(store, other.id, "別の対話の意見").await;
    let hanako = join(store, conversation.id, "hanako").await;
    let taro = join(store, conversation.id, "taro").await;
    let outsider = join(store, other.id, "outsider").await;

    assert!(
        store
            .flag_counts(conversation.id)
            .await
            .expect("none")
            .is_empty()
    );
    for _ in 0..3 {
        store
            .flag_statement(rude.id, hanako, moment(2_000))
            .await
            .expect("idempotent per participant");
    }
    store
        .flag_statement(rude.id, taro, moment(2_100))
        .await
        .expect("taro");
    store
        .flag_statement(elsewhere.id, outsider, moment(2_200))
        .await
        .expect("elsewhere");
    assert!(matches!(
        store
            .flag_statement(StatementId(-1), hanako, moment(1))
            .await,
        Err(StoreError::NotFound)
    ));
    let counts = store.flag_counts(conversation.id).await.expect("counts");
    assert_eq!(counts, BTreeMap::from([(rude.id, 2)]));
    assert!(!counts.contains_key(&fine.id));
}

pub async fn fact_cards(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let other = open_conversation(store, "alpha").await;
    let statement = seed(store, conversation.id, "観光客を増やすべきだ").await;
    let elsewhere = seed(store, other.id, "別の対話の意見").await;
    let expert = store
        .create_user(&new_user("expert@example.jp", "Expert"), moment(1_000))
        .await
        .expect("expert");

    let visitors = NewFactCard {
        conversation: conversation.id,
        statement: Some(statement.id),
        text: LocalizedText::new("遠野市の観光客数", "Visitors to Tono"),
        source_citation: "遠野市 観光統計 2023".to_owned(),
        source_url: Some("https://www.city.tono.iwate.jp/".to_owned()),
        as_of: Some(date!(2023 - 12 - 31)),
        value: Some(1_234_567.5),
        unit: Some("人".to_owned()),
        author: expert.id,
    };
    let first = store
        .add_fact_card(&visitors, moment(2_000))
        .await
        .expect("card");
    assert_eq!(first.conversation, conversation.id);
    assert_eq!(first.statement, Some(statement.id));
    assert_eq!(first.text, visitors.text);
    assert_eq!(first.source_citation, visitors.source_citation);
    assert_eq!(first.source_url, visitors.source_url);
    assert_eq!(first.as_of, Some(date!(2023 - 12 - 31)));
    assert_eq!(first.value, Some(1_234_567.5));
    assert_eq!(first.unit.as_deref(), Some("人"));
    assert_eq!(first.author, expert.id);
    assert_eq!(first.created_at, moment(2_000));

    let general = NewFactCard {
        statement: None,
        source_url: None,
        as_of: None,
        value: None,
        unit: None,
        text: LocalizedText::from_options(Some("人口は減少傾向です".into()), None),
        ..visitors.clone()
    };
    let second = store
        .add_fact_card(&general, moment(3_000))
        .await
        .expect("general card");
    assert_eq!(second.statement, None);
    assert_eq!((second.value, second.as_of), (None, None));

    let wrong_statement = NewFactCard {
        statement: Some(elsewhere.id),
        ..visitors.clone()
    };
    assert!(matches!(
        store.add_fact_card(&wrong_statement, moment(1)).await,
        Err(StoreError::NotFound)
    ));
    let no_author = NewFactCard {
        author: UserId(-1),
        ..visitors.clone()
    };
    assert!(matches!(
        store.add_fact_card(&no_author, moment(1)).await,
        Err(StoreError::NotFound)
    ));

    assert_eq!(
        store.fact_cards(conversation.id).await.expect("list"),
        [first.clone(), second.clone()]
    );
    assert!(store.fact_cards(other.id).await.expect("none").is_empty());
    store.remove_fact_card(first.id).await.expect("remove");
    assert!(matches!(
        store.remove_fact_card(first.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.remove_fact_card(FactCardId(-1)).await,
        Err(StoreError::NotFound)
    ));
    assert_eq!(
        store.fact_cards(conversation.id).await.expect("list"),
        [second]
    );
}

pub async fn audit_log(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let other = open_conversation(store, "alpha").await;
    let facilitator = store
        .create_user(&new_user("taro@example.jp", "Taro"), moment(1_000))
        .await
        .expect("facilitator");
    let entry = |action, at, actor, target: Option<&str>, reason: Option<&str>| AuditEntry {
        conversation: conversation.id,
        actor,
        action,
        target: target.map(str::to_owned),
        reason: reason.map(str::to_owned),
        at: moment(at),
    };
    let entries = [
        entry(
            FacilitatorAction::CreateConversation,
            1_000,
            Some(facilitator.id),
            None,
            None,
        ),
        entry(
            FacilitatorAction::RejectStatement,
            2_000,
            Some(facilitator.id),
            Some("statement:12"),
            Some("個人攻撃"),
        ),
        // Same second as the one before: recording order breaks the tie.
        entry(
            FacilitatorAction::BanParticipant,
            2_000,
            Some(facilitator.id),
            Some("participant:5"),
            None,
        ),
        entry(FacilitatorAction::ImportPolis, 3_000, None, None, None),
    ];
    for audit in &entries {
        store.record_audit(audit).await.expect("record");
    }
    store
        .record_audit(&AuditEntry {
            conversation: other.id,
            ..entries[0].clone()
        })
        .await
        .expect("another conversation's");
    assert!(matches!(
        store
            .record_audit(&AuditEntry {
                conversation: ConversationId(-1),
                ..entries[0].clone()
            })
            .await,
        Err(StoreError::NotFound)
    ));
    let log = store.audit_log(conversation.id).await.expect("log");
    let expected: Vec<AuditEntry> = entries.iter().rev().cloned().collect();
    assert_eq!(log, expected, "newest first");
    assert_eq!(store.audit_log(other.id).await.expect("other").len(), 1);
}

pub async fn analyses(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let other = open_conversation(store, "alpha").await;
    assert_eq!(
        store.latest_analysis(conversation.id).await.expect("none"),
        None
    );

    let first = StoredAnalysis {
        conversation: conversation.id,
        json: r#"{"groups":2}"#.to_owned(),
        votes_seen: 10,
        computed_at: moment(2_000),
    };
    store.save_analysis(&first).await.expect("save");
    assert_eq!(
        store.latest_analysis(conversation.id).await.expect("saved"),
        Some(first)
    );
    let second = StoredAnalysis {
        conversation: conversation.id,
        json: r#"{"groups":3,"名前":"遠野"}"#.to_owned(),
        votes_seen: 25,
        computed_at: moment(3_000),
    };
    store.save_analysis(&second).await.expect("replace");
    assert_eq!(
        store
            .latest_analysis(conversation.id)
            .await
            .expect("replaced"),
        Some(second)
    );
    assert_eq!(
        store.analysis_stamp(conversation.id).await.expect("stamp"),
        Some((25, moment(3_000)))
    );
    assert_eq!(store.latest_analysis(other.id).await.expect("none"), None);
    assert_eq!(
        store.analysis_stamp(other.id).await.expect("no stamp"),
        None
    );
    assert!(matches!(
        store
            .save_analysis(&StoredAnalysis {
                conversation: ConversationId(-1),
                json: "{}".to_owned(),
                votes_seen: 0,
                computed_at: moment(1),
            })
            .await,
        Err(StoreError::NotFound)
    ));
}

/// 100 participants vote at once on one store handle; none may fail with "database is locked".
pub async fn concurrent_votes(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let statement = seed(store, conversation.id, "ベンチを増やす").await;
    let mut participants = Vec::new();
    for index in 0..100 {
        participants.push(join(store, conversation.id, &format!("voter-{index}")).await);
    }
    let mut tasks = tokio::task::JoinSet::new();
    for (index, participant) in participants.iter().copied().enumerate() {
        let store = store.clone();
        let statement = statement.id;
        tasks.spawn(async move {
            let choice = [VoteChoice::Agree, VoteChoice::Disagree, VoteChoice::Pass][index % 3];
            // Each votes twice, so half the writes are updates of a row another task is near.
            store
                .cast_vote(participant, statement, VoteChoice::Pass, moment(2_000))
                .await?;
            store
                .cast_vote(participant, statement, choice, moment(2_001))
                .await
        });
    }
    while let Some(result) = tasks.join_next().await {
        result.expect("the task ran").expect("every vote is stored");
    }
    assert_eq!(
        store.count_votes(conversation.id).await.expect("count"),
        100
    );
    assert_eq!(
        store.tallies(conversation.id).await.expect("tallies")[&statement.id],
        StatementTally {
            agree: 34,
            disagree: 33,
            pass: 33
        }
    );
}

/// An import of 20,000 votes (with repeats) in one call.
pub async fn bulk_votes(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let mut statements = Vec::new();
    for index in 0..100 {
        statements.push(
            seed(store, conversation.id, &format!("意見 {index}"))
                .await
                .id,
        );
    }
    let mut participants = Vec::new();
    for index in 0..200 {
        participants.push(
            store
                .join_conversation(
                    conversation.id,
                    &ParticipantIdentity::External(format!("polis-{index}")),
                    &BTreeMap::new(),
                    moment(1_500),
                )
                .await
                .expect("import participant")
                .id,
        );
    }
    // One earlier vote that the import replaces.
    store
        .cast_vote(
            participants[0],
            statements[0],
            VoteChoice::Pass,
            moment(1_600),
        )
        .await
        .expect("earlier vote");
    let choice_of = |p: usize, s: usize| match (p * 7 + s * 3) % 3 {
        0 => VoteChoice::Agree,
        1 => VoteChoice::Disagree,
        _ => VoteChoice::Pass,
    };
    let mut votes = Vec::with_capacity(20_000);
    for (p, participant) in participants.iter().enumerate() {
        for (s, statement) in statements.iter().enumerate() {
            votes.push(VoteRecord {
                participant: *participant,
                statement: *statement,
                choice: choice_of(p, s),
                at: moment(2_000 + (p * 100 + s) as i64),
            });
        }
    }
    // Repeats within the import: the later one wins.
    votes.push(VoteRecord {
        participant: participants[1],
        statement: statements[1],
        choice: VoteChoice::Agree,
        at: moment(99_999),
    });
    let started = std::time::Instant::now();
    store.cast_votes(&votes).await.expect("import");
    let elapsed = started.elapsed();
    assert!(
        elapsed < std::time::Duration::from_secs(30),
        "20,000 votes took {elapsed:?}"
    );

    assert_eq!(
        store.count_votes(conversation.id).await.expect("count"),
        20_000
    );
    let stored = store.votes(conversation.id).await.expect("votes");
    assert_eq!(stored.len(), 20_000);
    let replaced = stored
        .iter()
        .find(|vote| vote.participant == participants[1] && vote.statement == statements[1])
        .expect("the repeated vote");
    assert_eq!(
        (replaced.choice, replaced.at),
        (VoteChoice::Agree, moment(99_999))
    );
    let first = store
        .votes_of_participant(participants[0])
        .await
        .expect("first");
    assert_eq!(first.len(), 100);
    assert_eq!(
        first[0].choice,
        choice_of(0, 0),
        "the import replaced the earlier vote"
    );
    let agrees = store.tallies(conversation.id).await.expect("tallies")[&statements[5]].agree;
    let expected = (0..200)
        .filter(|p| choice_of(*p, 5) == VoteChoice::Agree)
        .count();
    assert_eq!(agrees, expected as i64);

    // All or nothing: one bad vote stores none of its batch-mates.
    let bad = [
        VoteRecord {
            participant: participants[2],
            statement: statements[2],
            choice: VoteChoice::Agree,
            at: moment(100_000),
        },
        VoteRecord {
            participant: participants[2],
            statement: StatementId(-1),
            choice: VoteChoice::Agree,
            at: moment(100_000),
        },
    ];
    assert!(matches!(
        store.cast_votes(&bad).await,
        Err(StoreError::NotFound)
    ));
    let untouched = store
        .votes_of_participant(participants[2])
        .await
        .expect("votes");
    assert_eq!(untouched[2].at, moment(2_000 + 2 * 100 + 2));
    store.cast_votes(&[]).await.expect("nothing to do");
}

/// The one-statement vote agrees with the rules the pages apply (`accepts_participation`,
/// `is_shown_to_participants`): it stores a vote exactly when every rule holds.
pub async fn checked_votes(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let other = open_conversation(store, "alpha").await;
    let accepted = seed(store, conversation.id, "ベンチを増やす").await;
    let elsewhere = seed(store, other.id, "別の対話の意見").await;
    let hanako = join(store, conversation.id, "hanako").await;
    let troll = join(store, conversation.id, "troll").await;
    let by_troll = store
        .add_statement(
            conversation.id,
            Some(troll),
            &text("荒らしの意見"),
            false,
            ModerationStatus::Accepted,
            moment(1_300),
        )
        .await
        .expect("statement by the troll");
    let pending = store
        .add_statement(
            conversation.id,
            Some(hanako),
            &text("審査待ちの意見"),
            false,
            ModerationStatus::Pending,
            moment(1_300),
        )
        .await
        .expect("pending statement");
    let rejected = seed(store, conversation.id, "却下される意見").await;
    store
        .set_statement_moderation(rejected.id, ModerationStatus::Rejected, Some("off topic"))
        .await
        .expect("reject");

    let vote = |identity: &str, statement: StatementId| {
        let identity = pseudonym(identity);
        async move {
            store
                .cast_vote_if_allowed(
                    conversation.id,
                    &identity,
                    statement,
                    VoteChoice::Agree,
                    moment(2_000),
                )
                .await
                .expect("checked vote")
        }
    };
    assert!(vote("hanako", accepted.id).await, "an accepted statement");
    assert!(
        vote("hanako", pending.id).await,
        "pending, under post-moderation"
    );
    assert!(
        vote("hanako", by_troll.id).await,
        "the author is not banned yet"
    );
    assert!(!vote("hanako", rejected.id).await, "a rejected statement");
    assert!(
        !vote("hanako", elsewhere.id).await,
        "another conversation's statement"
    );
    assert!(
        !vote("nobody", accepted.id).await,
        "someone who has not joined"
    );

    store
        .set_participant_banned(troll, true)
        .await
        .expect("ban");
    assert!(!vote("troll", accepted.id).await, "a banned voter");
    assert!(
        !vote("hanako", by_troll.id).await,
        "a banned author's statement"
    );

    let mut pre = new_conversation(conversation.organisation, "駅前の未来");
    pre.moderation_mode = ModerationMode::Pre;
    store
        .update_conversation(conversation.id, &pre)
        .await
        .expect("pre-moderation");
    assert!(
        !vote("hanako", pending.id).await,
        "pending, under pre-moderation"
    );
    assert!(
        vote("hanako", accepted.id).await,
        "accepted, under pre-moderation"
    );

    store
        .set_conversation_state(conversation.id, ConversationState::Closed, moment(3_000))
        .await
        .expect("close");
    assert!(!vote("hanako", accepted.id).await, "a closed conversation");

    let stored: BTreeMap<StatementId, VoteChoice> = store
        .votes_of_participant(hanako)
        .await
        .expect("votes")
        .into_iter()
        .map(|record| (record.statement, record.choice))
        .collect();
    assert_eq!(
        stored.keys().copied().collect::<Vec<_>>(),
        vec![accepted.id, by_troll.id, pending.id],
        "created in this order, so ids ascend"
    );
}

/// Votes that arrive together are written together (one transaction per batch), with the same
/// rules and answers as one at a time: allowed votes stored, the others refused, a participant's
/// two quick votes on one statement leave one row.
pub async fn batched_votes(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "tono-npo").await;
    let other = open_conversation(store, "alpha").await;
    let accepted = seed(store, conversation.id, "ベンチを増やす").await;
    let second = seed(store, conversation.id, "駅前に図書館を").await;
    let rejected = seed(store, conversation.id, "却下される意見").await;
    store
        .set_statement_moderation(rejected.id, ModerationStatus::Rejected, Some("off topic"))
        .await
        .expect("reject");
    let elsewhere = seed(store, other.id, "別の対話の意見").await;
    let voters: Vec<String> = (0..40).map(|index| format!("voter-{index}")).collect();
    for voter in &voters {
        join(store, conversation.id, voter).await;
    }
    let troll = join(store, conversation.id, "troll").await;
    store
        .set_participant_banned(troll, true)
        .await
        .expect("ban");

    // (voter, statement, choice, expected answer)
    let mut plan: Vec<(String, StatementId, VoteChoice, bool)> = Vec::new();
    for voter in &voters {
        plan.push((voter.clone(), accepted.id, VoteChoice::Agree, true));
        plan.push((voter.clone(), rejected.id, VoteChoice::Agree, false));
        plan.push((voter.clone(), elsewhere.id, VoteChoice::Agree, false));
    }
    for voter in &voters[..10] {
        plan.push((voter.clone(), second.id, VoteChoice::Agree, true));
        plan.push((voter.clone(), second.id, VoteChoice::Disagree, true));
    }
    plan.push(("troll".to_owned(), accepted.id, VoteChoice::Agree, false));
    plan.push(("nobody".to_owned(), accepted.id, VoteChoice::Agree, false));

    let mut tasks = Vec::new();
    for (voter, statement, choice, expected) in plan {
        let store = store.clone();
        let conversation = conversation.id;
        tasks.push(tokio::spawn(async move {
            let stored = store
                .cast_vote_if_allowed(
                    conversation,
                    &pseudonym(&voter),
                    statement,
                    choice,
                    moment(2_000),
                )
                .await
                .expect("checked vote");
            (voter, statement, stored, expected)
        }));
    }
    for task in tasks {
        let (voter, statement, stored, expected) = task.await.expect("vote task");
        assert_eq!(stored, expected, "{voter} on {statement:?}");
    }
    assert!(
        store.votes_written_in_batches() > 0,
        "132 simultaneous votes should have gone through the batch path"
    );
    // 40 on the accepted statement, one each for the ten who voted twice on the second.
    assert_eq!(store.count_votes(conversation.id).await.expect("count"), 50);
}
