# The JSON API's own problems.
api-error-content-type = Send the request body as JSON (Content-Type: application/json).
api-error-body = The request body is not JSON of the expected shape; see /api/v1/openapi.json.
