//! Creating and editing a conversation, and moving it between states.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use sosei_core::deliberation::{
    AttributeQuestion, Conversation, ConversationState, FacilitatorAction, InvitationCode,
    ModerationMode, NewConversation, ParticipationMode,
};
use sosei_core::text::optional_bounded_text;
use sosei_core::{Locale, LocalizedText, MunicipalityCode, Organisation, OrganisationId, Role};
use time::OffsetDateTime;

use super::{
    Section, conversation_header, conversation_id_from_path, record_audit, state_message_id,
};
use crate::context::Ctx;
use crate::deliberation::require_facilitator;
use crate::error::AppError;
use crate::forms::{Field, FormErrors, Message, field_label};
use crate::layout::{csrf_field, html_response, html_response_with_status, page};
use crate::regions::{found, municipality_name};
use crate::state::AppState;

pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_QUESTION_CHARS: usize = 300;
pub const MAX_DESCRIPTION_CHARS: usize = 5_000;
pub const MAX_DISTRICT_CHARS: usize = 40;
pub const MAX_DISTRICTS: usize = 60;

/// The form as typed; kept as strings so it can be shown again with its errors.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct ConversationForm {
    /// The owning organisation's id (only read when creating: ownership never changes).
    #[serde(default)]
    organisation: String,
    /// A region chosen from those with a profile, or empty.
    #[serde(default)]
    region: String,
    /// A municipality code typed in; wins over `region` when filled in.
    #[serde(default)]
    region_code: String,
    #[serde(default)]
    title_ja: String,
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    question_ja: String,
    #[serde(default)]
    question_en: String,
    #[serde(default)]
    description_ja: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    moderation_mode: String,
    #[serde(default)]
    participation_mode: String,
    #[serde(default)]
    invitation_code: String,
    // Checkboxes arrive only when ticked; plain forms cannot send a list under one name here.
    #[serde(default)]
    ask_age_band: Option<String>,
    #[serde(default)]
    ask_district: Option<String>,
    #[serde(default)]
    ask_relationship: Option<String>,
    /// District names, one per line.
    #[serde(default)]
    districts: String,
}

impl ConversationForm {
    fn blank() -> Self {
        ConversationForm {
            moderation_mode: ModerationMode::Pre.as_str().to_owned(),
            participation_mode: ParticipationMode::Anonymous.as_str().to_owned(),
            ..ConversationForm::default()
        }
    }

    fn from_conversation(conversation: &Conversation) -> Self {
        let version = |text: &LocalizedText, locale: Locale| {
            text.version(locale).unwrap_or_default().to_owned()
        };
        let asks = |question: AttributeQuestion| {
            conversation
                .attribute_questions
                .contains(&question)
                .then(|| "on".to_owned())
        };
        ConversationForm {
            organisation: conversation.organisation.0.to_string(),
            region: conversation
                .region
                .map(|code| code.to_string())
                .unwrap_or_default(),
            region_code: String::new(),
            title_ja: version(&conversation.title, Locale::Ja),
            title_en: version(&conversation.title, Locale::En),
            question_ja: version(&conversation.question, Locale::Ja),
            question_en: version(&conversation.question, Locale::En),
            description_ja: version(&conversation.description, Locale::Ja),
            description_en: version(&conversation.description, Locale::En),
            moderation_mode: conversation.moderation_mode.as_str().to_owned(),
            participation_mode: conversation.participation_mode.as_str().to_owned(),
            invitation_code: conversation
                .invitation_code
                .as_ref()
                .map(|code| code.as_str().to_owned())
                .unwrap_or_default(),
            ask_age_band: asks(AttributeQuestion::AgeBand),
            ask_district: asks(AttributeQuestion::District),
            ask_relationship: asks(AttributeQuestion::Relationship),
            districts: conversation.district_options.join("\n"),
        }
    }

    fn asks(&self, question: AttributeQuestion) -> bool {
        let field = match question {
            AttributeQuestion::AgeBand => &self.ask_age_band,
            AttributeQuestion::District => &self.ask_district,
            AttributeQuestion::Relationship => &self.ask_relationship,
        };
        field.as_deref().is_some_and(|value| !value.is_empty())
    }
}

fn label(ctx: &Ctx, field: &str) -> String {
    field_label(ctx, "facilitate", field)
}

/// A text in two languages of which at least one must be given (when `required`).
fn bilingual(
    errors: &mut FormErrors,
    (field_ja, raw_ja): (&'static str, &str),
    (field_en, raw_en): (&'static str, &str),
    max_chars: usize,
    multiline: bool,
    required: Option<&'static str>,
) -> LocalizedText {
    let ja = errors
        .check_text(
            field_ja,
            optional_bounded_text(raw_ja, max_chars, multiline),
        )
        .flatten();
    let en = errors
        .check_text(
            field_en,
            optional_bounded_text(raw_en, max_chars, multiline),
        )
        .flatten();
    let text = LocalizedText::from_options(ja, en);
    if let Some(message_id) = required
        && text.is_empty()
        && errors.get(field_ja).is_none()
        && errors.get(field_en).is_none()
    {
        errors.add(field_ja, message_id);
    }
    text
}

/// District names from a textarea, one per line; blank lines and repeats are dropped.
fn parse_districts(errors: &mut FormErrors, raw: &str) -> Vec<String> {
    let mut districts: Vec<String> = Vec::new();
    for (index, line) in raw.replace("\r\n", "\n").split('\n').enumerate() {
        match optional_bounded_text(line, MAX_DISTRICT_CHARS, false) {
            Ok(Some(district)) if !districts.contains(&district) => districts.push(district),
            Ok(_) => {}
            Err(error) => errors.add(
                "districts",
                Message::new("facilitate-error-district-line")
                    .number("line", index + 1)
                    .message("problem", Message::text_error(&error)),
            ),
        }
    }
    if districts.len() > MAX_DISTRICTS {
        errors.add(
            "districts",
            Message::new("facilitate-error-too-many-districts").number("max", MAX_DISTRICTS),
        );
    }
    districts
}

/// Check every field except the organisation and the region (which need the store), collecting
/// all problems at once so the facilitator fixes them in one go.
pub fn parse_conversation_form(
    form: &ConversationForm,
    organisation: OrganisationId,
    region: Option<MunicipalityCode>,
    mut errors: FormErrors,
) -> Result<NewConversation, FormErrors> {
    let title = bilingual(
        &mut errors,
        ("title_ja", &form.title_ja),
        ("title_en", &form.title_en),
        MAX_TITLE_CHARS,
        false,
        Some("facilitate-error-title-required"),
    );
    let question = bilingual(
        &mut errors,
        ("question_ja", &form.question_ja),
        ("question_en", &form.question_en),
        MAX_QUESTION_CHARS,
        true,
        Some("facilitate-error-question-required"),
    );
    let description = bilingual(
        &mut errors,
        ("description_ja", &form.description_ja),
        ("description_en", &form.description_en),
        MAX_DESCRIPTION_CHARS,
        true,
        None,
    );
    let moderation_mode = errors.require(
        "moderation_mode",
        ModerationMode::parse(&form.moderation_mode),
        "facilitate-error-choice",
    );
    let participation_mode = errors.require(
        "participation_mode",
        ParticipationMode::parse(&form.participation_mode),
        "facilitate-error-choice",
    );
    let invitation_code = match participation_mode {
        Some(ParticipationMode::InvitationCode) if form.invitation_code.trim().is_empty() => {
            errors.add(
                "invitation_code",
                "facilitate-error-invitation-code-required",
            );
            None
        }
        Some(ParticipationMode::InvitationCode) => errors.check(
            "invitation_code",
            InvitationCode::parse(&form.invitation_code),
        ),
        // A code kept from an earlier mode would let people in by a door that is now closed.
        _ => None,
    };
    let attribute_questions: Vec<AttributeQuestion> = AttributeQuestion::ALL
        .iter()
        .copied()
        .filter(|question| form.asks(*question))
        .collect();
    let district_options = if attribute_questions.contains(&AttributeQuestion::District) {
        let districts = parse_districts(&mut errors, &form.districts);
        if districts.is_empty() && errors.get("districts").is_none() {
            errors.add("districts", "facilitate-error-districts-required");
        }
        districts
    } else {
        Vec::new()
    };
    match (moderation_mode, participation_mode) {
        (Some(moderation_mode), Some(participation_mode)) if errors.is_empty() => {
            Ok(NewConversation {
                organisation,
                region,
                title,
                question,
                description,
                moderation_mode,
                participation_mode,
                invitation_code,
                attribute_questions,
                district_options,
            })
        }
        _ => Err(errors),
    }
}

/// The region the form names: a typed code wins over the list; it must be a known municipality.
async fn chosen_region(
    state: &AppState,
    form: &ConversationForm,
    errors: &mut FormErrors,
) -> Result<Option<MunicipalityCode>, AppError> {
    let (field, raw) = if form.region_code.trim().is_empty() {
        ("region", form.region.trim())
    } else {
        ("region_code", form.region_code.trim())
    };
    if raw.is_empty() {
        return Ok(None);
    }
    let Some(code) = errors.check(field, MunicipalityCode::parse(raw)) else {
        return Ok(None);
    };
    let known = found(state.store.municipality(code).await)?;
    Ok(errors.require(
        field,
        known.map(|municipality| municipality.code),
        "facilitate-error-region-unknown",
    ))
}

/// The organisations the signed-in user may start a conversation for: those where they are an
/// admin or a facilitator (site admins: all).
async fn organisation_choices(state: &AppState, ctx: &Ctx) -> Result<Vec<Organisation>, AppError> {
    let user = ctx.require_user()?;
    let all = state.store.list_organisations().await?;
    if user.is_site_admin {
        return Ok(all);
    }
    let memberships = state.store.memberships_of_user(user.id).await?;
    Ok(all
        .into_iter()
        .filter(|organisation| {
            memberships.iter().any(|membership| {
                membership.organisation_id == organisation.id
                    && matches!(membership.role, Role::Admin | Role::Facilitator)
            })
        })
        .collect())
}

/// Regions with a profile, named, for the region list.
async fn region_choices(state: &AppState, ctx: &Ctx) -> Result<Vec<(String, String)>, AppError> {
    let mut choices = Vec::new();
    for profile in state.store.list_region_profiles().await? {
        if let Some(municipality) = found(state.store.municipality(profile.code).await)? {
            choices.push((
                profile.code.to_string(),
                format!(
                    "{} ({})",
                    municipality_name(ctx.locale, &municipality),
                    profile.code
                ),
            ));
        }
    }
    Ok(choices)
}

pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let organisations = organisation_choices(&state, &ctx).await?;
    if organisations.is_empty() {
        return Err(AppError::Forbidden);
    }
    let regions = region_choices(&state, &ctx).await?;
    let view = FormView {
        conversation: None,
        organisations: &organisations,
        regions: &regions,
        form: ConversationForm::blank(),
        errors: FormErrors::new(),
    };
    Ok(html_response(render_form(&ctx, &view)))
}

pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(form): Form<ConversationForm>,
) -> Result<Response, AppError> {
    let user = ctx.require_user()?;
    let organisations = organisation_choices(&state, &ctx).await?;
    if organisations.is_empty() {
        return Err(AppError::Forbidden);
    }
    let mut errors = FormErrors::new();
    // Only an organisation the person may act for: the list on the page is not a permission.
    let organisation = errors.require(
        "organisation",
        organisations
            .iter()
            .find(|organisation| organisation.id.0.to_string() == form.organisation.trim())
            .map(|organisation| organisation.id),
        "facilitate-error-organisation",
    );
    let region = chosen_region(&state, &form, &mut errors).await?;
    let parsed = parse_conversation_form(
        &form,
        organisation.unwrap_or(OrganisationId(0)),
        region,
        errors,
    );
    match (parsed, organisation) {
        (Ok(new_conversation), Some(_)) => {
            let conversation = state
                .store
                .create_conversation(&new_conversation, OffsetDateTime::now_utc())
                .await?;
            // The creator is named on the conversation, so they keep it even if their
            // organisation role changes later.
            state
                .store
                .add_facilitator(conversation.id, user.id)
                .await?;
            record_audit(
                &state,
                conversation.id,
                user,
                FacilitatorAction::CreateConversation,
                Some(format!("conversation:{}", conversation.id)),
                None,
            )
            .await?;
            Ok(Redirect::to(&format!(
                "/conversations/{}/manage?done=created",
                conversation.id
            ))
            .into_response())
        }
        (parsed, _) => {
            let errors = parsed.err().unwrap_or_default();
            let regions = region_choices(&state, &ctx).await?;
            let view = FormView {
                conversation: None,
                organisations: &organisations,
                regions: &regions,
                form,
                errors,
            };
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                render_form(&ctx, &view),
            ))
        }
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
) -> Result<Response, AppError> {
    let id = conversation_id_from_path(&raw_id)?;
    let (conversation, _) = require_facilitator(&state, &ctx, id).await?;
    let organisation = state.store.organisation(conversation.organisation).await?;
    let regions = region_choices(&state, &ctx).await?;
    let view = FormView {
        conversation: Some(&conversation),
        organisations: std::slice::from_ref(&organisation),
        regions: &regions,
        form: ConversationForm::from_conversation(&conversation),
        errors: FormErrors::new(),
    };
    Ok(html_response(render_form(&ctx, &view)))
}

pub async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<ConversationForm>,
) -> Result<Response, AppError> {
    let id = conversation_id_from_path(&raw_id)?;
    let (conversation, user) = require_facilitator(&state, &ctx, id).await?;
    let mut errors = FormErrors::new();
    let region = chosen_region(&state, &form, &mut errors).await?;
    // The owner is fixed at creation: whatever the form says is ignored.
    match parse_conversation_form(&form, conversation.organisation, region, errors) {
        Ok(update) => {
            state.store.update_conversation(id, &update).await?;
            record_audit(
                &state,
                id,
                user,
                FacilitatorAction::EditConversation,
                Some(format!("conversation:{id}")),
                None,
            )
            .await?;
            Ok(Redirect::to(&format!("/conversations/{id}/manage?done=saved")).into_response())
        }
        Err(errors) => {
            let organisation = state.store.organisation(conversation.organisation).await?;
            let regions = region_choices(&state, &ctx).await?;
            let view = FormView {
                conversation: Some(&conversation),
                organisations: std::slice::from_ref(&organisation),
                regions: &regions,
                form,
                errors,
            };
            Ok(html_response_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                render_form(&ctx, &view),
            ))
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct StateForm {
    #[serde(default)]
    state: String,
}

/// Move the conversation to another state, if its life allows that step.
pub async fn change_state(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(raw_id): Path<String>,
    Form(form): Form<StateForm>,
) -> Result<Response, AppError> {
    let id = conversation_id_from_path(&raw_id)?;
    let (conversation, user) = require_facilitator(&state, &ctx, id).await?;
    let next = ConversationState::parse(&form.state).ok_or(AppError::BadRequest {
        message_id: "facilitate-error-state-unknown",
    })?;
    if !conversation.state.can_become(next) {
        return Err(AppError::Conflict {
            message_id: "facilitate-error-state-transition",
        });
    }
    state
        .store
        .set_conversation_state(id, next, OffsetDateTime::now_utc())
        .await?;
    record_audit(
        &state,
        id,
        user,
        FacilitatorAction::ChangeState,
        Some(format!("conversation:{id}")),
        Some(format!("{} → {}", conversation.state, next)),
    )
    .await?;
    Ok(Redirect::to(&format!("/conversations/{id}/manage?done=state")).into_response())
}

/// The buttons for the states a conversation may move to next.
pub(crate) fn state_buttons(ctx: &Ctx, conversation: &Conversation) -> Markup {
    let next_states: Vec<ConversationState> = ConversationState::ALL
        .iter()
        .copied()
        .filter(|next| conversation.state.can_become(*next))
        .collect();
    html! {
        @if next_states.is_empty() {
            p class="muted" { (ctx.t("facilitate-state-final")) }
        } @else {
            div class="state-actions" {
                @for next in &next_states {
                    form method="post" action={ "/conversations/" (conversation.id) "/state" } class="inline-form" {
                        (csrf_field(ctx))
                        input type="hidden" name="state" value=(next.as_str());
                        button type="submit" class={ "button" @if *next == ConversationState::Archived { " button-secondary" } } {
                            (ctx.t(&format!("facilitate-state-action-{}", next.as_str())))
                        }
                    }
                    " "
                }
            }
            p class="hint small" { (ctx.t(&format!("facilitate-state-explain-{}", conversation.state.as_str()))) }
        }
    }
}

pub(crate) fn state_label(ctx: &Ctx, state: ConversationState) -> String {
    ctx.t(&state_message_id(state))
}

/// What the settings page shows: a new conversation (no `conversation`) or an existing one.
struct FormView<'a> {
    conversation: Option<&'a Conversation>,
    organisations: &'a [Organisation],
    regions: &'a [(String, String)],
    form: ConversationForm,
    errors: FormErrors,
}

fn field<'a>(ctx: &Ctx, name: &'static str) -> Field<'a> {
    Field::new(name, label(ctx, name))
}

fn render_form(ctx: &Ctx, view: &FormView<'_>) -> Markup {
    let form = &view.form;
    let errors = &view.errors;
    let (title, action) = match view.conversation {
        Some(conversation) => (
            ctx.t("facilitate-edit-title"),
            format!("/conversations/{}/edit", conversation.id),
        ),
        None => (
            ctx.t("facilitate-new-title"),
            "/conversations/new".to_owned(),
        ),
    };
    let organisations: Vec<(String, String)> = view
        .organisations
        .iter()
        .map(|organisation| {
            (
                organisation.id.0.to_string(),
                organisation.name.text(ctx.locale).to_owned(),
            )
        })
        .collect();
    let mut regions: Vec<(String, String)> = vec![(String::new(), ctx.t("facilitate-region-none"))];
    regions.extend(view.regions.iter().cloned());
    // A region without a profile stays selectable when it is the current one.
    if !form.region.is_empty() && !regions.iter().any(|(code, _)| *code == form.region) {
        regions.push((form.region.clone(), form.region.clone()));
    }
    let moderation_modes: Vec<(&str, String)> = ModerationMode::ALL
        .iter()
        .map(|mode| {
            (
                mode.as_str(),
                ctx.t(&format!("facilitate-moderation-{}", mode.as_str())),
            )
        })
        .collect();
    let participation_modes: Vec<(&str, String)> = ParticipationMode::ALL
        .iter()
        .map(|mode| {
            (
                mode.as_str(),
                ctx.t(&format!(
                    "facilitate-participation-{}",
                    mode.as_str().replace('_', "-")
                )),
            )
        })
        .collect();
    let hint_chars = |max: usize| {
        crate::i18n::t_args(ctx.locale, "facilitate-hint-chars", &[("max", max.into())])
    };
    let checkbox = |name: &'static str, question: AttributeQuestion, label_id: &str| {
        let id = crate::forms::control_id(name);
        html! {
            div class="checkbox" {
                input type="checkbox" id=(id) name=(name) value="on" checked[form.asks(question)];
                label for=(id) { (ctx.t(label_id)) }
            }
        }
    };
    let body = html! {
        @if let Some(conversation) = view.conversation {
            (conversation_header(ctx, conversation, Section::Settings, &title, true))
        } @else {
            h1 { (title) }
            p class="lead" { (ctx.t("facilitate-new-lead")) }
        }
        (errors.summary(ctx, |field| label(ctx, field)))
        form method="post" action=(action) class="stacked wide" novalidate {
            (csrf_field(ctx))
            @if view.conversation.is_some() {
                div class="field" {
                    span class="field-label" { (label(ctx, "organisation")) }
                    p { strong { (organisations.first().map(|(_, name)| name.as_str()).unwrap_or_default()) } }
                    span class="hint" { (ctx.t("facilitate-hint-organisation-fixed")) }
                }
            } @else {
                (field(ctx, "organisation").value(&form.organisation).required()
                    .select(ctx, errors, &organisations))
            }
            fieldset {
                legend { (ctx.t("facilitate-field-title")) }
                p class="hint" { (ctx.t("facilitate-hint-one-language")) " " (hint_chars(MAX_TITLE_CHARS)) }
                div class="bilingual" {
                    (field(ctx, "title_ja").value(&form.title_ja).lang(Locale::Ja).input(ctx, errors, "text"))
                    (field(ctx, "title_en").value(&form.title_en).lang(Locale::En).input(ctx, errors, "text"))
                }
            }
            fieldset {
                legend { (ctx.t("facilitate-field-question")) }
                p class="hint" { (ctx.t("facilitate-hint-question")) " " (hint_chars(MAX_QUESTION_CHARS)) }
                div class="bilingual" {
                    (field(ctx, "question_ja").value(&form.question_ja).lang(Locale::Ja).textarea(ctx, errors, 3))
                    (field(ctx, "question_en").value(&form.question_en).lang(Locale::En).textarea(ctx, errors, 3))
                }
            }
            fieldset {
                legend { (ctx.t("facilitate-field-description")) }
                p class="hint" { (ctx.t("facilitate-hint-description")) " " (hint_chars(MAX_DESCRIPTION_CHARS)) }
                div class="bilingual" {
                    (field(ctx, "description_ja").value(&form.description_ja).lang(Locale::Ja).textarea(ctx, errors, 6))
                    (field(ctx, "description_en").value(&form.description_en).lang(Locale::En).textarea(ctx, errors, 6))
                }
            }
            fieldset {
                legend { (ctx.t("facilitate-field-region-legend")) }
                (field(ctx, "region").value(&form.region).select(ctx, errors, &regions))
                (field(ctx, "region_code").value(&form.region_code)
                    .hint(ctx.t("facilitate-hint-region-code")).input(ctx, errors, "text"))
            }
            (field(ctx, "moderation_mode").value(&form.moderation_mode).required()
                .hint(ctx.t("facilitate-hint-moderation")).select(ctx, errors, &moderation_modes))
            fieldset {
                legend { (ctx.t("facilitate-field-participation-legend")) }
                (field(ctx, "participation_mode").value(&form.participation_mode).required()
                    .select(ctx, errors, &participation_modes))
                (field(ctx, "invitation_code").value(&form.invitation_code)
                    .hint(ctx.t("facilitate-hint-invitation-code")).input(ctx, errors, "text"))
            }
            fieldset {
                legend { (ctx.t("facilitate-field-attributes")) }
                p class="hint" { (ctx.t("facilitate-hint-attributes")) }
                (checkbox("ask_age_band", AttributeQuestion::AgeBand, "facilitate-attribute-age-band"))
                (checkbox("ask_district", AttributeQuestion::District, "facilitate-attribute-district"))
                (field(ctx, "districts").value(&form.districts)
                    .hint(ctx.t("facilitate-hint-districts")).textarea(ctx, errors, 5))
                (checkbox("ask_relationship", AttributeQuestion::Relationship, "facilitate-attribute-relationship"))
            }
            div class="form-actions" {
                button type="submit" class="button" {
                    @if view.conversation.is_some() { (ctx.t("form-save")) } @else { (ctx.t("facilitate-create")) }
                }
                @if let Some(conversation) = view.conversation {
                    a href={ "/conversations/" (conversation.id) "/manage" } { (ctx.t("form-cancel")) }
                } @else {
                    a href="/conversations" { (ctx.t("form-cancel")) }
                }
            }
        }
    };
    page(ctx, &title, body)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn filled() -> ConversationForm {
        ConversationForm {
            title_ja: "駅前の未来".into(),
            question_ja: "駅前をどうしたいですか".into(),
            ..ConversationForm::blank()
        }
    }

    #[test]
    fn a_title_and_question_in_one_language_are_enough() {
        let parsed =
            parse_conversation_form(&filled(), OrganisationId(1), None, FormErrors::new()).unwrap();
        assert_eq!(parsed.title.ja.as_deref(), Some("駅前の未来"));
        assert_eq!(parsed.title.en, None);
        assert_eq!(parsed.moderation_mode, ModerationMode::Pre);
        assert!(parsed.invitation_code.is_none());
    }

    #[test]
    fn missing_texts_and_codes_are_reported_field_by_field() {
        let form = ConversationForm {
            participation_mode: "invitation_code".into(),
            invitation_code: "ab".into(),
            ask_district: Some("on".into()),
            ..ConversationForm::blank()
        };
        let errors =
            parse_conversation_form(&form, OrganisationId(1), None, FormErrors::new()).unwrap_err();
        assert_eq!(
            errors.get("title_ja").map(Message::id),
            Some("facilitate-error-title-required")
        );
        assert_eq!(
            errors.get("question_ja").map(Message::id),
            Some("facilitate-error-question-required")
        );
        assert_eq!(
            errors.get("invitation_code").map(Message::id),
            Some("error-invitation-code")
        );
        assert_eq!(
            errors.get("districts").map(Message::id),
            Some("facilitate-error-districts-required")
        );
    }

    #[test]
    fn districts_are_one_per_line_without_repeats() {
        let form = ConversationForm {
            ask_district: Some("on".into()),
            districts: "土淵町\r\n\n附馬牛町\n土淵町\n".into(),
            participation_mode: "invitation_code".into(),
            invitation_code: "ｔｏｎｏ-2026".into(),
            ..filled()
        };
        let parsed =
            parse_conversation_form(&form, OrganisationId(1), None, FormErrors::new()).unwrap();
        assert_eq!(parsed.district_options, vec!["土淵町", "附馬牛町"]);
        assert_eq!(
            parsed.attribute_questions,
            vec![AttributeQuestion::District]
        );
        assert_eq!(
            parsed.invitation_code.as_ref().map(InvitationCode::as_str),
            Some("TONO-2026")
        );
    }
}
