//! Page tests in a real browser: headless Chromium driven through chromedriver (WebDriver), against
//! the real server on 127.0.0.1 with a fresh SQLite data directory and the demo data.
//!
//! One test runs every scenario in order, because starting a browser is the slow part:
//! sign up, sign out, sign in, switch language, read a region page; then axe-core checks every
//! page of the demo in both languages for WCAG 2.1 A/AA violations (none serious or critical
//! allowed). With `SOSEI_SCREENSHOTS=1` it also saves full-page screenshots to `docs/screenshots/`.
//!
//! Needs `/usr/bin/chromium`, `/usr/bin/chromedriver` (Debian's `chromium`, `chromium-driver`;
//! `fonts-noto-cjk` for Japanese in screenshots) and axe-core (`npm ci` in `tests/browser`).
//! Without them the test prints SKIPPED and passes, unless `SOSEI_REQUIRE_ALL_TESTS=1` (CI), where
//! a skip would hide a broken setup and so fails instead.
#![allow(clippy::unwrap_used)] // tests may unwrap

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use sosei_core::{EmailAddress, Locale};
use sosei_store::Store;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const SKIP_MESSAGE: &str =
    "SKIPPED: browser tests (install chromium, chromium-driver and run npm ci in tests/browser)";

/// How long to wait for a page to change after a click or a submitted form.
const PAGE_CHANGE_TIMEOUT: Duration = Duration::from_secs(15);

const TEST_USER_NAME: &str = "試験 花子";
const TEST_USER_EMAIL: &str = "hanako.shiken@example.jp";
const TEST_USER_PASSWORD: &str = "correct horse battery staple";

fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn axe_script_path() -> PathBuf {
    workspace_root().join("tests/browser/node_modules/axe-core/axe.min.js")
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|value| value == "1" || value.eq_ignore_ascii_case("true"))
}

/// A new, empty directory under the system's temp dir.
fn fresh_temp_dir(label: &str) -> anyhow::Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("sosei-{label}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("failed to create {}", dir.display()))?;
    Ok(dir)
}

// --- chromedriver --------------------------------------------------------------------------------

/// A chromedriver child process, killed when dropped (also when the test fails).
struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    async fn start() -> anyhow::Result<ChromeDriver> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .context("failed to find a free port")?
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .context("failed to start chromedriver")?;
        let mut driver = ChromeDriver { child, port };
        let started = Instant::now();
        loop {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return Ok(driver);
            }
            if let Some(status) = driver.child.try_wait()? {
                bail!("chromedriver exited early with {status}");
            }
            if started.elapsed() > Duration::from_secs(20) {
                bail!("chromedriver did not listen on port {port} within 20 s");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn connect_browser(driver: &ChromeDriver, profile_dir: &Path) -> anyhow::Result<Client> {
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                format!("--user-data-dir={}", profile_dir.display()),
                "--window-size=1280,900",
                // A Japanese reader by default: the site's default language anyway, and what the
                // screenshots should show.
                "--lang=ja",
            ],
            "prefs": { "intl.accept_languages": "ja,en" },
        },
    });
    let Value::Object(capabilities) = capabilities else {
        bail!("capabilities must be a JSON object");
    };
    let client = ClientBuilder::rustls()
        .context("failed to set up the WebDriver client")?
        .capabilities(capabilities)
        .connect(&driver.url())
        .await
        .context("failed to start a Chromium session through chromedriver")?;
    client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(Duration::from_secs(60)),
            Some(Duration::from_secs(30)),
            Some(Duration::ZERO),
        ))
        .await
        .context("failed to set the WebDriver timeouts")?;
    Ok(client)
}

// --- the server under test -----------------------------------------------------------------------

/// Start the real server on 127.0.0.1 (any free port) with a fresh SQLite data directory,
/// loading the demo data before the first request, as `sosei demo` does.
async fn start_app(data_dir: &Path) -> anyhow::Result<sosei::RunningServer> {
    let prepared = sosei::prepare_server(sosei::ServerSettings {
        bind: SocketAddr::from(([127, 0, 0, 1], 0)),
        database: sosei::DatabaseLocation::DataDir(data_dir.to_owned()),
        web: sosei_web::WebConfig::default(),
    })
    .await?;
    if let Err(error) = sosei::demo::load_demo_data(prepared.store()).await {
        prepared.abandon().await;
        return Err(error.context("failed to load the demo data"));
    }
    prepared.serve().await
}

// --- small browser helpers -----------------------------------------------------------------------

struct Browser {
    client: Client,
    base: String,
}

impl Browser {
    async fn open(&self, path: &str) -> anyhow::Result<()> {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .with_context(|| format!("failed to open {path}"))
    }

    async fn script(&self, script: &str) -> anyhow::Result<Value> {
        self.client
            .execute(script, vec![])
            .await
            .with_context(|| format!("script failed: {script}"))
    }

    async fn script_text(&self, script: &str) -> anyhow::Result<String> {
        Ok(self
            .script(script)
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    async fn html_lang(&self) -> anyhow::Result<String> {
        self.script_text("return document.documentElement.lang;")
            .await
    }

    async fn header_text(&self) -> anyhow::Result<String> {
        self.script_text("const h = document.querySelector('header'); return h ? h.innerText : '';")
            .await
    }

    async fn main_text(&self) -> anyhow::Result<String> {
        self.script_text(
            "const m = document.querySelector('main') || document.body; return m.innerText;",
        )
        .await
    }

    async fn first_heading(&self) -> anyhow::Result<String> {
        self.script_text("const h = document.querySelector('h1'); return h ? h.innerText : '';")
            .await
    }

    async fn is_error_page(&self) -> anyhow::Result<bool> {
        Ok(self
            .script("return document.querySelector('.error-page') !== null;")
            .await?
            .as_bool()
            .unwrap_or(false))
    }

    /// Poll `condition` until it holds or the page-change timeout passes.
    async fn wait_until<F, Fut>(&self, what: &str, mut condition: F) -> anyhow::Result<()>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = anyhow::Result<bool>>,
    {
        let started = Instant::now();
        loop {
            if condition().await.unwrap_or(false) {
                return Ok(());
            }
            if started.elapsed() > PAGE_CHANGE_TIMEOUT {
                let url = self.client.current_url().await.map(|u| u.to_string());
                let main = self.main_text().await.unwrap_or_default();
                bail!(
                    "timed out waiting for {what}; now on {url:?}, showing: {}",
                    main.chars().take(400).collect::<String>()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Fill the page's main form the way a keyboard user does: focus each visible field in
    /// document order and type into it, then press Enter in the last text field to submit.
    async fn fill_and_submit_main_form(
        &self,
        display_name: &str,
        email: &str,
        password: &str,
    ) -> anyhow::Result<()> {
        let form = self
            .client
            .find(Locator::Css(
                "main form[method='post'], main form[method='POST']",
            ))
            .await
            .context("no form in <main>")?;
        let fields = form
            .find_all(Locator::Css(
                "input:not([type='hidden']):not([type='submit']):not([type='button'])",
            ))
            .await?;
        ensure!(!fields.is_empty(), "the form has no fields");
        let mut last_text_field = None;
        for field in fields {
            if !field.is_displayed().await.unwrap_or(false) {
                continue;
            }
            let kind = field.attr("type").await?.unwrap_or_else(|| "text".into());
            let name = field.attr("name").await?.unwrap_or_default();
            let autocomplete = field.attr("autocomplete").await?.unwrap_or_default();
            let value = match kind.as_str() {
                "checkbox" => {
                    let required = field.attr("required").await?.is_some();
                    if required && !field.is_selected().await? {
                        field.click().await?;
                    }
                    continue;
                }
                "email" => email,
                "password" => password,
                _ if name.contains("email") || autocomplete == "email" => email,
                _ if name.contains("password") => password,
                _ => display_name,
            };
            field.clear().await?;
            field
                .send_keys(value)
                .await
                .with_context(|| format!("failed to type into field {name:?}"))?;
            last_text_field = Some(field);
        }
        let Some(last) = last_text_field else {
            bail!("the form has no text fields to type into");
        };
        // WebDriver's code for the Enter key.
        last.send_keys("\u{E007}")
            .await
            .context("failed to press Enter")?;
        Ok(())
    }

    async fn header_shows(&self, text: &str) -> anyhow::Result<bool> {
        Ok(self.header_text().await?.contains(text))
    }

    async fn sign_out(&self) -> anyhow::Result<()> {
        self.client
            .find(Locator::Css("header form[action='/sign-out'] button"))
            .await
            .context("no sign-out button in the header")?
            .click()
            .await?;
        self.wait_until("the header to drop the user's name", || async {
            Ok(!self.header_shows(TEST_USER_NAME).await?)
        })
        .await
    }

    async fn switch_language(&self, to: Locale) -> anyhow::Result<()> {
        self.client
            .find(Locator::Css(
                "header .language-switcher button, .language-switcher button",
            ))
            .await
            .context("no language switcher")?
            .click()
            .await?;
        self.wait_until(&format!("<html lang={to}>"), || async {
            Ok(self.html_lang().await? == to.as_str())
        })
        .await
    }
}

// --- axe-core --------------------------------------------------------------------------------------

/// One page's violations, formatted for the failure message.
struct AxeFindings {
    rules_passed: u64,
    serious_or_critical: Vec<String>,
    minor: Vec<String>,
}

async fn run_axe(browser: &Browser, axe_source: &str) -> anyhow::Result<AxeFindings> {
    let loaded = browser
        .script("return typeof window.axe !== 'undefined';")
        .await?;
    if loaded != Value::Bool(true) {
        browser
            .client
            .execute(axe_source, vec![])
            .await
            .context("failed to inject axe-core")?;
    }
    let raw = browser
        .client
        .execute_async(
            r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
                .then(results => done(JSON.stringify({
                    rules_passed: results.passes.length,
                    violations: results.violations.map(v => ({
                        id: v.id,
                        impact: v.impact,
                        help: v.help,
                        nodes: v.nodes.map(n => ({ target: n.target, summary: n.failureSummary })),
                    })),
                })))
                .catch(error => done(JSON.stringify({ error: String(error) })));
            "#,
            vec![],
        )
        .await
        .context("axe.run failed")?;
    let text = raw.as_str().context("axe returned no text")?;
    let parsed: Value = serde_json::from_str(text).context("axe returned bad JSON")?;
    if let Some(error) = parsed.get("error") {
        bail!("axe.run threw: {error}");
    }
    // A page where no rule applied at all means axe did not really look at it.
    let rules_passed = parsed["rules_passed"].as_u64().unwrap_or(0);
    ensure!(rules_passed > 0, "axe checked no rules on this page");
    let mut findings = AxeFindings {
        rules_passed,
        serious_or_critical: Vec::new(),
        minor: Vec::new(),
    };
    for violation in parsed["violations"].as_array().into_iter().flatten() {
        let impact = violation["impact"].as_str().unwrap_or("unknown");
        for node in violation["nodes"].as_array().into_iter().flatten() {
            let line = format!(
                "{} ({impact}) at {}: {}; {}",
                violation["id"].as_str().unwrap_or("?"),
                node["target"],
                violation["help"].as_str().unwrap_or(""),
                node["summary"].as_str().unwrap_or("").replace('\n', " "),
            );
            if impact == "serious" || impact == "critical" {
                findings.serious_or_critical.push(line);
            } else {
                findings.minor.push(line);
            }
        }
    }
    Ok(findings)
}

/// What a page of the demo must show, besides passing axe.
struct DemoPage {
    path: String,
    /// Every string must appear in `<main>`.
    expected_texts: Vec<String>,
    /// The 404 page is an error page on purpose; every other page must not be one.
    expect_error_page: bool,
}

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

/// Open each page, check it shows what it should, and run axe on it. Problems are collected in
/// `failures` so one run reports every page at once.
async fn check_pages(
    browser: &Browser,
    axe_source: &str,
    locale: Locale,
    pages: &[DemoPage],
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    for page in pages {
        browser.open(&page.path).await?;
        let label = format!("[{locale}] {}", page.path);
        let lang = browser.html_lang().await?;
        if lang != locale.as_str() {
            failures.push(format!("{label}: <html lang={lang:?}>, expected {locale}"));
        }
        let is_error_page = browser.is_error_page().await?;
        if is_error_page != page.expect_error_page {
            failures.push(format!(
                "{label}: {}",
                if is_error_page {
                    "shows an error page"
                } else {
                    "should show the error page"
                }
            ));
        }
        let main = browser.main_text().await?;
        for expected in &page.expected_texts {
            if !main.contains(expected.as_str()) {
                failures.push(format!("{label}: does not show {expected:?}"));
            }
        }
        let findings = run_axe(browser, axe_source).await?;
        for line in &findings.minor {
            println!("  axe (not failing) {label}: {line}");
        }
        for line in &findings.serious_or_critical {
            failures.push(format!("{label}: axe {line}"));
        }
        println!(
            "checked {label}: axe rules passed {}, violations: {} serious/critical, {} other",
            findings.rules_passed,
            findings.serious_or_critical.len(),
            findings.minor.len()
        );
    }
    Ok(())
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

// --- the scenarios ---------------------------------------------------------------------------------

/// Record a step's outcome: print it when it passed, keep its error when it failed, so one run
/// reports every broken step and page at once.
fn record(failures: &mut Vec<String>, step: &str, outcome: anyhow::Result<()>) -> bool {
    match outcome {
        Ok(()) => {
            println!("ok: {step}");
            true
        }
        Err(error) => {
            println!("FAILED: {step}: {error:#}");
            failures.push(format!("{step}: {error:#}"));
            false
        }
    }
}

async fn sign_up_sign_out_sign_in(browser: &Browser) -> anyhow::Result<()> {
    browser.open("/sign-up").await?;
    browser
        .fill_and_submit_main_form(TEST_USER_NAME, TEST_USER_EMAIL, TEST_USER_PASSWORD)
        .await
        .context("sign-up form")?;
    browser
        .wait_until(
            "the new user's name in the header after signing up",
            || async { browser.header_shows(TEST_USER_NAME).await },
        )
        .await?;
    println!("ok: signed up and saw the name in the header");

    browser.sign_out().await?;
    println!("ok: signed out");

    browser.open("/sign-in").await?;
    browser
        .fill_and_submit_main_form(TEST_USER_NAME, TEST_USER_EMAIL, TEST_USER_PASSWORD)
        .await
        .context("sign-in form")?;
    browser
        .wait_until("the user's name in the header after signing in", || async {
            browser.header_shows(TEST_USER_NAME).await
        })
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
        record(failures, "sign out (in English)", browser.sign_out().await);
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
    let missing: Vec<String> = [
        PathBuf::from(CHROMIUM),
        PathBuf::from(CHROMEDRIVER),
        axe_script_path(),
    ]
    .into_iter()
    .filter(|path| !path.exists())
    .map(|path| path.display().to_string())
    .collect();
    if !missing.is_empty() {
        assert!(
            !env_flag("SOSEI_REQUIRE_ALL_TESTS"),
            "SOSEI_REQUIRE_ALL_TESTS=1 but the browser tests cannot run; missing: {}",
            missing.join(", ")
        );
        println!("{SKIP_MESSAGE}; missing: {}", missing.join(", "));
        return;
    }

    let axe_source = std::fs::read_to_string(axe_script_path()).unwrap();
    let data_dir = fresh_temp_dir("browser-data").unwrap();
    let profile_dir = fresh_temp_dir("browser-profile").unwrap();
    let server = start_app(&data_dir).await.unwrap();
    let driver = ChromeDriver::start().await.unwrap();
    let client = connect_browser(&driver, &profile_dir).await.unwrap();
    let browser = Browser {
        client,
        base: server.url(),
    };

    let mut failures = Vec::new();
    let outcome = run_scenarios(&browser, &server.store, &axe_source, &mut failures).await;
    // Close the browser before reporting, so no Chromium outlives a failed run.
    let _ = browser.client.close().await;
    drop(driver);
    server.shutdown().await;
    let _ = std::fs::remove_dir_all(&profile_dir);
    if let Err(error) = outcome {
        failures.push(format!("the run stopped early: {error:#}"));
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) in the browser tests:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
    let _ = std::fs::remove_dir_all(&data_dir);
}
