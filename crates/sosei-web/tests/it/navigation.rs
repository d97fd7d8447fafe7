//! Findability: a visitor who starts at `/` and only follows links reaches every public page
//! (each region, organisation, programme and conversation, its results and its report) in both
//! languages, the entrances of the five S's within two clicks, and no link on the way is broken.

use std::collections::{BTreeMap, VecDeque};

use axum::http::StatusCode;
use sosei_core::deliberation::{
    Conversation, ConversationState, InvitationCode, ModerationMode, ModerationStatus,
    NewConversation, ParticipantIdentity, ParticipationMode, StatementText, VoteChoice, VoteRecord,
};
use sosei_core::{
    LocalizedText, MunicipalityCode, NewOrganisation, NewProgramme, Organisation, OrganisationKind,
    OrganisationSlug, Programme, ProgrammeStatus,
};
use time::OffsetDateTime;
use time::macros::date;

use crate::{TestApp, spawn_app};

/// How deep the crawl follows links (so the links on the farthest known pages are checked too).
const MAX_CLICKS: usize = 3;
/// The entrances of the five S's (and the organisations), and every known page, must be this
/// close to `/`.
const ENTRANCE_CLICKS: usize = 2;
const ENTRANCES: [&str; 4] = [
    "/conversations",
    "/regions",
    "/programmes",
    "/organisations",
];

fn code(text: &str) -> MunicipalityCode {
    MunicipalityCode::parse(text).expect("a municipality code")
}

async fn organisation(app: &TestApp, slug: &str, ja: &str, en: &str) -> Organisation {
    app.store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse(slug).expect("a slug"),
                kind: OrganisationKind::Npo,
                name: LocalizedText::new(ja, en),
                description: LocalizedText::new("地域で活動しています。", "Working locally."),
                website: None,
            },
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("create an organisation")
}

async fn profiled_region(app: &TestApp, region: MunicipalityCode, steward: &Organisation) {
    app.store
        .upsert_region_profile(
            region,
            Some(steward.id),
            &LocalizedText::new("人が行き交うまち", "A town people pass through"),
            &LocalizedText::new("まず話し合う。", "Talk first."),
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("profile a region");
}

async fn open_programme(
    app: &TestApp,
    organiser: &Organisation,
    region: MunicipalityCode,
) -> Programme {
    let programme = app
        .store
        .create_programme(&NewProgramme {
            organisation: organiser.id,
            region,
            title: LocalizedText::new("遠野ワーケーション", "Tono workation"),
            summary: LocalizedText::new("二週間の滞在", "A two-week stay"),
            starts_on: date!(2030 - 04 - 01),
            ends_on: date!(2030 - 04 - 14),
        })
        .await
        .expect("create a programme");
    app.store
        .set_programme_status(programme.id, ProgrammeStatus::Draft, ProgrammeStatus::Open)
        .await
        .expect("open the programme");
    programme
}

/// An open conversation about `region` with statements and a few votes.
async fn open_conversation_with_votes(
    app: &TestApp,
    organiser: &Organisation,
    region: MunicipalityCode,
) -> Conversation {
    let now = OffsetDateTime::now_utc();
    let conversation = app
        .store
        .create_conversation(
            &NewConversation {
                organisation: organiser.id,
                region: Some(region),
                title: LocalizedText::new("駅前のこれから", "The station square"),
                question: LocalizedText::new(
                    "駅前広場をどう使うとよいでしょうか？",
                    "How should the station square be used?",
                ),
                description: LocalizedText::new(
                    "駅前の使い方を話し合います。",
                    "About the square.",
                ),
                moderation_mode: ModerationMode::Post,
                participation_mode: ParticipationMode::Anonymous,
                invitation_code: Some(InvitationCode::parse("TONO-2026").expect("a code")),
                attribute_questions: Vec::new(),
                district_options: Vec::new(),
            },
            now,
        )
        .await
        .expect("create a conversation");
    let conversation = app
        .store
        .set_conversation_state(conversation.id, ConversationState::Open, now)
        .await
        .expect("open the conversation");
    let mut statements = Vec::new();
    for text in [
        "駅前に木を植えたい",
        "駐車場を広げたい",
        "夜の駅前を明るくしてほしい",
    ] {
        statements.push(
            app.store
                .add_statement(
                    conversation.id,
                    None,
                    &StatementText::parse(text).expect("a statement"),
                    true,
                    ModerationStatus::Accepted,
                    now,
                )
                .await
                .expect("add a statement"),
        );
    }
    let mut votes = Vec::new();
    for index in 0..6 {
        let participant = app
            .store
            .join_conversation(
                conversation.id,
                &ParticipantIdentity::External(format!("resident-{index}")),
                &BTreeMap::new(),
                now,
            )
            .await
            .expect("join");
        for (position, statement) in statements.iter().enumerate() {
            let choice = if (index + position) % 2 == 0 {
                VoteChoice::Agree
            } else {
                VoteChoice::Disagree
            };
            votes.push(VoteRecord {
                participant: participant.id,
                statement: statement.id,
                choice,
                at: now,
            });
        }
    }
    app.store.cast_votes(&votes).await.expect("store the votes");
    conversation
}

/// A site path without the language prefix the pages' links carry (`/en/regions` → `/regions`,
/// `/ja/` → `/`): these tests are about where links lead; `language_urls` checks the prefixes.
fn without_language_prefix(href: String) -> String {
    for prefix in ["/ja", "/en"] {
        if let Some(rest) = href.strip_prefix(prefix)
            && (rest.is_empty() || rest.starts_with('/') || rest.starts_with('?'))
        {
            return match rest.strip_prefix('?') {
                Some(query) => format!("/?{query}"),
                None if rest.is_empty() => "/".to_owned(),
                None => rest.to_owned(),
            };
        }
    }
    href
}

/// The `href` of every `<a>` in `html`, entities decoded, fragments dropped, language prefixes
/// taken off.
fn anchor_hrefs(html: &str) -> Vec<String> {
    let mut hrefs = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<a ") {
        rest = &rest[start + 3..];
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        if let Some(value_start) = tag.find("href=\"") {
            let value = &tag[value_start + 6..];
            if let Some(value_end) = value.find('"') {
                let href = value[..value_end].replace("&amp;", "&");
                let href = href.split('#').next().unwrap_or_default().to_owned();
                hrefs.push(without_language_prefix(href));
            }
        }
    }
    hrefs
}

/// A link to a page of this site, as a path; `None` for other sites, `mailto:` and the like.
fn same_site_path(href: &str) -> Option<String> {
    if href.starts_with('/') && !href.starts_with("//") {
        Some(href.to_owned())
    } else {
        None
    }
}

/// What a crawl from `/` found: each page with the fewest clicks it took, and every problem.
struct Crawl {
    clicks: BTreeMap<String, usize>,
    problems: Vec<String>,
}

/// Follow every same-site link breadth first from `/`, up to [`MAX_CLICKS`], as a visitor whose
/// browser asks for `language`. Redirects are followed without counting a click.
async fn crawl(app: &TestApp, language: &'static str) -> Crawl {
    let mut browser = app.browser();
    browser.accept_language = Some(language);
    browser.cookies.insert(
        sosei_web::context::LANGUAGE_COOKIE.to_owned(),
        language.to_owned(),
    );
    let mut clicks: BTreeMap<String, usize> = BTreeMap::new();
    let mut found_on: BTreeMap<String, String> = BTreeMap::new();
    let mut queue: VecDeque<(String, usize)> = VecDeque::from([("/".to_owned(), 0)]);
    clicks.insert("/".to_owned(), 0);
    let mut problems = Vec::new();
    while let Some((path, depth)) = queue.pop_front() {
        let mut response = browser.get(&path).await;
        let mut redirects = 0;
        while response.status.is_redirection() && redirects < 5 {
            let Some(target) = response.location().and_then(same_site_path) else {
                break;
            };
            redirects += 1;
            response = browser.get(&target).await;
        }
        let from = found_on
            .get(&path)
            .cloned()
            .unwrap_or_else(|| "-".to_owned());
        if response.status.is_client_error() || response.status.is_server_error() {
            problems.push(format!(
                "[{language}] {path} (linked from {from}) answers {}",
                response.status
            ));
            continue;
        }
        let is_html = response
            .headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("text/html"));
        if !is_html || depth >= MAX_CLICKS {
            continue;
        }
        if response.body.contains("Unknown localization") {
            problems.push(format!("[{language}] {path} shows a missing message"));
        }
        if !response
            .body
            .contains(&format!("<html lang=\"{language}\""))
        {
            problems.push(format!("[{language}] {path} is not in {language}"));
        }
        for href in anchor_hrefs(&response.body) {
            let Some(next) = same_site_path(&href) else {
                continue;
            };
            if !clicks.contains_key(&next) {
                clicks.insert(next.clone(), depth + 1);
                found_on.insert(next.clone(), path.clone());
                queue.push_back((next, depth + 1));
            }
        }
    }
    Crawl { clicks, problems }
}

#[tokio::test]
async fn every_public_page_is_reached_from_the_home_page_in_both_languages() {
    let app = spawn_app().await;
    let tono = code("032085");
    let shimokawa = code("014681");
    let forum = organisation(&app, "tono-forum", "遠野まちづくり会議", "Tono Town Forum").await;
    let partners = organisation(&app, "sosei-partners", "創生パートナーズ", "Sosei Partners").await;
    profiled_region(&app, tono, &forum).await;
    profiled_region(&app, shimokawa, &partners).await;
    let programme = open_programme(&app, &partners, tono).await;
    let conversation = open_conversation_with_votes(&app, &forum, tono).await;

    let conversation_path = format!("/conversations/{}", conversation.id);
    let known_pages = [
        format!("/regions/{tono}"),
        format!("/regions/{shimokawa}"),
        format!("/organisations/{}", forum.slug),
        format!("/organisations/{}", partners.slug),
        format!("/programmes/{}", programme.id),
        conversation_path.clone(),
        format!("{conversation_path}/results"),
        format!("{conversation_path}/report"),
    ];

    let mut failures = Vec::new();
    for language in ["ja", "en"] {
        let started = std::time::Instant::now();
        let crawl = crawl(&app, language).await;
        println!(
            "[{language}] crawled {} links in {:.2} s",
            crawl.clicks.len(),
            started.elapsed().as_secs_f64()
        );
        failures.extend(crawl.problems);
        for entrance in ENTRANCES {
            match crawl.clicks.get(entrance) {
                Some(clicks) if *clicks <= ENTRANCE_CLICKS => {}
                Some(clicks) => failures.push(format!(
                    "[{language}] {entrance} takes {clicks} clicks from /, more than {ENTRANCE_CLICKS}"
                )),
                None => failures.push(format!("[{language}] {entrance} is not linked from /")),
            }
        }
        for page in &known_pages {
            match crawl.clicks.get(page) {
                Some(clicks) if *clicks <= ENTRANCE_CLICKS => {
                    println!("[{language}] {page}: {clicks} click(s) from /")
                }
                Some(clicks) => failures.push(format!(
                    "[{language}] {page} takes {clicks} clicks from /, more than {ENTRANCE_CLICKS}"
                )),
                None => failures.push(format!(
                    "[{language}] {page} cannot be reached from / within {MAX_CLICKS} clicks"
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn region_and_organisation_pages_list_their_conversations_and_link_their_programmes() {
    let app = spawn_app().await;
    let tono = code("032085");
    let forum = organisation(&app, "tono-forum", "遠野まちづくり会議", "Tono Town Forum").await;
    profiled_region(&app, tono, &forum).await;
    let programme = open_programme(&app, &forum, tono).await;
    let draft = app
        .store
        .create_programme(&NewProgramme {
            organisation: forum.id,
            region: tono,
            title: LocalizedText::new("下書きのプログラム", "A draft programme"),
            summary: LocalizedText::default(),
            starts_on: date!(2030 - 05 - 01),
            ends_on: date!(2030 - 05 - 02),
        })
        .await
        .expect("a draft programme");
    let conversation = open_conversation_with_votes(&app, &forum, tono).await;
    let conversation_path = format!("/conversations/{}", conversation.id);

    for page in [
        format!("/regions/{tono}"),
        format!("/organisations/{}", forum.slug),
    ] {
        for language in ["ja", "en"] {
            let mut browser = app.browser();
            browser.accept_language = Some(language);
            let response = browser.get(&page).await;
            assert_eq!(response.status, StatusCode::OK, "{page}");
            let links = anchor_hrefs(&response.body);
            for expected in [
                format!("/programmes/{}", programme.id),
                conversation_path.clone(),
                format!("{conversation_path}/results"),
                format!("{conversation_path}/report"),
            ] {
                assert!(
                    links.contains(&expected),
                    "[{language}] {page} does not link {expected}: {links:?}"
                );
            }
            assert!(
                !response.body.contains("下書きのプログラム")
                    && !response.body.contains("A draft programme")
                    && !links.contains(&format!("/programmes/{}", draft.id)),
                "[{language}] {page} shows a draft programme"
            );
        }
    }
}

#[tokio::test]
async fn the_five_s_cards_link_what_exists_and_say_plainly_what_does_not() {
    let app = spawn_app().await;
    for (language, not_yet) in [
        ("ja", "この部分はまだありません"),
        ("en", "This part is not here yet"),
    ] {
        let mut browser = app.browser();
        browser.accept_language = Some(language);
        let home = browser.get("/").await;
        let five_s = home
            .body
            .split("class=\"five-s-list\"")
            .nth(1)
            .and_then(|rest| rest.split("</ol>").next())
            .expect("the home page has the five S's");
        let cards: Vec<&str> = five_s.split("<li").skip(1).collect();
        assert_eq!(cards.len(), 5, "[{language}] five cards");
        let entrances: Vec<Vec<String>> = cards.iter().map(|card| anchor_hrefs(card)).collect();
        // Space, System, Social Capital, Social Contract, Science.
        assert!(
            entrances[0].iter().all(|href| href == "/conversations") && !entrances[0].is_empty()
        );
        assert!(entrances[1].iter().all(|href| href == "/regions") && !entrances[1].is_empty());
        assert!(entrances[3].iter().all(|href| href == "/programmes") && !entrances[3].is_empty());
        for later in [2, 4] {
            assert!(
                entrances[later].is_empty(),
                "[{language}] card {later} links {:?}",
                entrances[later]
            );
            assert!(
                cards[later].contains(not_yet),
                "[{language}] card {later}: {}",
                cards[later]
            );
        }
        // The header lists the same entrances on every page.
        let header = home
            .body
            .split("class=\"site-nav\"")
            .nth(1)
            .and_then(|rest| rest.split("</nav>").next())
            .expect("the header's menu");
        assert_eq!(
            anchor_hrefs(header),
            ENTRANCES.map(str::to_owned),
            "[{language}]"
        );
    }
}

#[tokio::test]
async fn coordinators_and_facilitators_move_between_public_and_management_pages() {
    const PASSWORD: &str = "correct horse battery";
    let app = spawn_app().await;
    let tono = code("032085");
    let forum = organisation(&app, "tono-forum", "遠野まちづくり会議", "Tono Town Forum").await;
    let programme = open_programme(&app, &forum, tono).await;
    let conversation = open_conversation_with_votes(&app, &forum, tono).await;
    let organiser = app
        .create_user("organiser@sosei.test", "世話役", PASSWORD, false)
        .await;
    for role in [sosei_core::Role::Coordinator, sosei_core::Role::Facilitator] {
        app.store
            .grant_role(forum.id, organiser.id, role)
            .await
            .expect("grant a role");
    }
    let programme_page = format!("/programmes/{}", programme.id);
    let coordinator_page = format!("/organisations/{}/programmes/{}", forum.slug, programme.id);
    let conversation_page = format!("/conversations/{}", conversation.id);
    let manage_page = format!("{conversation_page}/manage");

    let mut visitor = app.browser();
    let public = visitor.get(&programme_page).await;
    assert!(
        !anchor_hrefs(&public.body).contains(&coordinator_page),
        "a visitor sees no management link"
    );
    let public = visitor.get(&conversation_page).await;
    assert!(
        !anchor_hrefs(&public.body).contains(&manage_page),
        "a visitor sees no management link"
    );

    let mut organiser = app
        .signed_in_browser("organiser@sosei.test", PASSWORD)
        .await;
    let public = organiser.get(&programme_page).await;
    assert!(
        anchor_hrefs(&public.body).contains(&coordinator_page),
        "the programme page links its coordinator to the management page"
    );
    let managed = organiser.get(&coordinator_page).await;
    assert_eq!(managed.status, StatusCode::OK);
    assert!(
        anchor_hrefs(&managed.body).contains(&programme_page),
        "the management page links the public page"
    );
    let public = organiser.get(&conversation_page).await;
    assert!(
        anchor_hrefs(&public.body).contains(&manage_page),
        "the conversation page links its facilitator to the management page"
    );
    let managed = organiser.get(&manage_page).await;
    assert_eq!(managed.status, StatusCode::OK);
    assert!(anchor_hrefs(&managed.body).contains(&conversation_page));
}
