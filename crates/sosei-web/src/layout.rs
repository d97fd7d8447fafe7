//! The page shell every HTML page shares, and small helpers for showing text. Forms are in
//! [`crate::forms`].

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use sosei_core::Locale;
use time::OffsetDateTime;

use crate::context::{CSRF_FIELD, Ctx};
use crate::error::ErrorReport;

/// A complete HTML page: the shell around `body`, titled `title`, with the site's description.
pub fn page(ctx: &Ctx, title: &str, body: Markup) -> Markup {
    page_described(ctx, title, None, body)
}

/// [`page`] with a description of this page for search results and link previews (the site's
/// when `None`).
pub fn page_described(ctx: &Ctx, title: &str, description: Option<&str>, body: Markup) -> Markup {
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
                (crate::page_head::addresses_and_preview(ctx, title, description))
            }
            body {
                a class="skip-link" href="#main" { (ctx.t("skip-to-content")) }
                header class="site-header" {
                    div class="container header-inner" {
                        a class="brand" href="/" {
                            span class="brand-mark" aria-hidden="true" { "創生" }
                            span class="brand-name" { (ctx.t("site-name")) }
                        }
                        nav class="site-nav" aria-label=(ctx.t("nav-label")) {
                            (crate::navigation::header_menu(ctx))
                        }
                        ul class="nav-list nav-account" {
                            @if ctx.is_site_admin() {
                                li { a href="/admin" aria-current=[crate::navigation::current_section(ctx, "/admin")] { (ctx.t("nav-admin")) } }
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
                        p class="small" { a href="/terms" { (ctx.t("account-document-terms")) } " · " a href="/privacy" { (ctx.t("account-document-privacy")) } }
                        p class="small" {
                            (crate::i18n::t_args(ctx.locale, "footer-licence", &[("year", OffsetDateTime::now_utc().year().into())]))
                        }
                    }
                }
            }
        }
    }
}

/// The head of a page: an optional kicker (tags above the title), the `h1`, an optional
/// subtitle and lead, and the page's own actions (buttons). Every page uses this one block, so
/// the title always starts at the left edge of the content and the actions sit beside it on a
/// wide screen and below it on a narrow one.
pub struct PageHeader {
    pub kicker: Option<Markup>,
    pub title: Markup,
    pub subtitle: Option<Markup>,
    pub lead: Option<Markup>,
    pub actions: Option<Markup>,
    /// Extra classes for the `header` (e.g. `conversation-header`).
    pub class: Option<&'static str>,
}

impl PageHeader {
    pub fn new(title: Markup) -> PageHeader {
        PageHeader {
            kicker: None,
            title,
            subtitle: None,
            lead: None,
            actions: None,
            class: None,
        }
    }

    pub fn kicker(mut self, kicker: Markup) -> PageHeader {
        self.kicker = Some(kicker);
        self
    }

    pub fn subtitle(mut self, subtitle: Markup) -> PageHeader {
        self.subtitle = Some(subtitle);
        self
    }

    pub fn lead(mut self, lead: Markup) -> PageHeader {
        self.lead = Some(lead);
        self
    }

    pub fn actions(mut self, actions: Markup) -> PageHeader {
        self.actions = Some(actions);
        self
    }

    pub fn class(mut self, class: &'static str) -> PageHeader {
        self.class = Some(class);
        self
    }

    pub fn render(self) -> Markup {
        let written = |part: Option<Markup>| part.filter(|markup| !markup.0.trim().is_empty());
        let (kicker, subtitle, lead, actions) = (
            written(self.kicker),
            written(self.subtitle),
            written(self.lead),
            written(self.actions),
        );
        html! {
            header class={ "page-header" @if let Some(class) = self.class { " " (class) } } {
                div class="page-header-text" {
                    @if let Some(kicker) = kicker { p class="page-kicker" { (kicker) } }
                    h1 { (self.title) }
                    @if let Some(subtitle) = subtitle { p class="subtitle" { (subtitle) } }
                    @if let Some(lead) = lead { div class="page-lead" { (lead) } }
                }
                @if let Some(actions) = actions {
                    div class="page-header-actions" { (actions) }
                }
            }
        }
    }
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
    html_response_with_status(StatusCode::OK, markup)
}

/// Render a page with another status, such as 422 for a form sent back with its errors.
pub fn html_response_with_status(status: StatusCode, markup: Markup) -> Response {
    (status, Html(markup.into_string())).into_response()
}

/// Mark raw, already-safe HTML (only for constant strings written in this crate).
pub fn trusted_html(text: &'static str) -> PreEscaped<&'static str> {
    PreEscaped(text)
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
