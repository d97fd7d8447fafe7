use time::macros::date;

use super::team::{NeedCount, NewTeam, TeamError, TeamNeed, TeamSize};
use super::*;
use crate::{LanguageCode, SkillSlug};

fn programme(status: ProgrammeStatus, window: Option<DateRange>) -> Programme {
    Programme {
        id: ProgrammeId(1),
        organisation: OrganisationId(1),
        region: MunicipalityCode::parse("032085").expect("a valid test value"),
        title: LocalizedText::new("遠野", "Tono"),
        summary: LocalizedText::default(),
        starts_on: date!(2017 - 09 - 06),
        ends_on: date!(2017 - 09 - 09),
        status,
        details: ProgrammeDetails {
            application_window: window,
            ..ProgrammeDetails::default()
        },
    }
}

fn count(n: u8) -> NeedCount {
    NeedCount::new(n).expect("a valid test value")
}

#[test]
fn programme_statuses_move_forward_only_as_allowed() {
    use ProgrammeStatus::*;
    assert!(Draft.can_become(Open));
    assert!(Open.can_become(Closed));
    assert!(Closed.can_become(Open), "applications can be reopened");
    assert!(Closed.can_become(Running));
    assert!(Running.can_become(Completed));
    assert!(Completed.allowed_transitions().is_empty());
    assert!(!Draft.can_become(Running));
    assert!(!Open.can_become(Running), "close applications first");
    assert!(!Running.can_become(Open));
    assert!(!Completed.can_become(Draft));
    for status in ProgrammeStatus::ALL {
        assert!(!status.can_become(*status));
        assert_eq!(ProgrammeStatus::parse(status.as_str()), Some(*status));
    }
    assert!(!Draft.is_public() && Open.is_public());
}

#[test]
fn applications_need_an_open_programme_inside_its_window() {
    let window = DateRange::new(date!(2017 - 07 - 01), date!(2017 - 07 - 31)).ok();
    let open = programme(ProgrammeStatus::Open, window);
    assert!(open.accepts_applications(date!(2017 - 07 - 31)));
    assert!(!open.accepts_applications(date!(2017 - 08 - 01)));
    assert!(!open.accepts_applications(date!(2017 - 06 - 30)));
    let no_window = programme(ProgrammeStatus::Open, None);
    assert!(no_window.accepts_applications(date!(2030 - 01 - 01)));
    let closed = programme(ProgrammeStatus::Closed, window);
    assert!(!closed.accepts_applications(date!(2017 - 07 - 15)));
}

#[test]
fn seats_and_counts_parse_full_width_digits() {
    assert_eq!(Seats::parse("１２").expect("a valid test value").get(), 12);
    assert!(Seats::parse("0").is_err());
    assert!(Seats::parse("1001").is_err());
    assert_eq!(NeedCount::parse("２").expect("a valid test value").get(), 2);
    assert!(NeedCount::parse("51").is_err());
}

#[test]
fn the_japanese_speaker_rule_defaults_to_n2() {
    let rule = JapaneseSpeakerRule::default();
    assert_eq!(rule.minimum_level, LanguageLevel::N2);
    assert_eq!(rule.at_least_per_team.get(), 1);
}

#[test]
fn teams_check_their_sizes_and_needs() {
    assert_eq!(
        TeamSize::new(count(5), count(3)),
        Err(TeamError::SizeReversed { min: 5, max: 3 })
    );
    let size = TeamSize::new(count(3), count(5)).expect("a valid test value");
    let designers = TeamNeed::Skill {
        skill: SkillSlug::parse("graphic-design").expect("a valid test value"),
        at_least: count(2),
    };
    let thai = TeamNeed::Language {
        language: LanguageCode::parse("th").expect("a valid test value"),
        minimum_level: LanguageLevel::B1,
        at_least: count(1),
    };
    let team = NewTeam::new(
        LocalizedText::new("チームA", "Team A"),
        size,
        Some(count(2)),
        vec![designers.clone(), thai.clone(), designers.clone()],
    )
    .expect("a valid test value");
    assert_eq!(team.needs(), &[designers, thai.clone()], "repeats dropped");
    assert_eq!(
        NewTeam::new(
            LocalizedText::new("B", "B"),
            size,
            None,
            vec![TeamNeed::Skill {
                skill: SkillSlug::parse("web").expect("a valid test value"),
                at_least: count(6)
            }]
        ),
        Err(TeamError::NeedLargerThanTeam { asked: 6, max: 5 })
    );
    assert_eq!(
        NewTeam::new(LocalizedText::default(), size, None, vec![thai]),
        Err(TeamError::MissingName)
    );
    assert!(serde_json::from_str::<TeamSize>(r#"{"min":4,"max":2}"#).is_err());
}
