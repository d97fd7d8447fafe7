//! Shared by the real-browser tests (`browser.rs`, `browser_deliberation.rs`, `browser_programmes.rs`):
//! chromedriver and headless Chromium, the server under test with the demo data, small page helpers, axe-core.
//!
//! Needs `/usr/bin/chromium`, `/usr/bin/chromedriver` (Debian's `chromium`, `chromium-driver`;
//! `fonts-noto-cjk` for Japanese in screenshots) and axe-core (`npm ci` in `tests/browser`).
//! Without them a test prints SKIPPED and passes, unless `SOSEI_REQUIRE_ALL_TESTS=1` (CI), where
//! a skip would hide a broken setup and so fails instead.
// Each test binary compiles this module on its own and uses only some of it.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // tests may unwrap
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use sosei_core::Locale;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const SKIP_MESSAGE: &str =
    "SKIPPED: browser tests (install chromium, chromium-driver and run npm ci in tests/browser)";

/// How long to wait for a page to change after a click or a submitted form.
pub const PAGE_CHANGE_TIMEOUT: Duration = Duration::from_secs(15);

pub fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

pub fn axe_script_path() -> PathBuf {
    workspace_root().join("tests/browser/node_modules/axe-core/axe.min.js")
}

pub fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|value| value == "1" || value.eq_ignore_ascii_case("true"))
}

/// A new, empty directory under the system's temp dir.
pub fn fresh_temp_dir(label: &str) -> anyhow::Result<PathBuf> {
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
pub struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    pub async fn start() -> anyhow::Result<ChromeDriver> {
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

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub async fn connect_browser(driver: &ChromeDriver, profile_dir: &Path) -> anyhow::Result<Client> {
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
pub async fn start_app(data_dir: &Path) -> anyhow::Result<sosei::RunningServer> {
    let prepared = sosei::prepare_server(sosei::ServerSettings {
        bind: SocketAddr::from(([127, 0, 0, 1], 0)),
        database: sosei::DatabaseLocation::DataDir(data_dir.to_owned()),
        web: sosei_web::WebConfig::default(),
        mail: None,
    })
    .await?;
    if let Err(error) = sosei::demo::load_demo_data(prepared.store()).await {
        prepared.abandon().await;
        return Err(error.context("failed to load the demo data"));
    }
    prepared.serve().await
}

// --- small browser helpers -----------------------------------------------------------------------

pub struct Browser {
    pub client: Client,
    pub base: String,
}

impl Browser {
    pub async fn open(&self, path: &str) -> anyhow::Result<()> {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .with_context(|| format!("failed to open {path}"))
    }

    pub async fn script(&self, script: &str) -> anyhow::Result<Value> {
        self.client
            .execute(script, vec![])
            .await
            .with_context(|| format!("script failed: {script}"))
    }

    pub async fn script_text(&self, script: &str) -> anyhow::Result<String> {
        Ok(self
            .script(script)
            .await?
            .as_str()
            .unwrap_or_default()
            .to_owned())
    }

    pub async fn html_lang(&self) -> anyhow::Result<String> {
        self.script_text("return document.documentElement.lang;")
            .await
    }

    pub async fn header_text(&self) -> anyhow::Result<String> {
        self.script_text("const h = document.querySelector('header'); return h ? h.innerText : '';")
            .await
    }

    pub async fn main_text(&self) -> anyhow::Result<String> {
        self.script_text(
            "const m = document.querySelector('main') || document.body; return m.innerText;",
        )
        .await
    }

    pub async fn first_heading(&self) -> anyhow::Result<String> {
        self.script_text("const h = document.querySelector('h1'); return h ? h.innerText : '';")
            .await
    }

    pub async fn is_error_page(&self) -> anyhow::Result<bool> {
        Ok(self
            .script("return document.querySelector('.error-page') !== null;")
            .await?
            .as_bool()
            .unwrap_or(false))
    }

    /// Poll `condition` until it holds or the page-change timeout passes.
    pub async fn wait_until<F, Fut>(&self, what: &str, mut condition: F) -> anyhow::Result<()>
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

    /// Open `/sign-in` or `/sign-up` (`path`), fill the form by keyboard, and wait until the header
    /// shows `display_name`: the account is signed in.
    pub async fn enter_account(
        &self,
        path: &str,
        display_name: &str,
        email: &str,
        password: &str,
    ) -> anyhow::Result<()> {
        self.open(path).await?;
        self.fill_and_submit_main_form(display_name, email, password)
            .await
            .with_context(|| format!("the form of {path}"))?;
        self.wait_until(
            &format!("{display_name} in the header after {path}"),
            || async { self.header_shows(display_name).await },
        )
        .await
    }

    /// Fill the page's main form the way a keyboard user does: focus each visible field in
    /// document order and type into it, then press Enter in the last text field to submit.
    pub async fn fill_and_submit_main_form(
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

    pub async fn header_shows(&self, text: &str) -> anyhow::Result<bool> {
        Ok(self.header_text().await?.contains(text))
    }

    /// Press the header's sign-out button and wait until `display_name` leaves the header.
    pub async fn sign_out(&self, display_name: &str) -> anyhow::Result<()> {
        self.client
            .find(Locator::Css("header form[action$='/sign-out'] button"))
            .await
            .context("no sign-out button in the header")?
            .click()
            .await?;
        self.wait_until("the header to drop the user's name", || async {
            Ok(!self.header_shows(display_name).await?)
        })
        .await
    }

    pub async fn switch_language(&self, to: Locale) -> anyhow::Result<()> {
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
pub struct AxeFindings {
    pub rules_passed: u64,
    pub serious_or_critical: Vec<String>,
    pub minor: Vec<String>,
}

pub async fn run_axe(browser: &Browser, axe_source: &str) -> anyhow::Result<AxeFindings> {
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
pub struct DemoPage {
    pub path: String,
    /// Every string must appear in `<main>`.
    pub expected_texts: Vec<String>,
    /// The 404 page is an error page on purpose; every other page must not be one.
    pub expect_error_page: bool,
}

/// Open each page, check it shows what it should, and run axe on it. Problems are collected in
/// `failures` so one run reports every page at once.
pub async fn check_pages(
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

// --- the scenarios ---------------------------------------------------------------------------------

/// Record a step's outcome: print it when it passed, keep its error when it failed, so one run
/// reports every broken step and page at once.
pub fn record(failures: &mut Vec<String>, step: &str, outcome: anyhow::Result<()>) -> bool {
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

// --- starting and stopping everything ---------------------------------------------------------------

/// The tools a browser test needs that are not installed, as paths.
pub fn missing_browser_tools() -> Vec<String> {
    [
        PathBuf::from(CHROMIUM),
        PathBuf::from(CHROMEDRIVER),
        axe_script_path(),
    ]
    .into_iter()
    .filter(|path| !path.exists())
    .map(|path| path.display().to_string())
    .collect()
}

/// Whether a browser test must stop here: prints SKIPPED when tools are missing, and panics
/// instead under `SOSEI_REQUIRE_ALL_TESTS=1`, where a skip would hide a broken setup.
pub fn skip_without_browser() -> bool {
    let missing = missing_browser_tools();
    if missing.is_empty() {
        return false;
    }
    assert!(
        !env_flag("SOSEI_REQUIRE_ALL_TESTS"),
        "SOSEI_REQUIRE_ALL_TESTS=1 but the browser tests cannot run; missing: {}",
        missing.join(", ")
    );
    // Written to the raw stderr handle: the harness captures `println!` of a passing test, and a
    // skip must be seen without --nocapture.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "{SKIP_MESSAGE}; missing: {}",
        missing.join(", ")
    );
    true
}

/// The server with the demo data, chromedriver and one browser session on it.
pub struct Rig {
    pub server: sosei::RunningServer,
    pub browser: Browser,
    pub axe_source: String,
    driver: ChromeDriver,
    data_dir: PathBuf,
    profile_dir: PathBuf,
}

impl Rig {
    pub async fn start(label: &str) -> Rig {
        let axe_source = std::fs::read_to_string(axe_script_path()).unwrap();
        let data_dir = fresh_temp_dir(&format!("{label}-data")).unwrap();
        let profile_dir = fresh_temp_dir(&format!("{label}-profile")).unwrap();
        let server = start_app(&data_dir).await.unwrap();
        let driver = ChromeDriver::start().await.unwrap();
        let client = connect_browser(&driver, &profile_dir).await.unwrap();
        let browser = Browser {
            client,
            base: server.url(),
        };
        Rig {
            server,
            browser,
            axe_source,
            driver,
            data_dir,
            profile_dir,
        }
    }

    /// Close the browser before reporting, so no Chromium outlives a failed run, then fail with
    /// every problem at once. The data directory is kept when something failed, to look into.
    pub async fn finish(self, mut failures: Vec<String>, outcome: anyhow::Result<()>) {
        let _ = self.browser.client.close().await;
        drop(self.driver);
        self.server.shutdown().await;
        let _ = std::fs::remove_dir_all(&self.profile_dir);
        if let Err(error) = outcome {
            failures.push(format!("the run stopped early: {error:#}"));
        }
        assert!(
            failures.is_empty(),
            "{} problem(s) in the browser tests:\n  {}",
            failures.len(),
            failures.join("\n  ")
        );
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

// --- shared steps of the scenario tests ---------------------------------------------------------

/// How long a scenario step may wait for the page to reach the state it expects.
pub const SCENARIO_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Where the browser is and what the part of the page matching `css` (or `<main>`) holds, for a
/// failure message.
pub async fn page_context(browser: &Browser, css: &str) -> String {
    let url = browser
        .client
        .current_url()
        .await
        .map(|url| url.to_string())
        .unwrap_or_else(|_| "an unknown page".to_owned());
    let script = format!(
        "const e = document.querySelector({css:?}) || document.querySelector('main') || document.body; \
         return e ? e.outerHTML : '';"
    );
    let html = browser.script_text(&script).await.unwrap_or_default();
    let snippet: String = html.chars().take(1200).collect();
    format!("on {url}, {css} is: {snippet}")
}

/// Poll `condition` (a script returning a boolean) until it holds.
pub async fn wait_for_script(
    browser: &Browser,
    what: &str,
    condition: &str,
    css: &str,
) -> anyhow::Result<()> {
    let started = Instant::now();
    loop {
        if browser
            .script(condition)
            .await
            .ok()
            .and_then(|value| value.as_bool())
            .unwrap_or(false)
        {
            return Ok(());
        }
        if started.elapsed() > SCENARIO_WAIT {
            bail!(
                "timed out waiting for {what}; {}",
                page_context(browser, css).await
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Switch the page's language with the header's switcher, as a visitor does (the language
/// cookie is HttpOnly; for a signed-in user the choice is also saved with the account).
pub async fn set_language(browser: &Browser, locale: Locale) -> anyhow::Result<()> {
    let url = browser.client.current_url().await?;
    if !url.as_str().starts_with(&browser.base) {
        browser.open("/").await?;
    }
    if browser.html_lang().await? == locale.as_str() {
        return Ok(());
    }
    browser.switch_language(locale).await
}

/// Run axe on the page now open, which should be in `locale`.
pub async fn axe_open_page(
    browser: &Browser,
    axe_source: &str,
    locale: Locale,
    label: &str,
    failures: &mut Vec<String>,
) {
    let outcome = async {
        let lang = browser.html_lang().await?;
        ensure!(
            lang == locale.as_str(),
            "<html lang={lang:?}>, expected {locale}"
        );
        ensure!(
            !browser.is_error_page().await?,
            "shows an error page: {}",
            page_context(browser, "main").await
        );
        let findings = run_axe(browser, axe_source).await?;
        for line in &findings.minor {
            println!("  axe (not failing) {label}: {line}");
        }
        println!(
            "axe {label}: rules passed {}, {} serious/critical, {} other",
            findings.rules_passed,
            findings.serious_or_critical.len(),
            findings.minor.len()
        );
        ensure!(
            findings.serious_or_critical.is_empty(),
            "axe found serious or critical violations:\n    {}",
            findings.serious_or_critical.join("\n    ")
        );
        Ok(())
    }
    .await;
    record(failures, &format!("axe {label}"), outcome);
}

/// Run axe on `path` in Japanese and in English (switched in the header), then go back to
/// Japanese.
pub async fn axe_in_both_languages(
    browser: &Browser,
    axe_source: &str,
    path: &str,
    what: &str,
    failures: &mut Vec<String>,
) -> anyhow::Result<()> {
    for locale in [Locale::Ja, Locale::En] {
        browser.open(path).await?;
        set_language(browser, locale).await?;
        browser.open(path).await?;
        let label = format!("[{locale}] {what} ({path})");
        axe_open_page(browser, axe_source, locale, &label, failures).await;
    }
    set_language(browser, Locale::Ja).await
}
