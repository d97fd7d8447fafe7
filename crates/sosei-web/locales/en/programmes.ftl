# Programmes (the Social Contract): list, page, applying, profile

programmes-nav = Programmes
programmes-breadcrumb-home = Home
programmes-list-title = Programmes
programmes-list-lead = Stay in a town and work with the people there, bringing your languages and skills. Many programmes include a host family and meals.
programmes-list-empty = No programmes are published at the moment.
programmes-calendar-all = Add all programmes to your calendar (iCalendar)
programmes-calendar-one = Add to calendar
programmes-application-window = Applications: { $dates }

programmes-status-draft = In preparation
programmes-status-open = Open for applications
programmes-status-closed = Applications closed (selection)
programmes-status-running = Running
programmes-status-completed = Completed

programmes-dates = Dates
programmes-region = Region
programmes-organisation = Run by
programmes-applications = Applications
programmes-seats = Places
programmes-seats-count = { $count ->
    [one] 1 person
   *[other] { $count } people
}
programmes-apply-button = Apply to this programme
programmes-window-closed = Applications are not being taken at the moment.
programmes-about = About the programme
programmes-teams = Teams and who they need
programmes-team-needs = This team needs
programmes-team-size = { $min } to { $max } people
programmes-team-size-exact = { $count ->
    [one] 1 person
   *[other] { $count } people
}
programmes-team-nationality-cap = at most { $count } of one nationality
programmes-need-skill = At least { $count ->
    [one] 1 person
   *[other] { $count } people
} with { $skill }
programmes-need-language = At least { $count ->
    [one] 1 person who speaks
   *[other] { $count } people who speak
} { $language } ({ $level } or above)
programmes-need-language-native = At least { $count ->
    [one] 1 native speaker
   *[other] { $count } native speakers
} of { $language }
programmes-japanese-rule = Every team includes at least { $count ->
    [one] one person
   *[other] { $count } people
} who speak Japanese at { $level } or above.
programmes-level-native = native
programmes-receive = What participants receive
programmes-receive-accommodation = Accommodation
programmes-receive-meals = Meals
programmes-receive-other = Other
programmes-planned = Planned deliverables
programmes-after = After the programme
programmes-deliverables = Deliverables
programmes-testimonials = What participants said
programmes-references = References

programmes-deliverable-leaflet = Leaflet
programmes-deliverable-report = Report
programmes-deliverable-video = Video
programmes-deliverable-review = Review
programmes-deliverable-translation = Translation
programmes-reference-host-about-participant = From a host family about a participant
programmes-reference-participant-about-host = From a participant about a host family
