//! Files uploaded to the site, kept in the database (`stored_files`) with their name, media type,
//! size and SHA-256, so every app server serves the same bytes and a database backup holds them.

use sha2::{Digest, Sha256};
use sosei_core::file::{FileName, MediaType, NewStoredFile, StoredFile};
use sosei_core::{StoredFileId, UserId};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::programme_values::corrupt;
use crate::{Store, StoreError};

pub(crate) const STORED_FILE_COLUMNS: &str =
    "id, file_name, media_type, size_bytes, sha256, uploaded_by, created_at";

pub(crate) type StoredFileRow = (i64, String, String, i64, String, i64, i64);

/// [`StoredFileRow`] followed by the content.
type StoredFileWithContentRow = (i64, String, String, i64, String, i64, i64, Vec<u8>);

pub(crate) fn stored_file_from_row(
    (id, name, media_type, size, sha256, uploaded_by, created_at): StoredFileRow,
) -> Result<StoredFile, StoreError> {
    Ok(StoredFile {
        id: StoredFileId(id),
        name: FileName::parse(&name).map_err(|_| corrupt("file name", &name))?,
        media_type: MediaType::parse(&media_type)
            .ok_or_else(|| corrupt("media type", &media_type))?,
        size_bytes: u64::try_from(size).map_err(|_| corrupt("file size", size))?,
        sha256,
        uploaded_by: UserId(uploaded_by),
        created_at: timestamp_from_unix(created_at)?,
    })
}

fn hex_sha256(content: &[u8]) -> String {
    Sha256::digest(content)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

impl Store {
    /// Keep a checked file. `NotFound` when the uploader does not exist.
    pub async fn store_file(
        &self,
        file: &NewStoredFile,
        now: OffsetDateTime,
    ) -> Result<StoredFile, StoreError> {
        let size = i64::try_from(file.content.len())
            .map_err(|_| StoreError::Conflict("file too large".into()))?;
        let sql = format!(
            "INSERT INTO stored_files (file_name, media_type, size_bytes, sha256, content, \
             uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             RETURNING {STORED_FILE_COLUMNS}"
        );
        let row: StoredFileRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(file.name.as_str())
                .bind(file.media_type.as_str())
                .bind(size)
                .bind(hex_sha256(&file.content))
                .bind(file.content.as_slice())
                .bind(file.uploaded_by.0)
                .bind(unix_seconds(now))
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "stored file"))?
        });
        stored_file_from_row(row)
    }

    /// A file's details and content. `NotFound` when there is none; `Corrupt` when the content
    /// no longer matches its SHA-256.
    pub async fn stored_file_content(
        &self,
        id: StoredFileId,
    ) -> Result<(StoredFile, Vec<u8>), StoreError> {
        let sql = format!("SELECT {STORED_FILE_COLUMNS}, content FROM stored_files WHERE id = $1");
        let row: Option<StoredFileWithContentRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        });
        let (id, name, media_type, size, sha256, uploaded_by, created_at, content) =
            row.ok_or(StoreError::NotFound)?;
        let file =
            stored_file_from_row((id, name, media_type, size, sha256, uploaded_by, created_at))?;
        if hex_sha256(&content) != file.sha256 {
            return Err(corrupt("file content", id));
        }
        Ok((file, content))
    }

    /// Remove a file that nothing refers to any more (e.g. after the deliverable it was uploaded
    /// for could not be added). A file still in use, or already gone, is left alone.
    pub async fn remove_unused_file(&self, id: StoredFileId) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query(
                "DELETE FROM stored_files WHERE id = $1 \
                 AND NOT EXISTS (SELECT 1 FROM deliverables WHERE file_id = $1)",
            )
            .bind(id.0)
            .execute(pool)
            .await?;
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_is_lower_case_hex() {
        assert_eq!(
            super::hex_sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
