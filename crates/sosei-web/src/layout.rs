//! The page shell every HTML page shares, and small building blocks for forms.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sosei_core::Locale;
use time::OffsetDateTime;

use crate::context::{CSRF_FIELD, Ctx};
use crate::error::ErrorReport;

/// A complete HTML page: the shell around `body`, titled `title`.
pub fn page(ctx: &Ctx, title: &str, body: Markup) -> Markup {
    let locale = ctx.locale;
    html! {
        (DOCTYPE)
        html lang=(locale.as_str()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " | " (ctx.t("site-name")) }
                link rel="stylesheet" href=(crate::assets::STYLESHEET_PATH);
                link rel="icon" href=(crate::assets::ICON_PATH) type="image/svg+xml";
            }
            body {
                a class="skip-link" href="#main" { (ctx.t("skip-to-content")) }
                header class="site-header" {
                    div class="container header-inner" {
                        a class="brand" href="/" {
                            span class="brand-mark" aria-hidden="true" { "創生" }
                            span class="brand-name" { (ctx.t("site-name")) }
                        }
                        nav aria-label=(ctx.t("nav-label")) {
                            ul class="nav-list" {
                                li { a href="/regions" aria-current=[current_section(ctx, "/regions")] { (ctx.t("nav-regions")) } }
                                li { a href="/organisations" aria-current=[current_section(ctx, "/organisations")] { (ctx.t("nav-organisations")) } }
                                @if ctx.is_site_admin() {
                                    li { a href="/admin" aria-current=[current_section(ctx, "/admin")] { (ctx.t("nav-admin")) } }
                                }
                                @if let Some(user) = &ctx.user {
                                    li { a href="/account" { (user.display_name.as_str()) } }
                                    li {
                                        form method="post" action="/sign-out" class="inline-form" {
                                            (csrf_field(ctx))
                                            button type="submit" class="link-button" { (ctx.t("nav-sign-out")) }
                                        }
                                    }
                                } @else {
                                    li { a href="/sign-in" { (ctx.t("nav-sign-in")) } }
                                    li { a href="/sign-up" class="button button-small" { (ctx.t("nav-sign-up")) } }
                                }
                            }
                        }
                        (language_switcher(ctx))
                    }
                }
                main id="main" class="container" tabindex="-1" {
                    (body)
                }
                footer class="site-footer" {
                    div class="container" {
                        p { (ctx.t("footer-tagline")) }
                        p class="small" { (ctx.t("footer-data-credit")) }
                        p class="small" {
                            (crate::i18n::t_args(ctx.locale, "footer-licence", &[("year", OffsetDateTime::now_utc().year().into())]))
                        }
                    }
                }
            }
        }
    }
}

/// `page` for the navigation link of the section this request is in, so assistive technology
/// announces where the reader is.
fn current_section(ctx: &Ctx, section: &str) -> Option<&'static str> {
    let path = ctx
        .path_and_query
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    let inside = path == section
        || path
            .strip_prefix(section)
            .is_some_and(|rest| rest.starts_with('/'));
    inside.then_some("page")
}

/// A POST form with one button: switches the interface to the other language and comes back.
pub fn language_switcher(ctx: &Ctx) -> Markup {
    let other = ctx.locale.other();
    let label = match other {
        Locale::Ja => "日本語",
        Locale::En => "English",
    };
    html! {
        form method="post" action="/language" class="language-switcher" {
            (csrf_field(ctx))
            input type="hidden" name="to" value=(other.as_str());
            input type="hidden" name="return_to" value=(ctx.path_and_query);
            // The visible word is part of the accessible name (WCAG 2.5.3 "label in name"); the
            // explanation follows for screen readers.
            button type="submit" {
                span lang=(other.as_str()) { (label) }
                span class="visually-hidden" { " " (ctx.t("language-switch-label")) }
            }
        }
    }
}

/// The hidden field every state-changing form carries.
pub fn csrf_field(ctx: &Ctx) -> Markup {
    html! { input type="hidden" name=(CSRF_FIELD) value=(ctx.csrf_token); }
}

/// Text in the language it is written in: adds `lang` when it fell back to the other language.
pub fn localized(ctx: &Ctx, text: &sosei_core::LocalizedText) -> Markup {
    match text.get(ctx.locale) {
        Some(shown) if shown.is_fallback => {
            html! { span lang=(shown.locale.as_str()) { (shown.text) } }
        }
        Some(shown) => html! { (shown.text) },
        None => html! {},
    }
}

/// Multi-paragraph localized text: blank lines separate paragraphs.
pub fn localized_paragraphs(ctx: &Ctx, text: &sosei_core::LocalizedText) -> Markup {
    let Some(shown) = text.get(ctx.locale) else {
        return html! {};
    };
    let lang = shown.is_fallback.then(|| shown.locale.as_str());
    html! {
        @for paragraph in shown.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            p lang=[lang] { (paragraph.trim()) }
        }
    }
}

/// An error page in the reader's language.
pub fn error_page(ctx: &Ctx, report: &ErrorReport) -> Response {
    let title = ctx.t(report.message_id);
    let body = html! {
        section class="error-page" {
            h1 { (title) }
            p { (ctx.t("error-status-prefix")) " " (report.status.as_u16()) }
            @if let Some(return_to) = &report.sign_in_return_to {
                p { a class="button" href={ "/sign-in?return_to=" (percent_encode(return_to)) } { (ctx.t("nav-sign-in")) } }
            }
            p { a href="/" { (ctx.t("error-back-home")) } }
        }
    };
    let mut response = (report.status, Html(page(ctx, &title, body).into_string())).into_response();
    if let Some(seconds) = report.retry_after_seconds
        && let Ok(value) = seconds.to_string().parse()
    {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, value);
    }
    response
}

/// Percent-encode a value for a query string.
pub fn percent_encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Render a page as a 200 response.
pub fn html_response(markup: Markup) -> Response {
    (StatusCode::OK, Html(markup.into_string())).into_response()
}

/// Mark raw, already-safe HTML (only for constant strings written in this crate).
pub fn trusted_html(text: &'static str) -> PreEscaped<&'static str> {
    PreEscaped(text)
}

/// The problems found in a submitted form, field by field, already in the reader's language.
#[derive(Debug, Default, Clone)]
pub struct FormErrors {
    entries: Vec<FieldProblem>,
}

#[derive(Debug, Clone)]
struct FieldProblem {
    field: &'static str,
    label: String,
    message: String,
}

impl FormErrors {
    pub fn new() -> Self {
        FormErrors::default()
    }

    /// Record a problem with `field` (its form name), shown next to the field labelled `label`.
    /// Only the first problem of a field is kept: one clear message beats a list.
    pub fn add(
        &mut self,
        field: &'static str,
        label: impl Into<String>,
        message: impl Into<String>,
    ) {
        if self.get(field).is_none() {
            self.entries.push(FieldProblem {
                field,
                label: label.into(),
                message: message.into(),
            });
        }
    }

    pub fn get(&self, field: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|problem| problem.field == field)
            .map(|problem| problem.message.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// A summary at the top of the form linking to each field (WCAG 3.3.1), or nothing.
    pub fn summary(&self, ctx: &Ctx) -> Markup {
        if self.entries.is_empty() {
            return html! {};
        }
        html! {
            div class="alert alert-error error-summary" role="alert" {
                h2 class="error-summary-title" { (ctx.t("pages-error-summary")) }
                ul {
                    @for problem in &self.entries {
                        li { a href={ "#" (field_id(problem.field)) } { (problem.label) "：" (problem.message) } }
                    }
                }
            }
        }
    }
}

/// The `id` of the control for the form field `name`.
pub fn field_id(name: &str) -> String {
    format!("field-{}", name.replace('_', "-"))
}

/// One labelled form control with its hint and error, wired up with `aria-describedby`.
#[derive(Debug, Clone)]
pub struct Field<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub value: &'a str,
    pub hint: Option<&'a str>,
    pub error: Option<&'a str>,
    /// The language the value is written in, when it may differ from the page's.
    pub lang: Option<Locale>,
    pub required: bool,
}

impl<'a> Field<'a> {
    pub fn new(name: &'a str, label: &'a str, value: &'a str) -> Self {
        Field {
            name,
            label,
            value,
            hint: None,
            error: None,
            lang: None,
            required: false,
        }
    }

    pub fn hint(mut self, hint: &'a str) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn error(mut self, error: Option<&'a str>) -> Self {
        self.error = error;
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

    fn described_by(&self, id: &str) -> Option<String> {
        let mut ids = Vec::new();
        if self.hint.is_some() {
            ids.push(format!("{id}-hint"));
        }
        if self.error.is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    fn wrap(&self, id: &str, control: Markup) -> Markup {
        html! {
            div class={ "field" @if self.error.is_some() { " field-invalid" } } {
                label for=(id) { (self.label) }
                @if let Some(hint) = self.hint {
                    span class="hint" id={ (id) "-hint" } { (hint) }
                }
                @if let Some(error) = self.error {
                    span class="field-error" id={ (id) "-error" } { (error) }
                }
                (control)
            }
        }
    }

    /// An `<input>` of `input_type` (`text`, `email`, `url`, `search`…).
    pub fn input(&self, input_type: &str) -> Markup {
        let id = field_id(self.name);
        let control = html! {
            input type=(input_type) id=(id) name=(self.name) value=(self.value)
                lang=[self.lang.map(Locale::as_str)]
                required[self.required]
                aria-invalid=[self.error.map(|_| "true")]
                aria-describedby=[self.described_by(&id)];
        };
        self.wrap(&id, control)
    }

    /// A `<textarea>` of `rows` lines.
    pub fn textarea(&self, rows: u32) -> Markup {
        let id = field_id(self.name);
        let control = html! {
            textarea id=(id) name=(self.name) rows=(rows)
                lang=[self.lang.map(Locale::as_str)]
                required[self.required]
                aria-invalid=[self.error.map(|_| "true")]
                aria-describedby=[self.described_by(&id)] { (self.value) }
        };
        self.wrap(&id, control)
    }

    /// A `<select>` of `(value, label)` options with `self.value` selected.
    pub fn select(&self, options: &[(&str, String)]) -> Markup {
        let id = field_id(self.name);
        let control = html! {
            select id=(id) name=(self.name)
                required[self.required]
                aria-invalid=[self.error.map(|_| "true")]
                aria-describedby=[self.described_by(&id)] {
                @for (value, label) in options {
                    option value=(value) selected[*value == self.value] { (label) }
                }
            }
        };
        self.wrap(&id, control)
    }
}

/// A message for a text that failed [`sosei_core::text`]'s checks, naming the limit.
pub fn text_error_message(ctx: &Ctx, error: &sosei_core::TextError) -> String {
    use sosei_core::{TextError, UserFacingError};
    match error {
        TextError::TooLong { max, actual } => crate::i18n::t_args(
            ctx.locale,
            "form-error-too-long",
            &[("max", (*max).into()), ("actual", (*actual).into())],
        ),
        other => ctx.t(other.message_id()),
    }
}

/// The first `max_chars` characters of `text` on one line, with an ellipsis when cut.
pub fn excerpt(text: &str, max_chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
}

/// [`localized`], cut to an excerpt.
pub fn localized_excerpt(ctx: &Ctx, text: &sosei_core::LocalizedText, max_chars: usize) -> Markup {
    match text.get(ctx.locale) {
        Some(shown) if shown.is_fallback => {
            html! { span lang=(shown.locale.as_str()) { (excerpt(shown.text, max_chars)) } }
        }
        Some(shown) => html! { (excerpt(shown.text, max_chars)) },
        None => html! {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_on_characters_and_flatten_lines() {
        assert_eq!(excerpt("遠野の\n\n物語", 10), "遠野の 物語");
        assert_eq!(excerpt("あいうえおかきくけこ", 5), "あいうえお…");
    }
}
