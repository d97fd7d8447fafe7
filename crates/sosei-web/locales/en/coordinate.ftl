# Pages for programme coordinators (programmes, teams, reviewing applications, host families, placements, after the programme)

## Headings and navigation
coordinate-programmes-title = Run programmes
coordinate-nav-label = Programme management
coordinate-nav-overview = Overview and settings
coordinate-nav-teams = Teams
coordinate-nav-applications = Applicants
coordinate-nav-placements = Homestays
coordinate-nav-after = After the programme
coordinate-nav-hosts = Host families
coordinate-teams-title = Teams
coordinate-applications-title = Applicants
coordinate-placements-title = Placing participants with host families
coordinate-after-title = After the programme
coordinate-hosts-title = Host families

## Confirmations
coordinate-done-created = The programme was created as a draft. Fill in its details before opening applications.
coordinate-done-saved = Saved.
coordinate-done-status = The programme's status was changed.
coordinate-done-team-added = Team added.
coordinate-done-team-saved = Team saved.
coordinate-done-team-removed = Team removed.
coordinate-done-reviewed = Review notes and score saved.
coordinate-done-application-status = The application's status was changed. A message to the applicant is in the outbox.
coordinate-done-host-added = Host family added.
coordinate-done-host-saved = Host family saved.
coordinate-done-placed = Placed with the host family.
coordinate-done-placement-removed = Placement removed.
coordinate-done-deliverable-added = Deliverable added.
coordinate-done-deliverable-removed = Deliverable removed.
coordinate-done-reference-added = Reference added.

## When nothing happened
coordinate-problem-status-race = Someone else changed the programme's status first. Check where it is now and try again.
coordinate-problem-application-race = Someone else (or the applicant) changed this application's status first. Check where it is now and try again.
coordinate-problem-no-free-bed = No free bed: on at least one day of this stay every bed of this host family is taken. Choose another family or other dates.
coordinate-problem-host-unavailable = This host family cannot host on those dates (they are outside the family's available windows).

## Programme list and creation
coordinate-no-programmes = No programmes yet. Create one with the form below.
coordinate-column-programme = Programme
coordinate-column-dates = Dates
coordinate-column-region = Region
coordinate-column-status = Status
coordinate-column-applications = Applications
coordinate-no-applications = No applications yet
coordinate-new-programme = New programme
coordinate-new-programme-lead = It is saved as a draft first and is not public until you open applications.
coordinate-create-programme = Create as draft
coordinate-field-title = Title
coordinate-field-title-ja = Title (Japanese)
coordinate-field-title-en = Title (English)
coordinate-field-summary = Summary
coordinate-field-summary-ja = Summary (Japanese)
coordinate-field-summary-en = Summary (English)
coordinate-field-region = Region
coordinate-field-starts-on = First day
coordinate-field-ends-on = Last day
coordinate-hint-one-language = Japanese or English alone is fine.
coordinate-hint-region = A municipality code (e.g. 032085) or a name (e.g. Tono City)

## Programme status
coordinate-status-action-draft = Back to draft
coordinate-status-action-open = Open applications
coordinate-status-action-closed = Close applications
coordinate-status-action-running = Start the programme
coordinate-status-action-completed = Mark as completed
coordinate-status-explain-draft = Opening applications makes the programme public and lets people apply.
coordinate-status-explain-open = Closing stops new applications; then select participants and form teams.
coordinate-status-explain-closed = You can reopen applications, or start the programme.
coordinate-status-explain-running = When it is over, mark it as completed and collect deliverables and testimonials.
coordinate-status-final = This programme is completed; its status does not change any more.
coordinate-status-heading = Status
coordinate-status-now = Status now:
coordinate-error-status-unknown = There is no such status
coordinate-error-status-transition = The programme cannot move to that status from where it is now

## Matching (coming)
coordinate-matching-heading = Team matching
coordinate-matching-intro = Propose teams from the applicants’ preferences, skills and the diversity of nationalities; then lock or move people and run it again.
coordinate-matching-open = Open team matching

## Basics and details
coordinate-basics-heading = Basics
coordinate-details-heading = Social Contract details
coordinate-details-lead = What participants are told about:
coordinate-field-theme = Theme
coordinate-field-theme-ja = Theme (Japanese)
coordinate-field-theme-en = Theme (English)
coordinate-field-description = Description
coordinate-field-description-ja = Description (Japanese)
coordinate-field-description-en = Description (English)
coordinate-field-window = Application window
coordinate-field-window-opens = Applications open on
coordinate-field-window-closes = Applications close on
coordinate-hint-window = Fill in both or neither. Without a window, people can apply whenever the programme is open.
coordinate-field-seats = Seats
coordinate-hint-seats = How many participants (1 to 1,000). Leave blank if not decided.
coordinate-field-receive-accommodation = Participants receive: accommodation
coordinate-field-receive-accommodation-ja = Accommodation (Japanese)
coordinate-field-receive-accommodation-en = Accommodation (English)
coordinate-field-receive-meals = Participants receive: meals
coordinate-field-receive-meals-ja = Meals (Japanese)
coordinate-field-receive-meals-en = Meals (English)
coordinate-field-receive-other = Participants receive: other
coordinate-field-receive-other-ja = Other (Japanese)
coordinate-field-receive-other-en = Other (English)
coordinate-field-japanese-rule = Japanese-speaker rule
coordinate-japanese-rule-explain = Every team must include people who speak Japanese
coordinate-field-japanese-level = Lowest level of Japanese
coordinate-field-japanese-count = At least this many per team
coordinate-field-planned = Planned deliverables
coordinate-hint-planned = Choose a kind and describe it in Japanese or English. Empty rows are ignored.
coordinate-planned-kind = Deliverable { $row }: kind
coordinate-planned-ja = Deliverable { $row }: description (Japanese)
coordinate-planned-en = Deliverable { $row }: description (English)
coordinate-choose = Choose

## Teams
coordinate-no-teams = No teams yet.
coordinate-download-teams-csv = Download the teams as CSV
coordinate-team-size = { $min } to { $max } people
coordinate-team-cap = at most { $count } of one nationality
coordinate-team-no-needs = No needs set.
coordinate-team-members = Members
coordinate-team-no-members = Nobody is in this team yet.
coordinate-team-locked = locked
coordinate-team-edit = Edit team
coordinate-team-remove = Remove team
coordinate-new-team = Add a team
coordinate-add-team = Add team
coordinate-field-name-ja = Name (Japanese)
coordinate-field-name-en = Name (English)
coordinate-field-min-size = Smallest size
coordinate-field-max-size = Largest size
coordinate-field-max-per-nationality = Most people of one nationality
coordinate-hint-max-per-nationality = For a diverse team: how many people of one nationality at most. Leave blank for no limit.
coordinate-field-needs = What the team needs
coordinate-hint-needs = For example "at least 2 people who can do graphic design" or "at least 1 person who speaks Thai at B1 or above". Rows without a kind are ignored.
coordinate-need-row = Need { $row }
coordinate-need-kind = Need { $row }: kind
coordinate-need-kind-none = (none)
coordinate-need-kind-skill = Skill
coordinate-need-kind-language = Language
coordinate-need-skill-label = Need { $row }: skill
coordinate-need-language-label = Need { $row }: language
coordinate-need-level-label = Need { $row }: lowest level
coordinate-need-count-label = Need { $row }: at least how many people

## Applicants
coordinate-download-applications-csv = Download the applicants as CSV
coordinate-column-name = Name
coordinate-column-nationalities = Nationalities
coordinate-column-languages = Languages
coordinate-column-skills = Skills
coordinate-column-rank = Preference
coordinate-column-score = Score
coordinate-column-actions = Actions
coordinate-column-submitted = Applied on
coordinate-rank = Choice { $rank }
coordinate-application-submitted = Submitted
coordinate-application-shortlisted = Shortlisted
coordinate-application-offered = Offered
coordinate-application-accepted = Accepted
coordinate-application-declined = Declined
coordinate-application-completed = Completed
coordinate-application-no-show = No-show
coordinate-application-withdrawn = Withdrawn
coordinate-application-action-submitted = Undo shortlist
coordinate-application-action-shortlisted = Shortlist
coordinate-application-action-offered = Make an offer
coordinate-application-action-accepted = Mark accepted
coordinate-application-action-declined = Mark declined
coordinate-application-action-completed = Mark completed
coordinate-application-action-no-show = Mark no-show
coordinate-application-action-withdrawn = Mark withdrawn
coordinate-error-application-transition = A coordinator cannot move this application to that status
coordinate-motivation = Motivation
coordinate-profile = Profile
coordinate-profile-none = This applicant has not made a profile yet.
coordinate-profile-hidden = You may not see this profile.
coordinate-profile-affiliation = Affiliation
coordinate-profile-availability = Available
coordinate-profile-diet = Dietary requirements
coordinate-profile-diet-notes = Notes on diet
coordinate-profile-accessibility = Accessibility needs
coordinate-profile-bio = About
coordinate-review = Review notes and score
coordinate-review-private = Only coordinators see this; the applicant never does.
coordinate-field-score = Score (1 to 5)
coordinate-field-notes = Review notes
coordinate-score-1 = 1 (weak)
coordinate-score-2 = 2
coordinate-score-3 = 3 (fair)
coordinate-score-4 = 4
coordinate-score-5 = 5 (excellent)
coordinate-history = History

## CSV
coordinate-csv-application = Application
coordinate-csv-team = Team
coordinate-csv-locked = Locked
coordinate-csv-source = Set by

## Host families
coordinate-hosts-private = Only coordinators see contact details.
coordinate-no-hosts = No host families yet.
coordinate-new-host = Add a host family
coordinate-add-host = Add
coordinate-field-name = Name
coordinate-field-contact = Contact
coordinate-hint-contact = Phone, e-mail, notes on the address
coordinate-field-beds = Beds
coordinate-field-available = Available to host
coordinate-hint-available = One window per line: first and last day separated by a space or "~" (e.g. 2017-09-01 2017-09-15).
coordinate-field-languages = Languages spoken
coordinate-hint-languages = Language codes separated by commas (e.g. ja, en, th).
coordinate-field-diet = Diets they can cook for

## Placements
coordinate-no-placeable = Nobody has accepted a place yet.
coordinate-placed-with = Staying with:
coordinate-placement-remove = Remove
coordinate-place-host = Host family
coordinate-place-starts = First day of the stay
coordinate-place-ends = Last day of the stay
coordinate-hint-stay = Leave blank for the programme's dates.
coordinate-place = Place
coordinate-beds-count = { $count ->
    [one] 1 bed
   *[other] { $count } beds
}
coordinate-misfit-diet = Cannot cook for: { $diets }
coordinate-misfit-language = No language in common
coordinate-error-not-placeable = Only participants who accepted can be placed

## After the programme
coordinate-deliverables = Deliverables
coordinate-no-deliverables = No deliverables yet.
coordinate-add-deliverable = Add a deliverable
coordinate-field-kind = Kind
coordinate-field-language = Language
coordinate-field-link = Link
coordinate-hint-link = An address starting with https://
coordinate-field-file = File
coordinate-hint-file = A PDF, image, video or document of up to 20 MB. Give either a link or a file (with neither, it is recorded as kept offline, e.g. printed copies)
coordinate-error-link-or-file = Give a link or a file, not both
coordinate-remove = Remove
coordinate-references = References
coordinate-no-references = None yet.
coordinate-references-need-both = References can be added once there are host families and participants.
coordinate-reference-host-about-participant = { $host } about { $participant }
coordinate-reference-participant-about-host = { $participant } about { $host }
coordinate-direction-host-about-participant = Host family about participant
coordinate-direction-participant-about-host = Participant about host family
coordinate-field-direction = Direction
coordinate-field-host = Host family
coordinate-field-participant = Participant
coordinate-field-text = Text
coordinate-add-reference = Add reference
coordinate-testimonials = Testimonials
coordinate-testimonials-consent = Only testimonials whose authors agreed appear on the programme's public page.
coordinate-no-testimonials = No testimonials yet.
coordinate-testimonial-published = may be published
coordinate-testimonial-private = private

## Input problems
coordinate-error-invalid = Please check what you entered
coordinate-error-choice = Please choose from the list
coordinate-error-title-required = Please give a title in Japanese or English
coordinate-error-date = Please write dates as 2017-09-06
coordinate-error-date-required = Please give a date
coordinate-error-window-both = Please give both the opening and the closing day
coordinate-error-window-line = Line { $line }: write a window as 2017-09-01 2017-09-15
coordinate-error-region-required = Please give a region
coordinate-error-region-unknown = No such region was found
coordinate-error-region-ambiguous = Several regions have that name; please use the municipality code
coordinate-error-need-row = Need { $row }: { $problem }
coordinate-error-need-kind = please choose a kind
coordinate-error-planned-row = Deliverable { $row }: { $problem }
coordinate-error-planned-kind = please choose a kind
coordinate-error-planned-text = the description is at most 300 characters
