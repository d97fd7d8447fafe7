//! First start of the app on an empty database, including two app servers starting at once.

use sosei_store::Backend;

use crate::spawn_empty_store;

/// Two app servers migrate the same empty database and ask for the signing secret.
/// On PostgreSQL they do it at the same moment (several stateless servers are its use case);
/// SQLite is served by one process, so there the second server starts after the first.
async fn servers_starting_together(backend: Backend) {
    let Some(test_store) = spawn_empty_store(backend).await else {
        return;
    };
    let first = &test_store.store;
    let second = test_store.open_another().await;
    let started = std::time::Instant::now();
    if backend == Backend::Postgres {
        let (first_result, second_result) = tokio::join!(first.migrate(), second.migrate());
        first_result.expect("first server migrates");
        second_result.expect("second server migrates");
    } else {
        first.migrate().await.expect("first server migrates");
        second.migrate().await.expect("second server migrates");
    }
    eprintln!(
        "{backend:?}: two servers migrated in {:?}",
        started.elapsed()
    );
    assert_eq!(first.count_municipalities().await.expect("count"), 1969);
    assert_eq!(second.count_municipalities().await.expect("count"), 1969);

    let (first_secret, second_secret) =
        tokio::join!(first.signing_secret(), second.signing_secret());
    let first_secret = first_secret.expect("first secret");
    assert_eq!(first_secret, second_secret.expect("second secret"));
    assert_eq!(first.signing_secret().await.expect("again"), first_secret);
    second.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_servers_starting_together() {
    servers_starting_together(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_servers_starting_together() {
    servers_starting_together(Backend::Postgres).await;
}
