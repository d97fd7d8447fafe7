//! The account's life end to end: password reset and address verification by e-mailed links,
//! consent to the terms and the privacy policy (at sign-up and again for a new version), the
//! download of a person's data and deleting an account.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use sosei_core::application::{Motivation, NewApplication, PreferenceRank};
use sosei_core::deliberation::{
    ConversationState, ModerationMode, ModerationStatus, NewConversation, ParticipantIdentity,
    ParticipationMode, StatementText, VoteChoice,
};
use sosei_core::participant_profile::NewParticipantProfile;
use sosei_core::{
    DisplayName, EmailAddress, LocalizedText, NewProgramme, ProgrammeStatus, Role, User,
};
use sosei_store::{AccountTokenPurpose, NewAccountToken, StoreError};
use sosei_web::context::SESSION_COOKIE;
use time::OffsetDateTime;
use time::macros::date;

use crate::{Browser, TestApp, spawn_app};

const PASSWORD: &str = "correct horse battery staple";
const NEW_PASSWORD: &str = "a brand new passphrase";

fn sign_up_fields<'a>(email: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("email", email),
        ("display_name", name),
        ("password", PASSWORD),
        ("password_confirmation", PASSWORD),
        ("accept_terms", "yes"),
        ("terms_version", "1"),
        ("privacy_version", "1"),
    ]
}

async fn sign_up(app: &TestApp, email: &str, name: &str) -> (User, Browser) {
    let mut browser = app.browser();
    let response = browser
        .submit("/sign-up", &sign_up_fields(email, name))
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let user = app
        .store
        .user_with_password_by_email(&EmailAddress::parse(email).unwrap())
        .await
        .unwrap()
        .user;
    (user, browser)
}

/// The token of the newest link to `path_prefix` (`/password-reset/`) in `user`'s messages.
async fn newest_link_token(app: &TestApp, user: &User, path_prefix: &str) -> Option<String> {
    let messages = app.store.outbox_messages_for(user.id).await.unwrap();
    messages.iter().rev().find_map(|message| {
        let start = message.body.find(path_prefix)? + path_prefix.len();
        let token: String = message.body[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        Some(token)
    })
}

/// POST `fields` with the CSRF token of the page at `page` (for a browser that the consent
/// gate keeps from the home page).
async fn submit_from(
    browser: &mut Browser,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> crate::TestResponse {
    let token = browser.get(page).await.csrf_token().expect("a CSRF token");
    let mut with_token: Vec<(&str, &str)> = vec![(sosei_web::context::CSRF_FIELD, &token)];
    with_token.extend_from_slice(fields);
    browser.post_form(path, &with_token).await
}

async fn sign_in_status(app: &TestApp, email: &str, password: &str) -> StatusCode {
    app.browser()
        .submit("/sign-in", &[("email", email), ("password", password)])
        .await
        .status
}

// --- password reset -------------------------------------------------------------------------------

#[tokio::test]
async fn a_reset_link_works_once_and_the_request_page_tells_nobody_who_has_an_account() {
    let app = spawn_app().await;
    let hanako = app
        .create_user("hanako@example.jp", "花子", PASSWORD, false)
        .await;
    let mut browser = app.browser();
    let page = browser.get("/password-reset").await;
    assert_eq!(page.status, StatusCode::OK);

    let known = browser
        .submit("/password-reset", &[("email", "Hanako@Example.jp")])
        .await;
    let unknown = browser
        .submit("/password-reset", &[("email", "nobody@example.jp")])
        .await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(unknown.status, known.status);
    assert_eq!(unknown.body, known.body, "the same answer either way");

    // The link went through the outbox to the account's address, with the site's own address.
    let messages = app.store.outbox_messages_for(hanako.id).await.unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].email.as_str(), "hanako@example.jp");
    assert!(
        messages[0]
            .body
            .contains("http://127.0.0.1:8080/password-reset/"),
        "{}",
        messages[0].body
    );
    assert_eq!(
        app.store.pending_outbox_messages(10).await.unwrap().len(),
        1
    );
    let token = newest_link_token(&app, &hanako, "/password-reset/")
        .await
        .expect("a link");
    // The store keeps only the token's hash.
    assert!(
        app.store
            .account_token_is_usable(
                &sosei_web::signing::sha256_hex(&token),
                AccountTokenPurpose::PasswordReset,
                OffsetDateTime::now_utc()
            )
            .await
            .unwrap()
    );

    // A signed-in session elsewhere ends with the reset.
    let mut elsewhere = app.signed_in_browser("hanako@example.jp", PASSWORD).await;

    let link = format!("/password-reset/{token}");
    let form = browser.get(&link).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert_eq!(
        form.headers.get("referrer-policy").unwrap(),
        "no-referrer",
        "the secret URL leaks to no other site"
    );
    // Mismatched passwords: the form again, nothing used up.
    let mismatch = browser
        .submit(
            &link,
            &[
                ("new_password", NEW_PASSWORD),
                ("new_password_confirmation", "something else entirely"),
            ],
        )
        .await;
    assert_eq!(mismatch.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Without the CSRF token: refused, nothing used up.
    let forged = browser
        .post_form(
            &link,
            &[
                ("new_password", NEW_PASSWORD),
                ("new_password_confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    let done = browser
        .submit(
            &link,
            &[
                ("new_password", NEW_PASSWORD),
                ("new_password_confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("パスワードを変更しました"));
    assert_eq!(
        sign_in_status(&app, "hanako@example.jp", NEW_PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    assert_ne!(
        sign_in_status(&app, "hanako@example.jp", PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    let account = elsewhere.get("/account").await;
    assert_ne!(account.status, StatusCode::OK, "the other session ended");

    // The link works once.
    let again = browser
        .submit(
            &link,
            &[
                ("new_password", "yet another passphrase"),
                ("new_password_confirmation", "yet another passphrase"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(browser.get(&link).await.status, StatusCode::GONE);
    assert_eq!(
        sign_in_status(&app, "hanako@example.jp", NEW_PASSWORD).await,
        StatusCode::SEE_OTHER
    );

    // A wrong token opens nothing.
    let wrong = format!("/password-reset/{}x", &token[..token.len() - 1]);
    assert_eq!(browser.get(&wrong).await.status, StatusCode::GONE);
    let wrong_post = browser
        .submit(
            &wrong,
            &[
                ("new_password", "wrong token passphrase"),
                ("new_password_confirmation", "wrong token passphrase"),
            ],
        )
        .await;
    assert_eq!(wrong_post.status, StatusCode::GONE);
    assert_eq!(
        browser.get("/password-reset/%3Cscript%3E").await.status,
        StatusCode::GONE
    );
}

#[tokio::test]
async fn an_expired_reset_link_is_refused() {
    let app = spawn_app().await;
    let hanako = app
        .create_user("hanako@example.jp", "花子", PASSWORD, false)
        .await;
    let token = sosei_web::signing::random_token();
    let issued = OffsetDateTime::now_utc() - time::Duration::hours(2);
    app.store
        .issue_account_token(
            &NewAccountToken {
                token_hash: sosei_web::signing::sha256_hex(&token),
                user_id: hanako.id,
                purpose: AccountTokenPurpose::PasswordReset,
                email: hanako.email.clone(),
                created_at: issued,
                expires_at: issued + sosei_web::account::links::PASSWORD_RESET_VALIDITY,
            },
            &sosei_core::outbox::ComposedMessage {
                subject: "reset".into(),
                body: "an old link".into(),
            },
            sosei_core::Locale::Ja,
        )
        .await
        .unwrap();
    let mut browser = app.browser();
    let link = format!("/password-reset/{token}");
    let page = browser.get(&link).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert!(page.body.contains("期限が切れた"), "{}", page.body);
    let post = browser
        .submit(
            &link,
            &[
                ("new_password", NEW_PASSWORD),
                ("new_password_confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(post.status, StatusCode::GONE);
    assert_eq!(
        sign_in_status(&app, "hanako@example.jp", PASSWORD).await,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn reset_requests_are_rate_limited_without_saying_so() {
    let app = spawn_app().await;
    let hanako = app
        .create_user("hanako@example.jp", "花子", PASSWORD, false)
        .await;
    let mut browser = app.browser();
    let mut answers = Vec::new();
    for _ in 0..5 {
        let response = browser
            .submit("/password-reset", &[("email", "hanako@example.jp")])
            .await;
        answers.push((response.status, response.body));
    }
    assert!(answers.iter().all(|answer| *answer == answers[0]));
    assert_eq!(
        app.store
            .outbox_messages_for(hanako.id)
            .await
            .unwrap()
            .len() as i64,
        sosei_web::account::links::MAX_LINKS_PER_WINDOW
    );
    // A malformed address is a form error, not an answer about accounts.
    let bad = browser
        .submit("/password-reset", &[("email", "not an address")])
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

// --- verification ---------------------------------------------------------------------------------

#[tokio::test]
async fn the_verification_link_sent_at_sign_up_marks_the_address_verified() {
    let app = spawn_app().await;
    let (hanako, mut browser) = sign_up(&app, "hanako@example.jp", "花子").await;
    let account = browser.get("/account").await;
    assert!(
        account.body.contains("まだ確認されていません"),
        "{}",
        account.body
    );
    let token = newest_link_token(&app, &hanako, "/verify-email/")
        .await
        .expect("a verification link at sign-up");

    // Opening the link asks for a press of a button; a link scanner confirms nothing.
    let link = format!("/verify-email/{token}");
    let page = app.browser().get(&link).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(app.store.email_verified_at(hanako.id).await.unwrap(), None);
    // The button needs the CSRF token.
    let mut other = app.browser();
    assert_eq!(
        other.post_form(&link, &[]).await.status,
        StatusCode::FORBIDDEN
    );
    let confirmed = other.submit(&link, &[]).await;
    assert_eq!(confirmed.status, StatusCode::OK, "{}", confirmed.body);
    assert!(
        app.store
            .email_verified_at(hanako.id)
            .await
            .unwrap()
            .is_some()
    );
    let account = browser.get("/account").await;
    assert!(account.body.contains("確認済み"), "{}", account.body);
    assert!(!account.body.contains("まだ確認されていません"));
    assert_eq!(other.submit(&link, &[]).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn a_verification_link_can_be_asked_for_again_by_the_signed_in_person_only() {
    let app = spawn_app().await;
    let taro = app
        .create_user("taro@example.jp", "太郎", PASSWORD, false)
        .await;
    let mut anonymous = app.browser();
    let refused = anonymous.submit("/account/verification", &[]).await;
    assert!(
        matches!(
            refused.status,
            StatusCode::UNAUTHORIZED | StatusCode::SEE_OTHER
        ),
        "{}",
        refused.status
    );
    let mut browser = app.signed_in_browser("taro@example.jp", PASSWORD).await;
    assert_eq!(
        browser.post_form("/account/verification", &[]).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(
        app.store
            .outbox_messages_for(taro.id)
            .await
            .unwrap()
            .is_empty()
    );
    let sent = browser.submit("/account/verification", &[]).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let token = newest_link_token(&app, &taro, "/verify-email/")
        .await
        .expect("a link");
    browser.submit(&format!("/verify-email/{token}"), &[]).await;
    assert!(
        app.store
            .email_verified_at(taro.id)
            .await
            .unwrap()
            .is_some()
    );
}

// --- consent --------------------------------------------------------------------------------------

#[tokio::test]
async fn sign_up_without_consent_is_refused_with_a_message() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    let form = browser.get("/sign-up").await;
    assert!(form.body.contains("name=\"accept_terms\""), "{}", form.body);
    assert!(form.body.contains("href=\"/ja/terms/1\""));
    assert!(form.body.contains("href=\"/ja/privacy/1\""));

    let without: Vec<_> = sign_up_fields("hanako@example.jp", "花子")
        .into_iter()
        .filter(|(name, _)| *name != "accept_terms")
        .collect();
    let refused = browser.submit("/sign-up", &without).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("利用規約とプライバシーポリシーへの同意が必要です"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("value=\"花子\""),
        "what was typed stays"
    );
    assert_eq!(app.store.count_users().await.unwrap(), 0);

    // A form showing an older version than the current one is refused too.
    let stale: Vec<_> = sign_up_fields("hanako@example.jp", "花子")
        .into_iter()
        .map(|(name, value)| {
            if name == "terms_version" {
                (name, "0")
            } else {
                (name, value)
            }
        })
        .collect();
    let refused = browser.submit("/sign-up", &stale).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.store.count_users().await.unwrap(), 0);

    // With consent, the versions and the time are recorded.
    let (hanako, _) = sign_up(&app, "hanako@example.jp", "花子").await;
    let acceptances = app.store.legal_acceptances_of(hanako.id).await.unwrap();
    assert_eq!(acceptances.len(), 2);
    assert!(acceptances.iter().all(|acceptance| acceptance.version == 1));
}

#[tokio::test]
async fn a_new_terms_version_must_be_accepted_before_going_on() {
    let app = spawn_app().await;
    app.create_user("admin@example.jp", "管理者", PASSWORD, true)
        .await;
    let (hanako, mut browser) = sign_up(&app, "hanako@example.jp", "花子").await;
    assert_eq!(browser.get("/account").await.status, StatusCode::OK);

    // Only a site admin edits the texts, with the CSRF token.
    let fields = [
        ("body_ja", "## 利用規約\n\n第2版の本文（改訂）"),
        ("body_en", "## Terms\n\nThe second version"),
    ];
    assert_eq!(
        browser.get("/admin/legal").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        browser.get("/admin/legal/terms").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        browser.submit("/admin/legal/terms", &fields).await.status,
        StatusCode::FORBIDDEN
    );
    let mut admin = app.signed_in_browser("admin@example.jp", PASSWORD).await;
    assert_eq!(
        admin.post_form("/admin/legal/terms", &fields).await.status,
        StatusCode::FORBIDDEN
    );
    let empty = admin
        .submit(
            "/admin/legal/terms",
            &[("body_ja", " "), ("body_en", "English only")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("value") || empty.body.contains("English only"));
    let edit = admin.get("/admin/legal/terms").await;
    assert_eq!(edit.status, StatusCode::OK);
    let published = admin.submit("/admin/legal/terms", &fields).await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    assert_eq!(admin.get("/admin/legal").await.status, StatusCode::OK);

    // Hanako is sent to accept it, and back.
    let redirected = browser.get("/account").await;
    assert_eq!(redirected.status, StatusCode::SEE_OTHER);
    assert_eq!(redirected.location(), Some("/consent?return_to=%2Faccount"));
    let posting = submit_from(&mut browser, "/consent", "/account/verification", &[]).await;
    assert_eq!(posting.status, StatusCode::SEE_OTHER, "writes wait too");
    let consent = browser.get("/consent?return_to=%2Faccount").await;
    assert_eq!(consent.status, StatusCode::OK);
    assert!(
        consent.body.contains("利用規約（第2版）"),
        "{}",
        consent.body
    );
    // The texts stay readable meanwhile, old and new.
    let current = browser.get("/terms").await;
    assert_eq!(current.status, StatusCode::OK);
    assert!(current.body.contains("第2版の本文（改訂）"));
    let old = browser.get("/terms/1").await;
    assert_eq!(old.status, StatusCode::OK);
    assert!(old.body.contains("新しい版があります"));
    assert_eq!(browser.get("/terms/7").await.status, StatusCode::NOT_FOUND);

    let unticked = submit_from(
        &mut browser,
        "/consent",
        "/consent",
        &[
            ("terms_version", "2"),
            ("privacy_version", "1"),
            ("return_to", "/account"),
        ],
    )
    .await;
    assert_eq!(unticked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(browser.get("/account").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        browser
            .post_form(
                "/consent",
                &[
                    ("accept_terms", "yes"),
                    ("terms_version", "2"),
                    ("privacy_version", "1")
                ]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let accepted = submit_from(
        &mut browser,
        "/consent",
        "/consent",
        &[
            ("accept_terms", "yes"),
            ("terms_version", "2"),
            ("privacy_version", "1"),
            ("return_to", "/account"),
        ],
    )
    .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert_eq!(accepted.location(), Some("/account"));
    let account = browser.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(
        account.body.contains("利用規約（第2版）"),
        "the account page lists it"
    );
    let versions: Vec<_> = app
        .store
        .legal_acceptances_of(hanako.id)
        .await
        .unwrap()
        .into_iter()
        .map(|acceptance| acceptance.version)
        .collect();
    assert_eq!(versions.len(), 3);
    // Someone signed out is never asked.
    assert_eq!(app.browser().get("/").await.status, StatusCode::OK);
}

// --- data and deletion ----------------------------------------------------------------------------

/// A conversation where `user` and `other` each wrote a statement and voted on the other's.
async fn conversation_with_votes(
    app: &TestApp,
    user: &User,
    other: &User,
) -> sosei_core::ConversationId {
    let organisation = app.create_sosei_partners().await;
    let conversation = app
        .store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("駅前の未来", "The station square"),
                question: LocalizedText::new("どうすればよいですか", "What should we do?"),
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
        .unwrap();
    let now = OffsetDateTime::now_utc();
    let mut participants = Vec::new();
    for (person, text) in [
        (user, "駅前にベンチを増やしたい"),
        (other, "ほかの人だけの意見です"),
    ] {
        let participant = app
            .store
            .join_conversation(
                conversation.id,
                &ParticipantIdentity::User(person.id),
                &BTreeMap::new(),
                now,
            )
            .await
            .unwrap();
        let statement = app
            .store
            .add_statement(
                conversation.id,
                Some(participant.id),
                &StatementText::parse(text).unwrap(),
                false,
                ModerationStatus::Accepted,
                now,
            )
            .await
            .unwrap();
        participants.push((participant.id, statement.id));
    }
    app.store
        .cast_vote(participants[0].0, participants[1].1, VoteChoice::Agree, now)
        .await
        .unwrap();
    app.store
        .cast_vote(
            participants[1].0,
            participants[0].1,
            VoteChoice::Disagree,
            now,
        )
        .await
        .unwrap();
    conversation.id
}

async fn profile_and_application(app: &TestApp, user: &User) {
    let organisation = app
        .store
        .organisation_by_slug(&sosei_core::OrganisationSlug::parse("sosei-partners").unwrap())
        .await
        .unwrap();
    let programme = app
        .store
        .create_programme(&NewProgramme {
            organisation: organisation.id,
            region: sosei_core::MunicipalityCode::parse("032085").unwrap(),
            title: LocalizedText::new("遠野の観光", "Tourism in Tono"),
            summary: LocalizedText::new("観光の資料を作ります。", "Tourism leaflets."),
            starts_on: date!(2030 - 09 - 06),
            ends_on: date!(2030 - 09 - 09),
        })
        .await
        .unwrap();
    app.store
        .set_programme_status(programme.id, ProgrammeStatus::Draft, ProgrammeStatus::Open)
        .await
        .unwrap();
    app.store
        .save_participant_profile(
            user.id,
            &NewParticipantProfile {
                display_name: DisplayName::parse("プロフィールの花子").unwrap(),
                nationalities: Vec::new(),
                languages: Vec::new(),
                skills: Vec::new(),
                affiliation: None,
                availability: Vec::new(),
                dietary_requirements: Vec::new(),
                dietary_notes: None,
                accessibility_needs: None,
                bio: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    app.store
        .apply(
            &NewApplication {
                programme: programme.id,
                applicant: user.id,
                rank: PreferenceRank::new(1).unwrap(),
                motivation: Motivation::parse("観光の資料づくりに参加したいです。").unwrap(),
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn the_data_download_holds_the_person_s_data_and_nothing_of_anyone_else() {
    let app = spawn_app().await;
    let (hanako, mut browser) = sign_up(&app, "hanako@example.jp", "花子").await;
    let taro = app
        .create_user("taro@example.jp", "太郎", PASSWORD, false)
        .await;
    conversation_with_votes(&app, &hanako, &taro).await;
    profile_and_application(&app, &hanako).await;

    assert!(
        matches!(
            app.browser().get("/account/data.json").await.status,
            StatusCode::UNAUTHORIZED | StatusCode::SEE_OTHER
        ),
        "signed-out visitors get nothing"
    );
    let download = browser.get("/account/data.json").await;
    assert_eq!(download.status, StatusCode::OK, "{}", download.body);
    assert!(
        download
            .headers
            .get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let data: serde_json::Value = serde_json::from_str(&download.body).unwrap();
    assert_eq!(data["account"]["email"], "hanako@example.jp");
    assert_eq!(
        data["conversations"]["statements"][0]["text"],
        "駅前にベンチを増やしたい"
    );
    assert_eq!(
        data["conversations"]["statements"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(data["conversations"]["votes"][0]["choice"], "agree");
    assert_eq!(
        data["conversations"]["votes"][0]["statement_text"],
        "ほかの人だけの意見です"
    );
    assert_eq!(data["profile"]["display_name"], "プロフィールの花子");
    assert_eq!(data["applications"].as_array().unwrap().len(), 1);
    assert_eq!(data["consents"].as_array().unwrap().len(), 2);
    // Nothing of Taro's but the text of the statement Hanako voted on.
    assert!(!download.body.contains("taro@example.jp"));
    assert!(!download.body.contains("太郎"));
    assert_eq!(
        download.body.matches("ほかの人だけの意見です").count(),
        1,
        "Taro's statement appears only as what Hanako voted on"
    );
}

#[tokio::test]
async fn deleting_the_account_keeps_the_votes_anonymous_and_removes_everything_else() {
    let app = spawn_app().await;
    let (hanako, mut browser) = sign_up(&app, "hanako@example.jp", "花子").await;
    let taro = app
        .create_user("taro@example.jp", "太郎", PASSWORD, false)
        .await;
    let conversation = conversation_with_votes(&app, &hanako, &taro).await;
    profile_and_application(&app, &hanako).await;
    let votes_before = app.store.votes(conversation).await.unwrap().len();
    let mut elsewhere = app.signed_in_browser("hanako@example.jp", PASSWORD).await;

    let page = browser.get("/account/delete").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("匿名で残るもの"));
    assert!(matches!(
        app.browser().get("/account/delete").await.status,
        StatusCode::UNAUTHORIZED | StatusCode::SEE_OTHER
    ));
    // Without the CSRF token, or with a wrong password: nothing happens.
    assert_eq!(
        browser
            .post_form("/account/delete", &[("password", PASSWORD)])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let wrong = browser
        .submit("/account/delete", &[("password", "not my password")])
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!app.store.is_account_deleted(hanako.id).await.unwrap());

    let deleted = browser
        .submit("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER, "{}", deleted.body);
    assert_eq!(deleted.location(), Some("/account-deleted"));
    assert!(!browser.has_cookie(SESSION_COOKIE));
    assert!(app.store.is_account_deleted(hanako.id).await.unwrap());

    // The votes and statements stay in the analysis, tied to no one.
    let votes = app.store.votes(conversation).await.unwrap();
    assert_eq!(votes.len(), votes_before);
    assert!(matches!(
        app.store
            .participant_by_identity(conversation, &ParticipantIdentity::User(hanako.id))
            .await,
        Err(StoreError::NotFound)
    ));
    // The profile, applications and sessions are gone; she can no longer sign in.
    assert!(matches!(
        app.store.participant_profile(hanako.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(
        app.store
            .applications_of_user(hanako.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_ne!(elsewhere.get("/account").await.status, StatusCode::OK);
    assert_eq!(
        sign_in_status(&app, "hanako@example.jp", PASSWORD).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(
        !app.store
            .user(hanako.id)
            .await
            .unwrap()
            .email
            .as_str()
            .contains("hanako")
    );
    // Taro's side is untouched.
    let taro_data = app.store.personal_deliberation_data(taro.id).await.unwrap();
    assert_eq!(taro_data.statements.len(), 1);
}

#[tokio::test]
async fn the_last_administrator_of_an_organisation_is_refused_with_the_reason() {
    let app = spawn_app().await;
    let (hanako, mut browser) = sign_up(&app, "hanako@example.jp", "花子").await;
    let organisation = app.create_sosei_partners().await;
    app.store
        .grant_role(organisation.id, hanako.id, Role::Admin)
        .await
        .unwrap();
    let page = browser.get("/account/delete").await;
    assert!(page.body.contains("ただ一人の管理者"), "{}", page.body);
    assert!(page.body.contains("/organisations/sosei-partners"));
    let refused = browser
        .submit("/account/delete", &[("password", PASSWORD)])
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(!app.store.is_account_deleted(hanako.id).await.unwrap());
}
