//! Programmes as participants and the public see them: the list and page (drafts hidden, needs in
//! words), iCalendar, the profile, applying, the applicant's own applications and the outbox.
//! Programmes, teams and status changes by coordinators are made directly in the store.

use axum::http::StatusCode;
use sosei_core::application::ApplicationStatus;
use sosei_core::programme::team::{NeedCount, NewTeam, TeamNeed, TeamSize};
use sosei_core::programme::{JapaneseSpeakerRule, ParticipantsReceive};
use sosei_core::{
    LanguageCode, LanguageLevel, LocalizedText, NewProgramme, Organisation, Programme,
    ProgrammeDetails, ProgrammeStatus, Role, SkillSlug, User,
};
use time::OffsetDateTime;
use time::macros::date;

use crate::{Browser, TestApp, spawn_app};

const PASSWORD: &str = "correct horse battery";

fn code(text: &str) -> sosei_core::MunicipalityCode {
    sosei_core::MunicipalityCode::parse(text).expect("a municipality code")
}

fn count(n: u8) -> NeedCount {
    NeedCount::new(n).expect("a count")
}

/// An organisation and a user who coordinates its programmes.
async fn organisation_with_coordinator(app: &TestApp) -> (Organisation, User) {
    let organisation = app.create_sosei_partners().await;
    let coordinator = app
        .create_user(
            "coordinator@sosei.test",
            "コーディネーター",
            PASSWORD,
            false,
        )
        .await;
    app.store
        .grant_role(organisation.id, coordinator.id, Role::Coordinator)
        .await
        .expect("role");
    (organisation, coordinator)
}

/// A programme in Tono with one team needing a Thai speaker and two designers, in `status`.
async fn programme(
    app: &TestApp,
    organisation: &Organisation,
    title_ja: &str,
    title_en: &str,
    status: ProgrammeStatus,
) -> Programme {
    let programme = app
        .store
        .create_programme(&NewProgramme {
            organisation: organisation.id,
            region: code("032085"),
            title: LocalizedText::new(title_ja, title_en),
            summary: LocalizedText::new(
                "遠野で観光の資料を作ります。",
                "Tourism leaflets in Tono.",
            ),
            starts_on: date!(2030 - 09 - 06),
            ends_on: date!(2030 - 09 - 09),
        })
        .await
        .expect("programme");
    app.store
        .update_programme_details(
            programme.id,
            &ProgrammeDetails {
                theme: LocalizedText::new("観光と多言語", "Tourism in many languages"),
                japanese_speaker_rule: Some(JapaneseSpeakerRule::default()),
                participants_receive: ParticipantsReceive {
                    accommodation: LocalizedText::new("ホームステイ", "A host family"),
                    meals: LocalizedText::new("三食", "Three meals a day"),
                    other: LocalizedText::default(),
                },
                ..ProgrammeDetails::default()
            },
        )
        .await
        .expect("details");
    let team = NewTeam::new(
        LocalizedText::new("観光チーム", "Tourism team"),
        TeamSize::new(count(3), count(5)).expect("size"),
        Some(count(2)),
        vec![
            TeamNeed::Language {
                language: LanguageCode::parse("th").expect("thai"),
                minimum_level: LanguageLevel::B1,
                at_least: count(1),
            },
            TeamNeed::Skill {
                skill: SkillSlug::parse("graphic-design").expect("skill"),
                at_least: count(2),
            },
        ],
    )
    .expect("team");
    app.store
        .add_team(programme.id, &team)
        .await
        .expect("team added");
    let mut current = ProgrammeStatus::Draft;
    let path = [
        ProgrammeStatus::Open,
        ProgrammeStatus::Closed,
        ProgrammeStatus::Running,
        ProgrammeStatus::Completed,
    ];
    for next in path {
        if current == status {
            break;
        }
        app.store
            .set_programme_status(programme.id, current, next)
            .await
            .expect("status");
        current = next;
    }
    app.store.programme(programme.id).await.expect("programme")
}

/// A signed-in participant.
async fn participant(app: &TestApp, email: &str, name: &str) -> (User, Browser) {
    let user = app.create_user(email, name, PASSWORD, false).await;
    let browser = app.signed_in_browser(email, PASSWORD).await;
    (user, browser)
}

// --- the public pages -----------------------------------------------------------------------------

#[tokio::test]
async fn the_public_list_hides_drafts() {
    let app = spawn_app().await;
    let (organisation, _) = organisation_with_coordinator(&app).await;
    programme(
        &app,
        &organisation,
        "遠野 国際チーム",
        "Tono international team",
        ProgrammeStatus::Open,
    )
    .await;
    let draft = programme(
        &app,
        &organisation,
        "秘密の下書き",
        "Secret draft",
        ProgrammeStatus::Draft,
    )
    .await;
    programme(
        &app,
        &organisation,
        "下川 2017",
        "Shimokawa 2017",
        ProgrammeStatus::Completed,
    )
    .await;

    let mut browser = app.browser();
    let list = browser.get("/programmes").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("遠野 国際チーム"), "{}", list.body);
    assert!(list.body.contains("下川 2017"));
    assert!(list.body.contains("遠野市"), "the region is named");
    assert!(
        !list.body.contains("秘密の下書き"),
        "drafts are never listed"
    );
    assert!(
        list.body.find("遠野 国際チーム") < list.body.find("下川 2017"),
        "open first"
    );

    let hidden = browser.get(&format!("/programmes/{}", draft.id)).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let hidden_calendar = browser.get(&format!("/programmes/{}.ics", draft.id)).await;
    assert_eq!(hidden_calendar.status, StatusCode::NOT_FOUND);

    // Its coordinators see the draft.
    let mut coordinator = app
        .signed_in_browser("coordinator@sosei.test", PASSWORD)
        .await;
    let seen = coordinator.get(&format!("/programmes/{}", draft.id)).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains("秘密の下書き"));
    let (_, mut stranger) = participant(&app, "stranger@example.jp", "通りすがり").await;
    let refused = stranger.get(&format!("/programmes/{}", draft.id)).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_programme_page_says_the_needs_in_both_languages() {
    let app = spawn_app().await;
    let (organisation, _) = organisation_with_coordinator(&app).await;
    let open = programme(
        &app,
        &organisation,
        "遠野 国際チーム",
        "Tono international team",
        ProgrammeStatus::Open,
    )
    .await;
    let path = format!("/programmes/{}", open.id);

    let mut browser = app.browser();
    let japanese = browser.get(&path).await;
    assert_eq!(japanese.status, StatusCode::OK);
    assert!(
        japanese.body.contains("タイ語が話せる人（B1以上）1名以上"),
        "{}",
        japanese.body
    );
    assert!(
        japanese
            .body
            .contains("グラフィックデザインができる人2名以上"),
        "{}",
        japanese.body
    );
    assert!(
        japanese
            .body
            .contains("どのチームにも、日本語が話せる人（N2以上）が1名以上入ります。")
    );
    assert!(japanese.body.contains("3〜5人"));
    assert!(japanese.body.contains("日本語が話せる人（N2以上）"));
    assert!(japanese.body.contains("ホームステイ"));
    assert!(
        japanese.body.contains(&format!("{path}/apply")),
        "the Apply button shows"
    );

    browser.accept_language = Some("en");
    let english = browser.get(&path).await;
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
            .contains("At least 2 people (skill: Graphic design)"),
        "{}",
        english.body
    );
    assert!(
        english.body.contains(
            "Every team includes at least one person who speaks Japanese at N2 or above."
        ),
        "{}",
        english.body
    );
    assert!(english.body.contains("3 to 5 people"));
    assert!(english.body.contains("Tono international team"));
    assert!(english.body.contains("A host family"));

    assert_eq!(
        browser.get("/programmes/nope").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        browser.get("/programmes/999999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn programmes_are_valid_icalendar() {
    let app = spawn_app().await;
    let (organisation, _) = organisation_with_coordinator(&app).await;
    let open = programme(
        &app,
        &organisation,
        "遠野 国際チーム",
        "Tono international team",
        ProgrammeStatus::Open,
    )
    .await;
    programme(
        &app,
        &organisation,
        "秘密の下書き",
        "Secret draft",
        ProgrammeStatus::Draft,
    )
    .await;

    let mut browser = app.browser();
    let one = browser.get(&format!("/programmes/{}.ics", open.id)).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(
        one.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/calendar; charset=utf-8")
    );
    assert!(one.body.starts_with("BEGIN:VCALENDAR\r\n"), "{}", one.body);
    assert!(
        one.body.contains("DTSTART;VALUE=DATE:20300906\r\n"),
        "{}",
        one.body
    );
    assert!(
        one.body.contains("DTEND;VALUE=DATE:20300910\r\n"),
        "the day after the last"
    );
    assert!(one.body.contains("SUMMARY:遠野 国際チーム\r\n"));
    assert!(one.body.ends_with("END:VCALENDAR\r\n"));

    let all = browser.get("/programmes.ics").await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(
        all.body.matches("BEGIN:VEVENT").count(),
        1,
        "drafts left out"
    );
    assert_eq!(
        all.body.matches("BEGIN:VEVENT").count(),
        all.body.matches("END:VEVENT").count()
    );
}

// --- the profile ------------------------------------------------------------------------------------

/// The fields of a valid profile form, typed partly in full width.
fn profile_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("display_name", "ノック"),
        ("nationality_1", "ＴＨ"),
        ("language_1", "th"),
        ("level_1", "native"),
        ("language_2", "ja"),
        ("level_2", "Ｎ２"),
        ("skill", "graphic-design"),
        ("skill", "thai-translation"),
        ("affiliation", "ＡＰＵ 立命館アジア太平洋大学"),
        ("available_from_1", "２０３０－０９－０１"),
        ("available_until_1", "2030/09/30"),
        ("diet", "halal"),
        ("dietary_notes", "豚肉は食べません"),
        ("bio", "デザインを学んでいます。\r\n遠野に行きたいです。"),
    ]
}

#[tokio::test]
async fn a_profile_round_trips_with_full_width_input() {
    let app = spawn_app().await;
    let (user, mut browser) = participant(&app, "nok@example.jp", "Nok").await;

    let empty = browser.get("/me/profile").await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(
        empty.body.contains("value=\"Nok\""),
        "the account name is offered"
    );

    let saved = browser.submit("/me/profile", &profile_fields()).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location(), Some("/me/profile?saved=1"));

    let stored = app.store.participant_profile(user.id).await.expect("saved");
    let details = &stored.details;
    assert_eq!(details.display_name.as_str(), "ノック");
    assert_eq!(details.nationalities[0].as_str(), "TH");
    assert_eq!(details.languages[1].level(), LanguageLevel::N2);
    assert_eq!(details.skills.len(), 2);
    // Free text is kept as typed (full-width letters too); only codes and numbers are folded.
    assert_eq!(
        details.affiliation.as_ref().map(|a| a.as_str()),
        Some("ＡＰＵ 立命館アジア太平洋大学")
    );
    assert_eq!(details.availability[0].starts_on(), date!(2030 - 09 - 01));
    assert_eq!(details.availability[0].ends_on(), date!(2030 - 09 - 30));

    // The form shows what was saved.
    let page = browser.get("/me/profile?saved=1").await;
    assert!(page.body.contains("alert-success"));
    assert!(
        page.body.contains("<option value=\"TH\" selected>"),
        "the nationality is selected"
    );
    assert!(page.body.contains("<option value=\"n2\" selected>"));
    assert!(page.body.contains("value=\"2030-09-01\""));
    assert!(page.body.contains("value=\"halal\" checked"));

    // Nobody else reaches it: the page always shows the visitor's own profile.
    let (_, mut other) = participant(&app, "li@example.cn", "Li").await;
    let theirs = other.get("/me/profile").await;
    assert!(!theirs.body.contains("豚肉は食べません"));
    let signed_out = app.browser().get("/me/profile").await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    assert!(
        signed_out
            .location()
            .is_some_and(|l| l.starts_with("/sign-in?return_to="))
    );
}

#[tokio::test]
async fn a_profile_error_keeps_everything_typed() {
    let app = spawn_app().await;
    let (user, mut browser) = participant(&app, "nok@example.jp", "Nok").await;
    let mut fields = profile_fields();
    fields.push(("language_3", "en"));
    fields.push(("level_3", "n1"));
    browser.accept_language = Some("en");
    let refused = browser.submit("/me/profile", &fields).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("JLPT levels (N5–N1) are for Japanese only"),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("href=\"#field-level-3\""),
        "the summary links the row"
    );
    assert!(refused.body.contains("aria-invalid=\"true\""));
    // Nothing typed is lost.
    assert!(
        refused
            .body
            .contains("value=\"ＡＰＵ 立命館アジア太平洋大学\"")
    );
    assert!(refused.body.contains("豚肉は食べません"));
    assert!(refused.body.contains("value=\"thai-translation\" checked"));
    assert!(refused.body.contains("<option value=\"n1\" selected>"));
    assert!(
        app.store.participant_profile(user.id).await.is_err(),
        "nothing was saved"
    );
}

// --- applying and one's applications -------------------------------------------------------------------

/// Save a valid profile through the form.
async fn save_profile(browser: &mut Browser) {
    let saved = browser.submit("/me/profile", &profile_fields()).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
}

async fn apply(browser: &mut Browser, programme: &Programme, rank: &str) -> crate::TestResponse {
    browser
        .submit(
            &format!("/programmes/{}/apply", programme.id),
            &[
                ("rank", rank),
                ("motivation", "タイ語の案内を作りたいです。"),
            ],
        )
        .await
}

#[tokio::test]
async fn applying_needs_a_sign_in_and_a_profile_and_ranks_are_unique() {
    let app = spawn_app().await;
    let (organisation, _) = organisation_with_coordinator(&app).await;
    let tono = programme(&app, &organisation, "遠野", "Tono", ProgrammeStatus::Open).await;
    let yame = programme(&app, &organisation, "八女", "Yame", ProgrammeStatus::Open).await;
    let closed = programme(
        &app,
        &organisation,
        "浦幌",
        "Urahoro",
        ProgrammeStatus::Closed,
    )
    .await;
    let apply_path = format!("/programmes/{}/apply", tono.id);

    let signed_out = app.browser().get(&apply_path).await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        signed_out.location(),
        Some(format!("/sign-in?return_to=%2Fprogrammes%2F{}%2Fapply", tono.id).as_str())
    );

    let (user, mut browser) = participant(&app, "nok@example.jp", "Nok").await;
    let no_profile = browser.get(&apply_path).await;
    assert!(
        no_profile.body.contains("/me/profile?return_to="),
        "{}",
        no_profile.body
    );
    assert_eq!(
        apply(&mut browser, &tono, "1").await.status,
        StatusCode::OK,
        "no profile: no application"
    );
    assert!(
        app.store
            .applications_of_user(user.id)
            .await
            .expect("read")
            .is_empty()
    );

    save_profile(&mut browser).await;
    let form = browser.get(&apply_path).await;
    assert!(form.body.contains("name=\"rank\""), "{}", form.body);
    assert!(
        form.body.contains("value=\"1\""),
        "the next free rank is offered"
    );
    assert_eq!(
        apply(&mut browser, &tono, "１").await.status,
        StatusCode::SEE_OTHER
    );

    let taken = apply(&mut browser, &yame, "1").await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        taken
            .body
            .contains("この希望順位は、ほかの応募ですでに使っています"),
        "{}",
        taken.body
    );
    assert!(
        taken.body.contains("タイ語の案内を作りたいです。"),
        "the motivation is kept"
    );
    let second_form = browser.get(&format!("/programmes/{}/apply", yame.id)).await;
    assert!(
        second_form.body.contains("value=\"2\""),
        "the next free rank is 2"
    );
    assert_eq!(
        apply(&mut browser, &yame, "2").await.status,
        StatusCode::SEE_OTHER
    );

    assert_eq!(
        apply(&mut browser, &tono, "3").await.status,
        StatusCode::CONFLICT,
        "applied already"
    );
    assert_eq!(
        apply(&mut browser, &closed, "3").await.status,
        StatusCode::CONFLICT,
        "closed"
    );

    let applications = app.store.applications_of_user(user.id).await.expect("read");
    let ranks: Vec<(i64, u8)> = applications
        .iter()
        .map(|a| (a.programme.0, a.rank.get()))
        .collect();
    assert_eq!(ranks, vec![(tono.id.0, 1), (yame.id.0, 2)]);

    let page = browser.get("/me/applications").await;
    assert!(page.body.contains("第1希望") && page.body.contains("第2希望"));
    assert!(page.body.contains("応募を受け付けました"));
}

#[tokio::test]
async fn preferences_reorder_and_an_accepted_offer_reaches_the_outbox() {
    let app = spawn_app().await;
    let (organisation, coordinator) = organisation_with_coordinator(&app).await;
    let tono = programme(&app, &organisation, "遠野", "Tono", ProgrammeStatus::Open).await;
    let yame = programme(&app, &organisation, "八女", "Yame", ProgrammeStatus::Open).await;
    let (user, mut browser) = participant(&app, "nok@example.jp", "Nok").await;
    save_profile(&mut browser).await;
    apply(&mut browser, &tono, "1").await;
    apply(&mut browser, &yame, "2").await;
    let applications = app.store.applications_of_user(user.id).await.expect("read");
    let (tono_application, yame_application) = (applications[0].clone(), applications[1].clone());

    let moved = browser
        .submit(
            &format!("/me/applications/{}/move", yame_application.id),
            &[("direction", "up")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let store = &app.store;
    let rank_of = |id| async move { store.application(id).await.expect("read").rank.get() };
    assert_eq!(rank_of(yame_application.id).await, 1);
    assert_eq!(rank_of(tono_application.id).await, 2);

    // The coordinator offers a place (their pages are elsewhere; here, the store).
    app.store
        .change_application_status(
            tono_application.id,
            ApplicationStatus::Submitted,
            ApplicationStatus::Offered,
            coordinator.id,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("offered");
    let page = browser.get("/me/applications").await;
    assert!(
        page.body.contains("参加のご案内が届いています"),
        "{}",
        page.body
    );
    assert!(page.body.contains("value=\"accepted\""));

    let status_path = format!("/me/applications/{}/status", tono_application.id);
    let accepted = browser
        .submit(&status_path, &[("from", "offered"), ("to", "accepted")])
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
    assert_eq!(
        app.store
            .application(tono_application.id)
            .await
            .expect("read")
            .status,
        ApplicationStatus::Accepted
    );
    let messages = app
        .store
        .outbox_messages_for(user.id)
        .await
        .expect("outbox");
    assert!(
        messages
            .iter()
            .any(|m| m.subject.contains("参加が決まりました")),
        "{messages:?}"
    );

    // Sending the same answer again lost the race: a message, not an error page.
    let again = browser
        .submit(&status_path, &[("from", "offered"), ("to", "declined")])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(
        again.body.contains("ページを開いたあとに変わっていました"),
        "{}",
        again.body
    );
    // The applicant may not make a coordinator's move.
    let forbidden = browser
        .submit(&status_path, &[("from", "accepted"), ("to", "completed")])
        .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);

    // The admin outbox shows the messages to site admins only.
    app.create_user("admin@sosei.test", "管理者", PASSWORD, true)
        .await;
    let mut admin = app.signed_in_browser("admin@sosei.test", PASSWORD).await;
    let outbox = admin.get("/admin/outbox").await;
    assert_eq!(outbox.status, StatusCode::OK);
    assert!(outbox.body.contains("nok@example.jp"));
    assert!(
        outbox.body.contains("【遠野】参加が決まりました"),
        "{}",
        outbox.body
    );
    assert!(outbox.body.contains("未送信"));
    assert_eq!(
        browser.get("/admin/outbox").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn nobody_acts_on_someone_elses_application_and_csrf_is_required() {
    let app = spawn_app().await;
    let (organisation, _) = organisation_with_coordinator(&app).await;
    let tono = programme(&app, &organisation, "遠野", "Tono", ProgrammeStatus::Open).await;
    let (user, mut browser) = participant(&app, "nok@example.jp", "Nok").await;
    save_profile(&mut browser).await;
    apply(&mut browser, &tono, "1").await;
    let application = app.store.applications_of_user(user.id).await.expect("read")[0].clone();
    let status_path = format!("/me/applications/{}/status", application.id);

    let (_, mut other) = participant(&app, "li@example.cn", "Li").await;
    let withdrawn_by_other = other.submit(&status_path, &[("to", "withdrawn")]).await;
    assert_eq!(withdrawn_by_other.status, StatusCode::NOT_FOUND);
    let moved_by_other = other
        .submit(
            &format!("/me/applications/{}/move", application.id),
            &[("direction", "down")],
        )
        .await;
    assert_eq!(moved_by_other.status, StatusCode::NOT_FOUND);
    assert!(!other.get("/me/applications").await.body.contains("遠野"));

    let without_token = browser
        .post_form(&status_path, &[("from", "submitted"), ("to", "withdrawn")])
        .await;
    assert_eq!(without_token.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.store
            .application(application.id)
            .await
            .expect("read")
            .status,
        ApplicationStatus::Submitted,
        "nothing changed"
    );

    let withdrawn = browser
        .submit(&status_path, &[("from", "submitted"), ("to", "withdrawn")])
        .await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.store
            .application(application.id)
            .await
            .expect("read")
            .status,
        ApplicationStatus::Withdrawn
    );
}

#[tokio::test]
async fn after_the_programme_a_testimonial_is_published_only_with_consent() {
    let app = spawn_app().await;
    let (organisation, coordinator) = organisation_with_coordinator(&app).await;
    let tono = programme(&app, &organisation, "遠野", "Tono", ProgrammeStatus::Open).await;
    let (user, mut browser) = participant(&app, "nok@example.jp", "Nok").await;
    save_profile(&mut browser).await;
    apply(&mut browser, &tono, "1").await;
    let application = app.store.applications_of_user(user.id).await.expect("read")[0].clone();
    for (from, to, by) in [
        (
            ApplicationStatus::Submitted,
            ApplicationStatus::Offered,
            coordinator.id,
        ),
        (
            ApplicationStatus::Offered,
            ApplicationStatus::Accepted,
            user.id,
        ),
        (
            ApplicationStatus::Accepted,
            ApplicationStatus::Completed,
            coordinator.id,
        ),
    ] {
        app.store
            .change_application_status(application.id, from, to, by, OffsetDateTime::now_utc())
            .await
            .expect("status");
    }
    let testimonial_path = format!("/me/applications/{}/testimonial", application.id);
    let empty = browser
        .submit(&testimonial_path, &[("text_ja", " "), ("text_en", "")])
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty
            .body
            .contains("日本語か英語のどちらかで書いてください")
    );

    let written = browser
        .submit(
            &testimonial_path,
            &[("text_ja", "遠野の人たちが温かかった。"), ("consent", "on")],
        )
        .await;
    assert_eq!(written.status, StatusCode::SEE_OTHER, "{}", written.body);
    let public = app.browser().get(&format!("/programmes/{}", tono.id)).await;
    assert!(public.body.contains("遠野の人たちが温かかった。"));

    let withdrawn = browser
        .submit(&format!("{testimonial_path}/consent"), &[])
        .await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    let public = app.browser().get(&format!("/programmes/{}", tono.id)).await;
    assert!(
        !public.body.contains("遠野の人たちが温かかった。"),
        "consent withdrawn"
    );
    let own = browser.get("/me/applications").await;
    assert!(
        own.body.contains("遠野の人たちが温かかった。"),
        "the author still sees it"
    );
}
