//! A programme's teams and their needs, in tables (not JSON) so queries can join on them.

use std::collections::BTreeMap;

use sosei_core::programme::team::{NeedCount, NewTeam, Team, TeamNeed, TeamSize};
use sosei_core::{ProgrammeId, TeamId};

use crate::convert::localized;
use crate::programme_values::{
    corrupt, language_from_text, level_from_text, skill_from_text, small_number,
};
use crate::{Store, StoreError};

const TEAM_COLUMNS: &str =
    "id, programme_id, position, name_ja, name_en, min_size, max_size, max_per_nationality";

#[derive(sqlx::FromRow)]
struct TeamRow {
    id: i64,
    programme_id: i64,
    position: i64,
    name_ja: Option<String>,
    name_en: Option<String>,
    min_size: i64,
    max_size: i64,
    max_per_nationality: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct NeedRow {
    team_id: i64,
    kind: String,
    skill_slug: Option<String>,
    language_code: Option<String>,
    minimum_level: Option<String>,
    at_least: i64,
}

fn need_from_row(row: &NeedRow) -> Result<TeamNeed, StoreError> {
    let at_least = small_number::<NeedCount>("need count", row.at_least)?;
    match (
        row.kind.as_str(),
        &row.skill_slug,
        &row.language_code,
        &row.minimum_level,
    ) {
        ("skill", Some(skill), _, _) => Ok(TeamNeed::Skill {
            skill: skill_from_text(skill)?,
            at_least,
        }),
        ("language", _, Some(language), Some(level)) => Ok(TeamNeed::Language {
            language: language_from_text(language)?,
            minimum_level: level_from_text(level)?,
            at_least,
        }),
        _ => Err(corrupt("team need", &row.kind)),
    }
}

fn team_from_rows(row: TeamRow, needs: &[NeedRow]) -> Result<Team, StoreError> {
    let size = TeamSize::new(
        small_number("team size", row.min_size)?,
        small_number("team size", row.max_size)?,
    )
    .map_err(|_| corrupt("team size", (row.min_size, row.max_size)))?;
    let max_per_nationality = row
        .max_per_nationality
        .map(|max| small_number::<NeedCount>("nationality cap", max))
        .transpose()?;
    let needs = needs
        .iter()
        .map(need_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    let spec = NewTeam::new(
        localized(row.name_ja, row.name_en),
        size,
        max_per_nationality,
        needs,
    )
    .map_err(|error| StoreError::Corrupt(format!("team {}: {error}", row.id)))?;
    Ok(Team {
        id: TeamId(row.id),
        programme: ProgrammeId(row.programme_id),
        position: row.position,
        spec,
    })
}

/// The columns of one need: kind, skill, language, level, level rank, count.
type NeedColumns = (
    &'static str,
    Option<String>,
    Option<String>,
    Option<&'static str>,
    Option<i64>,
    i64,
);

fn need_columns(need: &TeamNeed) -> NeedColumns {
    match need {
        TeamNeed::Skill { skill, at_least } => (
            "skill",
            Some(skill.as_str().to_owned()),
            None,
            None,
            None,
            i64::from(at_least.get()),
        ),
        TeamNeed::Language {
            language,
            minimum_level,
            at_least,
        } => (
            "language",
            None,
            Some(language.as_str().to_owned()),
            Some(minimum_level.as_str()),
            Some(i64::from(minimum_level.rank())),
            i64::from(at_least.get()),
        ),
    }
}

impl Store {
    /// Add a team after the programme's others. `NotFound` when the programme, or a skill a need
    /// names, does not exist.
    pub async fn add_team(
        &self,
        programme: ProgrammeId,
        team: &NewTeam,
    ) -> Result<Team, StoreError> {
        let id: i64 = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO programme_teams \
                 (programme_id, position, name_ja, name_en, min_size, max_size, max_per_nationality) \
                 SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3, $4, $5, $6 \
                 FROM programme_teams WHERE programme_id = $1 RETURNING id",
            )
            .bind(programme.0)
            .bind(team.name().ja.as_deref())
            .bind(team.name().en.as_deref())
            .bind(i64::from(team.size().min()))
            .bind(i64::from(team.size().max()))
            .bind(team.max_per_nationality().map(|max| i64::from(max.get())))
            .fetch_one(&mut *transaction)
            .await
            .map_err(|error| StoreError::from_write(error, "team"))?;
            for (position, need) in (1_i64..).zip(team.needs()) {
                let (kind, skill, language, level, rank, at_least) = need_columns(need);
                sqlx::query(
                    "INSERT INTO team_needs (team_id, position, kind, skill_slug, language_code, \
                     minimum_level, minimum_level_rank, at_least) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(id)
                .bind(position)
                .bind(kind)
                .bind(skill)
                .bind(language)
                .bind(level)
                .bind(rank)
                .bind(at_least)
                .execute(&mut *transaction)
                .await
                .map_err(|error| StoreError::from_write(error, "team need"))?;
            }
            transaction.commit().await?;
            id
        });
        self.team(TeamId(id)).await
    }

    /// Replace a team's name, sizes and needs (its position and assignments stay). `NotFound`
    /// when there is no such team or a need names an unknown skill.
    pub async fn update_team(&self, id: TeamId, team: &NewTeam) -> Result<Team, StoreError> {
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let updated = sqlx::query(
                "UPDATE programme_teams SET name_ja = $1, name_en = $2, min_size = $3, \
                 max_size = $4, max_per_nationality = $5 WHERE id = $6",
            )
            .bind(team.name().ja.as_deref())
            .bind(team.name().en.as_deref())
            .bind(i64::from(team.size().min()))
            .bind(i64::from(team.size().max()))
            .bind(team.max_per_nationality().map(|max| i64::from(max.get())))
            .bind(id.0)
            .execute(&mut *transaction)
            .await?
            .rows_affected();
            if updated == 0 {
                return Err(StoreError::NotFound);
            }
            sqlx::query("DELETE FROM team_needs WHERE team_id = $1")
                .bind(id.0)
                .execute(&mut *transaction)
                .await?;
            for (position, need) in (1_i64..).zip(team.needs()) {
                let (kind, skill, language, level, rank, at_least) = need_columns(need);
                sqlx::query(
                    "INSERT INTO team_needs (team_id, position, kind, skill_slug, language_code, \
                     minimum_level, minimum_level_rank, at_least) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(id.0)
                .bind(position)
                .bind(kind)
                .bind(skill)
                .bind(language)
                .bind(level)
                .bind(rank)
                .bind(at_least)
                .execute(&mut *transaction)
                .await
                .map_err(|error| StoreError::from_write(error, "team need"))?;
            }
            transaction.commit().await?;
        });
        self.team(id).await
    }

    /// Removes the team's needs and assignments too. Removing a missing team is not an error.
    pub async fn remove_team(&self, id: TeamId) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM programme_teams WHERE id = $1")
                .bind(id.0)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    pub async fn team(&self, id: TeamId) -> Result<Team, StoreError> {
        let sql = format!("SELECT {TEAM_COLUMNS} FROM programme_teams WHERE id = $1");
        let (row, needs): (Option<TeamRow>, Vec<NeedRow>) = with_pool!(self, pool => {
            let row = sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?;
            let needs = sqlx::query_as(
                "SELECT team_id, kind, skill_slug, language_code, minimum_level, at_least \
                 FROM team_needs WHERE team_id = $1 ORDER BY position",
            )
            .bind(id.0)
            .fetch_all(pool)
            .await?;
            (row, needs)
        });
        team_from_rows(row.ok_or(StoreError::NotFound)?, &needs)
    }

    /// A programme's teams in display order, each with its needs.
    pub async fn teams_of_programme(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<Team>, StoreError> {
        let sql = format!(
            "SELECT {TEAM_COLUMNS} FROM programme_teams WHERE programme_id = $1 ORDER BY position, id"
        );
        let (rows, needs): (Vec<TeamRow>, Vec<NeedRow>) = with_pool!(self, pool => {
            let rows = sqlx::query_as(&sql).bind(programme.0).fetch_all(pool).await?;
            let needs = sqlx::query_as(
                "SELECT n.team_id, n.kind, n.skill_slug, n.language_code, n.minimum_level, \
                 n.at_least FROM team_needs n JOIN programme_teams t ON t.id = n.team_id \
                 WHERE t.programme_id = $1 ORDER BY n.team_id, n.position",
            )
            .bind(programme.0)
            .fetch_all(pool)
            .await?;
            (rows, needs)
        });
        let mut needs_by_team: BTreeMap<i64, Vec<NeedRow>> = BTreeMap::new();
        for need in needs {
            needs_by_team.entry(need.team_id).or_default().push(need);
        }
        rows.into_iter()
            .map(|row| {
                let needs = needs_by_team.remove(&row.id).unwrap_or_default();
                team_from_rows(row, &needs)
            })
            .collect()
    }
}
