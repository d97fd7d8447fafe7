//! What a page's `<head>` says about its address and its content, for search engines and for
//! the previews LINE, Facebook or X show when a link is pasted: the canonical address (with the
//! language in it), the same page in the other language (`hreflang`), and Open Graph's title,
//! description, address and language.

use maud::{Markup, html};
use sosei_core::Locale;

use crate::context::Ctx;
use crate::language_prefix::path_in_language;

/// The longest description given to search engines and link previews, in characters (previews
/// show less; search results about this much).
const MAX_DESCRIPTION_CHARS: usize = 160;

/// The `<head>` elements of a page titled `title`, described by `description` (the site's
/// description when `None`).
pub fn addresses_and_preview(ctx: &Ctx, title: &str, description: Option<&str>) -> Markup {
    let site_name = ctx.t("site-name");
    let description = match description.map(str::trim) {
        Some(given) if !given.is_empty() => crate::layout::excerpt(given, MAX_DESCRIPTION_CHARS),
        _ => ctx.t("page-description-default"),
    };
    let canonical = absolute_address(ctx, ctx.locale);
    html! {
        meta name="description" content=(description);
        link rel="canonical" href=(canonical);
        @for locale in Locale::ALL {
            link rel="alternate" hreflang=(locale.as_str()) href=(absolute_address(ctx, locale));
        }
        // The unprefixed address answers in the reader's own language.
        link rel="alternate" hreflang="x-default" href=(absolute(ctx, &ctx.path_and_query));
        meta property="og:type" content="website";
        meta property="og:site_name" content=(site_name);
        meta property="og:title" content=(title);
        meta property="og:description" content=(description);
        meta property="og:url" content=(canonical);
        meta property="og:locale" content=(open_graph_locale(ctx.locale));
        meta property="og:locale:alternate" content=(open_graph_locale(ctx.locale.other()));
        meta name="twitter:card" content="summary";
    }
}

/// This page's address in `locale`, absolute when the site's public address is known.
pub fn absolute_address(ctx: &Ctx, locale: Locale) -> String {
    absolute(ctx, &path_in_language(locale, &ctx.path_and_query))
}

fn absolute(ctx: &Ctx, site_path: &str) -> String {
    match &ctx.public_url {
        Some(public_url) => public_url.join(site_path),
        None => site_path.to_owned(),
    }
}

/// Open Graph writes a locale as language_TERRITORY; the English pages are British English.
fn open_graph_locale(locale: Locale) -> &'static str {
    match locale {
        Locale::Ja => "ja_JP",
        Locale::En => "en_GB",
    }
}
