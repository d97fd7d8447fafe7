//! What a person typed into a search box, bounded once.
//!
//! Every search that reaches the database takes a [`SearchQuery`], so no query can carry an
//! unbounded pattern into SQL (SQLite refuses a `LIKE` pattern past 50,000 bytes with "LIKE or
//! GLOB pattern too complex", and any pattern costs time in proportion to its length). The text
//! is kept as typed (trimmed only); what a search compares is normalised later, by the search.

/// A search query of at most [`SearchQuery::MAX_CHARS`] characters (possibly empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchQueryError {
    #[error("the search is {actual} characters long; at most {max} are allowed")]
    TooLong { max: usize, actual: usize },
}

impl crate::UserFacingError for SearchQueryError {
    fn message_id(&self) -> &'static str {
        match self {
            SearchQueryError::TooLong { .. } => "security-error-search-too-long",
        }
    }
}

impl SearchQuery {
    /// The longest search accepted, in characters: longer than any place name or organisation
    /// name a person would look for, and far below what makes a pattern costly.
    pub const MAX_CHARS: usize = 100;

    /// Trim `raw` and require at most [`Self::MAX_CHARS`] characters. The length is counted
    /// without collecting the whole text, so a huge input costs no more than the bound.
    pub fn parse(raw: &str) -> Result<SearchQuery, SearchQueryError> {
        let trimmed = raw.trim();
        let actual = trimmed.chars().take(Self::MAX_CHARS + 1).count();
        if actual > Self::MAX_CHARS {
            return Err(SearchQueryError::TooLong {
                max: Self::MAX_CHARS,
                actual: trimmed.chars().count(),
            });
        }
        Ok(SearchQuery(trimmed.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_query_is_trimmed_and_counted_in_characters() {
        assert_eq!(SearchQuery::parse("  遠野 ").unwrap().as_str(), "遠野");
        assert!(SearchQuery::parse("   ").unwrap().is_empty());
        let longest = "遠".repeat(SearchQuery::MAX_CHARS);
        assert_eq!(SearchQuery::parse(&longest).unwrap().as_str(), longest);
    }

    #[test]
    fn a_query_past_the_bound_is_refused() {
        let too_long = "a".repeat(SearchQuery::MAX_CHARS + 1);
        assert_eq!(
            SearchQuery::parse(&too_long),
            Err(SearchQueryError::TooLong {
                max: SearchQuery::MAX_CHARS,
                actual: SearchQuery::MAX_CHARS + 1
            })
        );
        assert!(SearchQuery::parse(&"%".repeat(50_000)).is_err());
    }
}
