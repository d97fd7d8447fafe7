# Limits kept for safety (search length, answers when busy)

security-error-search-too-long = The search is too long. Please use at most 100 characters
security-error-busy = Sign-in is busy right now. Please wait a few seconds and try again
