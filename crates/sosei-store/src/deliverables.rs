//! What programmes leave behind: deliverables, testimonials (public only with consent) and
//! references between host families and participants.

use sosei_core::programme::after::{
    Deliverable, DeliverableKind, DeliverableLocation, NewDeliverable, NewReference,
    NewTestimonial, Reference, ReferenceDirection, ReferenceText, Testimonial, WebLink,
};
use sosei_core::{DeliverableId, HostFamilyId, ProgrammeId, ReferenceId, TestimonialId, UserId};
use time::OffsetDateTime;

use crate::convert::{localized, timestamp_from_unix, unix_seconds};
use crate::files::stored_file_from_row;
use crate::programme_values::{corrupt, language_from_text};
use crate::{Store, StoreError};

/// A deliverable with the details of its file, if it has one.
const DELIVERABLE_SELECT: &str = "SELECT d.id, d.programme_id, d.title_ja, d.title_en, d.kind, \
     d.language_code, d.link_url, d.added_by, d.created_at, f.id AS file_id, f.file_name, \
     f.media_type, f.size_bytes, f.sha256, f.uploaded_by AS file_uploaded_by, \
     f.created_at AS file_created_at \
     FROM deliverables d LEFT JOIN stored_files f ON f.id = d.file_id";

#[derive(sqlx::FromRow)]
struct DeliverableRow {
    id: i64,
    programme_id: i64,
    title_ja: Option<String>,
    title_en: Option<String>,
    kind: String,
    language_code: String,
    link_url: Option<String>,
    added_by: i64,
    created_at: i64,
    #[sqlx(flatten)]
    file: FileColumns,
}

#[derive(sqlx::FromRow)]
struct FileColumns {
    file_id: Option<i64>,
    file_name: Option<String>,
    media_type: Option<String>,
    size_bytes: Option<i64>,
    sha256: Option<String>,
    file_uploaded_by: Option<i64>,
    file_created_at: Option<i64>,
}

fn deliverable_from_row(row: DeliverableRow) -> Result<Deliverable, StoreError> {
    let file = row.file;
    let location = match (row.link_url, file.file_id) {
        (Some(url), None) => DeliverableLocation::Link(
            WebLink::parse(&url).map_err(|_| corrupt("deliverable link", &url))?,
        ),
        (None, Some(file_id)) => DeliverableLocation::File(stored_file_from_row((
            file_id,
            file.file_name.unwrap_or_default(),
            file.media_type.unwrap_or_default(),
            file.size_bytes.unwrap_or_default(),
            file.sha256.unwrap_or_default(),
            file.file_uploaded_by.unwrap_or_default(),
            file.file_created_at.unwrap_or_default(),
        ))?),
        (None, None) => DeliverableLocation::Offline,
        (Some(_), Some(_)) => return Err(corrupt("deliverable location", row.id)),
    };
    Ok(Deliverable {
        id: DeliverableId(row.id),
        details: NewDeliverable {
            programme: ProgrammeId(row.programme_id),
            title: localized(row.title_ja, row.title_en),
            kind: DeliverableKind::parse(&row.kind)
                .ok_or_else(|| corrupt("deliverable kind", &row.kind))?,
            language: language_from_text(&row.language_code)?,
            location,
            added_by: UserId(row.added_by),
        },
        created_at: timestamp_from_unix(row.created_at)?,
    })
}

const TESTIMONIAL_COLUMNS: &str =
    "id, programme_id, author_user_id, text_ja, text_en, consent_to_publish, created_at";

type TestimonialRow = (i64, i64, i64, Option<String>, Option<String>, bool, i64);

fn testimonial_from_row(
    (id, programme, author, ja, en, consent, created_at): TestimonialRow,
) -> Result<Testimonial, StoreError> {
    Ok(Testimonial {
        id: TestimonialId(id),
        details: NewTestimonial {
            programme: ProgrammeId(programme),
            author: UserId(author),
            text: localized(ja, en),
            consent_to_publish: consent,
        },
        created_at: timestamp_from_unix(created_at)?,
    })
}

const REFERENCE_COLUMNS: &str = "id, programme_id, host_family_id, participant_user_id, \
     direction, written_by, text, created_at";

type ReferenceRow = (i64, i64, i64, i64, String, i64, String, i64);

fn reference_from_row(
    (id, programme, host, participant, direction, written_by, text, created_at): ReferenceRow,
) -> Result<Reference, StoreError> {
    Ok(Reference {
        id: ReferenceId(id),
        details: NewReference {
            programme: ProgrammeId(programme),
            host: HostFamilyId(host),
            participant: UserId(participant),
            direction: ReferenceDirection::parse(&direction)
                .ok_or_else(|| corrupt("reference direction", &direction))?,
            written_by: UserId(written_by),
            text: ReferenceText::parse(&text).map_err(|_| corrupt("reference text", &text))?,
        },
        created_at: timestamp_from_unix(created_at)?,
    })
}

impl Store {
    // --- deliverables ---------------------------------------------------------------------------

    /// `NotFound` when the programme, the user or the file does not exist.
    pub async fn add_deliverable(
        &self,
        deliverable: &NewDeliverable,
        now: OffsetDateTime,
    ) -> Result<Deliverable, StoreError> {
        let (link, file) = match &deliverable.location {
            DeliverableLocation::Link(link) => (Some(link.as_str()), None),
            DeliverableLocation::File(file) => (None, Some(file.id.0)),
            DeliverableLocation::Offline => (None, None),
        };
        let id: i64 = with_pool!(self, pool => {
            sqlx::query_scalar(
                "INSERT INTO deliverables (programme_id, title_ja, title_en, kind, language_code, \
                 link_url, file_id, added_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
            )
            .bind(deliverable.programme.0)
            .bind(deliverable.title.ja.as_deref())
            .bind(deliverable.title.en.as_deref())
            .bind(deliverable.kind.as_str())
            .bind(deliverable.language.as_str())
            .bind(link)
            .bind(file)
            .bind(deliverable.added_by.0)
            .bind(unix_seconds(now))
            .fetch_one(pool)
            .await
            .map_err(|error| StoreError::from_write(error, "deliverable"))?
        });
        self.deliverable(DeliverableId(id)).await
    }

    /// One deliverable; `NotFound` when there is none.
    pub async fn deliverable(&self, id: DeliverableId) -> Result<Deliverable, StoreError> {
        let sql = format!("{DELIVERABLE_SELECT} WHERE d.id = $1");
        let row: Option<DeliverableRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        });
        deliverable_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// In the order they were added.
    pub async fn deliverables_of_programme(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<Deliverable>, StoreError> {
        let sql = format!("{DELIVERABLE_SELECT} WHERE d.programme_id = $1 ORDER BY d.id");
        let rows: Vec<DeliverableRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(programme.0).fetch_all(pool).await?
        });
        rows.into_iter().map(deliverable_from_row).collect()
    }

    /// Removing a missing deliverable is not an error. Its file goes with it, unless another
    /// deliverable uses the same file.
    pub async fn remove_deliverable(&self, id: DeliverableId) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let file: Option<Option<i64>> =
                sqlx::query_scalar("DELETE FROM deliverables WHERE id = $1 RETURNING file_id")
                    .bind(id.0)
                    .fetch_optional(&mut *transaction)
                    .await?;
            if let Some(Some(file)) = file {
                sqlx::query(
                    "DELETE FROM stored_files WHERE id = $1 \
                     AND NOT EXISTS (SELECT 1 FROM deliverables WHERE file_id = $1)",
                )
                .bind(file)
                .execute(&mut *transaction)
                .await?;
            }
            transaction.commit().await?;
        });
        Ok(())
    }

    // --- testimonials ---------------------------------------------------------------------------

    /// One per participant and programme: `Conflict` for a second one. `NotFound` when the
    /// programme or the author does not exist.
    pub async fn add_testimonial(
        &self,
        testimonial: &NewTestimonial,
        now: OffsetDateTime,
    ) -> Result<Testimonial, StoreError> {
        let sql = format!(
            "INSERT INTO testimonials (programme_id, author_user_id, text_ja, text_en, \
             consent_to_publish, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
             RETURNING {TESTIMONIAL_COLUMNS}"
        );
        let row: TestimonialRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(testimonial.programme.0)
                .bind(testimonial.author.0)
                .bind(testimonial.text.ja.as_deref())
                .bind(testimonial.text.en.as_deref())
                .bind(testimonial.consent_to_publish)
                .bind(unix_seconds(now))
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "testimonial already written"))?
        });
        testimonial_from_row(row)
    }

    /// The author gives or withdraws consent. `NotFound` when there is no such testimonial.
    pub async fn set_testimonial_consent(
        &self,
        id: TestimonialId,
        consent_to_publish: bool,
    ) -> Result<Testimonial, StoreError> {
        let sql = format!(
            "UPDATE testimonials SET consent_to_publish = $1 WHERE id = $2 \
             RETURNING {TESTIMONIAL_COLUMNS}"
        );
        let row: Option<TestimonialRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(consent_to_publish).bind(id.0).fetch_optional(pool).await?
        });
        testimonial_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// For the public programme page: only testimonials whose authors consented, oldest first.
    pub async fn published_testimonials(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<Testimonial>, StoreError> {
        let sql = format!(
            "SELECT {TESTIMONIAL_COLUMNS} FROM testimonials \
             WHERE programme_id = $1 AND consent_to_publish ORDER BY id"
        );
        let rows: Vec<TestimonialRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(programme.0).fetch_all(pool).await?
        });
        rows.into_iter().map(testimonial_from_row).collect()
    }

    /// Every testimonial, consented or not (for coordinators), oldest first.
    pub async fn all_testimonials_of_programme(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<Testimonial>, StoreError> {
        let sql = format!(
            "SELECT {TESTIMONIAL_COLUMNS} FROM testimonials WHERE programme_id = $1 ORDER BY id"
        );
        let rows: Vec<TestimonialRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(programme.0).fetch_all(pool).await?
        });
        rows.into_iter().map(testimonial_from_row).collect()
    }

    // --- references -----------------------------------------------------------------------------

    /// `NotFound` when the programme, the host family or a user does not exist.
    pub async fn add_reference(
        &self,
        reference: &NewReference,
        now: OffsetDateTime,
    ) -> Result<Reference, StoreError> {
        let sql = format!(
            "INSERT INTO programme_references (programme_id, host_family_id, participant_user_id, \
             direction, written_by, text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             RETURNING {REFERENCE_COLUMNS}"
        );
        let row: ReferenceRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(reference.programme.0)
                .bind(reference.host.0)
                .bind(reference.participant.0)
                .bind(reference.direction.as_str())
                .bind(reference.written_by.0)
                .bind(reference.text.as_str())
                .bind(unix_seconds(now))
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "reference"))?
        });
        reference_from_row(row)
    }

    /// A programme's references both ways, oldest first.
    pub async fn references_of_programme(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<Reference>, StoreError> {
        let sql = format!(
            "SELECT {REFERENCE_COLUMNS} FROM programme_references WHERE programme_id = $1 ORDER BY id"
        );
        let rows: Vec<ReferenceRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(programme.0).fetch_all(pool).await?
        });
        rows.into_iter().map(reference_from_row).collect()
    }
}
