//! The storage contract ("story") suite: every story runs the same sequence of operations against
//! SQLite (a fresh data directory per test) and against PostgreSQL (a fresh database per test,
//! when `SOSEI_TEST_POSTGRES_URL` names a server), so the two backends cannot drift apart.

mod account_lifecycle;
mod accounts;
mod applications;
mod deliberation;
mod directory;
mod hosts;
mod match_exclusions;
mod organisations;
mod outbox;
mod programme_admin;
mod programme_details;
mod regions;
mod settings;
mod sign_in_attempts;
mod startup;
mod statement_translations;
mod teams_and_outcomes;

use std::path::PathBuf;
use std::str::FromStr;

use sosei_store::{Backend, Store};
use sqlx::Connection;

const POSTGRES_URL_VARIABLE: &str = "SOSEI_TEST_POSTGRES_URL";

/// A migrated store on a database of its own, removed again when the test ends (even when it
/// fails).
pub struct TestStore {
    pub store: Store,
    /// The URL of this test's database, to open a second handle on it.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteDirectory(PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

impl TestStore {
    /// Another handle on the same database, as a second app server would have.
    pub async fn open_another(&self) -> Store {
        Store::connect(&self.url)
            .await
            .expect("a second handle on the test database")
    }
}

/// Say once, past the test harness's output capture, that the PostgreSQL half did not run; fail
/// instead when `SOSEI_REQUIRE_ALL_TESTS` is set (as CI does).
fn say_postgres_skipped() {
    assert!(
        std::env::var_os("SOSEI_REQUIRE_ALL_TESTS").is_none(),
        "SOSEI_REQUIRE_ALL_TESTS is set but {POSTGRES_URL_VARIABLE} is not: the PostgreSQL contract tests cannot run"
    );
    static SAID: std::sync::Once = std::sync::Once::new();
    SAID.call_once(|| {
        use std::io::Write;
        // Written to the raw stderr handle so `cargo test` shows it without --nocapture.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: PostgreSQL contract tests (set {POSTGRES_URL_VARIABLE} to run them)"
        );
    });
}

fn unique_name() -> String {
    format!("sosei_test_{}", uuid::Uuid::new_v4().simple())
}

/// A fresh, migrated store on `backend`, or `None` (after saying so) when PostgreSQL tests were
/// not asked for.
pub async fn spawn_store(backend: Backend) -> Option<TestStore> {
    let test_store = spawn_empty_store(backend).await?;
    test_store.store.migrate().await.expect("migrations");
    Some(test_store)
}

/// Like [`spawn_store`], but nothing migrated yet: the database as a first start finds it.
pub async fn spawn_empty_store(backend: Backend) -> Option<TestStore> {
    let test_store = match backend {
        Backend::Sqlite => {
            let directory = std::env::temp_dir().join(unique_name());
            let store = Store::open_data_dir(&directory)
                .await
                .expect("a fresh SQLite data directory");
            TestStore {
                store,
                url: format!("sqlite://{}", directory.join("sosei.db").display()),
                cleanup: Cleanup::SqliteDirectory(directory),
            }
        }
        Backend::Postgres => {
            let Ok(admin_url) = std::env::var(POSTGRES_URL_VARIABLE) else {
                say_postgres_skipped();
                return None;
            };
            let name = unique_name();
            let mut admin = sqlx::PgConnection::connect(&admin_url)
                .await
                .unwrap_or_else(|error| {
                    panic!("{POSTGRES_URL_VARIABLE} is set but PostgreSQL is unreachable: {error}")
                });
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .await
                .expect("creating a test database");
            admin.close().await.ok();
            let url = url_with_database(&admin_url, &name);
            let store = Store::connect(&url)
                .await
                .expect("connecting to the fresh test database");
            TestStore {
                store,
                url,
                cleanup: Cleanup::PostgresDatabase { admin_url, name },
            }
        }
    };
    assert_eq!(test_store.store.backend(), backend);
    Some(test_store)
}

/// Replace the database name in a `postgres://user@host:port/database?options` URL.
fn url_with_database(admin_url: &str, database: &str) -> String {
    let (without_query, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (admin_url, None),
    };
    let authority_start = without_query.find("://").map_or(0, |index| index + 3);
    let base = match without_query[authority_start..].find('/') {
        Some(slash) => &without_query[..authority_start + slash],
        None => without_query,
    };
    match query {
        Some(query) => format!("{base}/{database}?{query}"),
        None => format!("{base}/{database}"),
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteDirectory(directory) => {
                let _ = std::fs::remove_dir_all(directory);
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                // Drop is synchronous and may run inside the test's runtime: do the async work on
                // a thread with a runtime of its own. Best effort: a leftover database is harmless.
                let admin_url = admin_url.clone();
                let name = name.clone();
                let dropper = std::thread::spawn(move || {
                    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                    else {
                        return;
                    };
                    runtime.block_on(async move {
                        let Ok(options) = sqlx::postgres::PgConnectOptions::from_str(&admin_url)
                        else {
                            return;
                        };
                        if let Ok(mut admin) = sqlx::PgConnection::connect_with(&options).await {
                            // FORCE ends the test's own pool connections, which are still open.
                            let _ = sqlx::query(&format!(
                                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                            ))
                            .execute(&mut admin)
                            .await;
                            let _ = admin.close().await;
                        }
                    });
                });
                let _ = dropper.join();
            }
        }
    }
}

/// Generate one `#[tokio::test]` per story and backend: `sqlite::STORY` and `postgres::STORY`.
macro_rules! contract_tests {
    ($($module:ident :: $story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    let Some(test_store) = crate::spawn_store(sosei_store::Backend::Sqlite).await
                    else {
                        return;
                    };
                    crate::$module::$story(&test_store).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    let Some(test_store) = crate::spawn_store(sosei_store::Backend::Postgres).await
                    else {
                        return;
                    };
                    crate::$module::$story(&test_store).await;
                }
            )*
        }
    };
}

contract_tests!(
    settings::connection_and_signing_secret,
    directory::directory_is_loaded_and_searchable,
    directory::directory_loading_is_idempotent,
    accounts::users,
    accounts::sessions,
    accounts::login_throttle,
    sign_in_attempts::concurrent_claims_never_exceed_the_policy,
    account_lifecycle::account_links,
    account_lifecycle::legal_documents_and_consent,
    account_lifecycle::personal_data_and_account_deletion,
    organisations::organisations,
    organisations::roles,
    regions::region_profiles,
    regions::stakeholders,
    regions::programmes,
    deliberation::conversations,
    deliberation::facilitators,
    deliberation::participants,
    deliberation::statements,
    deliberation::votes,
    deliberation::flags,
    deliberation::fact_cards,
    deliberation::audit_log,
    deliberation::analyses,
    deliberation::concurrent_votes,
    deliberation::bulk_votes,
    deliberation::checked_votes,
    deliberation::batched_votes,
    programme_details::programme_details_and_teams,
    programme_details::skills_taxonomy,
    programme_details::profiles_and_visibility,
    applications::applications_ranks_and_outbox,
    applications::application_races,
    hosts::host_families_and_placements,
    hosts::concurrent_placements,
    teams_and_outcomes::match_rounds_and_locks,
    match_exclusions::exclusions_outlast_reruns,
    teams_and_outcomes::deliverables_testimonials_references,
    programme_admin::coordinator_queries,
    outbox::outbox_delivery_claims_and_retries,
    statement_translations::translations_are_saved_replaced_and_listed,
);

#[test]
fn database_names_are_replaced_in_urls() {
    assert_eq!(
        url_with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
        "postgres://postgres@127.0.0.1:5432/x"
    );
    assert_eq!(
        url_with_database("postgresql://u:p@db/postgres?sslmode=disable", "x"),
        "postgresql://u:p@db/x?sslmode=disable"
    );
    assert_eq!(
        url_with_database("postgres://u@db", "x"),
        "postgres://u@db/x"
    );
}

// --- fixtures shared by the stories -----------------------------------------------------------

/// A fixed moment, whole seconds (the store keeps timestamps to the second).
pub fn moment(unix_seconds: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(unix_seconds).expect("a valid timestamp")
}

pub fn new_user(email: &str, display_name: &str) -> sosei_core::NewUser {
    sosei_core::NewUser {
        email: sosei_core::EmailAddress::parse(email).expect("a valid e-mail address"),
        display_name: sosei_core::DisplayName::parse(display_name).expect("a valid name"),
        password_hash: format!("$argon2id$v=19$m=19456,t=2,p=1$salt${display_name}"),
        is_site_admin: false,
        preferred_locale: None,
    }
}

pub fn new_organisation(slug: &str, name_ja: &str) -> sosei_core::NewOrganisation {
    sosei_core::NewOrganisation {
        slug: sosei_core::OrganisationSlug::parse(slug).expect("a valid slug"),
        kind: sosei_core::OrganisationKind::Npo,
        name: sosei_core::LocalizedText::new(name_ja, format!("{slug} (English)")),
        description: sosei_core::LocalizedText::default(),
        website: None,
    }
}

pub fn code(text: &str) -> sosei_core::MunicipalityCode {
    sosei_core::MunicipalityCode::parse(text).expect("a valid municipality code")
}
