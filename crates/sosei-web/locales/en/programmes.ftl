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

## Profile
programmes-profile-title = Participant profile
programmes-profile-create-title = Create your participant profile
programmes-profile-lead = The profile you apply to programmes with. Only you and the coordinators of the programmes you apply to can see it.
programmes-profile-saved = Your profile was saved.
programmes-profile-save = Save profile
programmes-profile-privacy = Only you and the coordinators of the programmes you applied to can see this profile. Other participants and the public cannot.
programmes-profile-choose = (choose)
programmes-profile-nationalities = Nationalities
programmes-profile-hint-nationalities = If you hold several nationalities, choose them all. At least one is needed.
programmes-profile-languages = Languages you speak, and how well
programmes-profile-hint-languages = Include your first language. Levels are CEFR (A1–C2); for Japanese you may also give your JLPT level (N5–N1).
programmes-profile-skills = Skills you bring
programmes-profile-availability = When you are available
programmes-profile-hint-availability = Give periods that contain a programme's whole dates, first and last day (e.g. 2017-03-01).
programmes-profile-diets = Dietary needs
programmes-profile-hint-display-name = The name programme coordinators see.
programmes-profile-hint-affiliation = University, company or group (optional).
programmes-profile-hint-accessibility = Anything you need for getting around or daily life (optional).
programmes-profile-hint-bio = A short introduction (optional).
programmes-profile-hint-limit = Up to { $max } characters (Japanese and English count one per character; full-width input is fine).
programmes-profile-field-display-name = Display name
programmes-profile-field-affiliation = Affiliation
programmes-profile-field-skills = Skills you bring
programmes-profile-field-diets = Dietary needs
programmes-profile-field-dietary-notes = More about your diet
programmes-profile-field-accessibility-needs = Accessibility needs
programmes-profile-field-bio = About you
programmes-profile-row-nationality = Nationality ({ $row })
programmes-profile-row-language = Language (row { $row })
programmes-profile-row-level = Level (row { $row })
programmes-profile-row-from = First day (row { $row })
programmes-profile-row-until = Last day (row { $row })

programmes-level-option-a1 = A1 (CEFR, beginner)
programmes-level-option-a2 = A2 (CEFR, elementary)
programmes-level-option-b1 = B1 (CEFR, intermediate)
programmes-level-option-b2 = B2 (CEFR, upper intermediate)
programmes-level-option-c1 = C1 (CEFR, advanced)
programmes-level-option-c2 = C2 (CEFR, proficient)
programmes-level-option-n5 = N5 (JLPT, Japanese only)
programmes-level-option-n4 = N4 (JLPT, Japanese only)
programmes-level-option-n3 = N3 (JLPT, Japanese only)
programmes-level-option-n2 = N2 (JLPT, Japanese only)
programmes-level-option-n1 = N1 (JLPT, Japanese only)
programmes-level-option-native = Native (first language)

programmes-diet-vegetarian = Vegetarian
programmes-diet-vegan = Vegan
programmes-diet-pescatarian = Pescatarian (eats fish)
programmes-diet-halal = Halal
programmes-diet-kosher = Kosher
programmes-diet-no-pork = No pork
programmes-diet-no-beef = No beef
programmes-diet-no-alcohol = No alcohol
programmes-diet-gluten-free = Gluten-free
programmes-diet-lactose-free = Lactose-free
programmes-diet-nut-allergy = Nut allergy
programmes-diet-seafood-allergy = Seafood allergy
programmes-diet-egg-allergy = Egg allergy

programmes-error-country = Please choose a country or region from the list
programmes-error-nationality-missing = Please choose at least one nationality
programmes-error-nationality-repeated = This nationality is already chosen
programmes-error-language = Please choose a language from the list
programmes-error-language-missing = Please choose the language this level is for
programmes-error-language-repeated = This language is already chosen in another row
programmes-error-level = Please choose a level from the list
programmes-error-level-missing = Please choose your level in this language
programmes-error-level-jlpt = JLPT levels (N5–N1) are for Japanese only. For this language, choose a CEFR level (A1–C2) or native
programmes-error-skill = Only skills from the list can be chosen
programmes-error-diet = Only needs from the list can be chosen
programmes-error-day = Please write the date like 2017-03-01
programmes-error-day-missing = Please give both the first and the last day
programmes-error-range-reversed = The last day is before the first day
