//! Fidelity to what people wrote and honest words about it: a statement typed with full-width
//! brackets is shown and reported exactly as typed (while its half-width twin is still a
//! duplicate), the levels of agreement are named honestly (two thirds of every group is broad
//! agreement, not 総意), and the words around them read naturally in both languages.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use sosei_core::deliberation::{
    Conversation, ConversationState, ModerationMode, ModerationStatus, NewConversation,
    ParticipantIdentity, ParticipationMode, Statement, StatementText, VoteChoice, VoteRecord,
};
use sosei_core::{LocalizedText, NewOrganisation, OrganisationKind, OrganisationSlug};
use time::OffsetDateTime;

use crate::{TestApp, spawn_app};

/// What a resident typed: full-width brackets and question mark.
const TYPED: &str = "（火曜と金曜だけでも）？";
/// The same statement typed with half-width forms: the NFKC folding of [`TYPED`].
const HALF_WIDTH: &str = "(火曜と金曜だけでも)?";
/// Agreed by two thirds of every group.
const TWO_THIRDS: &str = "駅前の駐輪場を屋根付きにするべきだ";
/// Agreed by everyone.
const EVERYONE: &str = "駅前のトイレをきれいにしてほしい";
/// Camp A agrees with the first half and disagrees with the second; camp B the reverse. Enough
/// of them that the camps, not the split on [`TWO_THIRDS`], make the groups.
const CAMP_STATEMENTS: [&str; 10] = [
    "駅前に大きな駐車場を作るべきだ",
    "車で来る観光客を増やしたい",
    "駅前の道路を広げるべきだ",
    "郊外の大型店を誘致したい",
    "観光バスの乗り入れを増やすべきだ",
    "駅前は歩行者だけの広場にしたい",
    "駅前に木を植えて公園にしたい",
    "自転車の道を整備するべきだ",
    "小さな商店を応援したい",
    "広場で毎週末に市場を開くべきだ",
];
/// Six people a camp: the two in each who do not agree with [`TWO_THIRDS`] are fewer than the
/// engine's smallest group (3), so the camps make the groups, as in a real town.
const CAMP_SIZE: usize = 6;

async fn open_conversation(app: &TestApp) -> Conversation {
    let organisation = app
        .store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse("tono-fidelity").unwrap(),
                kind: OrganisationKind::Municipality,
                name: LocalizedText::new("遠野市", "Tono City"),
                description: LocalizedText::default(),
                website: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
    let conversation = app
        .store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new("ごみの収集日", "Rubbish collection days"),
                question: LocalizedText::new(
                    "収集日をどう変えるとよいでしょうか？",
                    "How should the collection days change?",
                ),
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
    app.store
        .set_conversation_state(
            conversation.id,
            ConversationState::Open,
            OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
}

fn path(conversation: &Conversation) -> String {
    format!("/conversations/{}", conversation.id)
}

/// The piece of `body` from the last `<li` before `needle` to the `</li>` after it.
fn list_item<'a>(body: &'a str, needle: &str) -> &'a str {
    let at = body
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {body}"));
    let start = body[..at].rfind("<li").unwrap_or(0);
    let end = body[at..].find("</li>").map_or(body.len(), |end| at + end);
    &body[start..end]
}

#[tokio::test]
async fn a_statement_is_shown_and_reported_as_typed_and_its_half_width_twin_is_a_duplicate() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app).await;
    let write_path = format!("{}/statements", path(&conversation));

    let mut resident = app.browser();
    let joined = resident
        .submit(&format!("{}/join", path(&conversation)), &[])
        .await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    // Typed with a stray control character and a bidi override, which are removed.
    let posted = resident
        .submit(
            &write_path,
            &[("text", "（火曜と金曜\u{0007}だけでも）？\u{202E}")],
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
    let statements = app.store.statements(conversation.id).await.unwrap();
    assert_eq!(statements.len(), 1);
    assert_eq!(statements[0].text.as_str(), TYPED);
    app.store
        .set_statement_moderation(statements[0].id, ModerationStatus::Accepted, None)
        .await
        .unwrap();

    // On the page.
    let page = resident.get(&path(&conversation)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(TYPED), "{}", page.body);
    assert!(!page.body.contains(HALF_WIDTH));

    // In the report, in every format.
    let mut reader = app.browser();
    for suffix in ["report", "report.md", "report.csv", "report.json"] {
        let report = reader
            .get(&format!("{}/{suffix}?lang=ja", path(&conversation)))
            .await;
        assert_eq!(report.status, StatusCode::OK, "{suffix}: {}", report.body);
        assert!(report.body.contains(TYPED), "{suffix}: {}", report.body);
        assert!(
            !report.body.contains(HALF_WIDTH),
            "{suffix}: {}",
            report.body
        );
    }

    // The half-width twin is still recognised as a duplicate and not posted unasked.
    let mut neighbour = app.browser();
    neighbour
        .submit(&format!("{}/join", path(&conversation)), &[])
        .await;
    let twin = neighbour.submit(&write_path, &[("text", HALF_WIDTH)]).await;
    assert_eq!(twin.status, StatusCode::OK, "{}", twin.body);
    assert!(
        twin.body.contains("name=\"confirm_duplicate\""),
        "{}",
        twin.body
    );
    assert_eq!(
        app.store.statements(conversation.id).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn the_statement_counter_names_its_unit_in_both_languages() {
    let app = spawn_app().await;
    let conversation = open_conversation(&app).await;
    let mut browser = app.browser();
    browser
        .submit(&format!("{}/join", path(&conversation)), &[])
        .await;
    let japanese = browser.get(&path(&conversation)).await;
    assert!(
        japanese.body.contains(
            "data-template=\"あと全角%remainingJa%文字（半角なら%remaining%文字）書けます\""
        ),
        "{}",
        japanese.body
    );
    browser.accept_language = Some("en");
    let english = browser.get(&path(&conversation)).await;
    assert!(
        english
            .body
            .contains("data-template=\"Characters left: %remaining%\""),
        "{}",
        english.body
    );
}

/// Two camps of six; everyone agrees with [`EVERYONE`]; four of each camp agree with
/// [`TWO_THIRDS`] and two disagree (67 % in each group). Everyone passes on one camp statement,
/// so the camps are not identical blocks.
async fn planted_agreement(app: &TestApp) -> (Conversation, Statement, Statement) {
    let conversation = open_conversation(app).await;
    let add = |text: &'static str| {
        let store = app.store.clone();
        let id = conversation.id;
        async move {
            store
                .add_statement(
                    id,
                    None,
                    &StatementText::parse(text).unwrap(),
                    true,
                    ModerationStatus::Accepted,
                    OffsetDateTime::now_utc(),
                )
                .await
                .unwrap()
        }
    };
    let everyone = add(EVERYONE).await;
    let two_thirds = add(TWO_THIRDS).await;
    let mut camp_statements = Vec::new();
    for text in CAMP_STATEMENTS {
        camp_statements.push(add(text).await);
    }

    let now = OffsetDateTime::now_utc();
    let mut votes = Vec::new();
    for camp in 0..2 {
        for index in 0..CAMP_SIZE {
            let participant = app
                .store
                .join_conversation(
                    conversation.id,
                    &ParticipantIdentity::External(format!("camp{camp}-{index}")),
                    &BTreeMap::new(),
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
            vote(&everyone, VoteChoice::Agree);
            vote(
                &two_thirds,
                if index < 4 {
                    VoteChoice::Agree
                } else {
                    VoteChoice::Disagree
                },
            );
            for (position, statement) in camp_statements.iter().enumerate() {
                let agrees = (position < CAMP_STATEMENTS.len() / 2) == (camp == 0);
                vote(
                    statement,
                    if position == index % CAMP_STATEMENTS.len() {
                        VoteChoice::Pass
                    } else if agrees {
                        VoteChoice::Agree
                    } else {
                        VoteChoice::Disagree
                    },
                );
            }
        }
    }
    app.store.cast_votes(&votes).await.unwrap();
    (conversation, everyone, two_thirds)
}

#[tokio::test]
async fn two_thirds_of_every_group_is_broad_agreement_and_never_called_consensus() {
    let app = spawn_app().await;
    let (conversation, everyone, two_thirds) = planted_agreement(&app).await;
    let mut browser = app.browser();

    // JSON: the levels, and the groups the camps make.
    let json = browser
        .get(&format!("{}/report.json", path(&conversation)))
        .await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.body);
    let report: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(report["groups"].as_array().unwrap().len(), 2, "{report}");
    let entry = |id: i64| {
        report["statements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|statement| statement["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(entry(two_thirds.id.0)["agreement"]["level"], "broad");
    assert_eq!(entry(two_thirds.id.0)["agreement"]["direction"], "agree");
    assert_eq!(entry(everyone.id.0)["agreement"]["level"], "consensus");
    let common_ground: Vec<(i64, String)> = report["consensus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["statement"].as_i64().unwrap(),
                entry["agreement"]["level"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        common_ground.contains(&(two_thirds.id.0, "broad".to_owned())),
        "{common_ground:?}"
    );
    assert!(
        common_ground.contains(&(everyone.id.0, "consensus".to_owned())),
        "{common_ground:?}"
    );

    // HTML report, both languages: the two-thirds statement is 幅広い賛同, the unanimous one 総意.
    let html = browser
        .get(&format!("{}/report?lang=ja", path(&conversation)))
        .await;
    let common = &html.body[html.body.find("id=\"report-consensus\"").unwrap()..];
    let common = &common[..common.find("id=\"report-groups\"").unwrap()];
    let item_of = |text: &str| {
        let at = common
            .find(text)
            .unwrap_or_else(|| panic!("{text} in {common}"));
        let start = common[..at].rfind("report-item").unwrap();
        let end = common[at..]
            .find("report-item")
            .map_or(common.len(), |end| at + end);
        common[start..end].to_owned()
    };
    let two_thirds_item = item_of(TWO_THIRDS);
    assert!(two_thirds_item.contains("幅広い賛同"), "{two_thirds_item}");
    assert!(!two_thirds_item.contains("総意"), "{two_thirds_item}");
    assert!(item_of(EVERYONE).contains("総意（賛成）"));
    assert!(
        html.body.contains("80%以上が賛成した意見です"),
        "the threshold is stated"
    );
    let english = browser
        .get(&format!("{}/report?lang=en", path(&conversation)))
        .await;
    assert!(english.body.contains("Broad agreement"));
    assert!(
        english.body.contains("at least 80% of them agreed"),
        "{}",
        english.body
    );

    // Markdown and CSV.
    let markdown = browser
        .get(&format!("{}/report.md?lang=ja", path(&conversation)))
        .await;
    let quoted = markdown.body.find(TWO_THIRDS).unwrap();
    let after_quote = &markdown.body[quoted..];
    let level_line = after_quote.lines().nth(2).unwrap_or_default();
    assert!(level_line.starts_with("幅広い賛同："), "{}", markdown.body);
    let csv = browser
        .get(&format!("{}/report.csv?lang=ja", path(&conversation)))
        .await;
    let row = csv
        .body
        .lines()
        .find(|row| row.contains(TWO_THIRDS))
        .unwrap();
    assert!(row.contains("\"幅広い賛同\""), "{row}");
    assert!(!row.contains("総意"), "{row}");
    let header = csv.body.lines().next().unwrap();
    assert!(header.contains("\"賛同の度合い\""), "{header}");

    // The results page (the report stored the analysis it ran).
    let results = browser
        .get(&format!("{}/results", path(&conversation)))
        .await;
    assert_eq!(results.status, StatusCode::OK);
    let item = list_item(&results.body, TWO_THIRDS);
    assert!(item.contains("幅広い賛同"), "{item}");
    assert!(!item.contains("総意"), "{item}");
    assert!(list_item(&results.body, EVERYONE).contains("総意（賛成）"));
}

#[tokio::test]
async fn the_japanese_report_says_hanashiai_like_every_other_page() {
    let app = spawn_app().await;
    let (conversation, _, _) = planted_agreement(&app).await;
    let mut browser = app.browser();
    let html = browser
        .get(&format!("{}/report?lang=ja", path(&conversation)))
        .await;
    assert!(
        html.body.contains("この話し合いはまだ続いています"),
        "{}",
        html.body
    );
    assert!(!html.body.contains("会話"), "{}", html.body);
    let markdown = browser
        .get(&format!("{}/report.md?lang=ja", path(&conversation)))
        .await;
    assert!(!markdown.body.contains("会話"), "{}", markdown.body);
}
