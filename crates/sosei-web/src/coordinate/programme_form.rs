//! The two forms of a programme's page: its basics (title, summary, region, dates) and its
//! Social Contract details (theme, description, application window, seats, what participants
//! receive, the Japanese-speaker rule, planned deliverables).

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::programme::after::{DeliverableKind, PlannedDeliverable};
use sosei_core::programme::team::NeedCount;
use sosei_core::programme::{JapaneseSpeakerRule, ParticipantsReceive, Seats};
use sosei_core::text::optional_bounded_text;
use sosei_core::{DateRange, LanguageLevel, Locale, LocalizedText, Programme, ProgrammeDetails};

use super::fields::{Fields, bilingual, check, optional_date, row_message};
use super::overview::{FormState, render_page};
use super::programme_list::{label, parse_basics};
use super::{NoticeQuery, programme_path, require_programme, words};
use crate::context::Ctx;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, control_id};
use crate::layout::html_response_with_status;
use crate::state::AppState;

pub const MAX_THEME_CHARS: usize = 200;
pub const MAX_DESCRIPTION_CHARS: usize = 5_000;
pub const MAX_RECEIVE_CHARS: usize = 300;
pub const MAX_PLANNED_CHARS: usize = 300;
/// Planned deliverable rows read from a form (blank ones are skipped).
pub const MAX_PLANNED_ROWS: usize = 12;
/// Blank rows offered below the planned deliverables already set.
const BLANK_PLANNED_ROWS: usize = 2;

fn version(text: &LocalizedText, locale: Locale) -> String {
    text.version(locale).unwrap_or_default().to_owned()
}

/// The basics form filled in from the programme.
pub(super) fn basics_from_programme(programme: &Programme) -> Fields {
    Fields::new()
        .with("title_ja", version(&programme.title, Locale::Ja))
        .with("title_en", version(&programme.title, Locale::En))
        .with("summary_ja", version(&programme.summary, Locale::Ja))
        .with("summary_en", version(&programme.summary, Locale::En))
        .with("region", programme.region.to_string())
        .with("starts_on", programme.starts_on.to_string())
        .with("ends_on", programme.ends_on.to_string())
}

/// The details form filled in from the programme and its planned deliverables.
pub(super) fn details_from_programme(
    programme: &Programme,
    planned: &[PlannedDeliverable],
) -> Fields {
    let details = &programme.details;
    let receive = &details.participants_receive;
    let mut fields = Fields::new();
    for (name, text) in [
        ("theme", &details.theme),
        ("description", &details.description),
        ("receive_accommodation", &receive.accommodation),
        ("receive_meals", &receive.meals),
        ("receive_other", &receive.other),
    ] {
        fields.push(format!("{name}_ja"), version(text, Locale::Ja));
        fields.push(format!("{name}_en"), version(text, Locale::En));
    }
    if let Some(window) = details.application_window {
        fields.push("window_opens", window.starts_on().to_string());
        fields.push("window_closes", window.ends_on().to_string());
    }
    if let Some(seats) = details.seats {
        fields.push("seats", seats.get().to_string());
    }
    let rule = details.japanese_speaker_rule;
    if rule.is_some() {
        fields.push("japanese_rule", "on");
    }
    let rule = rule.unwrap_or_default();
    fields.push("japanese_level", rule.minimum_level.as_str());
    fields.push("japanese_count", rule.at_least_per_team.get().to_string());
    for (row, deliverable) in (1..).zip(planned) {
        fields.push(format!("planned_{row}_kind"), deliverable.kind.as_str());
        fields.push(
            format!("planned_{row}_ja"),
            version(&deliverable.description, Locale::Ja),
        );
        fields.push(
            format!("planned_{row}_en"),
            version(&deliverable.description, Locale::En),
        );
    }
    fields
}

/// Every problem at once, so the coordinator fixes them in one go.
pub fn parse_details(
    fields: &Fields,
) -> Result<(ProgrammeDetails, Vec<PlannedDeliverable>), FormErrors> {
    let mut errors = FormErrors::new();
    let mut text =
        |pair, max, multiline| bilingual(&mut errors, fields, pair, max, multiline, None);
    let theme = text(("theme_ja", "theme_en"), MAX_THEME_CHARS, false);
    let description = text(
        ("description_ja", "description_en"),
        MAX_DESCRIPTION_CHARS,
        true,
    );
    let accommodation = text(
        ("receive_accommodation_ja", "receive_accommodation_en"),
        MAX_RECEIVE_CHARS,
        true,
    );
    let meals = text(
        ("receive_meals_ja", "receive_meals_en"),
        MAX_RECEIVE_CHARS,
        true,
    );
    let other = text(
        ("receive_other_ja", "receive_other_en"),
        MAX_RECEIVE_CHARS,
        true,
    );
    let opens = optional_date(&mut errors, fields, "window_opens");
    let closes = optional_date(&mut errors, fields, "window_closes");
    let application_window = match (opens, closes) {
        (Some(opens), Some(closes)) => {
            check(&mut errors, "window_closes", DateRange::new(opens, closes))
        }
        (None, None) => None,
        (Some(_), None) => {
            errors.add("window_closes", "coordinate-error-window-both");
            None
        }
        (None, Some(_)) => {
            errors.add("window_opens", "coordinate-error-window-both");
            None
        }
    };
    let seats = match fields.get("seats").trim() {
        "" => None,
        raw => check(&mut errors, "seats", Seats::parse(raw)),
    };
    let japanese_speaker_rule = if fields.has("japanese_rule", "on") {
        let level = check(
            &mut errors,
            "japanese_level",
            LanguageLevel::parse(fields.get("japanese_level")),
        );
        let count = check(
            &mut errors,
            "japanese_count",
            NeedCount::parse(fields.get("japanese_count")),
        );
        match (level, count) {
            (Some(minimum_level), Some(at_least_per_team)) => Some(JapaneseSpeakerRule {
                minimum_level,
                at_least_per_team,
            }),
            _ => None,
        }
    } else {
        None
    };
    let planned = parse_planned(&mut errors, fields);
    if !errors.is_empty() {
        return Err(errors);
    }
    let details = ProgrammeDetails {
        theme,
        description,
        application_window,
        seats,
        japanese_speaker_rule,
        participants_receive: ParticipantsReceive {
            accommodation,
            meals,
            other,
        },
    };
    Ok((details, planned))
}

fn parse_planned(errors: &mut FormErrors, fields: &Fields) -> Vec<PlannedDeliverable> {
    let mut planned = Vec::new();
    for row in 1..=MAX_PLANNED_ROWS {
        let kind = fields.get(&format!("planned_{row}_kind")).trim();
        let raw_ja = fields.get(&format!("planned_{row}_ja"));
        let raw_en = fields.get(&format!("planned_{row}_en"));
        if kind.is_empty() && raw_ja.trim().is_empty() && raw_en.trim().is_empty() {
            continue;
        }
        let Some(kind) = DeliverableKind::parse(kind) else {
            errors.add(
                "planned",
                row_message(
                    "coordinate-error-planned-row",
                    row,
                    "coordinate-error-planned-kind",
                ),
            );
            continue;
        };
        let ja = optional_bounded_text(raw_ja, MAX_PLANNED_CHARS, false);
        let en = optional_bounded_text(raw_en, MAX_PLANNED_CHARS, false);
        match (ja, en) {
            (Ok(ja), Ok(en)) => planned.push(PlannedDeliverable {
                kind,
                description: LocalizedText::from_options(ja, en),
            }),
            _ => errors.add(
                "planned",
                row_message(
                    "coordinate-error-planned-row",
                    row,
                    "coordinate-error-planned-text",
                ),
            ),
        }
    }
    planned
}

pub async fn save_basics(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    match parse_basics(&state, &coordinated.organisation, &fields).await? {
        Ok(update) => {
            state
                .store
                .update_programme(coordinated.programme.id, &update)
                .await?;
            let path = programme_path(&coordinated.organisation, &coordinated.programme);
            Ok(Redirect::to(&format!("{path}?done=saved")).into_response())
        }
        Err(errors) => {
            let forms = FormState::stored(&state, &coordinated.programme)
                .await?
                .with_basics(fields, errors);
            let body =
                render_page(&state, &ctx, &coordinated, &NoticeQuery::default(), forms).await?;
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                body,
            ))
        }
    }
}

pub async fn save_details(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((raw_slug, raw_programme)): Path<(String, String)>,
    Form(fields): Form<Fields>,
) -> Result<Response, AppError> {
    let coordinated = require_programme(&state, &ctx, &raw_slug, &raw_programme).await?;
    match parse_details(&fields) {
        Ok((details, planned)) => {
            let id = coordinated.programme.id;
            state.store.update_programme_details(id, &details).await?;
            state.store.set_planned_deliverables(id, &planned).await?;
            let path = programme_path(&coordinated.organisation, &coordinated.programme);
            Ok(Redirect::to(&format!("{path}?done=saved")).into_response())
        }
        Err(errors) => {
            let forms = FormState::stored(&state, &coordinated.programme)
                .await?
                .with_details(fields, errors);
            let body =
                render_page(&state, &ctx, &coordinated, &NoticeQuery::default(), forms).await?;
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                body,
            ))
        }
    }
}

/// The details form's controls.
pub(super) fn details_fields(ctx: &Ctx, fields: &Fields, errors: &FormErrors) -> Markup {
    let field = |name: &'static str| Field::new(name, label(ctx, name)).value(fields.get(name));
    let pair = |legend: &str, ja: &'static str, en: &'static str, rows: u32| {
        html! {
            fieldset {
                legend { (ctx.t(legend)) }
                div class="bilingual" {
                    (field(ja).lang(Locale::Ja).textarea(ctx, errors, rows))
                    (field(en).lang(Locale::En).textarea(ctx, errors, rows))
                }
            }
        }
    };
    let levels: Vec<(&str, String)> = LanguageLevel::ALL
        .iter()
        .map(|level| (level.as_str(), words::level(ctx, *level)))
        .collect();
    let kinds: Vec<(&str, String)> = std::iter::once(("", ctx.t("coordinate-choose")))
        .chain(
            DeliverableKind::ALL
                .iter()
                .map(|kind| (kind.as_str(), words::deliverable_kind(ctx, *kind))),
        )
        .collect();
    let filled_rows = (1..=MAX_PLANNED_ROWS)
        .filter(|row| !fields.get(&format!("planned_{row}_kind")).is_empty())
        .max()
        .unwrap_or(0);
    let rows = (filled_rows + BLANK_PLANNED_ROWS).min(MAX_PLANNED_ROWS);
    let rule_id = control_id("japanese_rule");
    html! {
        (pair("coordinate-field-theme", "theme_ja", "theme_en", 2))
        (pair("coordinate-field-description", "description_ja", "description_en", 6))
        fieldset {
            legend { (ctx.t("coordinate-field-window")) }
            p class="hint" { (ctx.t("coordinate-hint-window")) }
            div class="bilingual" {
                (field("window_opens").input(ctx, errors, "date"))
                (field("window_closes").input(ctx, errors, "date"))
            }
        }
        (field("seats").hint(ctx.t("coordinate-hint-seats")).input(ctx, errors, "number"))
        (pair("coordinate-field-receive-accommodation", "receive_accommodation_ja", "receive_accommodation_en", 2))
        (pair("coordinate-field-receive-meals", "receive_meals_ja", "receive_meals_en", 2))
        (pair("coordinate-field-receive-other", "receive_other_ja", "receive_other_en", 2))
        fieldset {
            legend { (ctx.t("coordinate-field-japanese-rule")) }
            div class="checkbox" {
                input type="checkbox" id=(rule_id) name="japanese_rule" value="on" checked[fields.has("japanese_rule", "on")];
                label for=(rule_id) { (ctx.t("coordinate-japanese-rule-explain")) }
            }
            div class="bilingual" {
                (field("japanese_level").select(ctx, errors, &levels))
                (field("japanese_count").input(ctx, errors, "number"))
            }
        }
        fieldset id=(control_id("planned")) {
            legend { (ctx.t("coordinate-field-planned")) }
            p class="hint" { (ctx.t("coordinate-hint-planned")) }
            @if let Some(problem) = errors.get("planned") {
                p class="field-error" { (problem.in_locale(ctx.locale)) }
            }
            @for row in 1..=rows {
                (planned_row(ctx, fields, row, &kinds))
            }
        }
    }
}

fn planned_row(ctx: &Ctx, fields: &Fields, row: usize, kinds: &[(&str, String)]) -> Markup {
    let name = |part: &str| format!("planned_{row}_{part}");
    let id = |part: &str| format!("field-planned-{row}-{part}");
    let numbered =
        |label_id: &str| crate::i18n::t_args(ctx.locale, label_id, &[("row", row.into())]);
    html! {
        div class="row-group" {
            div class="field" {
                label for=(id("kind")) { (numbered("coordinate-planned-kind")) }
                select id=(id("kind")) name=(name("kind")) {
                    @for (value, text) in kinds {
                        option value=(value) selected[*value == fields.get(&name("kind"))] { (text) }
                    }
                }
            }
            div class="field" {
                label for=(id("ja")) { (numbered("coordinate-planned-ja")) }
                input type="text" id=(id("ja")) name=(name("ja")) lang="ja" value=(fields.get(&name("ja")));
            }
            div class="field" {
                label for=(id("en")) { (numbered("coordinate-planned-en")) }
                input type="text" id=(id("en")) name=(name("en")) lang="en" value=(fields.get(&name("en")));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> Fields {
        Fields::new()
            .with("theme_ja", "インバウンド観光")
            .with("window_opens", "2017-07-01")
            .with("window_closes", "2017-07-31")
            .with("seats", "１０")
            .with("japanese_rule", "on")
            .with("japanese_level", "n2")
            .with("japanese_count", "1")
            .with("planned_1_kind", "leaflet")
            .with("planned_1_en", "Leaflets in Thai")
            .with("planned_2_kind", "")
    }

    #[test]
    fn details_parse_into_core_values() {
        let (details, planned) = parse_details(&filled()).expect("valid");
        assert_eq!(details.seats.map(Seats::get), Some(10));
        assert_eq!(
            details.japanese_speaker_rule,
            Some(JapaneseSpeakerRule::default())
        );
        assert_eq!(details.application_window.map(|w| w.days()), Some(31));
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].kind, DeliverableKind::Leaflet);
    }

    #[test]
    fn half_a_window_and_a_row_without_kind_are_problems() {
        let fields = Fields::new()
            .with("window_opens", "2017-07-01")
            .with("seats", "0")
            .with("planned_3_ja", "チラシ");
        let errors = parse_details(&fields).expect_err("invalid");
        assert_eq!(
            errors.get("window_closes").map(|m| m.id()),
            Some("coordinate-error-window-both")
        );
        assert_eq!(errors.get("seats").map(|m| m.id()), Some("error-seats"));
        assert_eq!(
            errors.get("planned").map(|m| m.id()),
            Some("coordinate-error-planned-row")
        );
    }

    #[test]
    fn without_the_box_there_is_no_japanese_rule() {
        let fields = Fields::new()
            .with("theme_en", "Tourism")
            .with("japanese_level", "zz");
        let (details, _) = parse_details(&fields).expect("valid: the rule is off");
        assert_eq!(details.japanese_speaker_rule, None);
    }
}
