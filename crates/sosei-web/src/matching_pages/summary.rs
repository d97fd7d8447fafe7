//! The round's result in a coordinator's words: how good the proposal is and whether a better
//! one can exist, how many people got a team and their first choice, and how diverse each team
//! is (高い／中程度／低い, with the nationalities, languages and skills behind it). The figures of
//! the optimisation (objective, bound, gap, Blau's index, blocking pairs) stay available in a
//! `<details>` section, each with a plain explanation.

use std::collections::BTreeSet;

use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};
use sosei_core::Locale;
use sosei_matching::{MatchOutcome, MatchProblem, Method};

use super::problem::team_figures;
use super::words::Labels;
use crate::context::Ctx;
use crate::i18n::{t, t_args};

/// A team is highly diverse when its Blau index reaches this share of the most its size allows.
pub(crate) const HIGH_DIVERSITY_SHARE: f64 = 0.75;
/// … and moderately diverse from this share.
pub(crate) const MEDIUM_DIVERSITY_SHARE: f64 = 0.4;

/// How good the proposal is, as far as the matcher could tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProposalQuality {
    /// No assignment scores higher (proven by the integer program, or the score reaches the
    /// bound).
    ProvenBest,
    /// A better assignment may exist, but scores less than 1 % higher.
    NearlyBest,
    /// A better assignment may exist, at most about this many per cent higher (rounded up).
    AtMostBetterBy(u32),
    /// The matcher has no bound to compare with.
    Unknown,
}

pub(crate) fn proposal_quality(outcome: &MatchOutcome) -> ProposalQuality {
    if outcome.proven_optimal {
        return ProposalQuality::ProvenBest;
    }
    let Some(bound) = outcome.bound.filter(|b| b.is_finite()) else {
        return ProposalQuality::Unknown;
    };
    // How much better than this proposal the best one can be, relative to this proposal.
    let better = if outcome.objective > 0.0 {
        (bound - outcome.objective).max(0.0) / outcome.objective
    } else {
        outcome.gap.unwrap_or(1.0)
    };
    if better <= 1e-9 {
        // The score reaches a true upper bound: nothing can score higher.
        return ProposalQuality::ProvenBest;
    }
    let percent = (better * 100.0).ceil();
    if better < 0.01 {
        ProposalQuality::NearlyBest
    } else {
        ProposalQuality::AtMostBetterBy(percent.min(f64::from(u32::MAX)) as u32)
    }
}

/// 「この案より良い組み合わせはありません（証明済み）。」 and its kin.
pub(crate) fn quality_sentence(locale: Locale, outcome: &MatchOutcome) -> String {
    let mut sentence = match proposal_quality(outcome) {
        ProposalQuality::ProvenBest => t(locale, "matching-quality-proven-best"),
        ProposalQuality::NearlyBest => t(locale, "matching-quality-nearly-best"),
        ProposalQuality::AtMostBetterBy(percent) => t_args(
            locale,
            "matching-quality-at-most-better",
            &[("percent", percent.into())],
        ),
        ProposalQuality::Unknown => t(locale, "matching-quality-unknown"),
    };
    if outcome.time_limit_reached {
        sentence.push_str(match locale {
            Locale::Ja => "",
            Locale::En => " ",
        });
        sentence.push_str(&t(locale, "matching-quality-time-limit"));
    }
    sentence
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum DiversityLevel {
    High,
    Medium,
    Low,
}

impl DiversityLevel {
    fn key(self) -> &'static str {
        match self {
            DiversityLevel::High => "high",
            DiversityLevel::Medium => "medium",
            DiversityLevel::Low => "low",
        }
    }
}

/// A team's diversity level from its Blau index and size: the index divided by the most a team
/// of that size can reach (everyone a different nationality). None below two members.
pub(crate) fn diversity_level(blau_index: f64, members: usize) -> Option<DiversityLevel> {
    if members < 2 {
        return None;
    }
    let most = 1.0 - 1.0 / members as f64;
    let share = (blau_index / most).min(1.0);
    Some(if share >= HIGH_DIVERSITY_SHARE {
        DiversityLevel::High
    } else if share >= MEDIUM_DIVERSITY_SHARE {
        DiversityLevel::Medium
    } else {
        DiversityLevel::Low
    })
}

/// What one team brings together: its level and how many nationalities, languages and skills.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TeamDiversity {
    pub level: Option<DiversityLevel>,
    pub nationalities: usize,
    pub languages: usize,
    pub skills: usize,
    pub blau_index: f64,
}

pub(crate) fn team_diversity(
    problem: &MatchProblem,
    team: &str,
    members: &[String],
) -> TeamDiversity {
    let figures = team_figures(problem, team, members);
    let people: Vec<&sosei_matching::Applicant> = members
        .iter()
        .filter_map(|m| problem.applicants.iter().find(|a| &a.id == m))
        .collect();
    let languages: BTreeSet<&str> = people
        .iter()
        .flat_map(|p| p.languages.iter().map(|l| l.language.as_str()))
        .collect();
    let skills: BTreeSet<&str> = people
        .iter()
        .flat_map(|p| p.skills.iter().map(String::as_str))
        .collect();
    TeamDiversity {
        level: diversity_level(figures.blau_index, members.len()),
        nationalities: figures.nationalities.len(),
        languages: languages.len(),
        skills: skills.len(),
        blau_index: figures.blau_index,
    }
}

/// 「多様性：高い（4か国、5言語、技能6種類）」.
pub(crate) fn diversity_words(locale: Locale, diversity: &TeamDiversity) -> String {
    let counts: [(&str, FluentValue<'_>); 3] = [
        ("nationalities", diversity.nationalities.into()),
        ("languages", diversity.languages.into()),
        ("skills", diversity.skills.into()),
    ];
    match diversity.level {
        Some(level) => {
            let mut args = counts.to_vec();
            args.push(("level", level.key().into()));
            t_args(locale, "matching-diversity", &args)
        }
        None => t_args(locale, "matching-diversity-too-small", &counts),
    }
}

fn method_id(method: Method) -> &'static str {
    match method {
        Method::Exact => "matching-method-exact",
        Method::LocalSearch => "matching-method-local-search",
        Method::DeferredAcceptance => "matching-method-deferred",
        Method::Greedy => "matching-method-greedy",
    }
}

pub(crate) fn method_name(ctx: &Ctx, method: Method) -> String {
    ctx.t(method_id(method))
}

fn number(value: f64) -> String {
    format!("{value:.2}")
}

/// One team as the page shows it now: its key and its members' keys.
pub(crate) struct TeamNow {
    pub key: String,
    pub members: Vec<String>,
}

/// The summary at the top of the result: the quality sentence and the headline figures in words.
pub(crate) fn summary(
    ctx: &Ctx,
    outcome: &MatchOutcome,
    problem: &MatchProblem,
    teams: &[TeamNow],
) -> Markup {
    let levels: Vec<Option<DiversityLevel>> = teams
        .iter()
        .filter(|team| !team.members.is_empty())
        .map(|team| team_diversity(problem, &team.key, &team.members).level)
        .collect();
    let count_of = |level: DiversityLevel| levels.iter().filter(|l| **l == Some(level)).count();
    let first_choice_percent = (outcome.summary.first_choice_share * 100.0).round() as u32;
    let swaps = outcome.blocking_pairs.len();
    html! {
        div class="match-summary" id="summary" {
            p class="match-quality" id="quality" { (quality_sentence(ctx.locale, outcome)) }
            ul class="match-points" {
                li { (t_args(ctx.locale, "matching-summary-placed", &[
                    ("placed", outcome.summary.placed.into()),
                    ("applicants", outcome.summary.applicants.into()),
                ])) }
                li { (t_args(ctx.locale, "matching-summary-first-choice", &[
                    ("percent", first_choice_percent.into()),
                ])) }
                @if !levels.is_empty() {
                    li { (t_args(ctx.locale, "matching-summary-diversity", &[
                        ("high", count_of(DiversityLevel::High).into()),
                        ("medium", count_of(DiversityLevel::Medium).into()),
                        ("low", count_of(DiversityLevel::Low).into()),
                    ])) }
                }
                li { (t_args(ctx.locale, "matching-summary-swaps", &[("count", swaps.into())])) }
            }
            p class="hint" id="diversity-hint" { (ctx.t("matching-diversity-hint")) }
        }
    }
}

/// The optimisation's figures, folded away, each with what it means.
pub(crate) fn figures_details(
    ctx: &Ctx,
    outcome: &MatchOutcome,
    problem: &MatchProblem,
    teams: &[TeamNow],
    labels: &Labels,
) -> Markup {
    let explained = |label: &str, value: String, explanation: Markup| {
        html! {
            dt { (ctx.t(label)) }
            dd { strong { (value) } br; span class="hint" { (explanation) } }
        }
    };
    let gap = outcome
        .gap
        .map_or_else(|| "—".to_owned(), |gap| format!("{:.2} %", gap * 100.0));
    html! {
        details class="figures-details" id="figures-details" {
            summary { (ctx.t("matching-details-summary")) }
            dl class="figures" id="figures" {
                (explained("matching-figure-method", method_name(ctx, outcome.method),
                    html! { (ctx.t(if outcome.proven_optimal { "matching-details-method-proven" } else { "matching-details-method-not-proven" })) }))
                (explained("matching-figure-objective", number(outcome.objective),
                    html! { (t_args(ctx.locale, "matching-details-objective", &[
                        ("preference", number(outcome.objective_parts.preference).into()),
                        ("skill_fit", number(outcome.objective_parts.skill_fit).into()),
                        ("diversity", number(outcome.objective_parts.diversity).into()),
                    ])) }))
                (explained("matching-figure-bound", outcome.bound.map_or_else(|| "—".to_owned(), number),
                    html! { (ctx.t("matching-details-bound")) }))
                (explained("matching-figure-gap", gap, html! { (ctx.t("matching-details-gap")) }))
                (explained("matching-figure-mean-blau", number(outcome.summary.mean_blau_index),
                    html! { (t_args(ctx.locale, "matching-details-blau", &[
                        ("high", (HIGH_DIVERSITY_SHARE * 100.0).round().into()),
                        ("medium", (MEDIUM_DIVERSITY_SHARE * 100.0).round().into()),
                    ])) }))
                (explained("matching-figure-blocking", outcome.blocking_pairs.len().to_string(),
                    html! { (ctx.t("matching-details-blocking")) }))
            }
            @let formed: Vec<&TeamNow> = teams.iter().filter(|t| !t.members.is_empty()).collect();
            @if !formed.is_empty() {
                table class="figures-table" {
                    caption { (ctx.t("matching-details-teams-caption")) }
                    thead { tr {
                        th scope="col" { (ctx.t("matching-details-column-team")) }
                        th scope="col" { (ctx.t("matching-details-column-members")) }
                        th scope="col" { (ctx.t("matching-details-column-nationalities")) }
                        th scope="col" { (ctx.t("matching-details-column-blau")) }
                    } }
                    tbody {
                        @for team in formed {
                            @let diversity = team_diversity(problem, &team.key, &team.members);
                            tr {
                                th scope="row" { (labels.team(&team.key)) }
                                td { (team.members.len()) }
                                td { (diversity.nationalities) }
                                td { (number(diversity.blau_index)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn outcome() -> MatchOutcome {
        let problem: MatchProblem = serde_json::from_value(serde_json::json!({
            "applicants": [{"id": "a1", "preferences": ["p1"]}],
            "programmes": [{"id": "p1", "dates": {"start": "2017-09-06", "end": "2017-09-09"},
                            "teams": [{"id": "t1", "min_size": 0, "max_size": 2}]}],
        }))
        .unwrap();
        sosei_matching::solve(&problem).unwrap()
    }

    #[test]
    fn the_quality_says_whether_a_better_proposal_can_exist() {
        let mut proposal = outcome();
        assert!(proposal.proven_optimal);
        assert_eq!(
            quality_sentence(Locale::Ja, &proposal),
            "この案より良い組み合わせはありません（証明済み）。"
        );
        proposal.proven_optimal = false;
        proposal.objective = 100.0;
        for (bound, expected) in [
            (Some(100.0), ProposalQuality::ProvenBest),
            (Some(100.4), ProposalQuality::NearlyBest),
            (Some(102.4), ProposalQuality::AtMostBetterBy(3)),
            (None, ProposalQuality::Unknown),
        ] {
            proposal.bound = bound;
            assert_eq!(proposal_quality(&proposal), expected, "{bound:?}");
        }
        proposal.bound = Some(102.4);
        proposal.time_limit_reached = true;
        assert_eq!(
            quality_sentence(Locale::Ja, &proposal),
            "これより良い組み合わせがあるかもしれません。あるとしても、良くなるのは最大で約3%です。計算に時間がかかったため、途中で打ち切った結果です。"
        );
        assert_eq!(
            quality_sentence(Locale::En, &proposal),
            "A better combination may exist, but it would be at most about 3% better. The computation took long and was cut short."
        );
    }

    #[test]
    fn diversity_levels_follow_the_spread_of_nationalities_for_the_team_size() {
        // Blau's index for counts per nationality.
        let blau = |counts: &[u32]| {
            let total: u32 = counts.iter().sum();
            1.0 - counts
                .iter()
                .map(|c| (f64::from(*c) / f64::from(total)).powi(2))
                .sum::<f64>()
        };
        use DiversityLevel::*;
        for (counts, expected) in [
            (&[1, 1, 1, 1][..], Some(High)),
            (&[2, 1, 1][..], Some(High)),
            (&[2, 2][..], Some(Medium)),
            (&[3, 1][..], Some(Medium)),
            (&[5, 1][..], Some(Low)),
            (&[4][..], Some(Low)),
            (&[1, 1][..], Some(High)),
            (&[1][..], None),
        ] {
            let members = counts.iter().sum::<u32>() as usize;
            assert_eq!(
                diversity_level(blau(counts), members),
                expected,
                "{counts:?}"
            );
        }
        let words = diversity_words(
            Locale::Ja,
            &TeamDiversity {
                level: Some(Medium),
                nationalities: 2,
                languages: 3,
                skills: 1,
                blau_index: 0.5,
            },
        );
        assert_eq!(words, "多様性：中程度（2か国、3言語、技能1種類）");
        let words = diversity_words(
            Locale::En,
            &TeamDiversity {
                level: Some(High),
                nationalities: 1,
                languages: 3,
                skills: 1,
                blau_index: 0.5,
            },
        );
        assert_eq!(
            words,
            "Diversity: high (1 nationality, 3 languages, 1 skill)"
        );
    }
}
