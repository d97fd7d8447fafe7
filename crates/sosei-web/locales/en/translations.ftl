# Chie Lab: translations of statements (so they can be read in the other language)

## Who translated
translation-by-author = Translated by the author
translation-by-facilitator = Translated by a facilitator
translation-by-volunteer = Translated by a bilingual volunteer
translation-by-machine = Machine translation ({ $provider })

## For readers
translation-show-original = Show the original ({ $language ->
    [ja] Japanese
   *[en] English
})
translation-none-yet = This statement has not been translated into { $language ->
    [ja] Japanese
   *[en] English
} yet.

## When posting
participate-field-translation = The same statement in the other language (optional)
translation-author-hint = If you wrote in Japanese, write it in English here, and the other way round. Readers of that language will see it as the author's own translation.

## Errors
translation-error-empty = Enter the translation.
translation-error-too-long = The translation is too long: at most 280 Japanese characters or 560 English letters.
translation-error-not-japanese = A Japanese translation needs hiragana, katakana or kanji.
translation-error-not-english = An English translation needs Latin letters.
translation-error-machine = The machine translation could not be fetched. Try again later, or type the translation.

## Facilitators
translation-section-heading = Translations
translation-missing-count = ({ $count } not translated)
translation-section-lead = Translating a statement into the other language lets people taking part in that language read it. A translation belongs to its statement: votes count for the same statement whatever language it was read in.
translation-filter-label = Statements to show
translation-filter-all = All
translation-filter-missing = Not translated yet
translation-none-missing = Every statement has a translation.
translation-missing-tag = Not translated
translation-add = Add a translation
translation-edit = Edit the translation
translation-text-label = { $language ->
    [ja] Japanese translation
   *[en] English translation
}
translation-translator-legend = Who translated it?
translation-choice-facilitator = Me (a facilitator)
translation-choice-volunteer = A bilingual volunteer
translation-choice-author = The author
translation-save = Save the translation
translation-remove = Remove the translation
translation-machine-button = Get a machine translation ({ $provider })
translation-dashboard-missing = Statements not translated
facilitate-done-translation-saved = Translation saved.
facilitate-done-translation-removed = Translation removed.
facilitate-action-save-translation = Saved a translation
facilitate-action-remove-translation = Removed a translation
