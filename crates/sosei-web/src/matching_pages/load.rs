//! Reading a round's inputs from the store: the programmes with their teams, their applications,
//! the applicants' profiles and names, and the current team assignments.

use std::collections::BTreeMap;

use sosei_core::programme::matching::MatchWeights;
use sosei_core::{Organisation, ProgrammeId, ProgrammeStatus, UserId};
use sosei_matching::MethodChoice;
use sosei_store::StoreError;

use super::problem::{ProgrammeWithTeams, RoundInputs};
use crate::error::AppError;
use crate::state::AppState;

/// A round's inputs and the applicants' names (profile name, else account name).
pub(crate) struct LoadedRound {
    pub inputs: RoundInputs,
    pub names: BTreeMap<UserId, String>,
}

/// The statuses whose programmes may take part in a round: open (applications still coming in)
/// and closed (selection and matching).
pub(crate) fn may_take_part(status: ProgrammeStatus) -> bool {
    matches!(status, ProgrammeStatus::Open | ProgrammeStatus::Closed)
}

/// Load `programmes` of `organisation` (each must be the organisation's; `NotFound` otherwise).
pub(crate) async fn load_round(
    state: &AppState,
    organisation: &Organisation,
    programmes: &[ProgrammeId],
    weights: MatchWeights,
    method: MethodChoice,
) -> Result<LoadedRound, AppError> {
    let mut with_teams = Vec::with_capacity(programmes.len());
    let mut applications = Vec::new();
    let mut assignments = Vec::new();
    for id in programmes {
        let programme = state.store.programme(*id).await?;
        if programme.organisation != organisation.id {
            return Err(AppError::NotFound);
        }
        let teams = state.store.teams_of_programme(*id).await?;
        applications.extend(state.store.applications_of_programme(*id).await?);
        assignments.extend(state.store.team_assignments_of_programme(*id).await?);
        with_teams.push(ProgrammeWithTeams { programme, teams });
    }
    let mut profiles = BTreeMap::new();
    let mut names = BTreeMap::new();
    for application in &applications {
        let user = application.applicant;
        if names.contains_key(&user) {
            continue;
        }
        match state.store.participant_profile(user).await {
            Ok(profile) => {
                names.insert(user, profile.details.display_name.as_str().to_owned());
                profiles.insert(user, profile.details);
            }
            Err(StoreError::NotFound) => {
                let account = state.store.user(user).await?;
                names.insert(user, account.display_name.as_str().to_owned());
            }
            Err(other) => return Err(other.into()),
        }
    }
    Ok(LoadedRound {
        inputs: RoundInputs {
            programmes: with_teams,
            applications,
            profiles,
            assignments,
            weights,
            method,
        },
        names,
    })
}
