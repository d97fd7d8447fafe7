# Composing lists, the words around what people wrote, and how widely a statement is agreed
# (consensus, broad agreement, majority)

## Lists (i18n::format_list)
wording-list-separator = { ", " }
wording-list-and-pair = { $first } and { $second }
wording-list-and-end = { $rest }, and { $last }
wording-list-or-pair = { $first } or { $second }
wording-list-or-end = { $rest }, or { $last }

## Languages, needs, deliverables
wording-language-skill = { $language } ({ $level })
wording-need-status = { $need }: { $status } ({ $covered } of { $required })
wording-deliverable-link = { " " }({ $language })
wording-deliverable-file = { " " }({ $language }; { $file })
wording-deliverable-offline = { " " }({ $language }; recorded only)
wording-file-description = { $type }, { $size }
wording-label-and-text = { $label }: { $text }
wording-status-count = { $status }: { $count }

## How widely a statement is agreed
wording-agreement-consensus-agree = Consensus (agree)
wording-agreement-consensus-disagree = Consensus (disagree)
wording-agreement-broad-agree = Broad agreement
wording-agreement-broad-disagree = Broad disagreement
wording-agreement-majority-agree = Majority agreement
wording-agreement-majority-disagree = Majority disagreement
