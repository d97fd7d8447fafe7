//! The coordinator's matcher workflow: only coordinators reach it; a round runs and writes teams
//! that respect sizes and needs; moves and locks survive a re-run; offers move statuses and
//! queue messages; an infeasible round explains itself in Japanese.
//! Programmes, teams, profiles and applications are made directly in the store.

use axum::http::StatusCode;
use sosei_core::application::{ApplicationStatus, Motivation, NewApplication, PreferenceRank};
use sosei_core::participant_profile::NewParticipantProfile;
use sosei_core::programme::JapaneseSpeakerRule;
use sosei_core::programme::team::Team;
use sosei_core::programme::team::{NeedCount, NewTeam, TeamNeed, TeamSize};
use sosei_core::{
    CountryCode, DisplayName, LanguageCode, LanguageLevel, LanguageSkill, LocalizedText,
    NewProgramme, Organisation, Programme, ProgrammeDetails, ProgrammeStatus, Role, SkillSlug,
    User,
};
use time::OffsetDateTime;
use time::macros::date;

use crate::{Browser, TestApp, spawn_app};

const PASSWORD: &str = "correct horse battery";
const PAGE: &str = "/organisations/sosei-partners/matching";

fn count(n: u8) -> NeedCount {
    NeedCount::new(n).expect("a count")
}

fn thai_speaker() -> TeamNeed {
    TeamNeed::Language {
        language: LanguageCode::parse("th").expect("thai"),
        minimum_level: LanguageLevel::B1,
        at_least: count(1),
    }
}

fn designer() -> TeamNeed {
    TeamNeed::Skill {
        skill: SkillSlug::parse("graphic-design").expect("skill"),
        at_least: count(1),
    }
}

async fn organisation_with_coordinator(app: &TestApp) -> (Organisation, Browser) {
    let organisation = app.create_sosei_partners().await;
    let coordinator = app
        .create_user("coordinator@sosei.test", "調整役", PASSWORD, false)
        .await;
    app.store
        .grant_role(organisation.id, coordinator.id, Role::Coordinator)
        .await
        .expect("role");
    let browser = app
        .signed_in_browser("coordinator@sosei.test", PASSWORD)
        .await;
    (organisation, browser)
}

/// An open programme with `teams` (name, min, max, needs) and the Japanese-speaker rule.
async fn programme(
    app: &TestApp,
    organisation: &Organisation,
    title: &str,
    teams: &[(&str, u8, u8, Vec<TeamNeed>)],
) -> (Programme, Vec<Team>) {
    let programme = app
        .store
        .create_programme(&NewProgramme {
            organisation: organisation.id,
            region: sosei_core::MunicipalityCode::parse("032085").expect("code"),
            title: LocalizedText::new(title, title),
            summary: LocalizedText::new("観光の資料づくり", "Tourism leaflets"),
            starts_on: date!(2030 - 09 - 06),
            ends_on: date!(2030 - 09 - 09),
        })
        .await
        .expect("programme");
    app.store
        .update_programme_details(
            programme.id,
            &ProgrammeDetails {
                japanese_speaker_rule: Some(JapaneseSpeakerRule::default()),
                ..ProgrammeDetails::default()
            },
        )
        .await
        .expect("details");
    let mut added = Vec::new();
    for (name, min, max, needs) in teams {
        let team = NewTeam::new(
            LocalizedText::new(*name, *name),
            TeamSize::new(count(*min), count(*max)).expect("size"),
            None,
            needs.clone(),
        )
        .expect("team");
        added.push(
            app.store
                .add_team(programme.id, &team)
                .await
                .expect("team added"),
        );
    }
    app.store
        .set_programme_status(programme.id, ProgrammeStatus::Draft, ProgrammeStatus::Open)
        .await
        .expect("open");
    (programme, added)
}

/// An applicant with a profile, applying to `programmes` in that order of preference.
async fn applicant(
    app: &TestApp,
    n: usize,
    nationality: &str,
    languages: &[(&str, LanguageLevel)],
    skills: &[&str],
    programmes: &[&Programme],
) -> User {
    let user = app
        .create_user(
            &format!("applicant{n}@sosei.test"),
            &format!("応募者{n}"),
            PASSWORD,
            false,
        )
        .await;
    let profile = NewParticipantProfile {
        display_name: DisplayName::parse(&format!("応募者{n}")).expect("name"),
        nationalities: vec![CountryCode::parse(nationality).expect("country")],
        languages: languages
            .iter()
            .map(|(code, level)| {
                LanguageSkill::new(LanguageCode::parse(code).expect("language"), *level)
                    .expect("skill")
            })
            .collect(),
        skills: skills
            .iter()
            .map(|s| SkillSlug::parse(s).expect("slug"))
            .collect(),
        affiliation: None,
        availability: Vec::new(),
        dietary_requirements: Vec::new(),
        dietary_notes: None,
        accessibility_needs: None,
        bio: None,
    };
    app.store
        .save_participant_profile(user.id, &profile, OffsetDateTime::now_utc())
        .await
        .expect("profile");
    for (index, programme) in programmes.iter().enumerate() {
        app.store
            .apply(
                &NewApplication {
                    programme: programme.id,
                    applicant: user.id,
                    rank: PreferenceRank::new(index as u8 + 1).expect("rank"),
                    motivation: Motivation::parse("地域の役に立ちたいです。").expect("text"),
                },
                OffsetDateTime::now_utc(),
            )
            .await
            .expect("apply");
    }
    user
}

/// Two programmes (Tono: one team needing a Thai speaker; Yame: two teams, one needing a
/// designer), eight applicants.
async fn two_programme_round(
    app: &TestApp,
    organisation: &Organisation,
) -> [(Programme, Vec<Team>); 2] {
    let tono = programme(
        app,
        organisation,
        "遠野",
        &[("遠野班", 2, 4, vec![thai_speaker()])],
    )
    .await;
    let yame = programme(
        app,
        organisation,
        "八女",
        &[
            ("八女A班", 2, 3, vec![designer()]),
            ("八女B班", 2, 4, vec![]),
        ],
    )
    .await;
    let (t, y) = (&tono.0, &yame.0);
    use LanguageLevel::*;
    applicant(app, 1, "TH", &[("th", Native), ("ja", N2)], &[], &[t, y]).await;
    applicant(
        app,
        2,
        "JP",
        &[("ja", Native)],
        &["graphic-design"],
        &[y, t],
    )
    .await;
    applicant(app, 3, "VN", &[("ja", N1)], &[], &[y, t]).await;
    applicant(app, 4, "CN", &[("zh", Native), ("ja", N2)], &[], &[t, y]).await;
    applicant(
        app,
        5,
        "US",
        &[("en", Native), ("ja", N2)],
        &["graphic-design"],
        &[y],
    )
    .await;
    applicant(app, 6, "FR", &[("fr", Native), ("ja", N3)], &[], &[t, y]).await;
    applicant(app, 7, "JP", &[("ja", Native)], &[], &[y, t]).await;
    applicant(app, 8, "KR", &[("ko", Native), ("ja", N1)], &[], &[y, t]).await;
    [tono, yame]
}

async fn run(browser: &mut Browser, programmes: &[&Programme], method: &str) {
    let ids: Vec<String> = programmes.iter().map(|p| p.id.to_string()).collect();
    let mut fields: Vec<(&str, &str)> = ids.iter().map(|id| ("programme", id.as_str())).collect();
    fields.extend([
        ("weight_preference", "1"),
        ("weight_skill_fit", "0.5"),
        ("weight_diversity", "0.5"),
        ("method", method),
    ]);
    let response = browser.submit(&format!("{PAGE}/run"), &fields).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
}

/// Every team of `programmes` with its members' user ids, as stored.
async fn stored_teams(
    app: &TestApp,
    rounds: &[(Programme, Vec<Team>)],
) -> Vec<(Team, Vec<sosei_core::UserId>)> {
    let mut teams = Vec::new();
    for (programme, programme_teams) in rounds {
        let assignments = app
            .store
            .team_assignments_of_programme(programme.id)
            .await
            .expect("assignments");
        for team in programme_teams {
            let mut members = Vec::new();
            for assignment in assignments.iter().filter(|a| a.team == team.id) {
                let application = app
                    .store
                    .application(assignment.application)
                    .await
                    .expect("application");
                members.push(application.applicant);
            }
            teams.push((team.clone(), members));
        }
    }
    teams
}

#[tokio::test]
async fn only_coordinators_reach_the_matching_pages() {
    let app = spawn_app().await;
    let (organisation, _) = organisation_with_coordinator(&app).await;
    let (tono, _) = programme(&app, &organisation, "遠野", &[("遠野班", 1, 3, vec![])]).await;
    app.create_user("someone@sosei.test", "誰か", PASSWORD, false)
        .await;
    let mut outsider = app.signed_in_browser("someone@sosei.test", PASSWORD).await;
    assert_eq!(outsider.get(PAGE).await.status, StatusCode::FORBIDDEN);
    let id = tono.id.to_string();
    let posted = outsider
        .submit(
            &format!("{PAGE}/run"),
            &[
                ("programme", &id),
                ("weight_preference", "1"),
                ("weight_skill_fit", "1"),
                ("weight_diversity", "1"),
            ],
        )
        .await;
    assert_eq!(posted.status, StatusCode::FORBIDDEN);
    let offers = outsider
        .submit(&format!("{PAGE}/offers"), &[("round", "1")])
        .await;
    assert_eq!(offers.status, StatusCode::FORBIDDEN);
    let lock = outsider
        .submit(&format!("{PAGE}/assignments/1/lock"), &[])
        .await;
    assert_eq!(lock.status, StatusCode::FORBIDDEN);
    assert!(
        app.store
            .match_rounds_of_organisation(organisation.id)
            .await
            .expect("rounds")
            .is_empty(),
        "no round was started"
    );
}

#[tokio::test]
async fn a_round_forms_teams_that_respect_sizes_and_needs_and_locks_survive_a_rerun() {
    let app = spawn_app().await;
    let (organisation, mut coordinator) = organisation_with_coordinator(&app).await;
    let rounds = two_programme_round(&app, &organisation).await;
    run(&mut coordinator, &[&rounds[0].0, &rounds[1].0], "compare").await;

    let teams = stored_teams(&app, &rounds).await;
    let mut placed = 0;
    for (team, members) in &teams {
        let size = team.spec.size();
        assert!(
            (size.min() as usize..=size.max() as usize).contains(&members.len()),
            "{} has {} members",
            team.spec.name().text(sosei_core::Locale::Ja),
            members.len()
        );
        for need in team.spec.needs() {
            let mut meeting = 0;
            for member in members {
                let profile = app
                    .store
                    .participant_profile(*member)
                    .await
                    .expect("profile")
                    .details;
                let meets = match need.clone() {
                    TeamNeed::Skill { skill, .. } => profile.skills.contains(&skill),
                    TeamNeed::Language {
                        language,
                        minimum_level,
                        ..
                    } => profile
                        .languages
                        .iter()
                        .any(|l| l.meets(language, minimum_level)),
                };
                meeting += usize::from(meets);
            }
            assert!(
                meeting >= usize::from(need.at_least().get()),
                "{need:?} unmet"
            );
        }
        placed += members.len();
    }
    assert_eq!(placed, 8, "everyone fits: 2–4 + 2–3 + 2–4 seats");

    let page = coordinator.get(PAGE).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("最新の編成結果"), "{}", page.body);
    // Each need reads as one Japanese phrase: 「…1名以上：充足（1/1）」.
    assert!(page.body.contains("：充足（"), "{}", page.body);
    assert!(!page.body.contains("need-unmet"));
    assert!(!page.body.contains("。: ") && !page.body.contains("。："));
    assert!(page.body.contains("第1希望"), "explanations in Japanese");
    assert!(page.body.contains("ブラウ指数"));
    assert!(page.body.contains("安定マッチング（受入保留方式）との比較"));

    // Move someone between the Yame teams (locked by the move), lock someone in Tono, re-run.
    let members_of = |team: &Team| {
        teams
            .iter()
            .find(|(t, _)| t.id == team.id)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    };
    let (yame_a, yame_b) = (&rounds[1].1[0], &rounds[1].1[1]);
    let (from, to) = if members_of(yame_b).len() < 4 {
        (yame_a, yame_b)
    } else {
        (yame_b, yame_a)
    };
    let mut moved_user = None;
    for member in members_of(from) {
        let profile = app
            .store
            .participant_profile(member)
            .await
            .expect("profile");
        if profile.details.skills.is_empty() {
            moved_user = Some(member);
            break;
        }
    }
    let moved_user = moved_user.expect("someone who is not the designer");
    let applications = app
        .store
        .applications_of_user(moved_user)
        .await
        .expect("apps");
    let moved_application = applications
        .iter()
        .find(|a| a.programme == rounds[1].0.id)
        .expect("yame application");
    let response = coordinator
        .submit(
            &format!("{PAGE}/assignments/{}/move", moved_application.id),
            &[("team", &to.id.to_string())],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let tono_assignments = app
        .store
        .team_assignments_of_programme(rounds[0].0.id)
        .await
        .expect("a");
    let tono_locked = tono_assignments[0].application;
    let response = coordinator
        .submit(&format!("{PAGE}/assignments/{tono_locked}/lock"), &[])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);

    run(&mut coordinator, &[&rounds[0].0, &rounds[1].0], "auto").await;
    let yame_after = app
        .store
        .team_assignments_of_programme(rounds[1].0.id)
        .await
        .expect("a");
    let moved = yame_after
        .iter()
        .find(|a| a.application == moved_application.id)
        .expect("still placed");
    assert_eq!(moved.team, to.id, "the move survives the re-run");
    assert!(moved.locked);
    let tono_after = app
        .store
        .team_assignments_of_programme(rounds[0].0.id)
        .await
        .expect("a");
    assert!(
        tono_after
            .iter()
            .any(|a| a.application == tono_locked && a.locked)
    );
    assert_eq!(
        app.store
            .match_rounds_of_organisation(organisation.id)
            .await
            .expect("r")
            .len(),
        2
    );
}

#[tokio::test]
async fn sending_offers_moves_placed_applications_to_offered_with_messages() {
    let app = spawn_app().await;
    let (organisation, mut coordinator) = organisation_with_coordinator(&app).await;
    let rounds = two_programme_round(&app, &organisation).await;
    run(&mut coordinator, &[&rounds[0].0, &rounds[1].0], "auto").await;
    let round = app
        .store
        .match_rounds_of_organisation(organisation.id)
        .await
        .expect("r")[0]
        .clone();
    let teams = stored_teams(&app, &rounds).await;
    let placed: Vec<sosei_core::UserId> = teams.iter().flat_map(|(_, m)| m.clone()).collect();
    let outbox_before = app
        .store
        .outbox_messages_for(placed[0])
        .await
        .expect("outbox")
        .len();
    // One placed applicant withdraws their placed application before the offers go out.
    let (team_of_withdrawing, members) = teams.last().expect("a team");
    let withdrawing = *members.last().expect("a member");
    let withdrawn = app
        .store
        .applications_of_user(withdrawing)
        .await
        .expect("apps")
        .into_iter()
        .find(|a| a.programme == team_of_withdrawing.programme)
        .expect("the placed application");
    app.store
        .change_application_status(
            withdrawn.id,
            withdrawn.status,
            ApplicationStatus::Withdrawn,
            withdrawing,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("withdrawn");
    let withdrawing_name = app
        .store
        .participant_profile(withdrawing)
        .await
        .expect("profile")
        .details
        .display_name;

    let response = coordinator
        .submit(
            &format!("{PAGE}/offers"),
            &[("round", &round.id.to_string())],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let page = coordinator
        .get(response.location().expect("redirect"))
        .await;
    assert!(
        page.body
            .contains("オファーを7件送りました。送らなかった応募：1件。"),
        "{}",
        page.body
    );
    let sent = page
        .body
        .split("id=\"offers-sent\"")
        .nth(1)
        .expect("sent list");
    let sent = sent.split("</ul>").next().expect("end");
    assert_eq!(sent.matches("<li>").count(), 7, "{sent}");
    assert!(!sent.contains(withdrawing_name.as_str()));
    let not_sent = page
        .body
        .split("id=\"offers-not-sent\"")
        .nth(1)
        .expect("not-sent list");
    assert!(
        not_sent.contains(&format!(
            "{}さん（{}）: 状態が「取り下げ」のため、オファーの対象ではありません",
            withdrawing_name.as_str(),
            if team_of_withdrawing.programme == rounds[0].0.id {
                "遠野"
            } else {
                "八女"
            }
        )),
        "{not_sent}"
    );
    for member in placed.iter().filter(|m| **m != withdrawing) {
        let offered = app
            .store
            .applications_of_user(*member)
            .await
            .expect("apps")
            .iter()
            .filter(|a| a.status == ApplicationStatus::Offered)
            .count();
        assert_eq!(offered, 1, "one offer per placed person");
    }
    assert_eq!(
        app.store
            .outbox_messages_for(placed[0])
            .await
            .expect("outbox")
            .len(),
        outbox_before + 1
    );
    // Sending again finds nobody left to offer, and says why of each.
    let again = coordinator
        .submit(
            &format!("{PAGE}/offers"),
            &[("round", &round.id.to_string())],
        )
        .await;
    let page = coordinator.get(again.location().expect("redirect")).await;
    assert!(
        page.body
            .contains("オファーを0件送りました。送らなかった応募：8件。"),
        "{}",
        page.body
    );
    assert_eq!(
        page.body
            .matches("状態が「参加を打診中」のため、オファーの対象ではありません")
            .count(),
        7
    );
}

#[tokio::test]
async fn an_infeasible_round_says_in_japanese_which_need_cannot_be_met() {
    let app = spawn_app().await;
    let (organisation, mut coordinator) = organisation_with_coordinator(&app).await;
    let korean = TeamNeed::Language {
        language: LanguageCode::parse("ko").expect("korean"),
        minimum_level: LanguageLevel::B2,
        at_least: count(1),
    };
    let (tono, _) = programme(
        &app,
        &organisation,
        "遠野",
        &[("遠野班", 1, 3, vec![korean])],
    )
    .await;
    use LanguageLevel::*;
    applicant(&app, 1, "TH", &[("th", Native), ("ja", N2)], &[], &[&tono]).await;
    applicant(&app, 2, "JP", &[("ja", Native)], &[], &[&tono]).await;
    run(&mut coordinator, &[&tono], "auto").await;

    let page = coordinator.get(PAGE).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("この条件ではチームを編成できません"),
        "{}",
        page.body
    );
    assert!(
        page.body.contains("チーム「遠野班」には「韓国語が話せる人（B2以上）1名以上」が必要ですが、条件を満たす応募者は0人しかいません。"),
        "{}",
        page.body
    );
    assert!(page.body.contains("必要な人数を0人に減らす"));
    assert!(page.body.contains("言語のレベルを"));
    assert!(
        app.store
            .team_assignments_of_programme(tono.id)
            .await
            .expect("a")
            .is_empty()
    );
}

#[tokio::test]
async fn someone_left_without_a_team_is_told_why_in_japanese() {
    let app = spawn_app().await;
    let (organisation, mut coordinator) = organisation_with_coordinator(&app).await;
    let (tono, _) = programme(&app, &organisation, "遠野", &[("遠野班", 1, 2, vec![])]).await;
    use LanguageLevel::*;
    for n in 1..=3 {
        applicant(&app, n, "TH", &[("th", Native), ("ja", N2)], &[], &[&tono]).await;
    }
    run(&mut coordinator, &[&tono], "auto").await;

    let page = coordinator.get(PAGE).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("「遠野」はどのチームも定員に達しています。"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("not placed"), "no matcher English");
    let unplaced = page.body.split("id=\"unplaced\"").nth(1).expect("the list");
    let unplaced = unplaced.split("</ul>").next().expect("its end");
    assert!(!unplaced.contains("lang=\"en\""), "{unplaced}");
}

#[tokio::test]
async fn someone_taken_out_of_a_team_stays_out_through_reruns_until_included_again() {
    let app = spawn_app().await;
    let (organisation, mut coordinator) = organisation_with_coordinator(&app).await;
    let (tono, _) = programme(&app, &organisation, "遠野", &[("遠野班", 1, 3, vec![])]).await;
    use LanguageLevel::*;
    let mut people = Vec::new();
    for n in 1..=3 {
        people.push(applicant(&app, n, "TH", &[("th", Native), ("ja", N2)], &[], &[&tono]).await);
    }
    let placed = |app: &crate::TestApp| {
        let store = app.store.clone();
        let programme = tono.id;
        async move {
            let mut users = Vec::new();
            for assignment in store
                .team_assignments_of_programme(programme)
                .await
                .expect("assignments")
            {
                users.push(
                    store
                        .application(assignment.application)
                        .await
                        .expect("application")
                        .applicant,
                );
            }
            users
        }
    };
    run(&mut coordinator, &[&tono], "auto").await;
    assert_eq!(placed(&app).await.len(), 3);

    let application = app
        .store
        .applications_of_user(people[0].id)
        .await
        .expect("apps")[0]
        .id;
    let response = coordinator
        .submit(&format!("{PAGE}/assignments/{application}/remove"), &[])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    run(&mut coordinator, &[&tono], "auto").await;
    assert!(
        !placed(&app).await.contains(&people[0].id),
        "the removal survives the re-run"
    );
    let page = coordinator.get(PAGE).await;
    assert!(
        page.body
            .contains("応募者1: 「遠野」はコーディネーターが対象から外しています。"),
        "{}",
        page.body
    );
    assert!(page.body.contains("編成の対象から外した応募"));
    assert!(page.body.contains("応募者1さん（遠野）"));

    let response = coordinator
        .submit(&format!("{PAGE}/assignments/{application}/include"), &[])
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let page = coordinator
        .get(response.location().expect("redirect"))
        .await;
    assert!(
        page.body.contains("編成の対象に戻しました。"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("編成の対象から外した応募"));
    run(&mut coordinator, &[&tono], "auto").await;
    assert!(placed(&app).await.contains(&people[0].id), "placed again");
}

/// The page with its `<details class="figures-details">…</details>` section taken out, and that
/// section alone.
fn split_details(body: &str) -> (String, String) {
    let start = body
        .find("<details class=\"figures-details\"")
        .expect("a details section with the figures");
    let end = start + body[start..].find("</details>").expect("closed") + "</details>".len();
    (
        format!("{}{}", &body[..start], &body[end..]),
        body[start..end].to_owned(),
    )
}

/// Every text of the page, without tags (so attribute values and markup do not count).
fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[tokio::test]
async fn the_result_speaks_a_coordinators_words_and_folds_the_figures_away() {
    let app = spawn_app().await;
    let (organisation, mut coordinator) = organisation_with_coordinator(&app).await;
    let rounds = two_programme_round(&app, &organisation).await;
    run(&mut coordinator, &[&rounds[0].0, &rounds[1].0], "compare").await;

    let page = coordinator.get(PAGE).await;
    assert_eq!(page.status, StatusCode::OK);
    let (outside, details) = split_details(&page.body);
    let outside = visible_text(&outside);
    assert!(
        outside.contains("この案より良い組み合わせはありません（証明済み）。"),
        "eight applicants solve exactly: {outside}"
    );
    assert!(
        outside.contains("8人のうち8人がチームに入りました。"),
        "{outside}"
    );
    assert!(
        ["多様性：高い", "多様性：中程度", "多様性：低い"]
            .iter()
            .any(|level| outside.contains(level)),
        "{outside}"
    );
    assert!(outside.contains("か国、") && outside.contains("言語、技能"));
    for jargon in ["目的関数", "上界", "ギャップ", "ブラウ"] {
        assert!(!outside.contains(jargon), "{jargon} outside the details");
    }
    for figure in ["目的関数", "上界", "ギャップ", "ブラウ指数"] {
        assert!(
            details.contains(figure),
            "{figure} in the details: {details}"
        );
    }

    coordinator.accept_language = Some("en");
    let page = coordinator.get(PAGE).await;
    let (outside, details) = split_details(&page.body);
    let outside = visible_text(&outside).to_lowercase();
    assert!(
        outside.contains("no better combination exists (proven)."),
        "{outside}"
    );
    assert!(outside.contains("diversity: "), "{outside}");
    for jargon in ["objective", "bound", " gap", "blau", "blocking"] {
        assert!(!outside.contains(jargon), "{jargon} outside the details");
    }
    assert!(details.contains("Blau index") && details.contains("Upper bound"));
}

#[tokio::test]
async fn the_weights_hint_gives_the_matchers_own_defaults_and_range() {
    let app = spawn_app().await;
    let (organisation, mut coordinator) = organisation_with_coordinator(&app).await;
    programme(&app, &organisation, "遠野", &[("遠野班", 1, 3, vec![])]).await;
    let page = coordinator.get(PAGE).await;
    let defaults = sosei_matching::Weights::default();
    let max = sosei_core::programme::matching::MatchWeights::MAX;
    let hint = page
        .body
        .split("id=\"weights-hint\">")
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("the weights hint");
    assert_eq!(
        hint,
        format!(
            "それぞれ0〜{max}の数で、大きいほど重視します。すべてを0にはできません。初期値は、希望順位{}、技能・言語の適合{}、国籍の多様性{}です。",
            defaults.preference, defaults.skill_fit, defaults.diversity
        )
    );
    for (name, value) in [
        ("weight_preference", defaults.preference),
        ("weight_skill_fit", defaults.skill_fit),
        ("weight_diversity", defaults.diversity),
    ] {
        assert!(
            page.body.contains(&format!(
                "name=\"{name}\" min=\"0\" max=\"{max}\" step=\"0.1\" value=\"{value}\""
            )),
            "{name} starts at the default {value}"
        );
    }
}

/// The issue's case: an unplaced applicant whom the programme scores above the team's only
/// designer (the need it must keep). The page lists only the swap that keeps every rule.
#[tokio::test]
async fn the_swaps_listed_are_only_those_that_keep_every_team_rule() {
    let app = spawn_app().await;
    let (organisation, mut coordinator) = organisation_with_coordinator(&app).await;
    let (yame, _) = programme(
        &app,
        &organisation,
        "八女",
        &[("八女班", 2, 2, vec![designer()])],
    )
    .await;
    use LanguageLevel::*;
    let designer_user = applicant(
        &app,
        1,
        "JP",
        &[("ja", Native)],
        &["graphic-design"],
        &[&yame],
    )
    .await;
    // Same nationality as the designer, so the optimum prefers the third applicant beside them.
    let favourite = applicant(&app, 2, "JP", &[("ja", Native)], &[], &[&yame]).await;
    let other = applicant(&app, 3, "VN", &[("vi", Native), ("ja", N2)], &[], &[&yame]).await;
    for (user, score) in [(&designer_user, 1), (&favourite, 5), (&other, 3)] {
        let application = app
            .store
            .applications_of_user(user.id)
            .await
            .expect("applications")
            .remove(0);
        app.store
            .review_application(
                application.id,
                &sosei_core::application::ApplicationReview {
                    notes: None,
                    score: Some(sosei_core::application::ReviewScore::new(score).expect("score")),
                },
            )
            .await
            .expect("review");
    }
    run(&mut coordinator, &[&yame], "auto").await;

    let round = app
        .store
        .match_rounds_of_organisation(organisation.id)
        .await
        .expect("rounds")
        .remove(0);
    let stored: sosei_web::matching_pages::problem::StoredRun =
        serde_json::from_str(round.outcome_json.as_deref().expect("outcome")).expect("stored run");
    let sosei_web::matching_pages::problem::RunResult::Solved { outcome } = &stored.result else {
        panic!("the round solves");
    };
    assert_eq!(
        outcome.blocking_pairs.len(),
        1,
        "{:?}",
        outcome.blocking_pairs
    );
    for pair in &outcome.blocking_pairs {
        let mut swapped = (**outcome).clone();
        let displaced = match &pair.reason {
            sosei_matching::BlockingReason::RanksAbove { displaced } => Some(displaced.clone()),
            sosei_matching::BlockingReason::FreeSeat => None,
        };
        swapped
            .placements
            .retain(|p| p.applicant != pair.applicant && Some(&p.applicant) != displaced.as_ref());
        swapped.placements.push(sosei_matching::Placement {
            applicant: pair.applicant.clone(),
            programme: pair.programme.clone(),
            team: pair.team.clone(),
            rank: Some(pair.rank),
            locked: false,
            explanation: String::new(),
        });
        assert_eq!(
            sosei_matching::check_hard_constraints(&stored.problem, &swapped),
            vec![],
            "{pair:?}"
        );
        assert_eq!(pair.applicant, format!("a{}", favourite.id.0));
        assert_eq!(
            displaced,
            Some(format!("a{}", other.id.0)),
            "never the designer"
        );
    }

    let page = coordinator.get(PAGE).await;
    let swaps = page
        .body
        .split("<ul id=\"swaps\">")
        .nth(1)
        .and_then(|rest| rest.split("</ul>").next())
        .expect("the list of swaps");
    assert_eq!(swaps.matches("<li>").count(), 1, "{swaps}");
    assert!(
        swaps.contains("「八女班」の応募者3さんより応募者2さんを高く評価しています。2人を入れ替えても、チームの条件は守られます。"),
        "{swaps}"
    );
    assert!(
        !swaps.contains("応募者1さん"),
        "the designer is not offered as a swap"
    );
}
