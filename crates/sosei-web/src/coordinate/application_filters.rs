//! Filtering and sorting the applications table on the server, from the address's query
//! (`?status=…&team=…&q=…&sort=…`), so plain links and a GET form work without JavaScript.
//! Unknown values are refused with a message rather than silently ignored; the text filter
//! compares normalised keys (NFKC, lower case, katakana folded to hiragana) and the page shows
//! what was typed.

use std::cmp::Ordering;

use sosei_core::application::ApplicationStatus;
use sosei_core::kana::hiragana_from_katakana;
use sosei_core::text::normalize_text;
use sosei_core::{ApplicationId, TeamId};

use crate::error::AppError;

/// The longest text filter accepted, in characters.
pub(super) const MAX_FILTER_CHARS: usize = 100;

/// The query as the address gives it.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct ApplicationsQuery {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub sort: String,
}

/// Which team an application must be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TeamFilter {
    Any,
    NoTeam,
    Team(TeamId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum SortKey {
    /// In order of submission (the default).
    #[default]
    Date,
    Name,
    Rank,
    Status,
}

impl SortKey {
    pub(super) const ALL: [SortKey; 4] =
        [SortKey::Name, SortKey::Date, SortKey::Rank, SortKey::Status];

    pub(super) fn as_str(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Name => "name",
            SortKey::Rank => "rank",
            SortKey::Status => "status",
        }
    }

    fn parse(raw: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|key| key.as_str() == raw)
    }
}

/// The parsed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ApplicationFilter {
    pub status: Option<ApplicationStatus>,
    pub team: TeamFilter,
    /// What the coordinator typed (trimmed), shown back in the form.
    pub text: String,
    pub sort: SortKey,
}

fn bad_filter() -> AppError {
    AppError::BadRequest {
        message_id: "coordinate-error-applications-filter",
    }
}

/// The key two texts are compared by: NFKC, lower case, katakana as hiragana.
pub(super) fn search_key(text: &str) -> String {
    let normalised = normalize_text(text, false).unwrap_or_else(|_| text.to_owned());
    hiragana_from_katakana(&normalised.to_lowercase())
}

impl ApplicationFilter {
    /// Parse the query; `teams` are the programme's teams (a team of another programme is
    /// refused).
    pub(super) fn parse(
        query: &ApplicationsQuery,
        teams: &[TeamId],
    ) -> Result<ApplicationFilter, AppError> {
        let status = match query.status.trim() {
            "" => None,
            raw => Some(ApplicationStatus::parse(raw).ok_or_else(bad_filter)?),
        };
        let team = match query.team.trim() {
            "" => TeamFilter::Any,
            "none" => TeamFilter::NoTeam,
            raw => {
                let id = raw
                    .parse::<i64>()
                    .ok()
                    .map(TeamId)
                    .filter(|id| teams.contains(id))
                    .ok_or_else(bad_filter)?;
                TeamFilter::Team(id)
            }
        };
        let text = query.q.trim();
        if text.chars().count() > MAX_FILTER_CHARS || text.chars().any(char::is_control) {
            return Err(bad_filter());
        }
        let sort = match query.sort.trim() {
            "" => SortKey::default(),
            raw => SortKey::parse(raw).ok_or_else(bad_filter)?,
        };
        Ok(ApplicationFilter {
            status,
            team,
            text: text.to_owned(),
            sort,
        })
    }

    pub(super) fn is_filtering(&self) -> bool {
        self.status.is_some() || self.team != TeamFilter::Any || !self.text.is_empty()
    }

    /// The address of the table with this filter and `sort` (a relative query, so it stays on
    /// the page).
    pub(super) fn href(&self, sort: SortKey) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(status) = self.status {
            query.append_pair("status", status.as_str());
        }
        match self.team {
            TeamFilter::Any => {}
            TeamFilter::NoTeam => {
                query.append_pair("team", "none");
            }
            TeamFilter::Team(id) => {
                query.append_pair("team", &id.0.to_string());
            }
        }
        if !self.text.is_empty() {
            query.append_pair("q", &self.text);
        }
        query.append_pair("sort", sort.as_str());
        format!("?{}", query.finish())
    }
}

/// What the filter and the sort look at in one row.
pub(super) struct Row<'a> {
    pub id: ApplicationId,
    pub name: &'a str,
    pub status: ApplicationStatus,
    pub team: Option<TeamId>,
    pub rank: u8,
    pub submitted_at: time::OffsetDateTime,
    /// Every other text the row shows (nationalities, languages, skills, team name), so the
    /// text filter finds what the coordinator sees.
    pub other_text: String,
}

impl Row<'_> {
    fn matches(&self, filter: &ApplicationFilter, text_key: &str) -> bool {
        filter.status.is_none_or(|status| self.status == status)
            && match filter.team {
                TeamFilter::Any => true,
                TeamFilter::NoTeam => self.team.is_none(),
                TeamFilter::Team(team) => self.team == Some(team),
            }
            && (text_key.is_empty()
                || search_key(self.name).contains(text_key)
                || search_key(&self.other_text).contains(text_key))
    }
}

/// The positions of `rows` to show, filtered and in order.
pub(super) fn filter_and_sort(rows: &[Row<'_>], filter: &ApplicationFilter) -> Vec<usize> {
    let text_key = search_key(&filter.text);
    let mut shown: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].matches(filter, &text_key))
        .collect();
    let name_keys: Vec<String> = rows.iter().map(|row| search_key(row.name)).collect();
    let by_name = |a: usize, b: usize| name_keys[a].cmp(&name_keys[b]);
    let by_date = |a: usize, b: usize| {
        rows[a]
            .submitted_at
            .cmp(&rows[b].submitted_at)
            .then(rows[a].id.0.cmp(&rows[b].id.0))
    };
    shown.sort_by(|&a, &b| {
        let first: Ordering = match filter.sort {
            SortKey::Date => by_date(a, b),
            SortKey::Name => by_name(a, b),
            SortKey::Rank => rows[a].rank.cmp(&rows[b].rank),
            SortKey::Status => rows[a].status.cmp(&rows[b].status),
        };
        first
            .then_with(|| by_name(a, b))
            .then_with(|| by_date(a, b))
    });
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, name: &str, status: ApplicationStatus, rank: u8, minute: i64) -> Row<'_> {
        Row {
            id: ApplicationId(id),
            name,
            status,
            team: (id % 2 == 0).then_some(TeamId(7)),
            rank,
            submitted_at: time::OffsetDateTime::UNIX_EPOCH + time::Duration::minutes(minute),
            other_text: "タイ".to_owned(),
        }
    }

    fn filter(query: ApplicationsQuery) -> ApplicationFilter {
        ApplicationFilter::parse(&query, &[TeamId(7)]).unwrap_or_else(|_| panic!("{query:?}"))
    }

    fn shown(rows: &[Row<'_>], query: ApplicationsQuery) -> Vec<i64> {
        filter_and_sort(rows, &filter(query))
            .into_iter()
            .map(|i| rows[i].id.0)
            .collect()
    }

    #[test]
    fn rows_filter_and_sort_by_each_key() {
        use ApplicationStatus::*;
        let rows = [
            row(1, "ヤマダ", Shortlisted, 2, 3),
            row(2, "Nok", Submitted, 1, 1),
            row(3, "あおき", Offered, 3, 2),
        ];
        let query = |sort: &str| ApplicationsQuery {
            sort: sort.to_owned(),
            ..ApplicationsQuery::default()
        };
        assert_eq!(shown(&rows, query("")), [2, 3, 1], "by date");
        assert_eq!(shown(&rows, query("name")), [2, 3, 1], "n < あ < や");
        assert_eq!(shown(&rows, query("rank")), [2, 1, 3]);
        assert_eq!(shown(&rows, query("status")), [2, 1, 3]);
        let text = |q: &str| ApplicationsQuery {
            q: q.to_owned(),
            ..ApplicationsQuery::default()
        };
        assert_eq!(
            shown(&rows, text("やまだ")),
            [1],
            "katakana found by hiragana"
        );
        assert_eq!(
            shown(&rows, text("ＮＯＫ")),
            [2],
            "full-width and case folded"
        );
        assert_eq!(shown(&rows, text("たい")), [2, 3, 1], "what the row shows");
        let team = |team: &str| ApplicationsQuery {
            team: team.to_owned(),
            ..ApplicationsQuery::default()
        };
        assert_eq!(shown(&rows, team("7")), [2]);
        assert_eq!(shown(&rows, team("none")), [3, 1]);
        let status = ApplicationsQuery {
            status: "offered".to_owned(),
            ..ApplicationsQuery::default()
        };
        assert_eq!(shown(&rows, status), [3]);
    }

    #[test]
    fn unknown_values_are_refused_and_links_keep_the_filter() {
        let bad = [
            ("status", "lost"),
            ("team", "8"),
            ("team", "x"),
            ("sort", "score"),
        ];
        for (field, value) in bad {
            let mut query = ApplicationsQuery::default();
            match field {
                "status" => query.status = value.to_owned(),
                "team" => query.team = value.to_owned(),
                _ => query.sort = value.to_owned(),
            }
            assert!(
                ApplicationFilter::parse(&query, &[TeamId(7)]).is_err(),
                "{field}={value}"
            );
        }
        let long = ApplicationsQuery {
            q: "あ".repeat(MAX_FILTER_CHARS + 1),
            ..ApplicationsQuery::default()
        };
        assert!(ApplicationFilter::parse(&long, &[]).is_err());
        let kept = filter(ApplicationsQuery {
            status: "submitted".to_owned(),
            team: "none".to_owned(),
            q: "山田 & co".to_owned(),
            sort: String::new(),
        });
        assert_eq!(
            kept.href(SortKey::Name),
            "?status=submitted&team=none&q=%E5%B1%B1%E7%94%B0+%26+co&sort=name"
        );
    }
}
