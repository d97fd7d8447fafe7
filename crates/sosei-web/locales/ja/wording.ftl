# 一覧の組み立て、人が書いたものの周りのことば、賛同の度合い（総意・幅広い賛同・多数の賛成）

## 一覧（i18n::format_list）
wording-list-separator = 、
wording-list-and-pair = { $first }、{ $second }
wording-list-and-end = { $rest }、{ $last }
wording-list-or-pair = { $first }または{ $second }
wording-list-or-end = { $rest }、または{ $last }

## 言語・条件・成果物
wording-language-skill = { $language }（{ $level }）
wording-need-status = { $need }：{ $status }（{ $covered }/{ $required }）
wording-deliverable-link = （{ $language }）
wording-deliverable-file = （{ $language }・{ $file }）
wording-deliverable-offline = （{ $language }・記録のみ）
wording-file-description = { $type }・{ $size }
wording-label-and-text = { $label }：{ $text }
wording-status-count = { $status }{ $count }件

## 賛同の度合い
wording-agreement-consensus-agree = 総意（賛成）
wording-agreement-consensus-disagree = 総意（反対）
wording-agreement-broad-agree = 幅広い賛同
wording-agreement-broad-disagree = 幅広い反対
wording-agreement-majority-agree = 多数の賛成
wording-agreement-majority-disagree = 多数の反対
