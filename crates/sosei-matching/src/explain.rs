//! One-line explanations: what a placed person brings, and why someone was left out.

use crate::model::Model;
use crate::reasons::{Obstacle, ProgrammeObstacle, UnplacedReason};

/// Append "; covers the team's need for …; the team's only TH member, 4 nationalities".
pub(crate) fn describe_contribution(
    model: &Model<'_>,
    a: usize,
    t: usize,
    need_mask: u64,
    need_counts: &[u32],
    members: &[usize],
    explanation: &mut String,
) {
    let team = &model.teams[t];
    let mut critical = Vec::new();
    let mut extra = Vec::new();
    for (k, need) in team.needs.iter().enumerate() {
        if need_mask & (1 << k) == 0 {
            continue;
        }
        let label = if need.from_japanese_rule
            && let crate::Need::Language { min_level, .. } = &need.need
        {
            format!("a Japanese speaker at {min_level}+")
        } else {
            need.need.describe_one()
        };
        if need_counts[k] <= need.need.at_least() {
            critical.push(label);
        } else {
            extra.push(label);
        }
    }
    if !critical.is_empty() {
        explanation.push_str("; covers the team's need for ");
        explanation.push_str(&critical.join(" and "));
    }
    if !extra.is_empty() {
        explanation.push_str("; also brings ");
        explanation.push_str(&extra.join(" and "));
    }
    let mut team_nationalities: Vec<usize> = members
        .iter()
        .flat_map(|&m| model.applicants[m].nationalities.iter().copied())
        .collect();
    team_nationalities.sort_unstable();
    let only: Vec<&str> = model.applicants[a]
        .nationalities
        .iter()
        .filter(|&&n| team_nationalities.iter().filter(|&&m| m == n).count() == 1)
        .map(|&n| model.nationality_names[n].as_str())
        .collect();
    team_nationalities.dedup();
    let distinct = team_nationalities.len();
    if only.is_empty() {
        explanation.push_str(&format!("; {distinct} nationalities in the team"));
    } else {
        explanation.push_str(&format!(
            "; the team's only {} member ({distinct} nationalities)",
            only.join("/")
        ));
    }
}

/// Why applicant `a` has no place.
pub(crate) fn why_unplaced(model: &Model<'_>, a: usize, members: &[Vec<usize>]) -> UnplacedReason {
    let problem = model.problem;
    let applicant = &problem.applicants[a];
    if applicant.preferences.is_empty() {
        return UnplacedReason::RankedNothing;
    }
    let mut programmes = Vec::new();
    for programme_id in &applicant.preferences {
        let Some(p) = problem
            .programmes
            .iter()
            .position(|p| &p.id == programme_id)
        else {
            continue;
        };
        let programme = &problem.programmes[p];
        let options: Vec<usize> = model.applicants[a]
            .options
            .iter()
            .map(|o| o.team)
            .filter(|&t| model.teams[t].programme == p)
            .collect();
        let obstacle = if options.is_empty() {
            let excluded = problem.locks.iter().any(|lock| {
                matches!(lock, crate::Lock::Exclude { applicant: who, programme: what }
                    if *who == applicant.id && *what == programme.id)
            });
            let available = applicant.availability.is_empty()
                || applicant
                    .availability
                    .iter()
                    .any(|w| w.covers(&programme.dates));
            if excluded {
                Obstacle::Excluded
            } else if !available {
                Obstacle::NotAvailable {
                    dates: programme.dates,
                }
            } else if programme.teams.is_empty() {
                Obstacle::NoTeams
            } else {
                Obstacle::LockedElsewhere
            }
        } else if options
            .iter()
            .all(|&t| members[t].len() as u32 >= model.teams[t].max_size)
        {
            Obstacle::TeamsFull
        } else {
            let capped: Vec<String> = options
                .iter()
                .filter(|&&t| {
                    members[t].len() < model.teams[t].max_size as usize
                        && model.teams[t].max_per_nationality.is_some_and(|cap| {
                            model.applicants[a].nationalities.iter().any(|&n| {
                                members[t]
                                    .iter()
                                    .filter(|&&m| model.applicants[m].nationalities.contains(&n))
                                    .count() as u32
                                    >= cap
                            })
                        })
                })
                .map(|&t| model.team_id(t).to_owned())
                .collect();
            if !capped.is_empty() && capped.len() == options.len() {
                Obstacle::NationalityCap { teams: capped }
            } else {
                Obstacle::OtherRules
            }
        };
        programmes.push(ProgrammeObstacle {
            programme: programme.id.clone(),
            obstacle,
        });
    }
    UnplacedReason::NoPlace { programmes }
}
