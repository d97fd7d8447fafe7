# Chie Lab: the report for policy drafting (HTML, Markdown, CSV, JSON)

## Headings and dates
report-title = Report: { $title }
report-kicker = Chie Lab — report for policy drafting
report-question = Question:
report-opened = Opened
report-closed = Closed
report-as-of = Figures as of
report-still-open = This conversation is still open. The figures are as of the time shown and may change.
report-footer = Report produced by Sosei Chie Lab (data format { $format }). When quoting it, please give the date of the figures.

## Downloads
report-downloads-label = Download
report-download-markdown = Markdown
report-download-csv = CSV for Excel
report-download-link = { $format } ({ $language })
report-download-json = JSON
report-language-name = English
report-read-other-language = Read in English
report-print-hint = To print, use your browser's print command (the page is laid out for A4 and can also be saved as PDF).

## Participation
report-participation-heading = Participation
report-count-participants = Participants
report-count-voters = People who voted
report-count-statements = Statements
report-count-votes = Votes
report-count-grouped = Of these, { $grouped } were placed in { $groups ->
        [one] one opinion group
       *[other] { $groups } opinion groups
    }.
report-people = { $count } { $n ->
        [one] person
       *[other] people
    }

## Common ground
report-consensus-heading = Common ground across groups
report-consensus-lead = Statements that participants as a whole significantly agreed (or disagreed) with, and on which a majority of every opinion group leaned the same way. Each is marked with how strongly (consensus, or broad agreement or disagreement); the thresholds are given under Methodology.
report-consensus-none = No statement has had a majority of every group on the same side so far.
report-overall-rates = Overall { $agree } agree, { $disagree } disagree

## Opinion groups
report-groups-heading = Opinion groups and their representative statements
report-groups-lead = People who voted alike are grouped together. For each group, the statements that set it apart.
report-groups-none = There are not yet enough votes to find opinion groups.
report-group-name = Group { $label }
report-representative-heading = Representative statements
report-representative-none = Nothing sets this group apart clearly yet.
report-representative-agree = { $rate } of this group agree (interval { $interval }); { $others } of the other participants agree.
report-representative-disagree = Most of this group disagree: { $rate } agree (interval { $interval }); { $others } of the other participants agree.

## Divisive statements
report-divisive-heading = Where opinions divide
report-divisive-lead = Statements on which the groups' agreement clearly differs: points that will need explanation and discussion before a decision.
report-divisive-none = No statement clearly divides the groups so far.
report-divisive-summary = Agreement is highest in { $most } and lowest in { $least }.

## Table headings
report-column-group = Group
report-column-agree-rate = Agree
report-column-interval = 95% interval
report-column-votes = Votes
report-column-statement = Statement
report-column-agree = Agree
report-column-disagree = Disagree
report-column-pass = Pass
report-votes-detail = { $agree } agree, { $disagree } disagree, { $pass } pass
report-flag-divisive = Divisive
report-flag-meta = Meta
report-appendix-heading = Appendix: every statement
report-group-heading = { $group } ({ $people })

## Facts and data
report-facts-heading = Facts and data cited (sources)
report-facts-lead = The facts participants could consult while voting, with their sources and the dates they refer to.
report-facts-none = No facts or data were attached to this conversation.
report-fact-about = About statement #{ $id }

## Breakdowns by attribute
report-breakdowns-heading = Breakdowns by participant attribute
report-breakdowns-lead = Agreement with the common-ground and divisive statements, by what participants told us about themselves.
report-breakdowns-none = This conversation did not ask participants about themselves (age, district, relationship to the town).
report-breakdown-suppressed = Not published: some cells had fewer than { $minimum } people, and answers from so few could identify individuals.
report-breakdown-note = Each cell is the agree rate among people with that answer who voted on the statement (n: how many voted). Published only when every cell has at least { $minimum } people.
report-attribute-age-band = By age
report-attribute-district = By district
report-attribute-relationship = By relationship to the town

## Method and limitations
report-method-heading = Method and limitations
report-method-groups-heading = How the opinion groups are found
report-method-groups = As in Pol.is: everyone's agree, disagree and pass votes form one table; principal component analysis (PCA) summarises it as a two-dimensional map of opinion; k-means then gathers people who sit close together on that map. The number of groups, from 2 to { $max_groups }, is chosen by the silhouette score, and no group may have fewer than { $min_group_size } people. Where we depart from Pol.is: random choices use a fixed seed, so the same votes always give the same groups; the order of participants cannot change the result; and each analysis starts from the previous groups, so groups do not reshuffle without reason.
report-method-inclusion-heading = Who is placed in a group
report-method-inclusion = Participants who voted on at least { $min_votes } statements (or on all of them, if there are fewer). If fewer than { $top_up } people qualify, the most active others are added until there are { $top_up }. Everyone's votes count in the overall figures, however few.
report-method-consensus-heading = Levels of agreement, representative and divisive statements
report-method-consensus = Agreement is given in three levels. Consensus: participants as a whole significantly agreed, and in every opinion group at least { $consensus_voters } people voted on the statement and at least { $consensus_rate }% of them agreed. Broad agreement: participants as a whole significantly agreed, and more than { $broad_rate }% of the voters in every opinion group agreed. Majority agreement: participants as a whole significantly agreed, but in some group no majority did. Disagreement is classified the same way: consensus (disagree), broad disagreement and majority disagreement. Passes count among the voters. "Significantly" means Pol.is's proportion test (one-sided, at about the 90% level). Pol.is looks only at the overall figure; we add the condition that no group is left behind, and we use the word consensus only where every group agrees strongly. A representative statement is one a group agreed (or disagreed) with much more clearly than everyone else. A divisive statement is one on which the groups' agreement differs even after allowing for the uncertainty of the intervals.
report-method-intervals-heading = Reading the intervals
report-method-intervals = The range beside an agree rate is its { $confidence }% confidence interval (Wilson's method): if people like these were asked again, their agree rate would most likely fall within it. The fewer people voted, the wider it is. Two figures whose intervals overlap cannot be said to differ.
report-method-sample-heading = Participants are not a random sample
report-method-sample = Participants chose to take part; they were not selected at random. The results describe how the views of those who took part are structured, not the share of the whole town holding each view. People with a strong interest, or who find it easy to take part online, may be over-represented.
report-method-descriptive-heading = Opinion groups describe, they do not represent
report-method-descriptive = An opinion group gathers people who voted alike. It does not stand for any population (an age group, a district), and its size is not a share of the town's residents. A person's group can change as more votes come in.
report-method-moderation-heading = Moderation
report-method-moderation-pre = This conversation was pre-moderated: only statements a facilitator accepted were shown to participants and analysed.
report-method-moderation-post = This conversation was post-moderated: statements appeared at once, and a facilitator rejected unsuitable ones afterwards.
report-method-moderation-counts = Rejected and unreviewed statements ({ $left_out } in all) are left out of this report and of the analysis. Meta statements about the conversation itself ({ $meta }) are tallied but not used for groups or levels of agreement. The votes of banned participants ({ $banned }) are removed.
report-method-privacy-heading = Breakdowns and privacy
report-method-privacy = A breakdown by attribute is published only when every cell (people with one answer who voted on one statement) holds at least { $minimum } people. If any cell is smaller, the whole breakdown for that attribute is withheld, so that no one's answers can be inferred from a handful of neighbours. People who chose not to answer an attribute question are not included.
report-method-date-heading = Date of the analysis
report-method-date = The figures in this report come from an analysis of the votes as of { $date }. While the conversation is open, figures and groups can change as more votes come in.

## CSV columns
report-csv-id = Statement id
report-csv-text = Statement
report-csv-language = Language
report-csv-agree = Agree
report-csv-disagree = Disagree
report-csv-pass = Pass
report-csv-agree-rate = Agree rate (%)
report-csv-group-agree-rate = { $group } agree rate (%)
report-csv-consensus = Agreement level
report-csv-divisive = Divisive
report-csv-meta = Meta
report-csv-yes = yes
