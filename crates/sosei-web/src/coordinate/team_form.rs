//! The team form: name, sizes, a cap per nationality and need rows (a skill at least n times; a
//! language at level L or above, at least n people), parsed once into a `NewTeam`.

use maud::{Markup, html};
use sosei_core::programme::team::{NeedCount, NewTeam, Team, TeamNeed, TeamSize};
use sosei_core::{LanguageCode, LanguageLevel, Locale, Skill, SkillSlug};

use super::fields::{Fields, bilingual, check, row_message};
use super::programme_list::label;
use super::words;
use crate::context::Ctx;
use crate::forms::{Field, FormErrors, control_id};

pub const MAX_TEAM_NAME_CHARS: usize = 80;
/// Need rows read from a form (blank ones are skipped).
pub const MAX_NEED_ROWS: usize = 10;
const BLANK_NEED_ROWS: usize = 2;

/// Every problem at once. `skills` is the taxonomy: a need must name one of its skills.
pub fn parse_team(fields: &Fields, skills: &[Skill]) -> Result<NewTeam, FormErrors> {
    let mut errors = FormErrors::new();
    let name = bilingual(
        &mut errors,
        fields,
        ("name_ja", "name_en"),
        MAX_TEAM_NAME_CHARS,
        false,
        Some("error-team-name-missing"),
    );
    let min = check(
        &mut errors,
        "min_size",
        NeedCount::parse(fields.get("min_size")),
    );
    let max = check(
        &mut errors,
        "max_size",
        NeedCount::parse(fields.get("max_size")),
    );
    let size = match (min, max) {
        (Some(min), Some(max)) => check(&mut errors, "max_size", TeamSize::new(min, max)),
        _ => None,
    };
    let cap = match fields.get("max_per_nationality").trim() {
        "" => None,
        raw => check(&mut errors, "max_per_nationality", NeedCount::parse(raw)),
    };
    let mut needs = Vec::new();
    for row in 1..=MAX_NEED_ROWS {
        let get = |part: &str| fields.get(&format!("need_{row}_{part}")).trim().to_owned();
        let problem = |errors: &mut FormErrors, id| {
            errors.add("needs", row_message("coordinate-error-need-row", row, id))
        };
        let at_least = || NeedCount::parse(&get("count"));
        match get("kind").as_str() {
            "" => {}
            "skill" => match (SkillSlug::parse(&get("skill")), at_least()) {
                (Ok(skill), Ok(at_least)) if skills.iter().any(|known| known.slug == skill) => {
                    needs.push(TeamNeed::Skill { skill, at_least })
                }
                (_, Err(_)) => problem(&mut errors, "error-need-count"),
                _ => problem(&mut errors, "error-skill-slug"),
            },
            "language" => match (
                LanguageCode::parse(&get("language")),
                LanguageLevel::parse(&get("level")),
                at_least(),
            ) {
                (Ok(language), Ok(minimum_level), Ok(at_least)) => {
                    if minimum_level.is_jlpt() && language != LanguageCode::JAPANESE {
                        problem(&mut errors, "error-language-level-jlpt");
                    } else {
                        needs.push(TeamNeed::Language {
                            language,
                            minimum_level,
                            at_least,
                        });
                    }
                }
                (Err(_), _, _) => problem(&mut errors, "error-language-code"),
                (_, Err(_), _) => problem(&mut errors, "error-language-level"),
                (_, _, Err(_)) => problem(&mut errors, "error-need-count"),
            },
            _ => problem(&mut errors, "coordinate-error-need-kind"),
        }
    }
    match size {
        Some(size) if errors.is_empty() => {
            check(&mut errors, "needs", NewTeam::new(name, size, cap, needs)).ok_or(errors)
        }
        _ => Err(errors),
    }
}

pub(super) fn team_fields(team: &Team) -> Fields {
    let spec = &team.spec;
    let mut fields = Fields::new()
        .with(
            "name_ja",
            spec.name().version(Locale::Ja).unwrap_or_default(),
        )
        .with(
            "name_en",
            spec.name().version(Locale::En).unwrap_or_default(),
        )
        .with("min_size", spec.size().min().to_string())
        .with("max_size", spec.size().max().to_string())
        .with(
            "max_per_nationality",
            spec.max_per_nationality()
                .map(|cap| cap.get().to_string())
                .unwrap_or_default(),
        );
    for (row, need) in (1..).zip(spec.needs()) {
        let mut put = |part: &str, value: String| fields.push(format!("need_{row}_{part}"), value);
        put("count", need.at_least().get().to_string());
        match need {
            TeamNeed::Skill { skill, .. } => {
                put("kind", "skill".into());
                put("skill", skill.as_str().into());
            }
            TeamNeed::Language {
                language,
                minimum_level,
                ..
            } => {
                put("kind", "language".into());
                put("language", language.as_str().into());
                put("level", minimum_level.as_str().into());
            }
        }
    }
    fields
}

pub(super) fn team_form_fields(
    ctx: &Ctx,
    fields: &Fields,
    errors: &FormErrors,
    skills: &[Skill],
) -> Markup {
    let field = |name: &'static str| Field::new(name, label(ctx, name)).value(fields.get(name));
    let filled = (1..=MAX_NEED_ROWS)
        .filter(|row| !fields.get(&format!("need_{row}_kind")).is_empty())
        .max()
        .unwrap_or(0);
    let rows = (filled + BLANK_NEED_ROWS).min(MAX_NEED_ROWS);
    html! {
        div class="bilingual" {
            (field("name_ja").lang(Locale::Ja).input(ctx, errors, "text"))
            (field("name_en").lang(Locale::En).input(ctx, errors, "text"))
        }
        div class="bilingual" {
            (field("min_size").required().input(ctx, errors, "number"))
            (field("max_size").required().input(ctx, errors, "number"))
        }
        (field("max_per_nationality").hint(ctx.t("coordinate-hint-max-per-nationality")).input(ctx, errors, "number"))
        fieldset id=(control_id("needs")) {
            legend { (ctx.t("coordinate-field-needs")) }
            p class="hint" { (ctx.t("coordinate-hint-needs")) }
            @if let Some(problem) = errors.get("needs") {
                p class="field-error" { (problem.in_locale(ctx.locale)) }
            }
            @for row in 1..=rows { (need_row(ctx, fields, row, skills)) }
        }
    }
}

fn need_row(ctx: &Ctx, fields: &Fields, row: usize, skills: &[Skill]) -> Markup {
    let name = |part: &str| format!("need_{row}_{part}");
    let id = |part: &str| format!("field-need-{row}-{part}");
    let value = |part: &str| fields.get(&name(part)).to_owned();
    let numbered =
        |label_id: &str| crate::i18n::t_args(ctx.locale, label_id, &[("row", row.into())]);
    let select = |part: &str, label_id: &str, options: Vec<(String, String)>| {
        let current = value(part);
        html! {
            div class="field" {
                label for=(id(part)) { (numbered(label_id)) }
                select id=(id(part)) name=(name(part)) {
                    @for (option_value, text) in &options {
                        option value=(option_value) selected[*option_value == current] { (text) }
                    }
                }
            }
        }
    };
    let kinds = vec![
        (String::new(), ctx.t("coordinate-need-kind-none")),
        ("skill".to_owned(), ctx.t("coordinate-need-kind-skill")),
        (
            "language".to_owned(),
            ctx.t("coordinate-need-kind-language"),
        ),
    ];
    let skill_options = std::iter::once((String::new(), ctx.t("coordinate-choose")))
        .chain(skills.iter().map(|skill| {
            (
                skill.slug.as_str().to_owned(),
                skill.label.text(ctx.locale).to_owned(),
            )
        }))
        .collect();
    let mut languages: Vec<(String, String)> = sosei_core::language::all_languages()
        .iter()
        .map(|entry| (entry.code.to_owned(), entry.name(ctx.locale).to_owned()))
        .collect();
    languages.sort_by(|a, b| a.1.cmp(&b.1));
    languages.insert(0, (String::new(), ctx.t("coordinate-choose")));
    let levels = LanguageLevel::ALL
        .iter()
        .map(|level| (level.as_str().to_owned(), words::level(ctx, *level)))
        .collect();
    html! {
        fieldset class="row-group" {
            legend { (numbered("coordinate-need-row")) }
            (select("kind", "coordinate-need-kind", kinds))
            (select("skill", "coordinate-need-skill-label", skill_options))
            (select("language", "coordinate-need-language-label", languages))
            (select("level", "coordinate-need-level-label", levels))
            div class="field" {
                label for=(id("count")) { (numbered("coordinate-need-count-label")) }
                input type="number" min="1" max="50" id=(id("count")) name=(name("count")) value=(if value("count").is_empty() { "1".to_owned() } else { value("count") });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skills() -> Vec<Skill> {
        sosei_core::skill::built_in_skills()
    }

    #[test]
    fn a_team_with_two_needs_parses() {
        let fields = Fields::new()
            .with("name_en", "Tourism team")
            .with("min_size", "3")
            .with("max_size", "5")
            .with("max_per_nationality", "2")
            .with("need_1_kind", "language")
            .with("need_1_language", "th")
            .with("need_1_level", "b1")
            .with("need_1_count", "1")
            .with("need_2_kind", "skill")
            .with("need_2_skill", "graphic-design")
            .with("need_2_count", "2")
            .with("need_3_kind", "");
        let team = parse_team(&fields, &skills()).expect("valid");
        assert_eq!(team.size().max(), 5);
        assert_eq!(team.needs().len(), 2);
        assert_eq!(team.max_per_nationality().map(NeedCount::get), Some(2));
    }

    #[test]
    fn reversed_sizes_unknown_skills_and_jlpt_for_thai_are_refused() {
        let reversed = Fields::new()
            .with("name_ja", "班")
            .with("min_size", "5")
            .with("max_size", "3");
        let errors = parse_team(&reversed, &skills()).expect_err("reversed");
        assert_eq!(
            errors.get("max_size").map(|m| m.id()),
            Some("error-team-size-reversed")
        );

        let unknown = Fields::new()
            .with("name_ja", "班")
            .with("min_size", "1")
            .with("max_size", "3")
            .with("need_1_kind", "skill")
            .with("need_1_skill", "juggling")
            .with("need_1_count", "1");
        assert!(parse_team(&unknown, &skills()).is_err());

        let jlpt = Fields::new()
            .with("name_ja", "班")
            .with("min_size", "1")
            .with("max_size", "3")
            .with("need_1_kind", "language")
            .with("need_1_language", "th")
            .with("need_1_level", "n2")
            .with("need_1_count", "1");
        assert!(parse_team(&jlpt, &skills()).is_err());

        let too_many = Fields::new()
            .with("name_ja", "班")
            .with("min_size", "1")
            .with("max_size", "3")
            .with("need_1_kind", "skill")
            .with("need_1_skill", "web")
            .with("need_1_count", "4");
        let errors = parse_team(&too_many, &skills()).expect_err("need above size");
        assert_eq!(
            errors.get("needs").map(|m| m.id()),
            Some("error-team-need-too-large")
        );
    }
}
