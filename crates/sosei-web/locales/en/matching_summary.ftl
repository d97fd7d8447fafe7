# The matching result in a coordinator's words with the optimisation's figures in detail, and the coordinator's applications table

matching-quality-proven-best = No better combination exists (proven).
matching-quality-nearly-best = Nearly the best: any better combination would be less than 1% better.
matching-quality-at-most-better = A better combination may exist, but it would be at most about { $percent }% better.
matching-quality-unknown = Whether a better combination exists has not been checked.
matching-quality-time-limit = The computation took long and was cut short.
matching-summary-placed = { $placed } of { $applicants } { $applicants ->
        [one] applicant has
       *[other] applicants have
    } a team.
matching-summary-first-choice = { $percent }% got the programme they chose first.
matching-summary-diversity = Diversity of the teams: { $high } high, { $medium } medium, { $low } low.
matching-summary-swaps = { $count ->
        [0] No swap would leave both a person and a programme better off.
        [one] One swap would leave both a person and a programme better off (see "Possible swaps" below).
       *[other] { $count } swaps would leave both a person and a programme better off (see "Possible swaps" below).
    }

matching-diversity = Diversity: { $level ->
        [high] high
        [medium] medium
       *[low] low
    } ({ $nationalities ->
        [one] 1 nationality
       *[other] { $nationalities } nationalities
    }, { $languages ->
        [one] 1 language
       *[other] { $languages } languages
    }, { $skills ->
        [one] 1 skill
       *[other] { $skills } skills
    })
matching-diversity-too-small = Diversity: not rated below two members ({ $nationalities ->
        [one] 1 nationality
       *[other] { $nationalities } nationalities
    }, { $languages ->
        [one] 1 language
       *[other] { $languages } languages
    }, { $skills ->
        [one] 1 skill
       *[other] { $skills } skills
    })
matching-diversity-hint = Diversity says how far the members' nationalities differ: high when everyone's differs, low when most share one. In brackets: how many nationalities, languages and skills the team brings together.

matching-details-summary = The figures in detail (optimisation measures)
matching-figure-mean-blau = Spread of nationalities (Blau index, mean over the teams)
matching-details-method-proven = The integer program checked that no combination scores higher.
matching-details-method-not-proven = Not checked to be the best: compare the score with the upper bound below to see how much room is left.
matching-details-objective = The proposal's total score: preferences ({ $preference }), skill and language fit ({ $skill_fit }) and diversity of nationalities ({ $diversity }), each multiplied by its weight and added up. Higher is better.
matching-details-bound = No combination can score above this. When the score equals it, the proposal is the best there is.
matching-details-gap = The difference between the bound and the score, as a share of the bound. 0% means the best proposal.
matching-details-blau = The spread of nationalities from 0 to 1 (0 when everyone shares one nationality, nearer 1 the more they differ). A team reaching { $high }% of the most its size allows is rated high, from { $medium }% medium, below that low.
matching-details-blocking = Blocking pairs: a person and a programme that would both rather have each other than what they have now (the programme scores them above a member, or has a free seat), where the swap keeps every team rule.
matching-details-teams-caption = Spread of nationalities per team
matching-details-column-team = Team
matching-details-column-members = Members
matching-details-column-nationalities = Nationalities
matching-details-column-blau = Blau index
matching-figure-total-score = Total score
matching-figure-swaps = Possible swaps

# The coordinator's applications table: filters, sorting and the actions of each row

coordinate-column-team = Team
coordinate-row-more = More actions
coordinate-row-open = Open the application
coordinate-sort-by = (sort by this column)
coordinate-sorted-by = (sorted by this column)
coordinate-filter-label = Filter the applications
coordinate-filter-status = Status
coordinate-filter-team = Team
coordinate-filter-all = All
coordinate-filter-no-team = No team yet
coordinate-filter-text = Search names, nationalities, languages and skills
coordinate-filter-apply = Filter
coordinate-filter-clear = Clear the filters
coordinate-applications-shown = Showing { $shown } of { $total } { $total ->
        [one] application
       *[other] applications
    }.
coordinate-applications-none-match = No application matches.
coordinate-error-applications-filter = The filter or sort in the address cannot be read. Open the list again and choose again.
