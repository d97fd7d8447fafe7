use std::sync::Arc;

use sosei_store::Store;

use crate::deliberation::recompute::AnalysisScheduler;
use crate::deliberation::translations::MachineTranslator;
use crate::ops::Metrics;

/// Settings of the web layer, from the binary's configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (set when the site is served over HTTPS).
    pub secure_cookies: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// The SMTP server that delivers the outbox (`host:port`, no credentials), shown on the admin
    /// outbox page; `None` when messages stay in the outbox.
    pub mail_server: Option<String>,
    /// Password hashes allowed at once (see `auth::password_gate`); the number of cores by default.
    pub max_concurrent_password_hashes: usize,
    /// The request header a trusted reverse proxy writes the client's address into (e.g.
    /// `X-Forwarded-For`; its last entry is used), for the sign-in throttle. `None`: the address
    /// of the connection.
    pub client_address_header: Option<String>,
    /// Where links in e-mails start when `public_url` is not set (`http://` and the bind
    /// address, right for a site tried on this machine). E-mailed links never take the request's
    /// `Host` header, which anyone can set (a reset link pointing at another site would hand it
    /// the token).
    pub mail_link_fallback: String,
    /// The bearer token that opens `/metrics` to callers other than this machine; `None`
    /// leaves it to loopback only.
    pub metrics_token: Option<String>,
    /// The address the public reaches the site at (`https://sosei.example.jp`), for the absolute
    /// addresses in a page's `<head>`; `None`: the request's host (see [`crate::public_url`]).
    pub public_url: Option<crate::public_url::PublicUrl>,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            max_body_bytes: 1024 * 1024,
            mail_server: None,
            max_concurrent_password_hashes: crate::auth::password_gate::default_capacity(),
            client_address_header: None,
            mail_link_fallback: "http://127.0.0.1:8080".to_owned(),
            metrics_token: None,
            public_url: None,
        }
    }
}

/// Shared by every handler; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    /// The site's signing secret (from the store, shared by every app server).
    pub secret: Arc<Vec<u8>>,
    pub metrics: Arc<Metrics>,
    /// Recomputes opinion analyses in the background after votes and moderation.
    pub analysis_scheduler: AnalysisScheduler,
    /// Conversations read in the last second, for the vote hot path only.
    pub conversation_cache: crate::deliberation::conversation_cache::ConversationCache,
    /// The cap on concurrent password hashing.
    pub password_gate: crate::auth::password_gate::PasswordGate,
    /// The machine translation provider the operator configured, if any (Sosei ships none).
    pub machine_translator: Option<Arc<dyn MachineTranslator>>,
}

impl AppState {
    /// Build the state, reading (or creating) the signing secret from the store.
    pub async fn new(store: Store, config: WebConfig) -> Result<AppState, sosei_store::StoreError> {
        let secret = store.signing_secret().await?;
        Ok(AppState {
            password_gate: crate::auth::password_gate::PasswordGate::new(
                config.max_concurrent_password_hashes,
            ),
            config: Arc::new(config),
            secret: Arc::new(secret),
            metrics: Arc::new(Metrics::default()),
            analysis_scheduler: AnalysisScheduler::new(store.clone()),
            conversation_cache: Default::default(),
            machine_translator: None,
            store,
        })
    }

    /// Offer facilitators machine translations from `translator` (always labelled as such).
    pub fn with_machine_translator(mut self, translator: Arc<dyn MachineTranslator>) -> AppState {
        self.machine_translator = Some(translator);
        self
    }
}
