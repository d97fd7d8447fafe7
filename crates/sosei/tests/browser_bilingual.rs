//! Bilingual participation and the demo's accounts in a real browser (headless Chromium through
//! chromedriver, against the real server with the demo data; the harness is in `common/mod.rs`).
//!
//! 1. The demo's participant, an English-speaking student, signs in with the password the demo
//!    printed, meets a Japanese statement shown in English, reveals the Japanese original (one
//!    click, no script needed: a `<details>`), and votes on it: the vote counts for the statement.
//! 2. In Japanese, an English statement shows its Japanese translation and reveals its original.
//! 3. The demo's facilitator signs in and reaches moderation, with its translations section.
//!
//! axe-core checks each page in both languages (nothing serious or critical allowed).
#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use anyhow::{Context, bail, ensure};
use common::{Browser, axe_open_page, page_context, record, set_language, wait_for_script};
use fantoccini::Locator;
use sosei::demo::accounts::{DemoRole, DemoSignIn, demo_accounts, reset_demo_passwords};
use sosei_core::{Locale, StatementId};
use sosei_store::Store;

/// The demo account of `role`, its display name, and where it starts.
fn account(sign_ins: &[DemoSignIn], role: DemoRole) -> anyhow::Result<(DemoSignIn, String)> {
    let sign_in = sign_ins
        .iter()
        .find(|sign_in| sign_in.role == role)
        .cloned()
        .with_context(|| format!("the demo printed no {} account", role.label()))?;
    let name = demo_accounts()?
        .into_iter()
        .find(|account| account.role == role)
        .map(|account| account.display_name.as_str().to_owned())
        .context("no such demo account")?;
    Ok((sign_in, name))
}

/// The id of the statement the voting area asks about now.
async fn current_statement(browser: &Browser) -> anyhow::Result<Option<String>> {
    let value = browser
        .script(
            "const i = document.querySelector('#current-statement input[name=statement_id]'); \
             return i ? i.value : null;",
        )
        .await?;
    Ok(value.as_str().map(str::to_owned))
}

/// Whether the current statement is shown as a translation (its original in a `<details>`).
async fn current_is_translated(browser: &Browser) -> anyhow::Result<bool> {
    Ok(browser
        .script("return document.querySelector('#current-statement details.statement-original') !== null;")
        .await?
        .as_bool()
        .unwrap_or(false))
}

/// Click the current statement's `choice` button and wait for the next statement.
async fn vote_on_current(browser: &Browser, choice: &str) -> anyhow::Result<()> {
    let before = current_statement(browser).await?;
    browser
        .client
        .find(Locator::Css(&format!(
            "#current-statement button[name=choice][value={choice}]"
        )))
        .await
        .context("no vote button")?
        .click()
        .await?;
    let before_json = serde_json::to_string(&before)?;
    wait_for_script(
        browser,
        "the next statement",
        &format!(
            "const i = document.querySelector('#current-statement input[name=statement_id]'); \
             return JSON.stringify(i ? i.value : null) !== {before_json:?};"
        ),
        "#voting-area",
    )
    .await
}

/// Reveal the original in the `<details>` under `scope` and check it is shown, in `language`.
async fn reveal_original(
    browser: &Browser,
    scope: &str,
    language: Locale,
) -> anyhow::Result<String> {
    browser
        .client
        .find(Locator::Css(&format!(
            "{scope} details.statement-original summary"
        )))
        .await
        .with_context(|| format!("no original to reveal in {scope}"))?
        .click()
        .await?;
    let script = format!(
        "const d = document.querySelector('{scope} details.statement-original'); \
         const p = d && d.querySelector('.statement-original-text'); \
         return d && d.open && p && p.offsetHeight > 0 ? p.lang + '|' + p.innerText : '';"
    );
    let shown = browser.script_text(&script).await?;
    let Some((lang, text)) = shown.split_once('|') else {
        bail!(
            "the original did not open: {}",
            page_context(browser, scope).await
        );
    };
    ensure!(
        lang == language.as_str(),
        "the original is marked lang={lang:?}"
    );
    ensure!(!text.trim().is_empty(), "the original is empty");
    Ok(text.to_owned())
}

async fn run_scenario(
    browser: &Browser,
    store: &Store,
    axe_source: &str,
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let sign_ins = reset_demo_passwords(store).await?;
    let conversation = sosei::demo::deliberation::sample_conversation(store)
        .await?
        .context("the demo has no sample deliberation")?;
    let conversation_path = format!("/conversations/{conversation}");

    // 1. The English-speaking participant.
    let (participant, participant_name) = account(&sign_ins, DemoRole::Participant)?;
    browser
        .enter_account(
            "/sign-in",
            &participant_name,
            &participant.email,
            &participant.password,
        )
        .await?;
    browser
        .wait_until("the participant to be signed in", || async {
            browser.header_shows(&participant_name).await
        })
        .await?;
    browser.open(&participant.start_path).await?;
    ensure!(
        browser.html_lang().await? == "en",
        "the participant's page is not in English"
    );
    let voted_on_translation = async {
        // She joins with one button (the conversation is anonymous: no questions asked).
        browser
            .client
            .find(Locator::Css("form[action$='/join'] button[type=submit]"))
            .await
            .context("no join button")?
            .click()
            .await?;
        wait_for_script(
            browser,
            "the first statement",
            "return document.querySelector('#current-statement input[name=statement_id]') !== null;",
            "main",
        )
        .await?;
        let mut passes = 0;
        while !current_is_translated(browser).await? {
            ensure!(passes < 25, "no translated statement came up");
            vote_on_current(browser, "pass").await?;
            passes += 1;
        }
        let statement = current_statement(browser)
            .await?
            .context("no statement to vote on")?;
        let original = reveal_original(browser, "#current-statement", Locale::Ja).await?;
        ensure!(
            original
                .chars()
                .any(|c| matches!(c as u32, 0x3041..=0x30FF | 0x4E00..=0x9FFF)),
            "the original is not Japanese: {original}"
        );
        axe_open_page(
            browser,
            axe_source,
            Locale::En,
            "voting on a translation (en)",
            failures,
        )
        .await;
        let before = store.tallies(conversation).await?;
        vote_on_current(browser, "agree").await?;
        let after = store.tallies(conversation).await?;
        let id = StatementId(statement.parse()?);
        ensure!(
            after.len() == before.len(),
            "a vote on a translation made a new statement"
        );
        ensure!(
            after[&id].agree == before[&id].agree + 1,
            "the vote did not count for statement {id}"
        );
        Ok(())
    }
    .await;
    record(
        failures,
        "the English participant votes on a translated statement",
        voted_on_translation,
    );

    // 2. In Japanese: an English statement with its Japanese translation.
    let in_japanese = async {
        set_language(browser, Locale::Ja).await?;
        let statements = store.statements(conversation).await?;
        let translations = store.statement_translations(conversation).await?;
        let english = statements
            .iter()
            .find(|s| {
                s.language == Locale::En
                    && translations
                        .iter()
                        .any(|t| t.statement == s.id && t.language == Locale::Ja)
            })
            .context("the demo has no English statement translated into Japanese")?;
        browser
            .open(&format!("{conversation_path}/statements/{}", english.id))
            .await?;
        let original = reveal_original(browser, "main", Locale::En).await?;
        ensure!(
            original.contains(english.text.as_str()),
            "the original reads {original:?}"
        );
        axe_open_page(
            browser,
            axe_source,
            Locale::Ja,
            "a translated statement (ja)",
            failures,
        )
        .await;
        browser.open(&conversation_path).await?;
        axe_open_page(
            browser,
            axe_source,
            Locale::Ja,
            "the voting page (ja)",
            failures,
        )
        .await;
        set_language(browser, Locale::En).await?;
        browser
            .open(&format!("{conversation_path}/results"))
            .await?;
        axe_open_page(
            browser,
            axe_source,
            Locale::En,
            "the results (en)",
            failures,
        )
        .await;
        browser.sign_out(&participant_name).await
    }
    .await;
    record(
        failures,
        "a Japanese reader reveals an English original",
        in_japanese,
    );

    // 3. The demo's facilitator reaches moderation.
    let facilitator_reaches_moderation = async {
        let (facilitator, facilitator_name) = account(&sign_ins, DemoRole::Facilitator)?;
        browser
            .enter_account(
                "/sign-in",
                &facilitator_name,
                &facilitator.email,
                &facilitator.password,
            )
            .await?;
        browser
            .wait_until("the facilitator to be signed in", || async {
                browser.header_shows(&facilitator_name).await
            })
            .await?;
        for locale in [Locale::Ja, Locale::En] {
            set_language(browser, locale).await?;
            browser.open(&facilitator.start_path).await?;
            ensure!(
                browser
                    .script("return document.getElementById('translations-heading') !== null;")
                    .await?
                    .as_bool()
                    .unwrap_or(false),
                "no translations section: {}",
                page_context(browser, "main").await
            );
            axe_open_page(
                browser,
                axe_source,
                locale,
                &format!("moderation ({locale})"),
                failures,
            )
            .await;
        }
        browser.sign_out(&facilitator_name).await
    }
    .await;
    record(
        failures,
        "the demo's facilitator reaches moderation",
        facilitator_reaches_moderation,
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_english_participant_reads_translations_and_the_demo_facilitator_moderates() {
    if common::skip_without_browser() {
        return;
    }
    let rig = common::Rig::start("bilingual").await;
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
