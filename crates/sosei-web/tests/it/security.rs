//! Hardening (issue 11, points 13–20): sign-in throttling under concurrency and per address,
//! redirects only to this site, headers that cannot fail, inert CSV cells, bounded searches, the
//! cap on password hashing, body limits decided before reading, and the security headers.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::header::{
    CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, RETRY_AFTER,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{Method, Request, StatusCode};
use sosei_web::WebConfig;
use tower::ServiceExt;

use crate::coordinate::{BASE, applicant, coordinated_programme, open};
use crate::{
    Browser, TestApp, TestResponse, spawn_app, spawn_app_on_postgres_with, spawn_app_with,
};

const PASSWORD: &str = "correct horse battery";
const ATTACKER: &str = "198.51.100.7:40000";
const OWNER: &str = "203.0.113.5:50000";

fn address(text: &str) -> Option<SocketAddr> {
    Some(text.parse().expect("a socket address"))
}

/// A browser coming from `from`, with a visitor cookie and so a CSRF token.
async fn browser_from(app: &TestApp, from: &str) -> (Browser, String) {
    let mut browser = app.browser();
    browser.client_address = address(from);
    let token = browser.csrf_token().await;
    (browser, token)
}

/// `count` copies of `browser` posting the sign-in form at once.
async fn sign_in_at_once(
    app: &TestApp,
    browser: &Browser,
    token: &str,
    attempts: Vec<(String, String)>,
) -> Vec<TestResponse> {
    let mut tasks = Vec::new();
    for (email, password) in attempts {
        let mut copy = app.browser();
        copy.cookies = browser.cookies.clone();
        copy.client_address = browser.client_address;
        let token = token.to_owned();
        tasks.push(tokio::spawn(async move {
            copy.post_form(
                "/sign-in",
                &[
                    ("csrf_token", token.as_str()),
                    ("email", email.as_str()),
                    ("password", password.as_str()),
                ],
            )
            .await
        }));
    }
    let mut responses = Vec::new();
    for task in tasks {
        responses.push(task.await.expect("the request ran"));
    }
    responses
}

// --- 13: throttling ------------------------------------------------------------------------------

/// 40 simultaneous wrong passwords from one address: at most the free attempts reach a hash
/// check; the rest wait. The owner, from their own address, still signs in.
async fn concurrent_wrong_passwords_are_counted_before_the_check(app: TestApp) {
    app.create_user("hanako@example.jp", "花子", PASSWORD, false)
        .await;
    let (attacker, token) = browser_from(&app, ATTACKER).await;
    let before = app.state.password_gate.hashes_started();
    let attempts = (0..40)
        .map(|n| ("hanako@example.jp".to_owned(), format!("wrong guess {n}")))
        .collect();
    let responses = sign_in_at_once(&app, &attacker, &token, attempts).await;
    let checked = app.state.password_gate.hashes_started() - before;
    let wrong = responses
        .iter()
        .filter(|r| r.status == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let waiting = responses
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert!(checked <= 5, "{checked} hash checks for 40 wrong passwords");
    assert_eq!(wrong as u64, checked);
    assert_eq!(wrong + waiting, 40, "every answer is wrong or wait");
    assert!(
        responses
            .iter()
            .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
            .all(|r| r.headers.contains_key(RETRY_AFTER))
    );

    // Even the right password waits at the attacker's address…
    let mut attacker = attacker;
    let right_from_attacker = attacker
        .submit(
            "/sign-in",
            &[("email", "hanako@example.jp"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(right_from_attacker.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!attacker.has_cookie("sosei_session"));

    // …while the owner, from their own address, signs in as usual.
    let (mut owner, _) = browser_from(&app, OWNER).await;
    let signed_in = owner
        .submit(
            "/sign-in",
            &[("email", "hanako@example.jp"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        signed_in.status,
        StatusCode::SEE_OTHER,
        "{}",
        signed_in.body
    );
    assert!(owner.has_cookie("sosei_session"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_wrong_passwords_are_counted_before_the_check_on_sqlite() {
    concurrent_wrong_passwords_are_counted_before_the_check(spawn_app().await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_wrong_passwords_are_counted_before_the_check_on_postgres() {
    if let Some(app) = spawn_app_on_postgres_with(WebConfig::default()).await {
        concurrent_wrong_passwords_are_counted_before_the_check(app).await;
    }
}

#[tokio::test]
async fn a_right_password_clears_the_count_at_that_address_only() {
    let app = spawn_app().await;
    app.create_user("taro@example.jp", "太郎", PASSWORD, false)
        .await;
    let (mut browser, _) = browser_from(&app, OWNER).await;
    for _ in 0..4 {
        let wrong = browser
            .submit(
                "/sign-in",
                &[("email", "taro@example.jp"), ("password", "not it")],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let right = browser
        .submit(
            "/sign-in",
            &[("email", "taro@example.jp"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
    // The count started again: five more typos are allowed before any wait.
    let (mut again, _) = browser_from(&app, OWNER).await;
    for _ in 0..5 {
        let wrong = again
            .submit(
                "/sign-in",
                &[("email", "taro@example.jp"), ("password", "not it")],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let sixth = again
        .submit(
            "/sign-in",
            &[("email", "taro@example.jp"), ("password", "not it")],
        )
        .await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
}

// --- 18: the cap on password hashing -------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sign_ins_beyond_the_hashing_cap_wait_or_are_refused() {
    let app = spawn_app_with(WebConfig {
        max_concurrent_password_hashes: 2,
        ..WebConfig::default()
    })
    .await;
    let (browser, token) = browser_from(&app, OWNER).await;
    // Different accounts, so the throttle lets every one through to the hash.
    let attempts = (0..40)
        .map(|n| (format!("person{n}@example.jp"), "some password".to_owned()))
        .collect();
    let responses = sign_in_at_once(&app, &browser, &token, attempts).await;
    let refused: Vec<&TestResponse> = responses
        .iter()
        .filter(|r| r.status == StatusCode::SERVICE_UNAVAILABLE)
        .collect();
    assert!(
        responses
            .iter()
            .all(|r| r.status == StatusCode::UNPROCESSABLE_ENTITY
                || r.status == StatusCode::SERVICE_UNAVAILABLE),
        "{:?}",
        responses.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert!(
        !refused.is_empty(),
        "40 at once with 2 hashing: some refused"
    );
    for response in &refused {
        assert!(response.headers.contains_key(RETRY_AFTER));
        assert!(
            response.body.contains("サインインが混み合っています"),
            "{}",
            response.body
        );
    }
    let gate = &app.state.password_gate;
    assert!(
        gate.peak_in_flight() <= 2,
        "{} hashes at once",
        gate.peak_in_flight()
    );
    assert_eq!(
        gate.hashes_started() as usize + refused.len(),
        40,
        "every request either hashed or was refused"
    );
}

// --- 14 and 15: redirects ------------------------------------------------------------------------

#[tokio::test]
async fn signing_in_never_redirects_off_the_site() {
    let app = spawn_app().await;
    app.create_user("hanako@example.jp", "花子", PASSWORD, false)
        .await;
    // The sign-in page puts only a local path into its form.
    let mut browser = app.browser();
    let page = browser
        .get("/sign-in?return_to=%2F%09%2Fevil.example")
        .await;
    let form = &page.body[page.body.find("action=\"/ja/sign-in\"").unwrap()..];
    assert_eq!(
        crate::hidden_field_value(form, "return_to").as_deref(),
        Some("/")
    );

    for (return_to, expected) in [
        ("/\t/evil.example", "/"),
        ("/.//evil.example", "/"),
        ("/\n", "/"),
        ("/regions?q=遠野", "/regions?q=%E9%81%A0%E9%87%8E"),
    ] {
        let mut browser = app.browser();
        let response = browser
            .submit(
                "/sign-in",
                &[
                    ("email", "hanako@example.jp"),
                    ("password", PASSWORD),
                    ("return_to", return_to),
                ],
            )
            .await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "{return_to:?}: {}",
            response.body
        );
        assert_eq!(response.location(), Some(expected), "{return_to:?}");
        assert!(browser.has_cookie("sosei_session"), "{return_to:?}");
    }
}

#[tokio::test]
async fn switching_language_never_redirects_off_the_site_or_fails() {
    let app = spawn_app().await;
    for (return_to, expected) in [
        ("/\t/evil.example", "/en/"),
        ("/\n", "/en/"),
        ("/\r\nSet-Cookie: x=1", "/en/"),
        ("//evil.example", "/en/"),
        ("/regions?q=1", "/en/regions?q=1"),
    ] {
        let mut browser = app.browser();
        let response = browser
            .submit("/language", &[("to", "en"), ("return_to", return_to)])
            .await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "{return_to:?}: {}",
            response.body
        );
        assert_eq!(response.location(), Some(expected), "{return_to:?}");
        assert!(response.set_cookie("sosei_lang").is_some());
    }
}

// --- 16: CSV cells -------------------------------------------------------------------------------

#[tokio::test]
async fn a_formula_in_a_name_stays_text_in_the_applications_csv() {
    let (app, _, _, mut browser, programme) = coordinated_programme().await;
    open(&app, &programme).await;
    applicant(
        &app,
        &programme,
        "attacker@example.jp",
        "=HYPERLINK(\"http://evil.example\",\"x\")",
    )
    .await;
    for path in ["applications.csv", "teams.csv"] {
        let response = browser
            .get(&format!("{BASE}/{}/{path}", programme.id))
            .await;
        assert_eq!(response.status, StatusCode::OK);
        let mut reader =
            csv::Reader::from_reader(response.body.trim_start_matches('\u{feff}').as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "{path}: a cell a spreadsheet would run: {cell:?}"
                );
            }
        }
    }
    let applications = browser
        .get(&format!("{BASE}/{}/applications.csv", programme.id))
        .await;
    assert!(
        applications.body.contains("'=HYPERLINK("),
        "{}",
        applications.body
    );
}

// --- 17: bounded searches ------------------------------------------------------------------------

#[tokio::test]
async fn a_search_too_long_is_refused_with_a_message_not_an_error() {
    let app = spawn_app().await;
    // 50,000 characters (the longest address a request line may carry holds no more).
    let encoded = "a".repeat(50_000);
    let mut browser = app.browser();

    let api = browser.get(&format!("/api/v1/regions?q={encoded}")).await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST, "{}", api.body);
    assert_eq!(
        api.headers.get(CONTENT_TYPE).unwrap(),
        "application/problem+json"
    );
    assert!(api.body.contains("100"), "{}", api.body);

    let page = browser
        .get(&format!("/regions?q={}", "遠".repeat(101)))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("検索語が長すぎます"), "{}", page.body);
    browser.accept_language = Some("en");
    let page = browser
        .get(&format!("/regions?q={}", "a".repeat(101)))
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(
        page.body.contains("The search is too long"),
        "{}",
        page.body
    );
    let fine = browser
        .get(&format!("/regions?q={}", "a".repeat(100)))
        .await;
    assert_eq!(fine.status, StatusCode::OK);
}

#[tokio::test]
async fn a_region_field_too_long_is_a_form_error() {
    let (app, _, _, mut browser, programme) = coordinated_programme().await;
    let long = "遠".repeat(50_000);
    let host = browser
        .submit(
            "/organisations/sosei-partners/host-families",
            &[
                ("name", "佐藤さん一家"),
                ("beds", "1"),
                ("region", long.as_str()),
                ("available", "2017-09-01 2017-09-20"),
            ],
        )
        .await;
    assert_eq!(
        host.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        host.body
    );
    assert!(host.body.contains("検索語が長すぎます"), "{}", host.body);
    let basics = browser
        .submit(
            &format!("{BASE}/{}/basics", programme.id),
            &[
                ("title_ja", "遠野 国際チーム"),
                ("region", long.as_str()),
                ("starts_on", "2017-09-06"),
                ("ends_on", "2017-09-09"),
            ],
        )
        .await;
    assert_eq!(
        basics.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        basics.body
    );
    assert!(
        basics.body.contains("検索語が長すぎます"),
        "{}",
        basics.body
    );
    drop(app);
}

// --- 19: body limits -----------------------------------------------------------------------------

/// A request body of `total` bytes sent in 64 KiB chunks, counting what the server reads.
fn counted_body(total: usize, read: Arc<AtomicUsize>) -> Body {
    const CHUNK: usize = 64 * 1024;
    let chunks = (0..total.div_ceil(CHUNK)).map(move |index| {
        let size = CHUNK.min(total - index * CHUNK);
        read.fetch_add(size, Ordering::SeqCst);
        Ok::<_, std::io::Error>(axum::body::Bytes::from(vec![b'a'; size]))
    });
    Body::from_stream(futures_util::stream::iter(chunks))
}

#[tokio::test]
async fn a_large_multipart_body_to_an_ordinary_route_is_refused_unread() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    let _ = browser.csrf_token().await;
    let cookie = browser
        .cookies
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect::<Vec<_>>()
        .join("; ");
    const FIVE_MIB: usize = 5 * 1024 * 1024;
    for declare_length in [false, true] {
        let read = Arc::new(AtomicUsize::new(0));
        let mut request = Request::builder()
            .method(Method::POST)
            .uri("/language")
            .header("cookie", &cookie)
            .header(CONTENT_TYPE, "multipart/form-data; boundary=x");
        if declare_length {
            request = request.header(CONTENT_LENGTH, FIVE_MIB);
        }
        let response = app
            .router
            .clone()
            .oneshot(request.body(counted_body(FIVE_MIB, read.clone())).unwrap())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let read = read.load(Ordering::SeqCst);
        let limit = WebConfig::default().max_body_bytes;
        if declare_length {
            assert_eq!(
                read, 0,
                "a declared length past the limit is refused unread"
            );
        } else {
            assert!(
                read <= limit + 64 * 1024,
                "{read} bytes read for a {limit}-byte limit"
            );
        }
    }
}

// --- 20: security headers ------------------------------------------------------------------------

fn assert_security_headers(response: &TestResponse, what: &str) {
    let csp = response
        .headers
        .get(CONTENT_SECURITY_POLICY)
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"))
        .to_str()
        .unwrap();
    for directive in [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{what}: {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert_eq!(
        response.headers.get(X_CONTENT_TYPE_OPTIONS).unwrap(),
        "nosniff",
        "{what}"
    );
    assert_eq!(
        response
            .headers
            .get(REFERRER_POLICY)
            .map(|v| v.to_str().unwrap()),
        Some("same-origin"),
        "{what}"
    );
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    let page = browser.get("/").await;
    let error = browser.get("/no-such-page").await;
    assert_eq!(error.status, StatusCode::NOT_FOUND);
    let asset = browser.get("/assets/sosei.css").await;
    let api = browser.get("/api/v1/regions").await;
    let health = browser.get("/healthz").await;
    for (response, what) in [
        (&page, "a page"),
        (&error, "an error page"),
        (&asset, "an asset"),
        (&api, "the API"),
        (&health, "the health check"),
    ] {
        assert_security_headers(response, what);
        assert!(
            !response.headers.contains_key(STRICT_TRANSPORT_SECURITY),
            "{what}: HSTS without HTTPS"
        );
    }

    let secure = spawn_app_with(WebConfig {
        secure_cookies: true,
        ..WebConfig::default()
    })
    .await;
    let mut browser = secure.browser();
    for path in ["/", "/no-such-page", "/assets/sosei.css", "/api/v1/regions"] {
        let response = browser.get(path).await;
        assert_security_headers(&response, path);
        assert_eq!(
            response.headers.get(STRICT_TRANSPORT_SECURITY).unwrap(),
            "max-age=31536000",
            "{path}"
        );
    }
}

#[tokio::test]
async fn pages_carry_no_inline_script_or_style() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    for path in [
        "/",
        "/regions",
        "/sign-in",
        "/sign-up",
        "/organisations",
        "/no-such-page",
    ] {
        let page = browser.get(path).await;
        assert!(
            !page.body.contains("style="),
            "{path} has a style attribute"
        );
        assert!(!page.body.contains("<style"), "{path} has a style element");
        for (index, _) in page.body.match_indices("<script") {
            let tag_end = page.body[index..].find('>').unwrap() + index;
            assert!(
                page.body[index..tag_end].contains(" src=")
                    && page.body[tag_end..].starts_with("></script>"),
                "{path} has an inline script"
            );
        }
    }
}

/// The templates themselves: no `style` attribute or element, no inline script, no event
/// handler attribute anywhere in the web layer's source (the CSP would refuse them).
#[test]
fn templates_have_no_inline_script_or_style() {
    fn rust_files(folder: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 20);
    let forbidden = [
        " style=",
        "\tstyle=",
        " style {",
        " onclick=",
        " onload=",
        " onsubmit=",
        " onchange=",
        " oninput=",
        " onerror=",
    ];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            for pattern in forbidden {
                assert!(
                    !line.contains(pattern),
                    "{}:{}: {pattern:?} in a template",
                    file.display(),
                    number + 1
                );
            }
            if code.starts_with("script ") || code.contains(" script ") && code.contains('{') {
                assert!(
                    code.contains("src="),
                    "{}:{}: an inline script",
                    file.display(),
                    number + 1
                );
            }
        }
    }
}
