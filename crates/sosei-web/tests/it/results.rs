//! The results: two planted camps give two groups with their own representative statements and
//! a consensus; a participant sees themselves on the map; moderated-out statements and banned
//! participants' votes stay out; votes reach the stored analysis in the background within two
//! seconds, and a burst of votes coalesces into a few runs.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use sosei_core::deliberation::{
    Conversation, ConversationState, InvitationCode, ModerationMode, ModerationStatus,
    NewConversation, Participant, ParticipantIdentity, ParticipationMode, Statement, StatementText,
    VoteChoice, VoteRecord,
};
use sosei_core::{LocalizedText, NewOrganisation, OrganisationKind, OrganisationSlug};
use sosei_opinion::{Analysis, ParticipantKey};
use time::OffsetDateTime;

use crate::{Browser, TestApp, spawn_app};

const CAMP_SIZE: usize = 20;

/// Statements camp A agrees with and camp B disagrees with, then the reverse, then two everyone
/// agrees with.
const FOR_A: [&str; 4] = [
    "駅前に大きな駐車場を作るべきだ",
    "車で来る観光客を増やしたい",
    "駅前の道路を広げるべきだ",
    "郊外の大型店を誘致したい",
];
const FOR_B: [&str; 4] = [
    "駅前は歩行者だけの広場にしたい",
    "自転車の道を整備するべきだ",
    "小さな商店を応援したい",
    "駅前に木を植えて公園にしたい",
];
const SHARED: [&str; 2] = [
    "駅前のトイレをきれいにしてほしい",
    "夜の駅前を明るくしてほしい",
];
const REJECTED: &str = "この意見は削除されるべき不適切な意見です";

struct Planted {
    conversation: Conversation,
    for_a: Vec<Statement>,
    for_b: Vec<Statement>,
    shared: Vec<Statement>,
    rejected: Statement,
    banned: Vec<Participant>,
}

async fn open_conversation(app: &TestApp, state: ConversationState) -> Conversation {
    let organisation = app
        .store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("tono-results").expect("a slug"),
                kind: OrganisationKind::Npo,
                name: LocalizedText::new("遠野まちづくり会議", "Tono Town Forum"),
                description: LocalizedText::default(),
                website: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("create an organisation");
    let conversation = app
        .store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("駅前のこれから", "The station square"),
                question: LocalizedText::new(
                    "駅前広場をどう使うとよいでしょうか？",
                    "How should the station square be used?",
                ),
                description: LocalizedText::default(),
                moderation_mode: ModerationMode::Post,
                participation_mode: ParticipationMode::Anonymous,
                invitation_code: Some(InvitationCode::parse("TONO-2026").expect("a code")),
                attribute_questions: Vec::new(),
                district_options: Vec::new(),
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("create a conversation");
    if state == ConversationState::Draft {
        return conversation;
    }
    app.store
        .set_conversation_state(conversation.id, state, OffsetDateTime::now_utc())
        .await
        .expect("open the conversation")
}

async fn add_statements(
    app: &TestApp,
    conversation: &Conversation,
    texts: &[&str],
    moderation: ModerationStatus,
) -> Vec<Statement> {
    let mut statements = Vec::new();
    for text in texts {
        statements.push(
            app.store
                .add_statement(
                    conversation.id,
                    None,
                    &StatementText::parse(text).expect("a valid statement"),
                    true,
                    moderation,
                    OffsetDateTime::now_utc(),
                )
                .await
                .expect("add a statement"),
        );
    }
    statements
}

async fn participant(app: &TestApp, conversation: &Conversation, name: &str) -> Participant {
    app.store
        .join_conversation(
            conversation.id,
            &ParticipantIdentity::External(name.to_owned()),
            &BTreeMap::new(),
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("join")
}

/// Two camps of twenty, plus five banned participants who all vote like a third camp.
async fn planted(app: &TestApp) -> Planted {
    let conversation = open_conversation(app, ConversationState::Open).await;
    let for_a = add_statements(app, &conversation, &FOR_A, ModerationStatus::Accepted).await;
    let for_b = add_statements(app, &conversation, &FOR_B, ModerationStatus::Accepted).await;
    let shared = add_statements(app, &conversation, &SHARED, ModerationStatus::Accepted).await;
    let rejected = add_statements(app, &conversation, &[REJECTED], ModerationStatus::Rejected)
        .await
        .remove(0);
    let now = OffsetDateTime::now_utc();
    let mut votes = Vec::new();
    for camp in 0..2 {
        for index in 0..CAMP_SIZE {
            let person = participant(app, &conversation, &format!("camp{camp}-{index}")).await;
            let (agreed, disagreed) = if camp == 0 {
                (&for_a, &for_b)
            } else {
                (&for_b, &for_a)
            };
            // One vote in ten goes the other way, so the camps are realistic, not identical.
            for (position, statement) in agreed.iter().enumerate() {
                let choice = if (index + position) % 10 == 3 {
                    VoteChoice::Pass
                } else {
                    VoteChoice::Agree
                };
                votes.push(vote(&person, statement, choice, now));
            }
            for statement in disagreed {
                votes.push(vote(&person, statement, VoteChoice::Disagree, now));
            }
            for statement in &shared {
                votes.push(vote(&person, statement, VoteChoice::Agree, now));
            }
            let on_rejected = if camp == 0 {
                VoteChoice::Agree
            } else {
                VoteChoice::Disagree
            };
            votes.push(vote(&person, &rejected, on_rejected, now));
        }
    }
    let mut banned = Vec::new();
    for index in 0..5 {
        let person = participant(app, &conversation, &format!("banned-{index}")).await;
        for statement in for_a.iter().chain(&for_b).chain(&shared) {
            votes.push(vote(&person, statement, VoteChoice::Disagree, now));
        }
        app.store
            .set_participant_banned(person.id, true)
            .await
            .expect("ban");
        banned.push(person);
    }
    app.store.cast_votes(&votes).await.expect("store the votes");
    Planted {
        conversation,
        for_a,
        for_b,
        shared,
        rejected,
        banned,
    }
}

fn vote(
    participant: &Participant,
    statement: &Statement,
    choice: VoteChoice,
    at: OffsetDateTime,
) -> VoteRecord {
    VoteRecord {
        participant: participant.id,
        statement: statement.id,
        choice,
        at,
    }
}

fn results_path(conversation: &Conversation) -> String {
    format!("/conversations/{}/results", conversation.id)
}

async fn join_and_vote(
    browser: &mut Browser,
    conversation: &Conversation,
    votes: &[(&Statement, &str)],
) {
    let response = browser
        .submit(&format!("/conversations/{}/join", conversation.id), &[])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    cast(browser, conversation, votes).await;
}

async fn cast(browser: &mut Browser, conversation: &Conversation, votes: &[(&Statement, &str)]) {
    for (statement, choice) in votes {
        let response = browser
            .submit(
                &format!("/conversations/{}/votes", conversation.id),
                &[
                    ("statement_id", &statement.id.to_string()),
                    ("choice", choice),
                ],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    }
}

/// Wait until the stored analysis has seen every stored vote; how long that took.
async fn wait_until_fresh(app: &TestApp, conversation: &Conversation, limit: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let count = app.store.count_votes(conversation.id).await.expect("count");
        let stored = app
            .store
            .latest_analysis(conversation.id)
            .await
            .expect("read the analysis");
        if stored.is_some_and(|stored| stored.votes_seen == count) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < limit,
            "the stored analysis did not catch up within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn stored_analysis(app: &TestApp, conversation: &Conversation) -> Analysis {
    let stored = app
        .store
        .latest_analysis(conversation.id)
        .await
        .expect("read")
        .expect("an analysis is stored");
    serde_json::from_str(&stored.json).expect("readable analysis")
}

/// The part of the page between two headings' ids.
fn section<'a>(body: &'a str, from: &str, to: &str) -> &'a str {
    let start = body
        .find(from)
        .unwrap_or_else(|| panic!("{from} on the page"));
    let end = body[start..].find(to).map_or(body.len(), |end| start + end);
    &body[start..end]
}

#[tokio::test]
async fn two_camps_show_as_two_groups_with_their_statements_and_the_consensus() {
    let app = spawn_app().await;
    let planted = planted(&app).await;
    let mut viewer = app.browser();
    let votes: Vec<(&Statement, &str)> = planted
        .for_a
        .iter()
        .map(|statement| (statement, "agree"))
        .chain(
            planted
                .for_b
                .iter()
                .map(|statement| (statement, "disagree")),
        )
        .collect();
    join_and_vote(&mut viewer, &planted.conversation, &votes).await;
    wait_until_fresh(&app, &planted.conversation, Duration::from_secs(5)).await;

    let page = viewer.get(&results_path(&planted.conversation)).await;
    assert_eq!(page.status, StatusCode::OK);
    let body = &page.body;
    assert!(
        body.contains("グループA") && body.contains("グループB"),
        "{body}"
    );
    assert!(!body.contains("グループC"));
    // The map marks the viewer, in words as well as shape.
    let map = section(body, "<svg class=\"opinion-map\"", "</svg>");
    assert!(map.contains("data-map-you"));
    assert!(map.contains(">あなた<"));
    assert!(map.contains("aria-labelledby=\"opinion-map-title opinion-map-desc\""));
    assert!(body.contains("あなたはグループ"));
    // Each camp's statements represent a group, with a rate and its interval.
    let groups = section(body, "id=\"groups-heading\"", "id=\"consensus-heading\"");
    assert!(FOR_A.iter().any(|text| groups.contains(text)), "{groups}");
    assert!(FOR_B.iter().any(|text| groups.contains(text)), "{groups}");
    assert!(groups.contains("%（"), "{groups}");
    // Both shared statements are consensus.
    let consensus = section(body, "id=\"consensus-heading\"", "id=\"divisive-heading\"");
    for text in SHARED {
        assert!(consensus.contains(text), "{consensus}");
    }
    for text in FOR_A.iter().chain(&FOR_B) {
        assert!(
            !section(consensus, "consensus-agree", "</ul>").contains(text),
            "{text} is not consensus"
        );
    }
    // The camps' statements divide the groups.
    let divisive = section(body, "id=\"divisive-heading\"", "id=\"activity-heading\"");
    assert!(divisive.contains("agree-bar-fill"));
    assert!(
        FOR_A
            .iter()
            .chain(&FOR_B)
            .any(|text| divisive.contains(text))
    );
    // Participation over time: today's votes are in the table.
    let activity = section(body, "id=\"activity-heading\"", "</section>");
    assert!(activity.contains("<svg class=\"activity-chart\""));

    // The rejected statement never appears, though everyone voted on it.
    assert!(!body.contains(REJECTED));
    let _ = &planted.rejected;

    // A visitor who has not joined sees the groups but no "you".
    let page = app
        .browser()
        .get(&results_path(&planted.conversation))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("グループB"));
    assert!(!page.body.contains("data-map-you"));
}

#[tokio::test]
async fn banned_participants_votes_are_left_out() {
    let app = spawn_app().await;
    let planted = planted(&app).await;
    let page = app
        .browser()
        .get(&results_path(&planted.conversation))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let analysis = stored_analysis(&app, &planted.conversation).await;
    for person in &planted.banned {
        assert!(
            analysis
                .participants
                .binary_search_by_key(&ParticipantKey(person.id.0), |p| p.key)
                .is_err()
        );
    }
    assert_eq!(analysis.counts.votes_by_banned, 5 * 10);
    assert_eq!(analysis.counts.participants, 2 * CAMP_SIZE);
    assert!(page.body.contains(&format!("参加者 {}人", 2 * CAMP_SIZE)));
    // The banned all disagreed with the shared statements: that is not visible anywhere.
    assert_eq!(analysis.consensus.agree.len(), planted.shared.len());

    // The same page in English.
    let mut english = app.browser();
    english.accept_language = Some("en");
    let page = english.get(&results_path(&planted.conversation)).await;
    assert!(page.body.contains("Group A") && page.body.contains("Group B"));
    assert!(
        page.body
            .contains(&format!("{} participants", 2 * CAMP_SIZE))
    );
    assert!(page.body.contains("Consensus"));
}

#[tokio::test]
async fn the_json_endpoint_gives_the_groups_and_the_viewers_group() {
    let app = spawn_app().await;
    let planted = planted(&app).await;
    let mut viewer = app.browser();
    let votes: Vec<(&Statement, &str)> = planted
        .for_b
        .iter()
        .map(|statement| (statement, "agree"))
        .chain(
            planted
                .for_a
                .iter()
                .map(|statement| (statement, "disagree")),
        )
        .collect();
    join_and_vote(&mut viewer, &planted.conversation, &votes).await;
    wait_until_fresh(&app, &planted.conversation, Duration::from_secs(5)).await;

    let response = viewer
        .get(&format!("{}.json", results_path(&planted.conversation)))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&response.body).expect("JSON");
    assert!(json["computed_at"].is_string());
    assert!(json["version"].is_string());
    let groups = json["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 2);
    let sizes: u64 = groups.iter().map(|g| g["size"].as_u64().unwrap()).sum();
    assert_eq!(sizes, json["included_participants"].as_u64().unwrap());
    assert_eq!(
        json["participants"].as_u64(),
        Some(2 * CAMP_SIZE as u64 + 1)
    );
    let your_group = &json["your_group"];
    assert!(your_group["label"].is_string(), "{json}");
    assert!(your_group["text"].as_str().unwrap().contains(&format!(
        "グループ{}",
        your_group["label"].as_str().unwrap()
    )));
    // The viewer voted like camp B: their group is the one holding camp B's participants.
    let analysis = stored_analysis(&app, &planted.conversation).await;
    let camp_b_member = app
        .store
        .participant_by_identity(
            planted.conversation.id,
            &ParticipantIdentity::External("camp1-0".to_owned()),
        )
        .await
        .expect("camp B member");
    let camp_b_group = analysis
        .participants
        .iter()
        .find(|p| p.key == ParticipantKey(camp_b_member.id.0))
        .and_then(|p| p.group);
    assert_eq!(
        your_group["id"].as_u64().map(|id| id as usize),
        camp_b_group
    );

    // Someone who has not joined gets the groups and no group of their own.
    let anonymous = app
        .browser()
        .get(&format!("{}.json", results_path(&planted.conversation)))
        .await;
    let json: serde_json::Value = serde_json::from_str(&anonymous.body).expect("JSON");
    assert!(json["your_group"].is_null());
    assert_eq!(json["groups"].as_array().map(Vec::len), Some(2));

    // A page that already shows the current version is told only that; an older one gets it all.
    let version = json["version"].as_str().expect("a version").to_owned();
    let current = app
        .browser()
        .get(&format!(
            "{}.json?since={version}",
            results_path(&planted.conversation)
        ))
        .await;
    let current: serde_json::Value = serde_json::from_str(&current.body).expect("JSON");
    assert_eq!(current["unchanged"], serde_json::Value::Bool(true));
    assert_eq!(current["version"].as_str(), Some(version.as_str()));
    assert!(current["groups"].is_null());
    let stale = app
        .browser()
        .get(&format!(
            "{}.json?since=0/0",
            results_path(&planted.conversation)
        ))
        .await;
    let stale: serde_json::Value = serde_json::from_str(&stale.body).expect("JSON");
    assert!(stale["unchanged"].is_null());
    assert_eq!(stale["groups"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn votes_reach_the_stored_analysis_within_two_seconds_and_bursts_coalesce() {
    let app = spawn_app().await;
    let planted = planted(&app).await;
    let mut voter = app.browser();
    join_and_vote(&mut voter, &planted.conversation, &[]).await;
    let statements: Vec<&Statement> = planted
        .for_a
        .iter()
        .chain(&planted.for_b)
        .chain(&planted.shared)
        .collect();

    // One vote: the background run stores an analysis that includes it within two seconds.
    let runs_before = app.state.analysis_scheduler.runs();
    cast(
        &mut voter,
        &planted.conversation,
        &[(statements[0], "agree")],
    )
    .await;
    let waited = wait_until_fresh(&app, &planted.conversation, Duration::from_secs(2)).await;
    assert!(waited < Duration::from_secs(2), "{waited:?}");
    assert!(app.state.analysis_scheduler.runs() > runs_before);

    // Fifty rapid votes (changing answers back and forth): far fewer than fifty runs.
    let runs_before = app.state.analysis_scheduler.runs();
    let started = Instant::now();
    for index in 0..50 {
        let statement = statements[index % statements.len()];
        let choice = if index % 2 == 0 { "disagree" } else { "agree" };
        cast(&mut voter, &planted.conversation, &[(statement, choice)]).await;
    }
    let voting_took = started.elapsed();
    wait_until_fresh(&app, &planted.conversation, Duration::from_secs(5)).await;
    // Let a run that may still be due finish, so the count is final.
    tokio::time::sleep(Duration::from_millis(1_200)).await;
    let runs = app.state.analysis_scheduler.runs() - runs_before;
    // At most one run a second, plus the one at the start and one after the burst.
    let allowed = voting_took.as_secs() + 3;
    assert!(runs >= 1, "the burst caused no run");
    assert!(
        runs <= allowed && runs < 25,
        "{runs} runs for 50 votes in {voting_took:?}"
    );
    assert_eq!(app.state.analysis_scheduler.failures(), 0);

    // The stored analysis reflects the last votes: the voter's final answers are counted.
    let analysis = stored_analysis(&app, &planted.conversation).await;
    let count = app
        .store
        .count_votes(planted.conversation.id)
        .await
        .unwrap();
    assert_eq!(
        analysis.counts.votes + analysis.counts.votes_by_banned,
        count as usize
    );
}

#[tokio::test]
async fn a_young_conversation_says_there_are_not_enough_votes() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app, ConversationState::Open).await;
    add_statements(&app, &conversation, &SHARED, ModerationStatus::Accepted).await;
    let page = app.browser().get(&results_path(&conversation)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("まだ十分な投票がありません"));
    assert!(!page.body.contains("<svg class=\"opinion-map\""));
    let json = app
        .browser()
        .get(&format!("{}.json", results_path(&conversation)))
        .await;
    let json: serde_json::Value = serde_json::from_str(&json.body).expect("JSON");
    assert!(json["computed_at"].is_null());
}

#[tokio::test]
async fn drafts_have_no_public_results_and_the_conversation_page_links_to_them() {
    let app = spawn_app().await;
    let draft = open_conversation(&app, ConversationState::Draft).await;
    let response = app.browser().get(&results_path(&draft)).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);

    let app = spawn_app().await;
    let planted = planted(&app).await;
    let mut viewer = app.browser();
    let votes: Vec<(&Statement, &str)> = planted
        .for_a
        .iter()
        .map(|statement| (statement, "agree"))
        .chain(
            planted
                .for_b
                .iter()
                .map(|statement| (statement, "disagree")),
        )
        .collect();
    join_and_vote(&mut viewer, &planted.conversation, &votes).await;
    wait_until_fresh(&app, &planted.conversation, Duration::from_secs(5)).await;
    let page = viewer
        .get(&format!("/conversations/{}", planted.conversation.id))
        .await;
    assert!(
        page.body.contains("class=\"standing-box\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("あなたはグループ"));
    assert!(page.body.contains(&results_path(&planted.conversation)));
}

#[tokio::test]
async fn rejecting_a_statement_removes_it_from_the_results() {
    let app = spawn_app().await;
    let planted = planted(&app).await;
    let page = app
        .browser()
        .get(&results_path(&planted.conversation))
        .await;
    let shown = FOR_A[0];
    assert!(page.body.contains(shown), "the statement is in the results");
    app.store
        .set_statement_moderation(
            planted.for_a[0].id,
            ModerationStatus::Rejected,
            Some("テスト"),
        )
        .await
        .expect("reject");
    let page = app
        .browser()
        .get(&results_path(&planted.conversation))
        .await;
    assert!(!page.body.contains(shown));
}

#[tokio::test]
async fn an_idle_worker_ends_and_the_next_notification_starts_a_new_one() {
    use sosei_web::deliberation::recompute::AnalysisScheduler;

    let app = spawn_app().await;
    let planted = planted(&app).await;
    let scheduler = AnalysisScheduler::with_timing(
        app.store.clone(),
        Duration::from_millis(300),
        Duration::from_millis(100),
    );
    let id = planted.conversation.id;
    let wait_for_runs = |runs: u64| {
        let scheduler = scheduler.clone();
        async move {
            let started = Instant::now();
            while scheduler.runs() < runs {
                assert!(started.elapsed() < Duration::from_secs(5), "no run");
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
        }
    };
    scheduler.notify(id);
    wait_for_runs(1).await;
    // Well past the idle timeout: the worker has ended; a new notification still runs.
    tokio::time::sleep(Duration::from_millis(400)).await;
    scheduler.notify(id);
    wait_for_runs(2).await;
    // Notifications during a run coalesce into one more run, not one per notification.
    for _ in 0..20 {
        scheduler.notify(id);
    }
    wait_for_runs(3).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert!(scheduler.runs() <= 4, "{} runs", scheduler.runs());
    assert_eq!(scheduler.failures(), 0);
    // The extremities for routing come from the stored analysis.
    let extremities = scheduler.statement_extremities(id).await.unwrap();
    assert!(extremities.contains_key(&planted.for_a[0].id));
    assert!(extremities.values().all(|value| value.is_finite()));
}
