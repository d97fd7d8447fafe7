//! Accounts, sessions, CSRF, throttling and the admin area, end to end on a real SQLite store.

use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use sosei_core::{EmailAddress, OrganisationSlug, Role};
use sosei_store::StoreError;
use sosei_web::context::SESSION_COOKIE;
use sosei_web::signing::sha256_hex;
use time::OffsetDateTime;

use crate::{Browser, TestApp, spawn_app};

const PASSWORD: &str = "correct horse battery staple";
const NEW_PASSWORD: &str = "a brand new passphrase";

fn sign_up_fields<'a>(email: &'a str, name: &'a str, password: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("email", email),
        ("display_name", name),
        ("password", password),
        ("password_confirmation", password),
        ("accept_terms", "yes"),
        ("terms_version", "1"),
        ("privacy_version", "1"),
    ]
}

async fn sign_up(browser: &mut Browser, email: &str, name: &str) {
    let response = browser
        .submit("/sign-up", &sign_up_fields(email, name, PASSWORD))
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
}

async fn sign_in(browser: &mut Browser, email: &str, password: &str) -> crate::TestResponse {
    browser
        .submit("/sign-in", &[("email", email), ("password", password)])
        .await
}

async fn create_site_admin(app: &TestApp, email: &str) {
    app.create_user(email, "管理 太郎", PASSWORD, true).await;
}

async fn stored_password_verifies(app: &TestApp, email: &str, password: &str) -> bool {
    let account = app
        .store
        .user_with_password_by_email(&EmailAddress::parse(email).unwrap())
        .await
        .unwrap();
    sosei_web::auth::password::verify_password_blocking(&account.password_hash, password)
}

#[tokio::test]
async fn sign_up_sign_out_sign_in_and_change_password() {
    let app = spawn_app().await;
    let mut browser = app.browser();

    // Sign up: redirected to the account page, signed in with a session cookie.
    let response = browser
        .submit(
            "/sign-up",
            &sign_up_fields("Hanako@Example.JP", "山田 花子", PASSWORD),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(response.location(), Some("/account"));
    let cookie = response
        .set_cookie(SESSION_COOKIE)
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Max-Age=2592000"), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");

    // The store keeps only the token's hash, and an argon2id hash of the password.
    let token = browser.cookies[SESSION_COOKIE].clone();
    let now = OffsetDateTime::now_utc();
    assert!(app.store.session(&sha256_hex(&token), now).await.is_ok());
    assert!(matches!(
        app.store.session(&token, now).await,
        Err(StoreError::NotFound)
    ));
    let account = app
        .store
        .user_with_password_by_email(&EmailAddress::parse("hanako@example.jp").unwrap())
        .await
        .unwrap();
    assert!(account.password_hash.starts_with("$argon2id$"));
    assert!(!account.password_hash.contains(PASSWORD));

    let page = browser.get("/account").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("山田 花子"));
    assert!(page.body.contains("hanako@example.jp"));

    // Sign out: cookie cleared, session gone, account page needs sign-in again.
    let response = browser.submit("/sign-out", &[]).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert!(
        response
            .set_cookie(SESSION_COOKIE)
            .is_some_and(|c| c.contains("Max-Age=0"))
    );
    assert!(!browser.has_cookie(SESSION_COOKIE));
    assert!(app.store.session(&sha256_hex(&token), now).await.is_err());
    assert_eq!(
        browser.get("/account").await.status,
        StatusCode::UNAUTHORIZED
    );

    // Sign in, honouring a local return path only.
    let response = browser
        .submit(
            "/sign-in",
            &[
                ("email", "hanako@example.jp"),
                ("password", PASSWORD),
                ("return_to", "/account"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(response.location(), Some("/account"));
    let first_token = browser.cookies[SESSION_COOKIE].clone();

    // Signing in again replaces the session (a planted token is worthless after sign-in).
    let response = browser
        .submit(
            "/sign-in",
            &[
                ("email", "hanako@example.jp"),
                ("password", PASSWORD),
                ("return_to", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(response.location(), Some("/"));
    let second_token = browser.cookies[SESSION_COOKIE].clone();
    assert_ne!(first_token, second_token);
    assert!(
        app.store
            .session(&sha256_hex(&first_token), now)
            .await
            .is_err()
    );

    // A second device signed in to the same account.
    let mut other_device = app.browser();
    assert_eq!(
        sign_in(&mut other_device, "hanako@example.jp", PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(other_device.get("/account").await.status, StatusCode::OK);

    // Change the password: this browser stays signed in, the other device is signed out.
    let response = browser
        .submit(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", NEW_PASSWORD),
                ("new_password_confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let page = browser.get(response.location().unwrap()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("パスワードを変更しました"));
    assert_eq!(
        other_device.get("/account").await.status,
        StatusCode::UNAUTHORIZED
    );

    // The old password no longer works; the new one does.
    let mut fresh = app.browser();
    let response = sign_in(&mut fresh, "hanako@example.jp", PASSWORD).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .body
            .contains("メールアドレスまたはパスワードが正しくありません")
    );
    assert!(!fresh.has_cookie(SESSION_COOKIE));
    let response = sign_in(&mut fresh, "hanako@example.jp", NEW_PASSWORD).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert!(fresh.has_cookie(SESSION_COOKIE));
}

#[tokio::test]
async fn a_bad_sign_up_form_comes_back_with_the_input_and_a_message_per_field() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    let response = browser
        .submit(
            "/sign-up",
            &[
                ("email", "not-an-address"),
                ("display_name", "佐藤 一郎"),
                ("password", "pw-too-sh"),
                ("password_confirmation", "pw-too-sh"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &response.body;
    assert!(body.contains("value=\"not-an-address\""), "{body}");
    assert!(body.contains("value=\"佐藤 一郎\""), "{body}");
    assert!(!body.contains("pw-too-sh"), "passwords are never sent back");
    assert!(body.contains("メールアドレスの形式が正しくありません"));
    assert!(body.contains("パスワードは10文字以上にしてください"));
    assert!(body.contains("aria-describedby=\"email-error\""), "{body}");
    assert!(body.contains("aria-invalid=\"true\""));
    // The valid field is not marked.
    let name_input = body
        .split("<input")
        .find(|input| input.contains("name=\"display_name\""))
        .unwrap();
    assert!(!name_input.contains("aria-invalid"), "{name_input}");
    assert_eq!(app.store.count_users().await.unwrap(), 0);

    // Mismatched confirmation, in English.
    browser.accept_language = Some("en");
    let response = browser
        .submit(
            "/sign-up",
            &[
                ("email", "ichiro@example.jp"),
                ("display_name", "Ichiro"),
                ("password", "long enough password"),
                ("password_confirmation", "long enough passwort"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("The two passwords do not match"));
    assert!(
        response
            .body
            .contains("aria-describedby=\"password_confirmation-error\"")
    );
    assert!(
        app.store
            .user_with_password_by_email(&EmailAddress::parse("ichiro@example.jp").unwrap())
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_taken_email_address_is_refused_with_a_clear_message() {
    let app = spawn_app().await;
    sign_up(&mut app.browser(), "taken@example.jp", "最初の人").await;
    let mut browser = app.browser();
    let response = browser
        .submit(
            "/sign-up",
            &sign_up_fields("TAKEN@example.jp", "二人目", "another good password"),
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .body
            .contains("このメールアドレスはすでに登録されています")
    );
    assert!(response.body.contains("value=\"二人目\""));
    assert!(!browser.has_cookie(SESSION_COOKIE));
    assert!(stored_password_verifies(&app, "taken@example.jp", PASSWORD).await);
}

#[tokio::test]
async fn posts_without_the_right_csrf_token_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    let fields = sign_up_fields("csrf@example.jp", "攻撃 される", PASSWORD);

    let response = browser.post_form("/sign-up", &fields).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    let mut with_wrong_token = fields.clone();
    with_wrong_token.push(("csrf_token", "forged-token"));
    let response = browser.post_form("/sign-up", &with_wrong_token).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(matches!(
        app.store
            .user_with_password_by_email(&EmailAddress::parse("csrf@example.jp").unwrap())
            .await,
        Err(StoreError::NotFound)
    ));

    // Signed in, a password change needs the token too.
    sign_up(&mut browser, "csrf@example.jp", "攻撃 される").await;
    let change = [
        ("current_password", PASSWORD),
        ("new_password", NEW_PASSWORD),
        ("new_password_confirmation", NEW_PASSWORD),
    ];
    let response = browser.post_form("/account/password", &change).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    // A token from before sign-in (bound to the visitor, not the session) is wrong now as well.
    let mut anonymous = app.browser();
    let stale_token = anonymous.csrf_token().await;
    let mut with_stale_token = change.to_vec();
    with_stale_token.push(("csrf_token", &stale_token));
    let response = browser
        .post_form("/account/password", &with_stale_token)
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(stored_password_verifies(&app, "csrf@example.jp", PASSWORD).await);
    assert!(!stored_password_verifies(&app, "csrf@example.jp", NEW_PASSWORD).await);
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_for_a_while() {
    let app = spawn_app().await;
    let mut owner = app.browser();
    sign_up(&mut owner, "target@example.jp", "狙われる人").await;

    let mut attacker = app.browser();
    for attempt in 1..=5 {
        let response = sign_in(&mut attacker, "target@example.jp", "wrong password!").await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "attempt {attempt}"
        );
    }
    // The sixth attempt is refused even with the right password, which is not even checked.
    let response = sign_in(&mut attacker, "target@example.jp", PASSWORD).await;
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = response.headers[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    assert!(response.body.contains("ログインを一時的に停止しています"));
    assert!(!attacker.has_cookie(SESSION_COOKIE));

    // The lock is per address: another account signs in as usual.
    sign_up(&mut app.browser(), "other@example.jp", "別の人").await;
    let response = sign_in(&mut app.browser(), "other@example.jp", PASSWORD).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_successful_sign_in_clears_the_failure_count() {
    let app = spawn_app().await;
    sign_up(&mut app.browser(), "forgetful@example.jp", "忘れっぽい人").await;
    let mut browser = app.browser();
    for _ in 0..4 {
        let response = sign_in(&mut browser, "forgetful@example.jp", "not my password").await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let response = sign_in(&mut browser, "forgetful@example.jp", PASSWORD).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let mut other = app.browser();
    for _ in 0..4 {
        let response = sign_in(&mut other, "forgetful@example.jp", "not my password").await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let response = sign_in(&mut other, "forgetful@example.jp", PASSWORD).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn unknown_address_and_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    sign_up(&mut app.browser(), "known@example.jp", "知られた人").await;
    let wrong_password = sign_in(&mut app.browser(), "known@example.jp", "wrong password").await;
    let unknown = sign_in(&mut app.browser(), "unknown@example.jp", "wrong password").await;
    assert_eq!(wrong_password.status, unknown.status);
    let alert = |body: &str| {
        let start = body.find("role=\"alert\"").expect("an alert");
        let length = body[start..].find("</div>").expect("the alert ends");
        body[start..start + length].to_owned()
    };
    assert_eq!(alert(&wrong_password.body), alert(&unknown.body));
}

#[tokio::test]
async fn pages_speak_japanese_by_default_and_english_when_asked() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    let japanese = browser.get("/sign-in").await;
    assert_eq!(japanese.status, StatusCode::OK);
    assert!(japanese.body.contains("はじめてご利用の方は"));
    assert!(japanese.body.contains("<html lang=\"ja\""));

    browser.accept_language = Some("en-GB,en;q=0.9");
    let english = browser.get("/sign-in").await;
    assert!(english.body.contains("New to Sosei?"));
    assert!(english.body.contains("<html lang=\"en\""));
    let english = browser.get("/sign-up").await;
    assert!(english.body.contains("Create an account"));

    let response = browser
        .submit("/sign-in", &[("email", "nobody"), ("password", "x")])
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .body
            .contains("This does not look like an e-mail address")
    );
}

#[tokio::test]
async fn only_site_admins_reach_the_admin_area() {
    let app = spawn_app().await;
    let mut anonymous = app.browser();
    assert_eq!(
        anonymous.get("/admin").await.status,
        StatusCode::UNAUTHORIZED
    );

    let mut member = app.browser();
    sign_up(&mut member, "member@example.jp", "一般 会員").await;
    assert_eq!(member.get("/admin").await.status, StatusCode::FORBIDDEN);
    let response = member
        .submit(
            "/admin/organisations",
            &[
                ("slug", "sneaky"),
                ("kind", "npo"),
                ("name_ja", "こっそり団体"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(
        app.store
            .organisation_by_slug(&OrganisationSlug::parse("sneaky").unwrap())
            .await
            .is_err()
    );

    // An admin creates an organisation; the member still cannot give themselves a role in it.
    create_site_admin(&app, "admin@example.jp").await;
    let mut admin = app.browser();
    assert_eq!(
        sign_in(&mut admin, "admin@example.jp", PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let response = admin
        .submit(
            "/admin/organisations",
            &[
                ("slug", "tono-lab"),
                ("kind", "npo"),
                ("name_ja", "遠野ラボ"),
                ("name_en", "Tono Lab"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let organisation = app
        .store
        .organisation_by_slug(&OrganisationSlug::parse("tono-lab").unwrap())
        .await
        .unwrap();
    let member_id = app
        .store
        .user_with_password_by_email(&EmailAddress::parse("member@example.jp").unwrap())
        .await
        .unwrap()
        .user
        .id;

    let grant = [
        ("email", "member@example.jp"),
        ("organisation", "tono-lab"),
        ("role", "coordinator"),
        ("action", "grant"),
    ];
    let response = member.submit("/admin/roles", &grant).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(
        app.store
            .roles_of(organisation.id, member_id)
            .await
            .unwrap()
            .is_empty()
    );

    // The admin grants it; the member's account page shows it.
    let response = admin.submit("/admin/roles", &grant).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(
        app.store
            .roles_of(organisation.id, member_id)
            .await
            .unwrap(),
        vec![Role::Coordinator]
    );
    let account = member.get("/account").await;
    assert!(account.body.contains("遠野ラボ"), "{}", account.body);
    assert!(account.body.contains("コーディネーター"));

    let admin_page = admin.get("/admin").await;
    assert_eq!(admin_page.status, StatusCode::OK);
    assert!(admin_page.body.contains("member@example.jp"));
    assert!(admin_page.body.contains("遠野ラボ"));

    // And takes it away again.
    let mut revoke = grant.to_vec();
    revoke[3] = ("action", "revoke");
    let response = admin.submit("/admin/roles", &revoke).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert!(
        app.store
            .roles_of(organisation.id, member_id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn admin_forms_explain_what_is_wrong() {
    let app = spawn_app().await;
    create_site_admin(&app, "admin@example.jp").await;
    let mut admin = app.signed_in_browser("admin@example.jp", PASSWORD).await;

    let response = admin
        .submit(
            "/admin/organisations",
            &[("slug", "Bad Slug!"), ("kind", "npo"), ("name_ja", "")],
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("value=\"Bad Slug!\""));
    assert!(response.body.contains("団体の短縮名は"));
    assert!(
        response
            .body
            .contains("日本語か英語で団体の名称を入力してください")
    );

    let response = admin
        .submit(
            "/admin/roles",
            &[
                ("email", "nobody@example.jp"),
                ("organisation", "missing-org"),
                ("role", "owner"),
                ("action", "grant"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response
            .body
            .contains("このメールアドレスのアカウントはありません")
    );
    assert!(response.body.contains("役割を選んでください"));
}

#[tokio::test]
async fn participant_pseudonyms_are_per_browser_and_per_conversation() {
    let app = spawn_app().await;
    let ctx = |visitor_id: &str| sosei_web::Ctx {
        locale: sosei_core::Locale::Ja,
        user: None,
        session_token_hash: None,
        visitor_id: visitor_id.to_owned(),
        csrf_token: String::new(),
        path_and_query: "/".to_owned(),
        public_url: None,
    };
    let pseudonym = sosei_web::auth::participant_pseudonym;
    let first = pseudonym(&ctx("visitor-a"), &app.state, "conversation:1");
    assert_eq!(
        first,
        pseudonym(&ctx("visitor-a"), &app.state, "conversation:1")
    );
    assert_ne!(
        first,
        pseudonym(&ctx("visitor-a"), &app.state, "conversation:2")
    );
    assert_ne!(
        first,
        pseudonym(&ctx("visitor-b"), &app.state, "conversation:1")
    );
    assert!(!first.contains("visitor-a"));
}
