//! Form building blocks shared by the account and admin pages: labelled fields that show their
//! own error, and the list of errors a submitted form produced.
//!
//! An invalid field gets `aria-invalid="true"` and `aria-describedby` pointing at its message, so
//! screen readers announce the problem on the field itself; a summary at the top of the form
//! links to each field.

use maud::{Markup, html};
use sosei_core::UserFacingError;

use crate::context::Ctx;

/// Per-field Fluent message ids of a submitted form, in field order.
#[derive(Debug, Default, Clone)]
pub struct FieldErrors {
    errors: Vec<(&'static str, &'static str)>,
}

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Record the first error of `field` (later ones for the same field are dropped).
    pub fn add(&mut self, field: &'static str, message_id: &'static str) {
        if self.get(field).is_none() {
            self.errors.push((field, message_id));
        }
    }

    /// Keep the parsed value, or record why `field` did not parse.
    pub fn check<T, E: UserFacingError>(
        &mut self,
        field: &'static str,
        parsed: Result<T, E>,
    ) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(error) => {
                self.add(field, error.message_id());
                None
            }
        }
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, message_id)| *message_id)
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.errors.iter().copied()
    }
}

/// One labelled input.
pub struct Field<'a> {
    /// The form field name, also used for the element id.
    pub name: &'static str,
    pub label: String,
    /// `text`, `email` or `password`.
    pub input_type: &'static str,
    /// What the person typed before (never for passwords).
    pub value: &'a str,
    pub autocomplete: &'static str,
    pub hint: Option<String>,
    pub required: bool,
}

impl<'a> Field<'a> {
    pub fn new(name: &'static str, label: String, input_type: &'static str) -> Self {
        Field {
            name,
            label,
            input_type,
            value: "",
            autocomplete: "off",
            hint: None,
            required: true,
        }
    }

    pub fn value(mut self, value: &'a str) -> Self {
        self.value = value;
        self
    }

    pub fn autocomplete(mut self, autocomplete: &'static str) -> Self {
        self.autocomplete = autocomplete;
        self
    }

    pub fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn optional(mut self) -> Self {
        self.required = false;
        self
    }

    pub fn render(&self, ctx: &Ctx, errors: &FieldErrors) -> Markup {
        let error = errors.get(self.name);
        let hint_id = format!("{}-hint", self.name);
        let error_id = format!("{}-error", self.name);
        let described_by: Vec<&str> = [
            self.hint.as_ref().map(|_| hint_id.as_str()),
            error.map(|_| error_id.as_str()),
        ]
        .into_iter()
        .flatten()
        .collect();
        let described_by = (!described_by.is_empty()).then(|| described_by.join(" "));
        // Passwords are never sent back to the browser.
        let value = (self.input_type != "password").then_some(self.value);
        html! {
            div class="field" {
                label for=(self.name) { (self.label) }
                @if let Some(hint) = &self.hint {
                    p id=(hint_id) class="hint" { (hint) }
                }
                @if let Some(message_id) = error {
                    p id=(error_id) class="field-error" { (ctx.t(message_id)) }
                }
                input id=(self.name) name=(self.name) type=(self.input_type) value=[value]
                    autocomplete=(self.autocomplete) required[self.required]
                    aria-invalid=[error.map(|_| "true")] aria-describedby=[described_by];
            }
        }
    }
}

/// The error summary at the top of a form: a heading and a link to each invalid field.
pub fn error_summary(ctx: &Ctx, errors: &FieldErrors, labels: &[(&str, String)]) -> Markup {
    if errors.is_empty() {
        return html! {};
    }
    html! {
        div class="alert alert-error" role="alert" {
            p { strong { (ctx.t("auth-form-error-summary")) } }
            ul {
                @for (field, message_id) in errors.iter() {
                    @let label = labels.iter().find(|(name, _)| *name == field).map(|(_, label)| label.as_str());
                    li {
                        a href={ "#" (field) } {
                            @if let Some(label) = label { (label) (label_separator(ctx)) }
                            (ctx.t(message_id))
                        }
                    }
                }
            }
        }
    }
}

fn label_separator(ctx: &Ctx) -> &'static str {
    match ctx.locale {
        sosei_core::Locale::Ja => "：",
        sosei_core::Locale::En => ": ",
    }
}

/// One labelled drop-down list.
pub struct Select<'a> {
    pub name: &'static str,
    pub label: String,
    /// `(value, label)` pairs, in display order.
    pub options: Vec<(String, String)>,
    pub selected: &'a str,
}

impl Select<'_> {
    pub fn render(&self, ctx: &Ctx, errors: &FieldErrors) -> Markup {
        let error = errors.get(self.name);
        let error_id = format!("{}-error", self.name);
        html! {
            div class="field" {
                label for=(self.name) { (self.label) }
                @if let Some(message_id) = error {
                    p id=(error_id) class="field-error" { (ctx.t(message_id)) }
                }
                select id=(self.name) name=(self.name) required
                    aria-invalid=[error.map(|_| "true")]
                    aria-describedby=[error.map(|_| error_id.as_str())] {
                    @for (value, label) in &self.options {
                        option value=(value) selected[value == self.selected] { (label) }
                    }
                }
            }
        }
    }
}
