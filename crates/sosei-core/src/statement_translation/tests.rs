#![allow(clippy::unwrap_used)] // tests may unwrap

use super::*;
use crate::ConversationId;
use crate::deliberation::ModerationStatus;

fn statement(id: i64, text: &str) -> Statement {
    let text = StatementText::parse(text).unwrap();
    Statement {
        id: StatementId(id),
        conversation: ConversationId(1),
        author: None,
        language: text.language(),
        text,
        moderation: ModerationStatus::Accepted,
        rejection_reason: None,
        is_meta: false,
        is_seed: false,
        created_at: OffsetDateTime::UNIX_EPOCH,
    }
}

fn translation(of: &Statement, text: &str, translator: Translator) -> StatementTranslation {
    let new = NewStatementTranslation::of(of, TranslationText::parse(text).unwrap(), translator);
    StatementTranslation {
        statement: new.statement,
        language: new.language,
        text: new.text,
        translator: new.translator,
        created_at: OffsetDateTime::UNIX_EPOCH,
        updated_at: OffsetDateTime::UNIX_EPOCH,
    }
}

#[test]
fn translation_text_keeps_what_was_typed() {
    // Full-width brackets and punctuation stay as typed (no NFKC).
    assert_eq!(
        TranslationText::parse("  （火曜と金曜だけでも）？ ")
            .unwrap()
            .as_str(),
        "（火曜と金曜だけでも）？"
    );
    assert_eq!(TranslationText::parse("ＡＢＣ").unwrap().as_str(), "ＡＢＣ");
}

#[test]
fn translation_text_strips_control_and_bidi_characters() {
    assert_eq!(
        TranslationText::parse("a\u{0007}b\u{202E}c\nd")
            .unwrap()
            .as_str(),
        "abc d"
    );
    assert_eq!(
        TranslationText::parse(" \u{0000}\t "),
        Err(TranslationTextError::Empty)
    );
}

#[test]
fn translation_text_is_bounded_by_weight() {
    let longest = "a".repeat(TranslationText::MAX_WEIGHT);
    assert!(TranslationText::parse(&longest).is_ok());
    let too_long = "あ".repeat(TranslationText::MAX_WEIGHT / 2 + 1);
    assert!(matches!(
        TranslationText::parse(&too_long),
        Err(TranslationTextError::TooLong { .. })
    ));
    assert_eq!(TranslationText::parse_optional("   "), Ok(None));
}

#[test]
fn a_translation_goes_into_the_other_language() {
    let japanese = statement(1, "駅前にベンチを増やしてほしい");
    let new = NewStatementTranslation::of(
        &japanese,
        TranslationText::parse("More benches by the station").unwrap(),
        Translator::Facilitator {
            user: Some(UserId(7)),
        },
    );
    assert_eq!(new.language, Locale::En);
    assert_eq!(new.translator.kind(), TranslatorKind::Facilitator);
    assert_eq!(new.translator.user(), Some(UserId(7)));
}

#[test]
fn the_reader_sees_their_language_and_the_original_stays_at_hand() {
    let japanese = statement(1, "駅前にベンチを増やしてほしい");
    let english = statement(2, "More buses on Sundays");
    let translations = vec![translation(
        &japanese,
        "More benches by the station, please",
        Translator::Volunteer {
            entered_by: Some(UserId(3)),
        },
    )];
    match reading_for(&japanese, &translations, Locale::En) {
        StatementReading::Translated {
            translation,
            original,
            original_language,
        } => {
            assert_eq!(
                translation.text.as_str(),
                "More benches by the station, please"
            );
            assert_eq!(original, "駅前にベンチを増やしてほしい");
            assert_eq!(original_language, Locale::Ja);
        }
        other => panic!("expected the translation, got {other:?}"),
    }
    // A Japanese reader reads the original; an English statement without a translation stays
    // as written for everyone.
    assert!(matches!(
        reading_for(&japanese, &translations, Locale::Ja),
        StatementReading::Original {
            language: Locale::Ja,
            ..
        }
    ));
    assert!(matches!(
        reading_for(&english, &translations, Locale::Ja),
        StatementReading::Original {
            language: Locale::En,
            ..
        }
    ));
    assert!(!lacks_translation(&japanese, &translations));
    assert!(lacks_translation(&english, &translations));
}

#[test]
fn kinds_round_trip_and_machines_are_not_people() {
    for kind in TranslatorKind::ALL {
        assert_eq!(TranslatorKind::parse(kind.as_str()), Some(*kind));
    }
    assert!(!TranslatorKind::Machine.is_human());
    assert!(TranslatorKind::Volunteer.is_human());
    let machine = Translator::Machine {
        provider: MachineProviderName::parse(" DeepL ").unwrap(),
    };
    assert_eq!(machine.user(), None);
    assert_eq!(
        machine.machine_provider().map(|p| p.as_str()),
        Some("DeepL")
    );
    assert!(MachineProviderName::parse("").is_err());
}
