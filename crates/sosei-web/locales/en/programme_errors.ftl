# Errors of sosei-core's input checks (programmes, profiles, applications). Pages may use their own
# wording; these are the defaults.
error-beds = Enter the number of beds as a whole number of 1 or more.
error-country-code = Choose a country or region from the list.
error-date-range = The end date is before the start date.
error-language-code = Choose a language from the list.
error-language-level = Choose a level: A1–C2, N5–N1 or native.
error-language-level-jlpt = JLPT levels (N5–N1) are for Japanese only.
error-match-weight-range = Enter each weight as a number from 0 to 100.
error-match-weights-zero = At least one weight must be above zero.
error-need-count = Enter the number of people as a whole number of 1 or more.
error-preference-rank = Enter the preference rank as a whole number of 1 or more.
error-review-score = Enter the score as a whole number from 1 to 5.
error-seats = Enter the number of seats as a whole number of 1 or more.
error-skill-slug = A skill's short name uses 2 to 40 lower-case letters, digits and hyphens.
error-team-name-missing = Enter the team's name.
error-team-need-too-large = The need asks for more people than the team can have.
error-team-size-reversed = The smallest size is above the largest.
error-web-link = A link starts with http:// or https:// and has no spaces.
