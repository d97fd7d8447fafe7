//! Fact cards (事実・データ): sourced facts that experts and facilitators attach to a statement or
//! to the whole conversation, so people vote knowing the numbers. A card always names its source;
//! a figure is shown large with its unit and the date it refers to.
//!
//! [`fact_card_view`] is the one rendering of a card, used here, on the participant pages and in
//! the report, so a fact looks the same wherever it is read.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::deliberation::{
    Conversation, FacilitatorAction, FactCard, ModerationStatus, NewFactCard, Statement,
};
use sosei_core::text::{bounded_text, normalize_text, optional_bounded_text};
use sosei_core::{Locale, LocalizedText, StatementId, TextError};
use time::{Date, Month, OffsetDateTime};

use super::dashboard::DoneQuery;
use super::{
    Section, conversation_header, conversation_id_from_path, id_from_path, may_facilitate,
    notice_for, notice_markup, record_audit,
};
use crate::context::Ctx;
use crate::deliberation::may_add_fact_cards;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, Message, field_label};
use crate::layout::{csrf_field, html_response, html_response_with_status, localized, page};
use crate::organisations::is_web_address;
use crate::state::AppState;

pub const MAX_FACT_TEXT_CHARS: usize = 1_000;
pub const MAX_CITATION_CHARS: usize = 300;
pub const MAX_URL_CHARS: usize = 500;
pub const MAX_UNIT_CHARS: usize = 20;

// --- showing a card -------------------------------------------------------------------------------

/// A number the way both languages write figures: thousands grouped with commas, no trailing
/// `.0` (26000 → `26,000`, 12.5 → `12.5`, -1234.25 → `-1,234.25`).
pub fn format_number(value: f64) -> String {
    let text = if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    };
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits: Vec<char> = whole.chars().collect();
    let mut grouped = String::new();
    for (index, digit) in digits.iter().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(*digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// One fact card: the figure large with its unit, the fact in words, the date it refers to and
/// the source (a link when it has a web address).
pub fn fact_card_view(ctx: &Ctx, card: &FactCard) -> Markup {
    let heading_id = format!("fact-card-{}", card.id);
    let as_of = card.as_of.map(|date| {
        (
            date.to_string(),
            crate::i18n::t_args(
                ctx.locale,
                "facilitate-fact-as-of",
                &[("date", crate::i18n::format_date(ctx.locale, date).into())],
            ),
        )
    });
    let url = card.source_url.as_deref().filter(|url| is_web_address(url));
    html! {
        article class="fact-card" aria-labelledby=(heading_id) {
            p class="fact-kicker" id=(heading_id) { (ctx.t("facilitate-fact-kicker")) }
            @if let Some(value) = card.value {
                p class="fact-figure" {
                    span class="fact-number" { (format_number(value)) }
                    @if let Some(unit) = &card.unit {
                        span class="fact-unit" { (unit) }
                    }
                }
            }
            div class="fact-text" { (crate::layout::localized_paragraphs(ctx, &card.text)) }
            footer class="fact-footer" {
                @if let Some((machine, words)) = &as_of {
                    p class="fact-date" { time datetime=(machine) { (words) } }
                }
                p class="fact-source" {
                    span class="fact-source-label" { (ctx.t("facilitate-fact-source")) }
                    @if let Some(url) = url {
                        a href=(url) rel="noopener noreferrer external" { (card.source_citation) }
                    } @else {
                        cite { (card.source_citation) }
                    }
                }
            }
        }
    }
}

// --- parsing the form ---------------------------------------------------------------------------

#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct FactForm {
    /// A statement id, or empty for the whole conversation.
    #[serde(default)]
    statement: String,
    #[serde(default)]
    text_ja: String,
    #[serde(default)]
    text_en: String,
    #[serde(default)]
    source_citation: String,
    #[serde(default)]
    source_url: String,
    #[serde(default)]
    as_of: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    unit: String,
}

/// The date a fact refers to: `2024-03-31`, `2024/3/31` or `2024年3月31日`, full-width digits
/// welcome. `Ok(None)` when left blank.
pub fn parse_fact_date(raw: &str) -> Result<Option<Date>, &'static str> {
    let text = normalize_text(raw, false).map_err(|_| "facilitate-error-date")?;
    if text.is_empty() {
        return Ok(None);
    }
    let unified = text.replace(['年', '月', '/', '.'], "-").replace('日', "");
    let parts: Vec<&str> = unified.split('-').map(str::trim).collect();
    let [year, month, day] = parts.as_slice() else {
        return Err("facilitate-error-date");
    };
    let number = |part: &str| -> Option<u32> {
        (!part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(year), number(month), number(day)) else {
        return Err("facilitate-error-date");
    };
    // Facts are about the recorded past or a planned near future; anything else is a typo.
    if !(1800..=2200).contains(&year) {
        return Err("facilitate-error-date");
    }
    let month = u8::try_from(month)
        .ok()
        .and_then(|month| Month::try_from(month).ok())
        .ok_or("facilitate-error-date")?;
    let day = u8::try_from(day).map_err(|_| "facilitate-error-date")?;
    Date::from_calendar_date(year as i32, month, day)
        .map(Some)
        .map_err(|_| "facilitate-error-date")
}

/// A figure and, when typed after it, its unit: `26,000`, `２６，０００`, `-3.5`, `26,000 人`.
/// `Ok(None)` when left blank.
pub fn parse_fact_value(raw: &str) -> Result<Option<(f64, Option<String>)>, &'static str> {
    let text = normalize_text(raw, false).map_err(|_| "facilitate-error-value")?;
    // NFKC leaves the minus sign (U+2212) and the Japanese comma alone.
    let text = text.replace(['\u{2212}', '−'], "-").replace('、', ",");
    if text.is_empty() {
        return Ok(None);
    }
    let numeric_end = text
        .char_indices()
        .find(|(index, c)| {
            !(c.is_ascii_digit()
                || matches!(c, ',' | '.' | ' ')
                || (*index == 0 && matches!(c, '-' | '+')))
        })
        .map(|(index, _)| index)
        .unwrap_or(text.len());
    let (number, rest) = text.split_at(numeric_end);
    let cleaned: String = number.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
    if !cleaned.chars().any(|c| c.is_ascii_digit()) {
        return Err("facilitate-error-value");
    }
    let value: f64 = cleaned.parse().map_err(|_| "facilitate-error-value")?;
    if !value.is_finite() {
        return Err("facilitate-error-value");
    }
    let rest = rest.trim();
    Ok(Some((value, (!rest.is_empty()).then(|| rest.to_owned()))))
}

/// A source's web address: `http://` or `https://` and a host, nothing that could break out of
/// an attribute. `Ok(None)` when left blank.
pub fn parse_source_url(raw: &str) -> Result<Option<String>, Message> {
    let Some(text) =
        optional_bounded_text(raw, MAX_URL_CHARS, false).map_err(|e| Message::text_error(&e))?
    else {
        return Ok(None);
    };
    let text = sosei_core::text::fold_scheme_and_host(&text);
    let lower = text.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or(Message::new("facilitate-error-source-url"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let bad_character = text
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '`'));
    let host_ok = !host.is_empty() && (host.contains('.') || host.starts_with("localhost"));
    if !host_ok || bad_character {
        return Err(Message::new("facilitate-error-source-url"));
    }
    Ok(Some(text))
}

/// Check every field of the fact card form. `statements` are those a card may be attached to.
pub fn parse_fact_form(
    form: &FactForm,
    conversation: &Conversation,
    statements: &[Statement],
    author: sosei_core::UserId,
) -> Result<NewFactCard, FormErrors> {
    let mut errors = FormErrors::new();
    let statement = match form.statement.trim() {
        "" => None,
        raw => errors.require(
            "statement",
            raw.parse::<i64>()
                .ok()
                .map(StatementId)
                .filter(|id| statements.iter().any(|statement| statement.id == *id)),
            "facilitate-error-statement-unknown",
        ),
    };
    let mut text = |field: &'static str, raw: &str| {
        errors
            .check_text(field, optional_bounded_text(raw, MAX_FACT_TEXT_CHARS, true))
            .flatten()
    };
    let text = LocalizedText::from_options(
        text("text_ja", &form.text_ja),
        text("text_en", &form.text_en),
    );
    if text.is_empty() && errors.get("text_ja").is_none() && errors.get("text_en").is_none() {
        errors.add("text_ja", "facilitate-error-fact-text-required");
    }
    let source_citation = match bounded_text(&form.source_citation, MAX_CITATION_CHARS, false) {
        Ok(citation) => Some(citation),
        Err(TextError::Empty) => {
            errors.add("source_citation", "facilitate-error-citation-required");
            None
        }
        Err(error) => {
            errors.add("source_citation", Message::text_error(&error));
            None
        }
    };
    let source_url = parse_source_url(&form.source_url)
        .map_err(|message| errors.add("source_url", message))
        .ok()
        .flatten();
    let as_of = parse_fact_date(&form.as_of)
        .map_err(|message_id| errors.add("as_of", message_id))
        .ok()
        .flatten();
    let typed_unit = errors
        .check_text(
            "unit",
            optional_bounded_text(&form.unit, MAX_UNIT_CHARS, false),
        )
        .flatten();
    let (value, unit) = match parse_fact_value(&form.value) {
        Ok(None) => {
            if typed_unit.is_some() {
                errors.add("value", "facilitate-error-unit-without-value");
            }
            (None, None)
        }
        Ok(Some((value, unit_after_number))) => match (typed_unit, unit_after_number) {
            (Some(_), Some(_)) => {
                errors.add("value", "facilitate-error-value");
                (None, None)
            }
            (typed, after) => {
                let unit = typed.or(after);
                if unit
                    .as_ref()
                    .is_some_and(|unit| unit.chars().count() > MAX_UNIT_CHARS)
                {
                    errors.add(
                        "unit",
                        Message::text_error(&TextError::TooLong {
                            max: MAX_UNIT_CHARS,
                            actual: unit.as_ref().map_or(0, |unit| unit.chars().count()),
                        }),
                    );
                }
                (Some(value), unit)
            }
        },
        Err(message_id) => {
            errors.add("value", message_id);
            (None, None)
        }
    };
    match source_citation {
        Some(source_citation) if errors.is_empty() => Ok(NewFactCard {
            conversation: conversation.id,
            statement,
            text,
            source_citation,
            source_url,
            as_of,
            value,
            unit,
            author,
        }),
        _ => Err(errors),
    }
}

// --- pages ------------------------------------------------------------------------------------

/// The conversation and the signed-in user, when that user may attach fact cards.
async fn require_fact_author<'a>(
    state: &AppState,
    ctx: &'a Ctx,
    raw_id: &str,
) -> Result<(Conversation, &'a sosei_core::User), AppError> {
    let id = conversation_id_from_path(raw_id)?;
    let conversation = state.store.conversation(id).await?;
    let user = ctx.require_user()?;
    if may_add_fact_cards(state, ctx, &conversation).await? {
        Ok((conversation, user))
    } else {
        Err(AppError::Forbidden)
    }
}

/// Statements a card may be attached to: every one participants may see or that awaits review.
async fn attachable_statements(
    state: &AppState,
    conversation: &Conversation,
) -> Result<Vec<Statement>, AppError> {
    Ok(state
        .store
        .statements(conversation.id)
        .await?
        .into_iter()
        .filter(|statement| statement.moderation != ModerationStatus::Rejected)
        .collect())
}

pub async fn facts_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let (conversation, _) = require_fact_author(&state, &ctx, &raw_id).await?;
    let view = FactsView {
        form: FactForm::default(),
        errors: FormErrors::new(),
        notice: notice_for(&ctx, query.done.as_deref()),
    };
    Ok(html_response(
        render_facts(&state, &ctx, &conversation, view).await?,
    ))
}

pub async fn add_fact_card(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<FactForm>,
) -> Result<Response, AppError> {
    let (conversation, user) = require_fact_author(&state, &ctx, &raw_id).await?;
    let statements = attachable_statements(&state, &conversation).await?;
    match parse_fact_form(&form, &conversation, &statements, user.id) {
        Ok(new_card) => {
            let card = state
                .store
                .add_fact_card(&new_card, OffsetDateTime::now_utc())
                .await?;
            record_audit(
                &state,
                conversation.id,
                user,
                FacilitatorAction::AddFactCard,
                Some(format!("fact_card:{}", card.id)),
                None,
            )
            .await?;
            Ok(Redirect::to(&format!(
                "/conversations/{}/facts?done=fact-added#fact-card-{}",
                conversation.id, card.id
            ))
            .into_response())
        }
        Err(errors) => {
            let view = FactsView {
                form,
                errors,
                notice: None,
            };
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                render_facts(&state, &ctx, &conversation, view).await?,
            ))
        }
    }
}

/// Remove a card: its author, or anyone who facilitates the conversation.
pub async fn remove_fact_card(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_id, raw_fact)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (conversation, user) = require_fact_author(&state, &ctx, &raw_id).await?;
    let fact_id = id_from_path(&raw_fact)?;
    let card = state
        .store
        .fact_cards(conversation.id)
        .await?
        .into_iter()
        .find(|card| card.id.0 == fact_id)
        .ok_or(AppError::NotFound)?;
    if card.author != user.id && !may_facilitate(&state, &ctx, conversation.id).await? {
        return Err(AppError::Forbidden);
    }
    state.store.remove_fact_card(card.id).await?;
    record_audit(
        &state,
        conversation.id,
        user,
        FacilitatorAction::RemoveFactCard,
        Some(format!("fact_card:{}", card.id)),
        None,
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/conversations/{}/facts?done=fact-removed",
        conversation.id
    ))
    .into_response())
}

struct FactsView {
    form: FactForm,
    errors: FormErrors,
    notice: Option<String>,
}

fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "facilitate-fact", field)
}

async fn render_facts(
    state: &AppState,
    ctx: &Ctx,
    conversation: &Conversation,
    view: FactsView,
) -> Result<Markup, AppError> {
    let id = conversation.id;
    let user_id = ctx.user.as_ref().map(|user| user.id);
    let facilitates = may_facilitate(state, ctx, id).await?;
    let cards = state.store.fact_cards(id).await?;
    let statements = attachable_statements(state, conversation).await?;
    let title = ctx.t("facilitate-facts-title");
    let form = &view.form;
    let errors = &view.errors;

    let mut statement_options: Vec<(String, String)> =
        vec![(String::new(), ctx.t("facilitate-fact-whole-conversation"))];
    statement_options.extend(statements.iter().map(|statement| {
        (
            statement.id.0.to_string(),
            format!(
                "#{} {}",
                statement.id,
                crate::layout::excerpt(statement.text.as_str(), 60)
            ),
        )
    }));
    let whole: Vec<&FactCard> = cards
        .iter()
        .filter(|card| card.statement.is_none())
        .collect();
    let about_statements: Vec<(&Statement, Vec<&FactCard>)> = statements
        .iter()
        .map(|statement| {
            let attached: Vec<&FactCard> = cards
                .iter()
                .filter(|card| card.statement == Some(statement.id))
                .collect();
            (statement, attached)
        })
        .filter(|(_, attached)| !attached.is_empty())
        .collect();
    let card_with_actions = |card: &FactCard| {
        let removable = facilitates || Some(card.author) == user_id;
        html! {
            li class="fact-card-item" {
                (fact_card_view(ctx, card))
                @if removable {
                    form method="post" action={ "/conversations/" (id) "/facts/" (card.id) "/remove" } class="fact-remove" {
                        (csrf_field(ctx))
                        button type="submit" class="link-button small" { (ctx.t("facilitate-fact-remove")) }
                    }
                }
            }
        }
    };
    let field = |name: &'static str| Field::new(name, label(ctx, name));
    let body = html! {
        (conversation_header(ctx, conversation, Section::Facts, &title, facilitates))
        (notice_markup(view.notice.as_deref()))
        p class="lead" { (ctx.t("facilitate-facts-lead")) }

        section aria-labelledby="facts-whole-heading" {
            h2 id="facts-whole-heading" { (ctx.t("facilitate-facts-whole-heading")) }
            @if whole.is_empty() {
                p class="empty-state" { (ctx.t("facilitate-facts-none")) }
            } @else {
                ul class="fact-card-grid" { @for card in &whole { (card_with_actions(card)) } }
            }
        }
        @if !about_statements.is_empty() {
            section aria-labelledby="facts-statements-heading" {
                h2 id="facts-statements-heading" { (ctx.t("facilitate-facts-statements-heading")) }
                @for (statement, attached) in &about_statements {
                    h3 class="fact-statement" lang=(statement.language.as_str()) {
                        span class="muted" { "#" (statement.id) " " } (statement.text.as_str())
                    }
                    ul class="fact-card-grid" { @for card in attached { (card_with_actions(card)) } }
                }
            }
        }

        section aria-labelledby="fact-add-heading" {
            h2 id="fact-add-heading" { (ctx.t("facilitate-fact-add-heading")) }
            (errors.summary(ctx, |name| label(ctx, name)))
            form method="post" action={ "/conversations/" (id) "/facts" } class="stacked wide" novalidate {
                (csrf_field(ctx))
                (field("statement").value(&form.statement).hint(ctx.t("facilitate-fact-hint-statement"))
                    .select(ctx, errors, &statement_options))
                fieldset {
                    legend { (ctx.t("facilitate-fact-field-text")) }
                    p class="hint" { (ctx.t("facilitate-fact-hint-text")) }
                    div class="bilingual" {
                        (field("text_ja").value(&form.text_ja).lang(Locale::Ja).textarea(ctx, errors, 3))
                        (field("text_en").value(&form.text_en).lang(Locale::En).textarea(ctx, errors, 3))
                    }
                }
                div class="fact-figure-fields" {
                    (field("value").value(&form.value).hint(ctx.t("facilitate-fact-hint-value")).input(ctx, errors, "text"))
                    (field("unit").value(&form.unit).hint(ctx.t("facilitate-fact-hint-unit")).input(ctx, errors, "text"))
                    (field("as_of").value(&form.as_of).hint(ctx.t("facilitate-fact-hint-as-of")).input(ctx, errors, "text"))
                }
                (field("source_citation").value(&form.source_citation).required()
                    .hint(ctx.t("facilitate-fact-hint-citation")).input(ctx, errors, "text"))
                (field("source_url").value(&form.source_url)
                    .hint(ctx.t("facilitate-fact-hint-url")).input(ctx, errors, "url"))
                div class="form-actions" {
                    button type="submit" class="button" { (ctx.t("facilitate-fact-add")) }
                }
            }
        }
        p { a href={ "/conversations/" (id) } { (localized(ctx, &conversation.title)) } }
    };
    Ok(page(ctx, &title, body))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(format_number(26_000.0), "26,000");
        assert_eq!(format_number(999.0), "999");
        assert_eq!(format_number(1_234_567.0), "1,234,567");
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(-1_234.25), "-1,234.25");
        assert_eq!(format_number(0.0), "0");
    }

    #[test]
    fn figures_accept_commas_full_width_digits_and_a_unit() {
        assert_eq!(parse_fact_value("26,000"), Ok(Some((26_000.0, None))));
        assert_eq!(parse_fact_value("２６，０００"), Ok(Some((26_000.0, None))));
        assert_eq!(
            parse_fact_value("26,000 人"),
            Ok(Some((26_000.0, Some("人".to_owned()))))
        );
        assert_eq!(parse_fact_value("−3.5"), Ok(Some((-3.5, None))));
        assert_eq!(parse_fact_value("  "), Ok(None));
        for bad in ["人", "abc", "1.2.3", "NaN", "inf"] {
            assert!(parse_fact_value(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn dates_accept_several_ways_of_writing() {
        assert_eq!(
            parse_fact_date("2024-03-31"),
            Ok(Some(date!(2024 - 03 - 31)))
        );
        assert_eq!(
            parse_fact_date("２０２４－０３－３１"),
            Ok(Some(date!(2024 - 03 - 31)))
        );
        assert_eq!(parse_fact_date("2024/3/1"), Ok(Some(date!(2024 - 03 - 01))));
        assert_eq!(
            parse_fact_date("2024年3月31日"),
            Ok(Some(date!(2024 - 03 - 31)))
        );
        assert_eq!(parse_fact_date(""), Ok(None));
        for bad in [
            "2024-02-30",
            "2024-13-01",
            "31/03/2024",
            "yesterday",
            "2024-03",
        ] {
            assert!(parse_fact_date(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn source_addresses_must_be_web_addresses() {
        assert_eq!(
            parse_source_url("https://www.city.tono.iwate.jp/stats"),
            Ok(Some("https://www.city.tono.iwate.jp/stats".to_owned()))
        );
        assert_eq!(parse_source_url(""), Ok(None));
        for bad in [
            "javascript:alert(1)",
            "ftp://example.jp/x",
            "data:text/html,x",
            "www.example.jp",
        ] {
            assert!(parse_source_url(bad).is_err(), "{bad:?}");
        }
    }
}
