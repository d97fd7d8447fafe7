//! The coordinator pages of programmes: who may use them, creating a programme with teams and
//! opening it, moving applications along (with the outbox), CSV export, host placements — each
//! through the real router on a fresh SQLite database.

use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use sosei_core::application::{ApplicationStatus, Motivation, NewApplication, PreferenceRank};
use sosei_core::participant_profile::{DietaryRequirement, NewParticipantProfile};
use sosei_core::{
    CountryCode, DisplayName, LanguageCode, LanguageLevel, LanguageSkill, LocalizedText,
    Organisation, OrganisationSlug, Programme, ProgrammeId, ProgrammeStatus, Role, SkillSlug, User,
};
use time::OffsetDateTime;

use crate::{Browser, TestApp, TestResponse, spawn_app};

const PASSWORD: &str = "correct horse battery";
pub(crate) const BASE: &str = "/organisations/sosei-partners/programmes";

async fn organisation(app: &TestApp) -> Organisation {
    app.create_sosei_partners().await
}

/// A signed-in person, holding `role` in `organisation` when given.
async fn person(
    app: &TestApp,
    organisation: &Organisation,
    email: &str,
    role: Option<Role>,
) -> (User, Browser) {
    let user = app.create_user(email, "佐藤", PASSWORD, false).await;
    if let Some(role) = role {
        app.store
            .grant_role(organisation.id, user.id, role)
            .await
            .unwrap();
    }
    let browser = app.signed_in_browser(email, PASSWORD).await;
    (user, browser)
}

async fn submit(browser: &mut Browser, path: &str, fields: &[(&str, &str)]) -> TestResponse {
    browser.submit(path, fields).await
}

/// The programme id at the end of a `…/programmes/{id}?done=…` redirect.
fn programme_from_redirect(response: &TestResponse) -> ProgrammeId {
    let location = response.location().expect("a redirect");
    let id = location
        .strip_prefix(&format!("{BASE}/"))
        .and_then(|rest| rest.split(['?', '/']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("unexpected redirect {location}"));
    ProgrammeId(id)
}

/// Tono, 6–9 September 2017, created through the form by a coordinator.
pub(crate) async fn coordinated_programme() -> (TestApp, Organisation, User, Browser, Programme) {
    let app = spawn_app().await;
    let organisation = organisation(&app).await;
    let (user, mut browser) = person(
        &app,
        &organisation,
        "coordinator@example.jp",
        Some(Role::Coordinator),
    )
    .await;
    let response = submit(
        &mut browser,
        BASE,
        &[
            ("title_ja", "遠野 国際チーム"),
            ("title_en", "Tono international team"),
            ("summary_ja", "インバウンド観光の提案をつくります。"),
            ("region", "遠野市"),
            ("starts_on", "2017-09-06"),
            ("ends_on", "2017-09-09"),
        ],
    )
    .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let programme = app
        .store
        .programme(programme_from_redirect(&response))
        .await
        .unwrap();
    assert_eq!(programme.status, ProgrammeStatus::Draft);
    assert_eq!(programme.region.to_string(), "032085");
    (app, organisation, user, browser, programme)
}

/// An applicant with a profile who applied to `programme` (set up through the store).
pub(crate) async fn applicant(
    app: &TestApp,
    programme: &Programme,
    email: &str,
    name: &str,
) -> sosei_core::application::Application {
    let user = app.create_user(email, name, PASSWORD, false).await;
    let profile = NewParticipantProfile {
        display_name: DisplayName::parse(name).unwrap(),
        nationalities: vec![CountryCode::parse("TH").unwrap()],
        languages: vec![
            LanguageSkill::new(LanguageCode::parse("th").unwrap(), LanguageLevel::Native).unwrap(),
            LanguageSkill::new(LanguageCode::JAPANESE, LanguageLevel::N2).unwrap(),
        ],
        skills: vec![SkillSlug::parse("graphic-design").unwrap()],
        affiliation: None,
        availability: Vec::new(),
        dietary_requirements: vec![DietaryRequirement::Halal],
        dietary_notes: None,
        accessibility_needs: None,
        bio: None,
    };
    let now = OffsetDateTime::now_utc();
    app.store
        .save_participant_profile(user.id, &profile, now)
        .await
        .unwrap();
    app.store
        .apply(
            &NewApplication {
                programme: programme.id,
                applicant: user.id,
                rank: PreferenceRank::new(1).unwrap(),
                motivation: Motivation::parse("タイ語のチラシをつくりたいです。").unwrap(),
            },
            now,
        )
        .await
        .unwrap()
}

pub(crate) async fn open(app: &TestApp, programme: &Programme) {
    app.store
        .set_programme_status(programme.id, ProgrammeStatus::Draft, ProgrammeStatus::Open)
        .await
        .unwrap();
}

#[tokio::test]
async fn only_coordinators_reach_any_page_or_form() {
    let (app, organisation, _, mut coordinator, programme) = coordinated_programme().await;
    open(&app, &programme).await;
    let application = applicant(&app, &programme, "nok@example.jp", "Nok").await;
    let team = app
        .store
        .add_team(
            programme.id,
            &sosei_core::programme::team::NewTeam::new(
                LocalizedText::new("観光チーム", "Tourism team"),
                sosei_core::programme::team::TeamSize::new(
                    sosei_core::programme::team::NeedCount::new(1).unwrap(),
                    sosei_core::programme::team::NeedCount::new(4).unwrap(),
                )
                .unwrap(),
                None,
                Vec::new(),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    let p = format!("{BASE}/{}", programme.id);
    let a = format!("{p}/applications/{}", application.id);
    let t = format!("{p}/teams/{}", team.id);
    let pages = [
        BASE.to_owned(),
        p.clone(),
        format!("{p}/teams"),
        t.clone(),
        format!("{p}/applications"),
        a.clone(),
        format!("{p}/applications.csv"),
        format!("{p}/teams.csv"),
        format!("{p}/placements"),
        format!("{p}/after"),
        "/organisations/sosei-partners/host-families".to_owned(),
    ];
    let forms = [
        BASE.to_owned(),
        format!("{p}/status"),
        format!("{p}/basics"),
        format!("{p}/details"),
        format!("{p}/teams"),
        t.clone(),
        format!("{t}/remove"),
        format!("{a}/review"),
        format!("{a}/status"),
        format!("{p}/placements"),
        format!("{p}/after/deliverables"),
        format!("{p}/after/references"),
        "/organisations/sosei-partners/host-families".to_owned(),
    ];
    // A member without a coordinator role, and a stranger: 403 everywhere, nothing changes.
    let (_, mut facilitator) = person(
        &app,
        &organisation,
        "facilitator@example.jp",
        Some(Role::Facilitator),
    )
    .await;
    let (_, mut stranger) = person(&app, &organisation, "stranger@example.jp", None).await;
    for browser in [&mut facilitator, &mut stranger] {
        for path in &pages {
            assert_eq!(
                browser.get(path).await.status,
                StatusCode::FORBIDDEN,
                "GET {path}"
            );
        }
        for path in &forms {
            let response = submit(
                browser,
                path,
                &[
                    ("from", "submitted"),
                    ("to", "shortlisted"),
                    ("title_ja", "乗っ取り"),
                ],
            )
            .await;
            assert_eq!(response.status, StatusCode::FORBIDDEN, "POST {path}");
        }
    }
    assert_eq!(
        app.store.application(application.id).await.unwrap().status,
        ApplicationStatus::Submitted
    );
    assert_eq!(
        app.store.programme(programme.id).await.unwrap().title,
        programme.title
    );
    // Signed out: asked to sign in.
    assert_eq!(app.browser().get(&p).await.status, StatusCode::UNAUTHORIZED);
    // The coordinator reaches every page.
    for path in &pages {
        assert_eq!(
            coordinator.get(path).await.status,
            StatusCode::OK,
            "GET {path}"
        );
    }
    // The organisation page links its coordinators to the programmes.
    let organisation_page = coordinator.get("/organisations/sosei-partners").await;
    assert!(
        organisation_page
            .body
            .contains(&format!("href=\"/ja{BASE}\""))
    );
    assert!(
        !stranger
            .get("/organisations/sosei-partners")
            .await
            .body
            .contains(&format!("href=\"/ja{BASE}\""))
    );
}

#[tokio::test]
async fn a_coordinator_sets_up_teams_with_needs_and_opens_the_programme() {
    let (app, _, _, mut browser, programme) = coordinated_programme().await;
    let p = format!("{BASE}/{}", programme.id);

    let details = submit(
        &mut browser,
        &format!("{p}/details"),
        &[
            ("theme_ja", "インバウンド観光"),
            ("window_opens", "2017-07-01"),
            ("window_closes", "2017-07-31"),
            ("seats", "８"),
            ("japanese_rule", "on"),
            ("japanese_level", "n2"),
            ("japanese_count", "1"),
            ("planned_1_kind", "leaflet"),
            ("planned_1_en", "Leaflets in Thai and English"),
        ],
    )
    .await;
    assert_eq!(details.status, StatusCode::SEE_OTHER, "{}", details.body);
    let stored = app.store.programme(programme.id).await.unwrap();
    assert_eq!(stored.details.seats.map(|s| s.get()), Some(8));
    assert!(stored.details.japanese_speaker_rule.is_some());
    assert_eq!(
        app.store
            .planned_deliverables(programme.id)
            .await
            .unwrap()
            .len(),
        1
    );

    let tourism = submit(
        &mut browser,
        &format!("{p}/teams"),
        &[
            ("name_ja", "観光チーム"),
            ("min_size", "3"),
            ("max_size", "5"),
            ("max_per_nationality", "2"),
            ("need_1_kind", "language"),
            ("need_1_language", "th"),
            ("need_1_level", "b1"),
            ("need_1_count", "1"),
            ("need_2_kind", "skill"),
            ("need_2_skill", "graphic-design"),
            ("need_2_count", "2"),
        ],
    )
    .await;
    assert_eq!(tourism.status, StatusCode::SEE_OTHER, "{}", tourism.body);
    let media = submit(
        &mut browser,
        &format!("{p}/teams"),
        &[
            ("name_en", "Media team"),
            ("min_size", "2"),
            ("max_size", "4"),
            ("need_1_kind", "skill"),
            ("need_1_skill", "video"),
            ("need_1_count", "1"),
        ],
    )
    .await;
    assert_eq!(media.status, StatusCode::SEE_OTHER, "{}", media.body);
    // A need larger than the team is refused, with the form shown again.
    let too_big = submit(
        &mut browser,
        &format!("{p}/teams"),
        &[
            ("name_en", "Tiny"),
            ("min_size", "1"),
            ("max_size", "2"),
            ("need_1_kind", "skill"),
            ("need_1_skill", "video"),
            ("need_1_count", "3"),
        ],
    )
    .await;
    assert_eq!(too_big.status, StatusCode::UNPROCESSABLE_ENTITY);
    let teams = app.store.teams_of_programme(programme.id).await.unwrap();
    assert_eq!(teams.len(), 2);
    assert_eq!(teams[0].spec.needs().len(), 2);

    // Needs in words, in both languages.
    browser.accept_language = Some("en");
    let english = browser.get(&format!("{p}/teams")).await;
    assert!(
        english
            .body
            .contains("At least 1 person who speaks Thai (B1 or above)"),
        "{}",
        english.body
    );
    assert!(
        english
            .body
            .contains("At least 2 people (skill: Graphic design)")
    );
    let mut japanese = app
        .signed_in_browser("coordinator@example.jp", PASSWORD)
        .await;
    let ja = japanese.get(&format!("{p}/teams")).await;
    assert!(
        ja.body.contains("タイ語が話せる人（B1以上）1名以上"),
        "{}",
        ja.body
    );

    // Only the allowed move is offered; the move happens; a stale form is told what happened.
    let page = browser.get(&p).await;
    assert!(page.body.contains("name=\"to\" value=\"open\""));
    assert!(!page.body.contains("name=\"to\" value=\"running\""));
    // The way to the matcher.
    assert!(
        page.body
            .contains("href=\"/en/organisations/sosei-partners/matching\""),
        "{}",
        page.body
    );
    let opened = submit(
        &mut browser,
        &format!("{p}/status"),
        &[("from", "draft"), ("to", "open")],
    )
    .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.store.programme(programme.id).await.unwrap().status,
        ProgrammeStatus::Open
    );
    let stale = submit(
        &mut browser,
        &format!("{p}/status"),
        &[("from", "draft"), ("to", "open")],
    )
    .await;
    assert!(stale.location().unwrap().contains("problem=status-race"));
    let after_race = browser.get(stale.location().unwrap()).await;
    assert!(
        after_race
            .body
            .contains("Someone else changed the programme")
    );
    // A move the programme's life does not allow is refused.
    let skipped = submit(
        &mut browser,
        &format!("{p}/status"),
        &[("from", "open"), ("to", "completed")],
    )
    .await;
    assert_eq!(skipped.status, StatusCode::CONFLICT);
    assert_eq!(
        app.store.programme(programme.id).await.unwrap().status,
        ProgrammeStatus::Open
    );

    // The list shows it, open, with its application counts.
    let list = browser.get(BASE).await;
    assert!(list.body.contains("Tono international team"));
    assert!(list.body.contains("Open for applications"));
}

#[tokio::test]
async fn applications_are_shortlisted_then_offered_with_a_message_each_time() {
    let (app, _, _, mut browser, programme) = coordinated_programme().await;
    open(&app, &programme).await;
    let nok = applicant(&app, &programme, "nok@example.jp", "Nok").await;
    let p = format!("{BASE}/{}", programme.id);
    let a = format!("{p}/applications/{}", nok.id);

    let table = browser.get(&format!("{p}/applications")).await;
    assert!(
        table.body.contains("Nok") && table.body.contains("タイ") && table.body.contains("第1希望"),
        "{}",
        table.body
    );
    let profile = browser.get(&a).await;
    assert!(profile.body.contains("タイ語のチラシをつくりたいです。"));
    assert!(
        profile.body.contains("ハラール"),
        "the profile is shown to the coordinator"
    );

    let review = submit(
        &mut browser,
        &format!("{a}/review"),
        &[("score", "4"), ("notes", "デザインの経験あり")],
    )
    .await;
    assert_eq!(review.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.store
            .application(nok.id)
            .await
            .unwrap()
            .review
            .score
            .map(|s| s.get()),
        Some(4)
    );
    let bad_score = submit(&mut browser, &format!("{a}/review"), &[("score", "9")]).await;
    assert_eq!(bad_score.status, StatusCode::UNPROCESSABLE_ENTITY);

    let before = app.store.outbox_messages(100).await.unwrap().len();
    for (from, to) in [("submitted", "shortlisted"), ("shortlisted", "offered")] {
        let response = submit(
            &mut browser,
            &format!("{a}/status"),
            &[("from", from), ("to", to), ("back", "list")],
        )
        .await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "{from} → {to}: {}",
            response.body
        );
        assert!(
            response
                .location()
                .unwrap()
                .contains("done=application-status")
        );
    }
    assert_eq!(
        app.store.application(nok.id).await.unwrap().status,
        ApplicationStatus::Offered
    );
    let messages = app.store.outbox_messages(100).await.unwrap();
    assert_eq!(messages.len(), before + 2);
    assert!(
        messages
            .iter()
            .any(|m| m.subject.contains("参加のご案内") && m.email.as_str() == "nok@example.jp")
    );

    // Accepting is the applicant's move, not the coordinator's; completing comes after accepting.
    for (from, to) in [
        ("offered", "accepted"),
        ("offered", "completed"),
        ("submitted", "completed"),
    ] {
        let refused = submit(
            &mut browser,
            &format!("{a}/status"),
            &[("from", from), ("to", to)],
        )
        .await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{from} → {to}");
    }
    assert_eq!(
        app.store.application(nok.id).await.unwrap().status,
        ApplicationStatus::Offered
    );
    assert_eq!(
        app.store.outbox_messages(100).await.unwrap().len(),
        before + 2
    );
}

#[tokio::test]
async fn the_csv_has_a_bom_and_one_row_per_application() {
    let (app, _, _, mut browser, programme) = coordinated_programme().await;
    open(&app, &programme).await;
    applicant(&app, &programme, "nok@example.jp", "Nok").await;
    applicant(&app, &programme, "lin@example.jp", "Lin, \"Mei\"").await;
    applicant(&app, &programme, "minh@example.jp", "Minh").await;
    let response = browser
        .get(&format!("{BASE}/{}/applications.csv", programme.id))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(
        response
            .headers
            .get(CONTENT_TYPE)
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        response.body.starts_with('\u{feff}'),
        "a byte-order mark for Excel"
    );
    let mut reader =
        csv::Reader::from_reader(response.body.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter().any(|row| &row[1] == "Lin, \"Mei\""),
        "quoted fields survive"
    );
    assert_eq!(&rows[0][2], "TH");
    assert_eq!(&rows[0][7], "submitted");

    let teams = browser
        .get(&format!("{BASE}/{}/teams.csv", programme.id))
        .await;
    assert!(teams.body.starts_with('\u{feff}'));
    assert_eq!(
        teams.body.lines().count(),
        1,
        "a header and no assignments yet"
    );
}

#[tokio::test]
async fn placing_beyond_the_beds_says_there_is_no_free_bed() {
    let (app, _, coordinator, mut browser, programme) = coordinated_programme().await;
    open(&app, &programme).await;
    let hosts_path = "/organisations/sosei-partners/host-families";
    let added = submit(
        &mut browser,
        hosts_path,
        &[
            ("name", "佐藤さん一家"),
            ("beds", "1"),
            ("region", "032085"),
            ("available", "2017-09-01 2017-09-20"),
            ("languages", "ja, en"),
            ("diet", "vegetarian"),
        ],
    )
    .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let organisation = app
        .store
        .organisation_by_slug(&OrganisationSlug::parse("sosei-partners").unwrap())
        .await
        .unwrap();
    let host = app
        .store
        .host_families_of_organisation(organisation.id)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(host.details.beds.get(), 1);

    let mut accepted = Vec::new();
    for (email, name) in [("nok@example.jp", "Nok"), ("lin@example.jp", "Lin")] {
        let application = applicant(&app, &programme, email, name).await;
        let now = OffsetDateTime::now_utc();
        app.store
            .change_application_status(
                application.id,
                ApplicationStatus::Submitted,
                ApplicationStatus::Offered,
                coordinator.id,
                now,
            )
            .await
            .unwrap();
        app.store
            .change_application_status(
                application.id,
                ApplicationStatus::Offered,
                ApplicationStatus::Accepted,
                application.applicant,
                now,
            )
            .await
            .unwrap();
        accepted.push(application);
    }
    let p = format!("{BASE}/{}/placements", programme.id);
    let page = browser.get(&p).await;
    assert!(
        page.body.contains("食事に対応できません：ハラール"),
        "the halal diet does not fit: {}",
        page.body
    );

    let host_id = host.id.to_string();
    let first_id = accepted[0].id.to_string();
    let first = submit(
        &mut browser,
        &p,
        &[("application", &first_id), ("host", &host_id)],
    )
    .await;
    assert!(
        first.location().unwrap().contains("done=placed"),
        "{:?}",
        first.location()
    );
    let second_id = accepted[1].id.to_string();
    let second = submit(
        &mut browser,
        &p,
        &[("application", &second_id), ("host", &host_id)],
    )
    .await;
    let location = second.location().unwrap().to_owned();
    assert!(location.contains("problem=no-free-bed"), "{location}");
    let shown = browser.get(&location).await;
    assert!(
        shown.body.contains("空きベッドがありません"),
        "{}",
        shown.body
    );
    assert_eq!(
        app.store
            .placements_of_programme(programme.id)
            .await
            .unwrap()
            .len(),
        1
    );

    // A stay outside the family's windows: unavailable, also said plainly.
    let outside = submit(
        &mut browser,
        &p,
        &[
            ("application", &second_id),
            ("host", &host_id),
            ("starts_on", "2017-09-25"),
            ("ends_on", "2017-09-27"),
        ],
    )
    .await;
    assert!(
        outside
            .location()
            .unwrap()
            .contains("problem=host-unavailable")
    );
}

/// The names in the applications table's body, top to bottom.
fn names_in_table(body: &str) -> Vec<String> {
    let tbody = body
        .split("<tbody>")
        .nth(1)
        .and_then(|rest| rest.split("</tbody>").next())
        .unwrap_or_default();
    tbody
        .split("class=\"person-name\"")
        .skip(1)
        .filter_map(|cell| {
            cell.split_once('>')
                .and_then(|(_, rest)| rest.split('<').next())
        })
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn the_applications_table_filters_and_sorts_on_the_server_with_one_primary_action_a_row() {
    let (app, _, coordinator, mut browser, programme) = coordinated_programme().await;
    open(&app, &programme).await;
    let chai = applicant(&app, &programme, "chai@example.jp", "Chai").await;
    let anan = applicant(&app, &programme, "anan@example.jp", "Anan").await;
    let bui = applicant(&app, &programme, "bui@example.jp", "ブイ・ヴァン").await;
    let now = OffsetDateTime::now_utc();
    app.store
        .change_application_status(
            anan.id,
            ApplicationStatus::Submitted,
            ApplicationStatus::Shortlisted,
            coordinator.id,
            now,
        )
        .await
        .unwrap();
    let team = app
        .store
        .add_team(
            programme.id,
            &sosei_core::programme::team::NewTeam::new(
                LocalizedText::new("観光チーム", "Tourism team"),
                sosei_core::programme::team::TeamSize::new(
                    sosei_core::programme::team::NeedCount::new(1).unwrap(),
                    sosei_core::programme::team::NeedCount::new(4).unwrap(),
                )
                .unwrap(),
                None,
                Vec::new(),
            )
            .unwrap(),
        )
        .await
        .unwrap();
    app.store
        .assign_team(bui.id, team.id, false, coordinator.id, now)
        .await
        .unwrap();
    let list = format!("{BASE}/{}/applications", programme.id);
    let names = |page: &TestResponse| names_in_table(&page.body);

    let all = browser.get(&list).await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(
        names(&all),
        ["Chai", "Anan", "ブイ・ヴァン"],
        "in order of application"
    );
    let by_name = browser.get(&format!("{list}?sort=name")).await;
    assert_eq!(names(&by_name), ["Anan", "Chai", "ブイ・ヴァン"]);
    assert!(by_name.body.contains("aria-sort=\"ascending\""));
    let by_status = browser.get(&format!("{list}?sort=status")).await;
    assert_eq!(
        names(&by_status),
        ["Chai", "ブイ・ヴァン", "Anan"],
        "submitted, then shortlisted"
    );

    let shortlisted = browser.get(&format!("{list}?status=shortlisted")).await;
    assert_eq!(names(&shortlisted), ["Anan"], "the others are hidden");
    assert!(shortlisted.body.contains("3件中1件を表示しています。"));
    let in_team = browser.get(&format!("{list}?team={}", team.id)).await;
    assert_eq!(names(&in_team), ["ブイ・ヴァン"]);
    let no_team = browser.get(&format!("{list}?team=none&sort=name")).await;
    assert_eq!(names(&no_team), ["Anan", "Chai"]);
    let typed = browser.get(&format!("{list}?q=%E3%81%B6%E3%81%84")).await;
    assert_eq!(names(&typed), ["ブイ・ヴァン"], "ぶい finds ブイ");
    assert!(
        typed.body.contains("value=\"ぶい\""),
        "what was typed is shown back"
    );
    let kept = browser
        .get(&format!("{list}?status=submitted&sort=name"))
        .await;
    assert!(
        kept.body
            .contains("href=\"?status=submitted&amp;sort=rank\""),
        "sort links keep the filter"
    );
    assert_eq!(names(&kept), ["Chai", "ブイ・ヴァン"]);

    for bad in [
        "?sort=score",
        "?status=lost",
        "?team=999999",
        &format!("?q={}", "x".repeat(101)),
    ] {
        let refused = browser.get(&format!("{list}{bad}")).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            refused
                .body
                .contains("絞り込みや並べ替えの条件が読み取れません"),
            "{bad}"
        );
    }

    // One primary action per row; the other moves sit in the row's menu.
    let row_of = |body: &str, name: &str| -> String {
        let start = body.find(&format!(">{name}<")).expect("the row");
        body[start..]
            .split("</tr>")
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    for (name, primary, in_menu) in [
        ("Chai", "shortlisted", vec!["offered"]),
        ("Anan", "offered", vec!["submitted"]),
    ] {
        let row = row_of(&all.body, name);
        let (before_menu, menu) = row
            .split_once("<details class=\"row-menu\">")
            .expect("a menu");
        assert_eq!(before_menu.matches("<button").count(), 1, "{row}");
        assert!(
            before_menu.contains(&format!("name=\"to\" value=\"{primary}\"")),
            "{row}"
        );
        for next in in_menu {
            assert!(
                menu.contains(&format!("name=\"to\" value=\"{next}\"")),
                "{row}"
            );
        }
    }
    assert!(chai.id != bui.id);
}

#[tokio::test]
async fn names_in_the_applications_table_do_not_break_inside_a_word() {
    let (app, _, _, mut browser, programme) = coordinated_programme().await;
    let css = browser.get(sosei_web::assets::STYLESHEET_PATH).await.body;
    let rule = css
        .split('}')
        .find(|rule| rule.contains(".person-name"))
        .expect("a rule for names");
    assert!(
        rule.contains("word-break: keep-all") && rule.contains("overflow-wrap: normal"),
        "{rule}"
    );
    open(&app, &programme).await;
    applicant(
        &app,
        &programme,
        "long@example.jp",
        "グエン・ティ・フォン・タオ",
    )
    .await;
    let page = browser
        .get(&format!("{BASE}/{}/applications", programme.id))
        .await;
    assert!(page.body.contains("class=\"person-name\""), "{}", page.body);
}
