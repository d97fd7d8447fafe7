//! Taking part in a conversation: joining, voting with and without the script, writing,
//! moderation as participants see it, and flagging. Conversations are made directly in the store.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::header::{ACCEPT, CONTENT_TYPE, COOKIE};
use axum::http::{Method, Request, StatusCode};
use sosei_core::deliberation::{
    AttributeQuestion, Conversation, ConversationState, InvitationCode, ModerationMode,
    ModerationStatus, NewConversation, ParticipationMode, Statement, StatementText, VoteChoice,
};
use sosei_core::{LocalizedText, NewOrganisation, OrganisationKind, OrganisationSlug, StatementId};
use time::OffsetDateTime;
use tower::ServiceExt;

use crate::{Browser, TestApp, hidden_field_value, spawn_app};

struct Settings {
    participation: ParticipationMode,
    moderation: ModerationMode,
    questions: Vec<AttributeQuestion>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            participation: ParticipationMode::Anonymous,
            moderation: ModerationMode::Post,
            questions: Vec::new(),
        }
    }
}

/// An open conversation of a fresh organisation.
async fn open_conversation(app: &TestApp, settings: Settings) -> Conversation {
    let organisation = app
        .store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("tono-lab").expect("a slug"),
                kind: OrganisationKind::Npo,
                name: LocalizedText::new("遠野まちづくり会議", "Tono Town Forum"),
                description: LocalizedText::default(),
                website: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("create an organisation");
    let conversation = app
        .store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("駅前のこれから", "The station square"),
                question: LocalizedText::new(
                    "駅前広場をどう使うとよいでしょうか？",
                    "How should the station square be used?",
                ),
                description: LocalizedText::new("駅前広場の改修について。", "About the redesign."),
                moderation_mode: settings.moderation,
                participation_mode: settings.participation,
                invitation_code: Some(InvitationCode::parse("TONO-2026").expect("a code")),
                attribute_questions: settings.questions,
                district_options: vec!["土淵".to_owned(), "附馬牛".to_owned()],
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("create a conversation");
    app.store
        .set_conversation_state(
            conversation.id,
            ConversationState::Open,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("open the conversation")
}

async fn add_statement(
    app: &TestApp,
    conversation: &Conversation,
    text: &str,
    moderation: ModerationStatus,
) -> Statement {
    app.store
        .add_statement(
            conversation.id,
            None,
            &StatementText::parse(text).expect("a valid statement"),
            true,
            moderation,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("add a statement")
}

fn path(conversation: &Conversation) -> String {
    format!("/conversations/{}", conversation.id)
}

async fn join(browser: &mut Browser, conversation: &Conversation) {
    let response = browser
        .submit(&format!("{}/join", path(conversation)), &[])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
}

/// The statement the conversation page asks this browser to answer now.
async fn current_statement(browser: &mut Browser, conversation: &Conversation) -> Option<String> {
    let page = browser.get(&path(conversation)).await;
    assert_eq!(page.status, StatusCode::OK);
    hidden_field_value(&page.body, "statement_id")
}

async fn vote(
    browser: &mut Browser,
    conversation: &Conversation,
    statement: &str,
    choice: &str,
) -> crate::TestResponse {
    browser
        .submit(
            &format!("{}/votes", path(conversation)),
            &[("statement_id", statement), ("choice", choice)],
        )
        .await
}

/// The only participant of a conversation.
async fn only_participant(
    app: &TestApp,
    conversation: &Conversation,
) -> sosei_core::deliberation::Participant {
    let participants = app
        .store
        .participants(conversation.id)
        .await
        .expect("participants");
    assert_eq!(participants.len(), 1, "{participants:?}");
    participants.into_iter().next().expect("one participant")
}

#[tokio::test]
async fn joining_with_an_invitation_code_checks_the_code_and_keeps_the_answers() {
    let app = spawn_app().await;
    let conversation = open_conversation(
        &app,
        Settings {
            participation: ParticipationMode::InvitationCode,
            questions: vec![AttributeQuestion::AgeBand, AttributeQuestion::Relationship],
            ..Settings::default()
        },
    )
    .await;
    let mut browser = app.browser();
    let page = browser.get(&path(&conversation)).await;
    assert!(page.body.contains("招待コード"), "{}", page.body);
    assert!(page.body.contains("<legend>年代</legend>"), "{}", page.body);
    assert!(page.body.contains("答えない"));

    let join_path = format!("{}/join", path(&conversation));
    let wrong = browser
        .submit(
            &join_path,
            &[
                ("code", "TONO-2025"),
                ("age_band", "30s"),
                ("relationship", "resident"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        wrong.body.contains("招待コードが違います"),
        "{}",
        wrong.body
    );
    assert!(
        app.store
            .participants(conversation.id)
            .await
            .expect("participants")
            .is_empty(),
        "a wrong code creates no participant"
    );

    // Full-width letters, digits and hyphen, as a Japanese keyboard may type them.
    let right = browser
        .submit(
            &join_path,
            &[
                ("code", "ｔｏｎｏ－２０２６"),
                ("age_band", "30s"),
                ("relationship", "regular_visitor"),
            ],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
    let participant = only_participant(&app, &conversation).await;
    let expected: BTreeMap<String, String> = [
        ("age_band".to_owned(), "30s".to_owned()),
        ("relationship".to_owned(), "regular_visitor".to_owned()),
    ]
    .into();
    assert_eq!(participant.attributes, expected);
}

#[tokio::test]
async fn an_unanswered_attribute_question_is_explained() {
    let app = spawn_app().await;
    let conversation = open_conversation(
        &app,
        Settings {
            questions: vec![AttributeQuestion::District],
            ..Settings::default()
        },
    )
    .await;
    let mut browser = app.browser();
    let response = browser
        .submit(&format!("{}/join", path(&conversation)), &[])
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response.body.contains("「答えない」も選べます"),
        "{}",
        response.body
    );
    assert!(response.body.contains("href=\"#field-district\""));
    let joined = browser
        .submit(
            &format!("{}/join", path(&conversation)),
            &[("district", "附馬牛")],
        )
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER);
    let participant = only_participant(&app, &conversation).await;
    assert_eq!(
        participant.attributes.get("district").map(String::as_str),
        Some("附馬牛")
    );
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in_for_a_signed_in_conversation() {
    let app = spawn_app().await;
    let conversation = open_conversation(
        &app,
        Settings {
            participation: ParticipationMode::SignedIn,
            ..Settings::default()
        },
    )
    .await;
    let mut browser = app.browser();
    let page = browser.get(&path(&conversation)).await;
    let expected_link = format!("/sign-in?return_to=%2Fconversations%2F{}", conversation.id);
    assert!(page.body.contains(&expected_link), "{}", page.body);
    let response = browser
        .submit(&format!("{}/join", path(&conversation)), &[])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.location(), Some(expected_link.as_str()));
    assert!(
        app.store
            .participants(conversation.id)
            .await
            .expect("participants")
            .is_empty()
    );
}

#[tokio::test]
async fn a_plain_form_vote_is_stored_and_answered_with_a_redirect() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, Settings::default()).await;
    let statement = add_statement(
        &app,
        &conversation,
        "駅前にベンチを増やしてほしい",
        ModerationStatus::Accepted,
    )
    .await;
    let mut browser = app.browser();
    join(&mut browser, &conversation).await;
    let shown = current_statement(&mut browser, &conversation)
        .await
        .expect("a statement to answer");
    assert_eq!(shown, statement.id.to_string());
    let page = browser.get(&path(&conversation)).await;
    assert!(page.body.contains("1件中 0件に回答"), "{}", page.body);
    assert!(
        page.body.contains(">賛成<") || page.body.contains("賛成</button>"),
        "{}",
        page.body
    );

    let response = vote(&mut browser, &conversation, &shown, "disagree").await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(
        response.location(),
        Some(format!("{}#taking-part", path(&conversation)).as_str())
    );
    let participant = only_participant(&app, &conversation).await;
    let votes = app
        .store
        .votes_of_participant(participant.id)
        .await
        .expect("votes");
    assert_eq!(votes.len(), 1);
    assert_eq!(votes[0].statement, statement.id);
    assert_eq!(votes[0].choice, VoteChoice::Disagree);

    // The history links to the statement, where the vote can be changed.
    let page = browser.get(&path(&conversation)).await;
    assert!(page.body.contains("1件中 1件に回答"), "{}", page.body);
    let statement_path = format!("{}/statements/{}", path(&conversation), statement.id);
    assert!(page.body.contains(&statement_path));
    let detail = browser.get(&statement_path).await;
    assert!(
        detail.body.contains("あなたの回答：反対"),
        "{}",
        detail.body
    );
    let changed = vote(&mut browser, &conversation, &shown, "agree").await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    let votes = app
        .store
        .votes_of_participant(participant.id)
        .await
        .expect("votes");
    assert_eq!(votes.len(), 1);
    assert_eq!(votes[0].choice, VoteChoice::Agree);
}

#[tokio::test]
async fn a_json_vote_returns_the_next_statement() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, Settings::default()).await;
    let first = add_statement(
        &app,
        &conversation,
        "駅前にベンチを増やしてほしい",
        ModerationStatus::Accepted,
    )
    .await;
    let second = add_statement(
        &app,
        &conversation,
        "図書館を夜まで開けてほしい",
        ModerationStatus::Accepted,
    )
    .await;
    let mut browser = app.browser();
    join(&mut browser, &conversation).await;
    let shown = current_statement(&mut browser, &conversation)
        .await
        .expect("a statement");
    let (next, next_text) = if shown == first.id.to_string() {
        (second.id, second.text.as_str().to_owned())
    } else {
        (first.id, first.text.as_str().to_owned())
    };

    let token = browser.csrf_token().await;
    let cookies = browser
        .cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ");
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("statement_id", shown.as_str()), ("choice", "pass")])
        .finish();
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!("{}/votes", path(&conversation)))
        .header(COOKIE, cookies)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ACCEPT, "application/json")
        .header("X-CSRF-Token", token)
        .body(Body::from(body))
        .expect("a request");
    let response = app
        .router
        .clone()
        .oneshot(request)
        .await
        .expect("a response");
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    let json: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(json["next_statement"].as_i64(), Some(next.0));
    let html = json["html"].as_str().expect("the fragment");
    assert!(html.contains(&next_text), "{html}");
    assert!(html.contains("id=\"voting-area\""));
    assert!(html.contains("2件中 1件に回答"), "{html}");
    assert!(
        json["announcement"]
            .as_str()
            .is_some_and(|text| text.contains("パス")),
        "{json}"
    );
}

#[tokio::test]
async fn a_participant_never_gets_the_same_statement_twice() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, Settings::default()).await;
    let texts = [
        "駅前にベンチを増やしてほしい",
        "図書館を夜まで開けてほしい",
        "朝市を毎週開いてほしい",
        "空き家を若い人に貸してほしい",
        "バスを一時間に一本は走らせてほしい",
        "We should hold events in English too",
    ];
    for text in texts {
        add_statement(&app, &conversation, text, ModerationStatus::Accepted).await;
    }
    let mut browser = app.browser();
    join(&mut browser, &conversation).await;
    let mut seen = Vec::new();
    while let Some(statement) = current_statement(&mut browser, &conversation).await {
        assert!(
            !seen.contains(&statement),
            "{statement} shown twice (after {seen:?})"
        );
        // A reload before voting shows the same statement.
        assert_eq!(
            current_statement(&mut browser, &conversation)
                .await
                .as_deref(),
            Some(statement.as_str())
        );
        let choice = ["agree", "disagree", "pass"][seen.len() % 3];
        assert_eq!(
            vote(&mut browser, &conversation, &statement, choice)
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        seen.push(statement);
        assert!(seen.len() <= texts.len());
    }
    assert_eq!(seen.len(), texts.len());
    let page = browser.get(&path(&conversation)).await;
    assert!(
        page.body.contains("すべての意見に回答しました"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn pending_statements_under_pre_moderation_are_never_shown_to_others() {
    let app = spawn_app().await;
    let conversation = open_conversation(
        &app,
        Settings {
            moderation: ModerationMode::Pre,
            ..Settings::default()
        },
    )
    .await;
    let mut writer = app.browser();
    join(&mut writer, &conversation).await;
    let text = "駅前に屋根付きの駐輪場がほしい";
    let posted = writer
        .submit(
            &format!("{}/statements", path(&conversation)),
            &[("text", text)],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    assert!(
        posted
            .location()
            .is_some_and(|l| l.contains("posted=review"))
    );
    let page = writer.get(posted.location().expect("a location")).await;
    assert!(
        page.body.contains("確認したあとに公開されます"),
        "{}",
        page.body
    );

    let statements = app
        .store
        .statements(conversation.id)
        .await
        .expect("statements");
    assert_eq!(statements.len(), 1);
    let pending = &statements[0];
    assert_eq!(pending.moderation, ModerationStatus::Pending);
    // The writer's own statement counts as their agreement.
    let writer_votes = app
        .store
        .votes_of_participant(pending.author.expect("an author"))
        .await
        .expect("votes");
    assert_eq!(writer_votes.len(), 1);
    assert_eq!(writer_votes[0].choice, VoteChoice::Agree);

    let mut other = app.browser();
    join(&mut other, &conversation).await;
    let page = other.get(&path(&conversation)).await;
    assert!(!page.body.contains(text), "{}", page.body);
    assert_eq!(hidden_field_value(&page.body, "statement_id"), None);
    let statement_path = format!("{}/statements/{}", path(&conversation), pending.id);
    assert_eq!(
        other.get(&statement_path).await.status,
        StatusCode::NOT_FOUND
    );
    let refused = vote(&mut other, &conversation, &pending.id.to_string(), "agree").await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);

    // Once accepted, everyone sees it.
    app.store
        .set_statement_moderation(pending.id, ModerationStatus::Accepted, None)
        .await
        .expect("accept");
    assert_eq!(
        current_statement(&mut other, &conversation).await,
        Some(pending.id.to_string())
    );
}

#[tokio::test]
async fn rejected_statements_and_those_of_banned_authors_are_never_shown() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, Settings::default()).await;
    let kept = add_statement(
        &app,
        &conversation,
        "朝市を毎週開いてほしい",
        ModerationStatus::Accepted,
    )
    .await;
    let rejected = add_statement(
        &app,
        &conversation,
        "ひどい悪口の意見",
        ModerationStatus::Accepted,
    )
    .await;
    app.store
        .set_statement_moderation(rejected.id, ModerationStatus::Rejected, Some("個人攻撃"))
        .await
        .expect("reject");

    // A banned participant's statement disappears too.
    let mut troll = app.browser();
    join(&mut troll, &conversation).await;
    let troll_text = "荒らしの書いた意見です";
    let posted = troll
        .submit(
            &format!("{}/statements", path(&conversation)),
            &[("text", troll_text)],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER);
    let troll_participant = only_participant(&app, &conversation).await;
    app.store
        .set_participant_banned(troll_participant.id, true)
        .await
        .expect("ban");
    let refused = vote(&mut troll, &conversation, &kept.id.to_string(), "agree").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(
        refused.body.contains("参加できなくなっています"),
        "{}",
        refused.body
    );

    let mut browser = app.browser();
    join(&mut browser, &conversation).await;
    let mut shown = Vec::new();
    while let Some(statement) = current_statement(&mut browser, &conversation).await {
        vote(&mut browser, &conversation, &statement, "agree").await;
        shown.push(statement);
        assert!(shown.len() <= 3);
    }
    assert_eq!(shown, vec![kept.id.to_string()]);
    let page = browser.get(&path(&conversation)).await;
    assert!(!page.body.contains("悪口") && !page.body.contains(troll_text));
    let rejected_path = format!("{}/statements/{}", path(&conversation), rejected.id);
    assert_eq!(
        browser.get(&rejected_path).await.status,
        StatusCode::NOT_FOUND
    );
    let list = browser.get("/conversations").await;
    assert!(list.body.contains("意見 1件"), "{}", list.body);
}

#[tokio::test]
async fn a_near_duplicate_is_shown_and_posted_only_when_confirmed() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, Settings::default()).await;
    let existing = add_statement(
        &app,
        &conversation,
        "バスの本数を増やすべきだ",
        ModerationStatus::Accepted,
    )
    .await;
    let mut browser = app.browser();
    join(&mut browser, &conversation).await;
    let write_path = format!("{}/statements", path(&conversation));
    let draft = "ばすの本数を増やすべきだ。";

    let first = browser.submit(&write_path, &[("text", draft)]).await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(
        first.body.contains("似た意見がすでにあります"),
        "{}",
        first.body
    );
    assert!(first.body.contains(existing.text.as_str()));
    assert!(first.body.contains(&format!(
        "{}/statements/{}",
        path(&conversation),
        existing.id
    )));
    assert!(first.body.contains(draft), "the draft is kept");
    assert!(first.body.contains("name=\"confirm_duplicate\""));
    assert_eq!(
        app.store
            .statements(conversation.id)
            .await
            .expect("statements")
            .len(),
        1
    );

    let confirmed = browser
        .submit(&write_path, &[("text", draft), ("confirm_duplicate", "1")])
        .await;
    assert_eq!(
        confirmed.status,
        StatusCode::SEE_OTHER,
        "{}",
        confirmed.body
    );
    assert!(
        confirmed
            .location()
            .is_some_and(|l| l.contains("posted=published"))
    );
    let statements = app
        .store
        .statements(conversation.id)
        .await
        .expect("statements");
    assert_eq!(statements.len(), 2);
    assert_eq!(statements[1].text.as_str(), "ばすの本数を増やすべきだ。");
}

#[tokio::test]
async fn a_statement_that_is_too_long_is_refused_with_the_text_kept() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, Settings::default()).await;
    let mut browser = app.browser();
    join(&mut browser, &conversation).await;
    let long = "駅".repeat(141);
    let response = browser
        .submit(
            &format!("{}/statements", path(&conversation)),
            &[("text", &long)],
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response.body.contains("日本語なら140文字"),
        "{}",
        response.body
    );
    assert!(response.body.contains(&long), "the text is kept");
    assert!(response.body.contains("aria-invalid=\"true\""));
    assert!(
        app.store
            .statements(conversation.id)
            .await
            .expect("statements")
            .is_empty()
    );
    // 140 Japanese characters fit.
    let fits = browser
        .submit(
            &format!("{}/statements", path(&conversation)),
            &[("text", &"駅".repeat(140))],
        )
        .await;
    assert_eq!(fits.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn voting_on_a_closed_conversation_is_refused() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, Settings::default()).await;
    let statement = add_statement(
        &app,
        &conversation,
        "駅前にベンチを増やしてほしい",
        ModerationStatus::Accepted,
    )
    .await;
    let mut browser = app.browser();
    join(&mut browser, &conversation).await;
    app.store
        .set_conversation_state(
            conversation.id,
            ConversationState::Closed,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("close");
    let response = vote(
        &mut browser,
        &conversation,
        &statement.id.to_string(),
        "agree",
    )
    .await;
    assert_eq!(response.status, StatusCode::CONFLICT);
    assert!(
        response.body.contains("受付を終了しています"),
        "{}",
        response.body
    );
    let participant = only_participant(&app, &conversation).await;
    assert!(
        app.store
            .votes_of_participant(participant.id)
            .await
            .expect("votes")
            .is_empty()
    );
    let page = browser.get(&path(&conversation)).await;
    assert!(page.body.contains("受付を終了しています"));
    assert_eq!(hidden_field_value(&page.body, "statement_id"), None);
}

#[tokio::test]
async fn flagging_is_idempotent_and_confirmed() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, Settings::default()).await;
    let statement = add_statement(
        &app,
        &conversation,
        "駅前にベンチを増やしてほしい",
        ModerationStatus::Accepted,
    )
    .await;
    let mut browser = app.browser();
    join(&mut browser, &conversation).await;
    let flag_path = format!("{}/statements/{}/flag", path(&conversation), statement.id);
    for _ in 0..2 {
        let response = browser.submit(&flag_path, &[]).await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
        let page = browser.get(response.location().expect("a location")).await;
        assert!(
            page.body.contains("ファシリテーターに報告しました"),
            "{}",
            page.body
        );
    }
    let counts = app
        .store
        .flag_counts(conversation.id)
        .await
        .expect("flag counts");
    assert_eq!(counts.get(&statement.id), Some(&1));
    assert_eq!(counts.get(&StatementId(statement.id.0 + 1000)), None);
}

#[tokio::test]
async fn the_list_shows_open_and_closed_conversations_with_counts() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, Settings::default()).await;
    add_statement(
        &app,
        &conversation,
        "駅前にベンチを増やしてほしい",
        ModerationStatus::Accepted,
    )
    .await;
    let mut browser = app.browser();
    join(&mut browser, &conversation).await;
    let list = browser.get("/conversations").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("駅前のこれから"), "{}", list.body);
    assert!(list.body.contains("駅前広場をどう使うとよいでしょうか？"));
    assert!(list.body.contains("遠野まちづくり会議"));
    assert!(list.body.contains("参加者 1人・意見 1件"), "{}", list.body);
    assert!(list.body.contains("受付中"));

    let page = browser.get(&path(&conversation)).await;
    assert!(page.body.contains("/assets/deliberation.js"));
    assert_eq!(
        browser.get("/assets/deliberation.js").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn fact_cards_are_shown_beside_their_statement_and_on_the_conversation() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, Settings::default()).await;
    let statement = add_statement(
        &app,
        &conversation,
        "観光客向けの駐車場を増やすべきだ",
        ModerationStatus::Accepted,
    )
    .await;
    let expert = app
        .create_user(
            "expert@example.jp",
            "統計 花子",
            "correct horse battery",
            false,
        )
        .await;
    let card = |statement: Option<StatementId>, text: &str, value: Option<f64>| {
        sosei_core::deliberation::NewFactCard {
            conversation: conversation.id,
            statement,
            text: LocalizedText::new(text, "Visitors per year"),
            source_citation: "遠野市 観光統計 2023".to_owned(),
            source_url: Some("https://www.city.tono.iwate.jp/stats".to_owned()),
            as_of: Some(time::macros::date!(2023 - 03 - 31)),
            value,
            unit: value.map(|_| "人".to_owned()),
            author: expert.id,
        }
    };
    app.store
        .add_fact_card(
            &card(Some(statement.id), "年間の観光客数", Some(26_000.0)),
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("a statement fact card");
    app.store
        .add_fact_card(
            &card(None, "駅前広場の面積は約2,000㎡です", None),
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("a conversation fact card");

    let mut browser = app.browser();
    let before_joining = browser.get(&path(&conversation)).await;
    assert!(
        before_joining.body.contains("駅前広場の面積"),
        "conversation facts show before joining"
    );
    join(&mut browser, &conversation).await;
    let page = browser.get(&path(&conversation)).await;
    assert!(page.body.contains("事実・データ"), "{}", page.body);
    assert!(page.body.contains("年間の観光客数"));
    assert!(page.body.contains("26,000"), "{}", page.body);
    assert!(
        page.body
            .contains("href=\"https://www.city.tono.iwate.jp/stats\"")
    );
    assert!(page.body.contains("遠野市 観光統計 2023"));
    assert!(page.body.contains("2023年3月31日時点"), "{}", page.body);
}
