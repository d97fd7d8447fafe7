//! The matcher's structured reasons in the reader's language: why someone has no team, why an
//! applicant and a programme form a blocking pair, and what an infeasible round lacks with the
//! changes that would help. Every sentence is a Fluent message; nothing of the matcher's English
//! reaches the page.

use fluent_templates::fluent_bundle::FluentValue;
use sosei_core::Locale;
use sosei_matching::{
    BlockingPair, BlockingReason, DiagnosisSource, InfeasibleRequirement, IsoDate, Obstacle,
    Relaxation, Requirement, RuleFamily, UnplacedReason,
};

use super::problem::core_level;
use super::words::{Labels, need_words};
use crate::i18n::{format_date_range, t, t_args};
use crate::programmes::words::level_name;

type Args<'a> = Vec<(&'a str, FluentValue<'a>)>;

fn sentence_end(locale: Locale) -> &'static str {
    match locale {
        Locale::Ja => "。",
        Locale::En => ".",
    }
}

fn calendar_date(date: IsoDate) -> Option<time::Date> {
    let month = time::Month::try_from(date.month()).ok()?;
    time::Date::from_calendar_date(date.year(), month, date.day()).ok()
}

/// Why someone has no team: 「「八女」はどのチームも定員に達しています。」, one sentence per
/// programme they ranked.
pub(crate) fn unplaced_words(locale: Locale, labels: &Labels, reason: &UnplacedReason) -> String {
    let programmes = match reason {
        UnplacedReason::RankedNothing => return t(locale, "matching-unplaced-ranked-nothing"),
        UnplacedReason::NoPlace { programmes } => programmes,
    };
    let sentences: Vec<String> = programmes
        .iter()
        .map(|entry| {
            let programme = labels.programme(&entry.programme).to_owned();
            let mut args: Args = vec![("programme", programme.into())];
            let id = match &entry.obstacle {
                Obstacle::Excluded => "matching-unplaced-excluded",
                Obstacle::NotAvailable { dates } => {
                    let range = match (calendar_date(dates.start), calendar_date(dates.end)) {
                        (Some(start), Some(end)) => format_date_range(locale, start, end),
                        _ => format!("{} – {}", dates.start, dates.end),
                    };
                    args.push(("dates", range.into()));
                    "matching-unplaced-dates"
                }
                Obstacle::NoTeams => "matching-unplaced-no-teams",
                Obstacle::LockedElsewhere => "matching-unplaced-locked-elsewhere",
                Obstacle::TeamsFull => "matching-unplaced-full",
                Obstacle::NationalityCap { teams } => {
                    let names: Vec<&str> = teams.iter().map(|team| labels.team(team)).collect();
                    let list =
                        crate::i18n::format_list(locale, crate::i18n::ListStyle::And, &names);
                    args.push(("teams", list.into()));
                    "matching-unplaced-cap"
                }
                Obstacle::OtherRules => "matching-unplaced-other",
            };
            format!("{}{}", t_args(locale, id, &args), sentence_end(locale))
        })
        .collect();
    sentences.join(match locale {
        Locale::Ja => "",
        Locale::En => " ",
    })
}

/// Why a pair blocks: who wants what, with their current placement, and why the programme would
/// take them.
pub(crate) fn blocking_words(locale: Locale, labels: &Labels, pair: &BlockingPair) -> String {
    let mut args: Args = vec![
        ("person", labels.person(&pair.applicant).to_owned().into()),
        (
            "programme",
            labels.programme(&pair.programme).to_owned().into(),
        ),
        ("rank", pair.rank.into()),
    ];
    // Outcomes stored before pairs named their team have none: name the programme instead.
    let team = if pair.team.is_empty() {
        labels.programme(&pair.programme)
    } else {
        labels.team(&pair.team)
    };
    args.push(("team", team.to_owned().into()));
    if let Some(placed) = pair.placement_rank {
        args.push(("placed", placed.into()));
    }
    let placed = if pair.placement_rank.is_some() {
        "placed"
    } else {
        "unplaced"
    };
    let id = match &pair.reason {
        BlockingReason::FreeSeat => format!("matching-blocking-free-seat-{placed}"),
        BlockingReason::RanksAbove { displaced } => {
            args.push(("displaced", labels.person(displaced).to_owned().into()));
            format!("matching-blocking-ranks-above-{placed}")
        }
    };
    t_args(locale, &id, &args)
}

/// One unmet requirement of an infeasible round, in words.
pub(crate) struct RequirementWords {
    pub sentence: String,
    pub relaxations: Vec<String>,
}

fn family_name(locale: Locale, family: RuleFamily) -> String {
    t(
        locale,
        match family {
            RuleFamily::TeamNeeds => "matching-family-team-needs",
            RuleFamily::JapaneseSpeakerRule => "matching-family-japanese-rule",
            RuleFamily::NationalityCaps => "matching-family-nationality-caps",
            RuleFamily::MinSizes => "matching-family-min-sizes",
        },
    )
}

/// The diagnosis of one requirement in the reader's language. `source` says whether the figures
/// are a count of the candidates or what the search reached.
pub(crate) fn requirement_words(
    locale: Locale,
    labels: &Labels,
    source: DiagnosisSource,
    requirement: &InfeasibleRequirement,
) -> RequirementWords {
    let team = requirement
        .team
        .as_deref()
        .map(|team| labels.team(team).to_owned())
        .unwrap_or_default();
    let programme = requirement
        .programme
        .as_deref()
        .map(|p| labels.programme(p).to_owned())
        .unwrap_or_default();
    let searched = source == DiagnosisSource::Heuristic;
    let mut args: Args = vec![
        ("team", team.into()),
        ("programme", programme.into()),
        ("required", requirement.required.into()),
        ("available", requirement.available.into()),
    ];
    let id = match &requirement.detail {
        Requirement::MinSize { .. } if searched => "matching-diagnosis-min-size-searched",
        Requirement::MinSize { .. } => "matching-diagnosis-min-size",
        Requirement::MinSizeUnderCap { cap, .. } => {
            args.push(("cap", (*cap).into()));
            "matching-diagnosis-min-size-cap"
        }
        Requirement::Need {
            need,
            japanese_rule,
        } => {
            args.push((
                "need",
                need_words(locale, &labels.skills, need, *japanese_rule).into(),
            ));
            if searched {
                "matching-diagnosis-need-searched"
            } else {
                "matching-diagnosis-need"
            }
        }
        Requirement::TooManyLocked { locked, .. } => {
            args.push(("locked", (*locked).into()));
            "matching-diagnosis-too-many-locked"
        }
        Requirement::ProgrammeMinSizes { .. } => "matching-diagnosis-programme-min-sizes",
        Requirement::ProgrammeNeed { need } => {
            args.push((
                "need",
                need_words(locale, &labels.skills, need, false).into(),
            ));
            "matching-diagnosis-programme-need"
        }
        Requirement::LockNotAvailable { applicant, team } => {
            args.push(("person", labels.person(applicant).to_owned().into()));
            args.push(("locked_team", labels.team(team).to_owned().into()));
            "matching-diagnosis-lock-dates"
        }
        Requirement::LockExcluded { applicant } => {
            args.push(("person", labels.person(applicant).to_owned().into()));
            "matching-diagnosis-lock-excluded"
        }
        Requirement::LockConflict {
            applicant,
            team,
            other_team,
        } => {
            args.push(("person", labels.person(applicant).to_owned().into()));
            args.push(("locked_team", labels.team(team).to_owned().into()));
            args.push(("other_team", labels.team(other_team).to_owned().into()));
            "matching-diagnosis-lock-conflict"
        }
        Requirement::RuleFamily { family, .. } => {
            args.push(("family", family_name(locale, *family).into()));
            "matching-diagnosis-family"
        }
        Requirement::Combination => "matching-diagnosis-combination",
    };
    RequirementWords {
        sentence: t_args(locale, id, &args),
        relaxations: requirement
            .fixes
            .iter()
            .map(|fix| relaxation_words(locale, labels, fix))
            .collect(),
    }
}

fn relaxation_words(locale: Locale, labels: &Labels, fix: &Relaxation) -> String {
    let programme = |p: &str| -> FluentValue<'static> { labels.programme(p).to_owned().into() };
    let team = |t: &str| -> FluentValue<'static> { labels.team(t).to_owned().into() };
    let (id, args): (&str, Args) = match fix {
        Relaxation::LowerMinSize { team: t, to } => (
            "matching-relax-lower-min-size",
            vec![("team", team(t)), ("to", (*to).into())],
        ),
        Relaxation::RaiseNationalityCap { programme: p } => (
            "matching-relax-raise-cap",
            vec![("programme", programme(p))],
        ),
        Relaxation::LowerCount { to } => ("matching-relax-lower-count", vec![("to", (*to).into())]),
        Relaxation::AcceptLevel { level } => (
            "matching-relax-lower-level",
            vec![("level", level_name(locale, core_level(*level)).into())],
        ),
        Relaxation::InviteApplicants { programme: p } => {
            ("matching-relax-invite", vec![("programme", programme(p))])
        }
        Relaxation::RaiseMaxSize { team: t } => {
            ("matching-relax-raise-max-size", vec![("team", team(t))])
        }
        Relaxation::RemoveLock { applicant: None } => ("matching-relax-remove-a-lock", vec![]),
        Relaxation::RemoveLock {
            applicant: Some(who),
        } => (
            "matching-relax-remove-lock-of",
            vec![("person", labels.person(who).to_owned().into())],
        ),
        Relaxation::LowerProgrammeMinSizes { programme: p } => (
            "matching-relax-lower-programme-min-sizes",
            vec![("programme", programme(p))],
        ),
        Relaxation::FewerTeams { programme: p } => (
            "matching-relax-fewer-teams",
            vec![("programme", programme(p))],
        ),
        Relaxation::LowerProgrammeCounts { to } => (
            "matching-relax-lower-programme-counts",
            vec![("to", (*to).into())],
        ),
        Relaxation::RelaxFamily { family } => (
            match family {
                RuleFamily::TeamNeeds => "matching-relax-family-team-needs",
                RuleFamily::JapaneseSpeakerRule => "matching-relax-family-japanese-rule",
                RuleFamily::NationalityCaps => "matching-relax-family-nationality-caps",
                RuleFamily::MinSizes => "matching-relax-family-min-sizes",
            },
            vec![],
        ),
        Relaxation::RelaxSeveralFamilies => ("matching-relax-several-families", vec![]),
    };
    t_args(locale, id, &args)
}
