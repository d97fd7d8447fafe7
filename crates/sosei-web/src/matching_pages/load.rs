//! Reading a round's inputs from the store: the programmes with their teams, their applications,
//! the applicants' profiles and names, the current team assignments and the exclusions.

use std::collections::{BTreeMap, BTreeSet};

use sosei_core::programme::matching::MatchWeights;
use sosei_core::{Organisation, ProgrammeId, ProgrammeStatus, UserId};
use sosei_matching::MethodChoice;

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
    let mut excluded = BTreeSet::new();
    let mut profiles = BTreeMap::new();
    for id in programmes {
        let programme = state.store.programme(*id).await?;
        if programme.organisation != organisation.id {
            return Err(AppError::NotFound);
        }
        let teams = state.store.teams_of_programme(*id).await?;
        applications.extend(state.store.applications_of_programme(*id).await?);
        assignments.extend(state.store.team_assignments_of_programme(*id).await?);
        excluded.extend(
            state
                .store
                .match_exclusions_of_programme(*id)
                .await?
                .into_iter()
                .map(|exclusion| exclusion.application),
        );
        // One grouped read per programme, not one per applicant.
        for profile in state.store.profiles_of_applicants(*id).await? {
            profiles.insert(profile.user, profile.details);
        }
        with_teams.push(ProgrammeWithTeams { programme, teams });
    }
    let mut names = BTreeMap::new();
    for application in &applications {
        let user = application.applicant;
        if names.contains_key(&user) {
            continue;
        }
        let name = match profiles.get(&user) {
            Some(details) => details.display_name.as_str().to_owned(),
            // No profile: the account's name.
            None => state
                .store
                .user(user)
                .await?
                .display_name
                .as_str()
                .to_owned(),
        };
        names.insert(user, name);
    }
    Ok(LoadedRound {
        inputs: RoundInputs {
            programmes: with_teams,
            applications,
            profiles,
            assignments,
            excluded,
            weights,
            method,
        },
        names,
    })
}
