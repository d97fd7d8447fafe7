//! Programmes in the API: the public list (never drafts) and one programme with its teams (names,
//! sizes and the skills and languages each needs). Who is in a team is not public, and neither
//! is anything about applicants.

use axum::extract::{Path, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use sosei_core::ProgrammeId;
use sosei_core::programme::team::{Team, TeamNeed};
use utoipa::ToSchema;

use super::{LocalizedTextDto, OrganisationDirectory, ProgrammeDto, json};
use crate::context::Ctx;
use crate::error::AppError;
use crate::programmes::public::public_programmes;
use crate::programmes::{id_from_path, visible_programme};
use crate::state::AppState;

/// A programme with its status.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeSummary {
    #[serde(flatten)]
    pub programme: ProgrammeDto,
    /// `open` (taking applications), `closed`, `running` or `completed`.
    pub status: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeList {
    pub programmes: Vec<ProgrammeSummary>,
}

/// What a team needs among its members.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TeamNeedDto {
    /// `skill` or `language`.
    pub kind: String,
    pub at_least: u8,
    /// For `skill`: the skill's short name, e.g. `graphic-design`.
    pub skill: Option<String>,
    /// For `language`: an ISO 639-1 code, e.g. `ja`.
    pub language: Option<String>,
    /// For `language`: `a1`…`c2`, `n5`…`n1` or `native`.
    pub minimum_level: Option<String>,
}

impl From<&TeamNeed> for TeamNeedDto {
    fn from(need: &TeamNeed) -> Self {
        match need {
            TeamNeed::Skill { skill, at_least } => TeamNeedDto {
                kind: "skill".to_owned(),
                at_least: at_least.get(),
                skill: Some(skill.as_str().to_owned()),
                language: None,
                minimum_level: None,
            },
            TeamNeed::Language {
                language,
                minimum_level,
                at_least,
            } => TeamNeedDto {
                kind: "language".to_owned(),
                at_least: at_least.get(),
                skill: None,
                language: Some(language.as_str().to_owned()),
                minimum_level: Some(minimum_level.as_str().to_owned()),
            },
        }
    }
}

/// A team of a programme, as the programme page shows it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TeamDto {
    pub id: i64,
    pub name: LocalizedTextDto,
    pub min_size: u8,
    pub max_size: u8,
    /// At most this many members of one nationality (`null`: no cap).
    pub max_per_nationality: Option<u8>,
    pub needs: Vec<TeamNeedDto>,
}

impl From<&Team> for TeamDto {
    fn from(team: &Team) -> Self {
        TeamDto {
            id: team.id.0,
            name: team.spec.name().into(),
            min_size: team.spec.size().min(),
            max_size: team.spec.size().max(),
            max_per_nationality: team.spec.max_per_nationality().map(|cap| cap.get()),
            needs: team.spec.needs().iter().map(TeamNeedDto::from).collect(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeDetail {
    pub programme: ProgrammeSummary,
    pub theme: LocalizedTextDto,
    pub description: LocalizedTextDto,
    #[schema(format = Date)]
    pub applications_open_on: Option<String>,
    #[schema(format = Date)]
    pub applications_close_on: Option<String>,
    pub teams: Vec<TeamDto>,
}

/// Every public programme: open ones first, then running, closed and completed.
#[utoipa::path(
    get,
    path = "/api/v1/programmes",
    tag = "programmes",
    responses((status = 200, description = "Public programmes", body = ProgrammeList))
)]
pub(crate) async fn list_programmes(State(state): State<AppState>) -> Result<Response, AppError> {
    let directory = OrganisationDirectory::load(&state).await?;
    let programmes = public_programmes(&state)
        .await?
        .into_iter()
        .flat_map(|(_, programmes)| programmes)
        .map(|programme| ProgrammeSummary {
            status: programme.status.as_str().to_owned(),
            programme: directory.programme(&programme),
        })
        .collect();
    Ok(json(&ProgrammeList { programmes }))
}

/// One programme and its teams. Drafts exist only for their coordinators.
#[utoipa::path(
    get,
    path = "/api/v1/programmes/{id}",
    tag = "programmes",
    params(("id" = i64, Path, description = "The programme's id")),
    responses(
        (status = 200, description = "The programme", body = ProgrammeDetail),
        (status = 404, description = "No such programme, or a draft", body = super::Problem, content_type = "application/problem+json"),
    )
)]
pub(crate) async fn programme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let id = ProgrammeId(id_from_path(&raw_id)?);
    let programme = visible_programme(&state, &ctx, id).await?;
    let teams = state.store.teams_of_programme(id).await?;
    let directory = OrganisationDirectory::load(&state).await?;
    let window = programme.details.application_window;
    Ok(json(&ProgrammeDetail {
        theme: (&programme.details.theme).into(),
        description: (&programme.details.description).into(),
        applications_open_on: window.map(|window| window.starts_on().to_string()),
        applications_close_on: window.map(|window| window.ends_on().to_string()),
        teams: teams.iter().map(TeamDto::from).collect(),
        programme: ProgrammeSummary {
            status: programme.status.as_str().to_owned(),
            programme: directory.programme(&programme),
        },
    }))
}
