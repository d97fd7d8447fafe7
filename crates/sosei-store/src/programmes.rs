//! Programmes that bring a team to a region: the record, its Social Contract details and status,
//! its planned deliverables, and who coordinates it. Teams live in `teams.rs`.

use sosei_core::programme::after::{DeliverableKind, PlannedDeliverable};
use sosei_core::programme::team::NeedCount;
use sosei_core::programme::{
    JapaneseSpeakerRule, PROGRAMME_COORDINATOR_ROLES, ParticipantsReceive, Seats,
};
use sosei_core::{
    MunicipalityCode, NewProgramme, OrganisationId, Programme, ProgrammeDetails, ProgrammeId,
    ProgrammeStatus, UserId,
};

use crate::convert::{code_from_text, date_from_text, date_text, localized};
use crate::programme_values::{
    corrupt, date_range_from_texts, date_range_texts, level_from_text, small_number,
};
use crate::{Store, StoreError};

pub(crate) const PROGRAMME_COLUMNS: &str = "id, organisation_id, region_code, title_ja, title_en, \
     summary_ja, summary_en, starts_on, ends_on, status, theme_ja, theme_en, description_ja, \
     description_en, applications_open_on, applications_close_on, seats, japanese_minimum_level, \
     japanese_at_least_per_team, receives_accommodation_ja, receives_accommodation_en, \
     receives_meals_ja, receives_meals_en, receives_other_ja, receives_other_en";

#[derive(sqlx::FromRow)]
pub(crate) struct ProgrammeRow {
    id: i64,
    organisation_id: i64,
    region_code: String,
    title_ja: Option<String>,
    title_en: Option<String>,
    summary_ja: Option<String>,
    summary_en: Option<String>,
    starts_on: String,
    ends_on: String,
    status: String,
    theme_ja: Option<String>,
    theme_en: Option<String>,
    description_ja: Option<String>,
    description_en: Option<String>,
    applications_open_on: Option<String>,
    applications_close_on: Option<String>,
    seats: Option<i64>,
    japanese_minimum_level: Option<String>,
    japanese_at_least_per_team: Option<i64>,
    receives_accommodation_ja: Option<String>,
    receives_accommodation_en: Option<String>,
    receives_meals_ja: Option<String>,
    receives_meals_en: Option<String>,
    receives_other_ja: Option<String>,
    receives_other_en: Option<String>,
}

pub(crate) fn programme_from_row(row: ProgrammeRow) -> Result<Programme, StoreError> {
    let status = ProgrammeStatus::parse(&row.status)
        .ok_or_else(|| corrupt("programme status", &row.status))?;
    let application_window = match (&row.applications_open_on, &row.applications_close_on) {
        (Some(opens), Some(closes)) => Some(date_range_from_texts(opens, closes)?),
        _ => None,
    };
    let seats = row
        .seats
        .map(|seats| {
            u16::try_from(seats)
                .ok()
                .and_then(|seats| Seats::new(seats).ok())
                .ok_or_else(|| corrupt("seats", seats))
        })
        .transpose()?;
    let japanese_speaker_rule = match row.japanese_minimum_level.as_deref() {
        Some(level) => Some(JapaneseSpeakerRule {
            minimum_level: level_from_text(level)?,
            at_least_per_team: small_number::<NeedCount>(
                "Japanese speakers per team",
                row.japanese_at_least_per_team.unwrap_or(1),
            )?,
        }),
        None => None,
    };
    Ok(Programme {
        id: ProgrammeId(row.id),
        organisation: OrganisationId(row.organisation_id),
        region: code_from_text(&row.region_code)?,
        title: localized(row.title_ja, row.title_en),
        summary: localized(row.summary_ja, row.summary_en),
        starts_on: date_from_text(&row.starts_on)?,
        ends_on: date_from_text(&row.ends_on)?,
        status,
        details: ProgrammeDetails {
            theme: localized(row.theme_ja, row.theme_en),
            description: localized(row.description_ja, row.description_en),
            application_window,
            seats,
            japanese_speaker_rule,
            participants_receive: ParticipantsReceive {
                accommodation: localized(
                    row.receives_accommodation_ja,
                    row.receives_accommodation_en,
                ),
                meals: localized(row.receives_meals_ja, row.receives_meals_en),
                other: localized(row.receives_other_ja, row.receives_other_en),
            },
        },
    })
}

/// `'admin', 'coordinator'`: the coordinator roles as an SQL list (fixed names, not input).
pub(crate) fn coordinator_roles_sql() -> String {
    PROGRAMME_COORDINATOR_ROLES
        .iter()
        .map(|role| format!("'{}'", role.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Created as a draft with empty details. `NotFound` when the organisation or the region
    /// does not exist.
    pub async fn create_programme(
        &self,
        programme: &NewProgramme,
    ) -> Result<Programme, StoreError> {
        let sql = format!(
            "INSERT INTO programmes \
             (organisation_id, region_code, title_ja, title_en, summary_ja, summary_en, starts_on, ends_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {PROGRAMME_COLUMNS}"
        );
        let row: ProgrammeRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(programme.organisation.0)
                .bind(programme.region.to_string())
                .bind(programme.title.ja.as_deref())
                .bind(programme.title.en.as_deref())
                .bind(programme.summary.ja.as_deref())
                .bind(programme.summary.en.as_deref())
                .bind(date_text(programme.starts_on))
                .bind(date_text(programme.ends_on))
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "programme"))?
        });
        programme_from_row(row)
    }

    pub async fn programme(&self, id: ProgrammeId) -> Result<Programme, StoreError> {
        let sql = format!("SELECT {PROGRAMME_COLUMNS} FROM programmes WHERE id = $1");
        let row: Option<ProgrammeRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?
        });
        programme_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Every status, by start date (then id); the caller hides drafts from the public.
    pub async fn programmes_of_region(
        &self,
        code: MunicipalityCode,
    ) -> Result<Vec<Programme>, StoreError> {
        let sql = format!(
            "SELECT {PROGRAMME_COLUMNS} FROM programmes WHERE region_code = $1 ORDER BY starts_on, id"
        );
        let rows: Vec<ProgrammeRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(code.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(programme_from_row).collect()
    }

    /// Every status, by start date (then id).
    pub async fn programmes_of_organisation(
        &self,
        id: OrganisationId,
    ) -> Result<Vec<Programme>, StoreError> {
        let sql = format!(
            "SELECT {PROGRAMME_COLUMNS} FROM programmes WHERE organisation_id = $1 ORDER BY starts_on, id"
        );
        let rows: Vec<ProgrammeRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(id.0).fetch_all(pool).await?
        });
        rows.into_iter().map(programme_from_row).collect()
    }

    /// Programmes in one status (e.g. open ones, for the public list), by start date (then id).
    pub async fn programmes_with_status(
        &self,
        status: ProgrammeStatus,
    ) -> Result<Vec<Programme>, StoreError> {
        let sql = format!(
            "SELECT {PROGRAMME_COLUMNS} FROM programmes WHERE status = $1 ORDER BY starts_on, id"
        );
        let rows: Vec<ProgrammeRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(status.as_str()).fetch_all(pool).await?
        });
        rows.into_iter().map(programme_from_row).collect()
    }

    /// Replace the Social Contract details (not the status). `NotFound` when there is no such
    /// programme.
    pub async fn update_programme_details(
        &self,
        id: ProgrammeId,
        details: &ProgrammeDetails,
    ) -> Result<Programme, StoreError> {
        let sql = format!(
            "UPDATE programmes SET theme_ja = $1, theme_en = $2, description_ja = $3, \
             description_en = $4, applications_open_on = $5, applications_close_on = $6, \
             seats = $7, japanese_minimum_level = $8, japanese_at_least_per_team = $9, \
             receives_accommodation_ja = $10, receives_accommodation_en = $11, \
             receives_meals_ja = $12, receives_meals_en = $13, receives_other_ja = $14, \
             receives_other_en = $15 WHERE id = $16 RETURNING {PROGRAMME_COLUMNS}"
        );
        let window = details.application_window.as_ref().map(date_range_texts);
        let rule = details.japanese_speaker_rule;
        let receive = &details.participants_receive;
        let row: Option<ProgrammeRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(details.theme.ja.as_deref())
                .bind(details.theme.en.as_deref())
                .bind(details.description.ja.as_deref())
                .bind(details.description.en.as_deref())
                .bind(window.as_ref().map(|(opens, _)| opens.as_str()))
                .bind(window.as_ref().map(|(_, closes)| closes.as_str()))
                .bind(details.seats.map(|seats| i64::from(seats.get())))
                .bind(rule.map(|rule| rule.minimum_level.as_str()))
                .bind(rule.map(|rule| i64::from(rule.at_least_per_team.get())))
                .bind(receive.accommodation.ja.as_deref())
                .bind(receive.accommodation.en.as_deref())
                .bind(receive.meals.ja.as_deref())
                .bind(receive.meals.en.as_deref())
                .bind(receive.other.ja.as_deref())
                .bind(receive.other.en.as_deref())
                .bind(id.0)
                .fetch_optional(pool)
                .await?
        });
        programme_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Move a programme from `from` to `to`. `Conflict` when the move is not allowed
    /// (`ProgrammeStatus::can_become`) or the programme is no longer in `from` (someone else
    /// changed it first); `NotFound` when there is no such programme.
    pub async fn set_programme_status(
        &self,
        id: ProgrammeId,
        from: ProgrammeStatus,
        to: ProgrammeStatus,
    ) -> Result<Programme, StoreError> {
        if !from.can_become(to) {
            return Err(StoreError::Conflict(format!(
                "a programme cannot go from {from} to {to}"
            )));
        }
        let sql = format!(
            "UPDATE programmes SET status = $1 WHERE id = $2 AND status = $3 \
             RETURNING {PROGRAMME_COLUMNS}"
        );
        let row: Option<ProgrammeRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(to.as_str())
                .bind(id.0)
                .bind(from.as_str())
                .fetch_optional(pool)
                .await?
        });
        match row {
            Some(row) => programme_from_row(row),
            None => {
                let current = self.programme(id).await?;
                Err(StoreError::Conflict(format!(
                    "the programme is {}, not {from}",
                    current.status
                )))
            }
        }
    }

    /// Replace the planned deliverables, in the given order. `NotFound` when there is no such
    /// programme.
    pub async fn set_planned_deliverables(
        &self,
        id: ProgrammeId,
        planned: &[PlannedDeliverable],
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            // Write first: on SQLite a transaction that reads before it writes may fail with
            // "busy" instead of waiting its turn.
            let mut transaction = pool.begin().await?;
            sqlx::query("DELETE FROM programme_planned_deliverables WHERE programme_id = $1")
                .bind(id.0)
                .execute(&mut *transaction)
                .await?;
            let found: Option<i64> = sqlx::query_scalar("SELECT id FROM programmes WHERE id = $1")
                .bind(id.0)
                .fetch_optional(&mut *transaction)
                .await?;
            if found.is_none() {
                return Err(StoreError::NotFound);
            }
            for (position, deliverable) in (1_i64..).zip(planned) {
                sqlx::query(
                    "INSERT INTO programme_planned_deliverables \
                     (programme_id, position, kind, description_ja, description_en) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id.0)
                .bind(position)
                .bind(deliverable.kind.as_str())
                .bind(deliverable.description.ja.as_deref())
                .bind(deliverable.description.en.as_deref())
                .execute(&mut *transaction)
                .await?;
            }
            transaction.commit().await?;
        });
        Ok(())
    }

    /// In the order they were set.
    pub async fn planned_deliverables(
        &self,
        id: ProgrammeId,
    ) -> Result<Vec<PlannedDeliverable>, StoreError> {
        let rows: Vec<(String, Option<String>, Option<String>)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT kind, description_ja, description_en FROM programme_planned_deliverables \
                 WHERE programme_id = $1 ORDER BY position",
            )
            .bind(id.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(kind, ja, en)| {
                Ok(PlannedDeliverable {
                    kind: DeliverableKind::parse(&kind)
                        .ok_or_else(|| corrupt("deliverable kind", &kind))?,
                    description: localized(ja, en),
                })
            })
            .collect()
    }

    /// Whether `user` coordinates `programme`: a member of its organisation with one of
    /// `PROGRAMME_COORDINATOR_ROLES`. (Site admins are the web layer's business.)
    pub async fn is_programme_coordinator(
        &self,
        programme: ProgrammeId,
        user: UserId,
    ) -> Result<bool, StoreError> {
        let sql = format!(
            "SELECT COUNT(*) FROM programmes p \
             JOIN memberships m ON m.organisation_id = p.organisation_id \
             WHERE p.id = $1 AND m.user_id = $2 AND m.role IN ({})",
            coordinator_roles_sql()
        );
        let count: i64 = with_pool!(self, pool => {
            sqlx::query_scalar(&sql).bind(programme.0).bind(user.0).fetch_one(pool).await?
        });
        Ok(count > 0)
    }
}
