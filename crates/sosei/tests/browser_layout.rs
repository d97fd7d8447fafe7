//! Layout in a real browser (headless Chromium against the real server with the demo data; the
//! harness is in `common/mod.rs`): one page of each kind — home, a region, a programme, a
//! conversation's results and report, the voting page, and the matching page as the demo's
//! coordinator — at 1280 and 390 pixels wide, in Japanese and English.
//!
//! For each it saves a screenshot of the first screen (under the test's temporary folder, and
//! under `docs/screenshots/` with `SOSEI_SCREENSHOTS=1`) and checks, through the page's own
//! geometry: the `h1` starts at the left edge of its page head and that head at the left of
//! `<main>`'s content (or centred, as the report is), nothing is wider than the screen (no
//! sideways scrolling at 390), the headings shrink level by level and none is smaller than body
//! text, no date or link outgrows the section headings, and axe-core finds nothing serious. On a
//! phone (390×844) the voting page's answer buttons are on the first screen.
#![allow(clippy::unwrap_used)] // tests may unwrap

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use common::{Browser, axe_open_page, page_context, record, set_language, wait_for_script};
use fantoccini::Locator;
use sosei_core::{Locale, ProgrammeStatus};
use sosei_store::{ConversationFilter, Store};

/// Widths checked, with the height of the first screen at each.
const VIEWPORTS: [(u32, u32); 2] = [(1280, 900), (390, 844)];
/// On a phone, the answer buttons must start above this line (from the top of the page).
const VOTE_BUTTONS_WITHIN_PX: f64 = 700.0;

/// One page of each kind, by name and address.
struct PageKind {
    name: &'static str,
    path: String,
}

/// The addresses of the demo's pages of each kind (the voting page is the conversation page
/// after joining; the matching page needs the coordinator and comes last).
async fn public_pages(store: &Store) -> anyhow::Result<(Vec<PageKind>, String)> {
    let profile = store
        .list_region_profiles()
        .await?
        .into_iter()
        .next()
        .context("the demo has no region with a profile")?;
    let programme = store
        .programmes_with_status(ProgrammeStatus::Open)
        .await?
        .into_iter()
        .next()
        .context("the demo has no open programme")?;
    let conversation = store
        .list_conversations(&ConversationFilter::default())
        .await?
        .into_iter()
        .next()
        .context("the demo has no conversation")?;
    let conversation_path = format!("/conversations/{}", conversation.id);
    let pages = vec![
        PageKind {
            name: "home",
            path: "/".to_owned(),
        },
        PageKind {
            name: "region",
            path: format!("/regions/{}", profile.code),
        },
        PageKind {
            name: "programme",
            path: format!("/programmes/{}", programme.id),
        },
        PageKind {
            name: "results",
            path: format!("{conversation_path}/results"),
        },
        PageKind {
            name: "report",
            path: format!("{conversation_path}/report"),
        },
        PageKind {
            name: "voting",
            path: conversation_path.clone(),
        },
    ];
    Ok((pages, conversation_path))
}

/// Make the viewport (not the window, whose frame takes some room even headless) `width` ×
/// `height` CSS pixels.
async fn set_viewport(browser: &Browser, width: u32, height: u32) -> anyhow::Result<()> {
    browser.client.set_window_size(width, height).await?;
    for _ in 0..3 {
        let inner = browser
            .script("return [window.innerWidth, window.innerHeight];")
            .await?;
        let inner_width = inner[0].as_i64().unwrap_or(0);
        let inner_height = inner[1].as_i64().unwrap_or(0);
        if inner_width == i64::from(width) && inner_height == i64::from(height) {
            return Ok(());
        }
        let (window_width, window_height) = browser.client.get_window_size().await?;
        let next_width = i64::try_from(window_width)? + i64::from(width) - inner_width;
        let next_height = i64::try_from(window_height)? + i64::from(height) - inner_height;
        browser
            .client
            .set_window_size(u32::try_from(next_width)?, u32::try_from(next_height)?)
            .await?;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let inner = browser
        .script("return [window.innerWidth, window.innerHeight];")
        .await?;
    ensure!(
        inner[0].as_i64() == Some(i64::from(width)),
        "could not make the viewport {width} wide: {inner}"
    );
    Ok(())
}

async fn fonts_ready(browser: &Browser) -> anyhow::Result<()> {
    browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; document.fonts.ready.then(() => done(true));",
            vec![],
        )
        .await?;
    Ok(())
}

/// Where the screenshots go: the test's own folder, and `docs/screenshots` when asked for.
fn screenshot_dirs(temp_dir: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![temp_dir.to_owned()];
    if common::env_flag("SOSEI_SCREENSHOTS") {
        dirs.push(common::workspace_root().join("docs/screenshots/layout"));
    }
    dirs
}

async fn save_screenshot(browser: &Browser, dirs: &[PathBuf], name: &str) -> anyhow::Result<()> {
    let png = browser.client.screenshot().await?;
    ensure!(png.starts_with(b"\x89PNG"), "the screenshot is not a PNG");
    for dir in dirs {
        std::fs::create_dir_all(dir)?;
        let file = dir.join(format!("{name}.png"));
        std::fs::write(&file, &png).with_context(|| format!("writing {}", file.display()))?;
        println!("saved {}", file.display());
    }
    Ok(())
}

/// The layout facts of the page now open, measured by the browser; each broken one is a line.
const LAYOUT_FACTS: &str = r#"
const problems = [];
const px = value => parseFloat(value) || 0;
const main = document.querySelector('main');
const mainStyle = getComputedStyle(main);
const mainLeft = main.getBoundingClientRect().left + px(mainStyle.paddingLeft) + px(mainStyle.borderLeftWidth);
const h1s = [...document.querySelectorAll('main h1')];
if (h1s.length !== 1) problems.push(`${h1s.length} h1 elements in main`);
const h1 = h1s[0];
if (h1) {
  // The h1 starts where its page head's content starts ...
  const head = h1.closest('header, section, article') || main;
  const headStyle = getComputedStyle(head);
  const headRect = head.getBoundingClientRect();
  const headContentLeft = headRect.left + px(headStyle.paddingLeft) + px(headStyle.borderLeftWidth);
  const h1Left = h1.getBoundingClientRect().left;
  if (Math.abs(h1Left - headContentLeft) > 1.5)
    problems.push(`the h1 starts ${Math.round(h1Left - headContentLeft)} px right of its ${head.tagName.toLowerCase()}.${head.className}'s content`);
  // ... and the head starts at the left of main's content, or sits in a centred column.
  const column = head.closest('.report') || head;
  const columnRect = column.getBoundingClientRect();
  const mainRight = main.getBoundingClientRect().right - px(mainStyle.paddingRight) - px(mainStyle.borderRightWidth);
  const flush = Math.abs(columnRect.left - mainLeft) <= 1.5;
  const centred = Math.abs((columnRect.left - mainLeft) - (mainRight - columnRect.right)) <= 1.5;
  if (!flush && !centred)
    problems.push(`the page head starts ${Math.round(columnRect.left - mainLeft)} px right of main's content`);
}
// Nothing wider than the screen, unless it sits in a box that scrolls or clips it.
const width = window.innerWidth;
if (document.documentElement.scrollWidth > width + 1)
  problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in ${width}`);
const clipped = element => {
  for (let e = element.parentElement; e && e !== document.body; e = e.parentElement) {
    const overflow = getComputedStyle(e).overflowX;
    if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return true;
  }
  return false;
};
const wide = [...document.body.querySelectorAll('*')].filter(e => {
  const rect = e.getBoundingClientRect();
  return rect.width > 0 && rect.right > width + 1 && !clipped(e)
    && !e.classList.contains('visually-hidden') && !e.closest('.visually-hidden, .skip-link');
});
for (const e of wide.slice(0, 5))
  problems.push(`${e.tagName.toLowerCase()}.${e.className} reaches ${Math.round(e.getBoundingClientRect().right)} px, past the ${width} px screen`);
// Headings: every level at least body text, and each level's largest smaller than the one above.
const body = px(getComputedStyle(document.body).fontSize);
const largest = {};
for (const heading of main.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
  if (heading.closest('.visually-hidden') || heading.classList.contains('visually-hidden')) continue;
  const size = px(getComputedStyle(heading).fontSize);
  const level = heading.tagName.toLowerCase();
  if (size + 0.01 < body)
    problems.push(`${level} "${heading.innerText.slice(0, 30)}" is ${size} px, smaller than body text (${body} px)`);
  largest[level] = Math.max(largest[level] || 0, size);
}
const levels = ['h1', 'h2', 'h3'].filter(level => largest[level]);
for (let i = 1; i < levels.length; i++)
  if (!(largest[levels[i - 1]] > largest[levels[i]]))
    problems.push(`the largest ${levels[i - 1]} (${largest[levels[i - 1]]} px) is not larger than the largest ${levels[i]} (${largest[levels[i]]} px)`);
// Dates and links are text, not headings: none outgrows the section headings.
const sectionHeading = px(getComputedStyle(main).fontSize) * 1.2;
const figures = '.report-counts, .fact-card, .facts-panel, .hero, .statement-text, h1, h2, h3, h4, h5, h6';
for (const e of main.querySelectorAll('dd, a:not(.button), time')) {
  if (e.closest(figures)) continue;
  const size = px(getComputedStyle(e).fontSize);
  if (size > sectionHeading + 0.01 && e.innerText.trim())
    problems.push(`${e.tagName.toLowerCase()} "${e.innerText.trim().slice(0, 30)}" is ${size} px, as large as a heading`);
}
return problems;
"#;

async fn layout_problems(browser: &Browser) -> anyhow::Result<Vec<String>> {
    let value = browser.script(LAYOUT_FACTS).await?;
    Ok(value
        .as_array()
        .context("the layout script returned no list")?
        .iter()
        .filter_map(|problem| problem.as_str().map(str::to_owned))
        .collect())
}

/// Open `path` at each width and in `locale`: screenshot, layout facts, axe.
/// `detail`, when given, is a part further down the page to screenshot too (the matching page's
/// team cards).
#[allow(clippy::too_many_arguments)]
async fn check_page(
    browser: &Browser,
    axe_source: &str,
    locale: Locale,
    name: &str,
    path: &str,
    detail: Option<&str>,
    dirs: &[PathBuf],
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    for (width, height) in VIEWPORTS {
        set_viewport(browser, width, height).await?;
        browser.open(path).await?;
        fonts_ready(browser).await?;
        let label = format!("[{locale}] {name} ({path}) at {width}");
        save_screenshot(browser, dirs, &format!("{name}-{locale}-{width}")).await?;
        if let Some(css) = detail {
            browser
                .script(&format!(
                    "const e = document.querySelector({css:?}); if (e) e.scrollIntoView(); return !!e;"
                ))
                .await?;
            save_screenshot(browser, dirs, &format!("{name}-{locale}-{width}-detail")).await?;
            browser
                .script("window.scrollTo(0, 0); return true;")
                .await?;
        }
        let problems = layout_problems(browser).await?;
        record(
            failures,
            &format!("layout {label}"),
            if problems.is_empty() {
                Ok(())
            } else {
                Err(anyhow::anyhow!("{}", problems.join("; ")))
            },
        );
        axe_open_page(browser, axe_source, locale, &label, failures).await;
    }
    Ok(())
}

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

/// Join the demo conversation as a visitor (it is anonymous, with no questions to answer).
async fn join(browser: &Browser, conversation_path: &str) -> anyhow::Result<()> {
    browser.open(conversation_path).await?;
    if browser
        .script("return !!document.querySelector('#voting-area form.vote-form');")
        .await?
        .as_bool()
        .unwrap_or(false)
    {
        return Ok(());
    }
    click(browser, "form.join-form button[type=submit]").await?;
    wait_for_script(
        browser,
        "the voting area after joining",
        "return !!document.querySelector('#voting-area form.vote-form');",
        "#taking-part",
    )
    .await
}

/// On a phone, the answer buttons of the first statement are on the first screen.
async fn vote_buttons_on_the_first_screen(
    browser: &Browser,
    locale: Locale,
    conversation_path: &str,
) -> anyhow::Result<()> {
    set_viewport(browser, 390, 844).await?;
    browser.open(conversation_path).await?;
    fonts_ready(browser).await?;
    let lang = browser.html_lang().await?;
    ensure!(
        lang == locale.as_str(),
        "<html lang={lang:?}>, expected {locale}"
    );
    let top = browser
        .script(
            "const b = document.querySelector('#voting-area .vote-button'); \
             return b ? b.getBoundingClientRect().top + window.scrollY : null;",
        )
        .await?;
    let Some(top) = top.as_f64() else {
        bail!(
            "no answer button; {}",
            page_context(browser, "#taking-part").await
        );
    };
    println!("[{locale}] the first answer button starts {top:.0} px down at 390×844");
    ensure!(
        top < VOTE_BUTTONS_WITHIN_PX,
        "the first answer button starts {top:.0} px down, below the first screen ({VOTE_BUTTONS_WITHIN_PX} px)"
    );
    Ok(())
}

/// Sign in as the demo's coordinator, run a matching round over the open programmes, and return
/// the matching page's address.
async fn coordinator_runs_a_round(browser: &Browser, store: &Store) -> anyhow::Result<String> {
    let coordinator_sign_in = sosei::demo::accounts::reset_demo_passwords(store)
        .await?
        .into_iter()
        .find(|sign_in| sign_in.role == sosei::demo::accounts::DemoRole::Coordinator)
        .context("the demo has no coordinator")?;
    let (email, password) = (coordinator_sign_in.email, coordinator_sign_in.password);
    let coordinator =
        store
            .user_with_password_by_email(&sosei_core::EmailAddress::parse(&email).map_err(
                |_| anyhow::anyhow!("the demo coordinator's e-mail address does not parse"),
            )?)
            .await?
            .user;
    let programme = store
        .programmes_with_status(ProgrammeStatus::Open)
        .await?
        .into_iter()
        .next()
        .context("no open programme")?;
    let organisation = store.organisation(programme.organisation).await?;
    browser
        .enter_account(
            "/sign-in",
            coordinator.display_name.as_str(),
            &email,
            &password,
        )
        .await?;
    let path = format!("/organisations/{}/matching", organisation.slug);
    browser.open(&path).await?;
    browser
        .script(
            "document.querySelectorAll('form[action$=\"/matching/run\"] input[type=checkbox][id^=programme-]') \
               .forEach(c => { c.checked = true; }); return true;",
        )
        .await?;
    click(browser, "form[action$='/matching/run'] button[type=submit]").await?;
    wait_for_script(
        browser,
        "the round's teams",
        "return !!document.querySelector('article.team-card');",
        "main",
    )
    .await?;
    let url = browser.client.current_url().await?;
    // The address without its language prefix: each language's pass opens it in its own.
    let path = url.path();
    let site_path = ["/ja/", "/en/"]
        .iter()
        .find_map(|prefix| path.strip_prefix(&prefix[..3]))
        .unwrap_or(path);
    Ok(format!(
        "{}{}",
        site_path,
        url.query()
            .map(|query| format!("?{query}"))
            .unwrap_or_default()
    ))
}

async fn run_scenario(
    browser: &Browser,
    store: &Store,
    axe_source: &str,
    dirs: &[PathBuf],
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let (pages, conversation_path) = public_pages(store).await?;
    join(browser, &conversation_path).await?;
    for locale in [Locale::Ja, Locale::En] {
        set_viewport(browser, 1280, 900).await?;
        set_language(browser, locale).await?;
        for page in &pages {
            check_page(
                browser, axe_source, locale, page.name, &page.path, None, dirs, failures,
            )
            .await?;
        }
        let outcome = vote_buttons_on_the_first_screen(browser, locale, &conversation_path).await;
        record(
            failures,
            &format!("[{locale}] the answer buttons are on a phone's first screen"),
            outcome,
        );
    }
    set_viewport(browser, 1280, 900).await?;
    set_language(browser, Locale::Ja).await?;
    let matching_path = coordinator_runs_a_round(browser, store).await?;
    for locale in [Locale::Ja, Locale::En] {
        set_viewport(browser, 1280, 900).await?;
        set_language(browser, locale).await?;
        check_page(
            browser,
            axe_source,
            locale,
            "matching",
            &matching_path,
            Some("article.team-card"),
            dirs,
            failures,
        )
        .await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_of_each_kind_lay_out_at_1280_and_390_in_both_languages() {
    if common::skip_without_browser() {
        return;
    }
    let started = Instant::now();
    let rig = common::Rig::start("layout").await;
    let temp_dir = common::fresh_temp_dir("layout-screenshots").unwrap();
    let dirs = screenshot_dirs(&temp_dir);
    let mut failures = Vec::new();
    let outcome = run_scenario(
        &rig.browser,
        &rig.server.store,
        &rig.axe_source,
        &dirs,
        &mut failures,
    )
    .await;
    println!(
        "the layout checks took {:.1} s; screenshots in {}",
        started.elapsed().as_secs_f64(),
        temp_dir.display()
    );
    rig.finish(failures, outcome).await;
}
