//! `sosei backup` and `sosei restore`, run as an operator would: the backup is taken by the
//! binary while a running server's store keeps taking votes, and restored into a fresh data
//! directory.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sosei::{DatabaseLocation, ServerSettings, start_server};
use sosei_core::deliberation::{
    ConversationState, ModerationMode, ModerationStatus, NewConversation, ParticipantIdentity,
    ParticipationMode, StatementText, VoteChoice,
};
use sosei_core::{
    ConversationId, LocalizedText, NewOrganisation, OrganisationKind, OrganisationSlug,
    ParticipantId, StatementId,
};
use sosei_store::Store;
use time::OffsetDateTime;

struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let path = std::env::temp_dir().join(format!("sosei-backup-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `sosei ARGS` with none of the caller's `SOSEI_*` variables, run on a blocking thread.
async fn sosei(args: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_sosei"));
        command.args(&args).env("RUST_LOG", "warn");
        for (name, _) in std::env::vars() {
            if name.starts_with("SOSEI_") {
                command.env_remove(name);
            }
        }
        command.output().unwrap()
    })
    .await
    .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn data_dir_args(command: &str, file: &Path, data_dir: &Path) -> Vec<String> {
    vec![
        command.to_owned(),
        file.display().to_string(),
        "--data-dir".to_owned(),
        data_dir.display().to_string(),
    ]
}

async fn open_conversation(store: &Store, statements: usize) -> (ConversationId, Vec<StatementId>) {
    let now = OffsetDateTime::now_utc();
    let organisation = store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("backup-test").unwrap(),
                kind: OrganisationKind::Network,
                name: LocalizedText::new("控えの試験", "Backup test"),
                description: LocalizedText::default(),
                website: None,
            },
            now,
        )
        .await
        .unwrap();
    let conversation = store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("控え", "Backup"),
                question: LocalizedText::new("どう思いますか", "What do you think?"),
                description: LocalizedText::default(),
                moderation_mode: ModerationMode::Post,
                participation_mode: ParticipationMode::Anonymous,
                invitation_code: None,
                attribute_questions: Vec::new(),
                district_options: Vec::new(),
            },
            now,
        )
        .await
        .unwrap();
    let mut ids = Vec::new();
    for index in 0..statements {
        let text = StatementText::parse(&format!("Statement {index} of the backup test")).unwrap();
        let statement = store
            .add_statement(
                conversation.id,
                None,
                &text,
                true,
                ModerationStatus::Accepted,
                now,
            )
            .await
            .unwrap();
        ids.push(statement.id);
    }
    store
        .set_conversation_state(conversation.id, ConversationState::Open, now)
        .await
        .unwrap();
    (conversation.id, ids)
}

type Acknowledged = Arc<Mutex<Vec<(ParticipantId, StatementId)>>>;

/// Participant after participant, each voting on every statement; a vote is recorded as
/// acknowledged only once `cast_vote` has returned (its transaction committed).
fn spawn_voter(
    store: Store,
    conversation: ConversationId,
    statements: Vec<StatementId>,
    acknowledged: Acknowledged,
    stop: Arc<AtomicBool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let choices = [VoteChoice::Agree, VoteChoice::Disagree, VoteChoice::Pass];
        let mut visitor = 0usize;
        while !stop.load(Ordering::SeqCst) {
            visitor += 1;
            let identity = ParticipantIdentity::Pseudonym(format!("visitor-{visitor}"));
            let participant = store
                .join_conversation(
                    conversation,
                    &identity,
                    &Default::default(),
                    OffsetDateTime::now_utc(),
                )
                .await
                .unwrap();
            for (index, statement) in statements.iter().enumerate() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                store
                    .cast_vote(
                        participant.id,
                        *statement,
                        choices[(visitor + index) % 3],
                        OffsetDateTime::now_utc(),
                    )
                    .await
                    .unwrap();
                acknowledged
                    .lock()
                    .unwrap()
                    .push((participant.id, *statement));
            }
        }
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_under_write_load_restores_every_acknowledged_vote() {
    let source = TempDir::new();
    let restored = TempDir::new();
    let backups = TempDir::new();
    let running = start_server(ServerSettings {
        bind: "127.0.0.1:0".parse().unwrap(),
        database: DatabaseLocation::DataDir(source.0.clone()),
        web: sosei_web::WebConfig::default(),
        mail: None,
    })
    .await
    .unwrap();
    let store = running.store.clone();
    let (conversation, statements) = open_conversation(&store, 40).await;
    let acknowledged: Acknowledged = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let voter = spawn_voter(
        store.clone(),
        conversation,
        statements,
        Arc::clone(&acknowledged),
        Arc::clone(&stop),
    );
    // Enough votes that some sit in the write-ahead log, not yet in the main file.
    while acknowledged.lock().unwrap().len() < 300 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let acknowledged_before_backup: Vec<_> = acknowledged.lock().unwrap().clone();
    let backup_file = backups.0.join("sosei-backup.db");
    let output = sosei(data_dir_args("backup", &backup_file, &source.0)).await;
    let acknowledged_after_backup = acknowledged.lock().unwrap().len();
    stop.store(true, Ordering::SeqCst);
    voter.await.unwrap();
    assert!(
        output.status.success(),
        "backup failed: {}",
        text(&output.stderr)
    );
    assert!(
        text(&output.stdout).contains("Done in"),
        "{}",
        text(&output.stdout)
    );
    assert!(
        acknowledged_after_backup > acknowledged_before_backup.len(),
        "the voter kept writing while the backup ran"
    );
    assert!(
        source.0.join("sosei.db-wal").exists(),
        "the running database still has a write-ahead log (so a plain copy would miss votes)"
    );
    running.shutdown().await;

    let output = sosei(data_dir_args("restore", &backup_file, &restored.0)).await;
    assert!(
        output.status.success(),
        "restore failed: {}",
        text(&output.stderr)
    );
    let printed = text(&output.stdout);
    for step in [
        "Checking",
        "migration level",
        "Copying",
        "100%",
        "Restored into",
    ] {
        assert!(
            printed.contains(step),
            "progress {step:?} missing: {printed}"
        );
    }

    let store = Store::open_data_dir(&restored.0).await.unwrap();
    store.migrate().await.unwrap();
    let stored: BTreeSet<(ParticipantId, StatementId)> = store
        .votes(conversation)
        .await
        .unwrap()
        .into_iter()
        .map(|vote| (vote.participant, vote.statement))
        .collect();
    let missing: Vec<_> = acknowledged_before_backup
        .iter()
        .filter(|vote| !stored.contains(vote))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged votes missing after restore, e.g. {:?}",
        missing.len(),
        acknowledged_before_backup.len(),
        missing.first()
    );
    store.close().await;

    // The restored directory now holds data: restoring over it needs --force.
    let output = sosei(data_dir_args("restore", &backup_file, &restored.0)).await;
    assert!(!output.status.success());
    let error = text(&output.stderr);
    assert!(
        error.starts_with("error: ") && error.contains("--force"),
        "{error}"
    );
    let mut forced = data_dir_args("restore", &backup_file, &restored.0);
    forced.push("--force".to_owned());
    let output = sosei(forced).await;
    assert!(output.status.success(), "{}", text(&output.stderr));

    // A backup never overwrites a file.
    let output = sosei(data_dir_args("backup", &backup_file, &restored.0)).await;
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("already exists"));
}

#[tokio::test]
async fn restore_refuses_files_that_are_not_sosei_databases() {
    let folder = TempDir::new();
    let target = folder.0.join("data");
    let not_sqlite = folder.0.join("notes.txt");
    std::fs::write(&not_sqlite, "これはデータベースではありません").unwrap();
    let output = sosei(data_dir_args("restore", &not_sqlite, &target)).await;
    assert!(!output.status.success());
    let error = text(&output.stderr);
    assert!(error.contains("is not a SQLite database"), "{error}");
    assert_eq!(error.lines().count(), 1, "{error}");
    assert!(!target.join("sosei.db").exists(), "nothing was written");

    // A SQLite database, but not one Sosei made.
    let foreign = folder.0.join("foreign.db");
    let store = Store::connect(&format!("sqlite://{}", foreign.display()))
        .await
        .unwrap();
    store.close().await;
    let output = sosei(data_dir_args("restore", &foreign, &target)).await;
    assert!(!output.status.success());
    let error = text(&output.stderr);
    assert!(error.contains("not a Sosei one"), "{error}");

    let output = sosei(data_dir_args(
        "restore",
        &folder.0.join("absent.db"),
        &target,
    ))
    .await;
    assert!(text(&output.stderr).contains("there is no file"));
}

#[tokio::test]
async fn postgresql_backups_print_the_pg_dump_command_without_the_password() {
    let output = sosei(vec![
        "backup".to_owned(),
        "/backups/sosei.dump".to_owned(),
        "--database-url".to_owned(),
        "postgres://sosei:hunter2@db.example:5433/sosei".to_owned(),
    ])
    .await;
    assert!(output.status.success(), "{}", text(&output.stderr));
    let printed = text(&output.stdout);
    assert!(
        printed.contains(
            "pg_dump --format=custom --host=db.example --port=5433 --username=sosei \
             --file=/backups/sosei.dump sosei"
        ),
        "{printed}"
    );
    assert!(!printed.contains("hunter2"), "{printed}");
}
