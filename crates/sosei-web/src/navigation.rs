//! How the site is found: the five S's of regional revitalisation as the entrances, in one table
//! that the home page's cards and the header's menu both read. A capability that lands later
//! (social capital, experiments, the network, events, the archive, stories, search) belongs to
//! one of the five; it gets a place by giving its S an `entrance` path (or by linking from its S's
//! entrance page), so neither the home page nor the header needs another layout.

use maud::{Markup, html};

use crate::context::Ctx;

/// One of the five S's: its Fluent id stem (`home-s-space-name`, …) and, when the part exists,
/// the page where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiveS {
    pub stem: &'static str,
    pub entrance: Option<Entrance>,
}

/// The page a part of the site starts at, and the Fluent id of the words that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entrance {
    pub path: &'static str,
    pub label_id: &'static str,
}

/// The five S's in the order the home page tells them.
pub const FIVE_S: [FiveS; 5] = [
    FiveS {
        stem: "space",
        entrance: Some(Entrance {
            path: "/conversations",
            label_id: "nav-conversations",
        }),
    },
    FiveS {
        stem: "system",
        entrance: Some(Entrance {
            path: "/regions",
            label_id: "nav-regions",
        }),
    },
    FiveS {
        stem: "social-capital",
        entrance: None,
    },
    FiveS {
        stem: "social-contract",
        entrance: Some(Entrance {
            path: "/programmes",
            label_id: "programmes-nav",
        }),
    },
    FiveS {
        stem: "science",
        entrance: None,
    },
];

/// The directory every part refers to, after the five S's in the header.
pub const ORGANISATIONS: Entrance = Entrance {
    path: "/organisations",
    label_id: "nav-organisations",
};

/// Every entrance the header lists, in order: the parts that exist, then the organisations.
pub fn header_entrances() -> impl Iterator<Item = Entrance> {
    FIVE_S
        .iter()
        .filter_map(|part| part.entrance)
        .chain(std::iter::once(ORGANISATIONS))
}

/// `page` when the request is inside `section` (the path itself or below it), so the header's
/// link says where the reader is.
pub fn current_section(ctx: &Ctx, section: &str) -> Option<&'static str> {
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

/// The home page's five cards: each S with what it is for, linking to where it starts, or saying
/// plainly that it is not here yet.
pub fn five_s_cards(ctx: &Ctx) -> Markup {
    html! {
        ol class="five-s-list" {
            @for part in FIVE_S {
                @let stem = part.stem;
                li class={ "five-s-item" @if part.entrance.is_none() { " five-s-item-later" } } {
                    h3 {
                        @match part.entrance {
                            Some(entrance) => {
                                a href=(entrance.path) {
                                    span lang="en" { (ctx.t(&format!("home-s-{stem}-name"))) }
                                    " "
                                    span class="five-s-gloss" { (ctx.t(&format!("home-s-{stem}-gloss"))) }
                                }
                            }
                            None => {
                                span lang="en" { (ctx.t(&format!("home-s-{stem}-name"))) }
                                " "
                                span class="five-s-gloss" { (ctx.t(&format!("home-s-{stem}-gloss"))) }
                            }
                        }
                    }
                    p { (ctx.t(&format!("home-s-{stem}-text"))) }
                    @match part.entrance {
                        Some(entrance) => {
                            p class="five-s-entrance" {
                                a href=(entrance.path) { (ctx.t(entrance.label_id)) span aria-hidden="true" { " →" } }
                            }
                        }
                        None => {
                            p class="five-s-later" { (ctx.t("navigation-not-yet")) }
                        }
                    }
                }
            }
        }
    }
}

/// The header's menu of entrances (the account links are separate).
pub fn header_menu(ctx: &Ctx) -> Markup {
    html! {
        ul class="nav-list nav-sections" {
            @for entrance in header_entrances() {
                li { a href=(entrance.path) aria-current=[current_section(ctx, entrance.path)] { (ctx.t(entrance.label_id)) } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_that_exists_has_an_entrance_and_the_rest_say_so() {
        let entrances: Vec<&str> = FIVE_S
            .iter()
            .filter_map(|part| part.entrance.map(|entrance| entrance.path))
            .collect();
        assert_eq!(entrances, ["/conversations", "/regions", "/programmes"]);
        let later: Vec<&str> = FIVE_S
            .iter()
            .filter(|part| part.entrance.is_none())
            .map(|part| part.stem)
            .collect();
        assert_eq!(later, ["social-capital", "science"]);
    }

    #[test]
    fn every_entrance_is_named_in_both_languages() {
        for locale in [sosei_core::Locale::Ja, sosei_core::Locale::En] {
            for entrance in header_entrances() {
                let text = crate::i18n::t(locale, entrance.label_id);
                assert!(
                    !text.is_empty() && text != entrance.label_id,
                    "{}: {text}",
                    entrance.label_id
                );
            }
            let not_yet = crate::i18n::t(locale, "navigation-not-yet");
            assert_ne!(not_yet, "navigation-not-yet");
        }
    }
}
