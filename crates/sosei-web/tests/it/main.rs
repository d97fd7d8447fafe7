//! The web layer's integration tests: the whole router, called as a `tower::Service`, on a fresh
//! SQLite database per test (so tests run in parallel and never share state).

#![allow(clippy::unwrap_used)]

mod account_lifecycle;
mod api;
mod api_resources;
mod auth;
mod coordinate;
mod deliverables;
mod facilitate;
mod fidelity;
mod language_urls;
mod matching;
mod navigation;
mod outbox;
mod pages;
mod participate;
mod programmes;
mod report;
mod results;
mod security;
mod translations;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use sosei_core::{DisplayName, EmailAddress, NewPassword, NewUser, User};
use sosei_store::Store;
use sosei_web::{AppState, WebConfig};
use tower::ServiceExt;

/// A running application on its own database.
pub struct TestApp {
    pub router: Router,
    pub store: Store,
    pub state: AppState,
    _data_dir: TempDir,
    _postgres: Option<ScratchPostgres>,
}

/// A scratch PostgreSQL database, dropped with the test app.
struct ScratchPostgres {
    url: String,
}

impl Drop for ScratchPostgres {
    fn drop(&mut self) {
        // Drop is synchronous and may run inside the test's runtime: drop the database on a
        // thread with a runtime of its own. Best effort: a leftover scratch database is harmless.
        let url = self.url.clone();
        let dropper = std::thread::spawn(move || {
            if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                let _ = runtime.block_on(sosei_store::drop_scratch_postgres_database(&url));
            }
        });
        let _ = dropper.join();
    }
}

/// The application on a fresh PostgreSQL database when `SOSEI_TEST_POSTGRES_URL` names a server
/// (`None` otherwise, after saying so), for the tests whose point is the second backend.
pub async fn spawn_app_on_postgres_with(config: WebConfig) -> Option<TestApp> {
    let Ok(server_url) = std::env::var("SOSEI_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var_os("SOSEI_REQUIRE_ALL_TESTS").is_none(),
            "SOSEI_REQUIRE_ALL_TESTS is set but SOSEI_TEST_POSTGRES_URL is not"
        );
        eprintln!("SKIPPED: the PostgreSQL half (set SOSEI_TEST_POSTGRES_URL to run it)");
        return None;
    };
    let url = sosei_store::create_scratch_postgres_database(&server_url)
        .await
        .expect("a scratch PostgreSQL database");
    let scratch = ScratchPostgres { url: url.clone() };
    let store = Store::connect(&url).await.expect("connect to PostgreSQL");
    store.migrate().await.expect("migrate the fresh store");
    let state = AppState::new(store.clone(), config)
        .await
        .expect("build the app state");
    let router = sosei_web::router(state.clone());
    Some(TestApp {
        router,
        store,
        state,
        _data_dir: TempDir::new(),
        _postgres: Some(scratch),
    })
}

/// Build the application on a fresh SQLite database in a unique temporary folder.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(WebConfig::default()).await
}

/// Like [`spawn_app`], with a configuration of the test's own.
pub async fn spawn_app_with(config: WebConfig) -> TestApp {
    let data_dir = TempDir::new();
    let store = Store::open_data_dir(&data_dir.path)
        .await
        .expect("open a fresh SQLite store");
    store.migrate().await.expect("migrate the fresh store");
    let state = AppState::new(store.clone(), config)
        .await
        .expect("build the app state");
    let router = sosei_web::router(state.clone());
    TestApp {
        router,
        store,
        state,
        _data_dir: data_dir,
        _postgres: None,
    }
}

impl TestApp {
    /// The organisation the Social Contract tests run programmes for (slug `sosei-partners`).
    pub async fn create_sosei_partners(&self) -> sosei_core::Organisation {
        self.store
            .create_organisation(
                &sosei_core::NewOrganisation {
                    slug: sosei_core::OrganisationSlug::parse("sosei-partners").unwrap(),
                    kind: sosei_core::OrganisationKind::Npo,
                    name: sosei_core::LocalizedText::new("創生パートナーズ", "Sosei Partners"),
                    description: sosei_core::LocalizedText::default(),
                    website: None,
                },
                time::OffsetDateTime::now_utc(),
            )
            .await
            .unwrap()
    }

    /// A browser with an empty cookie jar and no language preference (so Japanese).
    pub fn browser(&self) -> Browser {
        Browser {
            router: self.router.clone(),
            cookies: BTreeMap::new(),
            accept_language: None,
            client_address: None,
        }
    }

    /// An account made directly in the store (as the CLI does), with the web layer's hashing.
    pub async fn create_user(
        &self,
        email: &str,
        display_name: &str,
        password: &str,
        is_site_admin: bool,
    ) -> User {
        let password = NewPassword::parse(password).expect("a valid test password");
        let new_user = NewUser {
            email: EmailAddress::parse(email).expect("a valid test e-mail address"),
            display_name: DisplayName::parse(display_name).expect("a valid test name"),
            password_hash: sosei_web::auth::hash_password(&password)
                .await
                .expect("hash the test password"),
            is_site_admin,
            preferred_locale: None,
        };
        self.store
            .create_user(&new_user, time::OffsetDateTime::now_utc())
            .await
            .expect("create the test user")
    }

    /// A browser signed in through the sign-in form.
    pub async fn signed_in_browser(&self, email: &str, password: &str) -> Browser {
        let mut browser = self.browser();
        let response = browser
            .submit("/sign-in", &[("email", email), ("password", password)])
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
        browser
    }
}

/// A folder under the system's temporary directory, removed when dropped.
struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let path = std::env::temp_dir().join(format!(
            "sosei-web-test-{}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            nanos
        ));
        std::fs::create_dir_all(&path).expect("create a temporary folder");
        TempDir { path }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A response with its body read as text.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    pub fn location(&self) -> Option<&str> {
        self.headers.get(LOCATION).and_then(|v| v.to_str().ok())
    }

    /// The `Set-Cookie` header for cookie `name`, if any.
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(&format!("{name}=")))
            .map(str::to_owned)
    }

    /// The CSRF token of the first form on the page.
    pub fn csrf_token(&self) -> Option<String> {
        hidden_field_value(&self.body, sosei_web::context::CSRF_FIELD)
    }
}

/// The `value` of the first `<input name="NAME" … value="…">` in `html`.
pub fn hidden_field_value(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("name=\"{name}\""))?;
    let rest = &html[start..];
    let value_start = rest.find("value=\"")? + "value=\"".len();
    let value_end = rest[value_start..].find('"')?;
    Some(rest[value_start..value_start + value_end].to_owned())
}

/// A browser: keeps cookies between requests, like a real one.
pub struct Browser {
    router: Router,
    pub cookies: BTreeMap<String, String>,
    /// Sent as `Accept-Language` when set.
    pub accept_language: Option<&'static str>,
    /// The address the requests come from, as the server would see the connection's peer.
    pub client_address: Option<std::net::SocketAddr>,
}

impl Browser {
    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.send(Method::GET, path, None).await
    }

    /// POST `fields` as a form, exactly as given (no CSRF token added).
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.send(
            Method::POST,
            path,
            Some(("application/x-www-form-urlencoded", body.into_bytes())),
        )
        .await
    }

    /// POST `fields` and a file (`(field, file name, bytes)`) as `multipart/form-data`, as a
    /// browser sends a form with a file input; no CSRF token added.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
    ) -> TestResponse {
        const BOUNDARY: &str = "----sosei-test-boundary-7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((name, file_name, content)) = file {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let content_type: &'static str =
            "multipart/form-data; boundary=----sosei-test-boundary-7MA4YWxkTrZu0gW";
        self.send(Method::POST, path, Some((content_type, body)))
            .await
    }

    /// Like [`Browser::post_multipart`], with the CSRF token a page of this site would carry.
    pub async fn submit_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
    ) -> TestResponse {
        let token = self.csrf_token().await;
        let mut with_token: Vec<(&str, &str)> = vec![(sosei_web::context::CSRF_FIELD, &token)];
        with_token.extend_from_slice(fields);
        self.post_multipart(path, &with_token, file).await
    }

    /// POST `fields` with the CSRF token a page of this site would have put in the form.
    pub async fn submit(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        let token = self.csrf_token().await;
        let mut with_token: Vec<(&str, &str)> = vec![(sosei_web::context::CSRF_FIELD, &token)];
        with_token.extend_from_slice(fields);
        self.post_form(path, &with_token).await
    }

    /// The CSRF token for this browser right now (every page carries one in its header).
    pub async fn csrf_token(&mut self) -> String {
        self.get("/")
            .await
            .csrf_token()
            .expect("the home page carries a CSRF token")
    }

    pub fn has_cookie(&self, name: &str) -> bool {
        self.cookies.contains_key(name)
    }

    async fn send(
        &mut self,
        method: Method,
        path: &str,
        form_body: Option<(&'static str, Vec<u8>)>,
    ) -> TestResponse {
        let mut request = Request::builder().method(method).uri(path);
        if !self.cookies.is_empty() {
            let cookie_header = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect::<Vec<_>>()
                .join("; ");
            request = request.header(COOKIE, cookie_header);
        }
        if let Some(language) = self.accept_language {
            request = request.header(ACCEPT_LANGUAGE, language);
        }
        let body = match form_body {
            Some((content_type, body)) => {
                request = request.header(CONTENT_TYPE, content_type);
                Body::from(body)
            }
            None => Body::empty(),
        };
        let mut request = request.body(body).expect("a well-formed request");
        if let Some(address) = self.client_address {
            request
                .extensions_mut()
                .insert(axum::extract::ConnectInfo(address));
        }
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("the router never fails");
        let status = response.status();
        let headers = response.headers().clone();
        self.store_cookies(&headers);
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a readable body");
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    fn store_cookies(&mut self, headers: &HeaderMap) {
        for value in headers.get_all(SET_COOKIE).iter() {
            let Ok(value) = value.to_str() else { continue };
            let mut attributes = value.split(';');
            let Some((name, cookie_value)) = attributes.next().and_then(|p| p.split_once('='))
            else {
                continue;
            };
            let expired = attributes.any(|a| a.trim().eq_ignore_ascii_case("max-age=0"));
            if expired || cookie_value.is_empty() {
                self.cookies.remove(name.trim());
            } else {
                self.cookies
                    .insert(name.trim().to_owned(), cookie_value.to_owned());
            }
        }
    }
}
