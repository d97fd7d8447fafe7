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
} (skill: { $skill })
programmes-need-language = At least { $count ->
    [one] 1 person who speaks
   *[other] { $count } people who speak
} { $language } ({ $level } or above)
programmes-need-language-native = At least { $count ->
    [one] 1 native speaker
   *[other] { $count } native speakers
} of { $language }
programmes-japanese-rule = Every team includes at least { $count ->
    [one] one person who speaks
   *[other] { $count } people who speak
} Japanese at { $level } or above.
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

## Applying
programmes-back-to-programme = Back to the programme
programmes-apply-title = Apply to a programme
programmes-apply-field-rank = Preference rank
programmes-apply-field-motivation = Why you are applying
programmes-apply-hint-rank = If you apply to several programmes, where this one stands (1 is your first choice, up to { $max }). You can reorder them later under "My applications".
programmes-apply-hint-motivation = Tell us why you want to take part and what you would like to do in the town.
programmes-apply-profile-shared = When you apply, the programme's coordinators can see your profile.
programmes-apply-submit = Apply
programmes-apply-needs-profile = Before applying, please create your participant profile. Once it is saved you come back to this form.
programmes-apply-already = You already applied to this programme. See "My applications" for where it stands.
programmes-apply-closed = This programme is not taking applications now (outside the application period, or applications have closed).
programmes-error-rank-taken = Another of your applications already has this rank. Choose another number, or reorder them under "My applications"

## My applications
programmes-my-applications-title = My applications
programmes-my-applications-lead = The programmes you applied to and where each application stands. We also e-mail you when that changes.
programmes-my-applications-empty = You have not applied to any programme yet.
programmes-my-status = Status
programmes-my-rank = Preference
programmes-my-rank-value = Choice no. { $rank }
programmes-my-history = History
programmes-action-up = Move up
programmes-action-down = Move down
programmes-action-accept = Accept
programmes-action-decline = Decline
programmes-action-withdraw = Withdraw application
programmes-application-submitted = Received (being reviewed)
programmes-application-shortlisted = Moved to the next stage of selection
programmes-application-offered = You are invited to take part: please accept or decline
programmes-application-accepted = You are taking part
programmes-application-declined = You declined
programmes-application-completed = You took part (finished)
programmes-application-no-show = Your participation could not be confirmed
programmes-application-withdrawn = You withdrew this application
programmes-notice-applied = Your application was sent. We sent you an acknowledgement.
programmes-notice-moved = Your preferences were reordered.
programmes-notice-accepted = You accepted. Thank you!
programmes-notice-declined = You declined the invitation.
programmes-notice-withdrawn = Your application was withdrawn.
programmes-notice-testimonial = Thank you for your testimonial.
programmes-notice-consent = Your publishing choice was changed.
programmes-problem-changed = This application changed after you opened the page. Please check where it stands now and try again.
programmes-problem-not-active = A finished application has no preference rank to change
programmes-problem-not-completed = You can write a testimonial after taking part in the programme
programmes-problem-testimonial-exists = You already wrote a testimonial for this programme.
programmes-error-status = The application cannot be moved to that status
programmes-error-direction = Preferences move up or down only

## Testimonials
programmes-testimonial-write = Write a testimonial
programmes-testimonial-lead = Write in Japanese, English or both. Only testimonials whose authors agree are shown on the programme's page.
programmes-testimonial-field-text-ja = Testimonial (Japanese)
programmes-testimonial-field-text-en = Testimonial (English)
programmes-testimonial-consent = I agree to publishing it on the programme's page (you can change this later)
programmes-testimonial-submit = Send testimonial
programmes-testimonial-yours = Your testimonial
programmes-testimonial-published = It is published on the programme's page.
programmes-testimonial-private = It is not published (only coordinators read it).
programmes-testimonial-give-consent = Publish it
programmes-testimonial-withdraw-consent = Stop publishing it
programmes-error-testimonial-empty = Please write it in Japanese or English

## Outbox (admin)
programmes-outbox-title = Outbox
programmes-outbox-lead = Messages to participants about their applications, newest first.
programmes-outbox-empty = No messages yet.
programmes-outbox-recipient = To
programmes-outbox-subject = Subject (open for the text)
programmes-outbox-created = Written
programmes-outbox-state = Delivery
programmes-outbox-sent = Sent
programmes-outbox-pending = Not sent
programmes-outbox-retrying = To be tried again ({ $attempts } failed attempts; next at { $next })
programmes-outbox-failed = Could not be sent
programmes-outbox-last-error = Last error:
programmes-outbox-retry = Send again
programmes-outbox-retry-label = Send the message to { $to } again
programmes-outbox-delivery-smtp = Messages are sent through the mail server { $server }. Messages that could not be sent are tried again automatically, later.
programmes-outbox-delivery-none = No mail server is configured, so messages stay here unsent. Set SOSEI_SMTP_URL and SOSEI_MAIL_FROM to send them.
programmes-outbox-notice-requeued = The message is queued to be sent again.
programmes-outbox-notice-already-sent = This message was already sent.
