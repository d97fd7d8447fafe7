//! The results of a conversation, for everyone: the opinion map, the groups with what sets them
//! apart, the consensus (総意), the divisive statements, participation over time, and — for a
//! participant — where they stand. Also the small "where you stand" box on the conversation page
//! and `results.json`, which `deliberation.js` polls so that open pages follow the background
//! recomputation (`recompute.rs`).
//!
//! Everything shown comes from the latest stored analysis; statement texts come from the store,
//! and only statements participants may see are ever shown (moderated-out ones never appear).

pub(crate) mod charts;
mod view;

use std::collections::{BTreeMap, BTreeSet};

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header::CACHE_CONTROL;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use maud::Markup;
use sosei_core::deliberation::{Conversation, ConversationState, Participant, Statement};
use sosei_core::routing::is_shown_to_participants;
use sosei_core::{ConversationId, ParticipantId, StatementId};
use sosei_opinion::{Analysis, ParticipantKey, Standing, StatementKey, where_you_stand};
use sosei_store::StoredAnalysis;
use time::{Date, OffsetDateTime, UtcOffset};

use crate::context::Ctx;
use crate::deliberation::analysis::{engine_vote, latest_analysis};
use crate::deliberation::participate::{Participation, current_participant};
use crate::error::AppError;
use crate::layout::html_response;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/conversations/{id}/results", get(results_page))
        .route("/conversations/{id}/results.json", get(results_json))
}

/// The address of a conversation's results page.
pub fn results_path(id: ConversationId) -> String {
    format!("/conversations/{id}/results")
}

/// The address `deliberation.js` polls.
pub fn results_json_path(id: ConversationId) -> String {
    format!("/conversations/{id}/results.json")
}

/// Japan Standard Time: a day of participation is a day in the towns the platform serves.
const JST: UtcOffset = match UtcOffset::from_hms(9, 0, 0) {
    Ok(offset) => offset,
    Err(_) => UtcOffset::UTC,
};

/// Days shown in the participation chart (the table lists every day).
const CHART_DAYS: usize = 60;

// --- loading --------------------------------------------------------------------------------------

/// A conversation whose results are public: open or closed.
async fn public_conversation(state: &AppState, raw_id: &str) -> Result<Conversation, AppError> {
    let id = raw_id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let conversation = state.store.conversation(ConversationId(id)).await?;
    match conversation.state {
        ConversationState::Open | ConversationState::Closed => Ok(conversation),
        ConversationState::Draft | ConversationState::Archived => Err(AppError::NotFound),
    }
}

/// The latest stored analysis. With none stored yet but votes present, one is computed now (the
/// first visitor waits once); a stored one that missed recent votes is shown as it is while the
/// scheduler brings it up to date.
async fn stored_analysis(
    state: &AppState,
    conversation: ConversationId,
) -> Result<Option<(Analysis, StoredAnalysis)>, AppError> {
    let votes = state.store.count_votes(conversation).await?;
    match latest_analysis(state, conversation).await? {
        Some((analysis, stored)) => {
            if stored.votes_seen != votes {
                state.analysis_scheduler.notify(conversation);
            }
            Ok(Some((analysis, stored)))
        }
        None if votes > 0 => {
            crate::deliberation::analysis::compute_and_store(state, conversation).await?;
            latest_analysis(state, conversation).await
        }
        None => Ok(None),
    }
}

/// One day of participation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DayActivity {
    pub day: Date,
    /// Current votes last cast that day.
    pub votes: usize,
    /// Participants who joined that day.
    pub participants: usize,
}

/// Everything the results page shows.
pub(crate) struct Results {
    pub conversation: Conversation,
    pub analysis: Option<(Analysis, StoredAnalysis)>,
    /// Statements participants may see, by id; nothing else is ever shown.
    pub shown: BTreeMap<StatementId, Statement>,
    pub viewer: Option<Participant>,
    /// The viewer's standing, once they have voted and an analysis exists.
    pub standing: Option<Standing>,
    pub activity: Vec<DayActivity>,
    /// Translations of the statements, to show each in the reader's language.
    pub translations: Vec<sosei_core::statement_translation::StatementTranslation>,
}

impl Results {
    /// The text of a statement the results may show, or `None` for a moderated-out one.
    pub fn statement(&self, key: StatementKey) -> Option<&Statement> {
        self.shown.get(&StatementId(key.0))
    }

    /// Whether there are groups to show.
    pub fn has_groups(&self) -> bool {
        self.analysis
            .as_ref()
            .is_some_and(|(analysis, _)| !analysis.groups.is_empty())
    }
}

/// The viewer's standing: their final votes against the analysis. `None` for someone banned or
/// who has not voted on anything the analysis counts.
fn standing_of(
    analysis: &Analysis,
    participant: &Participant,
    votes: &[(StatementId, sosei_core::deliberation::VoteChoice)],
) -> Option<Standing> {
    if participant.banned || analysis.groups.is_empty() || votes.is_empty() {
        return None;
    }
    let votes: Vec<(StatementKey, sosei_opinion::Vote)> = votes
        .iter()
        .map(|(statement, choice)| (StatementKey(statement.0), engine_vote(*choice)))
        .collect();
    Some(where_you_stand(
        analysis,
        ParticipantKey(participant.id.0),
        &votes,
    ))
}

async fn load_results(
    state: &AppState,
    ctx: &Ctx,
    conversation: Conversation,
) -> Result<Results, AppError> {
    let analysis = stored_analysis(state, conversation.id).await?;
    let participants = state.store.participants(conversation.id).await?;
    let banned: BTreeSet<ParticipantId> = participants
        .iter()
        .filter(|participant| participant.banned)
        .map(|participant| participant.id)
        .collect();
    let shown: BTreeMap<StatementId, Statement> = state
        .store
        .statements(conversation.id)
        .await?
        .into_iter()
        .filter(|statement| {
            is_shown_to_participants(statement, conversation.moderation_mode, &banned)
        })
        .map(|statement| (statement.id, statement))
        .collect();
    let viewer = current_participant(state, ctx, &conversation).await?;
    let standing = match (&viewer, &analysis) {
        (Some(participant), Some((analysis, _))) => {
            let votes: Vec<_> = state
                .store
                .votes_of_participant(participant.id)
                .await?
                .into_iter()
                .map(|vote| (vote.statement, vote.choice))
                .collect();
            standing_of(analysis, participant, &votes)
        }
        _ => None,
    };
    let votes = state.store.votes(conversation.id).await?;
    let activity = daily_activity(
        votes
            .iter()
            .filter(|vote| !banned.contains(&vote.participant))
            .map(|vote| vote.at),
        participants
            .iter()
            .filter(|participant| !participant.banned)
            .map(|participant| participant.joined_at),
    );
    let translations = state.store.statement_translations(conversation.id).await?;
    Ok(Results {
        conversation,
        analysis,
        shown,
        viewer,
        standing,
        activity,
        translations,
    })
}

/// Votes and new participants per day (Japan time), every day from the first to the last.
pub(crate) fn daily_activity(
    votes: impl Iterator<Item = OffsetDateTime>,
    joins: impl Iterator<Item = OffsetDateTime>,
) -> Vec<DayActivity> {
    let mut days: BTreeMap<Date, (usize, usize)> = BTreeMap::new();
    for at in votes {
        days.entry(at.to_offset(JST).date()).or_default().0 += 1;
    }
    for at in joins {
        days.entry(at.to_offset(JST).date()).or_default().1 += 1;
    }
    let (Some(first), Some(last)) = (
        days.keys().next().copied(),
        days.keys().next_back().copied(),
    ) else {
        return Vec::new();
    };
    let mut activity = Vec::new();
    let mut day = first;
    loop {
        let (votes, participants) = days.get(&day).copied().unwrap_or_default();
        activity.push(DayActivity {
            day,
            votes,
            participants,
        });
        match day.next_day() {
            Some(next) if next <= last => day = next,
            _ => break,
        }
    }
    activity
}

// --- the page and its JSON ----------------------------------------------------------------------

async fn results_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let conversation = public_conversation(&state, &raw_id).await?;
    let results = load_results(&state, &ctx, conversation).await?;
    Ok(html_response(view::results_page(&ctx, &results)))
}

/// A group's name, the same in both languages: A, B, C…
pub(crate) fn group_letter(group: usize) -> String {
    char::from_u32(u32::from(b'A') + group as u32)
        .filter(|_| group < 26)
        .map_or_else(|| (group + 1).to_string(), String::from)
}

#[derive(Debug, serde::Serialize)]
struct GroupSummary {
    id: usize,
    label: String,
    size: usize,
    share: f64,
}

#[derive(Debug, serde::Serialize)]
struct YourGroup {
    id: usize,
    label: String,
    provisional: bool,
    /// The sentence the page shows, in the viewer's language.
    text: String,
}

/// What `deliberation.js` needs to know whether the page is out of date, and to update the
/// "where you stand" box in place.
#[derive(Debug, Default, serde::Deserialize)]
struct ResultsJsonQuery {
    /// The version the page already shows; when it is still current the answer says only that.
    since: Option<String>,
}

async fn results_json(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Query(query): Query<ResultsJsonQuery>,
) -> Result<Response, AppError> {
    let conversation = public_conversation(&state, &raw_id).await?;
    // Pages poll this every 1.5 s: when nothing changed, answer from the stamp alone instead of
    // reading and parsing the whole stored analysis.
    if let Some(since) = query.since.as_deref()
        && let Some((votes_seen, computed_at)) = state.store.analysis_stamp(conversation.id).await?
        && version_of(computed_at, votes_seen) == since
    {
        let body = serde_json::json!({ "version": since, "unchanged": true });
        return Ok(([(CACHE_CONTROL, "no-store")], Json(body)).into_response());
    }
    let analysis = latest_analysis(&state, conversation.id).await?;
    let viewer = current_participant(&state, &ctx, &conversation).await?;
    let (computed_at, votes_seen, participants, included, groups, your_group) = match &analysis {
        None => (None, 0, 0, 0, Vec::new(), None),
        Some((analysis, stored)) => {
            let included = analysis.counts.included_participants;
            let groups: Vec<GroupSummary> = analysis
                .groups
                .iter()
                .map(|group| GroupSummary {
                    id: group.id,
                    label: group_letter(group.id),
                    size: group.members.len(),
                    share: share(group.members.len(), included),
                })
                .collect();
            let your_group = match &viewer {
                Some(participant) => {
                    let votes: Vec<_> = state
                        .store
                        .votes_of_participant(participant.id)
                        .await?
                        .into_iter()
                        .map(|vote| (vote.statement, vote.choice))
                        .collect();
                    standing_of(analysis, participant, &votes).and_then(|standing| {
                        standing.group.map(|group| YourGroup {
                            id: group,
                            label: group_letter(group),
                            provisional: standing.group_is_provisional,
                            text: view::your_group_sentence(&ctx, &standing),
                        })
                    })
                }
                None => None,
            };
            (
                stored
                    .computed_at
                    .format(&time::format_description::well_known::Rfc3339)
                    .ok(),
                stored.votes_seen,
                analysis.counts.participants,
                included,
                groups,
                your_group,
            )
        }
    };
    let version = analysis
        .as_ref()
        .map(|(_, stored)| analysis_version(stored));
    let body = serde_json::json!({
        "version": version,
        "computed_at": computed_at,
        "votes_seen": votes_seen,
        "participants": participants,
        "included_participants": included,
        "groups": groups,
        "your_group": your_group,
    });
    Ok(([(CACHE_CONTROL, "no-store")], Json(body)).into_response())
}

/// What tells a page its results are out of date. The store keeps whole seconds, so two runs
/// finishing within one second differ only in how many votes they saw.
pub(crate) fn analysis_version(stored: &StoredAnalysis) -> String {
    version_of(stored.computed_at, stored.votes_seen)
}

fn version_of(computed_at: time::OffsetDateTime, votes_seen: i64) -> String {
    format!("{}/{}", computed_at.unix_timestamp(), votes_seen)
}

/// `part` of `whole` as a fraction; 0 of nothing.
pub(crate) fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

// --- the box on the conversation page -------------------------------------------------------------

/// "Where you stand" on the conversation page: the visitor's group in a sentence and a link to
/// the results. Reads only the stored analysis; never computes one.
pub(crate) async fn where_you_stand_box(
    state: &AppState,
    ctx: &Ctx,
    participation: &Participation,
) -> Result<Markup, AppError> {
    let conversation = &participation.conversation;
    if !matches!(
        conversation.state,
        ConversationState::Open | ConversationState::Closed
    ) {
        return Ok(maud::html! {});
    }
    let analysis = latest_analysis(state, conversation.id).await?;
    let standing = match (&participation.participant, &analysis) {
        (Some(participant), Some((analysis, _))) => {
            let votes: Vec<_> = participation
                .my_votes
                .iter()
                .map(|(statement, choice)| (*statement, *choice))
                .collect();
            standing_of(analysis, participant, &votes)
        }
        _ => None,
    };
    Ok(view::where_you_stand_box(
        ctx,
        conversation.id,
        participation.participant.is_some(),
        standing.as_ref(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn groups_are_lettered() {
        assert_eq!(group_letter(0), "A");
        assert_eq!(group_letter(4), "E");
        assert_eq!(group_letter(30), "31");
    }

    #[test]
    fn activity_counts_japan_days_and_fills_gaps() {
        let votes = [
            datetime!(2026-03-01 14:59 UTC), // 23:59 on the 1st in Japan
            datetime!(2026-03-01 15:00 UTC), // already the 2nd in Japan
            datetime!(2026-03-03 01:00 UTC),
        ];
        let joins = [datetime!(2026-03-01 03:00 UTC)];
        let activity = daily_activity(votes.into_iter(), joins.into_iter());
        let counts: Vec<(u8, usize, usize)> = activity
            .iter()
            .map(|day| (day.day.day(), day.votes, day.participants))
            .collect();
        assert_eq!(counts, vec![(1, 1, 1), (2, 1, 0), (3, 1, 0)]);
        assert!(daily_activity(std::iter::empty(), std::iter::empty()).is_empty());
    }
}
