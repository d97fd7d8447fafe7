//! 知恵ラボ's acceptance test in a real browser (headless Chromium through chromedriver, against
//! the real server with the demo data; the harness is in `common/mod.rs`).
//!
//! A conversation is set up through the store, as a facilitator would have made it: owned by a
//! demo organisation, joined with an invitation code, asking each participant's relationship to
//! the town, pre-moderated, with twelve accepted seed statements and two camps of background
//! participants whose votes let opinion groups form. Then, in the browser:
//!
//! 1. a participant joins with the invitation code and answers the attribute question;
//! 2. votes on ten statements using only the keyboard (Tab to the answer, Enter or Space);
//! 3. writes a statement, which waits for review;
//! 4. sees the opinion map with themselves marked and their group named;
//! 5. a facilitator signs in, accepts the statement in the moderation queue, adds a fact card;
//! 6. and reads the report in Japanese and English and downloads it as Markdown and CSV.
//!
//! axe-core checks the conversation page, the voting state, the results, the moderation queue,
//! the fact cards and the report in both languages (nothing serious or critical allowed).
//! Every step is recorded separately, so one run reports everything that is broken; a failure
//! names the page and shows the part of it that matters.
#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use common::{
    Browser, axe_in_both_languages, axe_open_page, page_context, record, wait_for_script,
};
use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use sosei_core::deliberation::{
    AttributeQuestion, InvitationCode, ModerationMode, ModerationStatus, NewConversation,
    ParticipantIdentity, ParticipationMode, StatementText, VoteChoice, VoteRecord,
};
use sosei_core::{ConversationId, Locale, LocalizedText, ParticipantId, Role, StatementId};
use sosei_store::Store;
use time::OffsetDateTime;

const INVITATION_CODE: &str = "EKIMAE-2026";
const FACILITATOR_NAME: &str = "進行 太郎";
const FACILITATOR_EMAIL: &str = "taro.shinko@example.jp";
const FACILITATOR_PASSWORD: &str = "a long facilitator passphrase";
/// The participant's answer to "your relationship to the town".
const RELATIONSHIP: &str = "commuter";
const WRITTEN_STATEMENT: &str = "空き店舗の一つを、高校生が放課後に自習できる場所にしてほしい。";
const FACT_TEXT_JA: &str = "遠野駅前の空き店舗は、2024年3月末の時点で14軒でした。";
const FACT_TEXT_EN: &str = "There were 14 empty shops near Tono station at the end of March 2024.";
const FACT_CITATION: &str = "遠野市 商工観光課「駅前商店街 空き店舗調査」";

/// Twelve seed statements. The first six are what camp A agrees with and camp B rejects; the
/// last six the other way round.
const SEED_STATEMENTS: [&str; 12] = [
    "駅前の空き店舗は、まず地元の若い人の起業に安く貸すべきだ。",
    "観光客向けの店より、住民が毎日使う店を優先したい。",
    "空き店舗の改修には、町の予算をもっと使ってよい。",
    "駅前に子どもが集まれる屋内の遊び場がほしい。",
    "週末だけの市場より、毎日開いている店が必要だ。",
    "移住してきた人が店を始めやすいよう、家賃を補助すべきだ。",
    "駅前は観光客を呼ぶ場所として整備するのが一番だ。",
    "空き店舗は取り壊して駐車場にした方が便利だ。",
    "町の予算は駅前より、郊外の道路に使うべきだ。",
    "店を増やすより、今ある店を守ることが大事だ。",
    "駅前の再開発は民間企業に任せた方がうまくいく。",
    "夜も人が集まるよう、飲食店を中心にすべきだ。",
];

/// How many seed statements camp A agrees with (the rest it rejects).
const CAMP_A_AGREES_WITH: usize = 6;

/// Background participants in each camp.
const PARTICIPANTS_PER_CAMP: usize = 6;

/// Votes the participant casts with the keyboard.
const KEYBOARD_VOTES: usize = 10;

/// How many Tab presses from the beginning of the page may pass before a control must have been
/// reached; more means the control is out of reach of the keyboard (or the page is very long).
const MAX_TABS: usize = 150;

const WAIT: Duration = Duration::from_secs(15);

/// What the store holds for the test, by id.
struct Fixture {
    conversation: ConversationId,
    seeds: Vec<StatementId>,
    background: Vec<ParticipantId>,
}

fn seed_index(fixture: &Fixture, statement: StatementId) -> Option<usize> {
    fixture.seeds.iter().position(|seed| *seed == statement)
}

/// What camp A (whose side the participant takes) answers to a seed statement.
fn camp_a_choice(index: usize) -> VoteChoice {
    if index < CAMP_A_AGREES_WITH {
        VoteChoice::Agree
    } else {
        VoteChoice::Disagree
    }
}

// --- the conversation, through the store ------------------------------------------------------------

async fn set_up_conversation(store: &Store) -> anyhow::Result<Fixture> {
    let now = OffsetDateTime::now_utc();
    let demo = sosei::demo::demo_data()?;
    let demo_organisation = demo
        .organisations
        .first()
        .context("the demo data has no organisation")?;
    let organisation = store
        .organisation_by_slug(&demo_organisation.slug)
        .await
        .context("the demo organisation is not in the store")?;

    // A facilitator of that organisation, as `sosei user create` would make one.
    let request = sosei::users::UserRequest::parse(FACILITATOR_EMAIL, FACILITATOR_NAME, false)?;
    let facilitator = match sosei::users::create_or_promote(store, &request, || {
        Ok(FACILITATOR_PASSWORD.to_owned())
    })
    .await?
    {
        sosei::users::UserOutcome::Created(user)
        | sosei::users::UserOutcome::Promoted(user)
        | sosei::users::UserOutcome::Unchanged(user) => user,
    };
    store
        .grant_role(organisation.id, facilitator.id, Role::Facilitator)
        .await?;

    let conversation = store
        .create_conversation(
            &NewConversation {
                organisation: organisation.id,
                region: None,
                title: LocalizedText::new(
                    "駅前の空き店舗をどう生かすか",
                    "What should become of the empty shops by the station?",
                ),
                question: LocalizedText::new(
                    "駅前の空き店舗を、これからどう使っていくのがよいと思いますか。",
                    "How should the empty shops by the station be used from now on?",
                ),
                description: LocalizedText::new(
                    "町の中心にある駅前商店街について、皆さんの考えを聞かせてください。",
                    "Tell us what you think about the shopping street by the station.",
                ),
                moderation_mode: ModerationMode::Pre,
                participation_mode: ParticipationMode::InvitationCode,
                invitation_code: Some(InvitationCode::parse(INVITATION_CODE)?),
                attribute_questions: vec![AttributeQuestion::Relationship],
                district_options: vec![],
            },
            now,
        )
        .await?;
    store
        .set_conversation_state(
            conversation.id,
            sosei_core::deliberation::ConversationState::Open,
            now,
        )
        .await?;

    let mut seeds = Vec::new();
    for text in SEED_STATEMENTS {
        let statement = store
            .add_statement(
                conversation.id,
                None,
                &StatementText::parse(text)?,
                true,
                ModerationStatus::Accepted,
                now,
            )
            .await?;
        seeds.push(statement.id);
    }

    // Two camps of background participants who answer every seed statement in opposite ways.
    let mut background = Vec::new();
    let mut votes = Vec::new();
    for camp in ["a", "b"] {
        for number in 0..PARTICIPANTS_PER_CAMP {
            let attributes = BTreeMap::from([(
                AttributeQuestion::Relationship.as_str().to_owned(),
                if camp == "a" {
                    "resident"
                } else {
                    "regular_visitor"
                }
                .to_owned(),
            )]);
            let participant = store
                .join_conversation(
                    conversation.id,
                    &ParticipantIdentity::External(format!("background-{camp}-{number}")),
                    &attributes,
                    now,
                )
                .await?;
            background.push(participant.id);
            for (index, statement) in seeds.iter().enumerate() {
                let choice = match (camp, camp_a_choice(index)) {
                    ("a", choice) => choice,
                    (_, VoteChoice::Agree) => VoteChoice::Disagree,
                    (_, _) => VoteChoice::Agree,
                };
                votes.push(VoteRecord {
                    participant: participant.id,
                    statement: *statement,
                    choice,
                    at: now,
                });
            }
        }
    }
    store.cast_votes(&votes).await?;
    Ok(Fixture {
        conversation: conversation.id,
        seeds,
        background,
    })
}

// --- page helpers -------------------------------------------------------------------------------------

async fn active_element_html(browser: &Browser) -> String {
    browser
        .script_text(
            "const e = document.activeElement; return e ? e.outerHTML.slice(0, 300) : '(nothing)';",
        )
        .await
        .unwrap_or_default()
}

async fn active_element_matches(browser: &Browser, css: &str) -> anyhow::Result<bool> {
    let script = format!(
        "const e = document.activeElement; return !!(e && e.matches && e.matches({css:?}));"
    );
    Ok(browser.script(&script).await?.as_bool().unwrap_or(false))
}

/// Press and release one key, as a keyboard does (WebDriver key actions, not synthetic events).
async fn press(browser: &Browser, key: Key) -> anyhow::Result<()> {
    let value: char = key.into();
    let actions = KeyActions::new("keyboard".to_owned())
        .then(KeyAction::Down { value })
        .then(KeyAction::Up { value });
    browser
        .client
        .perform_actions(actions)
        .await
        .context("the key actions failed")?;
    Ok(())
}

/// Press Tab until the focused element matches `css`.
async fn tab_to(browser: &Browser, css: &str) -> anyhow::Result<()> {
    for _ in 0..MAX_TABS {
        if active_element_matches(browser, css).await? {
            return Ok(());
        }
        press(browser, Key::Tab).await?;
    }
    bail!(
        "{MAX_TABS} presses of Tab did not reach {css}; focus is on {}; {}",
        active_element_html(browser).await,
        page_context(browser, css).await
    )
}

fn conversation_path(fixture: &Fixture) -> String {
    format!("/conversations/{}", fixture.conversation)
}

/// The participant the browser became: the one who is not a background participant.
async fn browser_participant(
    store: &Store,
    fixture: &Fixture,
) -> anyhow::Result<sosei_core::deliberation::Participant> {
    let mut joined: Vec<_> = store
        .participants(fixture.conversation)
        .await?
        .into_iter()
        .filter(|participant| !fixture.background.contains(&participant.id))
        .collect();
    ensure!(
        joined.len() == 1,
        "expected one participant besides the background ones, found {}",
        joined.len()
    );
    Ok(joined.remove(0))
}

// --- the participant ------------------------------------------------------------------------------------

/// Join with the keyboard: Tab to the code field, type the code, Tab into the relationship
/// question, pick an answer with the arrow keys and Space, Tab to the button and press Enter.
async fn join_with_invitation_code(
    browser: &Browser,
    store: &Store,
    fixture: &Fixture,
) -> anyhow::Result<()> {
    browser.open(&conversation_path(fixture)).await?;
    let main = browser.main_text().await?;
    ensure!(
        main.contains("駅前の空き店舗をどう生かすか"),
        "the conversation page does not show its title; {}",
        page_context(browser, "main").await
    );
    tab_to(browser, "input#field-code").await?;
    browser
        .client
        .active_element()
        .await?
        .send_keys(INVITATION_CODE)
        .await
        .context("typing the invitation code")?;
    press(browser, Key::Tab).await?;
    ensure!(
        active_element_matches(browser, "input[type=radio][name=relationship]").await?,
        "Tab after the code field should enter the relationship question, but focus is on {}",
        active_element_html(browser).await
    );
    // Arrow keys move through a radio group (and select); "commuter" is the second answer.
    let mut moves = 0;
    while !active_element_matches(browser, &format!("input[value={RELATIONSHIP}]")).await? {
        ensure!(
            moves < 10,
            "the arrow keys did not reach the answer {RELATIONSHIP:?}; {}",
            page_context(browser, "fieldset.radio-group").await
        );
        press(browser, Key::Down).await?;
        moves += 1;
    }
    press(browser, Key::Space).await?;
    ensure!(
        browser
            .script(&format!(
                "return document.querySelector('input[name=relationship][value={RELATIONSHIP}]').checked;"
            ))
            .await?
            .as_bool()
            .unwrap_or(false),
        "the answer {RELATIONSHIP:?} is not checked; {}",
        page_context(browser, "fieldset.radio-group").await
    );
    tab_to(browser, "form.join-form button[type=submit]").await?;
    press(browser, Key::Enter).await?;
    wait_for_script(
        browser,
        "the voting area after joining",
        "return location.search.includes('joined=1') && !!document.querySelector('#voting-area form.vote-form');",
        "#taking-part",
    )
    .await?;
    let participant = browser_participant(store, fixture).await?;
    ensure!(
        matches!(participant.identity, ParticipantIdentity::Pseudonym(_)),
        "an invitation-code participant who is not signed in should be a pseudonym, is {:?}",
        participant.identity
    );
    ensure!(
        participant
            .attributes
            .get("relationship")
            .map(String::as_str)
            == Some(RELATIONSHIP),
        "the stored answers are {:?}",
        participant.attributes
    );
    Ok(())
}

/// The statement the voting area asks about now.
async fn current_statement(browser: &Browser) -> anyhow::Result<Option<StatementId>> {
    let raw = browser
        .script_text(
            "const i = document.querySelector('#voting-area form.vote-form input[name=statement_id]'); \
             return i ? i.value : '';",
        )
        .await?;
    Ok(raw.trim().parse::<i64>().ok().map(StatementId))
}

/// Answer `KEYBOARD_VOTES` statements with the keyboard alone, taking camp A's side (one pass
/// among them). The first answer button is reached by tabbing from the top of the page; after
/// each vote the script moves focus to the next statement, and Tab goes on from there.
async fn vote_with_the_keyboard(
    browser: &Browser,
    store: &Store,
    fixture: &Fixture,
) -> anyhow::Result<BTreeMap<StatementId, VoteChoice>> {
    browser.open(&conversation_path(fixture)).await?;
    let mut sent = BTreeMap::new();
    for number in 0..KEYBOARD_VOTES {
        let statement = current_statement(browser)
            .await?
            .with_context(|| format!("no statement to vote on before vote {}", number + 1))?;
        let index = seed_index(fixture, statement)
            .with_context(|| format!("statement {statement} is not a seed statement"))?;
        let choice = if number == 2 {
            VoteChoice::Pass
        } else {
            camp_a_choice(index)
        };
        // Agree, disagree and pass are in this order, so Tab reaches the choice from the first.
        if active_element_matches(browser, "#current-statement").await? {
            press(browser, Key::Tab).await?;
        } else {
            tab_to(browser, "#voting-area button.vote-agree").await?;
        }
        let steps = match choice {
            VoteChoice::Agree => 0,
            VoteChoice::Disagree => 1,
            VoteChoice::Pass => 2,
        };
        for _ in 0..steps {
            press(browser, Key::Tab).await?;
        }
        let button = format!(
            "#voting-area button[name=choice][value={}]",
            choice.as_str()
        );
        ensure!(
            active_element_matches(browser, &button).await?,
            "vote {}: focus should be on {button}, is on {}; {}",
            number + 1,
            active_element_html(browser).await,
            page_context(browser, "#voting-area").await
        );
        // Both keys that press a button.
        press(
            browser,
            if number % 2 == 0 {
                Key::Enter
            } else {
                Key::Space
            },
        )
        .await?;
        wait_for_script(
            browser,
            &format!("the voting area to count vote {}", number + 1),
            &format!(
                "const p = document.querySelector('#voting-area progress'); \
                 return !!p && Number(p.getAttribute('value')) === {};",
                number + 1
            ),
            "#voting-area",
        )
        .await?;
        sent.insert(statement, choice);
        // The next statement takes the focus, so a keyboard or screen reader user carries on
        // from there (the announcement goes to the live region).
        if number + 1 < SEED_STATEMENTS.len() {
            wait_for_script(
                browser,
                "focus on the next statement",
                "return document.activeElement && document.activeElement.id === 'current-statement';",
                "#voting-area",
            )
            .await
            .with_context(|| format!("after vote {}", number + 1))?;
        }
    }
    let participant = browser_participant(store, fixture).await?;
    let stored: BTreeMap<StatementId, VoteChoice> = store
        .votes_of_participant(participant.id)
        .await?
        .into_iter()
        .map(|vote| (vote.statement, vote.choice))
        .collect();
    ensure!(
        stored == sent,
        "the store holds the votes {stored:?}, the keyboard sent {sent:?}"
    );
    Ok(sent)
}

/// Write a statement (typing, Tab to the button, Enter) and see it wait for review.
async fn write_a_statement(
    browser: &Browser,
    store: &Store,
    fixture: &Fixture,
) -> anyhow::Result<StatementId> {
    browser.open(&conversation_path(fixture)).await?;
    tab_to(browser, "textarea#field-text").await?;
    browser
        .client
        .active_element()
        .await?
        .send_keys(WRITTEN_STATEMENT)
        .await
        .context("typing the statement")?;
    tab_to(browser, "form.statement-form button[type=submit]").await?;
    press(browser, Key::Enter).await?;
    wait_for_script(
        browser,
        "the page after writing a statement",
        "return location.search.includes('posted=review');",
        "#write",
    )
    .await?;
    let history = page_context(browser, ".vote-history").await;
    let pending_shown = browser
        .script(&format!(
            "return [...document.querySelectorAll('.vote-history-list li')].some(li => \
               li.querySelector('.vote-badge-pending') && li.innerText.includes({WRITTEN_STATEMENT:?}));"
        ))
        .await?
        .as_bool()
        .unwrap_or(false);
    ensure!(
        pending_shown,
        "the written statement should be listed as waiting for review; {history}"
    );
    let participant = browser_participant(store, fixture).await?;
    let statement = store
        .statements(fixture.conversation)
        .await?
        .into_iter()
        .find(|statement| statement.author == Some(participant.id))
        .context("the store has no statement by the participant")?;
    ensure!(
        statement.text.as_str() == WRITTEN_STATEMENT
            && statement.moderation == ModerationStatus::Pending,
        "stored as {:?} ({:?})",
        statement.text.as_str(),
        statement.moderation
    );
    Ok(statement.id)
}

/// The letter of the group camp A's background participants are in, by the stored analysis.
async fn camp_a_group_letter(store: &Store, fixture: &Fixture) -> anyhow::Result<char> {
    let stored = store
        .latest_analysis(fixture.conversation)
        .await?
        .context("no analysis is stored")?;
    let analysis: sosei_opinion::Analysis =
        serde_json::from_str(&stored.json).context("the stored analysis is not readable")?;
    let camp_a = fixture.background[0];
    let group = analysis
        .participants
        .iter()
        .find(|placement| placement.key == sosei_opinion::ParticipantKey(camp_a.0))
        .and_then(|placement| placement.group)
        .context("camp A's first participant is in no group")?;
    let letter = u8::try_from(group)
        .ok()
        .filter(|group| *group < 26)
        .map(|group| char::from(b'A' + group))
        .context("more than 26 groups")?;
    Ok(letter)
}

/// The results page: an SVG opinion map with the viewer marked ("あなた"), and the viewer's group
/// named — the group of camp A, whose side they took.
async fn see_the_map_and_my_group(
    browser: &Browser,
    store: &Store,
    fixture: &Fixture,
) -> anyhow::Result<()> {
    let path = format!("{}/results", conversation_path(fixture));
    // The analysis may be recomputed in the background after the last votes; reload until the
    // page places the viewer.
    let started = Instant::now();
    loop {
        browser.open(&path).await?;
        ensure!(
            !browser.is_error_page().await?,
            "the results page is an error page; {}",
            page_context(browser, "main").await
        );
        let ready = browser
            .script("return !!document.querySelector('main svg [data-map-you]') && !!document.querySelector('[data-your-group]');")
            .await?
            .as_bool()
            .unwrap_or(false);
        if ready {
            break;
        }
        if started.elapsed() > WAIT {
            bail!(
                "the results page shows no map with the viewer marked ([data-map-you] in an SVG) \
                 or no group of theirs ([data-your-group]); {}",
                page_context(browser, "main").await
            );
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    let map = browser
        .script(
            "const svg = document.querySelector('main svg'); \
             const you = svg.querySelector('[data-map-you]'); \
             return { role: svg.getAttribute('role'), you: you.textContent.trim(), \
                      labelled: !!(svg.getAttribute('aria-labelledby') || svg.getAttribute('aria-label')) };",
        )
        .await?;
    ensure!(
        map["role"] == "img" && map["labelled"] == true,
        "the map should be an image with a text alternative; {}",
        page_context(browser, "main svg").await
    );
    ensure!(
        map["you"]
            .as_str()
            .is_some_and(|you| you.contains("あなた")),
        "the viewer's mark should say あなた in words, says {}; {}",
        map["you"],
        page_context(browser, "main svg [data-map-you]").await
    );
    let letter = camp_a_group_letter(store, fixture).await?;
    let sentence = browser
        .script_text("return document.querySelector('[data-your-group]').innerText;")
        .await?;
    ensure!(
        sentence.contains(&format!("グループ{letter}")),
        "the participant sided with camp A (in group {letter}), but the page says {sentence:?}; {}",
        page_context(browser, "[data-your-group]").await
    );
    println!("the results page says: {sentence}");
    Ok(())
}

// --- the facilitator ---------------------------------------------------------------------------------

async fn facilitator_signs_in(browser: &Browser) -> anyhow::Result<()> {
    browser
        .enter_account(
            "/sign-in",
            FACILITATOR_NAME,
            FACILITATOR_EMAIL,
            FACILITATOR_PASSWORD,
        )
        .await
}

async fn accept_in_moderation_queue(
    browser: &Browser,
    store: &Store,
    fixture: &Fixture,
    statement: StatementId,
) -> anyhow::Result<()> {
    let path = format!("{}/moderation", conversation_path(fixture));
    browser.open(&path).await?;
    let item = format!("li.moderation-item#statement-{statement}");
    let in_pending = browser
        .script(&format!(
            "const li = document.querySelector('section[aria-labelledby=pending-heading] {item}'); \
             return !!li && li.innerText.includes({WRITTEN_STATEMENT:?});"
        ))
        .await?
        .as_bool()
        .unwrap_or(false);
    ensure!(
        in_pending,
        "the written statement is not in the pending list; {}",
        page_context(browser, "section[aria-labelledby=pending-heading]").await
    );
    let accept = browser
        .client
        .find(Locator::Css(&format!(
            "{item} form:has(input[name=action][value=accept]) button[type=submit]"
        )))
        .await
        .with_context(|| {
            format!("no accept button for statement {statement} (looked in {item})")
        })?;
    accept.click().await?;
    wait_for_script(
        browser,
        "the statement to move to the accepted list",
        &format!(
            "return location.search.includes('done=accepted') && \
             !!document.querySelector('section[aria-labelledby=accepted-heading] {item}');"
        ),
        "main",
    )
    .await?;
    let stored = store.statement(statement).await?;
    ensure!(
        stored.moderation == ModerationStatus::Accepted,
        "the store says {:?}",
        stored.moderation
    );
    Ok(())
}

async fn add_a_fact_card(
    browser: &Browser,
    store: &Store,
    fixture: &Fixture,
) -> anyhow::Result<()> {
    let path = format!("{}/facts", conversation_path(fixture));
    browser.open(&path).await?;
    for (id, value) in [
        ("field-text-ja", FACT_TEXT_JA),
        ("field-text-en", FACT_TEXT_EN),
        ("field-value", "14"),
        ("field-unit", "軒"),
        ("field-as-of", "2024-03-31"),
        ("field-source-citation", FACT_CITATION),
        ("field-source-url", "https://www.city.tono.iwate.jp/"),
    ] {
        browser
            .client
            .find(Locator::Id(id))
            .await
            .with_context(|| format!("no #{id} on the fact card form"))?
            .send_keys(value)
            .await
            .with_context(|| format!("typing into #{id}"))?;
    }
    browser
        .client
        .find(Locator::Css("form[action$='/facts'] button[type=submit]"))
        .await
        .context("no button on the fact card form")?
        .click()
        .await?;
    wait_for_script(
        browser,
        "the new fact card on the facts page",
        &format!(
            "return location.search.includes('done=fact-added') && \
             [...document.querySelectorAll('.fact-card')].some(c => c.innerText.includes({FACT_CITATION:?}));"
        ),
        "main",
    )
    .await?;
    let cards = store.fact_cards(fixture.conversation).await?;
    ensure!(
        cards.len() == 1,
        "the store holds {} fact cards",
        cards.len()
    );
    // Participants see it beside the conversation.
    browser.open(&conversation_path(fixture)).await?;
    let panel = browser
        .script_text(
            "const p = document.querySelector('.facts-panel'); return p ? p.innerText : '';",
        )
        .await?;
    ensure!(
        panel.contains(FACT_TEXT_JA) && panel.contains("14"),
        "the conversation page does not show the fact card; {}",
        page_context(browser, ".facts-panel").await
    );
    Ok(())
}

/// The report in one language, and its Markdown and CSV downloads fetched with the browser's
/// session cookie.
async fn read_and_download_report(
    browser: &Browser,
    fixture: &Fixture,
    locale: Locale,
) -> anyhow::Result<()> {
    let path = format!("{}/report?lang={locale}", conversation_path(fixture));
    browser.open(&path).await?;
    ensure!(
        !browser.is_error_page().await?,
        "the report is an error page; {}",
        page_context(browser, "main").await
    );
    let (title, fact) = match locale {
        Locale::Ja => ("駅前の空き店舗をどう生かすか", FACT_TEXT_JA),
        Locale::En => (
            "What should become of the empty shops by the station?",
            FACT_TEXT_EN,
        ),
    };
    // The appendix lists every statement, possibly folded away, so read textContent. The
    // statement accepted a moment ago may need the analysis to catch up.
    let started = Instant::now();
    loop {
        let text = browser
            .script_text("return (document.querySelector('main') || document.body).textContent;")
            .await?;
        let missing: Vec<&str> = [title, fact, WRITTEN_STATEMENT, SEED_STATEMENTS[0]]
            .into_iter()
            .filter(|expected| !text.contains(expected))
            .collect();
        if missing.is_empty() {
            break;
        }
        if started.elapsed() > WAIT {
            bail!(
                "the report does not show {missing:?}; {}",
                page_context(browser, "main").await
            );
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
        browser.open(&path).await?;
    }
    let lang = browser.html_lang().await?;
    ensure!(
        lang == locale.as_str(),
        "the report asked for in {locale} has <html lang={lang:?}>"
    );

    let links: Vec<String> = browser
        .script(
            "return [...document.querySelectorAll('main a[href]')].map(a => a.href) \
               .filter(h => /\\.(md|csv)(\\?|$)|format=(md|markdown|csv)/.test(h));",
        )
        .await?
        .as_array()
        .map(|links| {
            links
                .iter()
                .filter_map(|link| link.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let this_language = format!("lang={locale}");
    let markdown = links
        .iter()
        .filter(|link| link.contains(".md") || link.contains("format=m"))
        .find(|link| link.contains(&this_language) || !link.contains("lang="))
        .with_context(|| format!("no Markdown download link among {links:?}"))?;
    let csv = links
        .iter()
        .filter(|link| link.contains("csv"))
        .find(|link| link.contains(&this_language) || !link.contains("lang="))
        .with_context(|| format!("no CSV download link among {links:?}"))?;

    let cookies: Vec<String> = browser
        .client
        .get_all_cookies()
        .await?
        .iter()
        .map(|cookie| format!("{}={}", cookie.name(), cookie.value()))
        .collect();
    let http = reqwest::Client::new();
    for (link, expected_type) in [(markdown, "text/markdown"), (csv, "text/csv")] {
        let response = http
            .get(link)
            .header(reqwest::header::COOKIE, cookies.join("; "))
            .send()
            .await
            .with_context(|| format!("GET {link}"))?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.text().await?;
        let header = |name: reqwest::header::HeaderName| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .unwrap_or("")
                .to_owned()
        };
        let content_type = header(reqwest::header::CONTENT_TYPE);
        let disposition = header(reqwest::header::CONTENT_DISPOSITION);
        let start: String = body.chars().take(300).collect();
        ensure!(
            status.is_success(),
            "GET {link}: {status}; the body starts {start:?}"
        );
        ensure!(
            content_type.starts_with(expected_type) && content_type.contains("charset=utf-8"),
            "GET {link}: Content-Type {content_type:?}, expected {expected_type}; charset=utf-8"
        );
        ensure!(
            disposition.starts_with("attachment"),
            "GET {link}: Content-Disposition {disposition:?}, expected an attachment"
        );
        ensure!(
            body.contains(WRITTEN_STATEMENT) && body.contains(SEED_STATEMENTS[0]),
            "GET {link}: the download does not list the statements; it starts {start:?}"
        );
        if expected_type == "text/markdown" {
            ensure!(
                body.contains(title),
                "GET {link}: the Markdown report does not carry the {locale} title; it starts {start:?}"
            );
        } else {
            let rows = body.lines().filter(|line| !line.trim().is_empty()).count();
            ensure!(
                rows > SEED_STATEMENTS.len(),
                "GET {link}: {rows} CSV lines, expected a header and a row per statement"
            );
        }
        println!(
            "downloaded {link}: {content_type}, {disposition}, {} bytes",
            body.len()
        );
    }
    Ok(())
}

// --- the scenario ------------------------------------------------------------------------------------

async fn run_scenario(
    browser: &Browser,
    store: &Store,
    axe_source: &str,
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let fixture = set_up_conversation(store)
        .await
        .context("setting up the conversation through the store")?;
    let conversation = conversation_path(&fixture);
    println!("the conversation is at {conversation}");

    // The conversation page with its join form (the participant has not joined yet).
    axe_in_both_languages(
        browser,
        axe_source,
        &conversation,
        "conversation page",
        failures,
    )
    .await?;

    let joined = record(
        failures,
        "a participant joins with the invitation code and answers the attribute question (keyboard)",
        join_with_invitation_code(browser, store, &fixture).await,
    );
    if !joined {
        return Ok(());
    }
    axe_in_both_languages(browser, axe_source, &conversation, "voting state", failures).await?;

    record(
        failures,
        "the participant votes on 10 statements using only the keyboard",
        vote_with_the_keyboard(browser, store, &fixture)
            .await
            .map(|_| ()),
    );
    let written = write_a_statement(browser, store, &fixture).await;
    let written = match written {
        Ok(statement) => {
            record(
                failures,
                "the participant writes a statement (pending review)",
                Ok(()),
            );
            Some(statement)
        }
        Err(error) => {
            record(
                failures,
                "the participant writes a statement (pending review)",
                Err(error),
            );
            None
        }
    };
    let results = format!("{conversation}/results");
    if record(
        failures,
        "the participant sees the opinion map, marked, with their group named",
        see_the_map_and_my_group(browser, store, &fixture).await,
    ) {
        axe_in_both_languages(browser, axe_source, &results, "results page", failures).await?;
    }

    if !record(
        failures,
        "the facilitator signs in",
        facilitator_signs_in(browser).await,
    ) {
        return Ok(());
    }
    let moderation = format!("{conversation}/moderation");
    // The queue with the statement still pending: its accept and reject controls are there.
    axe_in_both_languages(
        browser,
        axe_source,
        &moderation,
        "moderation queue",
        failures,
    )
    .await?;
    if let Some(statement) = written {
        record(
            failures,
            "the facilitator accepts the statement in the moderation queue",
            accept_in_moderation_queue(browser, store, &fixture, statement).await,
        );
    }
    record(
        failures,
        "the facilitator adds a fact card",
        add_a_fact_card(browser, store, &fixture).await,
    );
    axe_in_both_languages(
        browser,
        axe_source,
        &format!("{conversation}/facts"),
        "fact cards",
        failures,
    )
    .await?;

    for locale in [Locale::Ja, Locale::En] {
        record(
            failures,
            &format!("the facilitator reads the report in {locale} and downloads .md and .csv"),
            read_and_download_report(browser, &fixture, locale).await,
        );
        // The report's language is the one asked for in its address.
        let report = format!("{conversation}/report?lang={locale}");
        browser.open(&report).await?;
        axe_open_page(
            browser,
            axe_source,
            locale,
            &format!("[{locale}] report ({report})"),
            failures,
        )
        .await;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_participant_and_a_facilitator_take_a_conversation_through_in_a_real_browser() {
    if common::skip_without_browser() {
        return;
    }
    let rig = common::Rig::start("deliberation").await;
    let mut failures = Vec::new();
    let outcome = run_scenario(
        &rig.browser,
        &rig.server.store,
        &rig.axe_source,
        &mut failures,
    )
    .await;
    rig.finish(failures, outcome).await;
}
