//! Page tests in a real browser: headless Chromium driven through chromedriver (WebDriver), against
//! the real server on 127.0.0.1 with a fresh SQLite data directory and the demo data.
//!
//! One test runs every scenario in order, because starting a browser is the slow part:
//! sign up, sign out, sign in, switch language, read a region page; then axe-core checks every
//! page of the demo in both languages for WCAG 2.1 A/AA violations (none serious or critical
//! allowed). With `SOSEI_SCREENSHOTS=1` it also saves full-page screenshots to `docs/screenshots/`.
//!
//! The harness (and what it needs installed) is in `common/mod.rs`.
#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, ensure};
use common::{Browser, DemoPage, Rig, check_pages, env_flag, record, workspace_root};
use sosei_core::{EmailAddress, Locale};
use sosei_store::Store;

const TEST_USER_NAME: &str = "試験 花子";
const TEST_USER_EMAIL: &str = "hanako.shiken@example.jp";
const TEST_USER_PASSWORD: &str = "correct horse battery staple";

fn anonymous_pages(locale: Locale) -> anyhow::Result<Vec<DemoPage>> {
    let data = sosei::demo::demo_data()?;
    let directory = sosei_core::municipality::bundled_directory()?;
    let page = |path: &str, expected: Vec<String>| DemoPage {
        path: path.to_owned(),
        expected_texts: expected,
        expect_error_page: false,
    };
    let mut pages = vec![page("/", vec![]), page("/regions", vec![])];
    for region in &data.regions {
        let name = match locale {
            Locale::Ja => region.municipality_name.clone(),
            Locale::En => directory
                .iter()
                .find(|m| m.code == region.code)
                .map(|m| m.name_en.clone())
                .unwrap_or_default(),
        };
        pages.push(page(&format!("/regions/{}", region.code), vec![name]));
    }
    let tono_name = match locale {
        Locale::Ja => "遠野市",
        Locale::En => "Tono",
    };
    pages.push(page("/regions?q=とおの", vec![tono_name.to_owned()]));
    let organisation_names: Vec<String> = data
        .organisations
        .iter()
        .map(|o| o.name.text(locale).to_owned())
        .collect();
    pages.push(page("/organisations", organisation_names));
    for organisation in &data.organisations {
        pages.push(page(
            &format!("/organisations/{}", organisation.slug),
            vec![organisation.name.text(locale).to_owned()],
        ));
    }
    // The deliberation list (the demo has no conversations; browser_deliberation.rs checks the
    // conversation pages themselves).
    pages.push(page("/conversations", vec![]));
    pages.push(page("/sign-in", vec![]));
    pages.push(page("/sign-up", vec![]));
    pages.push(DemoPage {
        path: "/this-page-does-not-exist".to_owned(),
        expected_texts: vec![],
        expect_error_page: true,
    });
    Ok(pages)
}

fn signed_in_pages() -> Vec<DemoPage> {
    ["/account", "/admin"]
        .into_iter()
        .map(|path| DemoPage {
            path: path.to_owned(),
            expected_texts: vec![],
            expect_error_page: false,
        })
        .collect()
}

// --- screenshots -----------------------------------------------------------------------------------

/// Save a full-page PNG of `path`: the window grows until its viewport holds the whole page (the
/// window's own frame takes some height even when headless), then shrinks back.
async fn save_full_page_screenshot(
    browser: &Browser,
    path: &str,
    file: &Path,
) -> anyhow::Result<()> {
    browser.open(path).await?;
    // Let fonts load before measuring: the CJK font changes line heights.
    browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));",
            vec![],
        )
        .await?;
    let (_, window_height) = browser.client.get_window_size().await?;
    let mut window_height = u32::try_from(window_height).unwrap_or(900);
    for _ in 0..3 {
        let sizes = browser
            .script("return [document.documentElement.scrollHeight, window.innerHeight];")
            .await?;
        let page_height = sizes[0].as_u64().unwrap_or(0);
        let viewport_height = sizes[1].as_u64().unwrap_or(0);
        if viewport_height >= page_height || window_height >= 10_000 {
            break;
        }
        let missing = u32::try_from(page_height - viewport_height).unwrap_or(0);
        window_height = (window_height + missing).min(10_000);
        browser.client.set_window_size(1280, window_height).await?;
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let png = browser.client.screenshot().await?;
    browser.client.set_window_size(1280, 900).await?;
    std::fs::write(file, png).with_context(|| format!("failed to write {}", file.display()))?;
    println!("saved {}", file.display());
    Ok(())
}

async fn save_screenshots(browser: &Browser) -> anyhow::Result<()> {
    let dir = workspace_root().join("docs/screenshots");
    std::fs::create_dir_all(&dir)?;
    for (path, name) in [
        ("/", "home.png"),
        ("/regions/032085", "region-tono.png"),
        ("/organisations", "organisations.png"),
        ("/sign-in", "sign-in.png"),
    ] {
        save_full_page_screenshot(browser, path, &dir.join(name)).await?;
    }
    Ok(())
}

async fn sign_up_sign_out_sign_in(browser: &Browser) -> anyhow::Result<()> {
    browser
        .enter_account(
            "/sign-up",
            TEST_USER_NAME,
            TEST_USER_EMAIL,
            TEST_USER_PASSWORD,
        )
        .await?;
    println!("ok: signed up and saw the name in the header");

    browser.sign_out(TEST_USER_NAME).await?;
    println!("ok: signed out");

    browser
        .enter_account(
            "/sign-in",
            TEST_USER_NAME,
            TEST_USER_EMAIL,
            TEST_USER_PASSWORD,
        )
        .await
}

async fn region_page_shows_its_vision(
    browser: &Browser,
    region: &sosei::demo::DemoRegion,
    locale: Locale,
) -> anyhow::Result<()> {
    browser.open(&format!("/regions/{}", region.code)).await?;
    let main = browser.main_text().await?;
    if locale == Locale::Ja {
        ensure!(
            main.contains(&region.municipality_name),
            "the page does not show {}",
            region.municipality_name
        );
    }
    let vision_start: String = region.vision.text(locale).chars().take(20).collect();
    ensure!(
        main.contains(&vision_start),
        "the page does not show its vision ({vision_start:?})"
    );
    Ok(())
}

/// Make the test user a site admin through the store, as an operator would from the command line.
async fn make_site_admin(store: &Store) -> anyhow::Result<()> {
    let email = EmailAddress::parse(TEST_USER_EMAIL)?;
    let user = store.user_with_password_by_email(&email).await?.user;
    store.set_site_admin(user.id, true).await?;
    Ok(())
}

async fn switch_to_english(browser: &Browser) -> anyhow::Result<()> {
    browser.open("/").await?;
    let japanese_heading = browser.first_heading().await?;
    browser.switch_language(Locale::En).await?;
    let english_heading = browser.first_heading().await?;
    let has_japanese = english_heading
        .chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'));
    ensure!(
        !english_heading.is_empty()
            && english_heading != japanese_heading
            && !has_japanese
            && english_heading.chars().any(|c| c.is_ascii_alphabetic()),
        "after switching, the heading is {english_heading:?} (was {japanese_heading:?})"
    );
    println!("the English heading: {english_heading:?}");
    Ok(())
}

async fn run_scenarios(
    browser: &Browser,
    store: &Store,
    axe_source: &str,
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let demo = sosei::demo::demo_data()?;
    let tono = demo
        .regions
        .iter()
        .find(|r| r.code.to_string() == "032085")
        .context("Tono is missing from the demo data")?;

    // A first visit is in Japanese (the site's default; the browser also asks for Japanese).
    browser.open("/").await?;
    let lang = browser.html_lang().await?;
    record(
        failures,
        "a first visit is in Japanese",
        async {
            ensure!(lang == "ja", "<html lang={lang:?}>");
            Ok(())
        }
        .await,
    );

    // Every page a visitor can see, in Japanese.
    check_pages(
        browser,
        axe_source,
        Locale::Ja,
        &anonymous_pages(Locale::Ja)?,
        failures,
    )
    .await?;
    if env_flag("SOSEI_SCREENSHOTS") {
        save_screenshots(browser).await?;
    }

    // Sign up with the keyboard, sign out, sign in.
    let signed_in = record(
        failures,
        "sign up, sign out and sign in again",
        sign_up_sign_out_sign_in(browser).await,
    );

    record(
        failures,
        "/regions/032085 shows 遠野市 and its vision",
        region_page_shows_its_vision(browser, tono, Locale::Ja).await,
    );

    let is_admin = signed_in
        && record(
            failures,
            "the user is made a site admin through the store",
            make_site_admin(store).await,
        );
    if is_admin {
        check_pages(
            browser,
            axe_source,
            Locale::Ja,
            &signed_in_pages(),
            failures,
        )
        .await?;
    }

    // The language switcher flips <html lang> and the page's heading.
    let switched = record(
        failures,
        "the language switcher turns the page into English",
        switch_to_english(browser).await,
    );
    if !switched {
        // Carry on in English anyway, so the English pages are still checked.
        browser.open("/").await?;
        browser
            .client
            .add_cookie(fantoccini::cookies::Cookie::new(
                sosei_web::context::LANGUAGE_COOKIE,
                "en",
            ))
            .await?;
    }
    record(
        failures,
        "/regions/032085 shows its English vision",
        region_page_shows_its_vision(browser, tono, Locale::En).await,
    );

    // Signed-in pages in English, then every visitor page in English.
    if is_admin {
        check_pages(
            browser,
            axe_source,
            Locale::En,
            &signed_in_pages(),
            failures,
        )
        .await?;
        browser.open("/").await?;
        record(
            failures,
            "sign out (in English)",
            browser.sign_out(TEST_USER_NAME).await,
        );
    }
    check_pages(
        browser,
        axe_source,
        Locale::En,
        &anonymous_pages(Locale::En)?,
        failures,
    )
    .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_work_and_are_accessible_in_a_real_browser() {
    if common::skip_without_browser() {
        return;
    }
    let rig = Rig::start("browser").await;
    let mut failures = Vec::new();
    let outcome = run_scenarios(
        &rig.browser,
        &rig.server.store,
        &rig.axe_source,
        &mut failures,
    )
    .await;
    rig.finish(failures, outcome).await;
}
