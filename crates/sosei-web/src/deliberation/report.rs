//! The report for policy drafting (政策起案): what a conversation found, written so that a town
//! hall can quote it in a policy draft — the question and dates, participation, the common
//! ground (総意) with each group's agreement, the opinion groups and what sets them apart, the
//! points of division, the facts cited with their sources, breakdowns by participant attribute
//! (only where every cell holds at least five people), and the method and its limits.
//!
//! One [`model::Report`] is built per request and rendered four ways:
//! - `GET /conversations/{id}/report`: a printable HTML page (A4 print styles in `sosei.css`);
//! - `…/report.md`: Markdown, to paste into a draft;
//! - `…/report.csv`: one row per statement, UTF-8 with a byte-order mark so Excel reads Japanese;
//! - `…/report.json`: the model itself, a documented structure (`sosei-report/1`).
//!
//! The language is the reader's, or `?lang=ja|en`, so a facilitator can download both. Drafts are
//! for facilitators only; open, closed and archived conversations are public, like their pages.

mod csv;
mod html;
mod markdown;
pub mod model;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderValue;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use sosei_core::Locale;
use sosei_core::deliberation::{ConversationState, FactCard};
use time::OffsetDateTime;

use crate::context::Ctx;
use crate::deliberation::analysis::current_analysis;
use crate::deliberation::facilitate::conversation_id_from_path;
use crate::deliberation::require_facilitator;
use crate::error::AppError;
use crate::layout::html_response;
use crate::state::AppState;
use model::{Report, ReportSources, build_report};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/conversations/{id}/report", get(report_page))
        .route("/conversations/{id}/report.md", get(report_markdown))
        .route("/conversations/{id}/report.csv", get(report_csv))
        .route("/conversations/{id}/report.json", get(report_json))
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ReportQuery {
    /// `ja` or `en`; anything else keeps the reader's language.
    #[serde(default)]
    pub lang: Option<String>,
}

/// The report and the fact cards it cites, with a context in the report's language.
pub(crate) struct LoadedReport {
    pub(crate) ctx: Ctx,
    pub(crate) report: Report,
    pub(crate) fact_cards: Vec<FactCard>,
}

/// The report of conversation `raw_id` in the language `query` asks for (else the reader's), for
/// the report pages and the API alike; a draft only for its facilitators.
pub(crate) async fn load_report(
    state: &AppState,
    ctx: &Ctx,
    raw_id: &str,
    query: &ReportQuery,
) -> Result<LoadedReport, AppError> {
    let id = conversation_id_from_path(raw_id)?;
    let conversation = state.store.conversation(id).await?;
    if conversation.state == ConversationState::Draft {
        require_facilitator(state, ctx, id).await?;
    }
    let locale = query
        .lang
        .as_deref()
        .and_then(Locale::parse)
        .unwrap_or(ctx.locale);
    let ctx = Ctx {
        locale,
        ..ctx.clone()
    };
    let analysis = current_analysis(state, id).await?;
    let statements = state.store.statements(id).await?;
    let participants = state.store.participants(id).await?;
    let votes = state.store.votes(id).await?;
    let fact_cards = state.store.fact_cards(id).await?;
    let translations = state.store.statement_translations(id).await?;
    let report = build_report(
        &ReportSources {
            conversation: &conversation,
            statements: &statements,
            participants: &participants,
            votes: &votes,
            fact_cards: &fact_cards,
            analysis: &analysis,
            translations: &translations,
        },
        locale,
        OffsetDateTime::now_utc(),
    );
    let cited: Vec<FactCard> = fact_cards
        .into_iter()
        .filter(|card| report.fact_cards.iter().any(|entry| entry.id == card.id.0))
        .collect();
    Ok(LoadedReport {
        ctx,
        report,
        fact_cards: cited,
    })
}

/// The download's file name: `sosei-report-12-ja.csv`.
pub fn file_name(report: &Report, extension: &str) -> String {
    format!(
        "sosei-report-{}-{}.{extension}",
        report.conversation.id, report.language
    )
}

fn download(
    report: &Report,
    extension: &str,
    content_type: &'static str,
    body: Vec<u8>,
) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", file_name(report, extension));
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    // The file name is ASCII letters, digits and hyphens only, so this cannot fail.
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    response
}

pub async fn report_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let loaded = load_report(&state, &ctx, &raw_id, &query).await?;
    Ok(html_response(html::report_page(
        &loaded.ctx,
        &loaded.report,
        &loaded.fact_cards,
    )))
}

pub async fn report_markdown(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let loaded = load_report(&state, &ctx, &raw_id, &query).await?;
    let text = markdown::report_markdown(&loaded.ctx, &loaded.report, &loaded.fact_cards);
    Ok(download(
        &loaded.report,
        "md",
        "text/markdown; charset=utf-8",
        text.into_bytes(),
    ))
}

pub async fn report_csv(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let loaded = load_report(&state, &ctx, &raw_id, &query).await?;
    let bytes = csv::report_csv(&loaded.ctx, &loaded.report)?;
    Ok(download(
        &loaded.report,
        "csv",
        "text/csv; charset=utf-8",
        bytes,
    ))
}

pub async fn report_json(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, AppError> {
    let loaded = load_report(&state, &ctx, &raw_id, &query).await?;
    let json = serde_json::to_vec_pretty(&loaded.report)
        .map_err(|error| AppError::Internal(anyhow::anyhow!("report not serialisable: {error}")))?;
    Ok(download(&loaded.report, "json", "application/json", json))
}

// --- shared formatting -------------------------------------------------------------------------

/// A count as both languages write it: `1,234`.
pub(crate) fn format_count(count: usize) -> String {
    crate::deliberation::facilitate::format_number(count as f64)
}

/// "12人" / "12 people" (one person).
pub(crate) fn people(ctx: &Ctx, count: usize) -> String {
    crate::i18n::t_args(
        ctx.locale,
        "report-people",
        &[("count", format_count(count).into()), ("n", count.into())],
    )
}

/// A label and what follows it: `出典：遠野市…` (a full-width colon needs no space) or
/// `Source: Tono…`.
pub(crate) fn labelled(label: &str, text: &str) -> String {
    format!("{label}{}{text}", space_after(label))
}

/// The space between a label and its text: none after a full-width colon.
pub(crate) fn space_after(label: &str) -> &'static str {
    if label.ends_with('：') { "" } else { " " }
}

/// Sentences joined as each language writes them: Japanese without spaces.
pub(crate) fn join_sentences(locale: Locale, sentences: &[String]) -> String {
    match locale {
        Locale::Ja => sentences.concat(),
        Locale::En => sentences.join(" "),
    }
}

/// A rate as a whole percentage: `72%`.
pub(crate) fn format_percent(rate: f64) -> String {
    format!("{}%", (rate * 100.0).round() as i64)
}

/// An interval of rates: `58–84%`.
pub(crate) fn format_interval(low: f64, high: f64) -> String {
    format!(
        "{}–{}%",
        (low * 100.0).round() as i64,
        (high * 100.0).round() as i64
    )
}

/// `None` as a dash.
pub(crate) fn format_optional_percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_owned(), format_percent)
}

/// The report's dates in words: opened, closed, or "as of" now.
pub(crate) struct ReportDates {
    pub opened: Option<String>,
    pub closed: Option<String>,
    pub as_of: Option<String>,
}

pub(crate) fn report_dates(ctx: &Ctx, report: &Report) -> ReportDates {
    let moment = |at: OffsetDateTime| crate::deliberation::facilitate::format_moment(ctx, at);
    let closed = report.conversation.closed_at.map(moment);
    ReportDates {
        opened: report.conversation.opened_at.map(moment),
        as_of: closed.is_none().then(|| moment(report.generated_at)),
        closed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_are_whole_percentages() {
        assert_eq!(format_percent(0.724), "72%");
        assert_eq!(format_percent(1.0), "100%");
        assert_eq!(format_interval(0.581, 0.839), "58–84%");
        assert_eq!(format_optional_percent(None), "–");
        assert_eq!(format_count(1234), "1,234");
        assert_eq!(labelled("出典：", "遠野市"), "出典：遠野市");
        assert_eq!(labelled("Source:", "Tono"), "Source: Tono");
    }
}
