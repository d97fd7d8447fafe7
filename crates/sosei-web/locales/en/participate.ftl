# Chie Lab: taking part in a conversation

participate-breadcrumb-home = Home
participate-kicker = Chie Lab
participate-list-title = Chie Lab conversations
participate-list-lead = We are gathering everyone's views on the future of our communities. Answer other people's statements with agree or disagree, or write your own.
participate-list-empty = There are no conversations to join right now.
participate-list-counts = { $participants ->
    [one] 1 participant
   *[other] { $participants } participants
} · { $statements ->
    [one] 1 statement
   *[other] { $statements } statements
}

participate-state-draft = In preparation
participate-state-open = Open
participate-state-closed = Closed
participate-state-archived = Archived

participate-taking-part-heading = Take part
participate-facts-heading = Facts and data
participate-fact-source = Source:
participate-fact-as-of = (as of { $date })

## Joining
participate-join-heading = Join
participate-join-anonymous = You can take part anonymously. No name or e-mail address is needed.
participate-join-signed-in = You take part in this conversation with your account.
participate-join-code = Please enter the invitation code the organisers gave you.
participate-sign-in-to-join = Sign in to join
participate-code-hint = Upper or lower case and full- or half-width characters are all fine.
participate-attributes-purpose = Your answers below are only used to summarise how views differ between groups. Choose "Prefer not to say" for any question you would rather not answer.
participate-attribute-hint = You may choose "Prefer not to say".
participate-join-button = Join
participate-joined = You have joined. Have a look at the first statement.
participate-field-code = Invitation code
participate-field-age-band = Age
participate-field-district = District you live in
participate-field-relationship = Your relationship to the town
participate-field-text = Your statement

participate-age-under-20 = Under 20
participate-age-20s = 20s
participate-age-30s = 30s
participate-age-40s = 40s
participate-age-50s = 50s
participate-age-60s = 60s
participate-age-70-plus = 70 or over
participate-age-no-answer = Prefer not to say
participate-relationship-resident = I live here
participate-relationship-commuter = I work or study here
participate-relationship-regular-visitor = I visit or support the town regularly (kankei jinkō)
participate-relationship-international = I take part from abroad
participate-relationship-other = Other
participate-relationship-no-answer = Prefer not to say

## Voting
participate-progress = Answered { $answered } of { $total }
participate-current-statement = Next statement
participate-meta = About this conversation
participate-vote-prompt = What do you think of this statement?
participate-vote-group = Your answer to this statement
participate-vote-agree = Agree
participate-vote-disagree = Disagree
participate-vote-pass = Pass / unsure
participate-vote-current-suffix = (your current answer)
participate-statement-details = Details and reporting
participate-no-statements = There are no statements yet. Why not write the first one?
participate-all-answered = You have answered every statement. Thank you for taking part.
participate-write-invitation = Write your own statement
participate-history-heading = Statements you answered ({ $count })
participate-history-hint = Choose a statement to change your answer.
participate-pending = Awaiting review
participate-announce-voted = You answered "{ $choice }".
participate-announce-next = Showing the next statement.

## Writing
participate-write-heading = Write a statement
participate-write-moderation-pre = Your statement will appear once a facilitator has reviewed it.
participate-write-moderation-post = Your statement will appear straight away.
participate-write-own-vote = Your own statement is recorded as one you agree with.
participate-write-limit = One idea per statement, please: up to { $en } characters in English or { $ja } in Japanese (full-width characters count double).
participate-counter-template = Characters left: %remaining%
participate-counter-over-template = Characters over the limit: %over%
participate-write-button = Post
participate-posted-review = Thank you. Your statement will appear once a facilitator has reviewed it.
participate-posted-published = Your statement has been posted and is now shown to other participants.
participate-similar-heading = Similar statements already exist
participate-similar-lead = If one of them says what you mean, please answer it instead of writing a new one.
participate-similar-vote-instead = Answer this statement
participate-similar-confirm = I have looked at the similar statements: post mine anyway

## One statement
participate-statement-title = Statement
participate-your-vote = Your answer: { $choice }
participate-not-voted = You have not answered yet.
participate-change-vote = Change your answer
participate-vote-now = Answer
participate-flag-hint = Please tell the facilitators about statements that attack people, discriminate or are otherwise out of place.
participate-flag-button = Report this statement
participate-flagged = Thank you. The facilitators have been told about this statement.
participate-back-to-conversation = Back to the conversation

## Errors
participate-error-not-open = This conversation is no longer open: answers and new statements are not accepted.
participate-error-not-joined = Please join the conversation before answering.
participate-error-banned = A facilitator has removed you from this conversation.
participate-error-choice = Please choose agree, disagree or pass.
participate-error-statement = The statement you answered could not be found.
participate-error-code-missing = Please enter the invitation code.
participate-error-code-wrong = That invitation code is not right. Please check the code you were given.
participate-error-attribute-missing = Please choose one answer ("Prefer not to say" is fine).
