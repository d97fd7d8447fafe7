//! `sosei user create`: make an account from the command line (the first site admin, usually).

use std::io::{BufRead, IsTerminal, Write};

use anyhow::Context;
use sosei_core::{DisplayName, EmailAddress, NewPassword, NewUser, User};
use sosei_store::{Store, StoreError};
use time::OffsetDateTime;

/// What `create_or_promote` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserOutcome {
    Created(User),
    /// The account existed and was made a site admin.
    Promoted(User),
    /// The account existed and already had what was asked; nothing changed.
    Unchanged(User),
}

/// The parsed request of `sosei user create`.
#[derive(Debug, Clone)]
pub struct UserRequest {
    pub email: EmailAddress,
    pub display_name: DisplayName,
    pub site_admin: bool,
}

impl UserRequest {
    pub fn parse(email: &str, name: &str, site_admin: bool) -> anyhow::Result<UserRequest> {
        let email = EmailAddress::parse(email)
            .map_err(|_| anyhow::anyhow!("{email:?} is not an e-mail address"))?;
        let display_name = DisplayName::parse(name).map_err(|_| {
            anyhow::anyhow!(
                "the name must have 1 to {} characters and no control characters",
                DisplayName::MAX_CHARS
            )
        })?;
        Ok(UserRequest {
            email,
            display_name,
            site_admin,
        })
    }
}

/// Create the account, or — when the e-mail address is taken — promote it to site admin if that
/// was asked. The password is only read when an account is created, so re-running the command
/// to promote someone does not ask for (or change) their password.
pub async fn create_or_promote(
    store: &Store,
    request: &UserRequest,
    read_password: impl FnOnce() -> anyhow::Result<String>,
) -> anyhow::Result<UserOutcome> {
    match store.user_with_password_by_email(&request.email).await {
        Ok(existing) => return promote_if_asked(store, existing.user, request.site_admin).await,
        Err(StoreError::NotFound) => {}
        Err(other) => return Err(anyhow::Error::new(other).context("cannot look up the user")),
    }
    let raw_password = read_password()?;
    let password = NewPassword::parse(&raw_password)
        .map_err(|error| anyhow::anyhow!("password refused: {error}"))?;
    let new_user = NewUser {
        email: request.email.clone(),
        display_name: request.display_name.clone(),
        password_hash: hash_password(&password).await?,
        is_site_admin: request.site_admin,
        preferred_locale: None,
    };
    match store
        .create_user(&new_user, OffsetDateTime::now_utc())
        .await
    {
        Ok(user) => Ok(UserOutcome::Created(user)),
        // Someone created the same account between our look-up and insert.
        Err(StoreError::Conflict(_)) => {
            let existing = store
                .user_with_password_by_email(&request.email)
                .await
                .context("cannot look up the user")?;
            promote_if_asked(store, existing.user, request.site_admin).await
        }
        Err(other) => Err(anyhow::Error::new(other).context("cannot create the user")),
    }
}

async fn promote_if_asked(
    store: &Store,
    user: User,
    site_admin: bool,
) -> anyhow::Result<UserOutcome> {
    if site_admin && !user.is_site_admin {
        store
            .set_site_admin(user.id, true)
            .await
            .context("cannot make the user a site admin")?;
        let user = store
            .user(user.id)
            .await
            .context("cannot reload the user")?;
        Ok(UserOutcome::Promoted(user))
    } else {
        Ok(UserOutcome::Unchanged(user))
    }
}

/// The web layer's argon2id hashing, so an account made here signs in like one made in the
/// browser. Hashing is slow on purpose; it runs on the blocking pool.
pub async fn hash_password(password: &NewPassword) -> anyhow::Result<String> {
    let password = password.clone();
    tokio::task::spawn_blocking(move || sosei_web::auth::hash_password_blocking(&password))
        .await
        .context("the password hashing task failed")?
        .context("cannot hash the password")
}

/// Read one line from standard input as the password. At a terminal, ask for it with echo off
/// (through `stty`, which every Unix has, rather than another dependency).
pub fn read_password_from_stdin(prompt: bool) -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    let at_terminal = stdin.is_terminal();
    if prompt && at_terminal {
        eprint!(
            "Password (at least {} characters): ",
            NewPassword::MIN_CHARS
        );
        let _ = std::io::stderr().flush();
    }
    let echo_was_off = at_terminal && set_terminal_echo(false);
    let mut line = String::new();
    let result = stdin.lock().read_line(&mut line);
    if echo_was_off {
        set_terminal_echo(true);
        eprintln!();
    }
    result.context("cannot read the password from standard input")?;
    if line.is_empty() {
        anyhow::bail!("no password given on standard input");
    }
    // Only the line ending is removed: spaces are part of a password.
    let password = line
        .strip_suffix('\n')
        .map(|rest| rest.strip_suffix('\r').unwrap_or(rest))
        .unwrap_or(&line);
    Ok(password.to_owned())
}

fn set_terminal_echo(on: bool) -> bool {
    std::process::Command::new("stty")
        .arg(if on { "echo" } else { "-echo" })
        .stdin(std::process::Stdio::inherit())
        .status()
        .is_ok_and(|status| status.success())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verify() {
        let password = NewPassword::parse("correct horse battery").unwrap();
        let first = hash_password(&password).await.unwrap();
        let second = hash_password(&password).await.unwrap();
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second);
        use sosei_web::auth::password::verify_password_blocking;
        assert!(verify_password_blocking(&first, "correct horse battery"));
        assert!(!verify_password_blocking(&first, "wrong horse battery"));
    }

    #[test]
    fn requests_are_parsed_once() {
        assert!(UserRequest::parse("not-an-address", "Hanako", true).is_err());
        assert!(UserRequest::parse("a@example.jp", "   ", true).is_err());
        let request = UserRequest::parse(" Admin@Example.JP ", "管理者", true).unwrap();
        assert_eq!(request.email.as_str(), "admin@example.jp");
    }
}
