//! Statements in the reader's language: a statement's translation (see
//! `sosei_core::statement_translation`) is shown to readers of its language, marked with who made
//! it, with the original one click away in a `<details>` element (no script needed), each text
//! carrying its own `lang`. Used by the voting page, the results and the report; facilitators add
//! translations in `facilitate::translations`.
//!
//! A translation is only ever read: votes, the analysis and the report's figures are per
//! statement, so a vote cast while reading the English text counts for the one statement.
//!
//! Machine translation is a seam, not a feature: an operator may plug in a [`MachineTranslator`]
//! (`AppState::with_machine_translator`); Sosei ships none, since every provider is a network
//! service with its own terms. Its translations are labelled "machine translation" everywhere.

use std::future::Future;
use std::pin::Pin;

use maud::{Markup, html};
use sosei_core::Locale;
use sosei_core::deliberation::Statement;
use sosei_core::statement_translation::{
    MachineProviderName, StatementReading, StatementTranslation, Translator, lacks_translation,
    reading_for,
};

use crate::context::Ctx;

/// A machine translation provider the operator configured (e.g. a client for a commercial API).
pub trait MachineTranslator: Send + Sync + 'static {
    /// The name shown beside each translation it makes.
    fn provider(&self) -> &MachineProviderName;

    /// `text`, written in `from`, translated into `to`.
    fn translate<'a>(
        &'a self,
        text: &'a str,
        from: Locale,
        to: Locale,
    ) -> Pin<Box<dyn Future<Output = Result<String, MachineTranslationError>> + Send + 'a>>;
}

/// Why a machine translation could not be made (shown to the facilitator who asked, in general
/// words; the cause is logged).
#[derive(Debug, thiserror::Error)]
#[error("machine translation failed: {0}")]
pub struct MachineTranslationError(pub String);

/// Who made a translation, in the reader's words ("Translated by a facilitator",
/// "Machine translation (DeepL)").
pub(crate) fn translator_label(ctx: &Ctx, translator: &Translator) -> String {
    translator_label_in(ctx.locale, translator)
}

/// [`translator_label`] in a given language (the report may be read in either).
pub(crate) fn translator_label_in(locale: Locale, translator: &Translator) -> String {
    match translator {
        Translator::Machine { provider } => crate::i18n::t_args(
            locale,
            "translation-by-machine",
            &[("provider", provider.as_str().to_owned().into())],
        ),
        other => crate::i18n::t(locale, &format!("translation-by-{}", other.kind().as_str())),
    }
}

/// The `lang` attribute a text needs on this page: none when it is in the page's language.
fn lang_unless_page(ctx: &Ctx, language: Locale) -> Option<&'static str> {
    (language != ctx.locale).then(|| language.as_str())
}

/// The statement's text in the reader's language, inline (for links, lists and table cells
/// where the original would not fit); translated text is marked so the reader knows.
pub(crate) fn statement_inline(
    ctx: &Ctx,
    statement: &Statement,
    translations: &[StatementTranslation],
) -> Markup {
    match reading_for(statement, translations, ctx.locale) {
        StatementReading::Original { text, language } => {
            html! { span lang=[lang_unless_page(ctx, language)] { (text) } }
        }
        StatementReading::Translated { translation, .. } => html! {
            span lang=[lang_unless_page(ctx, translation.language)] class="translated-text"
                title=(translator_label(ctx, &translation.translator)) {
                (translation.text.as_str())
            }
        },
    }
}

/// The statement as a block: its text in the reader's language (in a `<p>` with `text_id` and
/// `class`), who translated it, and the original in a `<details>`; or the original with a note
/// that no translation into the reader's language exists yet.
pub(crate) fn statement_block(
    ctx: &Ctx,
    statement: &Statement,
    translations: &[StatementTranslation],
    text_id: Option<&str>,
    class: &str,
) -> Markup {
    match reading_for(statement, translations, ctx.locale) {
        StatementReading::Original { text, language } => html! {
            p id=[text_id] class=(class) { span lang=[lang_unless_page(ctx, language)] { (text) } }
            @if language != ctx.locale {
                p class="translation-note small muted" {
                    (crate::i18n::t_args(ctx.locale, "translation-none-yet", &[("language", ctx.locale.as_str().into())]))
                }
            }
        },
        StatementReading::Translated {
            translation,
            original,
            original_language,
        } => html! {
            p id=[text_id] class=(class) {
                span lang=[lang_unless_page(ctx, translation.language)] { (translation.text.as_str()) }
            }
            (original_details(ctx, translation, original, original_language))
        },
    }
}

/// Who translated, and the original one click away.
pub(crate) fn original_details(
    ctx: &Ctx,
    translation: &StatementTranslation,
    original: &str,
    original_language: Locale,
) -> Markup {
    html! {
        details class="statement-original" {
            summary {
                span class="translation-note" { (translator_label(ctx, &translation.translator)) }
                " · "
                (crate::i18n::t_args(ctx.locale, "translation-show-original", &[("language", original_language.as_str().into())]))
            }
            p class="statement-original-text" lang=(original_language.as_str()) { (original) }
        }
    }
}

/// The original in a `<details>` when the reader sees a translation; nothing otherwise (for
/// places that show [`statement_inline`] and have room for a block after it).
pub(crate) fn original_if_translated(
    ctx: &Ctx,
    statement: &Statement,
    translations: &[StatementTranslation],
) -> Markup {
    match reading_for(statement, translations, ctx.locale) {
        StatementReading::Translated {
            translation,
            original,
            original_language,
        } => original_details(ctx, translation, original, original_language),
        StatementReading::Original { .. } => html! {},
    }
}

/// How many of these statements (rejected ones left out) still lack a translation into the
/// other language.
pub(crate) fn missing_translations(
    statements: &[Statement],
    translations: &[StatementTranslation],
) -> usize {
    statements
        .iter()
        .filter(|statement| needs_translation(statement))
        .filter(|statement| lacks_translation(statement, translations))
        .count()
}

/// Whether a statement is one facilitators should translate: everyone may see it, or may soon.
pub(crate) fn needs_translation(statement: &Statement) -> bool {
    statement.moderation != sosei_core::deliberation::ModerationStatus::Rejected
}

/// Whether `text` plausibly is in `language`: Japanese needs kana or kanji, English Latin letters
/// (an English translation may still name 大磯 in kanji).
pub(crate) fn plausibly_in(text: &str, language: Locale) -> bool {
    match language {
        Locale::Ja => sosei_core::deliberation::written_language(text) == Locale::Ja,
        Locale::En => text.chars().any(|c| c.is_ascii_alphabetic()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_plausibly_in_a_language() {
        assert!(plausibly_in("More buses to 大磯", Locale::En));
        assert!(!plausibly_in("バスを増やして", Locale::En));
        assert!(plausibly_in("バスを増やして", Locale::Ja));
        assert!(!plausibly_in("More buses", Locale::Ja));
    }
}
