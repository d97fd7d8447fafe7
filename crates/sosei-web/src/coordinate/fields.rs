//! Form parsing for the coordinator pages. Forms arrive as name–value pairs ([`Fields`]) because
//! several of them repeat rows (needs, planned deliverables, availability) or ticked boxes under
//! one name, which plain HTML forms send without JavaScript. Each form is parsed once, here and in
//! its page's module, into `sosei-core` values.
//!
//! A core value that does not parse is recorded under its own message id (`error-*`, defined
//! once in `programme_errors.ftl`); problems only these forms have use `coordinate-error-*`.

use sosei_core::text::optional_bounded_text;
use sosei_core::{LocalizedText, Municipality, MunicipalityCode, UserFacingError};
use time::Date;
use time::macros::format_description;

use crate::error::AppError;
use crate::forms::{FormErrors, Message};
use crate::regions::found;
use crate::state::AppState;

/// A submitted form as name–value pairs, in the order sent.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(transparent)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    pub fn new() -> Self {
        Fields::default()
    }

    /// The first value sent under `name`, or `""`.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .unwrap_or_default()
    }

    /// Every value sent under `name` (ticked boxes of one group).
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Whether the box `name` with `value` was ticked.
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.all(name).any(|sent| sent == value)
    }

    /// Add a value (to show a stored record in its form).
    pub fn push(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    pub fn with(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.push(name, value);
        self
    }
}

/// Keep the parsed value, or record the coordinator pages' message for why `field` did not parse.
pub fn check<T, E: UserFacingError>(
    errors: &mut FormErrors,
    field: &'static str,
    parsed: Result<T, E>,
) -> Option<T> {
    parsed
        .map_err(|error| errors.add(field, error.message_id()))
        .ok()
}

/// A text in two languages of which at least one must be given when `required` names the
/// message for "neither".
pub fn bilingual(
    errors: &mut FormErrors,
    fields: &Fields,
    (field_ja, field_en): (&'static str, &'static str),
    max_chars: usize,
    multiline: bool,
    required: Option<&'static str>,
) -> LocalizedText {
    let ja = errors
        .check_text(
            field_ja,
            optional_bounded_text(fields.get(field_ja), max_chars, multiline),
        )
        .flatten();
    let en = errors
        .check_text(
            field_en,
            optional_bounded_text(fields.get(field_en), max_chars, multiline),
        )
        .flatten();
    let text = LocalizedText::from_options(ja, en);
    if let Some(message_id) = required
        && text.is_empty()
        && errors.get(field_ja).is_none()
        && errors.get(field_en).is_none()
    {
        errors.add(field_ja, message_id);
    }
    text
}

/// A day as `<input type="date">` sends it (`2017-09-06`; full-width digits folded), or `None`
/// for a blank field.
pub fn parse_date(raw: &str) -> Result<Option<Date>, ()> {
    let text = sosei_core::text::normalize_text(raw, false).map_err(|_| ())?;
    if text.is_empty() {
        return Ok(None);
    }
    let text = text.replace('/', "-");
    Date::parse(&text, format_description!("[year]-[month]-[day]"))
        .map(Some)
        .map_err(|_| ())
}

/// A day that must be given.
pub fn required_date(
    errors: &mut FormErrors,
    fields: &Fields,
    field: &'static str,
) -> Option<Date> {
    match parse_date(fields.get(field)) {
        Ok(Some(date)) => Some(date),
        Ok(None) => {
            errors.add(field, "coordinate-error-date-required");
            None
        }
        Err(()) => {
            errors.add(field, "coordinate-error-date");
            None
        }
    }
}

/// A day that may be left blank.
pub fn optional_date(
    errors: &mut FormErrors,
    fields: &Fields,
    field: &'static str,
) -> Option<Date> {
    parse_date(fields.get(field))
        .map_err(|()| errors.add(field, "coordinate-error-date"))
        .ok()
        .flatten()
}

/// One row number in a message ("row 2: …").
pub fn row_message(id: &'static str, row: usize, problem: &'static str) -> Message {
    Message::new(id)
        .number("row", row)
        .message("problem", Message::new(problem))
}

/// The municipality `field` names, by code (`032085`) or by name (`遠野市`, `Tono`, `とおの`)
/// when the name points at one place. A blank field is a problem too.
pub async fn region(
    state: &AppState,
    errors: &mut FormErrors,
    fields: &Fields,
    field: &'static str,
) -> Result<Option<Municipality>, AppError> {
    let raw = fields.get(field).trim();
    if raw.is_empty() {
        errors.add(field, "coordinate-error-region-required");
        return Ok(None);
    }
    let digits = sosei_core::text::normalize_text(raw, false).unwrap_or_default();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        let Some(code) = check(errors, field, MunicipalityCode::parse(&digits)) else {
            return Ok(None);
        };
        let known = found(state.store.municipality(code).await)?;
        return Ok(errors.require(field, known, "coordinate-error-region-unknown"));
    }
    let Some(query) = check(errors, field, sosei_core::SearchQuery::parse(raw)) else {
        return Ok(None);
    };
    if sosei_core::municipality::MunicipalityQuery::parse(query.as_str()).is_none() {
        errors.add(field, "coordinate-error-region-required");
        return Ok(None);
    }
    let matches = state.store.search_municipalities(&query, 20).await?;
    let exact: Vec<&Municipality> = matches
        .iter()
        .filter(|m| m.name == raw || m.name_en.eq_ignore_ascii_case(raw))
        .collect();
    let chosen = match (exact.as_slice(), matches.as_slice()) {
        ([one], _) => Some((*one).clone()),
        (_, [one]) => Some(one.clone()),
        (_, []) => {
            errors.add(field, "coordinate-error-region-unknown");
            return Ok(None);
        }
        _ => {
            errors.add(field, "coordinate-error-region-ambiguous");
            return Ok(None);
        }
    };
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_are_iso_days_with_full_width_digits_accepted() {
        assert_eq!(parse_date("2017-09-06"), Ok(Some(date!(2017 - 09 - 06))));
        assert_eq!(
            parse_date("２０１７-０９-０６"),
            Ok(Some(date!(2017 - 09 - 06)))
        );
        assert_eq!(parse_date("2017/09/06"), Ok(Some(date!(2017 - 09 - 06))));
        assert_eq!(parse_date("  "), Ok(None));
        assert_eq!(parse_date("2017-02-30"), Err(()));
        assert_eq!(parse_date("next week"), Err(()));
    }

    #[test]
    fn repeated_fields_are_all_kept() {
        let fields = Fields::new()
            .with("diet", "halal")
            .with("diet", "vegan")
            .with("name", "佐藤");
        assert_eq!(
            fields.all("diet").collect::<Vec<_>>(),
            vec!["halal", "vegan"]
        );
        assert!(fields.has("diet", "vegan"));
        assert!(!fields.has("diet", "kosher"));
        assert_eq!(fields.get("missing"), "");
    }
}
