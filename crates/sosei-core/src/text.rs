//! Free text as people type it, and the keys it is compared by.
//!
//! What a person wrote is kept as they wrote it: a resident's `（火曜と金曜だけでも）？` is shown,
//! stored and reported with its full-width brackets. [`clean_text`] only trims the ends, turns
//! `\r\n` and `\r` into `\n`, and removes characters that are invisible and can only do harm:
//!
//! - C0 and C1 control characters and DEL (U+0000–U+001F, U+007F–U+009F), except that a
//!   multi-line text keeps its line breaks (`\n`) and tabs; in a single-line text a line break
//!   or a tab becomes a space, since it is almost always a pasted line end.
//! - Bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069),
//!   which can make a statement display in an order other than the one stored.
//! - Zero-width spaces and byte-order marks (U+200B, U+2060, U+FEFF) and the line and paragraph
//!   separators U+2028 and U+2029 (made line breaks or spaces like `\n`).
//!
//! Zero-width joiners (U+200C, U+200D: emoji sequences) and variation selectors (the ideographic
//! variants of names such as 葛󠄀) are kept. Nothing is normalised, not even to NFC: NFC would
//! replace CJK compatibility ideographs that people use in names.
//!
//! Lengths are counted in characters (Unicode scalar values) of the kept text, which suits
//! Japanese and English alike.
//!
//! Comparisons use keys instead: [`comparison_key`] (NFKC, lower case, spaces collapsed) for
//! searching and matching names, the deliberation's `duplicate_key` for near-duplicate
//! statements; [`normalize_text`] (NFKC) parses codes and numbers, where `ＪＰ` and `１２`
//! mean `JP` and `12` and nothing is shown back as typed.

use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("the text is empty")]
    Empty,
    #[error("the text is {actual} characters long; at most {max} are allowed")]
    TooLong { max: usize, actual: usize },
    #[error("the text contains control characters")]
    ControlCharacters,
}

impl crate::UserFacingError for TextError {
    fn message_id(&self) -> &'static str {
        match self {
            TextError::Empty => "error-text-empty",
            TextError::TooLong { .. } => "error-text-too-long",
            TextError::ControlCharacters => "error-text-control",
        }
    }
}

/// Whether `c` is removed from kept text (see the module docs).
fn is_removed_character(c: char) -> bool {
    matches!(c,
        '\u{0000}'..='\u{001F}' | '\u{007F}'..='\u{009F}'
        | '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// What a person typed, kept: trimmed, line ends unified, invisible control and formatting
/// characters removed (see the module docs). Line breaks and tabs are kept when `multiline`
/// and become spaces otherwise. Never changes a visible character.
pub fn clean_text(raw: &str, multiline: bool) -> String {
    let unified = raw
        .replace("\r\n", "\n")
        .replace(['\r', '\u{2028}', '\u{2029}'], "\n");
    let kept: String = unified
        .chars()
        .filter_map(|c| match c {
            '\n' | '\t' if multiline => Some(c),
            '\n' | '\t' => Some(' '),
            c if is_removed_character(c) => None,
            c => Some(c),
        })
        .collect();
    kept.trim().to_owned()
}

/// The key two texts are compared by when searching or matching names: NFKC (full-width letters
/// and digits become ordinary ones, half-width katakana full-width), lower case, runs of
/// whitespace (the ideographic space too) collapsed to one space. Never shown or stored as the
/// text itself.
pub fn comparison_key(text: &str) -> String {
    let folded = clean_text(text, false)
        .nfkc()
        .collect::<String>()
        .to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// NFKC-normalise and trim `raw`, for parsing codes, numbers, slugs and addresses (where `ＪＰ`,
/// `１２` and `ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ` mean the ASCII ones), never for text that is
/// shown back as written (use [`clean_text`] or [`bounded_text`]). Line breaks are kept (as
/// `\n`) when `multiline`, other control characters are rejected.
pub fn normalize_text(raw: &str, multiline: bool) -> Result<String, TextError> {
    let unified = raw.replace("\r\n", "\n").replace('\r', "\n");
    let normalized: String = unified.nfkc().collect();
    let trimmed = normalized.trim();
    if trimmed
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t')))
    {
        return Err(TextError::ControlCharacters);
    }
    Ok(trimmed.to_owned())
}

/// A typed web address with its scheme and host NFKC-folded (`ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ`
/// is `https://example.jp`) up to the slash that ends the host (the third), and the rest kept as
/// written (a path such as `/報告書（案）.pdf` would break if folded).
pub fn fold_scheme_and_host(link: &str) -> String {
    let mut folded = String::with_capacity(link.len());
    let mut slashes = 0;
    for (index, c) in link.char_indices() {
        if slashes == 3 {
            folded.push_str(&link[index..]);
            break;
        }
        let before = folded.len();
        folded.extend(std::iter::once(c).nfkc());
        slashes += folded[before..].matches('/').count();
    }
    folded
}

/// Clean `raw` (see [`clean_text`]) and require between 1 and `max_chars` characters of what is
/// kept.
pub fn bounded_text(raw: &str, max_chars: usize, multiline: bool) -> Result<String, TextError> {
    let text = clean_text(raw, multiline);
    let actual = text.chars().count();
    if actual == 0 {
        return Err(TextError::Empty);
    }
    if actual > max_chars {
        return Err(TextError::TooLong {
            max: max_chars,
            actual,
        });
    }
    Ok(text)
}

/// Like [`bounded_text`] but an empty input is `None`.
pub fn optional_bounded_text(
    raw: &str,
    max_chars: usize,
    multiline: bool,
) -> Result<Option<String>, TextError> {
    match bounded_text(raw, max_chars, multiline) {
        Ok(text) => Ok(Some(text)),
        Err(TextError::Empty) => Ok(None),
        Err(other) => Err(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_text_is_kept_as_typed() {
        assert_eq!(
            bounded_text("（火曜と金曜だけでも）？", 50, false).expect("a valid test value"),
            "（火曜と金曜だけでも）？"
        );
        assert_eq!(
            clean_text("ＡＢＣ１２３　ｿｳｾｲ", false),
            "ＡＢＣ１２３　ｿｳｾｲ"
        );
        // A CJK compatibility ideograph (which NFC would replace) stays.
        assert_eq!(clean_text("\u{F9DC}", false), "\u{F9DC}");
    }

    #[test]
    fn ends_are_trimmed_including_ideographic_spaces() {
        assert_eq!(clean_text("　 ＡＢＣ　\n", false), "ＡＢＣ");
    }

    #[test]
    fn control_and_bidi_characters_are_removed() {
        assert_eq!(clean_text("a\u{0007}b\u{0000}c\u{009B}d", false), "abcd");
        assert_eq!(
            clean_text("\u{202E}evil\u{202C}\u{2066}x\u{2069}", false),
            "evilx"
        );
        assert_eq!(clean_text("\u{FEFF}zero\u{200B}width", false), "zerowidth");
    }

    #[test]
    fn joiners_and_variation_selectors_are_kept() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(clean_text(family, false), family);
        let ivs = "\u{845B}\u{E0100}";
        assert_eq!(clean_text(ivs, false), ivs);
    }

    #[test]
    fn line_breaks_are_kept_when_multiline_and_become_spaces_otherwise() {
        assert_eq!(clean_text("a\r\nb\rc\td", true), "a\nb\nc\td");
        assert_eq!(clean_text("a\nb\tc", false), "a b c");
        assert_eq!(clean_text("a\u{2028}b", true), "a\nb");
    }

    #[test]
    fn lengths_count_characters_of_the_kept_text() {
        assert!(bounded_text("地方創生", 4, false).is_ok());
        assert_eq!(
            bounded_text("地方創生だ", 4, false),
            Err(TextError::TooLong { max: 4, actual: 5 })
        );
        // Full-width forms are one character each, as typed.
        assert!(bounded_text("（ＡＢ）", 4, false).is_ok());
        // Removed characters do not count.
        assert!(bounded_text("ab\u{200B}\u{200B}cd", 4, false).is_ok());
        assert_eq!(
            bounded_text("\u{0007}\u{200B}", 4, false),
            Err(TextError::Empty)
        );
    }

    #[test]
    fn comparison_keys_fold_width_case_and_spaces() {
        assert_eq!(
            comparison_key("（火曜と金曜だけでも）？"),
            comparison_key("(火曜と金曜だけでも)?")
        );
        assert_eq!(comparison_key("ＴＯＮＯ　 Ｃｉｔｙ"), "tono city");
        assert_eq!(comparison_key("ｿｳｾｲ"), comparison_key("ソウセイ"));
        assert_ne!(comparison_key("火曜"), comparison_key("金曜"));
    }

    #[test]
    fn codes_are_still_normalised() {
        assert_eq!(
            normalize_text("　ＡＢＣ１２３　", false).expect("a valid test value"),
            "ABC123"
        );
        assert_eq!(
            normalize_text("ｿｳｾｲ", false).expect("a valid test value"),
            "ソウセイ"
        );
        assert_eq!(
            normalize_text("a\u{0007}b", true),
            Err(TextError::ControlCharacters)
        );
        assert_eq!(
            normalize_text("a\r\nb", true).expect("a valid test value"),
            "a\nb"
        );
    }

    #[test]
    fn links_fold_their_scheme_and_host_only() {
        assert_eq!(
            fold_scheme_and_host("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ/報告書（案）.pdf"),
            "https://example.jp/報告書（案）.pdf"
        );
        assert_eq!(
            fold_scheme_and_host("https://example.jp"),
            "https://example.jp"
        );
    }

    #[test]
    fn blank_optional_text_is_none() {
        assert_eq!(optional_bounded_text("  ", 10, false), Ok(None));
        assert_eq!(optional_bounded_text("\u{200B}", 10, false), Ok(None));
    }
}
