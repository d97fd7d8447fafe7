//! What the coordinator pages need beyond the programme's own tables: editing a programme's title,
//! summary, region and dates; counting applications by status over an organisation's programmes
//! in one query; and the profiles of everyone who applied to a programme in six queries (not six
//! per applicant).

use std::collections::BTreeMap;

use sosei_core::application::ApplicationStatus;
use sosei_core::participant_profile::ParticipantProfile;
use sosei_core::{NewProgramme, OrganisationId, Programme, ProgrammeId, UserId};

use crate::convert::date_text;
use crate::profiles::{ProfileLists, ProfileRow, profile_from_rows};
use crate::programme_values::corrupt;
use crate::programmes::{PROGRAMME_COLUMNS, ProgrammeRow, programme_from_row};
use crate::{Store, StoreError};

/// How many of a programme's applications are in one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApplicationStatusCount {
    pub programme: ProgrammeId,
    pub status: ApplicationStatus,
    pub count: i64,
}

/// A profile row with its owner, as the applicants' query reads it.
#[derive(sqlx::FromRow)]
struct ApplicantProfileRow {
    user_id: i64,
    #[sqlx(flatten)]
    profile: ProfileRow,
}

/// The applicants of programme `$1`, for the profile list queries.
const APPLICANTS_OF_PROGRAMME: &str =
    "user_id IN (SELECT user_id FROM applications WHERE programme_id = $1)";

impl Store {
    /// Replace a programme's region, title, summary and dates (its organisation, status and
    /// details stay). `NotFound` when there is no such programme in `programme.organisation`, or
    /// the region does not exist.
    pub async fn update_programme(
        &self,
        id: ProgrammeId,
        programme: &NewProgramme,
    ) -> Result<Programme, StoreError> {
        let sql = format!(
            "UPDATE programmes SET region_code = $1, title_ja = $2, title_en = $3, \
             summary_ja = $4, summary_en = $5, starts_on = $6, ends_on = $7 \
             WHERE id = $8 AND organisation_id = $9 RETURNING {PROGRAMME_COLUMNS}"
        );
        let row: Option<ProgrammeRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(programme.region.to_string())
                .bind(programme.title.ja.as_deref())
                .bind(programme.title.en.as_deref())
                .bind(programme.summary.ja.as_deref())
                .bind(programme.summary.en.as_deref())
                .bind(date_text(programme.starts_on))
                .bind(date_text(programme.ends_on))
                .bind(id.0)
                .bind(programme.organisation.0)
                .fetch_optional(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "programme"))?
        });
        programme_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// For each of the organisation's programmes, how many applications are in each status
    /// (statuses with none are left out), by programme id then status.
    pub async fn application_counts_of_organisation(
        &self,
        organisation: OrganisationId,
    ) -> Result<Vec<ApplicationStatusCount>, StoreError> {
        let rows: Vec<(i64, String, i64)> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT a.programme_id, a.status, COUNT(*) FROM applications a \
                 JOIN programmes p ON p.id = a.programme_id WHERE p.organisation_id = $1 \
                 GROUP BY a.programme_id, a.status ORDER BY a.programme_id, a.status",
            )
            .bind(organisation.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(programme, status, count)| {
                Ok(ApplicationStatusCount {
                    programme: ProgrammeId(programme),
                    status: ApplicationStatus::parse(&status)
                        .ok_or_else(|| corrupt("application status", &status))?,
                    count,
                })
            })
            .collect()
    }

    /// The profiles of everyone who applied to `programme` (in any status), by user id. An
    /// applicant without a profile is left out. The caller checks who may see them
    /// (`profile_visible_to`, or being the programme's coordinator).
    pub async fn profiles_of_applicants(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<ParticipantProfile>, StoreError> {
        let list_sql = |columns: &str, table: &str, order: &str| {
            format!(
                "SELECT user_id, {columns} FROM {table} WHERE {APPLICANTS_OF_PROGRAMME} \
                 ORDER BY user_id, {order}"
            )
        };
        let nationalities_sql = list_sql("country_code", "profile_nationalities", "position");
        let languages_sql = list_sql("language_code, level", "profile_languages", "position");
        let skills_sql = list_sql("skill_slug", "profile_skills", "position");
        let availability_sql = list_sql(
            "starts_on, ends_on",
            "profile_availability",
            "starts_on, ends_on",
        );
        let dietary_sql = list_sql("requirement", "profile_dietary_requirements", "requirement");
        let profiles_sql = format!(
            "SELECT user_id, display_name, affiliation, dietary_notes, accessibility_needs, bio, \
             updated_at FROM participant_profiles WHERE {APPLICANTS_OF_PROGRAMME} ORDER BY user_id"
        );
        let (rows, mut lists): (Vec<ApplicantProfileRow>, BTreeMap<i64, ProfileLists>) = with_pool!(self, pool => {
            let rows: Vec<ApplicantProfileRow> =
                sqlx::query_as(&profiles_sql).bind(programme.0).fetch_all(pool).await?;
            let mut lists: BTreeMap<i64, ProfileLists> = BTreeMap::new();
            let nationalities: Vec<(i64, String)> =
                sqlx::query_as(&nationalities_sql).bind(programme.0).fetch_all(pool).await?;
            for (user, code) in nationalities {
                lists.entry(user).or_default().nationalities.push(code);
            }
            let languages: Vec<(i64, String, String)> =
                sqlx::query_as(&languages_sql).bind(programme.0).fetch_all(pool).await?;
            for (user, code, level) in languages {
                lists.entry(user).or_default().languages.push((code, level));
            }
            let skills: Vec<(i64, String)> =
                sqlx::query_as(&skills_sql).bind(programme.0).fetch_all(pool).await?;
            for (user, slug) in skills {
                lists.entry(user).or_default().skills.push(slug);
            }
            let availability: Vec<(i64, String, String)> =
                sqlx::query_as(&availability_sql).bind(programme.0).fetch_all(pool).await?;
            for (user, starts_on, ends_on) in availability {
                lists.entry(user).or_default().availability.push((starts_on, ends_on));
            }
            let dietary: Vec<(i64, String)> =
                sqlx::query_as(&dietary_sql).bind(programme.0).fetch_all(pool).await?;
            for (user, requirement) in dietary {
                lists.entry(user).or_default().dietary.push(requirement);
            }
            (rows, lists)
        });
        rows.into_iter()
            .map(|row| {
                let user_lists = lists.remove(&row.user_id).unwrap_or_default();
                profile_from_rows(UserId(row.user_id), row.profile, user_lists)
            })
            .collect()
    }
}
