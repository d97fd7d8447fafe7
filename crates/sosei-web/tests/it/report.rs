//! The report for policy drafting: a conversation with two planted camps of twenty people, one
//! statement everyone agrees with and six that split the camps, read as HTML (ja and en),
//! Markdown, CSV and JSON through the real router on a fresh SQLite database.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use sosei_core::deliberation::{
    AttributeQuestion, Conversation, ConversationState, InvitationCode, ModerationMode,
    ModerationStatus, NewConversation, NewFactCard, ParticipantIdentity, ParticipationMode,
    Statement, StatementText, VoteChoice, VoteRecord,
};
use sosei_core::{LocalizedText, NewOrganisation, OrganisationKind, OrganisationSlug};
use time::OffsetDateTime;

use crate::{TestApp, TestResponse, spawn_app};

const PASSWORD: &str = "correct horse battery";
const CONSENSUS: &str = "駅前広場に日陰とベンチを増やすべきだ";
const REJECTED: &str = "この意見は却下されたので報告書に出てはいけない";
const CITATION: &str = "遠野市 観光統計 2023";
/// Camp A agrees with the first three and disagrees with the last three; camp B the reverse.
const CAMP_STATEMENTS: [&str; 6] = [
    "駅前に大型の駐車場をつくるべきだ",
    "観光バスの乗り入れを増やすべきだ",
    "広場で毎週末に市場を開くべきだ",
    "駅前は車を入れない歩行者空間にするべきだ",
    "広場の芝生を広げて子どもの遊び場にするべきだ",
    "夜間の照明を減らして静かな広場にするべきだ",
];

struct Planted {
    app: TestApp,
    conversation: Conversation,
    consensus: Statement,
    camp: Vec<Statement>,
}

async fn organisation(app: &TestApp) -> sosei_core::Organisation {
    app.store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("tono-report").unwrap(),
                kind: OrganisationKind::Municipality,
                name: LocalizedText::new("遠野市", "Tono City"),
                description: LocalizedText::default(),
                website: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
}

async fn conversation(app: &TestApp, organisation: &sosei_core::Organisation) -> Conversation {
    app.store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("駅前広場のこれから", "The future of the station square"),
                question: LocalizedText::new(
                    "駅前広場をどのように使うとよいでしょうか？",
                    "How should the station square be used?",
                ),
                description: LocalizedText::new("改修計画の参考にします。", "For the redesign."),
                moderation_mode: ModerationMode::Post,
                participation_mode: ParticipationMode::Anonymous,
                invitation_code: None::<InvitationCode>,
                attribute_questions: vec![
                    AttributeQuestion::AgeBand,
                    AttributeQuestion::District,
                    AttributeQuestion::Relationship,
                ],
                district_options: vec!["土淵町".to_owned(), "附馬牛町".to_owned()],
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
}

async fn statement(app: &TestApp, conversation: &Conversation, text: &str) -> Statement {
    app.store
        .add_statement(
            conversation.id,
            None,
            &StatementText::parse(text).unwrap(),
            true,
            ModerationStatus::Accepted,
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
}

/// Two camps of twenty: camp A in their 30s, camp B in their 60s; all residents; every
/// participant in 土淵町 except one in 附馬牛町 (a cell of one, so that breakdown is withheld).
async fn planted(open: bool) -> Planted {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let conversation = conversation(&app, &organisation).await;
    let consensus = statement(&app, &conversation, CONSENSUS).await;
    let mut camp = Vec::new();
    for text in CAMP_STATEMENTS {
        camp.push(statement(&app, &conversation, text).await);
    }
    let rejected = statement(&app, &conversation, REJECTED).await;
    app.store
        .set_statement_moderation(rejected.id, ModerationStatus::Rejected, Some("off topic"))
        .await
        .unwrap();

    let now = OffsetDateTime::now_utc();
    let mut votes = Vec::new();
    for index in 0..40 {
        let in_camp_a = index < 20;
        let attributes: BTreeMap<String, String> = [
            ("age_band", if in_camp_a { "30s" } else { "60s" }),
            (
                "district",
                if index == 39 {
                    "附馬牛町"
                } else {
                    "土淵町"
                },
            ),
            ("relationship", "resident"),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect();
        let participant = app
            .store
            .join_conversation(
                conversation.id,
                &ParticipantIdentity::External(format!("resident-{index}")),
                &attributes,
                now,
            )
            .await
            .unwrap();
        let mut vote = |statement: &Statement, choice: VoteChoice| {
            votes.push(VoteRecord {
                participant: participant.id,
                statement: statement.id,
                choice,
                at: now,
            });
        };
        vote(&consensus, VoteChoice::Agree);
        vote(&rejected, VoteChoice::Agree);
        for (position, statement) in camp.iter().enumerate() {
            let camp_a_agrees = position < 3;
            let agrees = camp_a_agrees == in_camp_a;
            vote(
                statement,
                if agrees {
                    VoteChoice::Agree
                } else {
                    VoteChoice::Disagree
                },
            );
        }
    }
    app.store.cast_votes(&votes).await.unwrap();

    let expert = app
        .create_user("expert@example.jp", "統計 花子", PASSWORD, false)
        .await;
    app.store
        .add_fact_card(
            &NewFactCard {
                conversation: conversation.id,
                statement: Some(camp[0].id),
                text: LocalizedText::new("年間の観光客数", "Visitors per year"),
                source_citation: CITATION.to_owned(),
                source_url: Some("https://www.city.tono.iwate.jp/stats".to_owned()),
                as_of: Some(time::macros::date!(2023 - 03 - 31)),
                value: Some(26_000.0),
                unit: Some("人".to_owned()),
                author: expert.id,
            },
            now,
        )
        .await
        .unwrap();

    let conversation = if open {
        app.store
            .set_conversation_state(conversation.id, ConversationState::Open, now)
            .await
            .unwrap()
    } else {
        conversation
    };
    Planted {
        app,
        conversation,
        consensus,
        camp,
    }
}

fn header(response: &TestResponse, name: axum::http::HeaderName) -> &str {
    response
        .headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
}

#[tokio::test]
async fn the_html_report_shows_consensus_groups_facts_and_method_in_both_languages() {
    let planted = planted(true).await;
    let id = planted.conversation.id;
    let mut browser = planted.app.browser();

    let ja = browser.get(&format!("/conversations/{id}/report")).await;
    assert_eq!(ja.status, StatusCode::OK, "{}", ja.body);
    let body = &ja.body;
    assert!(body.contains("<html lang=\"ja\""), "{body}");
    for expected in [
        "駅前広場をどのように使うとよいでしょうか？",
        "報告書",
        "参加状況",
        "総意",
        "意見グループ",
        "代表的な意見",
        "意見が分かれた点",
        "方法と限界",
        "無作為",
        "グループA",
        "グループB",
        CONSENSUS,
        CAMP_STATEMENTS[0],
        CITATION,
        "26,000",
        "2023年3月31日時点",
        "年代別",
        "30代",
        "60代",
        "集計時点",
    ] {
        assert!(body.contains(expected), "missing {expected:?} in {body}");
    }
    assert!(!body.contains(REJECTED), "a rejected statement leaks");
    // Participants, voters and votes: 40 people, 7 reported statements, 280 votes.
    assert!(body.contains("<dd>40</dd>"), "{body}");
    assert!(body.contains("<dd>7</dd>"), "{body}");
    assert!(body.contains("<dd>280</dd>"), "{body}");
    // Each group's agreement with the consensus statement is 100 % with an interval.
    assert!(body.contains("100%"), "{body}");
    assert!(body.contains("–100%"), "an interval ending at 100%: {body}");

    let en = browser
        .get(&format!("/conversations/{id}/report?lang=en"))
        .await;
    assert_eq!(en.status, StatusCode::OK);
    let body = &en.body;
    assert!(body.contains("<html lang=\"en\""), "{body}");
    for expected in [
        "How should the station square be used?",
        "Participation",
        "Consensus",
        "Group A",
        "Group B",
        "Where opinions divide",
        "Method and limitations",
        "not a random sample",
        CONSENSUS,
        CITATION,
        "By age",
    ] {
        assert!(body.contains(expected), "missing {expected:?} in {body}");
    }
    assert!(!body.contains("グループA"));
}

#[tokio::test]
async fn the_downloads_carry_the_same_statements_with_the_right_headers() {
    let planted = planted(true).await;
    let id = planted.conversation.id;
    let mut browser = planted.app.browser();

    let markdown = browser
        .get(&format!("/conversations/{id}/report.md?lang=ja"))
        .await;
    assert_eq!(markdown.status, StatusCode::OK);
    assert_eq!(
        header(&markdown, CONTENT_TYPE),
        "text/markdown; charset=utf-8"
    );
    assert_eq!(
        header(&markdown, CONTENT_DISPOSITION),
        format!("attachment; filename=\"sosei-report-{id}-ja.md\"")
    );
    assert!(markdown.body.starts_with("# 報告書："), "{}", markdown.body);
    assert!(markdown.body.contains("## グループを越えた共通点"));
    assert!(
        markdown.body.contains("総意（賛成）：全体で賛成"),
        "{}",
        markdown.body
    );
    assert!(markdown.body.contains(CITATION));

    let csv = browser
        .get(&format!("/conversations/{id}/report.csv?lang=en"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(header(&csv, CONTENT_TYPE), "text/csv; charset=utf-8");
    assert_eq!(
        header(&csv, CONTENT_DISPOSITION),
        format!("attachment; filename=\"sosei-report-{id}-en.csv\"")
    );
    assert!(csv.body.starts_with('\u{feff}'), "CSV without a BOM");
    let rows: Vec<&str> = csv.body.trim_end().split("\r\n").collect();
    assert_eq!(rows.len(), 1 + 7, "{}", csv.body);
    assert!(
        rows[0].contains("\"Group A agree rate (%)\""),
        "{}",
        rows[0]
    );
    assert!(
        rows[0].contains("\"Group B agree rate (%)\""),
        "{}",
        rows[0]
    );
    let consensus_row = rows
        .iter()
        .find(|row| row.contains(CONSENSUS))
        .expect("the consensus statement has a row");
    assert!(
        consensus_row.starts_with(&format!("{},", planted.consensus.id)),
        "{consensus_row}"
    );
    assert!(
        consensus_row.contains(",40,0,0,100.0,100.0,100.0,\"Consensus (agree)\""),
        "{consensus_row}"
    );
    let divisive_row = rows
        .iter()
        .find(|row| row.contains(CAMP_STATEMENTS[0]))
        .expect("a divisive row");
    assert!(divisive_row.contains(",20,20,0,50.0,"), "{divisive_row}");
    assert!(divisive_row.ends_with(",\"yes\",\"\""), "{divisive_row}");

    let json = browser
        .get(&format!("/conversations/{id}/report.json"))
        .await;
    assert_eq!(json.status, StatusCode::OK);
    assert_eq!(header(&json, CONTENT_TYPE), "application/json");
    assert_eq!(
        header(&json, CONTENT_DISPOSITION),
        format!("attachment; filename=\"sosei-report-{id}-ja.json\"")
    );
    let report: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(report["format"], "sosei-report/1");
    assert_eq!(report["language"], "ja");
    assert_eq!(report["participation"]["participants"], 40);
    assert_eq!(report["participation"]["voters"], 40);
    assert_eq!(report["participation"]["votes"], 280);
    assert_eq!(report["groups"].as_array().unwrap().len(), 2);
    assert_eq!(report["groups"][0]["size"], 20);
    assert_eq!(report["consensus"][0]["statement"], planted.consensus.id.0);
    assert_eq!(report["consensus"][0]["direction"], "agree");
    assert_eq!(report["consensus"][0]["agreement"]["level"], "consensus");
    assert_eq!(report["fact_cards"][0]["source_citation"], CITATION);
    assert_eq!(report["fact_cards"][0]["as_of"], "2023-03-31");
    let divisive: Vec<i64> = report["divisive"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["statement"].as_i64().unwrap())
        .collect();
    assert!(divisive.contains(&planted.camp[0].id.0), "{divisive:?}");

    // The same statements in every format, and never the rejected one.
    let ids: Vec<i64> = report["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|statement| statement["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), 7);
    for text in std::iter::once(CONSENSUS).chain(CAMP_STATEMENTS) {
        assert!(markdown.body.contains(text), "{text} missing from Markdown");
        assert!(csv.body.contains(text), "{text} missing from CSV");
        assert!(json.body.contains(text), "{text} missing from JSON");
    }
    for body in [&markdown.body, &csv.body, &json.body] {
        assert!(!body.contains(REJECTED));
    }
}

#[tokio::test]
async fn breakdowns_appear_only_when_every_cell_has_five_people() {
    let planted = planted(true).await;
    let id = planted.conversation.id;
    let mut browser = planted.app.browser();
    let json = browser
        .get(&format!("/conversations/{id}/report.json?lang=en"))
        .await;
    let report: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    let breakdown = |attribute: &str| {
        report["breakdowns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|breakdown| breakdown["attribute"] == attribute)
            .cloned()
            .unwrap_or_else(|| panic!("no {attribute} breakdown"))
    };

    let age = breakdown("age_band");
    assert_eq!(age["suppressed"], false, "{age}");
    let values: Vec<&str> = age["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|value| value["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["30s", "60s"]);
    assert_eq!(age["values"][0]["participants"], 20);
    // The consensus statement comes first: 100 % in both age bands. On a camp statement the
    // 30s (camp A) agree and the 60s (camp B) do not.
    assert_eq!(age["rows"][0]["cells"][0]["agree_rate"], 1.0);
    assert_eq!(age["rows"][0]["cells"][1]["agree_rate"], 1.0);
    let camp_row = age["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["statement"] == planted.camp[0].id.0)
        .expect("the divisive statement is broken down");
    assert_eq!(camp_row["cells"][0]["agree_rate"], 1.0);
    assert_eq!(camp_row["cells"][1]["agree_rate"], 0.0);
    assert_eq!(camp_row["cells"][0]["voters"], 20);

    let relationship = breakdown("relationship");
    assert_eq!(relationship["suppressed"], false);
    assert_eq!(relationship["values"][0]["participants"], 40);

    // One participant in 附馬牛町: the whole district breakdown is withheld, names included.
    let district = breakdown("district");
    assert_eq!(district["suppressed"], true, "{district}");
    assert!(district["values"].as_array().unwrap().is_empty());
    assert!(district["rows"].as_array().unwrap().is_empty());

    let page = browser.get(&format!("/conversations/{id}/report")).await;
    assert!(page.body.contains("地区別"));
    assert!(
        page.body.contains("この内訳は掲載していません"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("附馬牛町"), "a cell of one is named");
    let markdown = browser
        .get(&format!("/conversations/{id}/report.md?lang=en"))
        .await;
    assert!(markdown.body.contains("### By age"));
    assert!(markdown.body.contains("Not published"), "{}", markdown.body);
}

#[tokio::test]
async fn a_drafts_report_is_for_its_facilitators_only() {
    let planted = planted(false).await;
    let app = &planted.app;
    let id = planted.conversation.id;
    app.create_user("resident@example.jp", "住民", PASSWORD, false)
        .await;
    app.create_user("admin@example.jp", "管理者", PASSWORD, true)
        .await;

    let mut resident = app.signed_in_browser("resident@example.jp", PASSWORD).await;
    for path in ["report", "report.md", "report.csv", "report.json"] {
        let response = resident.get(&format!("/conversations/{id}/{path}")).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{path}");
        assert!(!response.body.contains(CONSENSUS), "{path} leaks");
    }
    let anonymous = app
        .browser()
        .get(&format!("/conversations/{id}/report"))
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let mut admin = app.signed_in_browser("admin@example.jp", PASSWORD).await;
    let response = admin.get(&format!("/conversations/{id}/report")).await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.body.contains(CONSENSUS));
}

#[tokio::test]
async fn an_unknown_conversation_has_no_report() {
    let app = spawn_app().await;
    let mut browser = app.browser();
    for path in ["/conversations/999/report", "/conversations/abc/report.csv"] {
        assert_eq!(
            browser.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}

#[tokio::test]
async fn every_format_is_fully_translated_in_both_languages() {
    let planted = planted(true).await;
    let id = planted.conversation.id;
    let mut browser = planted.app.browser();
    for language in ["ja", "en"] {
        for path in ["report", "report.md", "report.csv", "report.json"] {
            let response = browser
                .get(&format!("/conversations/{id}/{path}?lang={language}"))
                .await;
            assert_eq!(response.status, StatusCode::OK, "{path} {language}");
            assert!(
                !response.body.contains("Unknown localization key"),
                "{path}?lang={language}: {}",
                response.body
            );
        }
    }
}
