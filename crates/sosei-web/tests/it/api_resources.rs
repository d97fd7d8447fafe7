//! The API's conversations, votes, results, reports and programmes, and the check that every
//! `/api/v1` route the crate registers is in the OpenAPI document (and served as documented).

use std::collections::{BTreeMap, BTreeSet};

use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, COOKIE, SET_COOKIE};
use axum::http::{Method, Request, StatusCode};
use serde_json::{Value, json};
use sosei_core::deliberation::{
    Conversation, ConversationState, ModerationMode, ModerationStatus, NewConversation,
    ParticipantIdentity, ParticipationMode, StatementText, VoteChoice,
};
use sosei_core::{
    LocalizedText, MunicipalityCode, NewOrganisation, NewProgramme, OrganisationId,
    OrganisationKind, OrganisationSlug, ProgrammeStatus,
};
use time::OffsetDateTime;
use time::macros::date;
use tower::ServiceExt;

use crate::{TestApp, spawn_app};

/// A JSON client that keeps its cookies, as a script on an embedding page would.
struct Client<'a> {
    app: &'a TestApp,
    cookies: BTreeMap<String, String>,
}

struct Answer {
    status: StatusCode,
    content_type: String,
    body: Value,
}

impl<'a> Client<'a> {
    fn new(app: &'a TestApp) -> Self {
        Client {
            app,
            cookies: BTreeMap::new(),
        }
    }

    async fn send(
        &mut self,
        method: Method,
        path: &str,
        body: Option<(&str, String)>,
        csrf: Option<&str>,
    ) -> Answer {
        let mut request = Request::builder().method(method).uri(path);
        if !self.cookies.is_empty() {
            let header = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect::<Vec<_>>()
                .join("; ");
            request = request.header(COOKIE, header);
        }
        if let Some(token) = csrf {
            request = request.header(sosei_web::context::CSRF_HEADER, token);
        }
        let body = match body {
            Some((content_type, body)) => {
                request = request.header(CONTENT_TYPE, content_type);
                Body::from(body)
            }
            None => Body::empty(),
        };
        let response = self
            .app
            .router
            .clone()
            .oneshot(request.body(body).unwrap())
            .await
            .unwrap();
        for value in response.headers().get_all(SET_COOKIE) {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            if let Some((name, value)) = pair.split_once('=') {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Answer {
            status,
            content_type,
            body,
        }
    }

    async fn get(&mut self, path: &str) -> Answer {
        self.send(Method::GET, path, None, None).await
    }

    async fn token(&mut self) -> String {
        let answer = self.get("/api/v1/csrf-token").await;
        assert_eq!(answer.status, StatusCode::OK);
        answer.body["csrf_token"].as_str().unwrap().to_owned()
    }

    async fn post_json(&mut self, path: &str, body: Value) -> Answer {
        let token = self.token().await;
        self.send(
            Method::POST,
            path,
            Some(("application/json", body.to_string())),
            Some(&token),
        )
        .await
    }
}

/// Problem details with this status and, when given, this message id.
fn assert_problem(answer: &Answer, status: StatusCode, message_id: Option<&str>) {
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.content_type, "application/problem+json");
    assert_eq!(answer.body["status"], status.as_u16());
    if let Some(message_id) = message_id {
        assert_eq!(
            answer.body["type"],
            format!("tag:sosei,2026:{message_id}"),
            "{}",
            answer.body
        );
    }
}

async fn organisation(app: &TestApp) -> OrganisationId {
    app.store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("tono-forum").unwrap(),
                kind: OrganisationKind::Npo,
                name: LocalizedText::new("遠野まちづくり会議", "Tono Town Forum"),
                description: LocalizedText::default(),
                website: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
        .id
}

async fn conversation(
    app: &TestApp,
    organisation: OrganisationId,
    title: &str,
    state: ConversationState,
) -> Conversation {
    let conversation = app
        .store
        .create_conversation(
            &NewConversation {
                organisation,
                region: None,
                title: LocalizedText::new(title, title),
                question: LocalizedText::new("どうしますか？", "What now?"),
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
    let now = OffsetDateTime::now_utc();
    let path: &[ConversationState] = match state {
        ConversationState::Draft => &[],
        ConversationState::Open => &[ConversationState::Open],
        ConversationState::Closed => &[ConversationState::Open, ConversationState::Closed],
        ConversationState::Archived => &[ConversationState::Archived],
    };
    let mut conversation = conversation;
    for next in path {
        conversation = app
            .store
            .set_conversation_state(conversation.id, *next, now)
            .await
            .unwrap();
    }
    conversation
}

async fn statement(
    app: &TestApp,
    conversation: &Conversation,
    text: &str,
    moderation: ModerationStatus,
) -> i64 {
    app.store
        .add_statement(
            conversation.id,
            None,
            &StatementText::parse(text).unwrap(),
            true,
            moderation,
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
        .id
        .0
}

#[tokio::test]
async fn only_open_and_closed_conversations_are_public() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let open = conversation(&app, organisation, "開いている", ConversationState::Open).await;
    let closed = conversation(&app, organisation, "終わった", ConversationState::Closed).await;
    let draft = conversation(&app, organisation, "下書き", ConversationState::Draft).await;
    let archived = conversation(&app, organisation, "保管", ConversationState::Archived).await;
    let mut client = Client::new(&app);

    let list = client.get("/api/v1/conversations").await;
    assert_eq!(list.status, StatusCode::OK);
    let ids: BTreeSet<i64> = list.body["conversations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, BTreeSet::from([open.id.0, closed.id.0]));
    assert!(!list.body.to_string().contains("invitation"));

    let one = client
        .get(&format!("/api/v1/conversations/{}", open.id))
        .await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.body["conversation"]["state"], "open");
    assert_eq!(one.body["you"]["joined"], false);

    for path in ["", "/statements", "/results"] {
        let answer = client
            .get(&format!("/api/v1/conversations/{}{path}", draft.id))
            .await;
        assert_problem(&answer, StatusCode::NOT_FOUND, Some("error-not-found"));
    }
    let answer = client
        .get(&format!("/api/v1/conversations/{}/results", archived.id))
        .await;
    assert_problem(&answer, StatusCode::NOT_FOUND, None);
    // A draft's report is for its facilitators.
    let answer = client
        .get(&format!("/api/v1/conversations/{}/report", draft.id))
        .await;
    assert_problem(&answer, StatusCode::UNAUTHORIZED, None);
    for path in ["/api/v1/conversations/abc", "/api/v1/conversations/999999"] {
        assert_problem(&client.get(path).await, StatusCode::NOT_FOUND, None);
    }
}

#[tokio::test]
async fn a_visitor_joins_and_votes_through_the_api() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let open = conversation(&app, organisation, "駅前", ConversationState::Open).await;
    let shown = statement(&app, &open, "ベンチを増やす", ModerationStatus::Accepted).await;
    let rejected = statement(&app, &open, "駐車場にする", ModerationStatus::Rejected).await;
    let base = format!("/api/v1/conversations/{}", open.id);
    let mut client = Client::new(&app);

    // Not joined yet.
    let answer = client
        .post_json(
            &format!("{base}/votes"),
            json!({"statement_id": shown, "choice": "agree"}),
        )
        .await;
    assert_problem(
        &answer,
        StatusCode::FORBIDDEN,
        Some("participate-error-not-joined"),
    );

    let joined = client.post_json(&format!("{base}/join"), json!({})).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    assert_eq!(joined.body["may_vote"], true);
    assert_eq!(joined.body["next_statement_id"], shown);

    let voted = client
        .post_json(
            &format!("{base}/votes"),
            json!({"statement_id": shown, "choice": "agree"}),
        )
        .await;
    assert_eq!(voted.status, StatusCode::OK, "{}", voted.body);
    assert_eq!(voted.body["choice"], "agree");
    assert_eq!(app.store.count_votes(open.id).await.unwrap(), 1);

    let statements = client.get(&format!("{base}/statements")).await;
    let listed: Vec<&Value> = statements.body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(listed.len(), 1, "the rejected statement is not shown");
    assert_eq!(listed[0]["id"], shown);
    assert_eq!(listed[0]["your_vote"], "agree");

    // A moderated-out statement cannot be voted on.
    let answer = client
        .post_json(
            &format!("{base}/votes"),
            json!({"statement_id": rejected, "choice": "agree"}),
        )
        .await;
    assert_problem(&answer, StatusCode::NOT_FOUND, None);
    // Bad bodies are problems, not plain-text rejections.
    let answer = client
        .post_json(
            &format!("{base}/votes"),
            json!({"statement_id": shown, "choice": "maybe"}),
        )
        .await;
    assert_problem(
        &answer,
        StatusCode::BAD_REQUEST,
        Some("participate-error-choice"),
    );
    let answer = client
        .post_json(&format!("{base}/votes"), json!({"statement": shown}))
        .await;
    assert_problem(&answer, StatusCode::BAD_REQUEST, Some("api-error-body"));
    let token = client.token().await;
    let answer = client
        .send(
            Method::POST,
            &format!("{base}/votes"),
            Some((
                "application/x-www-form-urlencoded",
                format!("statement_id={shown}&choice=agree"),
            )),
            Some(&token),
        )
        .await;
    assert_problem(
        &answer,
        StatusCode::BAD_REQUEST,
        Some("api-error-content-type"),
    );
    // Without the CSRF header another site could vote in the visitor's name.
    let answer = client
        .send(
            Method::POST,
            &format!("{base}/votes"),
            Some((
                "application/json",
                json!({"statement_id": shown, "choice": "disagree"}).to_string(),
            )),
            None,
        )
        .await;
    assert_problem(&answer, StatusCode::FORBIDDEN, Some("error-csrf"));
    assert_eq!(
        app.store.votes(open.id).await.unwrap()[0].choice,
        VoteChoice::Agree
    );
}

#[tokio::test]
async fn bans_and_closing_stop_api_votes() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let open = conversation(&app, organisation, "駅前", ConversationState::Open).await;
    let first = statement(&app, &open, "ベンチを増やす", ModerationStatus::Accepted).await;
    let base = format!("/api/v1/conversations/{}", open.id);
    let mut client = Client::new(&app);
    let joined = client.post_json(&format!("{base}/join"), json!({})).await;
    assert_eq!(joined.status, StatusCode::OK);

    // A banned author's statements disappear from the API as from the pages.
    let other = app
        .store
        .join_conversation(
            open.id,
            &ParticipantIdentity::Pseudonym("troll".into()),
            &BTreeMap::new(),
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    let trolling = app
        .store
        .add_statement(
            open.id,
            Some(other.id),
            &StatementText::parse("荒らしの投稿").unwrap(),
            false,
            ModerationStatus::Accepted,
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    app.store
        .set_participant_banned(other.id, true)
        .await
        .unwrap();
    let statements = client.get(&format!("{base}/statements")).await;
    assert!(!statements.body.to_string().contains("荒らし"));
    let answer = client
        .post_json(
            &format!("{base}/votes"),
            json!({"statement_id": trolling.id.0, "choice": "agree"}),
        )
        .await;
    assert_problem(&answer, StatusCode::NOT_FOUND, None);

    // The visitor is banned in turn.
    let me = app.store.participants(open.id).await.unwrap();
    let me = me.iter().find(|p| p.id != other.id).unwrap();
    app.store.set_participant_banned(me.id, true).await.unwrap();
    let answer = client
        .post_json(
            &format!("{base}/votes"),
            json!({"statement_id": first, "choice": "agree"}),
        )
        .await;
    assert_problem(
        &answer,
        StatusCode::FORBIDDEN,
        Some("participate-error-banned"),
    );
    let detail = client.get(&base).await;
    assert_eq!(detail.body["you"]["banned"], true);
    assert_eq!(detail.body["you"]["may_vote"], false);

    // Closed: nobody votes.
    app.store
        .set_conversation_state(
            open.id,
            ConversationState::Closed,
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    let mut newcomer = Client::new(&app);
    let answer = newcomer
        .post_json(
            &format!("{base}/votes"),
            json!({"statement_id": first, "choice": "agree"}),
        )
        .await;
    assert_problem(
        &answer,
        StatusCode::CONFLICT,
        Some("participate-error-not-open"),
    );
    assert_eq!(app.store.count_votes(open.id).await.unwrap(), 0);
}

#[tokio::test]
async fn results_and_reports_name_only_shown_statements() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let open = conversation(&app, organisation, "駅前", ConversationState::Open).await;
    let shown = statement(&app, &open, "ベンチを増やす", ModerationStatus::Accepted).await;
    let hidden = statement(&app, &open, "非公開の意見", ModerationStatus::Rejected).await;
    for visitor in 0..6 {
        let participant = app
            .store
            .join_conversation(
                open.id,
                &ParticipantIdentity::Pseudonym(format!("visitor-{visitor}")),
                &BTreeMap::new(),
                OffsetDateTime::now_utc(),
            )
            .await
            .unwrap();
        for statement in [shown, hidden] {
            app.store
                .cast_vote(
                    participant.id,
                    sosei_core::StatementId(statement),
                    if visitor % 2 == 0 {
                        VoteChoice::Agree
                    } else {
                        VoteChoice::Disagree
                    },
                    OffsetDateTime::now_utc(),
                )
                .await
                .unwrap();
        }
    }
    let mut client = Client::new(&app);
    let results = client
        .get(&format!("/api/v1/conversations/{}/results", open.id))
        .await;
    assert_eq!(results.status, StatusCode::OK, "{}", results.body);
    assert_eq!(results.body["analysed"], true);
    let ids: Vec<i64> = results.body["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![shown]);
    assert_eq!(results.body["statements"][0]["tally"]["agree"], 3);
    assert!(!results.body.to_string().contains("非公開"));

    let report = client
        .get(&format!("/api/v1/conversations/{}/report?lang=en", open.id))
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    assert_eq!(report.body["language"], "en");
    assert!(!report.body.to_string().contains("非公開"));
}

#[tokio::test]
async fn programmes_are_public_except_drafts() {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let tono = MunicipalityCode::parse("032085").unwrap();
    let mut ids = Vec::new();
    for (title, publish) in [("公開", true), ("下書き", false)] {
        let programme = app
            .store
            .create_programme(&NewProgramme {
                organisation,
                region: tono,
                title: LocalizedText::new(title, title),
                summary: LocalizedText::default(),
                starts_on: date!(2026 - 08 - 01),
                ends_on: date!(2026 - 08 - 20),
            })
            .await
            .unwrap();
        if publish {
            app.store
                .set_programme_status(programme.id, ProgrammeStatus::Draft, ProgrammeStatus::Open)
                .await
                .unwrap();
        }
        ids.push(programme.id.0);
    }
    let mut client = Client::new(&app);
    let list = client.get("/api/v1/programmes").await;
    assert_eq!(list.status, StatusCode::OK);
    let listed: Vec<i64> = list.body["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, vec![ids[0]]);
    assert_eq!(list.body["programmes"][0]["status"], "open");
    let one = client.get(&format!("/api/v1/programmes/{}", ids[0])).await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    assert!(one.body["teams"].is_array());
    assert_problem(
        &client.get(&format!("/api/v1/programmes/{}", ids[1])).await,
        StatusCode::NOT_FOUND,
        None,
    );
}

/// Every `"/api/v1…"` route written in the web crate's source (outside documentation
/// attributes and comments).
fn api_routes_in_source() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut folders = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                let trimmed = line.trim_start();
                if trimmed.starts_with("//") || trimmed.starts_with("path =") {
                    continue;
                }
                let mut rest = line;
                while let Some(start) = rest.find("\"/api/v1") {
                    let after = &rest[start + 1..];
                    let Some(end) = after.find('"') else { break };
                    found.insert(after[..end].to_owned());
                    rest = &after[end..];
                }
            }
        }
    }
    found
}

#[tokio::test]
async fn every_api_route_is_in_the_openapi_document_and_served() {
    let app = spawn_app().await;
    let mut client = Client::new(&app);
    let document = client.get("/api/v1/openapi.json").await;
    assert_eq!(document.status, StatusCode::OK);
    let paths = document.body["paths"].as_object().unwrap();
    let documented: BTreeSet<String> = paths.keys().cloned().collect();

    let in_source = api_routes_in_source();
    assert!(in_source.len() >= 10, "{in_source:?}");
    let undocumented: Vec<&String> = in_source
        .iter()
        .filter(|route| !documented.contains(*route))
        .collect();
    assert!(
        undocumented.is_empty(),
        "routes missing from the OpenAPI document: {undocumented:?}"
    );

    // And every documented operation reaches a route of that exact pattern, not the fallback.
    for (pattern, operations) in paths {
        for method in operations.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_ascii_uppercase().as_bytes()).unwrap();
            let concrete = pattern
                .replace("{id}", "1")
                .replace("{code}", "032085")
                .replace("{slug}", "tono-forum");
            let body = (method == Method::POST).then(|| ("application/json", "{}".to_owned()));
            client.send(method.clone(), &concrete, body, None).await;
            let served: u64 = ["2xx", "3xx", "4xx", "5xx"]
                .iter()
                .map(|class| {
                    app.state
                        .metrics
                        .request_count(method.as_str(), pattern, class)
                })
                .sum();
            assert!(
                served > 0,
                "{method} {pattern} is documented but not served"
            );
        }
    }
}
