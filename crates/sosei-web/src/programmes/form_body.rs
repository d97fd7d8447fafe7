//! A submitted form with repeated fields (a checkbox per skill, a row per language), which
//! `axum::Form` cannot read into lists. The body was already read (and its CSRF token checked)
//! by the context middleware; this only splits it into pairs.

use axum::body::Bytes;

/// The `name=value` pairs of an `application/x-www-form-urlencoded` body, in order.
#[derive(Debug, Clone, Default)]
pub struct FormBody {
    pairs: Vec<(String, String)>,
}

impl FormBody {
    pub fn parse(bytes: &[u8]) -> FormBody {
        FormBody {
            pairs: form_urlencoded::parse(bytes)
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect(),
        }
    }

    /// The first value of `name`, or an empty string.
    pub fn one(&self, name: &str) -> String {
        self.pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_default()
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .collect()
    }

    /// Whether a checkbox `name` was ticked.
    pub fn is_checked(&self, name: &str) -> bool {
        self.pairs
            .iter()
            .any(|(key, value)| key == name && !value.is_empty())
    }
}

impl From<Bytes> for FormBody {
    fn from(bytes: Bytes) -> FormBody {
        FormBody::parse(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_fields_keep_every_value_in_order() {
        let body =
            FormBody::parse(b"skill=web&skill=graphic-design&name=%E3%83%8E%E3%83%83%E3%82%AF&x=");
        assert_eq!(body.all("skill"), vec!["web", "graphic-design"]);
        assert_eq!(body.one("name"), "ノック");
        assert_eq!(body.one("missing"), "");
        assert!(body.is_checked("skill") && !body.is_checked("x"));
    }
}
