//! Programmes that bring a team to a region (extended by the Social Contract capability).

use sosei_core::{MunicipalityCode, NewProgramme, OrganisationId, Programme, ProgrammeId};

use crate::convert::{code_from_text, date_from_text, date_text, localized};
use crate::{Store, StoreError};

const PROGRAMME_COLUMNS: &str = "id, organisation_id, region_code, title_ja, title_en, \
     summary_ja, summary_en, starts_on, ends_on";

#[derive(sqlx::FromRow)]
struct ProgrammeRow {
    id: i64,
    organisation_id: i64,
    region_code: String,
    title_ja: Option<String>,
    title_en: Option<String>,
    summary_ja: Option<String>,
    summary_en: Option<String>,
    starts_on: String,
    ends_on: String,
}

fn programme_from_row(row: ProgrammeRow) -> Result<Programme, StoreError> {
    Ok(Programme {
        id: ProgrammeId(row.id),
        organisation: OrganisationId(row.organisation_id),
        region: code_from_text(&row.region_code)?,
        title: localized(row.title_ja, row.title_en),
        summary: localized(row.summary_ja, row.summary_en),
        starts_on: date_from_text(&row.starts_on)?,
        ends_on: date_from_text(&row.ends_on)?,
    })
}

impl Store {
    /// `NotFound` when the organisation or the region does not exist.
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

    /// By start date (then id).
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

    /// By start date (then id).
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
}
