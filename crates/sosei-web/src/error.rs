//! One error type for the web layer. Handlers return `Result<_, AppError>` and use `?`.
//!
//! An error becomes a response carrying an [`ErrorReport`] extension; the context middleware then
//! renders it in the reader's language, as an HTML page or, under `/api/`, as RFC 9457 problem
//! details. 5xx responses show a generic message and log the cause.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sosei_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("sign-in required")]
    SignInRequired { return_to: String },
    #[error("csrf token missing or wrong")]
    CsrfRejected,
    #[error("request body too large")]
    PayloadTooLarge,
    /// Input that failed to parse; the Fluent id says why.
    #[error("bad request: {message_id}")]
    BadRequest { message_id: &'static str },
    #[error("conflict: {message_id}")]
    Conflict { message_id: &'static str },
    #[error("too many requests")]
    TooManyRequests { retry_after_seconds: u64 },
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Too much work of one kind at once (password hashing): try again in a few seconds.
    #[error("busy")]
    Busy { retry_after_seconds: u64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(_) => AppError::Conflict {
                message_id: "error-conflict",
            },
            other => AppError::Internal(anyhow::Error::new(other)),
        }
    }
}

/// What the context middleware needs to render an error.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    pub status: StatusCode,
    /// Fluent id of the message for the reader.
    pub message_id: &'static str,
    /// Where to send someone who must sign in first.
    pub sign_in_return_to: Option<String>,
    pub retry_after_seconds: Option<u64>,
}

impl AppError {
    pub fn report(&self) -> ErrorReport {
        let (status, message_id) = match self {
            AppError::NotFound => (StatusCode::NOT_FOUND, "error-not-found"),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden"),
            AppError::SignInRequired { .. } => (StatusCode::UNAUTHORIZED, "error-sign-in-required"),
            AppError::CsrfRejected => (StatusCode::FORBIDDEN, "error-csrf"),
            AppError::PayloadTooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "error-too-large"),
            AppError::BadRequest { message_id } => (StatusCode::BAD_REQUEST, *message_id),
            AppError::Conflict { message_id } => (StatusCode::CONFLICT, *message_id),
            AppError::TooManyRequests { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "error-too-many-requests")
            }
            AppError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "error-unavailable"),
            AppError::Busy { .. } => (StatusCode::SERVICE_UNAVAILABLE, "security-error-busy"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "error-internal"),
        };
        ErrorReport {
            status,
            message_id,
            sign_in_return_to: match self {
                AppError::SignInRequired { return_to } => Some(return_to.clone()),
                _ => None,
            },
            retry_after_seconds: match self {
                AppError::TooManyRequests {
                    retry_after_seconds,
                }
                | AppError::Busy {
                    retry_after_seconds,
                } => Some(*retry_after_seconds),
                _ => None,
            },
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let report = self.report();
        if report.status.is_server_error() {
            tracing::error!(error = ?self, "request failed");
        }
        let mut response = report.status.into_response();
        response.extensions_mut().insert(report);
        response
    }
}

/// The fallback for unknown paths.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// RFC 9457 problem details (`application/problem+json`) in the reader's language.
pub fn problem_response(ctx: &crate::Ctx, report: &ErrorReport) -> Response {
    let body = serde_json::json!({
        "type": format!("tag:sosei,2026:{}", report.message_id),
        "title": ctx.t(report.message_id),
        "status": report.status.as_u16(),
        "instance": ctx.path_and_query,
    });
    let mut response = (report.status, body.to_string()).into_response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/problem+json"),
    );
    if let Some(seconds) = report.retry_after_seconds
        && let Ok(value) = seconds.to_string().parse()
    {
        response
            .headers_mut()
            .insert(axum::http::header::RETRY_AFTER, value);
    }
    response
}
