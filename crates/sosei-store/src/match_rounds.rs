//! Match rounds (the matcher's outcome kept as opaque JSON), team assignments with locks, and
//! applications a coordinator keeps out of matching (exclusions). The composite foreign keys of
//! `team_assignments` make every team one of its application's programme.

use sosei_core::programme::matching::{
    AssignmentSource, MatchRound, MatchWeights, NewMatchRound, TeamAssignment,
};
use sosei_core::{ApplicationId, MatchRoundId, OrganisationId, ProgrammeId, TeamId, UserId};
use time::OffsetDateTime;

use crate::convert::{timestamp_from_unix, unix_seconds};
use crate::programme_values::corrupt;
use crate::{Store, StoreError};

/// What writing a matcher run's proposal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MatcherWriteSummary {
    /// Assignments written from the proposal.
    pub assigned: usize,
    /// Proposed assignments left out because the application's locked assignment stays.
    pub kept_locked: usize,
    /// Proposed assignments left out because a coordinator excluded the application.
    pub kept_excluded: usize,
}

/// An application a coordinator keeps out of matching: runs leave it without a team until it is
/// included again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchExclusion {
    pub application: ApplicationId,
    pub programme: ProgrammeId,
    pub excluded_by: UserId,
    pub excluded_at: OffsetDateTime,
}

type ExclusionRow = (i64, i64, i64, i64);

fn exclusion_from_row(
    (application, programme, excluded_by, excluded_at): ExclusionRow,
) -> Result<MatchExclusion, StoreError> {
    Ok(MatchExclusion {
        application: ApplicationId(application),
        programme: ProgrammeId(programme),
        excluded_by: UserId(excluded_by),
        excluded_at: timestamp_from_unix(excluded_at)?,
    })
}

const ROUND_COLUMNS: &str = "id, organisation_id, created_by, weight_preference, \
     weight_skill_fit, weight_diversity, created_at, outcome_json, outcome_recorded_at";

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    organisation_id: i64,
    created_by: i64,
    weight_preference: f64,
    weight_skill_fit: f64,
    weight_diversity: f64,
    created_at: i64,
    outcome_json: Option<String>,
    outcome_recorded_at: Option<i64>,
}

fn round_from_row(row: RoundRow, programmes: Vec<i64>) -> Result<MatchRound, StoreError> {
    Ok(MatchRound {
        id: MatchRoundId(row.id),
        organisation: OrganisationId(row.organisation_id),
        programmes: programmes.into_iter().map(ProgrammeId).collect(),
        created_by: UserId(row.created_by),
        weights: MatchWeights::new(
            row.weight_preference,
            row.weight_skill_fit,
            row.weight_diversity,
        )
        .map_err(|_| corrupt("match weights", row.id))?,
        created_at: timestamp_from_unix(row.created_at)?,
        outcome_json: row.outcome_json,
        outcome_recorded_at: row
            .outcome_recorded_at
            .map(timestamp_from_unix)
            .transpose()?,
    })
}

const ASSIGNMENT_COLUMNS: &str =
    "application_id, team_id, locked, source, match_round_id, set_by, updated_at";

type AssignmentRow = (i64, i64, bool, String, Option<i64>, i64, i64);

fn assignment_from_row(
    (application, team, locked, source, round, set_by, updated_at): AssignmentRow,
) -> Result<TeamAssignment, StoreError> {
    Ok(TeamAssignment {
        application: ApplicationId(application),
        team: TeamId(team),
        locked,
        source: AssignmentSource::parse(&source)
            .ok_or_else(|| corrupt("assignment source", &source))?,
        match_round: round.map(MatchRoundId),
        set_by: UserId(set_by),
        updated_at: timestamp_from_unix(updated_at)?,
    })
}

impl Store {
    /// Start a round over some of the organisation's programmes. `NotFound` when the
    /// organisation or the user does not exist, or a programme is not the organisation's.
    pub async fn create_match_round(
        &self,
        round: &NewMatchRound,
        now: OffsetDateTime,
    ) -> Result<MatchRound, StoreError> {
        let mut programmes = round.programmes.clone();
        programmes.sort_unstable();
        programmes.dedup();
        let id: i64 = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO match_rounds (organisation_id, created_by, weight_preference, \
                 weight_skill_fit, weight_diversity, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(round.organisation.0)
            .bind(round.created_by.0)
            .bind(round.weights.preference())
            .bind(round.weights.skill_fit())
            .bind(round.weights.diversity())
            .bind(unix_seconds(now))
            .fetch_one(&mut *transaction)
            .await
            .map_err(|error| StoreError::from_write(error, "match round"))?;
            for programme in &programmes {
                let added = sqlx::query(
                    "INSERT INTO match_round_programmes (match_round_id, programme_id) \
                     SELECT $1, id FROM programmes WHERE id = $2 AND organisation_id = $3",
                )
                .bind(id)
                .bind(programme.0)
                .bind(round.organisation.0)
                .execute(&mut *transaction)
                .await?
                .rows_affected();
                if added == 0 {
                    return Err(StoreError::NotFound);
                }
            }
            transaction.commit().await?;
            id
        });
        self.match_round(MatchRoundId(id)).await
    }

    /// Keep the matcher's outcome (JSON, stored as given). `NotFound` when there is no such round.
    pub async fn record_match_outcome(
        &self,
        id: MatchRoundId,
        outcome_json: &str,
        now: OffsetDateTime,
    ) -> Result<MatchRound, StoreError> {
        let updated = with_pool!(self, pool => {
            sqlx::query(
                "UPDATE match_rounds SET outcome_json = $1, outcome_recorded_at = $2 WHERE id = $3",
            )
            .bind(outcome_json)
            .bind(unix_seconds(now))
            .bind(id.0)
            .execute(pool)
            .await?
            .rows_affected()
        });
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        self.match_round(id).await
    }

    pub async fn match_round(&self, id: MatchRoundId) -> Result<MatchRound, StoreError> {
        let sql = format!("SELECT {ROUND_COLUMNS} FROM match_rounds WHERE id = $1");
        let (row, programmes): (Option<RoundRow>, Vec<i64>) = with_pool!(self, pool => {
            let row = sqlx::query_as(&sql).bind(id.0).fetch_optional(pool).await?;
            let programmes = sqlx::query_scalar(
                "SELECT programme_id FROM match_round_programmes WHERE match_round_id = $1 \
                 ORDER BY programme_id",
            )
            .bind(id.0)
            .fetch_all(pool)
            .await?;
            (row, programmes)
        });
        round_from_row(row.ok_or(StoreError::NotFound)?, programmes)
    }

    /// Newest first.
    pub async fn match_rounds_of_organisation(
        &self,
        organisation: OrganisationId,
    ) -> Result<Vec<MatchRound>, StoreError> {
        let ids: Vec<i64> = with_pool!(self, pool => {
            sqlx::query_scalar(
                "SELECT id FROM match_rounds WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC",
            )
            .bind(organisation.0)
            .fetch_all(pool)
            .await?
        });
        let mut rounds = Vec::with_capacity(ids.len());
        for id in ids {
            rounds.push(self.match_round(MatchRoundId(id)).await?);
        }
        Ok(rounds)
    }

    // --- team assignments -----------------------------------------------------------------------

    /// A coordinator puts an application in a team by hand (replacing any assignment, locked or
    /// not), locked or not; an exclusion of the application ends. `NotFound` when the
    /// application does not exist or the team is not one of its programme's.
    pub async fn assign_team(
        &self,
        application: ApplicationId,
        team: TeamId,
        locked: bool,
        set_by: UserId,
        now: OffsetDateTime,
    ) -> Result<TeamAssignment, StoreError> {
        let sql = format!(
            "INSERT INTO team_assignments (application_id, programme_id, team_id, locked, source, \
             match_round_id, set_by, updated_at) \
             SELECT id, programme_id, $2, $3, 'coordinator', NULL, $4, $5 FROM applications \
             WHERE id = $1 \
             ON CONFLICT (application_id) DO UPDATE SET team_id = excluded.team_id, \
             locked = excluded.locked, source = excluded.source, match_round_id = NULL, \
             set_by = excluded.set_by, updated_at = excluded.updated_at \
             RETURNING {ASSIGNMENT_COLUMNS}"
        );
        let row: Option<AssignmentRow> = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            let row = sqlx::query_as(&sql)
                .bind(application.0)
                .bind(team.0)
                .bind(locked)
                .bind(set_by.0)
                .bind(unix_seconds(now))
                .fetch_optional(&mut *transaction)
                .await
                .map_err(|error| StoreError::from_write(error, "team assignment"))?;
            sqlx::query("DELETE FROM match_exclusions WHERE application_id = $1")
                .bind(application.0)
                .execute(&mut *transaction)
                .await?;
            transaction.commit().await?;
            row
        });
        assignment_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Write a matcher run's proposal for `round`: every unlocked assignment in the round's
    /// programmes is replaced by the proposal; locked ones stay as they are (and proposals for
    /// them are counted as kept), and excluded applications get no team (counted too). All or
    /// nothing: `NotFound` when a proposed team is not one of
    /// its application's programme's, or the round does not exist.
    pub async fn apply_matcher_assignments(
        &self,
        round: MatchRoundId,
        proposal: &[(ApplicationId, TeamId)],
        set_by: UserId,
        now: OffsetDateTime,
    ) -> Result<MatcherWriteSummary, StoreError> {
        let mut summary = MatcherWriteSummary::default();
        with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            // Write first: on SQLite a transaction that reads before it writes may fail with
            // "busy" instead of waiting its turn.
            sqlx::query(
                "DELETE FROM team_assignments WHERE NOT locked AND programme_id IN \
                 (SELECT programme_id FROM match_round_programmes WHERE match_round_id = $1)",
            )
            .bind(round.0)
            .execute(&mut *transaction)
            .await?;
            let rounds: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM match_rounds WHERE id = $1")
                .bind(round.0)
                .fetch_one(&mut *transaction)
                .await?;
            if rounds == 0 {
                return Err(StoreError::NotFound);
            }
            for (application, team) in proposal {
                let written = sqlx::query(
                    "INSERT INTO team_assignments (application_id, programme_id, team_id, locked, \
                     source, match_round_id, set_by, updated_at) \
                     SELECT a.id, a.programme_id, $2, FALSE, 'matcher', $3, $4, $5 \
                     FROM applications a JOIN match_round_programmes r \
                       ON r.programme_id = a.programme_id AND r.match_round_id = $3 \
                     WHERE a.id = $1 AND NOT EXISTS \
                       (SELECT 1 FROM match_exclusions e WHERE e.application_id = a.id) \
                     ON CONFLICT (application_id) DO NOTHING",
                )
                .bind(application.0)
                .bind(team.0)
                .bind(round.0)
                .bind(set_by.0)
                .bind(unix_seconds(now))
                .execute(&mut *transaction)
                .await
                .map_err(|error| StoreError::from_write(error, "team assignment"))?
                .rows_affected();
                if written == 1 {
                    summary.assigned += 1;
                    continue;
                }
                let locked: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM team_assignments WHERE application_id = $1 AND locked",
                )
                .bind(application.0)
                .fetch_one(&mut *transaction)
                .await?;
                if locked > 0 {
                    summary.kept_locked += 1;
                    continue;
                }
                let excluded: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM match_exclusions e JOIN match_round_programmes r \
                     ON r.programme_id = e.programme_id AND r.match_round_id = $2 \
                     WHERE e.application_id = $1",
                )
                .bind(application.0)
                .bind(round.0)
                .fetch_one(&mut *transaction)
                .await?;
                if excluded == 0 {
                    // Not an application of the round's programmes.
                    return Err(StoreError::NotFound);
                }
                summary.kept_excluded += 1;
            }
            transaction.commit().await?;
        });
        Ok(summary)
    }

    /// Lock or unlock an assignment. `NotFound` when the application has none.
    pub async fn set_assignment_locked(
        &self,
        application: ApplicationId,
        locked: bool,
        now: OffsetDateTime,
    ) -> Result<TeamAssignment, StoreError> {
        let sql = format!(
            "UPDATE team_assignments SET locked = $1, updated_at = $2 WHERE application_id = $3 \
             RETURNING {ASSIGNMENT_COLUMNS}"
        );
        let row: Option<AssignmentRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql)
                .bind(locked)
                .bind(unix_seconds(now))
                .bind(application.0)
                .fetch_optional(pool)
                .await?
        });
        assignment_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// Removing a missing assignment is not an error.
    pub async fn remove_team_assignment(
        &self,
        application: ApplicationId,
    ) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM team_assignments WHERE application_id = $1")
                .bind(application.0)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// A programme's assignments by team, then application.
    pub async fn team_assignments_of_programme(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<TeamAssignment>, StoreError> {
        let sql = format!(
            "SELECT {ASSIGNMENT_COLUMNS} FROM team_assignments WHERE programme_id = $1 \
             ORDER BY team_id, application_id"
        );
        let rows: Vec<AssignmentRow> = with_pool!(self, pool => {
            sqlx::query_as(&sql).bind(programme.0).fetch_all(pool).await?
        });
        rows.into_iter().map(assignment_from_row).collect()
    }

    // --- exclusions ----------------------------------------------------------------------------

    /// A coordinator keeps an application out of matching: its team assignment (locked or not)
    /// goes, and every later run leaves it without a team until [`Store::include_in_matching`].
    /// Excluding twice keeps the first exclusion. `NotFound` when the application does not exist.
    pub async fn exclude_from_matching(
        &self,
        application: ApplicationId,
        excluded_by: UserId,
        now: OffsetDateTime,
    ) -> Result<MatchExclusion, StoreError> {
        let row: Option<ExclusionRow> = with_pool!(self, pool => {
            let mut transaction = pool.begin().await?;
            sqlx::query(
                "INSERT INTO match_exclusions (application_id, programme_id, excluded_by, \
                 excluded_at) SELECT id, programme_id, $2, $3 FROM applications WHERE id = $1 \
                 ON CONFLICT (application_id) DO NOTHING",
            )
            .bind(application.0)
            .bind(excluded_by.0)
            .bind(unix_seconds(now))
            .execute(&mut *transaction)
            .await
            .map_err(|error| StoreError::from_write(error, "match exclusion"))?;
            sqlx::query("DELETE FROM team_assignments WHERE application_id = $1")
                .bind(application.0)
                .execute(&mut *transaction)
                .await?;
            let row = sqlx::query_as(
                "SELECT application_id, programme_id, excluded_by, excluded_at \
                 FROM match_exclusions WHERE application_id = $1",
            )
            .bind(application.0)
            .fetch_optional(&mut *transaction)
            .await?;
            transaction.commit().await?;
            row
        });
        exclusion_from_row(row.ok_or(StoreError::NotFound)?)
    }

    /// End an exclusion: the next run may place the application again. Including an
    /// application that is not excluded is not an error.
    pub async fn include_in_matching(&self, application: ApplicationId) -> Result<(), StoreError> {
        with_pool!(self, pool => {
            sqlx::query("DELETE FROM match_exclusions WHERE application_id = $1")
                .bind(application.0)
                .execute(pool)
                .await?;
        });
        Ok(())
    }

    /// A programme's excluded applications, by application.
    pub async fn match_exclusions_of_programme(
        &self,
        programme: ProgrammeId,
    ) -> Result<Vec<MatchExclusion>, StoreError> {
        let rows: Vec<ExclusionRow> = with_pool!(self, pool => {
            sqlx::query_as(
                "SELECT application_id, programme_id, excluded_by, excluded_at \
                 FROM match_exclusions WHERE programme_id = $1 ORDER BY application_id",
            )
            .bind(programme.0)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter().map(exclusion_from_row).collect()
    }
}
