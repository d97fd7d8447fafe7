//! Putting a page's language in front of every site path it links to.
//!
//! The rewrite reads the rendered HTML rather than parsing it, and that is reliable here because
//! every page comes from maud, which escapes `"` (as `&quot;`), `&`, `<` and `>` in every text
//! and attribute value it writes: the two characters `="` occur only where an attribute value
//! starts, and that value ends at the next `"`. What people wrote can therefore never look like
//! an attribute (`<p>href="/x"</p>` is written `href=&quot;/x&quot;`), and a value is rewritten
//! only when the attribute's name, preceded by white space, is a link attribute.
//!
//! Only what follows `</head>` is read: the `<head>`'s addresses are written with their
//! language on purpose ([`crate::page_head`]: the canonical address, both languages, and the
//! unprefixed `x-default`).
//!
//! Rewritten: `href`, `action`, `formaction` and `data-*` values (the scripts fetch the
//! addresses pages give them in `data-` attributes) that are [site paths that want a
//! prefix](super::wants_language_prefix). Left alone: other hosts (`https://…`, `//host`,
//! `/\host`), fragments (`#main`), relative paths, paths already prefixed, and
//! [language-neutral](super::is_language_neutral) ones.

use sosei_core::Locale;

use super::wants_language_prefix;

/// The attributes whose values are addresses a reader follows or a form sends to.
const LINK_ATTRIBUTES: [&str; 3] = ["href", "action", "formaction"];

/// `html` with `/{locale}` in front of every site path in a link attribute after the `<head>`.
pub fn prefix_site_links(html: &str, locale: Locale) -> String {
    let mut rewritten = String::with_capacity(html.len() + 512);
    let mut copied_up_to = 0;
    let mut search_from = html.find("</head>").unwrap_or(0);
    while let Some(found) = html[search_from..].find("=\"") {
        let equals = search_from + found;
        let value_start = equals + "=\"".len();
        let value_end = html[value_start..]
            .find('"')
            .map_or(html.len(), |end| value_start + end);
        search_from = value_end;
        if is_link_attribute(&html[..equals])
            && wants_language_prefix(&html[value_start..value_end])
        {
            rewritten.push_str(&html[copied_up_to..value_start]);
            rewritten.push('/');
            rewritten.push_str(locale.as_str());
            copied_up_to = value_start;
        }
    }
    rewritten.push_str(&html[copied_up_to..]);
    rewritten
}

/// A JSON answer whose top-level `html` member is a piece of page (the voting area the
/// script swaps in), with that piece's links rewritten by [`prefix_site_links`]. `None` when
/// there is no such member: other JSON is data and stays as it was.
pub fn prefix_site_links_in_json(json: &str, locale: Locale) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(json).ok()?;
    let html = value.get_mut("html")?;
    let serde_json::Value::String(fragment) = html else {
        return None;
    };
    *fragment = prefix_site_links(fragment, locale);
    serde_json::to_string(&value).ok()
}

/// Whether the text before a `="` ends with ` name`, where `name` is a link attribute.
fn is_link_attribute(before_equals: &str) -> bool {
    let name_start = before_equals
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':'))
        .map_or(0, |position| position + 1);
    let preceded_by_space = before_equals[..name_start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_whitespace());
    let name = before_equals[name_start..].to_ascii_lowercase();
    preceded_by_space
        && (LINK_ATTRIBUTES.contains(&name.as_str())
            || name
                .strip_prefix("data-")
                .is_some_and(|rest| !rest.is_empty()))
}

/// The language a page declares on its root element (`<html lang="en">`), which is the
/// language its links should keep.
pub fn declared_page_language(html: &str) -> Option<Locale> {
    // The shell writes the doctype and then the root element: it is near the start.
    let head: String = html.chars().take(256).collect();
    let after = &head[head.find("<html lang=\"")? + "<html lang=\"".len()..];
    let tag = &after[..after.find('"')?];
    Locale::ALL
        .into_iter()
        .find(|locale| locale.as_str() == tag)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn check(html: &str, expected: &str) {
        assert_eq!(prefix_site_links(html, Locale::En), expected, "for {html}");
    }

    #[test]
    fn site_paths_in_links_and_forms_get_the_prefix() {
        check(r##"<a href="/regions">"##, r##"<a href="/en/regions">"##);
        check(r##"<a href="/">"##, r##"<a href="/en/">"##);
        check(
            r##"<form method="post" action="/sign-out">"##,
            r##"<form method="post" action="/en/sign-out">"##,
        );
        check(
            r##"<button formaction="/x/y">"##,
            r##"<button formaction="/en/x/y">"##,
        );
        check(
            r##"<div data-results-json="/conversations/1/results.json">"##,
            r##"<div data-results-json="/en/conversations/1/results.json">"##,
        );
        // Queries and fragments (escaped as maud writes them) stay as they were.
        check(
            r##"<a href="/regions?prefecture=030007&amp;q=%E9%81%A0">"##,
            r##"<a href="/en/regions?prefecture=030007&amp;q=%E9%81%A0">"##,
        );
        check(
            r##"<a href="/conversations/1#taking-part">"##,
            r##"<a href="/en/conversations/1#taking-part">"##,
        );
        check(
            "<a class=\"x\"\nhref=\"/a\">",
            "<a class=\"x\"\nhref=\"/en/a\">",
        );
    }

    #[test]
    fn other_hosts_fragments_and_neutral_paths_are_left_alone() {
        for untouched in [
            r##"<a href="//evil.example/x">"##,
            r##"<a href="/\evil.example">"##,
            r##"<a href="https://example.org/regions">"##,
            r##"<a href="#main">"##,
            r##"<a href="?page=2">"##,
            r##"<a href="regions">"##,
            r##"<a href="">"##,
            r##"<a href="/en/regions">"##,
            r##"<a href="/ja">"##,
            r##"<a href="/en?x=1">"##,
            r##"<link rel="stylesheet" href="/assets/sosei.css">"##,
            r##"<a href="/api/v1/openapi.json">"##,
            r##"<a href="/healthz">"##,
            r##"<a href="/metrics">"##,
            r##"<a href="/programmes.ics">"##,
            r##"<a href="/programmes/3.ics">"##,
            r##"<a href="/programmes/3/deliverables/4/file">"##,
            r##"<script src="/assets/deliberation.js">"##,
            r##"<img src="/regions/x.png">"##,
            r##"<input name="return_to" value="/regions">"##,
            r##"<a data-href="#x" xhref="/regions">"##,
            r##"<a href = "/regions">"##,
        ] {
            check(untouched, untouched);
        }
    }

    #[test]
    fn the_head_keeps_the_addresses_it_was_given() {
        check(
            r##"<html lang="en"><head><link rel="alternate" hreflang="x-default" href="/regions"></head><body><a href="/regions">"##,
            r##"<html lang="en"><head><link rel="alternate" hreflang="x-default" href="/regions"></head><body><a href="/en/regions">"##,
        );
    }

    #[test]
    fn a_prefix_is_a_whole_segment() {
        check(r##"<a href="/english">"##, r##"<a href="/en/english">"##);
        check(r##"<a href="/enx/1">"##, r##"<a href="/en/enx/1">"##);
        check(r##"<a href="/japan">"##, r##"<a href="/en/japan">"##);
        check(r##"<a href="/apix">"##, r##"<a href="/en/apix">"##);
        check(
            r##"<a href="/assets-of-town">"##,
            r##"<a href="/en/assets-of-town">"##,
        );
    }

    #[test]
    fn what_people_wrote_cannot_pose_as_a_link() {
        let typed = r##"see href="/regions" and action="/x" <a href="/y">"##;
        let page = maud::html! {
            p { (typed) }
            input name="q" value=(typed);
            textarea { (typed) }
            a href="/ok" { "ok" }
        }
        .into_string();
        let rewritten = prefix_site_links(&page, Locale::En);
        assert_eq!(rewritten, page.replace("href=\"/ok\"", "href=\"/en/ok\""));
        assert!(rewritten.contains("href=&quot;/regions&quot;"));
    }

    #[test]
    fn unfinished_values_do_not_panic() {
        check(r##"<a href="/x"##, r##"<a href="/en/x"##);
        check(r##"<a href=""##, r##"<a href=""##);
        check("=\"", "=\"");
        check(" href=\"", " href=\"");
        check("遠野 href=\"/遠野\" 市", "遠野 href=\"/en/遠野\" 市");
    }

    #[test]
    fn json_answers_rewrite_only_their_html_member() {
        let json = serde_json::json!({
            "html": "<form action=\"/conversations/1/votes\"><a href=\"/conversations/1/statements/2\">",
            "announcement": "href=\"/typed\"",
            "next_statement": 2,
        })
        .to_string();
        let rewritten: serde_json::Value =
            serde_json::from_str(&prefix_site_links_in_json(&json, Locale::Ja).unwrap()).unwrap();
        assert_eq!(
            rewritten["html"],
            "<form action=\"/ja/conversations/1/votes\"><a href=\"/ja/conversations/1/statements/2\">"
        );
        assert_eq!(rewritten["announcement"], "href=\"/typed\"");
        assert_eq!(rewritten["next_statement"], 2);
        assert_eq!(
            prefix_site_links_in_json(r##"{"version":"1"}"##, Locale::Ja),
            None
        );
        assert_eq!(prefix_site_links_in_json("not json", Locale::Ja), None);
    }

    #[test]
    fn the_page_language_is_read_from_the_root_element() {
        let page = maud::html! { (maud::DOCTYPE) html lang="en" { body {} } }.into_string();
        assert_eq!(declared_page_language(&page), Some(Locale::En));
        assert_eq!(
            declared_page_language("<!DOCTYPE html><html lang=\"ja\">"),
            Some(Locale::Ja)
        );
        assert_eq!(declared_page_language("<html lang=\"fr\">"), None);
        assert_eq!(declared_page_language("<p>no page</p>"), None);
        assert_eq!(declared_page_language("<html lang=\"e"), None);
    }
}
