# Chie Lab: a conversation's results, and where you stand

results-page-title = Results: { $title }
results-back = Back to the conversation
results-see-results = See the results
results-live-updated = The results have been updated with new votes.
results-not-enough = There are not enough votes yet. Once more people vote, the opinion groups will appear here.
results-updated = Last updated { $time }
results-counts = { $participants ->
    [one] 1 participant
   *[other] { $participants } participants
} · { $votes ->
    [one] 1 vote
   *[other] { $votes } votes
} · { $groups ->
    [one] 1 group
   *[other] { $groups } groups
}

results-group-name = Group { $letter }
results-group-size = { $size } people
results-rate = { $rate }% ({ $low }–{ $high }%)
results-agree-rate = agree { $rate }
results-disagree-rate = disagree { $rate }
results-overall-agree = { $rate }% agree overall

results-map-heading = Opinion map
results-map-explain = People who voted alike appear close together. Each dot is one participant.
results-map-title = Opinion map
results-map-desc = { $participants ->
    [one] 1 participant
   *[other] { $participants } participants
} placed on a plane by how they voted, in { $groups ->
    [one] 1 group
   *[other] { $groups } groups
}. The table below gives the same information.
results-map-legend = Colours show groups; the letters in circles mark each group's centre. The black ring marks where you are ("you").
results-you = you
results-table-caption = People in each group
results-table-group = Group
results-table-size = People
results-table-share = Share
results-table-you = (your group)

results-groups-heading = Opinion groups
results-groups-explain = A group is people who answered many statements in a similar way.
results-rate-explain = The range in brackets is the 95% confidence interval: roughly where the true share probably lies.
results-representative-lead = Statements that set this group apart
results-representative-none = No statement sets this group clearly apart yet.

results-consensus-heading = Common ground across groups
results-consensus-explain = Statements on which a majority in every group gave the same answer. Only those on which at least { $consensus_rate }% of every group gave the same answer (with at least { $consensus_voters } voters in each group) are called consensus; the others are broad agreement or broad disagreement.
results-consensus-agree = Statements a majority of every group agrees with
results-consensus-disagree = Statements a majority of every group disagrees with
results-consensus-none = No statement so far.
results-group-informed-heading = Statements supported across groups
results-group-informed-explain = Ranked by multiplying each group's level of agreement, so strong support from only one group is not enough to rank high.

results-divisive-heading = Where opinions divide
results-divisive-explain = Divisive statements are those where the share agreeing differs most between groups.
results-divisive-none = No statement clearly divides the groups yet.

results-activity-heading = Participation over time
results-activity-votes = Votes per day
results-activity-participants = New participants per day
results-activity-note = Votes are counted on the day they were last cast (or changed). Dates are in Japan time.
results-activity-table = Show the daily numbers as a table
results-activity-day = Date
results-activity-votes-column = Votes
results-activity-participants-column = New participants
results-activity-none = No participation recorded yet.

results-standing-heading = Where you stand
results-standing-group = You are in { $group }.
results-standing-group-provisional = Your views look closest to { $group } (this becomes clearer as you vote more).
results-confidence-high = Your votes clearly match this group.
results-confidence-medium = Your votes are mostly close to this group.
results-confidence-low = You are near the border with another group.
results-standing-with-group = Of { $compared ->
    [one] the 1 statement
   *[other] { $compared } statements
} where your group has a majority, you answered with the majority on { $rate }%.
results-standing-consensus = Of { $total ->
    [one] the 1 statement
   *[other] { $total } statements
} on which a majority of every group gave the same answer, you answered the same way on { $shared }, differently on { $opposed }, and have not answered { $not_voted }.
results-standing-none = Vote a little more and your place will be shown here.
results-standing-not-participant = Join the conversation and vote to see where you stand.
results-compare-summary = Compare your answers with your group and with the common ground
results-compare-caption = Your answers beside your group's majority and the common ground
results-compare-statement = Statement
results-compare-yours = Your answer
results-compare-group = Group majority
results-compare-consensus = Common ground
results-no-majority = no majority
