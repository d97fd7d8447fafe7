//! Sending offers to everyone placed in a round, and the report of what happened to each
//! application: offered, or not and why (it lost a race to another change, or its status does not
//! allow an offer). The report travels in the redirect's query (`sent`, `not_sent`) as
//! application ids and status names only, and the page shows only the round's own applications.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use sosei_core::ApplicationId;
use sosei_core::MatchRoundId;
use sosei_core::application::{ApplicationActor, ApplicationStatus};
use sosei_store::StoreError;
use time::OffsetDateTime;

use super::{coordinator_of, matching_path};
use crate::context::Ctx;
use crate::error::AppError;
use crate::programmes::id_from_path;
use crate::state::AppState;

/// Why an application placed in the round got no offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotOffered {
    /// Its status changed between reading it and offering (the status it has now).
    LostRace(ApplicationStatus),
    /// Its status is not one an offer follows (submitted or shortlisted).
    Status(ApplicationStatus),
}

/// What sending offers did, application by application.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OfferReport {
    pub offered: Vec<ApplicationId>,
    pub not_offered: Vec<(ApplicationId, NotOffered)>,
}

impl OfferReport {
    /// The query parameters `sent=12,13&not_sent=14.race.withdrawn,15.status.accepted`.
    pub fn to_query(&self) -> String {
        let sent: Vec<String> = self.offered.iter().map(|id| id.0.to_string()).collect();
        let not_sent: Vec<String> = self
            .not_offered
            .iter()
            .map(|(id, why)| match why {
                NotOffered::LostRace(status) => format!("{}.race.{}", id.0, status.as_str()),
                NotOffered::Status(status) => format!("{}.status.{}", id.0, status.as_str()),
            })
            .collect();
        format!("sent={}&not_sent={}", sent.join(","), not_sent.join(","))
    }

    /// Read the query back; anything malformed is left out.
    pub fn from_query(sent: &str, not_sent: &str) -> OfferReport {
        let id = |raw: &str| {
            raw.parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(ApplicationId)
        };
        OfferReport {
            offered: sent.split(',').filter_map(id).collect(),
            not_offered: not_sent
                .split(',')
                .filter_map(|item| {
                    let mut parts = item.splitn(3, '.');
                    let application = id(parts.next()?)?;
                    let kind = parts.next()?;
                    let status = ApplicationStatus::parse(parts.next()?)?;
                    let why = match kind {
                        "race" => NotOffered::LostRace(status),
                        "status" => NotOffered::Status(status),
                        _ => return None,
                    };
                    Some((application, why))
                })
                .collect(),
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub struct OffersForm {
    #[serde(default)]
    round: String,
}

/// `POST …/matching/offers`: every application with a team in the round's programmes that is
/// submitted or shortlisted becomes offered (each change queues the applicant's message). An
/// application that changed meanwhile (it lost a race) is reported with its new status; the
/// others go on.
pub async fn send_offers(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<OffersForm>,
) -> Result<Response, AppError> {
    let (organisation, user) = coordinator_of(&state, &ctx, &slug).await?;
    let round = state
        .store
        .match_round(MatchRoundId(id_from_path(&form.round)?))
        .await?;
    if round.organisation != organisation.id {
        return Err(AppError::NotFound);
    }
    let mut report = OfferReport::default();
    for programme in &round.programmes {
        for assignment in state
            .store
            .team_assignments_of_programme(*programme)
            .await?
        {
            let application = state.store.application(assignment.application).await?;
            let from = application.status;
            // Submitted and shortlisted go straight to offered by a coordinator
            // (`allowed_transitions`); nothing else does.
            if from.actor_for(ApplicationStatus::Offered) != Some(ApplicationActor::Coordinator) {
                report
                    .not_offered
                    .push((application.id, NotOffered::Status(from)));
                continue;
            }
            match state
                .store
                .change_application_status(
                    application.id,
                    from,
                    ApplicationStatus::Offered,
                    user.id,
                    OffsetDateTime::now_utc(),
                )
                .await
            {
                Ok(_) => report.offered.push(application.id),
                Err(StoreError::Conflict(reason)) => {
                    tracing::info!(application = application.id.0, %reason, "offer not sent");
                    let now = state.store.application(application.id).await?.status;
                    report
                        .not_offered
                        .push((application.id, NotOffered::LostRace(now)));
                }
                Err(other) => return Err(other.into()),
            }
        }
    }
    Ok(Redirect::to(&format!(
        "{}?done=offers&{}#result",
        matching_path(&organisation),
        report.to_query()
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_survives_the_redirect_and_junk_is_dropped() {
        let report = OfferReport {
            offered: vec![ApplicationId(12), ApplicationId(13)],
            not_offered: vec![
                (
                    ApplicationId(14),
                    NotOffered::LostRace(ApplicationStatus::Withdrawn),
                ),
                (
                    ApplicationId(15),
                    NotOffered::Status(ApplicationStatus::NoShow),
                ),
            ],
        };
        let query = report.to_query();
        assert_eq!(
            query,
            "sent=12,13&not_sent=14.race.withdrawn,15.status.no_show"
        );
        assert_eq!(
            OfferReport::from_query("12,13", "14.race.withdrawn,15.status.no_show"),
            report
        );
        assert_eq!(
            OfferReport::from_query("x,-3,", "9.race.nonsense,10.maybe.offered,<b>"),
            OfferReport::default()
        );
    }
}
