# Matching (coordinators): forming teams, adjusting them and sending offers

matching-title = Team matching
matching-intro = Proposes diverse teams from the applicants' preferences, skills and languages and what each team needs. Look at the proposal, lock or move people, run it again, then send offers.
matching-round-heading = Round settings
matching-no-programmes = No programme can be matched now (it must be open or closed for applications).
matching-programmes-legend = Programmes in this round
matching-weights-legend = Weights (what counts most)
matching-weights-hint = Numbers from 0 to 100; a larger number counts more. They cannot all be 0.
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
matching-done-removed = Taken out of the team.
matching-done-offers = { $sent } offers sent; { $failed } could not be sent (the application changed meanwhile).

matching-result-heading = Latest round
matching-round-when = Run on { $when }
matching-figure-method = Method
matching-figure-objective = Objective
matching-figure-bound = Upper bound
matching-figure-gap = Gap to the bound
matching-figure-placed = People placed
matching-figure-first-choice = Placed in their first choice
matching-figure-mean-nationalities = Nationalities per team (mean)
matching-figure-blocking = Blocking pairs
matching-figure-violations = Rules broken
matching-method-exact = Integer programming
matching-method-local-search = Local search
matching-method-deferred = Deferred acceptance (stable matching)
matching-method-greedy = Greedy
matching-proven-optimal = proven optimal
matching-time-limit = stopped by the time limit

matching-teams-heading = Teams (as they are now)
matching-team-size = { $count } people ({ $min } to { $max })
matching-team-diversity = { $count } nationalities (Blau index { $blau })
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

matching-explain-rank = Choice { $rank }
matching-explain-unranked = Not in their list (placed by a coordinator)
matching-explain-locked = locked
matching-explain-covers = meets { $needs }
matching-explain-only-nationality = the team's only member from { $country }
matching-explain-nationalities = { $count } nationalities in the team
matching-explain-need-language = { $language } at { $level } or above
matching-explain-unknown = Joined after this round was run.

matching-unplaced-heading = Applicants without a team
matching-unplaced-none = Every applicant of the round is in a team.
matching-unplaced-by-hand = Taken out of their team by a coordinator.

matching-blocking-heading = Blocking pairs
matching-blocking-hint = An applicant and a programme that would both rather have each other than what they have now.
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
matching-diagnosis-min-size = Team "{ $team }" needs at least { $required } members, but only { $available } applicants can join it.
matching-diagnosis-need = Team "{ $team }" needs "{ $need }", but only { $available } applicants meet it.
matching-diagnosis-other = A requirement cannot be met in "{ $place }".
matching-relaxations = To make it possible:
matching-relax-lower-count = Lower the count to { $available }
matching-relax-lower-level = Accept the language at { $level } or above
matching-relax-lower-min-size = Lower the team's minimum size to { $available }
matching-relax-invite = Invite people who meet it to apply to "{ $programme }"
matching-invalid = The round's settings contradict each other.

matching-error-programmes = Choose at least one programme (open or closed for applications).
matching-error-weights = Weights are numbers from 0 to 100, at least one above 0.
matching-error-team = Choose a team of the same programme.
