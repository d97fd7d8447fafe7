//! A programme's teams: sizes, a cap per nationality and needs (a skill at least n times; a
//! language at level L or above, at least n people), edited with plain forms and shown in words.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::programme::team::{NewTeam, Team};
use sosei_core::{Skill, TeamId};

use super::applications::applicants_of;
use super::fields::Fields;
use super::programme_list::label;
use super::team_form::{parse_team, team_fields, team_form_fields};
use super::{
    Coordinated, NoticeQuery, Section, id_from_path, notice, programme_header, programme_path,
    require_programme, words,
};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::FormErrors;
use crate::layout::{csrf_field, html_response, html_response_with_status, localized, page};
use crate::state::AppState;

fn teams_path(coordinated: &Coordinated<'_>) -> String {
    format!(
        "{}/teams",
        programme_path(&coordinated.organisation, &coordinated.programme)
    )
}

async fn team_of(
    state: &AppState,
    coordinated: &Coordinated<'_>,
    raw_team: &str,
) -> Result<Team, AppError> {
    let team = state.store.team(TeamId(id_from_path(raw_team)?)).await?;
    if team.programme != coordinated.programme.id {
        return Err(AppError::NotFound);
    }
    Ok(team)
}

pub async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let body = render_list(
        &state,
        &ctx,
        &coordinated,
        &query,
        &Fields::new().with("min_size", "3").with("max_size", "5"),
        &FormErrors::new(),
    )
    .await?;
    Ok(html_response(body))
}

pub async fn add(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let skills = state.store.skills().await?;
    match parse_team(&fields, &skills) {
        Ok(team) => {
            state
                .store
                .add_team(coordinated.programme.id, &team)
                .await?;
            Ok(
                Redirect::to(&format!("{}?done=team-added", teams_path(&coordinated)))
                    .into_response(),
            )
        }
        Err(errors) => {
            let body = render_list(
                &state,
                &ctx,
                &coordinated,
                &NoticeQuery::default(),
                &fields,
                &errors,
            )
            .await?;
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                body,
            ))
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme, raw_team)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let team = team_of(&state, &coordinated, &raw_team).await?;
    let skills = state.store.skills().await?;
    Ok(html_response(render_edit(
        &ctx,
        &coordinated,
        &team,
        &skills,
        &team_fields(&team),
        &FormErrors::new(),
    )))
}

pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme, raw_team)): Path<(String, String, String)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let team = team_of(&state, &coordinated, &raw_team).await?;
    let skills = state.store.skills().await?;
    match parse_team(&fields, &skills) {
        Ok(spec) => {
            state.store.update_team(team.id, &spec).await?;
            Ok(
                Redirect::to(&format!("{}?done=team-saved", teams_path(&coordinated)))
                    .into_response(),
            )
        }
        Err(errors) => Ok(html_response_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            render_edit(&ctx, &coordinated, &team, &skills, &fields, &errors),
        )),
    }
}

pub async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme, raw_team)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    let team = team_of(&state, &coordinated, &raw_team).await?;
    state.store.remove_team(team.id).await?;
    Ok(Redirect::to(&format!("{}?done=team-removed", teams_path(&coordinated))).into_response())
}

/// "3–5 people, at most 2 of one nationality".
fn size_text(ctx: &Ctx, spec: &NewTeam) -> String {
    let size = crate::i18n::t_args(
        ctx.locale,
        "coordinate-team-size",
        &[
            ("min", spec.size().min().into()),
            ("max", spec.size().max().into()),
        ],
    );
    match spec.max_per_nationality() {
        Some(cap) => format!(
            "{size} · {}",
            crate::i18n::t_args(
                ctx.locale,
                "coordinate-team-cap",
                &[("count", cap.get().into())]
            )
        ),
        None => size,
    }
}

async fn render_list(
    state: &AppState,
    ctx: &Ctx,
    coordinated: &Coordinated<'_>,
    query: &NoticeQuery,
    fields: &Fields,
    errors: &FormErrors,
) -> Result<Markup, AppError> {
    let programme = &coordinated.programme;
    let teams = state.store.teams_of_programme(programme.id).await?;
    let skills = state.store.skills().await?;
    let assignments = state
        .store
        .team_assignments_of_programme(programme.id)
        .await?;
    let applicants = applicants_of(state, programme.id).await?;
    let base = teams_path(coordinated);
    let heading = ctx.t("coordinate-teams-title");
    let body = html! {
        (programme_header(ctx, &coordinated.organisation, programme, Section::Teams, &heading))
        (notice(ctx, query))
        @if teams.is_empty() {
            p class="muted" { (ctx.t("coordinate-no-teams")) }
        } @else {
            p { a href={ (base) ".csv" } download { (ctx.t("coordinate-download-teams-csv")) } }
        }
        @for team in &teams {
            section class="card" aria-labelledby={ "team-" (team.id) } {
                h2 id={ "team-" (team.id) } { (localized(ctx, team.spec.name())) }
                p { (size_text(ctx, &team.spec)) }
                @if team.spec.needs().is_empty() {
                    p class="muted" { (ctx.t("coordinate-team-no-needs")) }
                } @else {
                    ul { @for need in team.spec.needs() { li { (words::need(ctx, need, &skills)) } } }
                }
                @let members: Vec<_> = assignments.iter().filter(|a| a.team == team.id).collect();
                h3 { (ctx.t("coordinate-team-members")) }
                @if members.is_empty() {
                    p class="muted" { (ctx.t("coordinate-team-no-members")) }
                } @else {
                    ul {
                        @for member in &members {
                            li {
                                (applicants.iter().find(|a| a.application.id == member.application).map(|a| a.name.as_str()).unwrap_or("?"))
                                @if member.locked { " " span class="tag" { (ctx.t("coordinate-team-locked")) } }
                            }
                        }
                    }
                }
                p {
                    a class="button button-secondary" href={ (base) "/" (team.id) } { (ctx.t("coordinate-team-edit")) }
                    " "
                    form method="post" action={ (base) "/" (team.id) "/remove" } class="inline-form" {
                        (csrf_field(ctx))
                        button type="submit" class="button button-secondary" { (ctx.t("coordinate-team-remove")) }
                    }
                }
            }
        }
        section aria-labelledby="new-team-heading" {
            h2 id="new-team-heading" { (ctx.t("coordinate-new-team")) }
            (errors.summary(ctx, |field| label(ctx, field)))
            form method="post" action=(base) class="stacked wide" novalidate {
                (csrf_field(ctx))
                (team_form_fields(ctx, fields, errors, &skills))
                div class="form-actions" { button type="submit" class="button" { (ctx.t("coordinate-add-team")) } }
            }
        }
    };
    Ok(page(ctx, &heading, body))
}

fn render_edit(
    ctx: &Ctx,
    coordinated: &Coordinated<'_>,
    team: &Team,
    skills: &[Skill],
    fields: &Fields,
    errors: &FormErrors,
) -> Markup {
    let heading = ctx.t("coordinate-team-edit");
    let base = teams_path(coordinated);
    let body = html! {
        (programme_header(ctx, &coordinated.organisation, &coordinated.programme, Section::Teams, &heading))
        p { (localized(ctx, team.spec.name())) }
        (errors.summary(ctx, |field| label(ctx, field)))
        form method="post" action={ (base) "/" (team.id) } class="stacked wide" novalidate {
            (csrf_field(ctx))
            (team_form_fields(ctx, fields, errors, skills))
            div class="form-actions" {
                button type="submit" class="button" { (ctx.t("form-save")) }
                a href=(base) { (ctx.t("form-cancel")) }
            }
        }
    };
    page(ctx, &heading, body)
}
