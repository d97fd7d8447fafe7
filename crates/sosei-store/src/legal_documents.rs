//! The terms of use and the privacy policy, versioned, and who accepted which version when.
//!
//! A version is never changed: publishing an edit inserts the next version (the primary key
//! `(kind, version)` makes two admins publishing at once a `Conflict`, not two versions 3).

use sosei_core::UserId;
use sosei_core::legal::{LegalAcceptance, LegalDocument, LegalDocumentKind, LegalText};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::programme_values::corrupt;
use crate::{Store, StoreError};

const DOCUMENT_COLUMNS: &str = "kind, version, body_ja, body_en, published_at, published_by";

#[derive(sqlx::FromRow)]
struct DocumentRow {
    kind: String,
    version: i64,
    body_ja: String,
    body_en: String,
    published_at: i64,
    published_by: Option<i64>,
}

fn kind_from_text(text: &str) -> Result<LegalDocumentKind, StoreError> {
    LegalDocumentKind::parse(text).ok_or_else(|| corrupt("legal document kind", text))
}

fn document_from_row(row: DocumentRow) -> Result<LegalDocument, StoreError> {
    Ok(LegalDocument {
        kind: kind_from_text(&row.kind)?,
        version: row.version,
        body_ja: LegalText::parse(&row.body_ja).map_err(|_| corrupt("legal text", row.version))?,
        body_en: LegalText::parse(&row.body_en).map_err(|_| corrupt("legal text", row.version))?,
        published_at: timestamp_from_unix(row.published_at)?,
        published_by: row.published_by.map(UserId),
    })
}

impl Store {
    /// Give a new site version 1 of each document (the default texts); a site that has one
    /// keeps it. Safe to run from several app servers at once.
    pub(crate) async fn seed_default_legal_documents(&self) -> Result<(), StoreError> {
        let now = unix_seconds(OffsetDateTime::now_utc());
        for kind in LegalDocumentKind::ALL {
            let (ja, en) = sosei_core::legal::default_text(kind);
            with_pool!(self, pool => {
                sqlx::query(
                    "INSERT INTO legal_documents (kind, version, body_ja, body_en, published_at) \
                     VALUES ($1, 1, $2, $3, $4) ON CONFLICT (kind, version) DO NOTHING",
                )
                .bind(kind.as_str())
                .bind(ja.trim())
                .bind(en.trim())
                .bind(now)
                .execute(pool)
                .await?;
            });
        }
        Ok(())
    }

    /// Publish the next version of `kind`.
    pub async fn publish_legal_document(
        &self,
        kind: LegalDocumentKind,
        body_ja: &LegalText,
        body_en: &LegalText,
        by: UserId,
        now: OffsetDateTime,
    ) -> Result<LegalDocument, StoreError> {
        let sql = format!(
            "INSERT INTO legal_documents ({DOCUMENT_COLUMNS}) \
             SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5 \
             FROM legal_documents WHERE kind = $1 RETURNING {DOCUMENT_COLUMNS}"
        );
        let row: DocumentRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(kind.as_str())
                .bind(body_ja.as_str())
                .bind(body_en.as_str())
                .bind(unix_seconds(now))
                .bind(by.0)
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "legal document version"))?
        });
        document_from_row(row)
    }

    /// The newest version of `kind`; `NotFound` before any is published.
    pub async fn current_legal_document(
        &self,
        kind: LegalDocumentKind,
    ) -> Result<LegalDocument, StoreError> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM legal_documents WHERE kind = $1 \
             ORDER BY version DESC LIMIT 1"
        );
        let row: Option<DocumentRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(kind.as_str()).fetch_optional(pool).await?
        });
        document_from_row(row.ok_or(StoreError::NotFound)?)
    }

    pub async fn legal_document(
        &self,
        kind: LegalDocumentKind,
        version: i64,
    ) -> Result<LegalDocument, StoreError> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM legal_documents WHERE kind = $1 AND version = $2"
        );
        let row: Option<DocumentRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(kind.as_str())
                .bind(version)
                .fetch_optional(pool)
                .await?
        });
        document_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Every version of `kind`, newest first.
    pub async fn legal_document_versions(
        &self,
        kind: LegalDocumentKind,
    ) -> Result<Vec<LegalDocument>, StoreError> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM legal_documents WHERE kind = $1 ORDER BY version DESC"
        );
        let rows: Vec<DocumentRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(kind.as_str()).fetch_all(pool).await?
        });
        rows.into_iter().map(document_from_row).collect()
    }

    /// Record that `user` accepted these versions. Accepting a version twice keeps the first
    /// time; `NotFound` for a version that does not exist.
    pub async fn accept_legal_documents(
        &self,
        user: UserId,
        versions: &[(LegalDocumentKind, i64)],
        now: OffsetDateTime,
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            for (kind, version) in versions {
                sqlx::query(
                    "INSERT INTO legal_acceptances (user_id, kind, version, accepted_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, kind, version) DO NOTHING",
                )
                .bind(user.0)
                .bind(kind.as_str())
                .bind(*version)
                .bind(unix_seconds(now))
                .execute(&mut *transaction)
                .await
                .map_err(|error| StoreError::from_write(error, "legal acceptance"))?;
            }
            transaction.commit().await?;
        });
        Ok(())
    }

    /// What `user` accepted, oldest first.
    pub async fn legal_acceptances_of(
        &self,
        user: UserId,
    ) -> Result<Vec<LegalAcceptance>, StoreError> {
        let rows: Vec<(String, i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT kind, version, accepted_at FROM legal_acceptances WHERE user_id = $1 \
                 ORDER BY accepted_at, kind, version",
            )
            .bind(user.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(kind, version, accepted_at)| {
                Ok(LegalAcceptance {
                    kind: kind_from_text(&kind)?,
                    version,
                    accepted_at: timestamp_from_unix(accepted_at)?,
                })
            })
            .collect()
    }

    /// The current documents `user` has still to accept before going on. A person who accepted
    /// an older version is asked for the newest. An account that never accepted anything was
    /// made by the operator (`sosei user create`, the demo) or before documents existed: it
    /// counts as holding the versions published by the time it was made, so it is asked for
    /// every version published after that (on a site that gains this feature, everyone).
    pub async fn legal_documents_awaiting_acceptance(
        &self,
        user: UserId,
    ) -> Result<Vec<(LegalDocumentKind, i64)>, StoreError> {
        let rows: Vec<(String, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT d.kind, d.version FROM legal_documents d \
                 WHERE d.version = (SELECT MAX(l.version) FROM legal_documents l WHERE l.kind = d.kind) \
                 AND d.version > COALESCE( \
                     (SELECT MAX(a.version) FROM legal_acceptances a \
                      WHERE a.user_id = $1 AND a.kind = d.kind), \
                     (SELECT MAX(e.version) FROM legal_documents e JOIN users u ON u.id = $1 \
                      WHERE e.kind = d.kind AND e.published_at <= u.created_at), \
                     0) \
                 ORDER BY d.kind",
            )
            .bind(user.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(kind, version)| Ok((kind_from_text(&kind)?, version)))
            .collect()
    }
}
