//! Stories of statement translations: saved and replaced per statement and language, marked with
//! who made them, never into a statement's own language.

use sosei_core::deliberation::{
    ConversationState, ModerationMode, ModerationStatus, NewConversation, ParticipationMode,
    Statement, StatementText,
};
use sosei_core::statement_translation::{
    MachineProviderName, NewStatementTranslation, TranslationText, Translator, TranslatorKind,
};
use sosei_core::{ConversationId, Locale, LocalizedText, StatementId};
use sosei_store::{Store, StoreError};

use crate::{TestStore, moment, new_organisation, new_user};

async fn open_conversation(store: &Store, slug: &str) -> ConversationId {
    let organisation = store
        .create_organisation(&new_organisation(slug, "大磯の会"), moment(1_000))
        .await
        .expect("organisation");
    let conversation = store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("まちの未来", "The town's future"),
                question: LocalizedText::new("どうしますか", "What should we do?"),
                description: LocalizedText::default(),
                moderation_mode: ModerationMode::Post,
                participation_mode: ParticipationMode::Anonymous,
                invitation_code: None,
                attribute_questions: Vec::new(),
                district_options: Vec::new(),
            },
            moment(1_000),
        )
        .await
        .expect("conversation");
    store
        .set_conversation_state(conversation.id, ConversationState::Open, moment(1_100))
        .await
        .expect("open");
    conversation.id
}

async fn statement(store: &Store, conversation: ConversationId, raw: &str) -> Statement {
    store
        .add_statement(
            conversation,
            None,
            &StatementText::parse(raw).expect("a statement"),
            true,
            ModerationStatus::Accepted,
            moment(1_200),
        )
        .await
        .expect("statement")
}

fn translation_text(raw: &str) -> TranslationText {
    TranslationText::parse(raw).expect("a translation")
}

pub async fn translations_are_saved_replaced_and_listed(test_store: &TestStore) {
    let store = &test_store.store;
    let conversation = open_conversation(store, "oiso-kai").await;
    let other_conversation = open_conversation(store, "tono-kai").await;
    let japanese = statement(
        store,
        conversation,
        "（火曜と金曜だけでも）バスを増やしてほしい",
    )
    .await;
    let english = statement(store, conversation, "More benches by the station").await;
    let elsewhere = statement(store, other_conversation, "別の話し合いの意見").await;
    let facilitator = store
        .create_user(
            &new_user("facilitator@example.jp", "Facilitator"),
            moment(1_000),
        )
        .await
        .expect("facilitator");

    // A facilitator's translation, kept exactly as typed.
    let saved = store
        .save_statement_translation(
            &NewStatementTranslation::of(
                &japanese,
                translation_text("More buses (even just on Tuesdays and Fridays)？"),
                Translator::Facilitator {
                    user: Some(facilitator.id),
                },
            ),
            moment(2_000),
        )
        .await
        .expect("saved");
    assert_eq!(saved.statement, japanese.id);
    assert_eq!(saved.language, Locale::En);
    assert_eq!(
        saved.text.as_str(),
        "More buses (even just on Tuesdays and Fridays)？"
    );
    assert_eq!(saved.translator.kind(), TranslatorKind::Facilitator);
    assert_eq!(saved.translator.user(), Some(facilitator.id));
    assert_eq!(saved.created_at, moment(2_000));

    // A machine translation of the English statement, labelled with its provider.
    let machine = Translator::Machine {
        provider: MachineProviderName::parse("Example MT").expect("a name"),
    };
    store
        .save_statement_translation(
            &NewStatementTranslation::of(
                &english,
                translation_text("駅前にベンチを増やす"),
                machine.clone(),
            ),
            moment(2_100),
        )
        .await
        .expect("machine translation");

    // Saving again replaces the text and the translator, and keeps the creation time.
    let replaced = store
        .save_statement_translation(
            &NewStatementTranslation::of(
                &japanese,
                translation_text("More buses, even if only on Tuesdays and Fridays"),
                Translator::Volunteer {
                    entered_by: Some(facilitator.id),
                },
            ),
            moment(3_000),
        )
        .await
        .expect("replaced");
    assert_eq!(replaced.created_at, moment(2_000));
    assert_eq!(replaced.updated_at, moment(3_000));
    assert_eq!(replaced.translator.kind(), TranslatorKind::Volunteer);

    let listed = store
        .statement_translations(conversation)
        .await
        .expect("listed");
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(listed[0], replaced);
    assert_eq!(listed[1].statement, english.id);
    assert_eq!(listed[1].language, Locale::Ja);
    assert_eq!(listed[1].translator, machine);
    assert_eq!(listed[1].translator.user(), None);
    // Another conversation's list is its own.
    assert!(
        store
            .statement_translations(other_conversation)
            .await
            .expect("other list")
            .is_empty()
    );
    let _ = elsewhere;

    // Never into the statement's own language, never for a statement that does not exist.
    let same_language = NewStatementTranslation {
        statement: japanese.id,
        language: Locale::Ja,
        text: translation_text("バスを増やして"),
        translator: Translator::Author { user: None },
    };
    assert!(matches!(
        store
            .save_statement_translation(&same_language, moment(4_000))
            .await,
        Err(StoreError::NotFound)
    ));
    let missing = NewStatementTranslation {
        statement: StatementId(999_999),
        ..same_language.clone()
    };
    assert!(matches!(
        store
            .save_statement_translation(&missing, moment(4_000))
            .await,
        Err(StoreError::NotFound)
    ));

    // Removing one leaves the other; removing it twice is NotFound.
    store
        .remove_statement_translation(english.id, Locale::Ja)
        .await
        .expect("removed");
    assert!(matches!(
        store
            .remove_statement_translation(english.id, Locale::Ja)
            .await,
        Err(StoreError::NotFound)
    ));
    let listed = store
        .statement_translations(conversation)
        .await
        .expect("listed again");
    assert_eq!(listed.len(), 1);

    // Votes stay on the statement: the translation adds no statement to count.
    assert_eq!(store.tallies(conversation).await.expect("tallies").len(), 2);
}
