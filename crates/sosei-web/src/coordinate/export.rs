//! CSV for coordinators: one row per application, and one row per team assignment, written by
//! [`crate::csv_export`] (byte-order mark, formulas made inert). Headers are in the reader's
//! language.

use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use sosei_core::programme::team::Team;

use super::applications::{Applicant, applicants_of};
use super::{require_programme, words};
use crate::context::Ctx;
use crate::csv_export::csv_file;
use crate::error::AppError;
use crate::state::AppState;

fn csv_response(file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            // Applicants' details: not for shared caches.
            (CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

fn applicant_row(
    ctx: &Ctx,
    applicant: &Applicant,
    skills: &[sosei_core::Skill],
    team: String,
) -> Vec<String> {
    let application = &applicant.application;
    let details = applicant.profile.as_ref().map(|profile| &profile.details);
    let joined = |items: Vec<String>| items.join("; ");
    vec![
        application.id.to_string(),
        applicant.name.clone(),
        details
            .map(|d| {
                joined(
                    d.nationalities
                        .iter()
                        .map(|c| c.as_str().to_owned())
                        .collect(),
                )
            })
            .unwrap_or_default(),
        details
            .map(|d| {
                joined(
                    d.languages
                        .iter()
                        .map(|l| format!("{} {}", l.language().as_str(), l.level().as_str()))
                        .collect(),
                )
            })
            .unwrap_or_default(),
        details
            .map(|d| {
                joined(
                    d.skills
                        .iter()
                        .map(|s| words::skill_label(ctx, s, skills))
                        .collect(),
                )
            })
            .unwrap_or_default(),
        details
            .map(|d| {
                joined(
                    d.dietary_requirements
                        .iter()
                        .map(|r| r.as_str().to_owned())
                        .collect(),
                )
            })
            .unwrap_or_default(),
        application.rank.get().to_string(),
        application.status.as_str().to_owned(),
        application
            .review
            .score
            .map(|score| score.get().to_string())
            .unwrap_or_default(),
        application
            .review
            .notes
            .as_ref()
            .map(|notes| notes.as_str().to_owned())
            .unwrap_or_default(),
        crate::i18n::format_date(ctx.locale, application.submitted_at.date()),
        team,
    ]
}

fn applicant_header(ctx: &Ctx) -> Vec<String> {
    [
        "coordinate-csv-application",
        "coordinate-column-name",
        "coordinate-column-nationalities",
        "coordinate-column-languages",
        "coordinate-column-skills",
        "coordinate-profile-diet",
        "coordinate-column-rank",
        "coordinate-column-status",
        "coordinate-column-score",
        "coordinate-field-notes",
        "coordinate-column-submitted",
        "coordinate-csv-team",
    ]
    .iter()
    .map(|id| ctx.t(id))
    .collect()
}

fn team_name(ctx: &Ctx, teams: &[Team], team: sosei_core::TeamId) -> String {
    teams
        .iter()
        .find(|candidate| candidate.id == team)
        .map(|team| team.spec.name().text(ctx.locale).to_owned())
        .unwrap_or_default()
}

/// Every application of the programme, with its team when it has one.
pub async fn applications_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let programme = coordinated.programme.id;
    let applicants = applicants_of(&state, programme).await?;
    let teams = state.store.teams_of_programme(programme).await?;
    let assignments = state.store.team_assignments_of_programme(programme).await?;
    let skills = state.store.skills().await?;
    let rows: Vec<Vec<String>> = applicants
        .iter()
        .map(|applicant| {
            let team = assignments
                .iter()
                .find(|assignment| assignment.application == applicant.application.id)
                .map(|assignment| team_name(&ctx, &teams, assignment.team))
                .unwrap_or_default();
            applicant_row(&ctx, applicant, &skills, team)
        })
        .collect();
    let bytes = csv_file(&applicant_header(&ctx), &rows)?;
    Ok(csv_response(
        &format!("programme-{programme}-applicants.csv"),
        bytes,
    ))
}

/// One row per team assignment: team, applicant, whether it is locked and who set it.
pub async fn teams_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let programme = coordinated.programme.id;
    let applicants = applicants_of(&state, programme).await?;
    let teams = state.store.teams_of_programme(programme).await?;
    let assignments = state.store.team_assignments_of_programme(programme).await?;
    let header: Vec<String> = [
        "coordinate-csv-team",
        "coordinate-csv-application",
        "coordinate-column-name",
        "coordinate-column-nationalities",
        "coordinate-column-status",
        "coordinate-csv-locked",
        "coordinate-csv-source",
    ]
    .iter()
    .map(|id| ctx.t(id))
    .collect();
    let rows: Vec<Vec<String>> = assignments
        .iter()
        .map(|assignment| {
            let applicant = applicants
                .iter()
                .find(|a| a.application.id == assignment.application);
            vec![
                team_name(&ctx, &teams, assignment.team),
                assignment.application.to_string(),
                applicant.map(|a| a.name.clone()).unwrap_or_default(),
                applicant
                    .and_then(|a| a.profile.as_ref())
                    .map(|p| {
                        p.details
                            .nationalities
                            .iter()
                            .map(|c| c.as_str().to_owned())
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
                    .unwrap_or_default(),
                applicant
                    .map(|a| a.application.status.as_str().to_owned())
                    .unwrap_or_default(),
                if assignment.locked { "1" } else { "0" }.to_owned(),
                assignment.source.as_str().to_owned(),
            ]
        })
        .collect();
    let bytes = csv_file(&header, &rows)?;
    Ok(csv_response(
        &format!("programme-{programme}-teams.csv"),
        bytes,
    ))
}
