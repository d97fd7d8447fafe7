//! The municipality directory (loaded from `sosei-core`'s bundled copy) and its search.

use sosei_core::municipality::MunicipalityQuery;
use sosei_core::{Municipality, MunicipalityCode, MunicipalityKind, SearchQuery};

use crate::convert::{code_from_text, escape_like};
use crate::{Store, StoreError};

const MUNICIPALITY_COLUMNS: &str = "code, kind, parent, name, kana, name_en, romaji_key";

#[derive(sqlx::FromRow)]
struct MunicipalityRow {
    code: String,
    kind: String,
    parent: Option<String>,
    name: String,
    kana: String,
    name_en: String,
    romaji_key: String,
}

fn municipality_from_row(row: MunicipalityRow) -> Result<Municipality, StoreError> {
    let kind = MunicipalityKind::parse(&row.kind)
        .ok_or_else(|| StoreError::Corrupt(format!("municipality kind {:?}", row.kind)))?;
    Ok(Municipality {
        code: code_from_text(&row.code)?,
        kind,
        parent: row.parent.as_deref().map(code_from_text).transpose()?,
        name: row.name,
        kana: row.kana,
        name_en: row.name_en,
        romaji_key: row.romaji_key,
    })
}

/// Which column a query searches, and the text to look for (lower-cased: the romaji key is
/// stored lower-case, and lowering both sides keeps matching the same on both backends).
fn search_column_and_text(query: &MunicipalityQuery) -> (&'static str, String, bool) {
    match query {
        MunicipalityQuery::Code(digits) => ("code", digits.clone(), true),
        MunicipalityQuery::Kana(kana) => ("kana", kana.clone(), false),
        MunicipalityQuery::Romaji(romaji) => ("lower(romaji_key)", romaji.to_lowercase(), false),
        MunicipalityQuery::Name(name) => ("name", name.clone(), false),
    }
}

/// Rows per upsert statement when loading the directory: one round trip per row made loading
/// on PostgreSQL take most of a second; 100 rows use 700 parameters, far below both backends'
/// limits.
const UPSERT_BATCH_ROWS: usize = 100;

/// `INSERT … VALUES (…), (…) ON CONFLICT DO UPDATE` for `rows` directory entries.
///
/// An upsert rather than an insert: two app servers starting at once on PostgreSQL may both
/// load the directory; the second waits on the first's row locks and rewrites the same values.
fn upsert_municipalities_sql(rows: usize) -> String {
    const COLUMNS: usize = 7;
    let values: Vec<String> = (0..rows)
        .map(|row| {
            let placeholders: Vec<String> = (1..=COLUMNS)
                .map(|column| format!("${}", row * COLUMNS + column))
                .collect();
            format!("({})", placeholders.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO municipalities ({MUNICIPALITY_COLUMNS}) VALUES {} \
         ON CONFLICT (code) DO UPDATE SET kind = excluded.kind, parent = excluded.parent, \
         name = excluded.name, kana = excluded.kana, name_en = excluded.name_en, \
         romaji_key = excluded.romaji_key",
        values.join(", ")
    )
}

impl Store {
    /// Insert or update every entry (idempotent), in one transaction.
    pub async fn load_municipalities(&self, entries: &[Municipality]) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            for batch in entries.chunks(UPSERT_BATCH_ROWS) {
                let sql = upsert_municipalities_sql(batch.len());
                let mut upsert = sqlx::query(&sql);
                for entry in batch {
                    upsert = upsert
                        .bind(entry.code.to_string())
                        .bind(entry.kind.as_str())
                        .bind(entry.parent.map(|parent| parent.to_string()))
                        .bind(&entry.name)
                        .bind(&entry.kana)
                        .bind(&entry.name_en)
                        .bind(&entry.romaji_key);
                }
                upsert.execute(&mut *transaction).await?;
            }
            transaction.commit().await?;
        });
        Ok(())
    }

    pub async fn count_municipalities(&self) -> Result<i64, StoreError> {
        let count: i64 = with_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM municipalities").fetch_one(pool).await?
        });
        Ok(count)
    }

    pub async fn municipality(&self, code: MunicipalityCode) -> Result<Municipality, StoreError> {
        let sql = format!("SELECT {MUNICIPALITY_COLUMNS} FROM municipalities WHERE code = $1");
        let row: Option<MunicipalityRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(code.to_string()).fetch_optional(pool).await?
        });
        municipality_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Matches on code prefix, kana, romaji or kanji name. Exact matches first, then those that
    /// start with the query, then the rest; within each, prefectures last, then by code. A blank
    /// query finds nothing.
    ///
    /// Takes a [`SearchQuery`], so the `LIKE` pattern is bounded by its parse (an unbounded one
    /// is an error on SQLite past 50,000 bytes and slow on both backends well before).
    pub async fn search_municipalities(
        &self,
        query: &SearchQuery,
        limit: i64,
    ) -> Result<Vec<Municipality>, StoreError> {
        let Some(query) = MunicipalityQuery::parse(query.as_str()) else {
            return Ok(Vec::new());
        };
        let (column, text, prefix_only) = search_column_and_text(&query);
        let escaped = escape_like(&text);
        let prefix_pattern = format!("{escaped}%");
        let match_pattern = if prefix_only {
            prefix_pattern.clone()
        } else {
            format!("%{escaped}%")
        };
        // `column` comes from the closed list above, never from user input.
        let sql = format!(
            "SELECT {MUNICIPALITY_COLUMNS} FROM municipalities \
             WHERE {column} LIKE $1 ESCAPE '\\' \
             ORDER BY CASE WHEN {column} = $2 THEN 0 WHEN {column} LIKE $3 ESCAPE '\\' THEN 1 ELSE 2 END, \
             CASE WHEN kind = 'prefecture' THEN 1 ELSE 0 END, code \
             LIMIT $4"
        );
        let rows: Vec<MunicipalityRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(&match_pattern)
                .bind(&text)
                .bind(&prefix_pattern)
                .bind(limit.max(0))
                .fetch_all(pool)
                .await?
        });
        rows.into_iter().map(municipality_from_row).collect()
    }

    /// The 47 prefectures in code order.
    pub async fn prefectures(&self) -> Result<Vec<Municipality>, StoreError> {
        let sql = format!(
            "SELECT {MUNICIPALITY_COLUMNS} FROM municipalities WHERE kind = 'prefecture' ORDER BY code"
        );
        let rows: Vec<MunicipalityRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).fetch_all(pool).await?
        });
        rows.into_iter().map(municipality_from_row).collect()
    }

    /// Municipalities (not wards) of one prefecture, in code order.
    pub async fn municipalities_of_prefecture(
        &self,
        prefecture: MunicipalityCode,
    ) -> Result<Vec<Municipality>, StoreError> {
        let sql = format!(
            "SELECT {MUNICIPALITY_COLUMNS} FROM municipalities \
             WHERE kind = 'municipality' AND parent = $1 ORDER BY code"
        );
        let rows: Vec<MunicipalityRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(prefecture.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(municipality_from_row).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upserts_number_their_placeholders_row_by_row() {
        let sql = upsert_municipalities_sql(2);
        assert!(sql.contains(
            "VALUES ($1, $2, $3, $4, $5, $6, $7), ($8, $9, $10, $11, $12, $13, $14) ON CONFLICT"
        ));
    }

    #[test]
    fn search_text_is_lower_cased_for_romaji_only() {
        assert_eq!(
            search_column_and_text(&MunicipalityQuery::Romaji("Tono".into())),
            ("lower(romaji_key)", "tono".to_owned(), false)
        );
        assert_eq!(
            search_column_and_text(&MunicipalityQuery::Code("032".into())),
            ("code", "032".to_owned(), true)
        );
    }
}
