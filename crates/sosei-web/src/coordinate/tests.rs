use super::*;

#[test]
fn path_ids_must_be_positive_numbers() {
    assert_eq!(id_from_path("12").ok(), Some(12));
    for bad in ["0", "-3", "abc", "", "1.5"] {
        assert!(id_from_path(bad).is_err(), "{bad:?}");
    }
}

/// Every Fluent id built from a value (statuses, diets, kinds) and every notice key has a
/// message in both languages: a missing one would show the bare id on the page.
#[test]
fn every_generated_message_id_has_a_translation() {
    let mut ids = words::generated_message_ids();
    ids.extend(DONE_KEYS.iter().map(|key| format!("coordinate-done-{key}")));
    ids.extend(
        PROBLEM_KEYS
            .iter()
            .map(|key| format!("coordinate-problem-{key}")),
    );
    for status in sosei_core::ProgrammeStatus::ALL {
        if !status.allowed_transitions().is_empty() {
            ids.push(format!("coordinate-status-explain-{}", status.as_str()));
        }
    }
    for direction in sosei_core::programme::after::ReferenceDirection::ALL {
        let key = direction.as_str().replace('_', "-");
        ids.push(format!("coordinate-reference-{key}"));
        ids.push(format!("coordinate-direction-{key}"));
    }
    for score in
        sosei_core::application::ReviewScore::MIN..=sosei_core::application::ReviewScore::MAX
    {
        ids.push(format!("coordinate-score-{score}"));
    }
    for core_id in [
        "error-seats",
        "error-need-count",
        "error-team-size-reversed",
        "error-team-need-too-large",
        "error-team-name-missing",
        "error-beds",
        "error-web-link",
        "error-review-score",
        "error-language-code",
        "error-language-level",
        "error-language-level-jlpt",
        "error-skill-slug",
        "error-date-range",
    ] {
        ids.push(core_id.to_owned());
    }
    for locale in sosei_core::Locale::ALL {
        for id in &ids {
            // Arguments some messages need; the others ignore them.
            let args = [("host", "h".into()), ("participant", "p".into())];
            let text = crate::i18n::t_args(locale, id, &args);
            assert!(
                !text.starts_with("Unknown localization"),
                "{id} is missing in {locale:?}"
            );
        }
    }
}
