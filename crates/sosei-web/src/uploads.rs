//! Forms that carry a file (`multipart/form-data`): reading their fields and file, and serving a
//! stored file back safely.
//!
//! Requests to an upload route may be as large as [`MAX_UPLOAD_REQUEST_BYTES`]; every other
//! request keeps the site's ordinary body limit. A stored file is served with the media type the
//! server decided from its bytes, `nosniff`, a sandboxing `Content-Security-Policy` (a file can
//! never run script in the site's name) and its SHA-256 as the `ETag`.

use axum::body::Bytes;
use axum::extract::Request;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    ETAG, IF_NONE_MATCH, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use sosei_core::file::{MAX_FILE_BYTES, StoredFile};

use crate::error::AppError;

/// The largest request an upload route accepts: the largest file and room for the other fields.
pub const MAX_UPLOAD_REQUEST_BYTES: usize = MAX_FILE_BYTES + 256 * 1024;

/// The route a coordinator adds a deliverable's file at.
pub const DELIVERABLE_UPLOAD_ROUTE: &str =
    "/organisations/{slug}/programmes/{programme}/after/deliverables";

/// Every route that accepts a file, by its route pattern. Only these may receive bodies beyond
/// the site's ordinary limit; the context middleware decides from the matched route before it
/// reads a byte.
pub const UPLOAD_ROUTES: [&str; 1] = [DELIVERABLE_UPLOAD_ROUTE];

/// The most a request to `matched_route` (a route pattern, `None` when no route matched) may
/// send, given the site's ordinary limit.
pub fn body_limit_for(matched_route: Option<&str>, ordinary_limit: usize) -> usize {
    match matched_route {
        Some(route) if UPLOAD_ROUTES.contains(&route) => {
            MAX_UPLOAD_REQUEST_BYTES.max(ordinary_limit)
        }
        _ => ordinary_limit,
    }
}

/// A file sent with a form.
#[derive(Debug, Clone)]
pub struct Upload {
    /// As the browser named it (parsed into a `FileName` by the core).
    pub file_name: String,
    pub content: Vec<u8>,
}

/// A submitted form: its text fields in order, and its file if one was chosen.
#[derive(Debug, Default)]
pub struct FormWithUpload {
    pub fields: Vec<(String, String)>,
    pub upload: Option<Upload>,
}

/// A request's `Content-Type`, `""` when absent or not text.
pub fn content_type_of(headers: &HeaderMap) -> String {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Whether a `Content-Type` is a form with files.
pub fn is_multipart(content_type: &str) -> bool {
    content_type.starts_with("multipart/form-data")
}

/// A multipart reader over a body already buffered (and so already held to its size limit).
fn multipart_reader(content_type: &str, body: Bytes) -> Option<multer::Multipart<'static>> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    Some(multer::Multipart::new(stream, boundary))
}

/// The first text field called `name` of a buffered multipart body (the CSRF check's look).
pub async fn multipart_text_field(content_type: &str, body: Bytes, name: &str) -> Option<String> {
    let mut multipart = multipart_reader(content_type, body)?;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(name) && field.file_name().is_none() {
            return field.text().await.ok();
        }
    }
    None
}

/// Read a form sent either as `multipart/form-data` (with at most one file, in the field
/// `file_field`) or as an ordinary URL-encoded form (no file).
pub async fn read_form_with_upload(
    request: Request,
    file_field: &str,
) -> Result<FormWithUpload, AppError> {
    let content_type = content_type_of(request.headers());
    let body = axum::body::to_bytes(request.into_body(), MAX_UPLOAD_REQUEST_BYTES)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    if !is_multipart(&content_type) {
        return Ok(FormWithUpload {
            fields: form_urlencoded::parse(&body)
                .map(|(key, value)| (key.into_owned(), value.into_owned()))
                .collect(),
            upload: None,
        });
    }
    let malformed = || AppError::BadRequest {
        message_id: "error-form-malformed",
    };
    let mut multipart = multipart_reader(&content_type, body).ok_or_else(malformed)?;
    let mut form = FormWithUpload::default();
    while let Some(field) = multipart.next_field().await.map_err(|_| malformed())? {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) if name == file_field => {
                let content = field.bytes().await.map_err(|_| malformed())?.to_vec();
                // A file input left empty still sends a part, with no name and no bytes.
                if !(file_name.is_empty() && content.is_empty()) && form.upload.is_none() {
                    form.upload = Some(Upload { file_name, content });
                }
            }
            Some(_) => return Err(malformed()),
            None => {
                let value = field.text().await.map_err(|_| malformed())?;
                form.fields.push((name, value));
            }
        }
    }
    Ok(form)
}

/// The path a deliverable's file is served at.
pub fn deliverable_file_path(
    programme: sosei_core::ProgrammeId,
    deliverable: sosei_core::DeliverableId,
) -> String {
    format!("/programmes/{programme}/deliverables/{deliverable}/file")
}

/// 「PDF・1.2 MB」, "PDF, 1.2 MB": what a link to a file says of it.
pub fn describe_file(locale: sosei_core::Locale, file: &StoredFile) -> String {
    let size = file.size_bytes as f64;
    let size = if size >= 1024.0 * 1024.0 {
        format!("{:.1} MB", size / 1024.0 / 1024.0)
    } else {
        format!("{} KB", ((size / 1024.0).ceil() as u64).max(1))
    };
    crate::i18n::t_args(
        locale,
        "wording-file-description",
        &[
            ("type", file.media_type.as_str().to_uppercase().into()),
            ("size", size.into()),
        ],
    )
}

/// `Content-Disposition` with an ASCII fallback name and the real one in RFC 5987 form, so
/// 遠野チラシ.pdf arrives as 遠野チラシ.pdf.
fn content_disposition(file: &StoredFile) -> String {
    let disposition = if file.media_type.shows_inline() {
        "inline"
    } else {
        "attachment"
    };
    let name = file.name.as_str();
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = utf8_percent_encode(name, NON_ALPHANUMERIC);
    format!("{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// The response for a stored file; `304 Not Modified` when the browser already has these bytes.
pub fn file_response(request_headers: &HeaderMap, file: &StoredFile, content: Vec<u8>) -> Response {
    let etag = format!("\"{}\"", file.sha256);
    let already_has_it = request_headers
        .get(IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|given| given.split(',').any(|tag| tag.trim() == etag));
    let mut headers = HeaderMap::new();
    let mut set = |name, value: String| {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    };
    set(ETAG, etag);
    set(CACHE_CONTROL, "private, max-age=300".to_owned());
    set(X_CONTENT_TYPE_OPTIONS, "nosniff".to_owned());
    set(
        CONTENT_SECURITY_POLICY,
        "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'"
            .to_owned(),
    );
    if already_has_it {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    set(CONTENT_TYPE, file.media_type.mime().to_owned());
    set(CONTENT_DISPOSITION, content_disposition(file));
    set(CONTENT_LENGTH, content.len().to_string());
    (StatusCode::OK, headers, content).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use sosei_core::file::{FileName, MediaType};
    use sosei_core::{StoredFileId, UserId};

    fn file(name: &str, media_type: MediaType) -> StoredFile {
        StoredFile {
            id: StoredFileId(1),
            name: FileName::parse(name).expect("name"),
            media_type,
            size_bytes: 3,
            sha256: "ab".repeat(32),
            uploaded_by: UserId(1),
            created_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn japanese_names_survive_and_office_files_are_downloaded() {
        assert_eq!(
            content_disposition(&file("遠野 チラシ.pdf", MediaType::Pdf)),
            "inline; filename=\"__ ___.pdf\"; filename*=UTF-8''%E9%81%A0%E9%87%8E%20%E3%83%81%E3%83%A9%E3%82%B7%2Epdf"
        );
        assert!(
            content_disposition(&file("report.docx", MediaType::Docx)).starts_with("attachment;")
        );
    }

    #[tokio::test]
    async fn multipart_forms_give_their_fields_and_file() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\ntok\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"title_ja\"\r\n\r\n報告書\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\
                    Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--XyZ--\r\n";
        let content_type = "multipart/form-data; boundary=XyZ";
        assert_eq!(
            multipart_text_field(content_type, Bytes::from(body), "csrf_token")
                .await
                .as_deref(),
            Some("tok")
        );
        let request = Request::builder()
            .header(CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .expect("request");
        let form = read_form_with_upload(request, "file").await.expect("form");
        assert_eq!(form.fields[1], ("title_ja".to_owned(), "報告書".to_owned()));
        let upload = form.upload.expect("a file");
        assert_eq!(upload.file_name, "a.pdf");
        assert_eq!(upload.content, b"%PDF-1.4");
    }
}
