//! Throw-away PostgreSQL databases, for load tests that must not touch real data: created on
//! the server a URL names, and dropped afterwards.

use sqlx::{Connection, PgConnection};

use crate::StoreError;

/// Create an empty database with a fresh name (`sosei_scratch_…`) on the server of
/// `server_url`, and return the URL that names it.
pub async fn create_scratch_postgres_database(server_url: &str) -> Result<String, StoreError> {
    let mut random = [0u8; 8];
    getrandom::fill(&mut random).map_err(|error| {
        StoreError::Database(sqlx::Error::Configuration(
            format!("no operating-system randomness: {error}").into(),
        ))
    })?;
    let suffix: String = random.iter().map(|byte| format!("{byte:02x}")).collect();
    let name = format!("sosei_scratch_{suffix}");
    let mut connection = PgConnection::connect(server_url).await?;
    // A name cannot be a bound parameter; this one is made of [a-z0-9_] only.
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut connection)
        .await?;
    connection.close().await?;
    Ok(url_with_database(server_url, &name))
}

/// Drop a database made by [`create_scratch_postgres_database`] (refuses any other name).
pub async fn drop_scratch_postgres_database(scratch_url: &str) -> Result<(), StoreError> {
    let name = database_of_url(scratch_url);
    let valid = name.starts_with("sosei_scratch_")
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !valid {
        return Err(StoreError::InvalidUrl(format!(
            "{name:?} is not a scratch database"
        )));
    }
    let mut connection = PgConnection::connect(&url_with_database(scratch_url, "postgres")).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&mut connection)
        .await?;
    connection.close().await?;
    Ok(())
}

/// The database named by a `postgres://user@host:port/database?options` URL.
fn database_of_url(url: &str) -> &str {
    let without_query = url.split_once('?').map_or(url, |(base, _)| base);
    let authority_start = without_query.find("://").map_or(0, |index| index + 3);
    match without_query[authority_start..].find('/') {
        Some(slash) => &without_query[authority_start + slash + 1..],
        None => "",
    }
}

/// Replace (or add) the database name in a `postgres://user@host:port/database?options` URL.
fn url_with_database(url: &str, database: &str) -> String {
    let (without_query, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_is_replaced_and_read() {
        let url = url_with_database("postgres://u:p@h:5432/postgres?sslmode=disable", "x_1");
        assert_eq!(url, "postgres://u:p@h:5432/x_1?sslmode=disable");
        assert_eq!(database_of_url(&url), "x_1");
        assert_eq!(url_with_database("postgres://h", "db"), "postgres://h/db");
    }
}
