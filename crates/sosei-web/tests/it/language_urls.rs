//! The language in the URL: `/ja/…` and `/en/…` decide the language whatever the cookie or the
//! browser says, every link and redirect keeps it, and the `<head>` names both addresses and a
//! preview for shared links.

use axum::body::Body;
use axum::http::header::{ACCEPT, CONTENT_TYPE, COOKIE, HOST, VARY};
use axum::http::{Method, Request, StatusCode};
use sosei_core::deliberation::{
    ConversationState, InvitationCode, ModerationMode, ModerationStatus, NewConversation,
    ParticipationMode, StatementText,
};
use sosei_core::{LocalizedText, NewOrganisation, OrganisationKind, OrganisationSlug};
use sosei_web::WebConfig;
use sosei_web::public_url::PublicUrl;
use time::OffsetDateTime;
use tower::ServiceExt;

use crate::{Browser, TestApp, TestResponse, hidden_field_value, spawn_app, spawn_app_with};

const PASSWORD: &str = "correct horse battery staple";

/// Every value of `attribute="…"` in `html`.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let opener = format!(" {attribute}=\"");
    html.match_indices(&opener)
        .filter_map(|(start, _)| {
            let value_start = start + opener.len();
            let value_end = value_start + html[value_start..].find('"')?;
            Some(&html[value_start..value_end])
        })
        .collect()
}

/// The site paths (`/…`) the page links to or sends forms to, leaving out the `<head>`'s
/// `hreflang` alternates (which name the page in every language on purpose).
fn site_paths(html: &str) -> Vec<String> {
    let without_alternates: String = html
        .split("<link rel=\"alternate\"")
        .enumerate()
        .map(|(index, piece)| match index {
            0 => piece,
            _ => piece.split_once('>').map_or("", |(_, rest)| rest),
        })
        .collect();
    let mut paths: Vec<String> = attribute_values(&without_alternates, "href")
        .into_iter()
        .chain(attribute_values(&without_alternates, "action"))
        .map(str::to_owned)
        .collect();
    paths.retain(|value| value.starts_with('/'));
    paths
}

fn is_never_prefixed(path: &str) -> bool {
    ["/api/", "/assets/", "/healthz", "/metrics"]
        .iter()
        .any(|root| path.starts_with(root))
        || path
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .ends_with(".ics")
}

/// Assert that every site path on `page` is in `/{language}/` (or never prefixed), and that
/// there are some.
fn assert_links_stay_in(language: &str, page: &TestResponse, what: &str) {
    let paths = site_paths(&page.body);
    assert!(
        paths.len() >= 5,
        "{what}: too few links to mean anything: {paths:?}"
    );
    let prefix = format!("/{language}/");
    for path in paths {
        assert!(
            path.starts_with(&prefix) || is_never_prefixed(&path),
            "{what}: {path} leaves /{language}/"
        );
    }
}

fn html_lang(body: &str) -> &str {
    let start = body.find("<html lang=\"").expect("a root element") + "<html lang=\"".len();
    &body[start..start + 2]
}

fn vary(response: &TestResponse) -> String {
    response
        .headers
        .get_all(VARY)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ")
        .to_ascii_lowercase()
}

#[tokio::test]
async fn the_language_in_the_url_beats_the_cookie_the_browser_and_the_account() {
    let app = spawn_app().await;

    let mut japanese_reader = app.browser();
    japanese_reader.accept_language = Some("ja,en;q=0.5");
    japanese_reader
        .cookies
        .insert(sosei_web::context::LANGUAGE_COOKIE.to_owned(), "ja".into());
    let english = japanese_reader.get("/en/regions").await;
    assert_eq!(english.status, StatusCode::OK);
    assert_eq!(html_lang(&english.body), "en");
    assert!(
        english.body.contains("<h1>Regions</h1>"),
        "{}",
        english.body
    );
    // Without the prefix the same reader still gets their own language.
    let negotiated = japanese_reader.get("/regions").await;
    assert_eq!(html_lang(&negotiated.body), "ja");

    let mut english_reader = app.browser();
    english_reader.accept_language = Some("en");
    english_reader
        .cookies
        .insert(sosei_web::context::LANGUAGE_COOKIE.to_owned(), "en".into());
    let japanese = english_reader.get("/ja/regions").await;
    assert_eq!(japanese.status, StatusCode::OK);
    assert_eq!(html_lang(&japanese.body), "ja");
    assert!(japanese.body.contains("<h1>地域</h1>"), "{}", japanese.body);

    // An account set to Japanese reads a shared English link in English.
    let user = app
        .create_user("hanako@example.jp", "山田 花子", PASSWORD, false)
        .await;
    let mut member = app.signed_in_browser("hanako@example.jp", PASSWORD).await;
    app.store
        .set_preferred_locale(user.id, Some(sosei_core::Locale::Ja))
        .await
        .unwrap();
    assert_eq!(html_lang(&member.get("/regions").await.body), "ja");
    assert_eq!(html_lang(&member.get("/en/regions").await.body), "en");
    // The bare prefix is the home page.
    let home = member.get("/en").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(html_lang(&home.body), "en");
}

#[tokio::test]
async fn only_a_whole_first_segment_names_a_language() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    for path in [
        "/english",
        "/enx",
        "/EN/regions",
        "/jap/regions",
        "/en-us/regions",
    ] {
        let response = browser.get(path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
    }
    for path in ["/en/", "/ja/", "/en/regions?q=%E9%81%A0%E9%87%8E"] {
        let response = browser.get(path).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn links_and_forms_on_an_english_page_stay_in_english() {
    let app = spawn_app().await;
    app.create_sosei_partners().await;
    app.create_user("admin@example.jp", "管理者", PASSWORD, true)
        .await;
    let mut visitor = app.browser();
    for path in [
        "/en/",
        "/en/regions",
        "/en/organisations",
        "/en/organisations/sosei-partners",
        "/en/programmes",
        "/en/conversations",
        "/en/sign-in",
        "/en/sign-up",
        "/en/no-such-page",
    ] {
        let page = visitor.get(path).await;
        assert_links_stay_in("en", &page, path);
    }
    let mut admin = app.signed_in_browser("admin@example.jp", PASSWORD).await;
    for path in [
        "/en/account",
        "/en/admin",
        "/en/admin/outbox",
        "/en/me/applications",
    ] {
        let page = admin.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_links_stay_in("en", &page, path);
        assert!(page.body.contains("action=\"/en/sign-out\""), "{path}");
    }
    // A Japanese page keeps Japanese the same way.
    let japanese = visitor.get("/ja/regions").await;
    assert_links_stay_in("ja", &japanese, "/ja/regions");
    // Assets stay where they are.
    assert!(
        japanese.body.contains("href=\"/assets/sosei.css\""),
        "{}",
        japanese.body
    );
}

#[tokio::test]
async fn an_unprefixed_page_links_to_addresses_in_the_language_it_was_shown_in() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    browser.accept_language = Some("en-GB,en;q=0.9");
    let page = browser.get("/regions").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(html_lang(&page.body), "en");
    assert_links_stay_in("en", &page, "/regions negotiated to English");

    browser.accept_language = None;
    let page = browser.get("/regions").await;
    assert_eq!(html_lang(&page.body), "ja");
    assert_links_stay_in("ja", &page, "/regions negotiated to Japanese");
}

#[tokio::test]
async fn negotiated_pages_say_what_they_vary_on() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    let negotiated = browser.get("/regions").await;
    let negotiated_vary = vary(&negotiated);
    assert!(
        negotiated_vary.contains("accept-language"),
        "{negotiated_vary}"
    );
    assert!(negotiated_vary.contains("cookie"), "{negotiated_vary}");

    let named = browser.get("/en/regions").await;
    let named_vary = vary(&named);
    assert!(!named_vary.contains("accept-language"), "{named_vary}");
    assert!(named_vary.contains("cookie"), "{named_vary}");

    // The stylesheet is the same for everyone.
    let stylesheet = browser.get("/assets/sosei.css").await;
    assert_eq!(stylesheet.status, StatusCode::OK);
    assert!(!vary(&stylesheet).contains("accept-language"));
}

#[tokio::test]
async fn a_form_posted_from_an_english_page_redirects_to_an_english_address() {
    let app = spawn_app().await;
    app.create_user("hanako@example.jp", "山田 花子", PASSWORD, false)
        .await;
    let mut browser = app.browser();
    let sign_in_page = browser.get("/en/sign-in?return_to=%2Fprogrammes").await;
    let actions = attribute_values(&sign_in_page.body, "action");
    assert!(actions.contains(&"/en/sign-in"), "{actions:?}");
    assert!(
        sign_in_page
            .body
            .contains("name=\"return_to\" value=\"/programmes\""),
        "{}",
        sign_in_page.body
    );
    let response = browser
        .submit(
            "/en/sign-in",
            &[
                ("email", "hanako@example.jp"),
                ("password", PASSWORD),
                ("return_to", "/programmes"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(response.location(), Some("/en/programmes"));

    // A protected page asked for in English sends the reader to sign in in English.
    let mut stranger = app.browser();
    let refused = stranger.get("/en/account").await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(
        refused
            .body
            .contains("href=\"/en/sign-in?return_to=%2Faccount\""),
        "{}",
        refused.body
    );

    // A form posted to an unprefixed address (an old page, a script) keeps its old answer.
    let mut old_client = app.browser();
    let response = old_client
        .submit(
            "/sign-in",
            &[("email", "hanako@example.jp"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.location(), Some("/"));
}

#[tokio::test]
async fn the_language_switcher_goes_to_the_same_page_in_the_other_language() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    let page = browser.get("/en/regions?q=%E9%81%A0%E9%87%8E").await;
    assert!(
        page.body
            .contains("action=\"/en/language\" class=\"language-switcher\""),
        "{}",
        page.body
    );
    let return_to = hidden_field_value(&page.body, "return_to").expect("a return address");
    let switched = browser
        .submit("/en/language", &[("to", "ja"), ("return_to", &return_to)])
        .await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER, "{}", switched.body);
    assert_eq!(
        switched.location(),
        Some("/ja/regions?q=%E9%81%A0%E9%87%8E")
    );
    // The choice is remembered for addresses without a language.
    assert!(
        switched
            .set_cookie(sosei_web::context::LANGUAGE_COOKIE)
            .is_some_and(|cookie| cookie.starts_with("sosei_lang=ja"))
    );
    // The account page's form names an unprefixed page: it still lands in the chosen language.
    let from_account = browser
        .submit("/ja/language", &[("to", "en"), ("return_to", "/account")])
        .await;
    assert_eq!(from_account.location(), Some("/en/account"));
}

#[tokio::test]
async fn the_head_names_both_languages_and_a_preview_with_absolute_addresses() {
    let app = spawn_app_with(WebConfig {
        public_url: Some(PublicUrl::parse("https://sosei.example.jp/").unwrap()),
        ..WebConfig::default()
    })
    .await;
    let mut browser = app.browser();
    let page = browser.get("/en/regions?prefecture=030007").await;
    let body = &page.body;
    for expected in [
        "<link rel=\"canonical\" href=\"https://sosei.example.jp/en/regions?prefecture=030007\">",
        "<link rel=\"alternate\" hreflang=\"ja\" href=\"https://sosei.example.jp/ja/regions?prefecture=030007\">",
        "<link rel=\"alternate\" hreflang=\"en\" href=\"https://sosei.example.jp/en/regions?prefecture=030007\">",
        "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://sosei.example.jp/regions?prefecture=030007\">",
        "<meta property=\"og:title\" content=\"Regions\">",
        "<meta property=\"og:url\" content=\"https://sosei.example.jp/en/regions?prefecture=030007\">",
        "<meta property=\"og:locale\" content=\"en_GB\">",
        "<meta property=\"og:locale:alternate\" content=\"ja_JP\">",
        "<meta property=\"og:site_name\" content=\"Sosei\">",
        "<meta property=\"og:type\" content=\"website\">",
        "<meta name=\"twitter:card\" content=\"summary\">",
    ] {
        assert!(body.contains(expected), "missing {expected} in {body}");
    }
    let description = attribute_values(body, "content")
        .into_iter()
        .find(|value| value.starts_with("Sosei is an open-source platform"));
    assert!(description.is_some(), "{body}");
    assert!(body.contains("<meta property=\"og:description\" content=\"Sosei is"));
    assert!(body.contains("<meta name=\"description\" content=\"Sosei is"));

    // An unprefixed page names the prefixed address of what it showed as canonical.
    let japanese = browser.get("/regions").await;
    assert!(
        japanese
            .body
            .contains("<link rel=\"canonical\" href=\"https://sosei.example.jp/ja/regions\">")
    );
    assert!(
        japanese
            .body
            .contains("<meta property=\"og:description\" content=\"Sosei は")
    );
}

/// GET `path` with a `Host` header of the client's choosing.
async fn get_with_host(app: &TestApp, path: &str, host: &str) -> String {
    let request = Request::builder()
        .uri(path)
        .header(HOST, host)
        .body(Body::empty())
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[tokio::test]
async fn without_a_configured_address_a_plain_host_is_used_and_anything_else_is_not() {
    let app = spawn_app().await;
    let page = get_with_host(&app, "/en/programmes", "town.example:8080").await;
    assert!(
        page.contains("<link rel=\"canonical\" href=\"http://town.example:8080/en/programmes\">"),
        "{page}"
    );
    let page = get_with_host(&app, "/en/programmes", "evil.example/x?").await;
    assert!(
        page.contains("<link rel=\"canonical\" href=\"/en/programmes\">"),
        "{page}"
    );
    assert!(!page.contains("evil.example"));
    // The address without a language stays so, root-relative or not.
    assert!(
        page.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"/programmes\">"),
        "{page}"
    );

    // A configured address wins over whatever host the client names.
    let configured = spawn_app_with(WebConfig {
        public_url: Some(PublicUrl::parse("https://sosei.example.jp").unwrap()),
        ..WebConfig::default()
    })
    .await;
    let page = get_with_host(&configured, "/en/programmes", "evil.example").await;
    assert!(page.contains("https://sosei.example.jp/en/programmes"));
    assert!(!page.contains("evil.example"));
}

#[tokio::test]
async fn the_api_assets_and_operations_are_never_behind_a_prefix() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    for path in [
        "/en/api/v1/regions",
        "/ja/api/v1/openapi.json",
        "/en/assets/sosei.css",
        "/en/healthz",
        "/en/metrics",
    ] {
        let response = browser.get(path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
    }
    // The API itself answers as before: JSON, nothing rewritten.
    let api = browser.get("/api/v1/openapi.json").await;
    assert_eq!(api.status, StatusCode::OK);
    assert!(api.body.contains("\"/api/v1/regions\""));
    assert!(!api.body.contains("/en/api"));
    assert!(!api.body.contains("/ja/api"));
    // A calendar feed keeps one address.
    let programmes = browser.get("/en/programmes").await;
    assert!(programmes.body.contains("href=\"/programmes.ics\""));
}

#[tokio::test]
async fn a_vote_sent_by_the_script_from_an_english_page_answers_with_english_links() {
    let app = spawn_app().await;
    let organisation = app
        .store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("tono-lab").unwrap(),
                kind: OrganisationKind::Npo,
                name: LocalizedText::new("遠野まちづくり会議", "Tono Town Forum"),
                description: LocalizedText::default(),
                website: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    let conversation = app
        .store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("駅前のこれから", "The station square"),
                question: LocalizedText::new("駅前をどう使う？", "How to use the square?"),
                description: LocalizedText::default(),
                moderation_mode: ModerationMode::Post,
                participation_mode: ParticipationMode::Anonymous,
                invitation_code: Some(InvitationCode::parse("TONO-2026").unwrap()),
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
    let mut statement_ids = Vec::new();
    for text in ["駅前にベンチを増やしてほしい", "図書館を夜まで開けてほしい"]
    {
        let statement = app
            .store
            .add_statement(
                conversation.id,
                None,
                &StatementText::parse(text).unwrap(),
                true,
                ModerationStatus::Accepted,
                OffsetDateTime::now_utc(),
            )
            .await
            .unwrap();
        statement_ids.push(statement.id.to_string());
    }
    let path = format!("/en/conversations/{}", conversation.id);
    let mut browser = app.browser();
    let joined = browser.submit(&format!("{path}/join"), &[]).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(
        joined.location().map(|l| l.starts_with(path.as_str())),
        Some(true),
        "{:?}",
        joined.location()
    );
    let page = browser.get(&path).await;
    let shown = hidden_field_value(&page.body, "statement_id").expect("a statement to vote on");
    assert!(
        page.body.contains(&format!("action=\"{path}/votes\"")),
        "{}",
        page.body
    );

    let token = browser.csrf_token().await;
    let request = Request::builder()
        .method(Method::POST)
        .uri(format!("{path}/votes"))
        .header(COOKIE, cookie_header(&browser))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(ACCEPT, "application/json")
        .header("X-CSRF-Token", token)
        .body(Body::from(format!("statement_id={shown}&choice=pass")))
        .unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let fragment = json["html"].as_str().expect("the voting area");
    let paths = site_paths(fragment);
    assert!(!paths.is_empty(), "{fragment}");
    for link in paths {
        assert!(link.starts_with("/en/"), "{link} in {fragment}");
    }
}

fn cookie_header(browser: &Browser) -> String {
    browser
        .cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ")
}
