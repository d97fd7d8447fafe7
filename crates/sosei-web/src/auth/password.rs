//! Password hashing with argon2id (`Argon2::default()`: 19 MiB, 2 passes, 1 lane, the OWASP
//! minimum), stored as PHC strings so the parameters travel with each hash.
//!
//! Hashing takes a noticeable slice of a CPU on purpose, so the async wrappers run it on the
//! blocking thread pool and never stall the request executor.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sosei_core::NewPassword;

use crate::error::AppError;

/// A hash of a password nobody knows, made with the same parameters as real hashes. Signing in
/// with an unknown e-mail address is verified against it, so that answer takes as long as a
/// wrong password for a real account and accounts cannot be discovered by timing.
pub(crate) const DUMMY_PASSWORD_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$Q0TjvC24Pa5/2CXAmeyoQA$ggv6ne9plSwutzK/8/rfuGgAXG7A3tk4s2ggsM3Qzxc";

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct PasswordHashError(String);

/// Hash `password` with argon2id and a fresh random salt; returns a PHC string.
/// Blocks for a while: call it from a blocking context (the CLI, or [`hash_password`]).
pub fn hash_password_blocking(password: &NewPassword) -> Result<String, PasswordHashError> {
    let mut salt_bytes = [0u8; 16];
    getrandom::fill(&mut salt_bytes).map_err(|error| PasswordHashError(error.to_string()))?;
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|error| PasswordHashError(error.to_string()))?;
    Argon2::default()
        .hash_password(password.expose().as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| PasswordHashError(error.to_string()))
}

/// Whether `password` matches the PHC string `stored_hash`. A malformed stored hash never matches.
pub fn verify_password_blocking(stored_hash: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored_hash) else {
        tracing::warn!("a stored password hash does not parse");
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// [`hash_password_blocking`] on the blocking thread pool.
pub async fn hash_password(password: &NewPassword) -> Result<String, AppError> {
    let password = password.clone();
    tokio::task::spawn_blocking(move || hash_password_blocking(&password))
        .await
        .map_err(|error| AppError::Internal(anyhow::Error::new(error)))?
        .map_err(|error| AppError::Internal(anyhow::Error::new(error)))
}

/// [`verify_password_blocking`] on the blocking thread pool. `None` for the stored hash verifies
/// against [`DUMMY_PASSWORD_HASH`] (and so fails) in the same time a real check takes.
pub async fn verify_password(
    stored_hash: Option<String>,
    password: String,
) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let is_real_account = stored_hash.is_some();
        let hash = stored_hash.unwrap_or_else(|| DUMMY_PASSWORD_HASH.to_owned());
        let matches = verify_password_blocking(&hash, &password);
        matches && is_real_account
    })
    .await
    .map_err(|error| AppError::Internal(anyhow::Error::new(error)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_only_its_own_password() {
        let password = NewPassword::parse("correct horse battery staple").unwrap();
        let hash = hash_password_blocking(&password).unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password_blocking(
            &hash,
            "correct horse battery staple"
        ));
        assert!(!verify_password_blocking(
            &hash,
            "correct horse battery stapl"
        ));
        assert!(!verify_password_blocking("not a phc string", "anything"));
    }

    #[test]
    fn salts_are_random() {
        let password = NewPassword::parse("the same password twice").unwrap();
        assert_ne!(
            hash_password_blocking(&password).unwrap(),
            hash_password_blocking(&password).unwrap()
        );
    }

    #[test]
    fn the_dummy_hash_costs_as_much_as_a_real_one() {
        let password = NewPassword::parse("some real password").unwrap();
        let real = hash_password_blocking(&password).unwrap();
        let parameters = |phc: &str| {
            let parsed = PasswordHash::new(phc).unwrap();
            (
                parsed.algorithm.to_string(),
                parsed.version,
                parsed.params.to_string(),
            )
        };
        assert_eq!(parameters(DUMMY_PASSWORD_HASH), parameters(&real));
    }

    #[tokio::test]
    async fn unknown_accounts_never_verify() {
        assert!(
            !verify_password(None, "sosei-dummy-password-never-used".to_owned())
                .await
                .unwrap()
        );
    }
}
