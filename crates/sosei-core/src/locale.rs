//! The two languages of the interface and bilingual user-written content.

use serde::{Deserialize, Serialize};

/// A language of the interface. Japanese is the default: Sosei is for Japanese towns first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Ja,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Ja, Locale::En];

    /// The BCP 47 tag, also used in URLs, cookies and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Ja => "ja",
            Locale::En => "en",
        }
    }

    /// The other language (for fallbacks and the language switcher).
    pub fn other(self) -> Locale {
        match self {
            Locale::Ja => Locale::En,
            Locale::En => Locale::Ja,
        }
    }

    /// Parse a tag such as `ja`, `ja-JP`, `EN_us`; anything else is `None`.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Locale::Ja),
            "en" => Some(Locale::En),
            _ => None,
        }
    }

    /// Pick the best supported language from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut best: Option<(f32, usize, Locale)> = None;
        for (position, part) in header.split(',').enumerate() {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let Some(locale) = Locale::parse(tag) else {
                continue;
            };
            if quality <= 0.0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((best_quality, best_position, _)) => {
                    quality > best_quality || (quality == best_quality && position < best_position)
                }
            };
            if better {
                best = Some((quality, position, locale));
            }
        }
        best.map(|(_, _, locale)| locale)
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// User-written content with a Japanese and an English version; either may be missing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LocalizedText {
    pub ja: Option<String>,
    pub en: Option<String>,
}

/// The text to show in one language, and whether it had to fall back to the other one
/// (so pages can mark it with the right `lang` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    pub locale: Locale,
    pub is_fallback: bool,
}

impl LocalizedText {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        LocalizedText {
            ja: Some(ja.into()),
            en: Some(en.into()),
        }
    }

    /// Blank versions count as missing.
    pub fn from_options(ja: Option<String>, en: Option<String>) -> Self {
        let keep = |s: Option<String>| s.filter(|t| !t.trim().is_empty());
        LocalizedText {
            ja: keep(ja),
            en: keep(en),
        }
    }

    pub fn version(&self, locale: Locale) -> Option<&str> {
        match locale {
            Locale::Ja => self.ja.as_deref(),
            Locale::En => self.en.as_deref(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ja.is_none() && self.en.is_none()
    }

    /// The version in `locale`, else the other one; `None` only when both are missing.
    pub fn get(&self, locale: Locale) -> Option<Localized<'_>> {
        if let Some(text) = self.version(locale) {
            return Some(Localized {
                text,
                locale,
                is_fallback: false,
            });
        }
        self.version(locale.other()).map(|text| Localized {
            text,
            locale: locale.other(),
            is_fallback: true,
        })
    }

    /// The text in `locale` with fallback, or the empty string.
    pub fn text(&self, locale: Locale) -> &str {
        self.get(locale).map(|l| l.text).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(
            Locale::from_accept_language("en-US,en;q=0.9,ja;q=0.8"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("fr, ja;q=0.5, en;q=0.4"),
            Some(Locale::Ja)
        );
        assert_eq!(Locale::from_accept_language("fr, de"), None);
        assert_eq!(Locale::from_accept_language("en;q=0, ja"), Some(Locale::Ja));
    }

    #[test]
    fn missing_version_falls_back_to_the_other_language() {
        let only_japanese = LocalizedText::from_options(Some("遠野".into()), Some("  ".into()));
        let shown = only_japanese.get(Locale::En).unwrap();
        assert_eq!(shown.text, "遠野");
        assert!(shown.is_fallback);
        assert_eq!(shown.locale, Locale::Ja);
        assert!(LocalizedText::default().get(Locale::Ja).is_none());
    }
}
