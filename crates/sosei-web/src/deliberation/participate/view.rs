//! The pages for taking part: the conversation list, the conversation with its voting area, one
//! statement, and refusals. The voting area is also sent alone (as JSON) to `deliberation.js`.

use maud::{Markup, html};
use sosei_core::deliberation::{
    AgeBand, AttributeQuestion, Conversation, ConversationState, FactCard, ModerationMode,
    ParticipationMode, RelationshipToTown, Statement, StatementText, VoteChoice,
};
use sosei_core::{ConversationId, StatementId};

use super::{JoinForm, ListedConversation, NO_ANSWER, Participation, WriteForm, attribute_field};
use crate::context::Ctx;
use crate::deliberation::translations;
use crate::forms::{Field, FormErrors, control_id};
use crate::layout::{
    PageHeader, csrf_field, localized, localized_paragraphs, page, percent_encode,
};

/// The conversation page for one visitor, with whatever the last form sent back.
pub(crate) struct ConversationPage<'a> {
    pub participation: &'a Participation,
    /// A Fluent id for the message at the top (after joining or writing).
    pub notice: Option<&'static str>,
    pub join_form: JoinForm,
    pub join_errors: FormErrors,
    pub write_form: WriteForm,
    pub write_errors: FormErrors,
    /// Statements similar to the one being written, to show before it is posted.
    pub similar: Vec<StatementId>,
    /// Results: the "where you stand" box (rendered by `results.rs`), on the main page only.
    pub where_you_stand: Option<Markup>,
    /// The conversation's management page, for those who may facilitate it.
    pub manage_path: Option<String>,
}

impl<'a> ConversationPage<'a> {
    pub fn new(participation: &'a Participation) -> Self {
        ConversationPage {
            participation,
            notice: None,
            join_form: JoinForm::default(),
            join_errors: FormErrors::new(),
            write_form: WriteForm::default(),
            write_errors: FormErrors::new(),
            similar: Vec::new(),
            where_you_stand: None,
            manage_path: None,
        }
    }
}

fn conversation_path(id: ConversationId) -> String {
    super::conversation_path(id)
}

fn statement_path(conversation: ConversationId, statement: StatementId) -> String {
    format!("{}/statements/{statement}", conversation_path(conversation))
}

fn field_label(ctx: &Ctx, field: &str) -> String {
    ctx.t(&format!("participate-field-{}", field.replace('_', "-")))
}

fn state_message_id(state: ConversationState) -> &'static str {
    match state {
        ConversationState::Draft => "participate-state-draft",
        ConversationState::Open => "participate-state-open",
        ConversationState::Closed => "participate-state-closed",
        ConversationState::Archived => "participate-state-archived",
    }
}

pub(crate) fn choice_message_id(choice: VoteChoice) -> &'static str {
    match choice {
        VoteChoice::Agree => "participate-vote-agree",
        VoteChoice::Disagree => "participate-vote-disagree",
        VoteChoice::Pass => "participate-vote-pass",
    }
}

fn args(ctx: &Ctx, id: &str, values: &[(&str, usize)]) -> String {
    let args: Vec<(&str, fluent_templates::fluent_bundle::FluentValue<'_>)> = values
        .iter()
        .map(|(name, value)| (*name, (*value).into()))
        .collect();
    crate::i18n::t_args(ctx.locale, id, &args)
}

/// A statement's text in the reader's language (a translation when there is one), marked with
/// its language when it differs from the page's.
fn statement_text(ctx: &Ctx, participation: &Participation, statement: &Statement) -> Markup {
    translations::statement_inline(ctx, statement, &participation.translations)
}

/// [`statement_text`] as a paragraph, followed by who translated it and the original.
fn statement_text_block(
    ctx: &Ctx,
    participation: &Participation,
    statement: &Statement,
    text_id: &str,
) -> Markup {
    translations::statement_block(
        ctx,
        statement,
        &participation.translations,
        Some(text_id),
        "statement-text",
    )
}

fn breadcrumb(ctx: &Ctx, conversation: Option<&Conversation>) -> Markup {
    html! {
        nav aria-label=(ctx.t("breadcrumb-label")) class="breadcrumb" {
            ol {
                li { a href="/" { (ctx.t("participate-breadcrumb-home")) } }
                li { a href="/conversations" { (ctx.t("participate-list-title")) } }
                @if let Some(conversation) = conversation {
                    li { a href=(conversation_path(conversation.id)) { (localized(ctx, &conversation.title)) } }
                }
            }
        }
    }
}

/// The enhancement script; the pages work without it.
fn script() -> Markup {
    html! { script src=(crate::assets::DELIBERATION_SCRIPT_PATH) defer {} }
}

// --- the list ------------------------------------------------------------------------------------

pub(crate) fn list_page(ctx: &Ctx, conversations: &[ListedConversation]) -> Markup {
    let title = ctx.t("participate-list-title");
    let body = html! {
        (PageHeader::new(html! { (title) })
            .lead(html! { p class="lead" { (ctx.t("participate-list-lead")) } })
            .render())
        @if conversations.is_empty() {
            p class="empty-state" { (ctx.t("participate-list-empty")) }
        } @else {
            ul class="card-grid conversation-list" {
                @for listed in conversations {
                    @let conversation = &listed.conversation;
                    li class="card" {
                        p class="card-meta" {
                            span class={ "tag state-tag state-" (conversation.state.as_str()) } { (ctx.t(state_message_id(conversation.state))) }
                        }
                        h2 { a href=(conversation_path(conversation.id)) { (localized(ctx, &conversation.title)) } }
                        p class="conversation-question" { (localized(ctx, &conversation.question)) }
                        p class="card-meta" {
                            @if let Some(organisation) = &listed.organisation {
                                a href={ "/organisations/" (organisation.slug) } { (localized(ctx, &organisation.name)) }
                            }
                            @if let Some(region) = &listed.region_name {
                                @if listed.organisation.is_some() { " · " }
                                (region)
                            }
                        }
                        p class="card-meta" {
                            (args(ctx, "participate-list-counts", &[("participants", listed.participants), ("statements", listed.statements)]))
                        }
                        (crate::deliberation::listing::conversation_links(ctx, conversation, crate::deliberation::listing::ShownOn::Elsewhere, None))
                    }
                }
            }
        }
    };
    page(ctx, &title, html! { (breadcrumb(ctx, None)) (body) })
}

// --- fact cards ----------------------------------------------------------------------------------

/// A number as people read it: thousands grouped, no needless decimals.
pub(crate) fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let digits = format!("{}", value.abs() as i64);
        let mut grouped = String::new();
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        if value < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else {
        let text = format!("{value:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

fn fact_card(ctx: &Ctx, card: &FactCard) -> Markup {
    html! {
        article class="fact-card" {
            @if let Some(value) = card.value {
                p class="fact-figure" {
                    data value=(value) { (format_number(value)) }
                    @if let Some(unit) = &card.unit { span class="fact-unit" { (unit) } }
                }
            }
            p class="fact-text" { (localized(ctx, &card.text)) }
            p class="fact-source" {
                span class="fact-source-label" { (ctx.t("participate-fact-source")) }
                @match card.source_url.as_deref().filter(|url| crate::organisations::is_web_address(url)) {
                    Some(url) => { a href=(url) rel="noopener noreferrer" { (card.source_citation) } }
                    None => { (card.source_citation) }
                }
                @if let Some(as_of) = card.as_of {
                    " " span class="fact-date" {
                        (crate::i18n::t_args(ctx.locale, "participate-fact-as-of", &[("date", crate::i18n::format_date(ctx.locale, as_of).into())]))
                    }
                }
            }
        }
    }
}

/// The "事実・データ" panel beside a statement or at the top of a conversation.
fn facts_panel(ctx: &Ctx, cards: &[&FactCard], heading_id: &str, heading_level: u8) -> Markup {
    if cards.is_empty() {
        return html! {};
    }
    let heading = html! {
        span class="facts-icon" aria-hidden="true" { "i" }
        (ctx.t("participate-facts-heading"))
    };
    html! {
        aside class="facts-panel" aria-labelledby=(heading_id) {
            @if heading_level == 2 {
                h2 id=(heading_id) class="facts-heading" { (heading) }
            } @else {
                h3 id=(heading_id) class="facts-heading" { (heading) }
            }
            @for card in cards { (fact_card(ctx, card)) }
        }
    }
}

// --- voting ----------------------------------------------------------------------------------------

/// The three answer buttons for one statement. `enhanced` lets `deliberation.js` take the form
/// over; `current` marks the participant's present answer.
fn vote_form(
    ctx: &Ctx,
    conversation: ConversationId,
    statement: StatementId,
    current: Option<VoteChoice>,
    enhanced: bool,
) -> Markup {
    html! {
        form method="post" action={ (conversation_path(conversation)) "/votes" } class="vote-form"
            data-vote-form[enhanced] {
            (csrf_field(ctx))
            input type="hidden" name="statement_id" value=(statement);
            div class="vote-buttons" role="group" aria-label=(ctx.t("participate-vote-group")) {
                @for choice in [VoteChoice::Agree, VoteChoice::Disagree, VoteChoice::Pass] {
                    @let is_current = current == Some(choice);
                    button type="submit" name="choice" value=(choice.as_str())
                        class={ "vote-button vote-" (choice.as_str()) @if is_current { " vote-current" } } {
                        span class="vote-symbol" aria-hidden="true" {
                            @match choice { VoteChoice::Agree => "○", VoteChoice::Disagree => "×", VoteChoice::Pass => "－" }
                        }
                        (ctx.t(choice_message_id(choice)))
                        @if is_current { span class="visually-hidden" { (ctx.t("participate-vote-current-suffix")) } }
                    }
                }
            }
        }
    }
}

/// The part of the page that changes with each vote: progress, the statement to answer with its
/// fact cards, and the answers so far. `deliberation.js` swaps it whole.
pub(crate) fn voting_area(ctx: &Ctx, participation: &Participation) -> Markup {
    let conversation = &participation.conversation;
    let total = participation.shown.len();
    let answered = participation.answered();
    let next = participation
        .next
        .and_then(|id| participation.statement(id))
        .filter(|_| participation.may_vote());
    html! {
        div id="voting-area" class="voting-area" {
            @if total > 0 {
                div class="vote-progress" {
                    p id="vote-progress-label" {
                        (args(ctx, "participate-progress", &[("total", total), ("answered", answered)]))
                    }
                    progress max=(total) value=(answered) aria-labelledby="vote-progress-label" {
                        (answered) " / " (total)
                    }
                }
            }
            @if let Some(statement) = next {
                @let cards = participation.fact_cards_of(statement.id);
                div class={ "vote-layout" @if !cards.is_empty() { " vote-layout-with-facts" } } {
                    article id="current-statement" class="statement-card" tabindex="-1"
                        aria-labelledby="current-statement-label current-statement-text" {
                        p id="current-statement-label" class="statement-kicker" {
                            (ctx.t("participate-current-statement"))
                            @if statement.is_meta { " " span class="tag" { (ctx.t("participate-meta")) } }
                        }
                        (statement_text_block(ctx, participation, statement, "current-statement-text"))
                        p class="small muted" { (ctx.t("participate-vote-prompt")) }
                        (vote_form(ctx, conversation.id, statement.id, None, true))
                        p class="small" {
                            a href=(statement_path(conversation.id, statement.id)) { (ctx.t("participate-statement-details")) }
                        }
                    }
                    (facts_panel(ctx, &cards, "statement-facts-heading", 3))
                }
            } @else if participation.may_vote() {
                div id="current-statement" class="statement-card statement-card-done" tabindex="-1" {
                    p class="statement-text" {
                        @if total == 0 { (ctx.t("participate-no-statements")) } @else { (ctx.t("participate-all-answered")) }
                    }
                    p { a href="#write" { (ctx.t("participate-write-invitation")) } }
                }
            }
            (vote_history(ctx, participation))
        }
    }
}

/// The statements this participant answered, each linking to where the answer can be changed.
fn vote_history(ctx: &Ctx, participation: &Participation) -> Markup {
    let conversation = participation.conversation.id;
    let answered: Vec<(&Statement, VoteChoice)> = participation
        .shown
        .iter()
        .filter_map(|statement| {
            participation
                .my_votes
                .get(&statement.id)
                .map(|choice| (statement, *choice))
        })
        .collect();
    if answered.is_empty() && participation.own_pending.is_empty() {
        return html! {};
    }
    html! {
        section class="vote-history" aria-labelledby="vote-history-heading" {
            h3 id="vote-history-heading" {
                (args(ctx, "participate-history-heading", &[("count", answered.len())]))
            }
            p class="small muted" { (ctx.t("participate-history-hint")) }
            ol class="vote-history-list" {
                @for (statement, choice) in &answered {
                    li {
                        span class={ "vote-badge vote-badge-" (choice.as_str()) } { (ctx.t(choice_message_id(*choice))) }
                        a href=(statement_path(conversation, statement.id)) { (statement_text(ctx, participation, statement)) }
                    }
                }
                @for statement in &participation.own_pending {
                    li {
                        span class="vote-badge vote-badge-pending" { (ctx.t("participate-pending")) }
                        a href=(statement_path(conversation, statement.id)) { (statement_text(ctx, participation, statement)) }
                    }
                }
            }
        }
    }
}

/// What the live region says after a vote made with the script.
pub(crate) fn vote_announcement(
    ctx: &Ctx,
    participation: &Participation,
    choice: VoteChoice,
) -> String {
    let answered = crate::i18n::t_args(
        ctx.locale,
        "participate-announce-voted",
        &[("choice", ctx.t(choice_message_id(choice)).into())],
    );
    let then = if participation.next.is_some() {
        ctx.t("participate-announce-next")
    } else {
        ctx.t("participate-all-answered")
    };
    crate::deliberation::report::join_sentences(ctx.locale, &[answered, then])
}

// --- joining ---------------------------------------------------------------------------------------

/// The choices of one attribute question, "prefer not to say" last.
fn attribute_options(
    ctx: &Ctx,
    conversation: &Conversation,
    question: AttributeQuestion,
) -> Vec<(String, String)> {
    match question {
        AttributeQuestion::AgeBand => AgeBand::ALL
            .iter()
            .map(|band| {
                (
                    band.as_str().to_owned(),
                    ctx.t(&format!(
                        "participate-age-{}",
                        band.as_str().replace('_', "-")
                    )),
                )
            })
            .collect(),
        AttributeQuestion::Relationship => RelationshipToTown::ALL
            .iter()
            .map(|relation| {
                (
                    relation.as_str().to_owned(),
                    ctx.t(&format!(
                        "participate-relationship-{}",
                        relation.as_str().replace('_', "-")
                    )),
                )
            })
            .collect(),
        AttributeQuestion::District => conversation
            .district_options
            .iter()
            .map(|district| (district.clone(), district.clone()))
            .chain(std::iter::once((
                NO_ANSWER.to_owned(),
                ctx.t("participate-age-no-answer"),
            )))
            .collect(),
    }
}

/// One attribute question as a group of radio buttons (arrow keys move between them).
fn radio_group(
    ctx: &Ctx,
    errors: &FormErrors,
    field: &'static str,
    options: &[(String, String)],
    selected: &str,
) -> Markup {
    let error = errors.get(field);
    let hint_id = format!("{field}-hint");
    let error_id = format!("{field}-error");
    let described_by = if error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    html! {
        fieldset class={ "radio-group" @if error.is_some() { " field-invalid" } } aria-describedby=(described_by) {
            legend { (field_label(ctx, field)) }
            span class="hint" id=(hint_id) { (ctx.t("participate-attribute-hint")) }
            @if let Some(error) = error {
                span class="field-error" id=(error_id) { (error.in_locale(ctx.locale)) }
            }
            div class="radio-options" {
                @for (index, (value, label)) in options.iter().enumerate() {
                    @let id = if index == 0 { control_id(field) } else { format!("{}-{index}", control_id(field)) };
                    div class="radio-option" {
                        input type="radio" id=(id) name=(field) value=(value)
                            checked[value == selected]
                            aria-invalid=[error.map(|_| "true")];
                        label for=(id) { (label) }
                    }
                }
            }
        }
    }
}

fn join_section(ctx: &Ctx, view: &ConversationPage<'_>) -> Markup {
    let conversation = &view.participation.conversation;
    let form = &view.join_form;
    let needs_account = conversation.participation_mode == ParticipationMode::SignedIn;
    html! {
        section class="join-panel" aria-labelledby="join-heading" {
            h3 id="join-heading" { (ctx.t("participate-join-heading")) }
            @match conversation.participation_mode {
                ParticipationMode::Anonymous => p { (ctx.t("participate-join-anonymous")) },
                ParticipationMode::SignedIn => p { (ctx.t("participate-join-signed-in")) },
                ParticipationMode::InvitationCode => p { (ctx.t("participate-join-code")) },
            }
            @if needs_account && !ctx.is_signed_in() {
                p {
                    a class="button" href={ "/sign-in?return_to=" (percent_encode(&conversation_path(conversation.id))) } {
                        (ctx.t("participate-sign-in-to-join"))
                    }
                }
            } @else {
                (view.join_errors.summary(ctx, |field| field_label(ctx, field)))
                form method="post" action={ (conversation_path(conversation.id)) "/join" } class="stacked join-form" {
                    (csrf_field(ctx))
                    @if conversation.participation_mode == ParticipationMode::InvitationCode {
                        (Field::new("code", field_label(ctx, "code"))
                            .value(&form.code)
                            .hint(ctx.t("participate-code-hint"))
                            .autocomplete("off")
                            .required()
                            .input(ctx, &view.join_errors, "text"))
                    }
                    @if !conversation.attribute_questions.is_empty() {
                        p class="small muted" { (ctx.t("participate-attributes-purpose")) }
                    }
                    @for question in &conversation.attribute_questions {
                        @let field = attribute_field(*question);
                        @let selected = match question {
                            AttributeQuestion::AgeBand => form.age_band.as_str(),
                            AttributeQuestion::District => form.district.as_str(),
                            AttributeQuestion::Relationship => form.relationship.as_str(),
                        };
                        (radio_group(ctx, &view.join_errors, field, &attribute_options(ctx, conversation, *question), selected))
                    }
                    div class="form-actions" {
                        button type="submit" class="button" { (ctx.t("participate-join-button")) }
                    }
                }
            }
        }
    }
}

// --- writing ---------------------------------------------------------------------------------------

fn write_section(ctx: &Ctx, view: &ConversationPage<'_>) -> Markup {
    let participation = view.participation;
    let conversation = &participation.conversation;
    let similar: Vec<&Statement> = view
        .similar
        .iter()
        .filter_map(|id| participation.statement(*id))
        .collect();
    html! {
        section id="write" class="write-panel" aria-labelledby="write-heading" {
            h3 id="write-heading" { (ctx.t("participate-write-heading")) }
            p class="small" {
                @match conversation.moderation_mode {
                    ModerationMode::Pre => (ctx.t("participate-write-moderation-pre")),
                    ModerationMode::Post => (ctx.t("participate-write-moderation-post")),
                }
                " " (ctx.t("participate-write-own-vote"))
            }
            (view.write_errors.summary(ctx, |field| field_label(ctx, field)))
            @if !similar.is_empty() {
                div class="similar-statements" role="alert" aria-labelledby="similar-heading" {
                    h4 id="similar-heading" { (ctx.t("participate-similar-heading")) }
                    p { (ctx.t("participate-similar-lead")) }
                    ul {
                        @for statement in &similar {
                            li {
                                span class="similar-text" { (statement_text(ctx, participation, statement)) }
                                " "
                                a href=(statement_path(conversation.id, statement.id)) {
                                    (ctx.t("participate-similar-vote-instead"))
                                }
                            }
                        }
                    }
                }
            }
            form method="post" action={ (conversation_path(conversation.id)) "/statements" }
                class="stacked statement-form" data-statement-form {
                (csrf_field(ctx))
                (Field::new("text", field_label(ctx, "text"))
                    .value(&view.write_form.text)
                    .hint(args(ctx, "participate-write-limit", &[("ja", StatementText::MAX_WEIGHT / 2), ("en", StatementText::MAX_WEIGHT)]))
                    .required()
                    .textarea(ctx, &view.write_errors, 3))
                p class="char-counter" id="text-counter" data-max=(StatementText::MAX_WEIGHT)
                    data-template=(ctx.t("participate-counter-template"))
                    data-over-template=(ctx.t("participate-counter-over-template"))
                    aria-live="polite" hidden {}
                (Field::new("translation", field_label(ctx, "translation"))
                    .value(&view.write_form.translation)
                    .hint(ctx.t("translation-author-hint"))
                    .textarea(ctx, &view.write_errors, 2))
                @if !similar.is_empty() {
                    div class="checkbox-field" {
                        input type="checkbox" id="field-confirm-duplicate" name="confirm_duplicate" value="1";
                        label for="field-confirm-duplicate" { (ctx.t("participate-similar-confirm")) }
                    }
                }
                div class="form-actions" {
                    button type="submit" class="button" { (ctx.t("participate-write-button")) }
                }
            }
        }
    }
}

// --- the conversation page -----------------------------------------------------------------------------

fn conversation_header(ctx: &Ctx, conversation: &Conversation) -> Markup {
    PageHeader::new(localized(ctx, &conversation.title))
        .class("conversation-header")
        .kicker(html! {
            span class="tag" { (ctx.t("participate-kicker")) }
            " "
            span class={ "tag state-tag state-" (conversation.state.as_str()) } { (ctx.t(state_message_id(conversation.state))) }
        })
        .lead(html! { p class="conversation-question lead" { (localized(ctx, &conversation.question)) } })
        .render()
}

/// The conversation page. Taking part comes straight after the question, before the
/// description and the facts, so on a phone the statement to answer is on the first screen and
/// a screen reader meets the task first too.
pub(crate) fn conversation_page(ctx: &Ctx, view: &ConversationPage<'_>) -> Markup {
    let participation = view.participation;
    let conversation = &participation.conversation;
    let title = conversation.title.text(ctx.locale).to_owned();
    let conversation_cards = participation.conversation_fact_cards();
    let has_about = !conversation.description.is_empty() || !conversation_cards.is_empty();
    let body = html! {
        (breadcrumb(ctx, Some(conversation)))
        (conversation_header(ctx, conversation))
        section id="taking-part" class="taking-part" aria-labelledby="taking-part-heading" {
            h2 id="taking-part-heading" class="visually-hidden" { (ctx.t("participate-taking-part-heading")) }
            @if let Some(notice) = view.notice {
                p class="alert alert-success" role="status" { (ctx.t(notice)) }
            }
            @if !conversation.state.accepts_participation() {
                p class="alert alert-info" { (ctx.t("participate-error-not-open")) }
            }
            // Announcements from deliberation.js; present from the start so screen readers track it.
            p id="vote-status" class="visually-hidden" role="status" aria-live="polite" {}
            @match &participation.participant {
                None if conversation.state.accepts_participation() => { (join_section(ctx, view)) }
                None => {}
                Some(participant) if participant.banned => {
                    p class="alert alert-error" { (ctx.t("participate-error-banned")) }
                }
                Some(_) => {
                    (voting_area(ctx, participation))
                    @if participation.may_vote() { (write_section(ctx, view)) }
                }
            }
        }
        nav class="conversation-pages" aria-label=(ctx.t("navigation-conversation-pages")) {
            (crate::deliberation::listing::conversation_links(ctx, conversation, crate::deliberation::listing::ShownOn::Elsewhere, view.manage_path.as_deref()))
        }
        // Results: where you stand, and the way to the results page.
        @if let Some(where_you_stand) = &view.where_you_stand { (where_you_stand) }
        @if has_about {
            section class="conversation-about" aria-labelledby="conversation-about-heading" {
                h2 id="conversation-about-heading" { (ctx.t("navigation-conversation-about")) }
                @if !conversation.description.is_empty() {
                    div class="prose conversation-description" { (localized_paragraphs(ctx, &conversation.description)) }
                }
                (facts_panel(ctx, &conversation_cards, "conversation-facts-heading", 3))
            }
        }
        (script())
    };
    let description = Some(conversation.question.text(ctx.locale));
    crate::layout::page_described(ctx, &title, description, body)
}

// --- one statement ---------------------------------------------------------------------------------------

pub(crate) fn statement_page(
    ctx: &Ctx,
    participation: &Participation,
    statement: &Statement,
    flagged: bool,
) -> Markup {
    let conversation = &participation.conversation;
    let title = ctx.t("participate-statement-title");
    let current = participation.my_votes.get(&statement.id).copied();
    let is_shown = participation.statement(statement.id).is_some();
    let cards = participation.fact_cards_of(statement.id);
    let body = html! {
        (breadcrumb(ctx, Some(conversation)))
        (PageHeader::new(html! { (title) })
            .subtitle(localized(ctx, &conversation.question))
            .render())
        @if flagged {
            p class="alert alert-success" role="status" { (ctx.t("participate-flagged")) }
        }
        div class={ "vote-layout" @if !cards.is_empty() { " vote-layout-with-facts" } } {
            article class="statement-card" aria-labelledby="statement-text" {
                @if !is_shown {
                    p { span class="vote-badge vote-badge-pending" { (ctx.t("participate-pending")) } }
                }
                (statement_text_block(ctx, participation, statement, "statement-text"))
                p {
                    @match current {
                        Some(choice) => (crate::i18n::t_args(ctx.locale, "participate-your-vote", &[("choice", ctx.t(choice_message_id(choice)).into())])),
                        None => (ctx.t("participate-not-voted")),
                    }
                }
                @if participation.may_vote() && is_shown {
                    h2 class="small-heading" {
                        @if current.is_some() { (ctx.t("participate-change-vote")) } @else { (ctx.t("participate-vote-now")) }
                    }
                    (vote_form(ctx, conversation.id, statement.id, current, false))
                }
            }
            (facts_panel(ctx, &cards, "statement-facts-heading", 2))
        }
        @if participation.participant.is_some() && is_shown && !flagged {
            form method="post" action={ (statement_path(conversation.id, statement.id)) "/flag" } class="flag-form" {
                (csrf_field(ctx))
                p class="small muted" { (ctx.t("participate-flag-hint")) }
                button type="submit" class="button button-secondary button-small" { (ctx.t("participate-flag-button")) }
            }
        }
        p { a href={ (conversation_path(conversation.id)) "#taking-part" } { (ctx.t("participate-back-to-conversation")) } }
    };
    page(ctx, &title, body)
}

// --- refusals -----------------------------------------------------------------------------------------------

pub(crate) fn refusal_page(ctx: &Ctx, conversation: &Conversation, message_id: &str) -> Markup {
    let title = ctx.t(message_id);
    let body = html! {
        (breadcrumb(ctx, Some(conversation)))
        section class="error-page" {
            h1 { (title) }
            p { a class="button" href={ (conversation_path(conversation.id)) "#taking-part" } { (ctx.t("participate-back-to-conversation")) } }
        }
    };
    page(ctx, &title, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sosei_core::Locale;

    #[test]
    fn numbers_are_grouped_and_trimmed() {
        assert_eq!(format_number(26_000.0), "26,000");
        assert_eq!(format_number(-1_234_567.0), "-1,234,567");
        assert_eq!(format_number(999.0), "999");
        assert_eq!(format_number(3.50), "3.5");
        assert_eq!(format_number(1.0 / 3.0), "0.33");
    }

    #[test]
    fn every_answer_has_a_label_in_both_languages() {
        for locale in [Locale::Ja, Locale::En] {
            let ids = AgeBand::ALL
                .iter()
                .map(|band| format!("participate-age-{}", band.as_str().replace('_', "-")))
                .chain(RelationshipToTown::ALL.iter().map(|relation| {
                    format!(
                        "participate-relationship-{}",
                        relation.as_str().replace('_', "-")
                    )
                }));
            for id in ids {
                let text = crate::i18n::t(locale, &id);
                assert!(
                    !text.is_empty() && !text.contains("participate-"),
                    "{id}: {text}"
                );
            }
        }
    }
}
