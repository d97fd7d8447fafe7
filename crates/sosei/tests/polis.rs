//! Pol.is round trips through the built binary: `sosei import polis` a folder, `sosei export
//! polis` it again, and both folders read the same (statements, participants, final votes) and
//! analyse into the same groups.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sosei_opinion::{Vote, VoteRecord};
use sosei_polis::{Moderation, PolisComment, PolisConversation, VoteEvent};

/// A fresh folder under the system's temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        let path =
            std::env::temp_dir().join(format!("sosei-polis-{label}-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn sosei(args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sosei"));
    command.args(args).env("RUST_LOG", "warn");
    for (name, _) in std::env::vars() {
        if name.starts_with("SOSEI_") {
            command.env_remove(name);
        }
    }
    let output = command.output().expect("the sosei binary runs");
    assert!(
        output.status.success(),
        "sosei {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A data directory holding the demo organisations (the import needs an owner).
async fn data_dir_with_organisations() -> TempDir {
    let dir = TempDir::new("data");
    let store = sosei_store::Store::open_data_dir(&dir.0).await.unwrap();
    store.migrate().await.unwrap();
    sosei::demo::load_demo_data(&store).await.unwrap();
    store.close().await;
    dir
}

/// Two camps of voters with a vote log (some votes changed later), a rejected comment, an
/// unmoderated one, a multi-line one, a meta comment and an author who never voted.
fn fixture() -> PolisConversation {
    let body = |id: i64| match id {
        3 => "A comment\nwritten on two lines".to_owned(),
        _ => format!("Comment number {id} about the town"),
    };
    let comments: Vec<PolisComment> = (0..12)
        .map(|id| PolisComment {
            id,
            timestamp: Some(1_700_000_000_000 + id * 60_000),
            datetime: String::new(),
            author_id: Some(if id == 11 { 99 } else { id % 5 }),
            agrees: None,
            disagrees: None,
            moderation: match id {
                4 => Moderation::Rejected,
                5 => Moderation::Unmoderated,
                _ => Moderation::Accepted,
            },
            is_meta: id == 6,
            body: body(id),
        })
        .collect();
    let mut events = Vec::new();
    for voter in 0..30i64 {
        for comment in 0..11i64 {
            if (voter * 7 + comment) % 10 == 0 {
                continue;
            }
            let camp = voter % 2 == 0;
            let vote = if comment >= 9 || camp == (comment % 2 == 0) {
                Vote::Agree
            } else if (voter + comment) % 7 == 0 {
                Vote::Pass
            } else {
                Vote::Disagree
            };
            let timestamp = 1_700_000_100_000 + (voter * 100 + comment) * 1000;
            // A first thought, changed later: only the last vote counts.
            if comment == 2 {
                events.push(VoteEvent {
                    timestamp: timestamp - 500_000,
                    datetime: String::new(),
                    comment_id: comment,
                    voter_id: voter,
                    vote: Vote::Pass,
                });
            }
            events.push(VoteEvent {
                timestamp,
                datetime: String::new(),
                comment_id: comment,
                voter_id: voter,
                vote,
            });
        }
    }
    events.sort();
    let votes = sosei_polis::final_votes(&events);
    PolisConversation {
        comments,
        vote_events: Some(events),
        votes,
    }
}

/// What must survive the round trip, per comment: moderation (unmoderated is imported as
/// accepted, since under post-moderation it was shown), meta, author and the stored text.
fn comment_essentials(
    conversation: &PolisConversation,
) -> BTreeMap<i64, (bool, bool, Option<i64>, String)> {
    conversation
        .comments
        .iter()
        .map(|comment| {
            let text = match sosei::polis_import::statement_text_from_comment(&comment.body) {
                Some(sosei::polis_import::CommentText::AsWritten(text))
                | Some(sosei::polis_import::CommentText::Shortened(text)) => {
                    text.as_str().to_owned()
                }
                None => sosei::polis_import::placeholder_text(comment.id),
            };
            (
                comment.id,
                (
                    comment.moderation == Moderation::Rejected,
                    comment.is_meta,
                    comment.author_id,
                    text,
                ),
            )
        })
        .collect()
}

fn participants(votes: &[VoteRecord]) -> BTreeSet<i64> {
    votes.iter().map(|vote| vote.participant.0).collect()
}

/// `sosei analyze --format json` on the final votes: the groups as sets of participant ids.
fn groups_of(dir: &Path) -> BTreeSet<BTreeSet<String>> {
    let output = sosei(&[
        "analyze",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--checkpoints",
        "1",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut groups: BTreeMap<u64, BTreeSet<String>> = BTreeMap::new();
    for participant in json["participants"].as_array().unwrap() {
        if let Some(group) = participant["group"].as_u64() {
            groups
                .entry(group)
                .or_default()
                .insert(participant["id"].as_str().unwrap().to_owned());
        }
    }
    groups.into_values().collect()
}

/// Import `source`, export it again, and compare. Returns the exported folder.
fn round_trip(data_dir: &Path, source: &Path, label: &str) -> TempDir {
    let data = data_dir.to_str().unwrap();
    let output = sosei(&[
        "import",
        "polis",
        source.to_str().unwrap(),
        "--organisation",
        "oiso-consortium",
        "--region",
        "143413",
        "--data-dir",
        data,
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let id: String = stdout
        .split("into conversation ")
        .nth(1)
        .unwrap_or_else(|| panic!("no conversation id in {stdout:?}"))
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let exported = TempDir::new(label);
    sosei(&[
        "export",
        "polis",
        &id,
        exported.0.to_str().unwrap(),
        "--data-dir",
        data,
    ]);

    let original = sosei_polis::read_conversation(source).unwrap();
    let copy = sosei_polis::read_conversation(&exported.0).unwrap();
    assert_eq!(
        comment_essentials(&copy),
        comment_essentials(&original),
        "{label}: statements"
    );
    // Authors who never voted are participants too, but only voters appear in the votes.
    assert_eq!(
        participants(&copy.votes),
        participants(&original.votes),
        "{label}"
    );
    assert_eq!(copy.votes, original.votes, "{label}: final votes");
    assert!(
        stdout.contains(&format!("{} votes", group_digits(original.votes.len()))),
        "{stdout}"
    );
    assert_eq!(groups_of(&exported.0), groups_of(source), "{label}: groups");
    exported
}

fn group_digits(n: usize) -> String {
    sosei::polis_import::group_digits(n)
}

#[tokio::test]
async fn a_generated_export_survives_import_and_export() {
    let data_dir = data_dir_with_organisations().await;
    let source = TempDir::new("fixture");
    let fixture = fixture();
    sosei_polis::write_conversation(&source.0, &fixture, None).unwrap();
    let exported = round_trip(&data_dir.0, &source.0, "fixture");

    let copy = sosei_polis::read_conversation(&exported.0).unwrap();
    let rejected = copy.comments.iter().find(|c| c.id == 4).unwrap();
    assert_eq!(rejected.moderation, Moderation::Rejected);
    assert_eq!(
        copy.comments.iter().find(|c| c.id == 3).unwrap().body,
        "A comment written on two lines"
    );
    // The changed vote: the later one was kept, with its time (in Pol.is's milliseconds).
    let events = copy.vote_events.unwrap();
    let changed = events
        .iter()
        .find(|e| e.voter_id == 1 && e.comment_id == 2)
        .unwrap();
    assert_eq!(changed.timestamp, 1_700_000_100_000 + 102 * 1000);
    assert_eq!(
        events
            .iter()
            .filter(|e| e.voter_id == 1 && e.comment_id == 2)
            .count(),
        1
    );

    // A second import of the same folder is a second conversation, not a merge.
    let again = sosei(&[
        "import",
        "polis",
        source.0.to_str().unwrap(),
        "--organisation",
        "oiso-consortium",
        "--title",
        "二度目の取り込み",
        "--data-dir",
        data_dir.0.to_str().unwrap(),
    ]);
    let store = sosei_store::Store::open_data_dir(&data_dir.0)
        .await
        .unwrap();
    let conversations = store
        .list_conversations(&sosei_store::ConversationFilter::default())
        .await
        .unwrap();
    // The demo's own sample deliberation is open; imports are closed.
    let imported: Vec<_> = conversations
        .iter()
        .filter(|c| c.state == sosei_core::deliberation::ConversationState::Closed)
        .collect();
    assert_eq!(
        imported.len(),
        2,
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    let newest = imported[0];
    assert_eq!(newest.title.ja.as_deref(), Some("二度目の取り込み"));
    assert_eq!(
        newest.state,
        sosei_core::deliberation::ConversationState::Closed
    );
    assert_eq!(
        store.count_votes(newest.id).await.unwrap(),
        fixture.votes.len() as i64
    );
    // The author who never voted is a participant all the same.
    assert_eq!(store.participants(newest.id).await.unwrap().len(), 31);
    store.close().await;
}

/// The real conversations beside the repository, when they are there (CI has them).
#[tokio::test]
async fn real_exports_survive_import_and_export() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/polis");
    let shared = if shared.is_dir() {
        shared
    } else {
        PathBuf::from("/work/shared/data/polis")
    };
    if !shared.is_dir() {
        eprintln!("skipped: no Pol.is exports beside the repository");
        return;
    }
    let data_dir = data_dir_with_organisations().await;
    // A small one, and one with multi-line, over-long and unmoderated comments.
    for name in ["london.youth.policing", "15-per-hour-seattle"] {
        let source = shared.join(name);
        if source.is_dir() {
            round_trip(&data_dir.0, &source, name);
        }
    }
}
