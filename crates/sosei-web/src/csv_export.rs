//! The one writer of every CSV file the site offers (the report's statements, the coordinator's
//! applications and teams), so each gets the same protections.
//!
//! UTF-8 with a byte-order mark (without it Excel on Japanese Windows reads the file as Shift_JIS
//! and shows mojibake), CRLF line ends (RFC 4180), every field that is not a number quoted, and
//! every cell made inert: a text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
//! tab or carriage return first, or their full-width forms) gets a leading apostrophe, as OWASP
//! advises against CSV injection. A participant named `=HYPERLINK(…)` stays a name.

use std::borrow::Cow;

use crate::error::AppError;

/// The UTF-8 byte-order mark.
pub const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// What a spreadsheet treats as the start of a formula.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// `text` as a cell a spreadsheet shows and never runs. A plain number (`-3`, `12.5`) is left as
/// it is, so it still sorts and sums as a number.
pub fn inert_cell(text: &str) -> Cow<'_, str> {
    let is_plain_number = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
        && text.parse::<f64>().is_ok();
    if !is_plain_number && text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `rows` as a CSV file: the byte-order mark, a header row, then one line per row; every cell
/// through [`inert_cell`].
pub fn csv_file(header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::NonNumeric)
        .terminator(csv::Terminator::CRLF)
        .from_writer(BYTE_ORDER_MARK.to_vec());
    for record in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        writer
            .write_record(record.iter().map(|cell| inert_cell(cell).into_owned()))
            .map_err(anyhow::Error::from)?;
    }
    writer
        .into_inner()
        .map_err(|error| AppError::Internal(anyhow::anyhow!("failed to finish the csv: {error}")))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_numbers_left_alone() {
        assert_eq!(inert_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert_cell("-1 は少ない"), "'-1 は少ない");
        assert_eq!(inert_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert_cell("\tcmd"), "'\tcmd");
        assert_eq!(inert_cell("＝1+1"), "'＝1+1");
        assert_eq!(
            inert_cell("-2+3+cmd|' /C calc'!A0"),
            "'-2+3+cmd|' /C calc'!A0"
        );
        assert_eq!(inert_cell("-3"), "-3");
        assert_eq!(inert_cell("12.5"), "12.5");
        assert_eq!(inert_cell("遠野"), "遠野");
        assert_eq!(inert_cell(""), "");
    }

    #[test]
    fn the_file_starts_with_a_bom_quotes_text_and_ends_lines_with_crlf() {
        let bytes = csv_file(
            &["名前".to_owned(), "n".to_owned()],
            &[vec!["a, \"b\"\nc".to_owned(), "7".to_owned()]],
        )
        .unwrap();
        assert!(bytes.starts_with(BYTE_ORDER_MARK));
        let text = String::from_utf8(bytes[BYTE_ORDER_MARK.len()..].to_vec()).unwrap();
        assert_eq!(text, "\"名前\",\"n\"\r\n\"a, \"\"b\"\"\nc\",7\r\n");
    }
}
