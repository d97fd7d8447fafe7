//! Form building blocks for every HTML form: the problems a submitted form produced, keyed by
//! field, a labelled control that shows its own hint and error, and the error summary at the top.
//!
//! Problems are kept as Fluent ids with their arguments and put into words only when the form is
//! drawn, so parsing a form needs no language. An invalid control gets `aria-invalid="true"` and
//! `aria-describedby` naming its message, so screen readers announce the problem on the field
//! itself; the summary links to each invalid control (WCAG 3.3.1).

use fluent_templates::fluent_bundle::FluentValue;
use maud::{Markup, html};
use sosei_core::{Locale, TextError, UserFacingError};

use crate::context::Ctx;

/// A message in no language yet: a Fluent id and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, MessageArgument)>,
}

#[derive(Debug, Clone, PartialEq)]
enum MessageArgument {
    Number(usize),
    /// Another message, put into the same language first (e.g. "line 3: too long").
    Message(Message),
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Message {
            id,
            args: Vec::new(),
        }
    }

    pub fn number(mut self, name: &'static str, value: usize) -> Self {
        self.args.push((name, MessageArgument::Number(value)));
        self
    }

    pub fn message(mut self, name: &'static str, value: Message) -> Self {
        self.args.push((name, MessageArgument::Message(value)));
        self
    }

    /// Why a text failed [`sosei_core::text`]'s checks, naming the limit when it was too long.
    pub fn text_error(error: &TextError) -> Self {
        match error {
            TextError::TooLong { max, actual } => Message::new("form-error-too-long")
                .number("max", *max)
                .number("actual", *actual),
            other => Message::new(other.message_id()),
        }
    }

    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in `locale`.
    pub fn in_locale(&self, locale: Locale) -> String {
        if self.args.is_empty() {
            return crate::i18n::t(locale, self.id);
        }
        let args: Vec<(&str, FluentValue<'_>)> = self
            .args
            .iter()
            .map(|(name, argument)| {
                let value = match argument {
                    MessageArgument::Number(number) => (*number).into(),
                    MessageArgument::Message(message) => message.in_locale(locale).into(),
                };
                (*name, value)
            })
            .collect();
        crate::i18n::t_args(locale, self.id, &args)
    }
}

impl From<&'static str> for Message {
    fn from(id: &'static str) -> Self {
        Message::new(id)
    }
}

/// The problems found in a submitted form, field by field, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct FormErrors {
    entries: Vec<(&'static str, Message)>,
}

impl FormErrors {
    pub fn new() -> Self {
        FormErrors::default()
    }

    /// Record a problem with `field` (its form name). Only the first problem of a field is kept:
    /// one clear message beats a list.
    pub fn add(&mut self, field: &'static str, message: impl Into<Message>) {
        if self.get(field).is_none() {
            self.entries.push((field, message.into()));
        }
    }

    /// Keep the parsed value, or record why `field` did not parse.
    pub fn check<T, E: UserFacingError>(
        &mut self,
        field: &'static str,
        parsed: Result<T, E>,
    ) -> Option<T> {
        parsed
            .map_err(|error| self.add(field, error.message_id()))
            .ok()
    }

    /// [`FormErrors::check`] for checked text, whose message names the length limit.
    pub fn check_text<T>(
        &mut self,
        field: &'static str,
        parsed: Result<T, TextError>,
    ) -> Option<T> {
        parsed
            .map_err(|error| self.add(field, Message::text_error(&error)))
            .ok()
    }

    /// Keep `value`, or record `message` for `field` when there is none (an unknown choice, an
    /// address nobody has).
    pub fn require<T>(
        &mut self,
        field: &'static str,
        value: Option<T>,
        message: impl Into<Message>,
    ) -> Option<T> {
        if value.is_none() {
            self.add(field, message);
        }
        value
    }

    pub fn get(&self, field: &str) -> Option<&Message> {
        self.entries
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message)| message)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// A summary at the top of the form linking to each invalid control, or nothing.
    /// `label_of` names a field the way its label does.
    pub fn summary(&self, ctx: &Ctx, label_of: impl Fn(&str) -> String) -> Markup {
        if self.entries.is_empty() {
            return html! {};
        }
        let separator = match ctx.locale {
            Locale::Ja => "：",
            Locale::En => ": ",
        };
        html! {
            div class="alert alert-error error-summary" role="alert" {
                h2 class="error-summary-title" { (ctx.t("form-error-summary")) }
                ul {
                    @for (field, message) in &self.entries {
                        li {
                            a href={ "#" (control_id(field)) } {
                                (label_of(field)) (separator) (message.in_locale(ctx.locale))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The label of `field` in a form whose messages start with `form`: `region-field-vision-ja`
/// for the field `vision_ja` of the form `region`.
pub fn field_label(ctx: &Ctx, form: &str, field: &str) -> String {
    ctx.t(&format!("{form}-field-{}", field.replace('_', "-")))
}

/// The `id` of the control for the form field `name`. The prefix keeps a field from clashing
/// with the page's own ids (a field called `main` would otherwise steal the skip link).
pub fn control_id(name: &str) -> String {
    format!("field-{}", name.replace('_', "-"))
}

/// One labelled form control with its hint and error, wired up with `aria-describedby`.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    /// The form field name.
    name: &'static str,
    label: String,
    /// What the person typed before (never shown again for passwords).
    value: &'a str,
    hint: Option<String>,
    /// The language the value is written in, when it may differ from the page's.
    lang: Option<Locale>,
    required: bool,
    autocomplete: Option<&'static str>,
}

impl<'a> Field<'a> {
    pub fn new(name: &'static str, label: impl Into<String>) -> Self {
        Field {
            name,
            label: label.into(),
            value: "",
            hint: None,
            lang: None,
            required: false,
            autocomplete: None,
        }
    }

    pub fn value(mut self, value: &'a str) -> Self {
        self.value = value;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn lang(mut self, lang: Locale) -> Self {
        self.lang = Some(lang);
        self
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn autocomplete(mut self, autocomplete: &'static str) -> Self {
        self.autocomplete = Some(autocomplete);
        self
    }

    /// An `<input>` of `input_type` (`text`, `email`, `password`, `url`…).
    pub fn input(&self, ctx: &Ctx, errors: &FormErrors, input_type: &str) -> Markup {
        let parts = self.parts(errors);
        // Passwords are never sent back to the browser.
        let value = (input_type != "password").then_some(self.value);
        let control = html! {
            input type=(input_type) id=(parts.id) name=(self.name) value=[value]
                lang=[self.lang.map(Locale::as_str)]
                autocomplete=[self.autocomplete]
                required[self.required]
                aria-invalid=[parts.invalid]
                aria-describedby=[parts.described_by.as_deref()];
        };
        self.wrap(ctx, &parts, control)
    }

    /// An `<input type="file">` taking the media types in `accept` (a browser hint only: the
    /// server decides from the file's bytes). A browser never shows a chosen file again, so the
    /// field has no value.
    pub fn file_input(&self, ctx: &Ctx, errors: &FormErrors, accept: &str) -> Markup {
        let parts = self.parts(errors);
        let control = html! {
            input type="file" id=(parts.id) name=(self.name) accept=(accept)
                required[self.required]
                aria-invalid=[parts.invalid]
                aria-describedby=[parts.described_by.as_deref()];
        };
        self.wrap(ctx, &parts, control)
    }

    /// A `<textarea>` of `rows` lines.
    pub fn textarea(&self, ctx: &Ctx, errors: &FormErrors, rows: u32) -> Markup {
        let parts = self.parts(errors);
        let control = html! {
            textarea id=(parts.id) name=(self.name) rows=(rows)
                lang=[self.lang.map(Locale::as_str)]
                autocomplete=[self.autocomplete]
                required[self.required]
                aria-invalid=[parts.invalid]
                aria-describedby=[parts.described_by.as_deref()] { (self.value) }
        };
        self.wrap(ctx, &parts, control)
    }

    /// A `<select>` of `(value, label)` options with the field's value selected.
    pub fn select<V: AsRef<str>>(
        &self,
        ctx: &Ctx,
        errors: &FormErrors,
        options: &[(V, String)],
    ) -> Markup {
        let parts = self.parts(errors);
        let control = html! {
            select id=(parts.id) name=(self.name)
                autocomplete=[self.autocomplete]
                required[self.required]
                aria-invalid=[parts.invalid]
                aria-describedby=[parts.described_by.as_deref()] {
                @for (value, label) in options {
                    option value=(value.as_ref()) selected[value.as_ref() == self.value] { (label) }
                }
            }
        };
        self.wrap(ctx, &parts, control)
    }

    fn parts<'e>(&self, errors: &'e FormErrors) -> Parts<'e> {
        // The messages are named after the form field (`email-error`), the control is not: see
        // [`control_id`].
        let hint_id = format!("{}-hint", self.name);
        let error_id = format!("{}-error", self.name);
        let error = errors.get(self.name);
        let described_by: Vec<&str> = [
            self.hint.as_ref().map(|_| hint_id.as_str()),
            error.map(|_| error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let described_by = (!described_by.is_empty()).then(|| described_by.join(" "));
        Parts {
            id: control_id(self.name),
            invalid: error.map(|_| "true"),
            described_by,
            hint_id,
            error_id,
            error,
        }
    }

    fn wrap(&self, ctx: &Ctx, parts: &Parts<'_>, control: Markup) -> Markup {
        html! {
            div class={ "field" @if parts.error.is_some() { " field-invalid" } } {
                label for=(parts.id) { (self.label) }
                @if let Some(hint) = &self.hint {
                    span class="hint" id=(parts.hint_id) { (hint) }
                }
                @if let Some(error) = parts.error {
                    span class="field-error" id=(parts.error_id) { (error.in_locale(ctx.locale)) }
                }
                (control)
            }
        }
    }
}

/// The ids and state a control and its wrapper share.
struct Parts<'e> {
    id: String,
    invalid: Option<&'static str>,
    described_by: Option<String>,
    hint_id: String,
    error_id: String,
    error: Option<&'e Message>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(locale: Locale) -> Ctx {
        Ctx {
            locale,
            user: None,
            session_token_hash: None,
            visitor_id: "v".into(),
            csrf_token: "t".into(),
            path_and_query: "/".into(),
            public_url: None,
        }
    }

    #[test]
    fn only_the_first_problem_of_a_field_is_kept() {
        let mut errors = FormErrors::new();
        errors.add("email", "error-text-empty");
        errors.add("email", "auth-error-email-taken");
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors.get("email").map(Message::id),
            Some("error-text-empty")
        );
    }

    #[test]
    fn nested_messages_are_put_into_the_same_language() {
        let too_long = Message::text_error(&TextError::TooLong {
            max: 200,
            actual: 201,
        });
        let message = Message::new("region-error-goal-line")
            .number("line", 3)
            .message("problem", too_long);
        let english = message.in_locale(Locale::En);
        assert!(
            english.contains('3') && english.contains("200"),
            "{english}"
        );
        assert!(message.in_locale(Locale::Ja).contains("3行目"));
    }

    #[test]
    fn an_invalid_control_names_its_hint_and_error() {
        let ctx = ctx(Locale::Ja);
        let mut errors = FormErrors::new();
        errors.add("new_password", "error-text-empty");
        let field = Field::new("new_password", "パスワード")
            .hint("10文字以上")
            .value("secret");
        let html = field.input(&ctx, &errors, "password").into_string();
        assert!(html.contains("id=\"field-new-password\""), "{html}");
        assert!(
            html.contains("<label for=\"field-new-password\">"),
            "{html}"
        );
        assert!(
            html.contains("aria-describedby=\"new_password-hint new_password-error\""),
            "{html}"
        );
        assert!(html.contains("aria-invalid=\"true\""), "{html}");
        assert!(!html.contains("secret"), "passwords are never sent back");

        let valid = Field::new("name_en", "Name")
            .value("Tono")
            .lang(Locale::En)
            .input(&ctx, &FormErrors::new(), "text")
            .into_string();
        assert!(!valid.contains("aria-"), "{valid}");
        assert!(valid.contains("lang=\"en\"") && valid.contains("value=\"Tono\""));
    }

    #[test]
    fn the_summary_links_each_problem_to_its_control() {
        let ctx = ctx(Locale::En);
        let mut errors = FormErrors::new();
        errors.add("name_ja", "error-text-empty");
        let html = errors
            .summary(&ctx, |field| format!("label of {field}"))
            .into_string();
        assert!(html.contains("href=\"#field-name-ja\""), "{html}");
        assert!(
            html.contains("label of name_ja: Please fill this in"),
            "{html}"
        );
        assert!(
            FormErrors::new()
                .summary(&ctx, |_| String::new())
                .0
                .is_empty()
        );
    }
}
