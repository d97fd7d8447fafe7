# JSON API 固有の問題。
api-error-content-type = リクエスト本文はJSON（Content-Type: application/json）で送ってください。
api-error-body = リクエスト本文が想定した形のJSONではありません。/api/v1/openapi.json をご覧ください。
