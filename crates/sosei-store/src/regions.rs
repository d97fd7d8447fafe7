//! Region profiles (vision, plan, goals) and stakeholders.

use sosei_core::{
    LocalizedText, MunicipalityCode, NewStakeholder, OrganisationId, RegionGoal, RegionProfile,
    Stakeholder, StakeholderId, StakeholderRole,
};
use time::OffsetDateTime;

use crate::convert::{code_from_text, localized, timestamp_from_unix, unix_seconds};
use crate::{Store, StoreError};

const PROFILE_COLUMNS: &str =
    "code, steward_organisation_id, vision_ja, vision_en, plan_ja, plan_en, updated_at";
const STAKEHOLDER_COLUMNS: &str =
    "id, region_code, role, organisation_id, name_ja, name_en, description_ja, description_en";

#[derive(sqlx::FromRow)]
struct ProfileRow {
    code: String,
    steward_organisation_id: Option<i64>,
    vision_ja: Option<String>,
    vision_en: Option<String>,
    plan_ja: Option<String>,
    plan_en: Option<String>,
    updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct GoalRow {
    code: String,
    position: i64,
    text_ja: Option<String>,
    text_en: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StakeholderRow {
    id: i64,
    region_code: String,
    role: String,
    organisation_id: Option<i64>,
    name_ja: Option<String>,
    name_en: Option<String>,
    description_ja: Option<String>,
    description_en: Option<String>,
}

fn profile_from_rows(row: ProfileRow, goals: Vec<RegionGoal>) -> Result<RegionProfile, StoreError> {
    Ok(RegionProfile {
        code: code_from_text(&row.code)?,
        steward: row.steward_organisation_id.map(OrganisationId),
        vision: localized(row.vision_ja, row.vision_en),
        plan: localized(row.plan_ja, row.plan_en),
        goals,
        updated_at: timestamp_from_unix(row.updated_at)?,
    })
}

fn goal_from_row(row: GoalRow) -> RegionGoal {
    RegionGoal {
        position: row.position,
        text: localized(row.text_ja, row.text_en),
    }
}

fn stakeholder_from_row(row: StakeholderRow) -> Result<Stakeholder, StoreError> {
    let role = StakeholderRole::parse(&row.role)
        .ok_or_else(|| StoreError::Corrupt(format!("stakeholder role {:?}", row.role)))?;
    Ok(Stakeholder {
        id: StakeholderId(row.id),
        region: code_from_text(&row.region_code)?,
        role,
        organisation: row.organisation_id.map(OrganisationId),
        name: localized(row.name_ja, row.name_en),
        description: localized(row.description_ja, row.description_en),
    })
}

impl Store {
    // --- region profiles ------------------------------------------------------------------------

    /// Create or replace the vision, plan and steward of a region's profile (goals untouched).
    /// `NotFound` when the region or the steward organisation does not exist.
    pub async fn upsert_region_profile(
        &self,
        code: MunicipalityCode,
        steward: Option<OrganisationId>,
        vision: &LocalizedText,
        plan: &LocalizedText,
        now: OffsetDateTime,
    ) -> Result<RegionProfile, StoreError> {
        with_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO region_profiles \
                 (code, steward_organisation_id, vision_ja, vision_en, plan_ja, plan_en, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (code) DO UPDATE SET \
                 steward_organisation_id = excluded.steward_organisation_id, \
                 vision_ja = excluded.vision_ja, vision_en = excluded.vision_en, \
                 plan_ja = excluded.plan_ja, plan_en = excluded.plan_en, \
                 updated_at = excluded.updated_at",
            )
            .bind(code.to_string())
            .bind(steward.map(|id| id.0))
            .bind(vision.ja.as_deref())
            .bind(vision.en.as_deref())
            .bind(plan.ja.as_deref())
            .bind(plan.en.as_deref())
            .bind(unix_seconds(now))
            .execute(pool)
            .await
            .map_err(|error| StoreError::from_write(error, "region profile"))?;
        });
        self.region_profile(code).await
    }

    pub async fn region_profile(
        &self,
        code: MunicipalityCode,
    ) -> Result<RegionProfile, StoreError> {
        let sql = format!("SELECT {PROFILE_COLUMNS} FROM region_profiles WHERE code = $1");
        let (row, goal_rows): (Option<ProfileRow>, Vec<GoalRow>) = with_pool!(self, pool => {
            let row = sqlx::query_as(&sql)
                .bind(code.to_string())
                .fetch_optional(pool)
                .await?;
            let goal_rows = sqlx::query_as(
                "SELECT code, position, text_ja, text_en FROM region_goals \
                 WHERE code = $1 ORDER BY position",
            )
            .bind(code.to_string())
            .fetch_all(pool)
            .await?;
            (row, goal_rows)
        });
        let row = row.ok_or(StoreError::NotFound)?;
        profile_from_rows(row, goal_rows.into_iter().map(goal_from_row).collect())
    }

    /// Every region that has a profile, in code order.
    pub async fn list_region_profiles(&self) -> Result<Vec<RegionProfile>, StoreError> {
        let sql = format!("SELECT {PROFILE_COLUMNS} FROM region_profiles ORDER BY code");
        let (rows, goal_rows): (Vec<ProfileRow>, Vec<GoalRow>) = with_pool!(self, pool => {
            let rows = sqlx::query_as(&sql).fetch_all(pool).await?;
            let goal_rows = sqlx::query_as(
                "SELECT code, position, text_ja, text_en FROM region_goals ORDER BY code, position",
            )
            .fetch_all(pool)
            .await?;
            (rows, goal_rows)
        });
        // Both lists are in code order: hand each profile the run of goals with its code.
        let mut goal_rows = goal_rows.into_iter().peekable();
        let mut profiles = Vec::with_capacity(rows.len());
        for row in rows {
            let mut goals = Vec::new();
            while let Some(goal) = goal_rows.next_if(|goal| goal.code <= row.code) {
                if goal.code == row.code {
                    goals.push(goal_from_row(goal));
                }
            }
            profiles.push(profile_from_rows(row, goals)?);
        }
        Ok(profiles)
    }

    /// Replace the goals of a region's profile, in the given order (positions 1, 2, 3, …).
    /// `NotFound` when the region has no profile yet.
    pub async fn set_region_goals(
        &self,
        code: MunicipalityCode,
        goals: &[LocalizedText],
    ) -> Result<Vec<RegionGoal>, StoreError> {
        let code_text = code.to_string();
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let profiles: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM region_profiles WHERE code = $1",
            )
            .bind(&code_text)
            .fetch_one(&mut *transaction)
            .await?;
            if profiles == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query("DELETE FROM region_goals WHERE code = $1")
                .bind(&code_text)
                .execute(&mut *transaction)
                .await?;
            for (position, goal) in (1_i64..).zip(goals) {
                sqlx::query(
                    "INSERT INTO region_goals (code, position, text_ja, text_en) VALUES ($1, $2, $3, $4)",
                )
                .bind(&code_text)
                .bind(position)
                .bind(goal.ja.as_deref())
                .bind(goal.en.as_deref())
                .execute(&mut *transaction)
                .await?;
            }
            transaction.commit().await?;
        });
        Ok(self.region_profile(code).await?.goals)
    }

    // --- stakeholders ---------------------------------------------------------------------------

    /// `NotFound` when the region or the organisation does not exist.
    pub async fn add_stakeholder(
        &self,
        stakeholder: &NewStakeholder,
    ) -> Result<Stakeholder, StoreError> {
        let sql = format!(
            "INSERT INTO stakeholders \
             (region_code, role, organisation_id, name_ja, name_en, description_ja, description_en) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {STAKEHOLDER_COLUMNS}"
        );
        let row: StakeholderRow = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(stakeholder.region.to_string())
                .bind(stakeholder.role.as_str())
                .bind(stakeholder.organisation.map(|id| id.0))
                .bind(stakeholder.name.ja.as_deref())
                .bind(stakeholder.name.en.as_deref())
                .bind(stakeholder.description.ja.as_deref())
                .bind(stakeholder.description.en.as_deref())
                .fetch_one(pool)
                .await
                .map_err(|error| StoreError::from_write(error, "stakeholder"))?
        });
        stakeholder_from_row(row)
    }

    /// In the order they were added.
    pub async fn stakeholders_of_region(
        &self,
        code: MunicipalityCode,
    ) -> Result<Vec<Stakeholder>, StoreError> {
        let sql = format!(
            "SELECT {STAKEHOLDER_COLUMNS} FROM stakeholders WHERE region_code = $1 ORDER BY id"
        );
        let rows: Vec<StakeholderRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(code.to_string()).fetch_all(pool).await?
        });
        rows.into_iter().map(stakeholder_from_row).collect()
    }

    /// `NotFound` when there is no such stakeholder.
    pub async fn remove_stakeholder(&self, id: StakeholderId) -> Result<(), StoreError> {
        let rows_affected = with_pool!(self, pool => {
            sqlx::query("DELETE FROM stakeholders WHERE id = $1")
                .bind(id.0)
                .execute(pool)
                .await?
                .rows_affected()
        });
        if rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// The regions where an organisation is a stakeholder, in code order.
    pub async fn regions_of_organisation(
        &self,
        id: OrganisationId,
    ) -> Result<Vec<MunicipalityCode>, StoreError> {
        let codes: Vec<String> = with_pool!(self, pool => {
            sqlx::query_scalar(
                "SELECT DISTINCT region_code FROM stakeholders WHERE organisation_id = $1 ORDER BY region_code",
            )
            .bind(id.0)
            .fetch_all(pool)
            .await?
        });
        codes.iter().map(|code| code_from_text(code)).collect()
    }
}
