# Errors of sosei-core's input checks (programmes, profiles, applications). Pages may use their own
# wording; these are the defaults.
error-beds = Beds are a whole number from 1 to 20
error-country-code = Choose a country or region from the list
error-date-range = The last day is before the first
error-language-code = Please choose a language from the list, or give a code such as ja or en
error-language-level = Please choose a level from the list
error-language-level-jlpt = JLPT levels (N1 to N5) are for Japanese only
error-match-weight-range = Enter each weight as a number from 0 to 100
error-match-weights-zero = At least one weight must be above zero
error-need-count = The number of people is a whole number from 1 to 50
error-preference-rank = Enter the preference rank as a whole number of 1 or more
error-review-score = Please choose a score from 1 to 5
error-seats = Seats are a whole number from 1 to 1,000
error-skill-slug = Please choose a skill from the list
error-team-name-missing = Please give the team a name in Japanese or English
error-team-need-too-large = A need asks for more people than the team can have
error-team-size-reversed = The largest size is below the smallest
error-web-link = A link starts with http:// or https:// and has no spaces
error-file-name = The file's name cannot be read. Give it a name and choose it again
error-file-empty = The file is empty. Choose a file with something in it
error-file-too-large = The file is too large. Choose a file of at most 20 MB
error-file-type = This kind of file is not accepted. Choose a PDF, an image (PNG, JPEG, WebP), an MP4 video, a Word, Excel or PowerPoint file, an OpenDocument file or text (.txt, .md, .csv)
