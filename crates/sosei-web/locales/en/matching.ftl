# Matching (coordinators): forming teams, adjusting them and sending offers

matching-title = Team matching
matching-intro = Proposes diverse teams from the applicants' preferences, skills and languages and what each team needs. Look at the proposal, lock or move people, run it again, then send offers.
matching-round-heading = Round settings
matching-no-programmes = No programme can be matched now (it must be open or closed for applications).
matching-programmes-legend = Programmes in this round
matching-weights-legend = Weights (what counts most)
matching-weights-hint = Each a number from 0 to { $max }; a larger number counts more. They cannot all be 0. The defaults: preferences { $preference }, skill and language fit { $skill_fit }, diversity of nationalities { $diversity }.
matching-weight-preference = Applicants' preferences
matching-weight-skill-fit = Skill and language fit
matching-weight-diversity = Diversity of nationalities
matching-method-label = Method
matching-method-auto = Optimise (automatic)
matching-method-compare = Optimise, and compare with stable matching (deferred acceptance)
matching-locks-hint = Locked placements stay as they are; everyone else is matched again.
matching-run = Run the matcher

matching-done-run = The matcher has run.
matching-done-locked = The placement is locked.
matching-done-unlocked = The placement is unlocked.
matching-done-moved = Moved to the other team and locked there.
matching-done-removed = Taken out of the team. Re-runs leave them out of this programme's teams until you include them again.
matching-done-included = Included in matching again: the next run may place them.
matching-done-offers = { $sent ->
        [one] 1 offer sent
       *[other] { $sent } offers sent
    }; { $not_sent ->
        [one] 1 application not offered.
       *[other] { $not_sent } applications not offered.
    }
matching-offers-sent-heading = Offers sent to:
matching-offers-not-sent-heading = Not offered, and why:
matching-offers-person = { $person } ({ $programme })
matching-offers-not-sent-race = its status changed to "{ $status }" just before the offer, so none was sent
matching-offers-not-sent-status = its status "{ $status }" does not take an offer

matching-result-heading = Latest round
matching-round-when = Run on { $when }
matching-figure-method = Method
matching-figure-objective = Total score (objective)
matching-figure-bound = Upper bound (the most any combination can score)
matching-figure-gap = Gap to the bound
matching-figure-placed = People placed
matching-figure-first-choice = Placed in their first choice
matching-figure-mean-nationalities = Nationalities per team (mean)
matching-figure-blocking = Blocking pairs (possible swaps)
matching-figure-violations = Rules broken
matching-method-exact = Integer programming
matching-method-local-search = Local search
matching-method-deferred = Deferred acceptance (stable matching)
matching-method-greedy = Greedy
matching-proven-optimal = proven optimal
matching-time-limit = stopped by the time limit

matching-teams-heading = Teams (as they are now)
matching-team-size = { $count } people ({ $min } to { $max })
matching-need-met = met
matching-need-unmet = not met
matching-team-empty = Nobody is in this team yet.
matching-column-person = Name
matching-column-brings = Nationalities, languages, skills
matching-column-why = Why here
matching-column-actions = Adjust
matching-locked = locked
matching-no-profile = No profile yet
matching-nationalities = Nationalities
matching-languages = Languages
matching-skills = Skills
matching-lock = Lock
matching-unlock = Unlock
matching-move-label = Move to
matching-move = Move
matching-remove = Take out of the team
matching-excluded-heading = Taken out of matching
matching-excluded-hint = These applications stay out of every team however often the matcher runs again. Include one again and the next run considers it.
matching-excluded-item = { $person } ({ $programme })
matching-include = Include again

matching-explain-rank = Choice { $rank }
matching-explain-unranked = Not in their list (placed by a coordinator)
matching-explain-locked = locked
matching-explain-covers = meets { $needs }
matching-explain-only-nationality = the team's only member from { $country }
matching-explain-nationalities = { $count ->
        [one] 1 nationality in the team
       *[other] { $count } nationalities in the team
    }
matching-explain-need-language = { $language } at { $level } or above
matching-explain-unknown = Joined after this round was run.

matching-unplaced-heading = Applicants without a team
matching-unplaced-none = Every applicant of the round is in a team.
matching-unplaced-by-hand = Taken out of their team by a coordinator.
matching-unplaced-ranked-nothing = Chose no programme.
matching-unplaced-excluded = "{ $programme }": excluded by a coordinator
matching-unplaced-dates = "{ $programme }": not free on its dates ({ $dates })
matching-unplaced-no-teams = "{ $programme }": it has no teams yet
matching-unplaced-locked-elsewhere = "{ $programme }": locked into another team
matching-unplaced-full = "{ $programme }": every team is full
matching-unplaced-cap = "{ $programme }": the cap on members of one nationality is reached ({ $teams })
matching-unplaced-other = "{ $programme }": a seat is free, but taking it would leave another team short of a need or make the round as a whole worse

matching-blocking-heading = Possible swaps
matching-blocking-hint = A person who would rather be elsewhere, and a programme that would take them (it has a free seat, or scores them above a member). Each swap keeps every team rule: sizes, the skills and languages needed, and the nationality caps.
matching-blocking-free-seat-placed = { $person } would rather be in "{ $programme }" (choice { $rank }) than in their placement (choice { $placed }), and "{ $team }" has a seat they can take without breaking a team rule.
matching-blocking-free-seat-unplaced = { $person } has no team yet, and "{ $team }" of "{ $programme }" (their choice { $rank }) has a seat they can take without breaking a team rule.
matching-blocking-ranks-above-placed = { $person } would rather be in "{ $programme }" (choice { $rank }) than in their placement (choice { $placed }), and "{ $programme }" scores them above { $displaced } of "{ $team }". Swapping the two keeps every team rule.
matching-blocking-ranks-above-unplaced = { $person } has no team yet, and "{ $programme }" (their choice { $rank }) scores them above { $displaced } of "{ $team }". Swapping the two keeps every team rule.
matching-blocking-none = None.

matching-comparison-heading = Compared with stable matching (deferred acceptance)
matching-comparison-hint = Deferred acceptance looks only at preferences and scores, not at team needs or diversity. Shown for comparison.

matching-offers-heading = Send offers
matching-offers-hint = Everyone in a team whose application is submitted or shortlisted gets an offer, each with a message.
matching-offers-send = Send offers

matching-infeasible-heading = No teams can be formed under these rules
matching-diagnosis-source-counting = Counting the applicants proves that these requirements cannot be met.
matching-diagnosis-source-solver = Relaxing this kind of rule makes the round possible.
matching-diagnosis-source-heuristic = The search found no teams meeting these requirements (the round is too large to prove it impossible).
matching-diagnosis-min-size = Team "{ $team }" needs at least { $required } members, but only { $available ->
        [one] 1 applicant
       *[other] { $available } applicants
    } can join it.
matching-diagnosis-min-size-searched = Team "{ $team }" needs at least { $required } members; the search reached only { $available }.
matching-diagnosis-min-size-cap = Team "{ $team }" needs at least { $required } members, but with at most { $cap } of one nationality only { $available } of its candidates can join.
matching-diagnosis-need = Team "{ $team }" needs "{ $need }", but only { $available ->
        [one] 1 applicant meets
       *[other] { $available } applicants meet
    } it.
matching-diagnosis-need-searched = Team "{ $team }" needs "{ $need }"; the search found only { $available }.
matching-diagnosis-too-many-locked = More people are locked into team "{ $team }" ({ $locked }) than its maximum size ({ $required }).
matching-diagnosis-programme-min-sizes = The teams of "{ $programme }" need at least { $required } members together, but only { $available ->
        [one] 1 applicant
       *[other] { $available } applicants
    } can join them.
matching-diagnosis-programme-need = The teams of "{ $programme }" need "{ $need }" together, but only { $available ->
        [one] 1 applicant meets
       *[other] { $available } applicants meet
    } it (each person joins one team only).
matching-diagnosis-lock-dates = { $person } is locked into team "{ $locked_team }" but is not free on the dates of "{ $programme }".
matching-diagnosis-lock-excluded = { $person } is locked into a team of "{ $programme }" and also excluded from it.
matching-diagnosis-lock-conflict = { $person } is locked into both team "{ $locked_team }" and team "{ $other_team }", which cannot go together.
matching-diagnosis-family = No teams meet { $family } together with the other rules; relaxing them makes the round possible.
matching-diagnosis-combination = Relaxing any single kind of rule does not make the round possible.
matching-family-team-needs = the teams' skill and language needs
matching-family-japanese-rule = the Japanese-speaker rule
matching-family-nationality-caps = the caps per nationality
matching-family-min-sizes = the minimum team sizes
matching-relaxations = To make it possible:
matching-relax-lower-count = Lower the count to { $to }
matching-relax-lower-level = Accept the language at { $level } or above
matching-relax-lower-min-size = Lower the minimum size of team "{ $team }" to { $to }
matching-relax-invite = Invite people who meet it to apply to "{ $programme }"
matching-relax-raise-cap = Raise the cap per nationality of "{ $programme }"
matching-relax-raise-max-size = Raise the maximum size of team "{ $team }"
matching-relax-remove-a-lock = Remove one of the locks
matching-relax-remove-lock-of = Remove or change { $person }'s lock
matching-relax-lower-programme-min-sizes = Lower the minimum sizes of the teams of "{ $programme }"
matching-relax-fewer-teams = Run "{ $programme }" with fewer teams
matching-relax-lower-programme-counts = Lower the counts across the teams to { $to } in total
matching-relax-family-team-needs = Lower or remove the teams' needs
matching-relax-family-japanese-rule = Lower the Japanese level or drop the Japanese-speaker rule
matching-relax-family-nationality-caps = Raise the caps per nationality
matching-relax-family-min-sizes = Lower the minimum team sizes
matching-relax-several-families = Relax several kinds of rules at once (needs, caps per nationality, minimum sizes)
matching-invalid = The round's settings contradict each other.

matching-error-programmes = Choose at least one programme (open or closed for applications).
matching-error-weights = Weights are numbers from 0 to 100, at least one above 0.
matching-error-team = Choose a team of the same programme.
