//! Facilitating a conversation: settings, states, seed statements, moderation with its audit
//! log, bans, and fact cards — each through the real router on a fresh SQLite database.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use sosei_core::deliberation::{
    ConversationState, FacilitatorAction, ModerationStatus, ParticipantIdentity, StatementText,
    VoteChoice,
};
use sosei_core::{
    ConversationId, LocalizedText, NewOrganisation, Organisation, OrganisationKind,
    OrganisationSlug, Role, StatementId, User,
};
use time::OffsetDateTime;

use crate::{Browser, TestApp, spawn_app};

const PASSWORD: &str = "correct horse battery";

async fn organisation(app: &TestApp) -> Organisation {
    app.store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("tono-city").unwrap(),
                kind: OrganisationKind::Municipality,
                name: LocalizedText::new("遠野市", "Tono City"),
                description: LocalizedText::default(),
                website: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
}

/// A person holding `role` in `organisation`, and their signed-in browser.
async fn person(
    app: &TestApp,
    organisation: &Organisation,
    email: &str,
    name: &str,
    role: Role,
) -> (User, Browser) {
    let user = app.create_user(email, name, PASSWORD, false).await;
    app.store
        .grant_role(organisation.id, user.id, role)
        .await
        .unwrap();
    let browser = app.signed_in_browser(email, PASSWORD).await;
    (user, browser)
}

fn conversation_fields(organisation: &Organisation) -> Vec<(&'static str, String)> {
    vec![
        ("organisation", organisation.id.0.to_string()),
        ("title_ja", "駅前広場の未来".into()),
        ("title_en", "The future of the station square".into()),
        ("question_ja", "駅前広場をどう使いたいですか".into()),
        ("question_en", String::new()),
        ("description_ja", "市の計画の参考にします。".into()),
        ("moderation_mode", "pre".into()),
        ("participation_mode", "anonymous".into()),
        ("ask_district", "on".into()),
        ("districts", "土淵町\n附馬牛町".into()),
    ]
}

/// Replace or add one form field (a form sends each name once).
fn set(fields: &mut Vec<(&'static str, String)>, name: &'static str, value: &str) {
    fields.retain(|(field, _)| *field != name);
    fields.push((name, value.to_owned()));
}

async fn submit(
    browser: &mut Browser,
    path: &str,
    fields: &[(&str, String)],
) -> crate::TestResponse {
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    browser.submit(path, &borrowed).await
}

/// The id at the end of a `/conversations/{id}/manage…` redirect.
fn conversation_from_redirect(response: &crate::TestResponse) -> ConversationId {
    let location = response.location().expect("a redirect");
    let id = location
        .strip_prefix("/conversations/")
        .and_then(|rest| rest.split('/').next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("unexpected redirect {location}"));
    ConversationId(id)
}

/// A conversation created through the form by an organisation facilitator.
async fn facilitated_conversation() -> (TestApp, Organisation, User, Browser, ConversationId) {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let (user, mut browser) = person(
        &app,
        &organisation,
        "facilitator@example.jp",
        "佐藤",
        Role::Facilitator,
    )
    .await;
    let response = submit(
        &mut browser,
        "/conversations/new",
        &conversation_fields(&organisation),
    )
    .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let id = conversation_from_redirect(&response);
    (app, organisation, user, browser, id)
}

async fn actions(app: &TestApp, id: ConversationId) -> Vec<FacilitatorAction> {
    app.store
        .audit_log(id)
        .await
        .unwrap()
        .into_iter()
        .map(|entry| entry.action)
        .collect()
}

#[tokio::test]
async fn an_organisation_facilitator_creates_a_draft_conversation() {
    let (app, organisation, user, mut browser, id) = facilitated_conversation().await;
    let conversation = app.store.conversation(id).await.unwrap();
    assert_eq!(conversation.organisation, organisation.id);
    assert_eq!(conversation.state, ConversationState::Draft);
    assert_eq!(conversation.title.ja.as_deref(), Some("駅前広場の未来"));
    assert_eq!(conversation.question.en, None);
    assert_eq!(conversation.district_options, vec!["土淵町", "附馬牛町"]);

    let log = app.store.audit_log(id).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, FacilitatorAction::CreateConversation);
    assert_eq!(log[0].actor, Some(user.id));

    let dashboard = browser.get(&format!("/conversations/{id}/manage")).await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert!(
        dashboard.body.contains("話し合いの運営"),
        "{}",
        dashboard.body
    );
    assert!(dashboard.body.contains("公開する"));
    let audit = browser.get(&format!("/conversations/{id}/audit")).await;
    assert!(audit.body.contains("話し合いを作成") && audit.body.contains("佐藤"));
}

#[tokio::test]
async fn a_member_without_the_role_may_not_create_or_manage() {
    let (app, organisation, _, _, id) = facilitated_conversation().await;
    let (_, mut member) = person(
        &app,
        &organisation,
        "member@example.jp",
        "鈴木",
        Role::Member,
    )
    .await;
    assert_eq!(
        member.get("/conversations/new").await.status,
        StatusCode::FORBIDDEN
    );
    let response = submit(
        &mut member,
        "/conversations/new",
        &conversation_fields(&organisation),
    )
    .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    for path in ["manage", "edit", "moderation", "audit", "facts"] {
        let response = member.get(&format!("/conversations/{id}/{path}")).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{path}");
    }
    let response = member
        .submit(&format!("/conversations/{id}/state"), &[("state", "open")])
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);

    let mut stranger = app.browser();
    let response = stranger.get(&format!("/conversations/{id}/manage")).await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn bad_settings_are_sent_back_with_errors_and_the_input_kept() {
    let (app, organisation, _, mut browser, id) = facilitated_conversation().await;
    let mut fields = conversation_fields(&organisation);
    set(&mut fields, "title_ja", "   ");
    set(&mut fields, "title_en", "");
    set(&mut fields, "participation_mode", "invitation_code");
    set(&mut fields, "invitation_code", "ab");
    set(&mut fields, "region_code", "99999");
    set(&mut fields, "description_en", "Kept as typed <b>");
    let response = submit(&mut browser, &format!("/conversations/{id}/edit"), &fields).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &response.body;
    assert!(
        body.contains("タイトルを日本語か英語で入力してください"),
        "{body}"
    );
    assert!(body.contains("招待コードは、半角英数字とハイフンで4〜32文字です"));
    assert!(body.contains("href=\"#field-invitation-code\""));
    assert!(body.contains("aria-invalid=\"true\""));
    assert!(
        body.contains("Kept as typed &lt;b&gt;"),
        "input is kept, escaped"
    );
    assert!(body.contains("value=\"ab\""));
    // Nothing changed, nothing logged.
    let conversation = app.store.conversation(id).await.unwrap();
    assert_eq!(conversation.title.ja.as_deref(), Some("駅前広場の未来"));
    assert_eq!(
        actions(&app, id).await,
        vec![FacilitatorAction::CreateConversation]
    );

    // Fixed, the edit is saved and logged.
    let mut fields = conversation_fields(&organisation);
    set(&mut fields, "participation_mode", "invitation_code");
    set(&mut fields, "invitation_code", "ｔｏｎｏ-2026");
    let response = submit(&mut browser, &format!("/conversations/{id}/edit"), &fields).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let conversation = app.store.conversation(id).await.unwrap();
    assert_eq!(
        conversation.invitation_code.as_ref().map(|c| c.as_str()),
        Some("TONO-2026")
    );
    assert!(
        actions(&app, id)
            .await
            .contains(&FacilitatorAction::EditConversation)
    );
}

#[tokio::test]
async fn state_changes_follow_the_conversations_life() {
    let (app, _, _, mut browser, id) = facilitated_conversation().await;
    let path = format!("/conversations/{id}/state");

    // A draft cannot be closed.
    let refused = browser.submit(&path, &[("state", "closed")]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused.body.contains("その状態に変更できません"),
        "{}",
        refused.body
    );
    assert_eq!(
        app.store.conversation(id).await.unwrap().state,
        ConversationState::Draft
    );

    for (next, expected) in [
        ("open", ConversationState::Open),
        ("closed", ConversationState::Closed),
        ("open", ConversationState::Open),
        ("closed", ConversationState::Closed),
        ("archived", ConversationState::Archived),
    ] {
        let response = browser.submit(&path, &[("state", next)]).await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "{next}: {}",
            response.body
        );
        assert_eq!(app.store.conversation(id).await.unwrap().state, expected);
    }
    let refused = browser.submit(&path, &[("state", "open")]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let unknown = browser.submit(&path, &[("state", "deleted")]).await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);

    let log = app.store.audit_log(id).await.unwrap();
    let changes: Vec<_> = log
        .iter()
        .filter(|entry| entry.action == FacilitatorAction::ChangeState)
        .collect();
    assert_eq!(changes.len(), 5);
    assert!(
        changes
            .iter()
            .any(|entry| entry.reason.as_deref() == Some("closed → archived"))
    );
}

#[tokio::test]
async fn seed_statements_are_accepted_at_once() {
    let (app, _, _, mut browser, id) = facilitated_conversation().await;
    let path = format!("/conversations/{id}/seed-statements");
    let empty = browser.submit(&path, &[("text", "  ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("意見を入力してください"));

    let response = browser
        .submit(&path, &[("text", "駅前にベンチを増やしてほしい")])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let statements = app.store.statements(id).await.unwrap();
    assert_eq!(statements.len(), 1);
    assert!(statements[0].is_seed);
    assert_eq!(statements[0].moderation, ModerationStatus::Accepted);
    assert!(
        actions(&app, id)
            .await
            .contains(&FacilitatorAction::AddSeedStatement)
    );
}

/// A participant's statement, waiting in the pre-moderation queue.
async fn pending_statement(app: &TestApp, id: ConversationId, text: &str) -> StatementId {
    let participant = app
        .store
        .join_conversation(
            id,
            &ParticipantIdentity::Pseudonym(format!("visitor-{text}")),
            &BTreeMap::new(),
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    app.store
        .add_statement(
            id,
            Some(participant.id),
            &StatementText::parse(text).unwrap(),
            false,
            ModerationStatus::Pending,
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn moderation_accepts_rejects_with_a_reason_and_marks_meta() {
    let (app, _, user, mut browser, id) = facilitated_conversation().await;
    let first = pending_statement(&app, id, "バスの本数を増やしてほしい").await;
    let second = pending_statement(&app, id, "あの人は嘘つきだ").await;
    let third = pending_statement(&app, id, "この問いは分かりにくい").await;

    let queue = browser
        .get(&format!("/conversations/{id}/moderation"))
        .await;
    assert_eq!(queue.status, StatusCode::OK);
    let (a, b) = (
        queue.body.find("バスの本数").unwrap(),
        queue.body.find("あの人は嘘つき").unwrap(),
    );
    assert!(a < b, "oldest first");

    let path =
        |statement: StatementId| format!("/conversations/{id}/moderation/statements/{statement}");
    let accepted = browser.submit(&path(first), &[("action", "accept")]).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.statement(first).await.unwrap().moderation,
        ModerationStatus::Accepted
    );

    // A rejection without a reason is sent back, and nothing changes.
    let no_reason = browser
        .submit(
            &path(second),
            &[
                ("action", "reject"),
                ("reason_kind", ""),
                ("reason_text", ""),
            ],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        no_reason
            .body
            .contains("却下の理由を選ぶか、入力してください")
    );
    assert_eq!(
        app.store.statement(second).await.unwrap().moderation,
        ModerationStatus::Pending
    );

    let rejected = browser
        .submit(
            &path(second),
            &[
                ("action", "reject"),
                ("reason_kind", "personal_attack"),
                ("reason_text", ""),
            ],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::SEE_OTHER, "{}", rejected.body);
    let statement = app.store.statement(second).await.unwrap();
    assert_eq!(statement.moderation, ModerationStatus::Rejected);
    assert_eq!(
        statement.rejection_reason.as_deref(),
        Some("個人への攻撃や誹謗中傷")
    );

    let meta = browser.submit(&path(third), &[("action", "meta")]).await;
    assert_eq!(meta.status, StatusCode::SEE_OTHER);
    assert!(app.store.statement(third).await.unwrap().is_meta);

    let log = app.store.audit_log(id).await.unwrap();
    let find = |action| {
        log.iter()
            .find(|entry| entry.action == action)
            .unwrap_or_else(|| panic!("{action} is logged"))
    };
    assert_eq!(
        find(FacilitatorAction::AcceptStatement).target.as_deref(),
        Some(format!("statement:{first}").as_str())
    );
    let rejection = find(FacilitatorAction::RejectStatement);
    assert_eq!(rejection.actor, Some(user.id));
    assert_eq!(rejection.reason.as_deref(), Some("個人への攻撃や誹謗中傷"));
    assert_eq!(
        find(FacilitatorAction::MarkMeta).target.as_deref(),
        Some(format!("statement:{third}").as_str())
    );

    // A statement of another conversation cannot be moderated through this one.
    let other = browser
        .submit(
            &format!("/conversations/{id}/moderation/statements/999999"),
            &[("action", "accept")],
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_banned_participants_votes_leave_the_tallies() {
    let (app, _, _, mut browser, id) = facilitated_conversation().await;
    let statement = app
        .store
        .add_statement(
            id,
            None,
            &StatementText::parse("図書館を夜まで開けてほしい").unwrap(),
            true,
            ModerationStatus::Accepted,
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    let mut participants = Vec::new();
    for name in ["a", "b"] {
        let participant = app
            .store
            .join_conversation(
                id,
                &ParticipantIdentity::Pseudonym(name.into()),
                &BTreeMap::from([("district".to_owned(), "土淵町".to_owned())]),
                OffsetDateTime::now_utc(),
            )
            .await
            .unwrap();
        app.store
            .cast_vote(
                participant.id,
                statement.id,
                VoteChoice::Agree,
                OffsetDateTime::now_utc(),
            )
            .await
            .unwrap();
        participants.push(participant);
    }
    assert_eq!(app.store.tallies(id).await.unwrap()[&statement.id].agree, 2);

    let queue = browser
        .get(&format!("/conversations/{id}/moderation"))
        .await;
    assert!(
        queue
            .body
            .contains(&format!("参加者 #{}", participants[0].id))
    );
    assert!(queue.body.contains("土淵町"), "attribute answers are shown");

    let path = format!(
        "/conversations/{id}/moderation/participants/{}",
        participants[0].id
    );
    let response = browser
        .submit(
            &path,
            &[("action", "ban"), ("reason", "同じ人が何度も投票している")],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert!(
        app.store
            .participant(participants[0].id)
            .await
            .unwrap()
            .banned
    );
    assert_eq!(app.store.tallies(id).await.unwrap()[&statement.id].agree, 1);
    let log = app.store.audit_log(id).await.unwrap();
    let ban = log
        .iter()
        .find(|entry| entry.action == FacilitatorAction::BanParticipant)
        .expect("the ban is logged");
    assert_eq!(ban.reason.as_deref(), Some("同じ人が何度も投票している"));
    assert_eq!(
        ban.target.as_deref(),
        Some(format!("participant:{}", participants[0].id).as_str())
    );

    let response = browser.submit(&path, &[("action", "unban")]).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(app.store.tallies(id).await.unwrap()[&statement.id].agree, 2);
    assert!(
        actions(&app, id)
            .await
            .contains(&FacilitatorAction::UnbanParticipant)
    );
}

#[tokio::test]
async fn experts_add_fact_cards_and_plain_members_may_not() {
    let (app, organisation, _, _, id) = facilitated_conversation().await;
    let (expert_user, mut expert) = person(
        &app,
        &organisation,
        "expert@example.jp",
        "高橋",
        Role::Expert,
    )
    .await;
    let (_, mut member) = person(
        &app,
        &organisation,
        "member@example.jp",
        "鈴木",
        Role::Member,
    )
    .await;
    let path = format!("/conversations/{id}/facts");
    let fields = [
        ("statement", ""),
        ("text_ja", "遠野市を訪れる観光客は年間およそ2万6千人です。"),
        ("source_citation", "遠野市 観光統計 2023年版"),
        ("source_url", "https://www.city.tono.iwate.jp/"),
        ("as_of", "２０２３－１２－３１"),
        ("value", "２６，０００"),
        ("unit", "人"),
    ];

    assert_eq!(member.get(&path).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        member.submit(&path, &fields).await.status,
        StatusCode::FORBIDDEN
    );

    assert_eq!(expert.get(&path).await.status, StatusCode::OK);
    let response = expert.submit(&path, &fields).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let cards = app.store.fact_cards(id).await.unwrap();
    assert_eq!(cards.len(), 1);
    let card = &cards[0];
    assert_eq!(card.value, Some(26_000.0));
    assert_eq!(card.unit.as_deref(), Some("人"));
    assert_eq!(card.as_of, Some(time::macros::date!(2023 - 12 - 31)));
    assert_eq!(card.author, expert_user.id);
    assert!(
        actions(&app, id)
            .await
            .contains(&FacilitatorAction::AddFactCard)
    );

    let page = expert.get(&path).await;
    assert!(page.body.contains("26,000"), "{}", page.body);
    assert!(page.body.contains("2023年12月31日時点"));
    assert!(
        page.body
            .contains("href=\"https://www.city.tono.iwate.jp/\"")
    );

    // The member cannot remove it; the expert who wrote it can.
    let remove = format!("/conversations/{id}/facts/{}/remove", card.id);
    assert_eq!(
        member.submit(&remove, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        expert.submit(&remove, &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(app.store.fact_cards(id).await.unwrap().is_empty());
    assert!(
        actions(&app, id)
            .await
            .contains(&FacilitatorAction::RemoveFactCard)
    );
}

#[tokio::test]
async fn fact_cards_need_a_source_and_a_web_address() {
    let (app, _, _, mut browser, id) = facilitated_conversation().await;
    let path = format!("/conversations/{id}/facts");
    let response = browser
        .submit(
            &path,
            &[
                ("text_ja", "人口は減っています"),
                ("source_citation", ""),
                ("source_url", "javascript:alert(1)"),
                ("as_of", "2023-02-30"),
                ("value", "たくさん"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &response.body;
    assert!(body.contains("出典を入力してください"), "{body}");
    assert!(body.contains("http:// または https:// で始まるアドレス"));
    assert!(body.contains("年-月-日"));
    assert!(body.contains("value=\"javascript:alert(1)\""), "input kept");
    assert!(!body.contains("href=\"javascript"));
    let ftp = browser
        .submit(
            &path,
            &[
                ("text_ja", "人口は減っています"),
                ("source_citation", "国勢調査"),
                ("source_url", "ftp://example.jp/data"),
            ],
        )
        .await;
    assert_eq!(ftp.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(app.store.fact_cards(id).await.unwrap().is_empty());
}
