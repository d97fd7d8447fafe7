#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use proptest::prelude::*;
use sosei_opinion::{Vote, VoteRecord};

use crate::*;

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sosei-polis-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn comment(id: i64, moderation: Moderation, body: &str) -> PolisComment {
    PolisComment {
        id,
        timestamp: Some(1_500_000_000_000 + id),
        datetime: "Tue Feb 13 12:58:16 WIB 2018".to_owned(),
        author_id: Some(id % 3),
        agrees: Some(2),
        disagrees: Some(1),
        moderation,
        is_meta: false,
        body: body.to_owned(),
    }
}

fn event(timestamp: i64, comment_id: i64, voter_id: i64, vote: Vote) -> VoteEvent {
    VoteEvent {
        timestamp,
        datetime: String::new(),
        comment_id,
        voter_id,
        vote,
    }
}

fn sample() -> PolisConversation {
    let comments = vec![
        comment(0, Moderation::Accepted, "Plain text"),
        comment(
            1,
            Moderation::Rejected,
            "Commas, \"quotes\"\nand a new line",
        ),
        comment(
            2,
            Moderation::Unmoderated,
            "地方創生について、どう思いますか？",
        ),
    ];
    let mut events = vec![
        event(10, 0, 5, Vote::Agree),
        event(20, 0, 5, Vote::Disagree), // re-vote: this one counts
        event(15, 1, 5, Vote::Pass),
        event(11, 2, 7, Vote::Agree),
        event(11, 2, 7, Vote::Disagree), // same timestamp: agree wins (higher value)
        event(12, 0, 7, Vote::Agree),
    ];
    events.sort();
    let votes = final_votes(&events);
    PolisConversation {
        comments,
        vote_events: Some(events),
        votes,
    }
}

#[test]
fn the_last_vote_by_timestamp_wins_whatever_the_row_order() {
    let conversation = sample();
    assert_eq!(
        conversation.votes,
        vec![
            VoteRecord::new(5, 0, Vote::Disagree),
            VoteRecord::new(5, 1, Vote::Pass),
            VoteRecord::new(7, 0, Vote::Agree),
            VoteRecord::new(7, 2, Vote::Agree),
        ]
    );
    let mut reversed = conversation.vote_events.clone().unwrap_or_default();
    reversed.reverse();
    assert_eq!(final_votes(&reversed), conversation.votes);
}

#[test]
fn a_written_export_reads_back_the_same() {
    let conversation = sample();
    let dir = scratch_dir("round-trip");
    let groups: BTreeMap<i64, usize> = [(5, 0), (7, 1)].into_iter().collect();
    write_conversation(&dir, &conversation, Some(&groups)).unwrap();
    let read = read_conversation(&dir).unwrap();
    assert_eq!(read, conversation);

    // Without votes.csv the matrix in participants-votes.csv gives the same final votes.
    std::fs::remove_file(dir.join("votes.csv")).unwrap();
    let from_matrix = read_conversation(&dir).unwrap();
    assert_eq!(from_matrix.votes, conversation.votes);
    assert_eq!(from_matrix.vote_events, None);
    let text = std::fs::read_to_string(dir.join("participants-votes.csv")).unwrap();
    assert!(text.starts_with("participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n"));
    assert!(text.contains("\n5,0,0,2,0,1,-1,0,\n"), "{text}");

    // And writing that (no event log) then reading it again keeps the votes.
    let dir_2 = scratch_dir("round-trip-2");
    write_conversation(&dir_2, &from_matrix, None).unwrap();
    assert_eq!(read_conversation(&dir_2).unwrap().votes, conversation.votes);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&dir_2);
}

#[test]
fn rejected_comments_become_moderated_out_statements() {
    let input = sample().analysis_input();
    let flags: Vec<(i64, bool)> = input
        .statements
        .iter()
        .map(|s| (s.key.0, s.moderated_out))
        .collect();
    assert_eq!(flags, vec![(0, false), (1, true), (2, false)]);
}

#[test]
fn participants_votes_columns_are_found_by_header_in_any_order() {
    let csv = "participant,xid,group-id,n-comments,n-votes,n-agree,n-disagree,4,1\n\
               3,,0,0,2,1,1,1,-1\n\
               9,,,0,1,0,0,,0\n";
    let votes = read_participants_votes(csv.as_bytes(), "participants-votes.csv").unwrap();
    assert_eq!(
        votes,
        vec![
            VoteRecord::new(3, 1, Vote::Disagree),
            VoteRecord::new(3, 4, Vote::Agree),
            VoteRecord::new(9, 1, Vote::Pass),
        ]
    );
}

#[test]
fn malformed_input_is_reported_with_file_line_and_column() {
    let csv = "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,1,1\n2,x,0,2,7\n";
    let error = read_vote_events(csv.as_bytes(), "votes.csv").unwrap_err();
    assert_eq!(
        error.to_string(),
        "votes.csv, line 3: column \"vote\": \"7\" is not a vote (1, 0 or -1)"
    );
    let csv = "timestamp,datetime,comment-id,voter-id\n1,x,0,1\n";
    let error = read_vote_events(csv.as_bytes(), "votes.csv").unwrap_err();
    assert_eq!(
        error.to_string(),
        "votes.csv: no column named \"vote\" in the header"
    );
    let csv = "comment-id,comment-body,moderated\n1,a,0\n1,b,0\n";
    let error = read_comments(csv.as_bytes(), "comments.csv").unwrap_err();
    assert!(
        error.to_string().starts_with("comments.csv, line 3:"),
        "{error}"
    );
    let missing = read_conversation(&scratch_dir("missing")).unwrap_err();
    assert!(missing.to_string().contains("comments.csv"), "{missing}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn any_conversation_round_trips(
        bodies in proptest::collection::vec("[a-z ,\"\n地方創生]{0,20}", 1..6),
        raw_events in proptest::collection::vec((0i64..50, 0usize..6, 0i64..8, -1i8..=1), 0..40),
    ) {
        let comments: Vec<PolisComment> = bodies
            .iter()
            .enumerate()
            .map(|(id, body)| comment(id as i64, Moderation::Accepted, body))
            .collect();
        let mut events: Vec<VoteEvent> = raw_events
            .iter()
            .map(|&(timestamp, comment_index, voter, value)| VoteEvent {
                timestamp,
                datetime: String::new(),
                comment_id: (comment_index % comments.len()) as i64,
                voter_id: voter,
                vote: Vote::from_value(value).unwrap_or(Vote::Pass),
            })
            .collect();
        events.sort();
        let votes = final_votes(&events);
        let conversation = PolisConversation { comments, vote_events: Some(events), votes };
        let dir = scratch_dir("prop");
        write_conversation(&dir, &conversation, None).unwrap();
        let read = read_conversation(&dir).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        prop_assert_eq!(read, conversation);
    }
}
