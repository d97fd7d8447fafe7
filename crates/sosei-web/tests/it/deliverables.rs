//! A coordinator records what a programme left behind: a file uploaded with the form (kept in the
//! database, served back safely), a link, or a printed leaflet known only from the records; and
//! the refusals a person can act on (wrong kind of file, too large, both a link and a file).

use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG};
use sosei_core::programme::after::DeliverableLocation;

use crate::coordinate::{BASE, coordinated_programme, open};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n";

fn fields<'a>(title_ja: &'a str, link: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title_ja", title_ja),
        ("title_en", ""),
        ("kind", "leaflet"),
        ("language", "th"),
        ("link", link),
    ]
}

#[tokio::test]
async fn a_coordinator_uploads_a_leaflet_and_the_public_downloads_it_once_the_programme_is_public()
{
    let (app, _organisation, _user, mut coordinator, programme) = coordinated_programme().await;
    let path = format!("{BASE}/{}/after/deliverables", programme.id);

    // The form asks for a file the way browsers send one.
    let page = coordinator
        .get(&format!("{BASE}/{}/after", programme.id))
        .await;
    assert!(
        page.body.contains("enctype=\"multipart/form-data\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("type=\"file\""));

    // Without the CSRF token nothing is stored.
    let forged = coordinator
        .post_multipart(
            &path,
            &fields("タイ語リーフレット", ""),
            Some(("file", "leaflet.pdf", PDF)),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(
        app.store
            .deliverables_of_programme(programme.id)
            .await
            .unwrap()
            .is_empty()
    );

    let added = coordinator
        .submit_multipart(
            &path,
            &fields("タイ語の観光リーフレット", ""),
            Some((
                "file",
                "C:\\Users\\nok\\遠野リーフレット（タイ語）.pdf",
                PDF,
            )),
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let deliverables = app
        .store
        .deliverables_of_programme(programme.id)
        .await
        .unwrap();
    assert_eq!(deliverables.len(), 1);
    let DeliverableLocation::File(file) = &deliverables[0].details.location else {
        panic!(
            "expected a file, got {:?}",
            deliverables[0].details.location
        );
    };
    // The name is kept as written, full-width brackets included.
    assert_eq!(file.name.as_str(), "遠野リーフレット（タイ語）.pdf");
    assert_eq!(file.size_bytes, PDF.len() as u64);
    let file_path = format!(
        "/programmes/{}/deliverables/{}/file",
        programme.id, deliverables[0].id
    );
    let after = coordinator
        .get(&format!("{BASE}/{}/after", programme.id))
        .await;
    assert!(after.body.contains(&file_path), "{}", after.body);
    assert!(
        after.body.contains("（タイ語・PDF・1 KB）"),
        "{}",
        after.body
    );

    // A draft's files are the coordinators' only.
    let mut visitor = app.browser();
    assert_eq!(visitor.get(&file_path).await.status, StatusCode::NOT_FOUND);
    let own = coordinator.get(&file_path).await;
    assert_eq!(own.status, StatusCode::OK);

    open(&app, &programme).await;
    let public_page = visitor.get(&format!("/programmes/{}", programme.id)).await;
    assert!(
        public_page.body.contains(&file_path),
        "{}",
        public_page.body
    );
    let download = visitor.get(&file_path).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.body.as_bytes(), PDF);
    assert_eq!(download.headers[CONTENT_TYPE], "application/pdf");
    let disposition = download.headers[CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("inline; "), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''%E9%81%A0%E9%87%8E"),
        "{disposition}"
    );
    assert!(
        download.headers[CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .starts_with("sandbox")
    );
    assert_eq!(download.headers["x-content-type-options"], "nosniff");
    let etag = download.headers[ETAG].to_str().unwrap().to_owned();
    assert_eq!(etag, format!("\"{}\"", file.sha256));

    // A file of another programme's deliverable, or a deliverable without a file: not found.
    assert_eq!(
        visitor
            .get(&format!(
                "/programmes/{}/deliverables/{}/file",
                programme.id, 999_999
            ))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Removing the deliverable removes its file.
    let remove = coordinator
        .submit(&format!("{path}/{}/remove", deliverables[0].id), &[])
        .await;
    assert_eq!(remove.status, StatusCode::SEE_OTHER);
    assert_eq!(visitor.get(&file_path).await.status, StatusCode::NOT_FOUND);
    assert!(app.store.stored_file_content(file.id).await.is_err());
}

#[tokio::test]
async fn links_and_printed_leaflets_are_recorded_and_wrong_files_are_refused_in_words() {
    let (app, _organisation, _user, mut coordinator, programme) = coordinated_programme().await;
    let path = format!("{BASE}/{}/after/deliverables", programme.id);

    // A page disguised as a PDF is refused, whatever its name says; nothing is stored.
    let disguised = coordinator
        .submit_multipart(
            &path,
            &fields("リーフレット", ""),
            Some((
                "file",
                "leaflet.pdf",
                b"<html><script>alert(1)</script></html>",
            )),
        )
        .await;
    assert_eq!(disguised.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        disguised
            .body
            .contains("この種類のファイルは登録できません"),
        "{}",
        disguised.body
    );
    // What was typed is still there.
    assert!(
        disguised.body.contains("value=\"リーフレット\""),
        "{}",
        disguised.body
    );

    let both = coordinator
        .submit_multipart(
            &path,
            &fields("リーフレット", "https://example.jp/tono-th.pdf"),
            Some(("file", "leaflet.pdf", PDF)),
        )
        .await;
    assert_eq!(both.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        both.body.contains("リンクとファイルの両方は指定できません"),
        "{}",
        both.body
    );

    let mut too_large = b"%PDF-1.4\n".to_vec();
    too_large.resize(sosei_core::file::MAX_FILE_BYTES + 1, b' ');
    let large = coordinator
        .submit_multipart(
            &path,
            &fields("大きな報告書", ""),
            Some(("file", "report.pdf", &too_large)),
        )
        .await;
    assert_eq!(large.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(large.body.contains("20MBまで"), "{}", large.body);
    assert!(
        app.store
            .deliverables_of_programme(programme.id)
            .await
            .unwrap()
            .is_empty()
    );

    // A link, through the plain form as before, and a printed leaflet (neither link nor file),
    // through a multipart form whose file input was left empty.
    let link = coordinator
        .submit(
            &path,
            &fields("タイ語リーフレット", "https://example.jp/tono-th.pdf"),
        )
        .await;
    assert_eq!(link.status, StatusCode::SEE_OTHER, "{}", link.body);
    let printed = coordinator
        .submit_multipart(
            &path,
            &fields("印刷したリーフレット", ""),
            Some(("file", "", b"")),
        )
        .await;
    assert_eq!(printed.status, StatusCode::SEE_OTHER, "{}", printed.body);
    let locations: Vec<DeliverableLocation> = app
        .store
        .deliverables_of_programme(programme.id)
        .await
        .unwrap()
        .into_iter()
        .map(|deliverable| deliverable.details.location)
        .collect();
    assert!(matches!(locations[0], DeliverableLocation::Link(_)));
    assert_eq!(locations[1], DeliverableLocation::Offline);
    let page = coordinator
        .get(&format!("{BASE}/{}/after", programme.id))
        .await;
    assert!(
        page.body
            .contains("印刷したリーフレット（タイ語・記録のみ）"),
        "{}",
        page.body
    );
}
