//! The Social Contract's acceptance test in a real browser (headless Chromium through
//! chromedriver, against the real server with the demo data; the harness is in `common/mod.rs`).
//!
//! A round is set up through the store, as a coordinator would have prepared it: an organisation
//! of its own with a coordinator, two open programmes in different regions (application windows
//! open today), each with two teams that need an English speaker or a skill, and seven other
//! applicants with profiles and ranked applications. Then, in the browser:
//!
//! 1. a new participant signs up, fills in their profile (nationality, languages with levels,
//!    skills, availability, a bio in Japanese) and applies to both programmes, ranked 1 and 2,
//!    and sees both applications on `/me/applications`;
//! 2. the coordinator signs in, chooses both programmes on the matching page and runs the
//!    matcher, sees the participant placed, moves them to the other team of their programme (a
//!    move is locked), runs again and sees them stay, and sends the offers;
//! 3. the participant signs in again, sees the offer and accepts it.
//!
//! The store is checked after each step (profile, applications, assignments and locks, statuses,
//! and the messages written to the outbox). axe-core checks the profile page, a programme page,
//! the applications page and the matching result in Japanese and English (nothing serious or
//! critical allowed). Every step is recorded separately, so one run reports everything broken.
#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use std::time::Instant;

use anyhow::{Context, bail, ensure};
use common::{Browser, axe_in_both_languages, page_context, record, set_language, wait_for_script};
use fantoccini::Locator;
use sosei_core::application::{ApplicationStatus, Motivation, NewApplication, PreferenceRank};
use sosei_core::participant_profile::{Bio, NewParticipantProfile};
use sosei_core::programme::team::{NeedCount, NewTeam, Team, TeamNeed, TeamSize};
use sosei_core::programme::{ParticipantsReceive, Seats};
use sosei_core::{
    ApplicationId, CountryCode, DateRange, DisplayName, EmailAddress, LanguageCode, LanguageLevel,
    LanguageSkill, Locale, LocalizedText, NewOrganisation, NewProgramme, NewUser, Organisation,
    OrganisationKind, OrganisationSlug, Programme, ProgrammeDetails, ProgrammeStatus, Role,
    SkillSlug, UserId,
};
use sosei_store::Store;
use time::{Date, OffsetDateTime};

const ORGANISATION_SLUG: &str = "satoyama-bridge";
const COORDINATOR_NAME: &str = "調整 由美";
const COORDINATOR_EMAIL: &str = "yumi.chosei@example.jp";
const COORDINATOR_PASSWORD: &str = "a long coordinator passphrase";
const PARTICIPANT_NAME: &str = "Nok Suriya";
const PARTICIPANT_EMAIL: &str = "nok.suriya@example.org";
const PARTICIPANT_PASSWORD: &str = "a long participant passphrase";
const PARTICIPANT_BIO: &str = "タイのチェンマイ出身です。グラフィックデザインを学んでいます。日本の地方の暮らしに興味があります。";
const MOTIVATION: &str =
    "デザインの力で、町の魅力を海外の人に伝えたいです。I would love to make an English leaflet.";

/// Programme A (the participant's first choice) and B (second), by title.
const TITLES: [(&str, &str); 2] = [
    ("里山の観光マップづくり", "A tourist map of the satoyama"),
    (
        "港町の英語パンフレット",
        "An English leaflet for the harbour town",
    ),
];

/// The other applicants, one a line: name | mailbox | nationality | languages with levels |
/// skills | programmes by rank (A is the first programme, B the second).
const BACKGROUND: &str = "
    Li Wei         | li.wei       | CN | zh:native en:b2 ja:n2 | chinese-translation social-media    | A B
    Kim Minji      | kim.minji    | KR | ko:native en:c1 ja:n1 | korean-translation photography      | A B
    Nguyen Thi Lan | nguyen.lan   | VN | vi:native en:b2       | vietnamese-translation web          | B A
    Emma Johnson   | emma.johnson | US | en:native ja:n3       | english-translation video           | A B
    Lucas Martin   | lucas.martin | FR | fr:native en:c1       | photography tourism-planning        | B A
    Siti Rahma     | siti.rahma   | ID | id:native en:b2       | social-media graphic-design         | A B
    Carlos Silva   | carlos.silva | BR | pt:native en:b2       | web graphic-design                  | A
";

/// What the store holds for the test.
struct Fixture {
    organisation: Organisation,
    /// Programme A, then B.
    programmes: [Programme; 2],
    /// The teams of A, then of B.
    teams: [Vec<Team>; 2],
    /// The window the participant (and everyone else) is available: covers both programmes.
    available: DateRange,
}

fn text(ja: &str, en: &str) -> LocalizedText {
    LocalizedText::new(ja, en)
}

fn count(n: u8) -> anyhow::Result<NeedCount> {
    NeedCount::new(n).context("bad need count")
}

fn english_speaker() -> anyhow::Result<TeamNeed> {
    Ok(TeamNeed::Language {
        language: LanguageCode::ENGLISH,
        minimum_level: LanguageLevel::B2,
        at_least: count(1)?,
    })
}

fn team(ja: &str, en: &str, min: u8, max: u8, needs: Vec<TeamNeed>) -> anyhow::Result<NewTeam> {
    NewTeam::new(
        text(ja, en),
        TeamSize::new(count(min)?, count(max)?)?,
        Some(count(2)?),
        needs,
    )
    .context("bad team")
}

/// Today's date in Japan, as the application windows are read.
fn today_in_japan() -> Date {
    let japan = time::UtcOffset::from_hms(9, 0, 0).unwrap();
    OffsetDateTime::now_utc().to_offset(japan).date()
}

// --- the round, through the store -----------------------------------------------------------------

async fn set_up_round(store: &Store) -> anyhow::Result<Fixture> {
    let now = OffsetDateTime::now_utc();
    let today = today_in_japan();
    let days = |n: i64| today + time::Duration::days(n);
    let demo = sosei::demo::demo_data()?;
    ensure!(
        demo.regions.len() >= 2,
        "the demo has fewer than two regions"
    );

    let organisation = store
        .create_organisation(
            &NewOrganisation {
                slug: OrganisationSlug::parse(ORGANISATION_SLUG)?,
                kind: OrganisationKind::Npo,
                name: text("さとやまブリッジ", "Satoyama Bridge"),
                description: text(
                    "留学生のチームを地方の町へ送る団体です。",
                    "We send teams of international students to rural towns.",
                ),
                website: None,
            },
            now,
        )
        .await?;
    let request = sosei::users::UserRequest::parse(COORDINATOR_EMAIL, COORDINATOR_NAME, false)?;
    let coordinator = match sosei::users::create_or_promote(store, &request, || {
        Ok(COORDINATOR_PASSWORD.to_owned())
    })
    .await?
    {
        sosei::users::UserOutcome::Created(user)
        | sosei::users::UserOutcome::Promoted(user)
        | sosei::users::UserOutcome::Unchanged(user) => user,
    };
    store
        .grant_role(organisation.id, coordinator.id, Role::Coordinator)
        .await?;

    let graphic_design = SkillSlug::parse("graphic-design")?;
    let photography = SkillSlug::parse("photography")?;
    let dates = [(days(60), days(69)), (days(80), days(85))];
    let team_specs = [
        vec![
            team("北チーム", "North team", 2, 4, vec![english_speaker()?])?,
            team("南チーム", "South team", 2, 4, vec![english_speaker()?])?,
        ],
        vec![
            team(
                "デザイン班",
                "Design team",
                1,
                2,
                vec![TeamNeed::Skill {
                    skill: graphic_design,
                    at_least: count(1)?,
                }],
            )?,
            team(
                "写真班",
                "Photo team",
                1,
                2,
                vec![TeamNeed::Skill {
                    skill: photography,
                    at_least: count(1)?,
                }],
            )?,
        ],
    ];
    let mut programmes = Vec::new();
    let mut teams = Vec::new();
    for (index, ((title_ja, title_en), specs)) in TITLES.iter().zip(team_specs).enumerate() {
        let (starts_on, ends_on) = dates[index];
        let programme = store
            .create_programme(&NewProgramme {
                organisation: organisation.id,
                region: demo.regions[index].code,
                title: text(title_ja, title_en),
                summary: text(
                    "留学生のチームが町に滞在し、町の魅力を伝えるものを作ります。",
                    "A team of students stays in the town and makes something that tells its story.",
                ),
                starts_on,
                ends_on,
            })
            .await?;
        store
            .update_programme_details(
                programme.id,
                &ProgrammeDetails {
                    theme: text("観光と発信", "Tourism and outreach"),
                    description: text(
                        "町の人と一緒に、外国から来る人のための案内を作ります。",
                        "Together with the townspeople, make a guide for visitors from abroad.",
                    ),
                    application_window: Some(DateRange::new(days(-7), days(30))?),
                    seats: Some(Seats::new(8)?),
                    japanese_speaker_rule: None,
                    participants_receive: ParticipantsReceive {
                        accommodation: text("ホームステイ", "A homestay"),
                        meals: text("三食", "Three meals a day"),
                        other: LocalizedText::default(),
                    },
                },
            )
            .await?;
        let programme = store
            .set_programme_status(programme.id, ProgrammeStatus::Draft, ProgrammeStatus::Open)
            .await?;
        let mut stored_teams = Vec::new();
        for spec in &specs {
            stored_teams.push(store.add_team(programme.id, spec).await?);
        }
        programmes.push(programme);
        teams.push(stored_teams);
    }
    let programmes: [Programme; 2] = programmes
        .try_into()
        .map_err(|_| anyhow::anyhow!("two programmes"))?;
    let teams: [Vec<Team>; 2] = teams
        .try_into()
        .map_err(|_| anyhow::anyhow!("two lists of teams"))?;
    let available = DateRange::new(days(50), days(100))?;

    for line in BACKGROUND.lines().filter(|line| !line.trim().is_empty()) {
        let columns: Vec<&str> = line.split('|').map(str::trim).collect();
        let [name, mailbox, nationality, languages, skills, ranked] = columns[..] else {
            bail!("a background line needs six columns: {line:?}");
        };
        let user = store
            .create_user(
                &NewUser {
                    email: EmailAddress::parse(&format!("{mailbox}@example.org"))
                        .map_err(|_| anyhow::anyhow!("bad e-mail address"))?,
                    display_name: DisplayName::parse(name)?,
                    // Not a password hash: these accounts cannot sign in.
                    password_hash: "!no-password".to_owned(),
                    is_site_admin: false,
                    preferred_locale: None,
                },
                now,
            )
            .await?;
        let mut language_skills = Vec::new();
        for pair in languages.split_whitespace() {
            let (code, level) = pair.split_once(':').context("a language is code:level")?;
            language_skills.push(LanguageSkill::new(
                LanguageCode::parse(code)?,
                LanguageLevel::parse(level)?,
            )?);
        }
        let profile = NewParticipantProfile {
            display_name: DisplayName::parse(name)?,
            nationalities: vec![CountryCode::parse(nationality)?],
            languages: language_skills,
            skills: skills
                .split_whitespace()
                .map(SkillSlug::parse)
                .collect::<Result<_, _>>()?,
            affiliation: None,
            availability: vec![available],
            dietary_requirements: vec![],
            dietary_notes: None,
            accessibility_needs: None,
            bio: Some(Bio::parse("地方の町で働いてみたいです。")?),
        };
        store
            .save_participant_profile(user.id, &profile, now)
            .await?;
        for (rank, letter) in ranked.split_whitespace().enumerate() {
            let programme = match letter {
                "A" => &programmes[0],
                "B" => &programmes[1],
                other => bail!("no programme {other:?}"),
            };
            store
                .apply(
                    &NewApplication {
                        programme: programme.id,
                        applicant: user.id,
                        rank: PreferenceRank::new(u8::try_from(rank + 1)?)?,
                        motivation: Motivation::parse("町の人と一緒に働きたいです。")?,
                    },
                    now,
                )
                .await?;
        }
    }
    Ok(Fixture {
        organisation,
        programmes,
        teams,
        available,
    })
}

// --- page helpers -------------------------------------------------------------------------------------

async fn click(browser: &Browser, css: &str) -> anyhow::Result<()> {
    let element = match browser.client.find(Locator::Css(css)).await {
        Ok(element) => element,
        Err(error) => bail!(
            "no {css} ({error}); {}",
            page_context(browser, "main").await
        ),
    };
    element
        .click()
        .await
        .with_context(|| format!("clicking {css}"))?;
    Ok(())
}

async fn type_into(browser: &Browser, css: &str, value: &str) -> anyhow::Result<()> {
    let field = browser
        .client
        .find(Locator::Css(css))
        .await
        .with_context(|| format!("no {css}"))?;
    field.clear().await?;
    field
        .send_keys(value)
        .await
        .with_context(|| format!("typing into {css}"))?;
    Ok(())
}

async fn choose(browser: &Browser, css: &str, value: &str) -> anyhow::Result<()> {
    browser
        .client
        .find(Locator::Css(css))
        .await
        .with_context(|| format!("no {css}"))?
        .select_by_value(value)
        .await
        .with_context(|| format!("choosing {value:?} in {css}"))?;
    Ok(())
}

async fn value_of(browser: &Browser, css: &str) -> anyhow::Result<String> {
    browser
        .script_text(&format!(
            "const e = document.querySelector({css:?}); return e ? e.value : '';"
        ))
        .await
}

/// Type a day into an `<input type=date>` the way a person does: Chromium shows the year, month
/// and day parts in the order of the browser's own locale (not the page's), so read that order
/// from `Intl`, then type each part. A month or a day is two digits and Chromium moves on by
/// itself; a year may have up to six digits, so the right arrow key moves on from it. Then check
/// the control holds the day.
async fn type_date(browser: &Browser, css: &str, day: Date) -> anyhow::Result<()> {
    let order = browser
        .script_text(
            "return new Intl.DateTimeFormat(undefined, {year: 'numeric', month: '2-digit', day: '2-digit'}) \
               .formatToParts(new Date(2000, 10, 22)).map(p => p.type) \
               .filter(t => t === 'year' || t === 'month' || t === 'day').join(',');",
        )
        .await?;
    let mut typed = String::new();
    for part in order.split(',') {
        match part {
            // WebDriver's code for the right arrow key.
            "year" => typed.push_str(&format!("{:04}\u{E014}", day.year())),
            "month" => typed.push_str(&format!("{:02}", u8::from(day.month()))),
            "day" => typed.push_str(&format!("{:02}", day.day())),
            other => bail!("unexpected date part {other:?} (the order is {order:?})"),
        }
    }
    let field = browser
        .client
        .find(Locator::Css(css))
        .await
        .with_context(|| format!("no {css}"))?;
    field.send_keys(&typed).await?;
    let expected = day.to_string();
    let value = value_of(browser, css).await?;
    ensure!(
        value == expected,
        "typing {typed:?} into {css} (parts in the order {order}) left the value {value:?}, \
         expected {expected:?}"
    );
    Ok(())
}

async fn sign_in(browser: &Browser, name: &str, email: &str, password: &str) -> anyhow::Result<()> {
    browser
        .enter_account("/sign-in", name, email, password)
        .await
}

async fn user_id(store: &Store, email: &str) -> anyhow::Result<UserId> {
    let email = EmailAddress::parse(email).map_err(|_| anyhow::anyhow!("bad e-mail address"))?;
    Ok(store.user_with_password_by_email(&email).await?.user.id)
}

/// The participant's applications to programmes A and B.
async fn participant_applications(
    store: &Store,
    fixture: &Fixture,
) -> anyhow::Result<[sosei_core::application::Application; 2]> {
    let participant = user_id(store, PARTICIPANT_EMAIL).await?;
    let applications = store.applications_of_user(participant).await?;
    let find = |programme: &Programme| {
        applications
            .iter()
            .find(|a| a.programme == programme.id)
            .cloned()
            .with_context(|| format!("no application to programme {}", programme.id))
    };
    Ok([find(&fixture.programmes[0])?, find(&fixture.programmes[1])?])
}

// --- the participant ------------------------------------------------------------------------------------

async fn participant_signs_up(browser: &Browser) -> anyhow::Result<()> {
    browser
        .enter_account(
            "/sign-up",
            PARTICIPANT_NAME,
            PARTICIPANT_EMAIL,
            PARTICIPANT_PASSWORD,
        )
        .await
}

async fn fill_in_the_profile(
    browser: &Browser,
    store: &Store,
    fixture: &Fixture,
) -> anyhow::Result<()> {
    browser.open("/me/profile").await?;
    ensure!(
        value_of(browser, "#field-display-name").await? == PARTICIPANT_NAME,
        "the new profile should start with the account's name; {}",
        page_context(browser, "main").await
    );
    choose(browser, "select#field-nationality-1", "TH").await?;
    for (row, (language, level)) in [("th", "native"), ("en", "c1"), ("ja", "n3")]
        .into_iter()
        .enumerate()
    {
        choose(
            browser,
            &format!("select#field-language-{}", row + 1),
            language,
        )
        .await?;
        choose(browser, &format!("select#field-level-{}", row + 1), level).await?;
    }
    for skill in ["graphic-design", "tourism-planning"] {
        click(browser, &format!("input[name=skill][value={skill}]")).await?;
    }
    type_date(
        browser,
        "#field-available-from-1",
        fixture.available.starts_on(),
    )
    .await?;
    type_date(
        browser,
        "#field-available-until-1",
        fixture.available.ends_on(),
    )
    .await?;
    type_into(browser, "textarea#field-bio", PARTICIPANT_BIO).await?;
    click(browser, "form[action$='/me/profile'] button[type=submit]").await?;
    wait_for_script(
        browser,
        "the saved profile",
        "return location.search.includes('saved=1');",
        "main",
    )
    .await?;
    let participant = user_id(store, PARTICIPANT_EMAIL).await?;
    let stored = store.participant_profile(participant).await?.details;
    let languages: Vec<(String, String)> = stored
        .languages
        .iter()
        .map(|l| {
            (
                l.language().as_str().to_owned(),
                l.level().as_str().to_owned(),
            )
        })
        .collect();
    let skills: Vec<&str> = stored.skills.iter().map(SkillSlug::as_str).collect();
    ensure!(
        stored.display_name.as_str() == PARTICIPANT_NAME
            && stored
                .nationalities
                .iter()
                .map(CountryCode::as_str)
                .collect::<Vec<_>>()
                == ["TH"]
            && languages.len() == 3
            && languages.contains(&("en".to_owned(), "c1".to_owned()))
            && languages.contains(&("ja".to_owned(), "n3".to_owned()))
            && skills.contains(&"graphic-design")
            && skills.contains(&"tourism-planning")
            && stored.availability == vec![fixture.available]
            && stored.bio.as_ref().map(Bio::as_str) == Some(PARTICIPANT_BIO),
        "the store holds the profile {stored:?}"
    );
    // Saved again, the form shows what was stored.
    ensure!(
        value_of(browser, "select#field-nationality-1").await? == "TH"
            && value_of(browser, "textarea#field-bio").await? == PARTICIPANT_BIO,
        "the saved profile page does not show the saved values; {}",
        page_context(browser, "main").await
    );
    Ok(())
}

async fn apply_to(browser: &Browser, programme: &Programme, rank: u8) -> anyhow::Result<()> {
    let path = format!("/programmes/{}", programme.id);
    browser.open(&path).await?;
    click(browser, &format!("main a[href$='{path}/apply']")).await?;
    wait_for_script(
        browser,
        "the application form",
        "return !!document.querySelector('#field-rank');",
        "main",
    )
    .await?;
    let proposed = value_of(browser, "#field-rank").await?;
    ensure!(
        proposed == rank.to_string(),
        "the form proposes rank {proposed:?}, expected the next free rank {rank}"
    );
    type_into(browser, "#field-rank", &rank.to_string()).await?;
    type_into(browser, "textarea#field-motivation", MOTIVATION).await?;
    click(
        browser,
        &format!("form[action$='{path}/apply'] button[type=submit]"),
    )
    .await?;
    wait_for_script(
        browser,
        "the applications page after applying",
        "return location.pathname.endsWith('/me/applications') && location.search.includes('notice=applied');",
        "main",
    )
    .await
}

async fn apply_to_both(browser: &Browser, store: &Store, fixture: &Fixture) -> anyhow::Result<()> {
    for (index, programme) in fixture.programmes.iter().enumerate() {
        apply_to(browser, programme, u8::try_from(index + 1)?)
            .await
            .with_context(|| format!("applying to {}", programme.title.text(Locale::Ja)))?;
    }
    browser.open("/me/applications").await?;
    let cards = application_cards(browser).await?;
    ensure!(
        cards.len() == 2
            && cards[0].contains(TITLES[0].0)
            && cards[1].contains(TITLES[1].0)
            && cards.iter().all(|c| c.contains("応募を受け付けました")),
        "/me/applications should list both programmes, first choice first, as submitted; shows {cards:?}"
    );
    let [first, second] = participant_applications(store, fixture).await?;
    ensure!(
        first.rank.get() == 1
            && second.rank.get() == 2
            && first.status == ApplicationStatus::Submitted
            && second.status == ApplicationStatus::Submitted
            && first.motivation.as_str() == MOTIVATION,
        "the store holds {first:?} and {second:?}"
    );
    Ok(())
}

/// The text of each application card on `/me/applications`, in page order.
async fn application_cards(browser: &Browser) -> anyhow::Result<Vec<String>> {
    Ok(browser
        .script("return [...document.querySelectorAll('main li.card')].map(li => li.innerText);")
        .await?
        .as_array()
        .map(|cards| {
            cards
                .iter()
                .filter_map(|c| c.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default())
}

async fn accept_the_offer(
    browser: &Browser,
    store: &Store,
    fixture: &Fixture,
    offered: ApplicationId,
) -> anyhow::Result<()> {
    browser.open("/me/applications").await?;
    let card = format!("li.card[aria-labelledby=application-{offered}]");
    let text = browser
        .script_text(&format!(
            "const c = document.querySelector({card:?}); return c ? c.innerText : '';"
        ))
        .await?;
    ensure!(
        text.contains("参加のご案内が届いています"),
        "the offered application should say so; {}",
        page_context(browser, "main").await
    );
    click(
        browser,
        &format!(
            "{card} form[action$='/me/applications/{offered}/status']:has(input[name=to][value=accepted]) button[type=submit]"
        ),
    )
    .await?;
    wait_for_script(
        browser,
        "the notice after accepting",
        "return location.search.includes('notice=accepted');",
        "main",
    )
    .await?;
    wait_for_script(
        browser,
        "the accepted status on the card",
        &format!(
            "const c = document.querySelector({card:?}); return !!c && c.innerText.includes('参加が決まりました');"
        ),
        "main",
    )
    .await?;
    let stored = store.application(offered).await?;
    ensure!(
        stored.status == ApplicationStatus::Accepted,
        "the store says {:?}",
        stored.status
    );
    // The other application was never offered, so the participant holds one commitment only.
    let other = participant_applications(store, fixture)
        .await?
        .into_iter()
        .find(|a| a.id != offered)
        .context("the participant's other application")?;
    ensure!(
        other.status == ApplicationStatus::Submitted,
        "the participant's other application is {:?}",
        other.status
    );
    Ok(())
}

/// Signing up sent the link that confirms the address; then every status change wrote the
/// participant a message: two acknowledgements, the offer and the acceptance, each for its
/// programme, in the participant's language.
async fn messages_in_the_outbox(
    store: &Store,
    fixture: &Fixture,
    offered_programme: &Programme,
) -> anyhow::Result<()> {
    let participant = user_id(store, PARTICIPANT_EMAIL).await?;
    let mut messages = store.outbox_messages_for(participant).await?;
    ensure!(
        !messages.is_empty(),
        "the outbox holds no message for the participant"
    );
    let verification = messages.remove(0);
    let expected_verification = sosei_core::account_mail::email_verification_message(
        PARTICIPANT_NAME,
        "",
        0,
        verification.locale,
    );
    ensure!(
        verification.email.as_str() == PARTICIPANT_EMAIL
            && verification.subject == expected_verification.subject,
        "the first message should confirm the address signed up with, it is {:?} to {}",
        verification.subject,
        verification.email.as_str()
    );
    let expected: Vec<(ApplicationStatus, &Programme)> = vec![
        (ApplicationStatus::Submitted, &fixture.programmes[0]),
        (ApplicationStatus::Submitted, &fixture.programmes[1]),
        (ApplicationStatus::Offered, offered_programme),
        (ApplicationStatus::Accepted, offered_programme),
    ];
    let found: Vec<(&str, &str)> = messages
        .iter()
        .map(|m| (m.subject.as_str(), m.email.as_str()))
        .collect();
    ensure!(
        messages.len() == expected.len(),
        "expected {} messages to the participant, the outbox holds {found:?}",
        expected.len()
    );
    for (message, (status, programme)) in messages.iter().zip(&expected) {
        let composed = sosei_core::outbox::application_status_message(
            *status,
            PARTICIPANT_NAME,
            &programme.title,
            message.locale,
        );
        ensure!(
            message.email.as_str() == PARTICIPANT_EMAIL
                && message.subject == composed.subject
                && message.body == composed.body,
            "the message for {status:?} ({}) is {:?} / {:?}, expected {:?}",
            programme.title.text(Locale::Ja),
            message.subject,
            message.body,
            composed.subject
        );
    }
    println!("the outbox holds the participant's messages: {found:?}");
    Ok(())
}

// --- the coordinator ---------------------------------------------------------------------------------

fn matching_path(fixture: &Fixture) -> String {
    format!("/organisations/{}/matching", fixture.organisation.slug)
}

/// Where the participant's application `application` is placed now: the team and whether it is
/// locked.
async fn placement_of(
    store: &Store,
    fixture: &Fixture,
    application: ApplicationId,
) -> anyhow::Result<Option<(Team, bool)>> {
    for programme in &fixture.programmes {
        for assignment in store.team_assignments_of_programme(programme.id).await? {
            if assignment.application == application {
                let team = store.team(assignment.team).await?;
                return Ok(Some((team, assignment.locked)));
            }
        }
    }
    Ok(None)
}

/// The participant's placed application (one of the two) with its team.
async fn placed_application(
    store: &Store,
    fixture: &Fixture,
) -> anyhow::Result<(ApplicationId, Team, bool)> {
    let mut placed = Vec::new();
    for application in participant_applications(store, fixture).await? {
        if let Some((team, locked)) = placement_of(store, fixture, application.id).await? {
            placed.push((application.id, team, locked));
        }
    }
    ensure!(
        placed.len() == 1,
        "the participant should be placed exactly once, is placed {} times",
        placed.len()
    );
    Ok(placed.remove(0))
}

/// The row of the participant in team card `team` says their name (and `固定` when locked).
async fn team_card_shows_participant(
    browser: &Browser,
    team: &Team,
    locked: bool,
) -> anyhow::Result<()> {
    let card = format!("article#team-{}", team.id);
    let row = browser
        .script_text(&format!(
            "const rows = [...document.querySelectorAll({:?})]; \
             const row = rows.find(r => r.cells[0] && r.cells[0].innerText.includes({PARTICIPANT_NAME:?})); \
             return row ? row.cells[0].innerText : '';",
            format!("{card} tbody tr")
        ))
        .await?;
    ensure!(
        !row.is_empty(),
        "team {} should list {PARTICIPANT_NAME}; {}",
        team.spec.name().text(Locale::Ja),
        page_context(browser, &card).await
    );
    ensure!(
        row.contains("固定") == locked,
        "the participant's row in {} should {}be marked locked (固定), reads {row:?}",
        team.spec.name().text(Locale::Ja),
        if locked { "" } else { "not " }
    );
    Ok(())
}

async fn run_the_matcher(browser: &Browser, fixture: &Fixture) -> anyhow::Result<()> {
    browser.open(&matching_path(fixture)).await?;
    for programme in &fixture.programmes {
        let checkbox = format!("input#programme-{}", programme.id);
        let checked = browser
            .script(&format!(
                "const c = document.querySelector({checkbox:?}); return c ? c.checked : null;"
            ))
            .await?;
        ensure!(
            !checked.is_null(),
            "the round form does not offer {}; {}",
            programme.title.text(Locale::Ja),
            page_context(browser, "section[aria-labelledby=round-heading]").await
        );
        if checked != serde_json::Value::Bool(true) {
            click(browser, &checkbox).await?;
        }
    }
    click(browser, "form[action$='/matching/run'] button[type=submit]").await?;
    wait_for_script(
        browser,
        "the round's result",
        "return location.search.includes('done=run') && !!document.querySelector('#result article.team-card');",
        "main",
    )
    .await?;
    let figures = browser
        .script_text("const f = document.querySelector('#figures'); return f ? f.innerText : '';")
        .await?;
    println!("the round's figures: {}", figures.replace('\n', " | "));
    Ok(())
}

/// Run the matcher, find the participant placed, move them to the other team of their programme.
/// Returns the participant's placed application and the team they were moved to.
async fn run_and_move(
    browser: &Browser,
    store: &Store,
    fixture: &Fixture,
) -> anyhow::Result<(ApplicationId, Team)> {
    run_the_matcher(browser, fixture).await?;
    let (application, team, locked) = placed_application(store, fixture).await?;
    ensure!(!locked, "the matcher's placement should not be locked");
    team_card_shows_participant(browser, &team, false).await?;
    let programme_index = fixture
        .programmes
        .iter()
        .position(|p| p.id == team.programme)
        .context("placed in a programme of no fixture")?;
    let other = fixture.teams[programme_index]
        .iter()
        .find(|t| t.id != team.id)
        .context("the programme has one team")?
        .clone();
    println!(
        "the matcher placed {PARTICIPANT_NAME} in {} of {}; moving them to {}",
        team.spec.name().text(Locale::Ja),
        fixture.programmes[programme_index].title.text(Locale::Ja),
        other.spec.name().text(Locale::Ja)
    );
    choose(
        browser,
        &format!("select#move-{application}"),
        &other.id.to_string(),
    )
    .await?;
    click(
        browser,
        &format!("form[action$='/assignments/{application}/move'] button[type=submit]"),
    )
    .await?;
    wait_for_script(
        browser,
        "the page after the move",
        "return location.search.includes('done=moved');",
        "main",
    )
    .await?;
    team_card_shows_participant(browser, &other, true).await?;
    let now = placement_of(store, fixture, application).await?;
    ensure!(
        matches!(&now, Some((t, true)) if t.id == other.id),
        "after the move the store has {:?}",
        now.map(|(t, locked)| (t.id, locked))
    );
    Ok((application, other))
}

async fn rerun_keeps_the_move(
    browser: &Browser,
    store: &Store,
    fixture: &Fixture,
    application: ApplicationId,
    moved_to: &Team,
) -> anyhow::Result<()> {
    run_the_matcher(browser, fixture).await?;
    let rounds = store
        .match_rounds_of_organisation(fixture.organisation.id)
        .await?;
    ensure!(rounds.len() == 2, "{} rounds are stored", rounds.len());
    let now = placement_of(store, fixture, application).await?;
    ensure!(
        matches!(&now, Some((t, true)) if t.id == moved_to.id),
        "after the re-run the store has {:?}, expected team {} locked",
        now.map(|(t, locked)| (t.id, locked)),
        moved_to.id
    );
    team_card_shows_participant(browser, moved_to, true).await
}

/// Send the offers; every placed application becomes offered, the others stay submitted.
async fn send_offers(browser: &Browser, store: &Store, fixture: &Fixture) -> anyhow::Result<()> {
    browser.open(&matching_path(fixture)).await?;
    click(
        browser,
        "form[action$='/matching/offers'] button[type=submit]",
    )
    .await?;
    wait_for_script(
        browser,
        "the notice after sending offers",
        "return location.search.includes('done=offers');",
        "main",
    )
    .await?;
    let mut placed = Vec::new();
    for programme in &fixture.programmes {
        for assignment in store.team_assignments_of_programme(programme.id).await? {
            placed.push(assignment.application);
        }
    }
    let url = browser.client.current_url().await?;
    // The report names each application: `sent` lists the offered ones, `not_sent` the others.
    let listed = |key: &str| {
        url.query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.split(',').filter(|id| !id.is_empty()).count())
    };
    ensure!(
        listed("sent") == Some(placed.len()) && listed("not_sent") == Some(0),
        "{} people are placed, but the page reports {url}",
        placed.len()
    );
    let notice = browser
        .script_text(
            "const n = document.querySelector('main .alert-success'); return n ? n.innerText : '';",
        )
        .await?;
    ensure!(
        notice.contains(&format!("オファーを{}件送りました", placed.len())),
        "the notice reads {notice:?}"
    );
    for programme in &fixture.programmes {
        for application in store.applications_of_programme(programme.id).await? {
            let expected = if placed.contains(&application.id) {
                ApplicationStatus::Offered
            } else {
                ApplicationStatus::Submitted
            };
            ensure!(
                application.status == expected,
                "application {} is {:?}, expected {expected:?}",
                application.id,
                application.status
            );
        }
    }
    println!("offers sent to {} placed applicants", placed.len());
    Ok(())
}

// --- the scenario ------------------------------------------------------------------------------------

async fn run_scenario(
    browser: &Browser,
    store: &Store,
    axe_source: &str,
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let fixture = set_up_round(store)
        .await
        .context("setting up the round through the store")?;
    browser.open("/").await?;
    set_language(browser, Locale::Ja).await?;

    // The participant.
    if !record(
        failures,
        "a new participant signs up",
        participant_signs_up(browser).await,
    ) {
        return Ok(());
    }
    if !record(
        failures,
        "the participant fills in and saves their profile",
        fill_in_the_profile(browser, store, &fixture).await,
    ) {
        return Ok(());
    }
    axe_in_both_languages(browser, axe_source, "/me/profile", "profile page", failures).await?;
    let programme_page = format!("/programmes/{}", fixture.programmes[0].id);
    axe_in_both_languages(
        browser,
        axe_source,
        &programme_page,
        "programme page",
        failures,
    )
    .await?;
    if !record(
        failures,
        "the participant applies to both programmes (ranks 1 and 2) and sees both applications",
        apply_to_both(browser, store, &fixture).await,
    ) {
        return Ok(());
    }
    axe_in_both_languages(
        browser,
        axe_source,
        "/me/applications",
        "applications page",
        failures,
    )
    .await?;

    // The coordinator.
    browser.sign_out(PARTICIPANT_NAME).await?;
    if !record(
        failures,
        "the coordinator signs in",
        sign_in(
            browser,
            COORDINATOR_NAME,
            COORDINATOR_EMAIL,
            COORDINATOR_PASSWORD,
        )
        .await,
    ) {
        return Ok(());
    }
    let moved = run_and_move(browser, store, &fixture).await;
    let Some((application, moved_to)) = moved
        .map_err(|error| {
            record(
                failures,
                "the coordinator runs the matcher and moves the participant to another team",
                Err(error),
            );
        })
        .ok()
    else {
        return Ok(());
    };
    record(
        failures,
        "the coordinator runs the matcher and moves the participant to another team",
        Ok(()),
    );
    record(
        failures,
        "a re-run keeps the moved participant in their team (locked)",
        rerun_keeps_the_move(browser, store, &fixture, application, &moved_to).await,
    );
    axe_in_both_languages(
        browser,
        axe_source,
        &matching_path(&fixture),
        "matching result",
        failures,
    )
    .await?;
    if !record(
        failures,
        "the coordinator sends the offers",
        send_offers(browser, store, &fixture).await,
    ) {
        return Ok(());
    }
    browser.open("/").await?;
    browser.sign_out(COORDINATOR_NAME).await?;

    // The participant again.
    record(
        failures,
        "the participant signs in",
        sign_in(
            browser,
            PARTICIPANT_NAME,
            PARTICIPANT_EMAIL,
            PARTICIPANT_PASSWORD,
        )
        .await,
    );
    if record(
        failures,
        "the participant sees the offer and accepts it",
        accept_the_offer(browser, store, &fixture, application).await,
    ) {
        let offered_programme = fixture
            .programmes
            .iter()
            .find(|p| p.id == moved_to.programme)
            .context("the team's programme")?;
        record(
            failures,
            "the outbox holds a message for each of the participant's status changes",
            messages_in_the_outbox(store, &fixture, offered_programme).await,
        );
        axe_in_both_languages(
            browser,
            axe_source,
            "/me/applications",
            "applications page with an accepted offer",
            failures,
        )
        .await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_applies_and_a_coordinator_matches_and_offers_in_a_real_browser() {
    if common::skip_without_browser() {
        return;
    }
    let started = Instant::now();
    let rig = common::Rig::start("programmes").await;
    let mut failures = Vec::new();
    let outcome = run_scenario(
        &rig.browser,
        &rig.server.store,
        &rig.axe_source,
        &mut failures,
    )
    .await;
    println!("the scenario took {:.1} s", started.elapsed().as_secs_f64());
    rig.finish(failures, outcome).await;
}
