//! Every UI string in Japanese and English, from the Fluent files in `locales/`.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use sosei_core::Locale;
use time::Date;
use unic_langid::langid;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "ja",
        // Without this every interpolated value is wrapped in invisible bidi isolation marks.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static JA: LanguageIdentifier = langid!("ja");
static EN: LanguageIdentifier = langid!("en");

fn language(locale: Locale) -> &'static LanguageIdentifier {
    match locale {
        Locale::Ja => &JA,
        Locale::En => &EN,
    }
}

/// The message `id` in `locale`.
pub fn t(locale: Locale, id: &str) -> String {
    LOCALES.lookup(language(locale), id)
}

/// The message `id` in `locale` with named arguments.
pub fn t_args(locale: Locale, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(name, value)| (Cow::Owned((*name).to_owned()), value.clone()))
        .collect();
    LOCALES.lookup_with_args(language(locale), id, &map)
}

/// How the items of a list are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    /// 「タイ語、日本語」, "Thai, Japanese": a plain enumeration (tags, languages, countries).
    Plain,
    /// 「A、B、C」, "A, B, and C": all of them.
    And,
    /// 「A、B、またはC」, "A, B, or C": one of them.
    Or,
}

/// `items` as one phrase in `locale`: Japanese joins with 「、」, English with ", " and "and" or
/// "or" before the last item (the patterns are the `wording-list-*` messages).
pub fn format_list<S: AsRef<str>>(locale: Locale, list_style: ListStyle, items: &[S]) -> String {
    let separator = t(locale, "wording-list-separator");
    let joined = |items: &[S]| {
        items
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(&separator)
    };
    let (pair_id, end_id) = match list_style {
        ListStyle::Plain => return joined(items),
        ListStyle::And => ("wording-list-and-pair", "wording-list-and-end"),
        ListStyle::Or => ("wording-list-or-pair", "wording-list-or-end"),
    };
    match items {
        [] => String::new(),
        [only] => only.as_ref().to_owned(),
        [first, second] => t_args(
            locale,
            pair_id,
            &[
                ("first", first.as_ref().into()),
                ("second", second.as_ref().into()),
            ],
        ),
        [rest @ .., last] => t_args(
            locale,
            end_id,
            &[
                ("rest", joined(rest).into()),
                ("last", last.as_ref().into()),
            ],
        ),
    }
}

/// A date as people write it: `2017年3月3日` or `3 March 2017`.
pub fn format_date(locale: Locale, date: Date) -> String {
    match locale {
        Locale::Ja => format!(
            "{}年{}月{}日",
            date.year(),
            u8::from(date.month()),
            date.day()
        ),
        Locale::En => format!("{} {} {}", date.day(), date.month(), date.year()),
    }
}

/// A date range, written once when both ends are in the same month or year where it reads well.
pub fn format_date_range(locale: Locale, start: Date, end: Date) -> String {
    format!(
        "{} – {}",
        format_date(locale, start),
        format_date(locale, end)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn english_counts_on_the_matching_page_agree_with_their_number() {
        let one = |id: &str, name: &str| t_args(Locale::En, id, &[(name, 1.into())]);
        assert_eq!(
            one("matching-explain-nationalities", "count"),
            "1 nationality in the team"
        );
        let shortage = t_args(
            Locale::En,
            "matching-diagnosis-need",
            &[
                ("team", "A".into()),
                ("need", "Thai".into()),
                ("available", 1.into()),
            ],
        );
        assert!(
            shortage.ends_with("only 1 applicant meets it."),
            "{shortage}"
        );
        let offers = t_args(
            Locale::En,
            "matching-done-offers",
            &[("sent", 1.into()), ("not_sent", 2.into())],
        );
        assert_eq!(offers, "1 offer sent; 2 applications not offered.");
    }

    #[test]
    fn lists_are_joined_per_locale() {
        use ListStyle::*;
        let three = ["タイ語（ネイティブ）", "日本語（N2）", "英語（B2）"];
        assert_eq!(
            format_list(Locale::Ja, Plain, &three),
            "タイ語（ネイティブ）、日本語（N2）、英語（B2）"
        );
        assert_eq!(format_list(Locale::Ja, And, &["A", "B", "C"]), "A、B、C");
        assert_eq!(format_list(Locale::Ja, Or, &["A", "B"]), "AまたはB");
        assert_eq!(
            format_list(Locale::Ja, Or, &["A", "B", "C"]),
            "A、B、またはC"
        );
        assert_eq!(
            format_list(Locale::En, Plain, &["Thai", "Japanese"]),
            "Thai, Japanese"
        );
        assert_eq!(
            format_list(Locale::En, And, &["Thai", "Japanese"]),
            "Thai and Japanese"
        );
        assert_eq!(
            format_list(Locale::En, And, &["Thai", "Japanese", "English"]),
            "Thai, Japanese, and English"
        );
        assert_eq!(format_list(Locale::En, Or, &["A", "B"]), "A or B");
        assert_eq!(
            format_list(Locale::En, Or, &["A", "B", "C", "D"]),
            "A, B, C, or D"
        );
        assert_eq!(format_list(Locale::En, And, &["one"]), "one");
        assert_eq!(format_list::<&str>(Locale::En, And, &[]), "");
    }

    #[test]
    fn dates_are_written_per_locale() {
        assert_eq!(
            format_date(Locale::Ja, date!(2017 - 03 - 03)),
            "2017年3月3日"
        );
        assert_eq!(
            format_date(Locale::En, date!(2017 - 03 - 03)),
            "3 March 2017"
        );
    }

    fn message_ids(source: &str) -> std::collections::BTreeSet<String> {
        source
            .lines()
            .filter(|line| {
                line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && line.contains('=')
            })
            .filter_map(|line| line.split('=').next().map(|id| id.trim().to_owned()))
            .collect()
    }

    fn all_message_ids(language: &str) -> std::collections::BTreeSet<String> {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(language);
        let mut ids = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(folder).expect("locales folder") {
            let path = entry.expect("locales entry").path();
            if path.extension().is_some_and(|e| e == "ftl") {
                ids.extend(message_ids(
                    &std::fs::read_to_string(path).expect("readable ftl"),
                ));
            }
        }
        ids
    }

    #[test]
    fn japanese_and_english_have_the_same_messages() {
        let ja = all_message_ids("ja");
        let en = all_message_ids("en");
        let only_ja: Vec<_> = ja.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&ja).collect();
        assert!(only_ja.is_empty(), "only in Japanese: {only_ja:?}");
        assert!(only_en.is_empty(), "only in English: {only_en:?}");
        assert!(ja.len() > 20);
    }

    /// Every message id the core's errors name (`"error-…"` in sosei-core's sources) exists, so
    /// a page that shows `error.message_id()` never shows a bare id.
    #[test]
    fn every_core_error_id_has_a_message() {
        let core = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../sosei-core/src");
        let mut sources = Vec::new();
        let mut folders = vec![core];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).expect("core sources") {
                let path = entry.expect("core entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    sources.push(std::fs::read_to_string(path).expect("readable source"));
                }
            }
        }
        let mut core_ids = std::collections::BTreeSet::new();
        for source in &sources {
            for piece in source.split('"').skip(1).step_by(2) {
                let is_id = piece.starts_with("error-")
                    && piece.len() > 6
                    && piece
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if is_id {
                    core_ids.insert(piece.to_owned());
                }
            }
        }
        assert!(
            core_ids.len() > 20,
            "found {} core error ids",
            core_ids.len()
        );
        let ja = all_message_ids("ja");
        let missing: Vec<_> = core_ids.iter().filter(|id| !ja.contains(*id)).collect();
        assert!(
            missing.is_empty(),
            "core error ids without a message: {missing:?}"
        );
    }

    #[test]
    fn interpolation_has_no_bidi_marks() {
        let text = t_args(Locale::En, "footer-licence", &[("year", 2026.into())]);
        assert!(!text.contains('\u{2068}'), "{text:?}");
    }
}
