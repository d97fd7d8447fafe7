//! Applications, their history and reviews. Every status change (the submission included) is
//! one transaction that also writes a history row and a message to the applicant in the outbox.

use sosei_core::application::{
    Application, ApplicationHistoryEntry, ApplicationReview, ApplicationStatus, Motivation,
    NewApplication, PreferenceRank, ReviewNotes, ReviewScore,
};
use sosei_core::{ApplicationId, Locale, ProgrammeId, UserId};
use time::OffsetDateTime;

use crate::convert::{localized, timestamp_from_unix, unix_seconds};
use crate::programme_values::{corrupt, small_number};
use crate::{Store, StoreError};

const APPLICATION_COLUMNS: &str = "id, programme_id, user_id, preference_rank, motivation, \
     status, review_notes, review_score, submitted_at, status_changed_at";

#[derive(sqlx::FromRow)]
struct ApplicationRow {
    id: i64,
    programme_id: i64,
    user_id: i64,
    preference_rank: i64,
    motivation: String,
    status: String,
    review_notes: Option<String>,
    review_score: Option<i64>,
    submitted_at: i64,
    status_changed_at: i64,
}

fn status_from_text(text: &str) -> Result<ApplicationStatus, StoreError> {
    ApplicationStatus::parse(text).ok_or_else(|| corrupt("application status", text))
}

fn application_from_row(row: ApplicationRow) -> Result<Application, StoreError> {
    Ok(Application {
        id: ApplicationId(row.id),
        programme: ProgrammeId(row.programme_id),
        applicant: UserId(row.user_id),
        rank: small_number::<PreferenceRank>("preference rank", row.preference_rank)?,
        motivation: Motivation::parse(&row.motivation)
            .map_err(|_| corrupt("motivation", &row.motivation))?,
        status: status_from_text(&row.status)?,
        review: ApplicationReview {
            notes: row
                .review_notes
                .map(|notes| {
                    ReviewNotes::parse(&notes).map_err(|_| corrupt("review notes", &notes))
                })
                .transpose()?,
            score: row
                .review_score
                .map(|score| small_number::<ReviewScore>("review score", score))
                .transpose()?,
        },
        submitted_at: timestamp_from_unix(row.submitted_at)?,
        status_changed_at: timestamp_from_unix(row.status_changed_at)?,
    })
}

/// Inside a transaction: write the history row and the applicant's message for a change of
/// application `$id` from `$from` (`None` on submission) to `$to`. A macro rather than a function
/// because each backend's transaction is a different type (see `with_pool!`).
macro_rules! record_status_change {
    ($transaction:expr, $id:expr, $from:expr, $to:expr, $by:expr, $now:expr) => {{
        let (email, display_name, preferred_locale, title_ja, title_en): (
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        ) = sqlx::query_as(
            "SELECT u.email, u.display_name, u.preferred_locale, p.title_ja, p.title_en \
             FROM applications a JOIN users u ON u.id = a.user_id \
             JOIN programmes p ON p.id = a.programme_id WHERE a.id = $1",
        )
        .bind($id)
        .fetch_one(&mut *$transaction)
        .await?;
        let locale = preferred_locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or_default();
        let message = sosei_core::outbox::application_status_message(
            $to,
            &display_name,
            &localized(title_ja, title_en),
            locale,
        );
        sqlx::query(
            "INSERT INTO outbox (recipient_user_id, email, locale, subject, body, application_id, \
             created_at) SELECT user_id, $2, $3, $4, $5, id, $6 FROM applications WHERE id = $1",
        )
        .bind($id)
        .bind(&email)
        .bind(locale.as_str())
        .bind(&message.subject)
        .bind(&message.body)
        .bind(unix_seconds($now))
        .execute(&mut *$transaction)
        .await?;
        sqlx::query(
            "INSERT INTO application_history (application_id, from_status, to_status, \
             by_user_id, at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($id)
        .bind($from.map(ApplicationStatus::as_str))
        .bind($to.as_str())
        .bind($by.0)
        .bind(unix_seconds($now))
        .execute(&mut *$transaction)
        .await
        .map_err(|error| StoreError::from_write(error, "application history"))?;
    }};
}

impl Store {
    /// Submit an application (with its history row and acknowledgement in the outbox).
    /// `NotFound` when the programme or the applicant does not exist; `Conflict` when the
    /// programme is not open, the person already applied to it, or already gave this rank to
    /// another active application. The application window is the caller's check
    /// (`Programme::accepts_applications`).
    pub async fn apply(
        &self,
        application: &NewApplication,
        now: OffsetDateTime,
    ) -> Result<Application, StoreError> {
        let sql = format!(
            "INSERT INTO applications (programme_id, user_id, preference_rank, motivation, status, \
             submitted_at, status_changed_at) \
             SELECT id, $2, $3, $4, 'submitted', $5, $5 FROM programmes \
             WHERE id = $1 AND status = 'open' RETURNING {APPLICATION_COLUMNS}"
        );
        let submitted = ApplicationStatus::Submitted;
        let row: Option<ApplicationRow> = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let row: Option<ApplicationRow> = match sqlx::query_as(&sql)
                .bind(application.programme.0)
                .bind(application.applicant.0)
                .bind(i64::from(application.rank.get()))
                .bind(application.motivation.as_str())
                .bind(unix_seconds(now))
                .fetch_optional(&mut *transaction)
                .await
            {
                Ok(row) => row,
                Err(error) => {
                    drop(transaction);
                    return Err(self.explain_application_conflict(application, error).await);
                }
            };
            if let Some(row) = &row {
                record_status_change!(
                    transaction, row.id, None::<ApplicationStatus>, submitted,
                    application.applicant, now
                );
                transaction.commit().await?;
            }
            row
        });
        match row {
            Some(row) => application_from_row(row),
            None => {
                let programme = self.programme(application.programme).await?;
                Err(StoreError::Conflict(format!(
                    "the programme is {}, not open",
                    programme.status
                )))
            }
        }
    }

    /// Name which uniqueness rule an application broke.
    async fn explain_application_conflict(
        &self,
        application: &NewApplication,
        error: sqlx::Error,
    ) -> StoreError {
        match StoreError::from_write(error, "application") {
            StoreError::Conflict(_) => {
                let already: Result<i64, StoreError> = async {
                    Ok(with_pool!(self, pool => {
                        sqlx::query_scalar(
                            "SELECT COUNT(*) FROM applications WHERE programme_id = $1 AND user_id = $2",
                        )
                        .bind(application.programme.0)
                        .bind(application.applicant.0)
                        .fetch_one(pool)
                        .await?
                    }))
                }
                .await;
                match already {
                    Ok(0) => {
                        StoreError::Conflict("rank already given to another application".into())
                    }
                    Ok(_) => StoreError::Conflict("already applied to this programme".into()),
                    Err(error) => error,
                }
            }
            other => other,
        }
    }

    pub async fn application(&self, id: ApplicationId) -> Result<Application, StoreError> {
        let sql = format!("SELECT {APPLICATION_COLUMNS} FROM applications WHERE id = $1");
        let row: Option<ApplicationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        });
        application_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// A person's applications, by rank (then id); final ones included.
    pub async fn applications_of_user(&self, user: UserId) -> Result<Vec<Application>, StoreError> {
        let sql = format!(
            "SELECT {APPLICATION_COLUMNS} FROM applications WHERE user_id = $1 \
             ORDER BY preference_rank, id"
        );
        let rows: Vec<ApplicationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(user.0).fetch_all(pool).await?
        });
        rows.into_iter().map(application_from_row).collect()
    }

    /// A programme's applications in order of submission.
    pub async fn applications_of_programme(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<Application>, StoreError> {
        let sql = format!(
            "SELECT {APPLICATION_COLUMNS} FROM applications WHERE programme_id = $1 \
             ORDER BY submitted_at, id"
        );
        let rows: Vec<ApplicationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(programme.0).fetch_all(pool).await?
        });
        rows.into_iter().map(application_from_row).collect()
    }

    /// Move an application from `from` to `to`, by `by` (whose right to do so — applicant or
    /// coordinator, `ApplicationStatus::actor_for` — the caller has checked). In one transaction:
    /// the conditional update, a history row and the applicant's message in the outbox.
    /// `Conflict` when the move is not allowed or the application is no longer in `from` (it lost
    /// a race); `NotFound` when there is no such application.
    pub async fn change_application_status(
        &self,
        id: ApplicationId,
        from: ApplicationStatus,
        to: ApplicationStatus,
        by: UserId,
        now: OffsetDateTime,
    ) -> Result<Application, StoreError> {
        if !from.can_become(to) {
            return Err(StoreError::Conflict(format!(
                "an application cannot go from {from} to {to}"
            )));
        }
        let sql = format!(
            "UPDATE applications SET status = $1, status_changed_at = $2 \
             WHERE id = $3 AND status = $4 RETURNING {APPLICATION_COLUMNS}"
        );
        let row: Option<ApplicationRow> = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let row: Option<ApplicationRow> = sqlx::query_as(&sql)
                .bind(to.as_str())
                .bind(unix_seconds(now))
                .bind(id.0)
                .bind(from.as_str())
                .fetch_optional(&mut *transaction)
                .await
                .map_err(|error| StoreError::from_write(error, "rank already given to another application"))?;
            if row.is_some() {
                record_status_change!(transaction, id.0, Some(from), to, by, now);
                transaction.commit().await?;
            }
            row
        });
        match row {
            Some(row) => application_from_row(row),
            None => {
                let current = self.application(id).await?;
                Err(StoreError::Conflict(format!(
                    "the application is {}, not {from}",
                    current.status
                )))
            }
        }
    }

    /// Oldest first.
    pub async fn application_history(
        &self,
        id: ApplicationId,
    ) -> Result<Vec<ApplicationHistoryEntry>, StoreError> {
        let rows: Vec<(Option<String>, String, i64, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT from_status, to_status, by_user_id, at FROM application_history \
                 WHERE application_id = $1 ORDER BY id",
            )
            .bind(id.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(from, to, by, at)| {
                Ok(ApplicationHistoryEntry {
                    application: id,
                    from: from.as_deref().map(status_from_text).transpose()?,
                    to: status_from_text(&to)?,
                    by: UserId(by),
                    at: timestamp_from_unix(at)?,
                })
            })
            .collect()
    }

    /// Set a coordinator's notes and score. `NotFound` when there is no such application.
    pub async fn review_application(
        &self,
        id: ApplicationId,
        review: &ApplicationReview,
    ) -> Result<Application, StoreError> {
        let sql = format!(
            "UPDATE applications SET review_notes = $1, review_score = $2 WHERE id = $3 \
             RETURNING {APPLICATION_COLUMNS}"
        );
        let row: Option<ApplicationRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(review.notes.as_ref().map(ReviewNotes::as_str))
                .bind(review.score.map(|score| i64::from(score.get())))
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        });
        application_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Re-rank some of `user`'s applications at once (e.g. swap first and second choice).
    /// All or nothing: `NotFound` when an application is not theirs, `Conflict` when the new
    /// ranks collide with each other or with another active application.
    pub async fn set_application_ranks(
        &self,
        user: UserId,
        ranks: &[(ApplicationId, PreferenceRank)],
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            // First out of the way (negative ids are unique and never a real rank), then into
            // place: swapping two ranks never collides half-way.
            for (id, _) in ranks {
                let moved = sqlx::query(
                    "UPDATE applications SET preference_rank = -id WHERE id = $1 AND user_id = $2",
                )
                .bind(id.0)
                .bind(user.0)
                .execute(&mut *transaction)
                .await?
                .rows_affected();
                if moved == 0 {
                    return Err(StoreError::NotFound);
                }
            }
            for (id, rank) in ranks {
                sqlx::query("UPDATE applications SET preference_rank = $1 WHERE id = $2")
                    .bind(i64::from(rank.get()))
                    .bind(id.0)
                    .execute(&mut *transaction)
                    .await
                    .map_err(|error| {
                        StoreError::from_write(error, "rank already given to another application")
                    })?;
            }
            transaction.commit().await?;
        });
        Ok(())
    }
}
