//! The built `sosei` binary, run as a person would run it.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A fresh folder under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let path = std::env::temp_dir().join(format!("sosei-cli-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&path).expect("temporary folder");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run `sosei ARGS` with `stdin` as its input and no `SOSEI_*` variables from the caller's
/// environment; kill it if it runs longer than `limit` (a server that should have failed).
fn sosei(args: &[&str], stdin: &str, limit: Duration) -> (Output, Duration) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sosei"));
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("RUST_LOG", "warn");
    for (name, _) in std::env::vars() {
        if name.starts_with("SOSEI_") {
            command.env_remove(name);
        }
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("the sosei binary runs");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    loop {
        if child.try_wait().expect("wait for sosei").is_some() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("sosei's output");
    (output, started.elapsed())
}

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// Exactly one line on standard error, starting with `error: `, and a failing exit code.
fn assert_one_clear_error(output: &Output, expected_fragment: &str) -> String {
    assert!(!output.status.success(), "exit status {:?}", output.status);
    let lines = stderr_lines(output);
    assert_eq!(lines.len(), 1, "stderr: {lines:#?}");
    let line = lines[0].clone();
    assert!(line.starts_with("error: "), "{line}");
    assert!(line.contains(expected_fragment), "{line}");
    assert!(!line.contains("panicked"), "{line}");
    line
}

const LIMIT: Duration = Duration::from_secs(30);

#[test]
fn help_lists_the_commands() {
    let (output, _) = sosei(&["--help"], "", LIMIT);
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for command in ["serve", "demo", "migrate", "user"] {
        assert!(help.contains(command), "{help}");
    }
    let (output, _) = sosei(&["serve", "--help"], "", LIMIT);
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in ["--bind", "--data-dir", "--database-url", "--secure-cookies"] {
        assert!(help.contains(flag), "{help}");
    }
}

#[test]
fn an_unknown_flag_is_one_line() {
    let (output, _) = sosei(&["serve", "--bnid", "127.0.0.1:0"], "", LIMIT);
    assert_one_clear_error(&output, "--bnid");
}

#[test]
fn a_taken_port_is_one_clear_line() {
    let data = TempDir::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = taken.local_addr().expect("its address").to_string();
    let data_dir = data.0.to_string_lossy().into_owned();
    let (output, elapsed) = sosei(
        &["serve", "--bind", &address, "--data-dir", &data_dir],
        "",
        LIMIT,
    );
    assert!(elapsed < LIMIT, "the server started anyway");
    let line = assert_one_clear_error(&output, &address);
    assert_eq!(
        line,
        format!("error: cannot listen on {address}: address already in use")
    );
}

#[test]
fn an_unreachable_database_is_one_clear_line_quickly() {
    let (output, elapsed) = sosei(
        &[
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--database-url",
            "postgres://nobody@127.0.0.1:1/x",
        ],
        "",
        LIMIT,
    );
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    assert_one_clear_error(&output, "127.0.0.1:1");
}

#[test]
fn a_misspelt_configuration_key_is_rejected() {
    let folder = TempDir::new();
    let config = folder.0.join("sosei.toml");
    std::fs::write(&config, "bind = \"127.0.0.1:0\"\ndata_dri = \"data\"\n").expect("write config");
    let config = config.to_string_lossy().into_owned();
    let (output, elapsed) = sosei(&["serve", "--config", &config], "", LIMIT);
    assert!(elapsed < LIMIT, "the server started anyway");
    let line = assert_one_clear_error(&output, "data_dri");
    assert!(line.contains("line 2"), "{line}");

    // The same file named by SOSEI_CONFIG instead of --config.
    let output = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["migrate"])
        .env("SOSEI_CONFIG", &config)
        .current_dir(&folder.0)
        .stdin(Stdio::null())
        .output()
        .expect("run sosei");
    assert_one_clear_error(&output, "data_dri");
}

#[test]
fn a_bad_environment_value_is_rejected() {
    let folder = TempDir::new();
    let mut command = Command::new(env!("CARGO_BIN_EXE_sosei"));
    let output = command
        .args(["migrate"])
        .current_dir(&folder.0)
        .env("SOSEI_LOG_FORMAT", "xml")
        .stdin(Stdio::null())
        .output()
        .expect("run sosei");
    assert_one_clear_error(&output, "SOSEI_LOG_FORMAT");
}

#[test]
fn migrate_then_create_an_admin_twice() {
    let data = TempDir::new();
    let data_dir = data.0.to_string_lossy().into_owned();

    let (output, _) = sosei(&["migrate", "--data-dir", &data_dir], "", LIMIT);
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    assert!(data.0.join("sosei.db").exists());

    let create = [
        "user",
        "create",
        "--admin",
        "--email",
        "Admin@Example.JP",
        "--name",
        "管理者",
        "--password-stdin",
        "--data-dir",
        &data_dir,
    ];

    let (output, _) = sosei(&create, "short\n", LIMIT);
    assert_one_clear_error(&output, "password");

    let (output, _) = sosei(&create, "a long enough password\n", LIMIT);
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("Created site admin admin@example.jp"),
        "{stdout}"
    );

    // Running it again changes nothing and still succeeds.
    let (output, _) = sosei(&create, "", LIMIT);
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("already exists as a site admin"),
        "{stdout}"
    );

    // A plain user, then promoted with --admin.
    let plain = [
        "user",
        "create",
        "--email",
        "hanako@example.jp",
        "--name",
        "花子",
        "--password-stdin",
        "--data-dir",
        &data_dir,
    ];
    let (output, _) = sosei(&plain, "another long password\n", LIMIT);
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Created user hanako@example.jp"));
    let mut promote = plain.to_vec();
    promote.push("--admin");
    let (output, _) = sosei(&promote, "", LIMIT);
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("is now a site admin"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn serve_answers_and_stops_cleanly_on_sigterm() {
    let data = TempDir::new();
    let data_dir = data.0.to_string_lossy().into_owned();
    // Find a free port, then let the server have it.
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .to_string();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sosei"))
        .args(["serve", "--bind", &address, "--data-dir", &data_dir])
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start sosei serve");

    let started = Instant::now();
    let health = loop {
        let reply = std::net::TcpStream::connect(&address).and_then(|mut stream| {
            stream
                .write_all(b"GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")?;
            let mut reply = String::new();
            std::io::Read::read_to_string(&mut stream, &mut reply)?;
            Ok(reply)
        });
        match reply {
            Ok(reply) => break reply,
            Err(_) if started.elapsed() < LIMIT => std::thread::sleep(Duration::from_millis(50)),
            Err(error) => {
                let _ = child.kill();
                panic!("the server never answered: {error}");
            }
        }
    };
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(health.contains("\"status\":\"ok\""), "{health}");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("send SIGTERM");
    assert!(status.success());
    let stopping = Instant::now();
    loop {
        if child.try_wait().expect("wait for sosei").is_some() {
            break;
        }
        assert!(stopping.elapsed() < LIMIT, "the server did not stop");
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("sosei's output");
    assert!(output.status.success(), "{:?}", stderr_lines(&output));
    assert!(
        stderr_lines(&output).is_empty(),
        "{:?}",
        stderr_lines(&output)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains(&format!("http://{address}/")));
}

#[test]
fn mail_test_sends_through_the_configured_server_or_says_what_is_wrong() {
    let (output, _) = sosei(&["mail", "test", "--to", "nok@example.org"], "", LIMIT);
    assert_one_clear_error(&output, "no SMTP server is configured");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let peer = runtime
        .block_on(sosei_mail::testing::SmtpPeer::start())
        .unwrap();
    let folder = TempDir::new();
    let config = folder.0.join("sosei.toml");
    std::fs::write(
        &config,
        format!(
            "smtp_url = \"{}\"\nmail_from = \"Sosei <noreply@example.org>\"\n",
            peer.url()
        ),
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let (output, _) = sosei(
        &[
            "--config",
            config,
            "mail",
            "test",
            "--to",
            "nok@example.org",
        ],
        "",
        LIMIT,
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(&format!(
            "sent a test message to nok@example.org through {}",
            peer.address
        )),
        "{stdout}"
    );
    assert_eq!(peer.received().len(), 1);

    peer.queue_rcpt_replies(&["550 5.1.1 no such user here"]);
    let (output, _) = sosei(
        &[
            "--config",
            config,
            "mail",
            "test",
            "--to",
            "gone@example.org",
        ],
        "",
        LIMIT,
    );
    let line = assert_one_clear_error(&output, "did not accept the message");
    assert!(line.contains("no such user here"), "{line}");
    assert_eq!(peer.received().len(), 1);
}
