//! Newtypes for free text with a length limit (kept as typed by `text::bounded_text`: trimmed,
//! control characters removed, counted in characters, so Japanese and English share one limit).

/// Define `$name(String)`: 1 to `$max` characters after cleaning; `$multiline` keeps line
/// breaks. Parse errors are `TextError`.
macro_rules! bounded_text {
    ($(#[$meta:meta])* $name:ident, $max:expr, $multiline:expr) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_CHARS: usize = $max;

            pub fn parse(raw: &str) -> Result<Self, $crate::TextError> {
                $crate::text::bounded_text(raw, Self::MAX_CHARS, $multiline).map($name)
            }

            /// An empty input is `None`; anything else must parse.
            pub fn parse_optional(raw: &str) -> Result<Option<Self>, $crate::TextError> {
                $crate::text::optional_bounded_text(raw, Self::MAX_CHARS, $multiline)
                    .map(|text| text.map($name))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::TextError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }
    };
}
pub(crate) use bounded_text;
