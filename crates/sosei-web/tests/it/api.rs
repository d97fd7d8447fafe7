//! The JSON API under `/api/v1`, its OpenAPI document, and the operational endpoints.
#![allow(clippy::unwrap_used)]

use axum::body::Body;
use axum::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, COOKIE};
use axum::http::{Method, Request, StatusCode};
use serde_json::Value;
use sosei_core::{
    DisplayName, EmailAddress, LocalizedText, MunicipalityCode, NewOrganisation, NewProgramme,
    NewStakeholder, NewUser, OrganisationKind, OrganisationSlug, Role, StakeholderRole,
};
use sosei_store::{NewSession, Store};
use time::OffsetDateTime;
use time::macros::date;
use tower::ServiceExt;

use sosei_web::WebConfig;

use crate::{TestApp, spawn_app};

const TONO: &str = "032085";
const SESSION_TOKEN: &str = "api-test-session-token";

/// What [`seed`] created.
struct Seeded {
    organisation_id: i64,
    user_id: i64,
}

/// One organisation stewarding Tono's profile, a stakeholder, a programme and a signed-in user.
async fn seed(store: &Store) -> Seeded {
    let now = OffsetDateTime::now_utc();
    let tono = MunicipalityCode::parse(TONO).unwrap();
    let organisation = store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("tono-city").unwrap(),
                kind: OrganisationKind::Municipality,
                name: LocalizedText::new("遠野市役所", "Tono City Office"),
                description: LocalizedText::new("遠野市の行政", "The city government"),
                website: Some("https://www.city.tono.iwate.jp/".into()),
            },
            now,
        )
        .await
        .unwrap();
    store
        .upsert_region_profile(
            tono,
            Some(organisation.id),
            &LocalizedText::new("民話のふるさと", "The home of folk tales"),
            &LocalizedText::new("計画", "The plan"),
            now,
        )
        .await
        .unwrap();
    store
        .set_region_goals(
            tono,
            &[
                LocalizedText::new("移住者を増やす", "More newcomers"),
                LocalizedText::new("農泊", "Farm stays"),
            ],
        )
        .await
        .unwrap();
    store
        .add_stakeholder(&NewStakeholder {
            region: tono,
            role: StakeholderRole::LocalGovernment,
            organisation: Some(organisation.id),
            name: LocalizedText::default(),
            description: LocalizedText::new("事務局", "Secretariat"),
        })
        .await
        .unwrap();
    store
        .create_programme(&NewProgramme {
            organisation: organisation.id,
            region: tono,
            title: LocalizedText::new("遠野滞在プログラム", "Tono residency"),
            summary: LocalizedText::new("三か月の滞在", "Three months"),
            starts_on: date!(2026 - 04 - 01),
            ends_on: date!(2026 - 06 - 30),
        })
        .await
        .unwrap();
    let user = store
        .create_user(
            &NewUser {
                email: EmailAddress::parse("hanako@example.jp").unwrap(),
                display_name: DisplayName::parse("花子").unwrap(),
                password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g".into(),
                is_site_admin: false,
                preferred_locale: Some(sosei_core::Locale::En),
            },
            now,
        )
        .await
        .unwrap();
    store
        .grant_role(organisation.id, user.id, Role::Coordinator)
        .await
        .unwrap();
    store
        .create_session(&NewSession {
            token_hash: sosei_web::signing::sha256_hex(SESSION_TOKEN),
            user_id: user.id,
            created_at: now,
            expires_at: now + time::Duration::days(1),
        })
        .await
        .unwrap();
    Seeded {
        organisation_id: organisation.id.0,
        user_id: user.id.0,
    }
}

struct Reply {
    status: StatusCode,
    content_type: String,
    headers: axum::http::HeaderMap,
    bytes: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or_else(|error| {
            panic!(
                "not JSON ({error}): {}",
                String::from_utf8_lossy(&self.bytes)
            )
        })
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

async fn send(app: &TestApp, request: Request<Body>) -> Reply {
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Reply {
        status,
        content_type,
        headers,
        bytes,
    }
}

async fn get(app: &TestApp, path: &str) -> Reply {
    send(app, Request::get(path).body(Body::empty()).unwrap()).await
}

async fn get_signed_in(app: &TestApp, path: &str) -> Reply {
    let request = Request::get(path)
        .header(
            COOKIE,
            format!("{}={SESSION_TOKEN}", sosei_web::context::SESSION_COOKIE),
        )
        .body(Body::empty())
        .unwrap();
    send(app, request).await
}

fn assert_problem(reply: &Reply, status: StatusCode) -> Value {
    assert_eq!(reply.status, status, "{}", reply.text());
    assert_eq!(reply.content_type, "application/problem+json");
    let problem = reply.json();
    assert_eq!(problem["status"], status.as_u16());
    assert!(problem["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(
        problem["type"]
            .as_str()
            .is_some_and(|t| t.starts_with("tag:sosei"))
    );
    problem
}

#[tokio::test]
async fn regions_lists_the_profiles() {
    let app = spawn_app().await;
    seed(&app.store).await;
    let reply = get(&app, "/api/v1/regions").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type.starts_with("application/json"));
    let body = reply.json();
    let regions = body["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 1, "{body}");
    assert_eq!(regions[0]["municipality"]["code"], TONO);
    assert_eq!(regions[0]["municipality"]["name"], "遠野市");
    assert_eq!(regions[0]["municipality"]["name_en"], "Tono City");
    assert_eq!(regions[0]["has_profile"], true);
    assert_eq!(regions[0]["vision"]["ja"], "民話のふるさと");
}

#[tokio::test]
async fn regions_search_covers_every_municipality() {
    let app = spawn_app().await;
    seed(&app.store).await;

    for query in [
        "%E9%81%A0%E9%87%8E",
        "tono",
        "%E3%81%A8%E3%81%8A%E3%81%AE",
        "03208",
    ] {
        let body = get(&app, &format!("/api/v1/regions?q={query}"))
            .await
            .json();
        let tono = body["regions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["municipality"]["code"] == TONO)
            .unwrap_or_else(|| panic!("{query}: {body}"))
            .clone();
        assert_eq!(tono["has_profile"], true, "{query}");
    }

    // 大磯町 has no profile but is found all the same.
    let body = get(&app, "/api/v1/regions?q=oiso").await.json();
    let oiso = body["regions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["municipality"]["name"] == "大磯町")
        .unwrap_or_else(|| panic!("{body}"))
        .clone();
    assert_eq!(oiso["has_profile"], false);
    assert_eq!(oiso["vision"], Value::Null);
}

#[tokio::test]
async fn a_region_has_its_profile_stakeholders_and_programmes() {
    let app = spawn_app().await;
    let seeded = seed(&app.store).await;
    let reply = get(&app, &format!("/api/v1/regions/{TONO}")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["municipality"]["kana"], "とおのし");
    assert_eq!(body["municipality"]["parent"], "030007");
    let profile = &body["profile"];
    assert_eq!(profile["steward"]["slug"], "tono-city");
    assert_eq!(profile["steward"]["id"], seeded.organisation_id);
    assert_eq!(profile["vision"]["en"], "The home of folk tales");
    assert_eq!(profile["goals"][0]["ja"], "移住者を増やす");
    assert_eq!(profile["goals"][1]["en"], "Farm stays");
    let stakeholder = &body["stakeholders"][0];
    assert_eq!(stakeholder["role"], "local_government");
    assert_eq!(stakeholder["organisation"]["slug"], "tono-city");
    // An organisation's stakeholder row keeps no name of its own: the organisation's is shown.
    assert_eq!(stakeholder["name"]["ja"], "遠野市役所");
    let programme = &body["programmes"][0];
    assert_eq!(programme["title"]["en"], "Tono residency");
    assert_eq!(programme["starts_on"], "2026-04-01");
    assert_eq!(programme["region"], TONO);

    // The five-digit form of the code names the same region.
    let short = get(&app, "/api/v1/regions/03208").await.json();
    assert_eq!(short["municipality"]["code"], TONO);

    // A municipality without a profile still answers, with an empty profile.
    let oiso = get(&app, "/api/v1/regions/143413").await;
    assert_eq!(oiso.status, StatusCode::OK, "{}", oiso.text());
    let oiso = oiso.json();
    assert_eq!(oiso["municipality"]["name"], "大磯町");
    assert_eq!(oiso["profile"], Value::Null);
    assert_eq!(oiso["stakeholders"], serde_json::json!([]));
}

#[tokio::test]
async fn unknown_and_malformed_regions_are_problems() {
    let app = spawn_app().await;
    // A well-formed code (its check digit is right) that names no municipality.
    let unknown = MunicipalityCode::parse("99999").unwrap().to_string();
    let reply = get(&app, &format!("/api/v1/regions/{unknown}")).await;
    let problem = assert_problem(&reply, StatusCode::NOT_FOUND);
    assert_eq!(problem["instance"], format!("/api/v1/regions/{unknown}"));

    // A wrong check digit names no municipality either; the problem says what is wrong.
    let reply = get(&app, "/api/v1/regions/032084").await;
    let problem = assert_problem(&reply, StatusCode::NOT_FOUND);
    assert_ne!(problem["type"], "tag:sosei,2026:error-not-found");
    let reply = get(&app, "/api/v1/regions/0").await;
    assert_problem(&reply, StatusCode::NOT_FOUND);

    // A method no route has is 405, not a CSRF refusal.
    let trace = Request::builder()
        .method(Method::TRACE)
        .uri("/api/v1/regions")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        send(&app, trace).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );

    let reply = get(&app, "/api/v1/no-such-endpoint").await;
    assert_problem(&reply, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn organisations_are_listed_and_shown() {
    let app = spawn_app().await;
    let seeded = seed(&app.store).await;
    let body = get(&app, "/api/v1/organisations").await.json();
    let organisations = body["organisations"].as_array().unwrap();
    assert_eq!(organisations.len(), 1);
    assert_eq!(organisations[0]["slug"], "tono-city");
    assert_eq!(organisations[0]["kind"], "municipality");
    assert_eq!(organisations[0]["id"], seeded.organisation_id);

    let reply = get(&app, "/api/v1/organisations/tono-city").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["organisation"]["name"]["en"], "Tono City Office");
    assert_eq!(
        body["organisation"]["website"],
        "https://www.city.tono.iwate.jp/"
    );
    assert_eq!(body["regions"][0]["code"], TONO);
    assert_eq!(body["programmes"][0]["organisation"]["slug"], "tono-city");

    assert_problem(
        &get(&app, "/api/v1/organisations/nobody-here").await,
        StatusCode::NOT_FOUND,
    );
    assert_problem(
        &get(&app, "/api/v1/organisations/NOT%20A%20SLUG").await,
        StatusCode::NOT_FOUND,
    );
}

#[tokio::test]
async fn me_needs_a_session() {
    let app = spawn_app().await;
    let seeded = seed(&app.store).await;
    assert_problem(&get(&app, "/api/v1/me").await, StatusCode::UNAUTHORIZED);

    let reply = get_signed_in(&app, "/api/v1/me").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let me = reply.json();
    assert_eq!(me["id"], seeded.user_id);
    assert_eq!(me["email"], "hanako@example.jp");
    assert_eq!(me["display_name"], "花子");
    assert_eq!(me["is_site_admin"], false);
    assert_eq!(me["preferred_locale"], "en");
    assert_eq!(me["memberships"][0]["role"], "coordinator");
    assert_eq!(me["memberships"][0]["organisation"]["slug"], "tono-city");
}

#[tokio::test]
async fn problems_are_in_the_readers_language() {
    let app = spawn_app().await;
    let english = Request::get("/api/v1/me")
        .header(axum::http::header::ACCEPT_LANGUAGE, "en")
        .body(Body::empty())
        .unwrap();
    let japanese = Request::get("/api/v1/me")
        .header(axum::http::header::ACCEPT_LANGUAGE, "ja")
        .body(Body::empty())
        .unwrap();
    let english = assert_problem(&send(&app, english).await, StatusCode::UNAUTHORIZED);
    let japanese = assert_problem(&send(&app, japanese).await, StatusCode::UNAUTHORIZED);
    assert_ne!(english["title"], japanese["title"]);
}

#[tokio::test]
async fn the_openapi_document_describes_every_served_path() {
    let app = spawn_app().await;
    seed(&app.store).await;
    let reply = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type.starts_with("application/json"));
    let document = reply.json();
    let version = document["openapi"].as_str().unwrap();
    assert!(version.starts_with("3.1."), "{version}");

    let documented: Vec<String> = document["paths"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let served: Vec<String> = sosei_web::api::api_routes()
        .into_iter()
        .map(|(path, _)| path.to_owned())
        .collect();
    for path in &served {
        assert!(
            documented.contains(path),
            "{path} is served but not documented"
        );
    }

    // Every documented GET path of these resources answers on the real router (with its
    // parameters filled in); conversations and programmes, which need ids, and POST routes are
    // walked in `api_resources`.
    for path in &documented {
        assert!(path.starts_with("/api/v1/"), "{path}");
        if path.contains("{id}") || !document["paths"][path]["get"].is_object() {
            continue;
        }
        let concrete = path.replace("{code}", TONO).replace("{slug}", "tono-city");
        assert!(!concrete.contains('{'), "unfilled parameter in {path}");
        let reply = get_signed_in(&app, &concrete).await;
        assert_eq!(reply.status, StatusCode::OK, "{concrete}: {}", reply.text());
        assert!(document["paths"][path]["get"].is_object(), "{path}");
    }
}

#[tokio::test]
async fn healthz_reports_the_database() {
    let app = spawn_app().await;
    let reply = get(&app, "/healthz").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.json(),
        serde_json::json!({ "status": "ok", "database": "sqlite" })
    );
    // A health check gets no visitor cookie.
    assert!(reply.headers.get(axum::http::header::SET_COOKIE).is_none());

    app.store.close().await;
    let reply = get(&app, "/healthz").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.content_type, "application/problem+json");
    assert_eq!(reply.json()["status"], 503);
}

const LOOPBACK: &str = "127.0.0.1:40000";
const OUTSIDE: &str = "203.0.113.9:40000";
const METRICS_TOKEN: &str = "operator-token-4f1c9a7e2b";

/// `GET /metrics` as the server sees it: from a peer address, perhaps with a bearer token.
async fn get_metrics_from(app: &TestApp, peer: &str, token: Option<&str>) -> Reply {
    let peer: std::net::SocketAddr = peer.parse().unwrap();
    let mut request = Request::get("/metrics");
    if let Some(token) = token {
        request = request.header(axum::http::header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let mut request = request.body(Body::empty()).unwrap();
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    send(app, request).await
}

#[tokio::test]
async fn metrics_without_a_token_are_for_this_machine_only() {
    let app = spawn_app().await;
    assert_eq!(
        get_metrics_from(&app, LOOPBACK, None).await.status,
        StatusCode::OK
    );
    let reply = get_metrics_from(&app, OUTSIDE, None).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(!reply.text().contains("sosei_http"), "{}", reply.text());
    // A token means nothing when the operator set none.
    let reply = get_metrics_from(&app, OUTSIDE, Some(METRICS_TOKEN)).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    // Through a reverse proxy on this machine, the caller is elsewhere.
    let mut request = Request::get("/metrics")
        .header("x-forwarded-for", "198.51.100.7")
        .body(Body::empty())
        .unwrap();
    request.extensions_mut().insert(axum::extract::ConnectInfo(
        LOOPBACK.parse::<std::net::SocketAddr>().unwrap(),
    ));
    assert_eq!(send(&app, request).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn metrics_from_elsewhere_need_the_operator_s_token() {
    let app = crate::spawn_app_with(WebConfig {
        metrics_token: Some(METRICS_TOKEN.to_owned()),
        ..WebConfig::default()
    })
    .await;
    let reply = get_metrics_from(&app, OUTSIDE, None).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(
        reply
            .headers
            .get(axum::http::header::WWW_AUTHENTICATE)
            .is_some_and(|value| value.to_str().unwrap().starts_with("Bearer"))
    );
    assert!(!reply.text().contains("sosei_http"));
    let reply = get_metrics_from(&app, OUTSIDE, Some("operator-token-4f1c9a7e2c")).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let reply = get_metrics_from(&app, OUTSIDE, Some(METRICS_TOKEN)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.text().contains("sosei_process_uptime_seconds"));
    assert_eq!(
        get_metrics_from(&app, LOOPBACK, None).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn metrics_count_requests_by_route_pattern() {
    let app = spawn_app().await;
    seed(&app.store).await;
    get(&app, &format!("/api/v1/regions/{TONO}")).await;
    get(&app, "/api/v1/regions/143413").await;
    get(&app, "/api/v1/regions/999997").await;
    get(&app, "/no/such/page/12345").await;

    let reply = get_metrics_from(&app, LOOPBACK, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.content_type.starts_with("text/plain; version=0.0.4"));
    let text = reply.text();
    assert!(
        text.contains(
            "sosei_http_requests_total{method=\"GET\",route=\"/api/v1/regions/{code}\",status=\"2xx\"} 2"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "sosei_http_requests_total{method=\"GET\",route=\"/api/v1/regions/{code}\",status=\"4xx\"} 1"
        ),
        "{text}"
    );
    assert!(
        text.contains("route=\"unmatched\",status=\"4xx\"} 1"),
        "{text}"
    );
    // Raw paths never become labels.
    assert!(!text.contains(TONO), "{text}");
    assert!(!text.contains("12345"), "{text}");
    assert!(
        text.contains(
            "sosei_http_request_duration_seconds_count{route=\"/api/v1/regions/{code}\"} 3"
        )
    );
    assert!(text.contains("# TYPE sosei_process_uptime_seconds gauge"));
}

#[tokio::test]
async fn responses_are_gzipped_when_asked() {
    let app = spawn_app().await;
    let request = Request::get("/api/v1/openapi.json")
        .header(ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        reply.headers.get(CONTENT_ENCODING).map(|v| v.as_bytes()),
        Some(&b"gzip"[..])
    );
    // gzip's magic number, and far smaller than the document itself.
    assert_eq!(&reply.bytes[..2], &[0x1f, 0x8b]);
    let plain = get(&app, "/api/v1/openapi.json").await;
    assert!(reply.bytes.len() * 2 < plain.bytes.len());
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = spawn_app().await;
    let limit = sosei_web::WebConfig::default().max_body_bytes;
    let request = Request::builder()
        .method(Method::POST)
        .uri("/language")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(axum::http::header::CONTENT_LENGTH, limit + 1)
        .body(Body::from(vec![b'a'; limit + 1]))
        .unwrap();
    let reply = send(&app, request).await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
}
