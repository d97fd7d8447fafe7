//! What programmes leave behind: deliverables, testimonials (public only with consent) and
//! references between host families and participants.

use sosei_core::programme::after::{
    Deliverable, DeliverableKind, DeliverableLocation, NewDeliverable, NewReference,
    NewTestimonial, Reference, ReferenceDirection, ReferenceText, Testimonial, WebLink,
};
use sosei_core::{DeliverableId, HostFamilyId, ProgrammeId, ReferenceId, TestimonialId, UserId};
use time::OffsetDateTime;

use crate::convert::{localized, timestamp_from_unix, unix_seconds};
use crate::programme_values::{corrupt, language_from_text};
use crate::{Store, StoreError};

const DELIVERABLE_COLUMNS: &str = "id, programme_id, title_ja, title_en, kind, language_code, \
     link_url, file_path, added_by, created_at";

#[derive(sqlx::FromRow)]
struct DeliverableRow {
    id: i64,
    programme_id: i64,
    title_ja: Option<String>,
    title_en: Option<String>,
    kind: String,
    language_code: String,
    link_url: Option<String>,
    file_path: Option<String>,
    added_by: i64,
    created_at: i64,
}

fn deliverable_from_row(row: DeliverableRow) -> Result<Deliverable, StoreError> {
    let location = match (row.link_url, row.file_path) {
        (Some(url), None) => DeliverableLocation::Link(
            WebLink::parse(&url).map_err(|_| corrupt("deliverable link", &url))?,
        ),
        (None, Some(path)) => DeliverableLocation::UploadedFile(path),
        _ => return Err(corrupt("deliverable location", row.id)),
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

    /// `NotFound` when the programme or the user does not exist.
    pub async fn add_deliverable(
        &self,
        deliverable: &NewDeliverable,
        now: OffsetDateTime,
    ) -> Result<Deliverable, StoreError> {
        let (link, file) = match &deliverable.location {
            DeliverableLocation::Link(link) => (Some(link.as_str()), None),
            DeliverableLocation::UploadedFile(path) => (None, Some(path.as_str())),
        };
        let sql = format!(
            "INSERT INTO deliverables (programme_id, title_ja, title_en, kind, language_code, \
             link_url, file_path, added_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING {DELIVERABLE_COLUMNS}"
        );
        let row: DeliverableRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
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
        deliverable_from_row(row)
    }

    /// In the order they were added.
    pub async fn deliverables_of_programme(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<Deliverable>, StoreError> {
        let sql = format!(
            "SELECT {DELIVERABLE_COLUMNS} FROM deliverables WHERE programme_id = $1 ORDER BY id"
        );
        let rows: Vec<DeliverableRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(programme.0).fetch_all(pool).await?
        });
        rows.into_iter().map(deliverable_from_row).collect()
    }

    /// Removing a missing deliverable is not an error.
    pub async fn remove_deliverable(&self, id: DeliverableId) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM deliverables WHERE id = $1").bind(id.0).execute(pool).await?;
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
