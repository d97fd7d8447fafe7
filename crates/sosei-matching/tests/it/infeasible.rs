//! Rounds that cannot be solved say which need fails and what would help.

use sosei_matching::{
    DiagnosisSource, LanguageLevel, MatchError, MatchProblem, Need, Relaxation, Requirement,
    RuleFamily, solve,
};

fn example() -> MatchProblem {
    serde_json::from_str(include_str!("../../examples/yame-shimokawa.json")).unwrap()
}

fn diagnosis(problem: &MatchProblem) -> sosei_matching::Diagnosis {
    match solve(problem) {
        Err(MatchError::Infeasible(diagnosis)) => diagnosis,
        other => panic!("expected infeasible, got {other:?}"),
    }
}

#[test]
fn a_missing_thai_speaker_is_named() {
    let mut problem = example();
    // The only Thai speaker becomes unavailable on Yame's dates.
    let somchai = problem
        .applicants
        .iter_mut()
        .find(|a| a.id == "somchai-k")
        .unwrap();
    somchai.availability[0].start = sosei_matching::IsoDate::parse("2017-03-22").unwrap();
    let diagnosis = diagnosis(&problem);
    assert_eq!(diagnosis.source, DiagnosisSource::Counting);
    let requirement = &diagnosis.requirements[0];
    assert_eq!(requirement.team.as_deref(), Some("yame-1"));
    assert_eq!(requirement.requirement, "1 × th speaker at B1+");
    assert_eq!((requirement.required, requirement.available), (1, 0));
    assert!(
        requirement.message.contains("only 0"),
        "{}",
        requirement.message
    );
    assert!(
        requirement.relaxations.iter().any(|r| r.contains("A2")),
        "{:?}",
        requirement.relaxations
    );
    assert!(diagnosis.to_string().contains("yame-1"));
    assert!(
        matches!(
            &requirement.detail,
            Requirement::Need { need: Need::Language { language, .. }, japanese_rule: false }
                if language == "th"
        ),
        "{:?}",
        requirement.detail
    );
    assert!(requirement.fixes.contains(&Relaxation::AcceptLevel {
        level: LanguageLevel::A2
    }));
    assert_eq!(requirement.relaxations.len(), requirement.fixes.len());
}

#[test]
fn a_japanese_level_nobody_reaches_is_named_with_a_lower_level() {
    let mut problem = example();
    for programme in &mut problem.programmes {
        programme.japanese_speaker = Some(sosei_matching::JapaneseSpeakerRule {
            min_level: sosei_matching::LanguageLevel::C2,
            at_least: 2,
        });
    }
    let diagnosis = diagnosis(&problem);
    let requirement = &diagnosis.requirements[0];
    assert!(
        requirement.requirement.starts_with("Japanese-speaker rule"),
        "{requirement:?}"
    );
    assert!(requirement.relaxations.iter().any(|r| r.contains("C1")));
    assert!(matches!(
        requirement.detail,
        Requirement::Need {
            japanese_rule: true,
            ..
        }
    ));
}

#[test]
fn a_nationality_cap_too_tight_for_the_minimum_is_named() {
    let mut problem = example();
    for applicant in &mut problem.applicants {
        let nationality = if applicant.id.as_str() < "f" {
            "CN"
        } else {
            "VN"
        };
        applicant.nationalities = vec![nationality.to_owned()];
    }
    problem.locks.clear();
    let diagnosis = diagnosis(&problem);
    assert_eq!(diagnosis.source, DiagnosisSource::Counting);
    assert_eq!(diagnosis.requirements[0].team.as_deref(), Some("yame-1"));
    assert!(
        diagnosis
            .to_string()
            .contains("raise yame's nationality cap"),
        "{diagnosis}"
    );
}

#[test]
fn one_designer_wanted_by_two_programmes_is_found_by_dropping_families() {
    // Each team alone has a designer among its candidates, so counting passes; but it is the
    // same person, who can be placed once. Dropping the team needs is the cure.
    let mut problem = example();
    problem
        .applicants
        .iter_mut()
        .find(|a| a.id == "chen-yu")
        .unwrap()
        .skills = vec![];
    problem.programmes[0].teams[0]
        .needs
        .push(sosei_matching::Need::Skill {
            skill: "design".to_owned(),
            at_least: 1,
        });
    let diagnosis = diagnosis(&problem);
    let text = diagnosis.to_string();
    assert_eq!(
        diagnosis.source,
        DiagnosisSource::SolverRelaxation,
        "{text}"
    );
    assert_eq!(
        diagnosis.requirements[0].requirement, "team needs",
        "{text}"
    );
    assert!(
        matches!(
            &diagnosis.requirements[0].detail,
            Requirement::RuleFamily { family: RuleFamily::TeamNeeds, broken } if !broken.is_empty()
        ),
        "{text}"
    );
    assert_eq!(
        diagnosis.requirements[0].fixes,
        vec![Relaxation::RelaxFamily {
            family: RuleFamily::TeamNeeds
        }]
    );
}
