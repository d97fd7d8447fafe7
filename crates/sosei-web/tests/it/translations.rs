//! Statements in two languages: an English reader sees a Japanese statement's translation with the
//! original one click away, votes on it count for the one statement, facilitators add
//! translations (and see how many are missing), nobody else may, and authors may give their own.

use axum::http::StatusCode;
use sosei_core::deliberation::{
    Conversation, ConversationState, ModerationMode, ModerationStatus, NewConversation,
    ParticipationMode, Statement, StatementText,
};
use sosei_core::statement_translation::{
    NewStatementTranslation, TranslationText, Translator, TranslatorKind,
};
use sosei_core::{
    Locale, LocalizedText, NewOrganisation, Organisation, OrganisationKind, OrganisationSlug, Role,
};
use time::OffsetDateTime;

use crate::{Browser, TestApp, hidden_field_value, spawn_app};

const PASSWORD: &str = "correct horse battery";
const JAPANESE: &str = "（火曜と金曜だけでも）駅前にバスを増やしてほしい";
const ENGLISH: &str = "More buses to the station, even just on Tuesdays and Fridays";

async fn organisation(app: &TestApp) -> Organisation {
    app.store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("oiso-forum").unwrap(),
                kind: OrganisationKind::Npo,
                name: LocalizedText::new("大磯まちづくり会議", "Oiso Town Forum"),
                description: LocalizedText::default(),
                website: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
}

async fn open_conversation(app: &TestApp, organisation: &Organisation) -> Conversation {
    let conversation = app
        .store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("駅前のこれから", "The station square"),
                question: LocalizedText::new("駅前をどうしますか", "What should the station be?"),
                description: LocalizedText::default(),
                moderation_mode: ModerationMode::Post,
                participation_mode: ParticipationMode::Anonymous,
                invitation_code: None,
                attribute_questions: Vec::new(),
                district_options: Vec::new(),
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    app.store
        .set_conversation_state(
            conversation.id,
            ConversationState::Open,
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
}

async fn seed(app: &TestApp, conversation: &Conversation, text: &str) -> Statement {
    app.store
        .add_statement(
            conversation.id,
            None,
            &StatementText::parse(text).unwrap(),
            true,
            ModerationStatus::Accepted,
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
}

async fn translate(app: &TestApp, statement: &Statement, text: &str) {
    app.store
        .save_statement_translation(
            &NewStatementTranslation::of(
                statement,
                TranslationText::parse(text).unwrap(),
                Translator::Volunteer { entered_by: None },
            ),
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
}

fn english_browser(app: &TestApp) -> Browser {
    let mut browser = app.browser();
    browser.accept_language = Some("en");
    browser
}

async fn join(browser: &mut Browser, conversation: &Conversation) {
    let response = browser
        .submit(&format!("/conversations/{}/join", conversation.id), &[])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
}

async fn facilitator(app: &TestApp, organisation: &Organisation, email: &str) -> Browser {
    let user = app.create_user(email, "Facilitator", PASSWORD, false).await;
    app.store
        .grant_role(organisation.id, user.id, Role::Facilitator)
        .await
        .unwrap();
    app.signed_in_browser(email, PASSWORD).await
}

/// The number shown for "Statements not translated" on the facilitator dashboard.
fn missing_on_dashboard(body: &str) -> usize {
    let label = body
        .find("Statements not translated")
        .unwrap_or_else(|| panic!("no missing-translations count: {body}"));
    let after = &body[label..];
    let link = after
        .find("translations=missing")
        .expect("the count links to the filter");
    let digits: String = after[link..]
        .chars()
        .skip_while(|c| *c != '>')
        .skip(1)
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().expect("a number")
}

#[tokio::test]
async fn an_english_reader_sees_the_translation_with_the_japanese_original_at_hand() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let conversation = open_conversation(&app, &organisation).await;
    let statement = seed(&app, &conversation, JAPANESE).await;
    translate(&app, &statement, ENGLISH).await;

    let mut reader = english_browser(&app);
    join(&mut reader, &conversation).await;
    let page = reader
        .get(&format!("/conversations/{}", conversation.id))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(ENGLISH), "{}", page.body);
    // The original, exactly as typed (full-width brackets kept), in a <details> marked Japanese.
    let details = page
        .body
        .find("<details class=\"statement-original\">")
        .expect("the original is one click away");
    let rest = &page.body[details..];
    assert!(
        rest.contains("Translated by a bilingual volunteer"),
        "{rest}"
    );
    assert!(rest.contains("Show the original (Japanese)"), "{rest}");
    // (The statement as stored: how statements are normalised is not this test's concern.)
    assert!(
        rest.contains(&format!("lang=\"ja\">{}</p>", statement.text.as_str())),
        "{rest}"
    );

    // A Japanese reader reads the original, with no translation note.
    let mut japanese_reader = app.browser();
    join(&mut japanese_reader, &conversation).await;
    let page = japanese_reader
        .get(&format!("/conversations/{}", conversation.id))
        .await;
    assert!(page.body.contains(statement.text.as_str()));
    assert!(!page.body.contains(ENGLISH));
    assert!(!page.body.contains("statement-original"));

    // An untranslated statement says so to the English reader.
    let other = seed(&app, &conversation, "図書館の開館時間を延ばしてほしい").await;
    let page = reader
        .get(&format!(
            "/conversations/{}/statements/{}",
            conversation.id, other.id
        ))
        .await;
    assert!(
        page.body
            .contains("has not been translated into English yet"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_vote_on_the_translation_counts_for_the_one_statement() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let conversation = open_conversation(&app, &organisation).await;
    let statement = seed(&app, &conversation, JAPANESE).await;
    translate(&app, &statement, ENGLISH).await;

    let mut english = english_browser(&app);
    join(&mut english, &conversation).await;
    let page = english
        .get(&format!("/conversations/{}", conversation.id))
        .await;
    assert!(page.body.contains(ENGLISH));
    let shown = hidden_field_value(&page.body, "statement_id").expect("a statement to vote on");
    assert_eq!(shown, statement.id.to_string());
    let mut japanese = app.browser();
    join(&mut japanese, &conversation).await;
    for browser in [&mut english, &mut japanese] {
        let response = browser
            .submit(
                &format!("/conversations/{}/votes", conversation.id),
                &[("statement_id", shown.as_str()), ("choice", "agree")],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    }

    // One statement, both votes on it.
    let tallies = app.store.tallies(conversation.id).await.unwrap();
    assert_eq!(tallies.len(), 1, "{tallies:?}");
    assert_eq!(tallies[&statement.id].agree, 2);
    let report = english
        .get(&format!("/conversations/{}/report.json", conversation.id))
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let json: serde_json::Value = serde_json::from_str(&report.body).unwrap();
    let statements = json["statements"].as_array().expect("statements");
    assert_eq!(statements.len(), 1, "{statements:?}");
    assert_eq!(statements[0]["agree"], 2);
    assert_eq!(statements[0]["text"], statement.text.as_str());
    assert_eq!(statements[0]["translation"]["text"], ENGLISH);
    assert_eq!(statements[0]["translation"]["translator"], "volunteer");

    // The report's page shows the English text with the original one click away.
    let report_page = english
        .get(&format!(
            "/conversations/{}/report?lang=en",
            conversation.id
        ))
        .await;
    assert_eq!(report_page.status, StatusCode::OK);
    assert!(report_page.body.contains(ENGLISH), "{}", report_page.body);
    assert!(
        report_page
            .body
            .contains(&format!("lang=\"ja\">{}</p>", statement.text.as_str()))
    );
}

#[tokio::test]
async fn a_facilitator_adds_a_translation_and_the_missing_count_drops() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let conversation = open_conversation(&app, &organisation).await;
    let japanese = seed(&app, &conversation, JAPANESE).await;
    seed(&app, &conversation, "More benches by the library").await;
    let mut browser = facilitator(&app, &organisation, "facilitator@example.jp").await;
    browser.accept_language = Some("en");

    let dashboard = format!("/conversations/{}/manage", conversation.id);
    let page = browser.get(&dashboard).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(missing_on_dashboard(&page.body), 2);
    let moderation = browser
        .get(&format!(
            "/conversations/{}/moderation?translations=missing",
            conversation.id
        ))
        .await;
    assert!(
        moderation.body.contains("(2 not translated)"),
        "{}",
        moderation.body
    );

    let action = format!(
        "/conversations/{}/moderation/statements/{}/translation",
        conversation.id, japanese.id
    );
    // A blank translation is sent back with a message; nothing is saved.
    let blank = browser
        .submit(&action, &[("text", "  "), ("translator", "facilitator")])
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        blank.body.contains("Enter the translation."),
        "{}",
        blank.body
    );
    // Japanese typed where English belongs is refused, and what was typed stays in the form.
    let wrong = browser
        .submit(
            &action,
            &[("text", "バスを増やして"), ("translator", "facilitator")],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("needs Latin letters"), "{}", wrong.body);
    assert!(
        wrong.body.contains("バスを増やして</textarea>"),
        "{}",
        wrong.body
    );
    assert!(
        app.store
            .statement_translations(conversation.id)
            .await
            .unwrap()
            .is_empty()
    );

    let saved = browser
        .submit(&action, &[("text", ENGLISH), ("translator", "facilitator")])
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let translations = app
        .store
        .statement_translations(conversation.id)
        .await
        .unwrap();
    assert_eq!(translations.len(), 1);
    assert_eq!(translations[0].language, Locale::En);
    assert_eq!(
        translations[0].translator.kind(),
        TranslatorKind::Facilitator
    );
    assert!(translations[0].translator.user().is_some());

    let page = browser.get(&dashboard).await;
    assert_eq!(missing_on_dashboard(&page.body), 1);
    let moderation = browser
        .get(&format!(
            "/conversations/{}/moderation?translations=missing",
            conversation.id
        ))
        .await;
    assert!(moderation.body.contains("(1 not translated)"));
    assert!(
        !moderation
            .body
            .contains(&format!("id=\"translation-{}\"", japanese.id))
    );
    // The audit log says who did it.
    let audit = browser
        .get(&format!("/conversations/{}/audit", conversation.id))
        .await;
    assert!(audit.body.contains("Saved a translation"), "{}", audit.body);
}

#[tokio::test]
async fn only_facilitators_may_add_a_translation() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let conversation = open_conversation(&app, &organisation).await;
    let statement = seed(&app, &conversation, JAPANESE).await;
    let action = format!(
        "/conversations/{}/moderation/statements/{}/translation",
        conversation.id, statement.id
    );
    let fields = [("text", ENGLISH), ("translator", "facilitator")];

    // A participant (signed in, no role) and an expert of the organisation are refused.
    app.create_user("resident@example.jp", "Resident", PASSWORD, false)
        .await;
    let mut resident = app.signed_in_browser("resident@example.jp", PASSWORD).await;
    join(&mut resident, &conversation).await;
    assert_eq!(
        resident.submit(&action, &fields).await.status,
        StatusCode::FORBIDDEN
    );
    let expert = app
        .create_user("expert@example.jp", "Expert", PASSWORD, false)
        .await;
    app.store
        .grant_role(organisation.id, expert.id, Role::Expert)
        .await
        .unwrap();
    let mut expert = app.signed_in_browser("expert@example.jp", PASSWORD).await;
    assert_eq!(
        expert.submit(&action, &fields).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        expert.submit(&format!("{action}/remove"), &[]).await.status,
        StatusCode::FORBIDDEN
    );
    // Not signed in: asked to sign in.
    let mut anonymous = app.browser();
    assert_eq!(
        anonymous.submit(&action, &fields).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(
        app.store
            .statement_translations(conversation.id)
            .await
            .unwrap()
            .is_empty()
    );

    // A facilitator of another organisation's conversation cannot reach this statement through
    // their own conversation either.
    let mut facilitator_browser = facilitator(&app, &organisation, "f@example.jp").await;
    let other_conversation = app
        .store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("別の話し合い", "Another"),
                question: LocalizedText::new("問い", "Question"),
                description: LocalizedText::default(),
                moderation_mode: ModerationMode::Post,
                participation_mode: ParticipationMode::Anonymous,
                invitation_code: None,
                attribute_questions: Vec::new(),
                district_options: Vec::new(),
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    let crossed = format!(
        "/conversations/{}/moderation/statements/{}/translation",
        other_conversation.id, statement.id
    );
    assert_eq!(
        facilitator_browser.submit(&crossed, &fields).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_author_may_give_a_translation_when_posting() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let conversation = open_conversation(&app, &organisation).await;
    let mut author = app.browser();
    join(&mut author, &conversation).await;
    let write = format!("/conversations/{}/statements", conversation.id);

    // A "translation" in the same language is sent back, the statement not posted.
    let refused = author
        .submit(
            &write,
            &[("text", JAPANESE), ("translation", "バスを増やして")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        app.store
            .statements(conversation.id)
            .await
            .unwrap()
            .is_empty()
    );

    let posted = author
        .submit(&write, &[("text", JAPANESE), ("translation", ENGLISH)])
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let statements = app.store.statements(conversation.id).await.unwrap();
    assert_eq!(statements.len(), 1);
    let translations = app
        .store
        .statement_translations(conversation.id)
        .await
        .unwrap();
    assert_eq!(translations.len(), 1);
    assert_eq!(translations[0].statement, statements[0].id);
    assert_eq!(translations[0].translator.kind(), TranslatorKind::Author);
    assert_eq!(translations[0].text.as_str(), ENGLISH);

    // Leaving the field blank posts without a translation.
    let plain = author
        .submit(&write, &[("text", "図書館をもっと使いやすく")])
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.store
            .statement_translations(conversation.id)
            .await
            .unwrap()
            .len(),
        1
    );
}

/// A machine translation provider for tests: "translates" by tagging the text.
struct BracketTranslator(sosei_core::statement_translation::MachineProviderName);

impl sosei_web::deliberation::translations::MachineTranslator for BracketTranslator {
    fn provider(&self) -> &sosei_core::statement_translation::MachineProviderName {
        &self.0
    }

    fn translate<'a>(
        &'a self,
        text: &'a str,
        _from: Locale,
        _to: Locale,
    ) -> std::pin::Pin<
        Box<
            dyn std::future::Future<
                    Output = Result<
                        String,
                        sosei_web::deliberation::translations::MachineTranslationError,
                    >,
                > + Send
                + 'a,
        >,
    > {
        Box::pin(async move { Ok(format!("Machine rendering of [{}]", text.chars().count())) })
    }
}

#[tokio::test]
async fn a_configured_machine_translation_is_offered_and_labelled_as_such() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let conversation = open_conversation(&app, &organisation).await;
    let statement = seed(&app, &conversation, JAPANESE).await;
    let mut browser = facilitator(&app, &organisation, "facilitator@example.jp").await;
    let machine_path = format!(
        "/conversations/{}/moderation/statements/{}/translation/machine",
        conversation.id, statement.id
    );
    // Without a provider (the default) there is no button and no route.
    let moderation = browser
        .get(&format!("/conversations/{}/moderation", conversation.id))
        .await;
    assert!(!moderation.body.contains("/translation/machine"));
    assert_eq!(
        browser.submit(&machine_path, &[]).await.status,
        StatusCode::NOT_FOUND
    );

    let provider =
        sosei_core::statement_translation::MachineProviderName::parse("Test MT").unwrap();
    let state = app
        .state
        .clone()
        .with_machine_translator(std::sync::Arc::new(BracketTranslator(provider)));
    browser.router = sosei_web::router(state);
    let moderation = browser
        .get(&format!("/conversations/{}/moderation", conversation.id))
        .await;
    assert!(
        moderation.body.contains("/translation/machine"),
        "{}",
        moderation.body
    );
    let made = browser.submit(&machine_path, &[]).await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let translations = app
        .store
        .statement_translations(conversation.id)
        .await
        .unwrap();
    assert_eq!(translations.len(), 1);
    assert_eq!(translations[0].translator.kind(), TranslatorKind::Machine);

    let mut reader = english_browser(&app);
    reader.router = browser.router.clone();
    join(&mut reader, &conversation).await;
    let page = reader
        .get(&format!("/conversations/{}", conversation.id))
        .await;
    assert!(page.body.contains("Machine rendering of"), "{}", page.body);
    assert!(
        page.body.contains("Machine translation (Test MT)"),
        "{}",
        page.body
    );
}
