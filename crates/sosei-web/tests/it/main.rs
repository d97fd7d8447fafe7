//! The web layer's integration tests. (Minimal harness from the operations work; the auth work
//! brings the full one with the same `spawn_app()` — keep theirs and add `mod api;`.)

mod api;

use std::path::PathBuf;

use axum::Router;
use sosei_store::Store;
use sosei_web::{AppState, WebConfig};

/// A running application on its own database.
pub struct TestApp {
    pub router: Router,
    pub store: Store,
    pub state: AppState,
    _data_dir: TempDir,
}

/// Build the application on a fresh SQLite database in a unique temporary folder.
pub async fn spawn_app() -> TestApp {
    let data_dir = TempDir::new();
    let store = Store::open_data_dir(&data_dir.path)
        .await
        .expect("open a fresh SQLite store");
    store.migrate().await.expect("migrate the fresh store");
    let state = AppState::new(store.clone(), WebConfig::default())
        .await
        .expect("build the app state");
    let router = sosei_web::router(state.clone());
    TestApp {
        router,
        store,
        state,
        _data_dir: data_dir,
    }
}

struct TempDir {
    path: PathBuf,
}

impl TempDir {
    fn new() -> TempDir {
        let path = std::env::temp_dir().join(format!("sosei-web-test-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&path).expect("create a temporary folder");
        TempDir { path }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
