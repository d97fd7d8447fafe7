//! `sosei demo` as a newcomer runs it: the printout names an account for every role, and each
//! account signs in with its printed password and reaches the pages of its role (and not those
//! of another).
#![allow(clippy::unwrap_used)]

use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;

/// Loading the demo and hashing six passwords takes a while in a debug build.
const LIMIT: Duration = Duration::from_secs(180);

/// A fresh folder under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The demo server, stopped (SIGTERM, then kill) when dropped.
struct Demo(Child);

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let stopping = Instant::now();
        while stopping.elapsed() < Duration::from_secs(10) {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One printed account: `  ROLE: EMAIL  password PASSWORD  → PATH (…)`.
#[derive(Debug)]
struct Printed {
    role: String,
    email: String,
    password: String,
    path: String,
}

fn parse_account_line(line: &str) -> Option<Printed> {
    let (role, rest) = line.strip_prefix("  ")?.split_once(": ")?;
    let (email, rest) = rest.split_once("  password ")?;
    let (password, rest) = rest.split_once("  → ")?;
    let path = rest.split_whitespace().next()?;
    Some(Printed {
        role: role.to_owned(),
        email: email.to_owned(),
        password: password.to_owned(),
        path: path.to_owned(),
    })
}

/// Start `sosei demo` on a free port and read its output until it says where to open it.
fn start_demo(data: &TempDir) -> (Demo, String, Vec<String>) {
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .to_string();
    let mut command = Command::new(env!("CARGO_BIN_EXE_sosei"));
    command
        .args(["demo", "--bind", &address, "--data-dir"])
        .arg(&data.0)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (name, _) in std::env::vars() {
        if name.starts_with("SOSEI_") {
            command.env_remove(name);
        }
    }
    let mut child = command.spawn().expect("start sosei demo");
    let stdout = child.stdout.take().expect("sosei's output");
    let demo = Demo(child);
    let (lines_sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if lines_sender.send(line).is_err() {
                break;
            }
        }
    });
    let started = Instant::now();
    let mut printed = Vec::new();
    loop {
        let remaining = LIMIT.saturating_sub(started.elapsed());
        let line = lines
            .recv_timeout(remaining)
            .unwrap_or_else(|_| panic!("the demo never said where to open it: {printed:#?}"));
        let ready = line.starts_with("Open http://");
        printed.push(line);
        if ready {
            break;
        }
    }
    (demo, format!("http://{address}"), printed)
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The `value` of the first `<input name="NAME" … value="…">` in `html`.
fn field_value(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("name=\"{name}\""))?;
    let rest = &html[start..];
    let value_start = rest.find("value=\"")? + "value=\"".len();
    let value_end = rest[value_start..].find('"')?;
    Some(rest[value_start..value_start + value_end].to_owned())
}

async fn sign_in(base: &str, account: &Printed) -> reqwest::Client {
    let client = client();
    let page = client
        .get(format!("{base}/sign-in"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = field_value(&page, sosei_web::context::CSRF_FIELD).expect("a CSRF token");
    let response = client
        .post(format!("{base}/sign-in"))
        .form(&[
            (sosei_web::context::CSRF_FIELD, token.as_str()),
            ("email", account.email.as_str()),
            ("password", account.password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{} could not sign in: {}",
        account.role,
        response.text().await.unwrap_or_default()
    );
    client
}

async fn get(client: &reqwest::Client, base: &str, path: &str) -> (StatusCode, String) {
    let response = client.get(format!("{base}{path}")).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

#[test]
fn the_demo_prints_every_role_and_each_account_reaches_its_pages() {
    let data = TempDir(std::env::temp_dir().join(format!("sosei-demo-{}", uuid::Uuid::new_v4())));
    std::fs::create_dir_all(&data.0).unwrap();
    let (demo, base, printed) = start_demo(&data);
    let accounts: Vec<Printed> = printed
        .iter()
        .filter_map(|line| parse_account_line(line))
        .collect();
    let roles: Vec<&str> = accounts.iter().map(|a| a.role.as_str()).collect();
    assert_eq!(
        roles,
        [
            "site admin",
            "organisation admin",
            "coordinator",
            "facilitator",
            "expert",
            "participant"
        ],
        "{printed:#?}"
    );
    let account = |role: &str| accounts.iter().find(|a| a.role == role).unwrap();

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        // Each role reaches the page the printout sends it to, and it is that role's page.
        let expectations: [(&str, &str); 6] = [
            ("site admin", "/admin/organisations"),
            ("organisation admin", "/members"),
            ("coordinator", "/applications.csv"),
            ("facilitator", "id=\"translations-heading\""),
            ("expert", "name=\"source_citation\""),
            ("participant", "/join\""),
        ];
        for (role, marker) in expectations {
            let account = account(role);
            let client = sign_in(&base, account).await;
            let (status, body) = get(&client, &base, &account.path).await;
            assert_eq!(status, StatusCode::OK, "{role} at {}: {body}", account.path);
            assert!(
                body.contains(marker),
                "{role} at {} lacks {marker:?}",
                account.path
            );
        }

        // The roles are real: the expert may not moderate, the participant may not administer.
        let facilitator = account("facilitator");
        let expert = sign_in(&base, account("expert")).await;
        let (status, _) = get(&expert, &base, &facilitator.path).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        let participant = sign_in(&base, account("participant")).await;
        let (status, _) = get(&participant, &base, "/admin").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // The participant reads in English (her account prefers it): voting her way through,
        // she soon meets a Japanese statement in English with the original one click away.
        let path = &account("participant").path;
        let (_, page) = get(&participant, &base, path).await;
        let token = field_value(&page, sosei_web::context::CSRF_FIELD).unwrap();
        let joined = participant
            .post(format!("{base}{path}/join"))
            .form(&[(sosei_web::context::CSRF_FIELD, token.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(joined.status(), StatusCode::SEE_OTHER);
        let mut met_a_translation = false;
        for _ in 0..25 {
            let (_, page) = get(&participant, &base, path).await;
            assert!(
                page.contains("<html lang=\"en\""),
                "{}",
                &page[..page.len().min(300)]
            );
            if page.contains("Show the original (Japanese)") {
                met_a_translation = true;
                break;
            }
            let Some(statement) = field_value(&page, "statement_id") else {
                break;
            };
            let token = field_value(&page, sosei_web::context::CSRF_FIELD).unwrap();
            let response = participant
                .post(format!("{base}{path}/votes"))
                .form(&[
                    (sosei_web::context::CSRF_FIELD, token.as_str()),
                    ("statement_id", statement.as_str()),
                    ("choice", "pass"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
        }
        assert!(
            met_a_translation,
            "no translated statement reached the participant"
        );
    });
    drop(demo);
}
