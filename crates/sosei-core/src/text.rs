//! Free text as people type it: normalised once (NFKC, so full-width letters and digits become
//! ordinary ones and half-width katakana become full-width), trimmed, and counted in characters
//! (Unicode scalar values), which suits Japanese and English alike.

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

/// NFKC-normalise and trim `raw`. Line breaks are kept (as `\n`) when `multiline`, other control
/// characters are rejected.
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

/// Normalise `raw` and require between 1 and `max_chars` characters.
pub fn bounded_text(raw: &str, max_chars: usize, multiline: bool) -> Result<String, TextError> {
    let text = normalize_text(raw, multiline)?;
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
    fn full_width_input_is_folded_and_trimmed() {
        assert_eq!(normalize_text("　ＡＢＣ１２３　", false).unwrap(), "ABC123");
        assert_eq!(normalize_text("ｿｳｾｲ", false).unwrap(), "ソウセイ");
    }

    #[test]
    fn japanese_is_counted_in_characters() {
        assert!(bounded_text("地方創生", 4, false).is_ok());
        assert_eq!(
            bounded_text("地方創生だ", 4, false),
            Err(TextError::TooLong { max: 4, actual: 5 })
        );
    }

    #[test]
    fn control_characters_are_rejected_but_newlines_kept_when_multiline() {
        assert_eq!(
            normalize_text("a\u{0007}b", true),
            Err(TextError::ControlCharacters)
        );
        assert_eq!(normalize_text("a\r\nb", true).unwrap(), "a\nb");
        assert_eq!(
            normalize_text("a\nb", false),
            Err(TextError::ControlCharacters)
        );
    }

    #[test]
    fn blank_optional_text_is_none() {
        assert_eq!(optional_bounded_text("  ", 10, false), Ok(None));
    }
}
