//! Files uploaded to the site (a programme's leaflet as a PDF, its report, photos, a short video):
//! a safe file name, a media type decided from the file's own bytes (never from what the browser
//! claims), and a size limit. Anything else is refused with a message the uploader can act on.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{StoredFileId, UserFacingError, UserId};

/// Largest file accepted: 20 MiB, enough for a printed leaflet or a report with photos.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// A file name safe to show and to send back in `Content-Disposition`: the last part of what the
/// browser sent (some send a whole Windows path), kept as written (`報告書（案）.pdf` stays
/// full-width, see `text::clean_text`), without control characters, quotes or slashes, at most
/// 120 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FileName(String);

impl FileName {
    pub const MAX_CHARS: usize = 120;

    pub fn parse(raw: &str) -> Result<FileName, FileError> {
        let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
        let cleaned: String = crate::text::clean_text(last, false)
            .chars()
            .map(|c| {
                if matches!(c, '"' | '/' | '\\') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let trimmed = cleaned.trim().trim_start_matches('.').trim();
        if trimmed.is_empty() {
            return Err(FileError::Name);
        }
        let name: String = if trimmed.chars().count() > Self::MAX_CHARS {
            // Keep the extension: it tells people what the file is.
            let extension = trimmed
                .rsplit_once('.')
                .map(|(_, ext)| ext)
                .filter(|ext| ext.chars().count() <= 8)
                .unwrap_or_default();
            let keep = Self::MAX_CHARS - extension.chars().count() - 1;
            let stem: String = trimmed.chars().take(keep).collect();
            if extension.is_empty() {
                trimmed.chars().take(Self::MAX_CHARS).collect()
            } else {
                format!("{stem}.{extension}")
            }
        } else {
            trimmed.to_owned()
        };
        Ok(FileName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The extension in lower case, without the dot (`""` when there is none).
    pub fn extension(&self) -> String {
        self.0
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_lowercase())
            .unwrap_or_default()
    }
}

impl TryFrom<String> for FileName {
    type Error = FileError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        FileName::parse(&value)
    }
}

impl From<FileName> for String {
    fn from(name: FileName) -> String {
        name.0
    }
}

/// The kinds of file the site accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaType {
    Pdf,
    Png,
    Jpeg,
    Webp,
    Mp4,
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Csv,
    PlainText,
}

impl MediaType {
    pub const ALL: [MediaType; 13] = [
        MediaType::Pdf,
        MediaType::Png,
        MediaType::Jpeg,
        MediaType::Webp,
        MediaType::Mp4,
        MediaType::Docx,
        MediaType::Xlsx,
        MediaType::Pptx,
        MediaType::Odt,
        MediaType::Ods,
        MediaType::Odp,
        MediaType::Csv,
        MediaType::PlainText,
    ];

    /// Decide from the file's bytes; the name's extension only tells apart formats that share
    /// a container (the Office and OpenDocument formats are ZIP files; text is text).
    pub fn sniff(name: &FileName, bytes: &[u8]) -> Result<MediaType, FileError> {
        let extension = name.extension();
        let starts = |magic: &[u8]| bytes.starts_with(magic);
        if starts(b"%PDF-") {
            return Ok(MediaType::Pdf);
        }
        if starts(b"\x89PNG\r\n\x1a\n") {
            return Ok(MediaType::Png);
        }
        if starts(b"\xff\xd8\xff") {
            return Ok(MediaType::Jpeg);
        }
        if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
            return Ok(MediaType::Webp);
        }
        if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
            return Ok(MediaType::Mp4);
        }
        if starts(b"PK\x03\x04") {
            return match extension.as_str() {
                "docx" => Ok(MediaType::Docx),
                "xlsx" => Ok(MediaType::Xlsx),
                "pptx" => Ok(MediaType::Pptx),
                "odt" => Ok(MediaType::Odt),
                "ods" => Ok(MediaType::Ods),
                "odp" => Ok(MediaType::Odp),
                _ => Err(FileError::Type),
            };
        }
        let text_extension = matches!(extension.as_str(), "txt" | "md" | "csv" | "tsv");
        if text_extension && std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0) {
            return Ok(if extension == "csv" || extension == "tsv" {
                MediaType::Csv
            } else {
                MediaType::PlainText
            });
        }
        Err(FileError::Type)
    }

    /// The `Content-Type` to serve it with.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Png => "image/png",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Webp => "image/webp",
            MediaType::Mp4 => "video/mp4",
            MediaType::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            MediaType::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            MediaType::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            MediaType::Odt => "application/vnd.oasis.opendocument.text",
            MediaType::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            MediaType::Odp => "application/vnd.oasis.opendocument.presentation",
            MediaType::Csv => "text/csv; charset=utf-8",
            MediaType::PlainText => "text/plain; charset=utf-8",
        }
    }

    /// Whether a browser may show it in the page's tab (PDF, images, video, text) rather than
    /// save it.
    pub fn shows_inline(self) -> bool {
        matches!(
            self,
            MediaType::Pdf
                | MediaType::Png
                | MediaType::Jpeg
                | MediaType::Webp
                | MediaType::Mp4
                | MediaType::PlainText
        )
    }

    /// A short stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Pdf => "pdf",
            MediaType::Png => "png",
            MediaType::Jpeg => "jpeg",
            MediaType::Webp => "webp",
            MediaType::Mp4 => "mp4",
            MediaType::Docx => "docx",
            MediaType::Xlsx => "xlsx",
            MediaType::Pptx => "pptx",
            MediaType::Odt => "odt",
            MediaType::Ods => "ods",
            MediaType::Odp => "odp",
            MediaType::Csv => "csv",
            MediaType::PlainText => "text",
        }
    }

    pub fn parse(stored: &str) -> Option<MediaType> {
        MediaType::ALL
            .into_iter()
            .find(|media_type| media_type.as_str() == stored)
    }
}

/// Why a file was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file has no usable name")]
    Name,
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {} MiB", MAX_FILE_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("this kind of file is not accepted")]
    Type,
}

impl UserFacingError for FileError {
    fn message_id(&self) -> &'static str {
        match self {
            FileError::Name => "error-file-name",
            FileError::Empty => "error-file-empty",
            FileError::TooLarge => "error-file-too-large",
            FileError::Type => "error-file-type",
        }
    }
}

/// A file about to be stored, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStoredFile {
    pub name: FileName,
    pub media_type: MediaType,
    pub content: Vec<u8>,
    pub uploaded_by: UserId,
}

impl NewStoredFile {
    pub fn parse(
        raw_name: &str,
        content: Vec<u8>,
        uploaded_by: UserId,
    ) -> Result<NewStoredFile, FileError> {
        let name = FileName::parse(raw_name)?;
        if content.is_empty() {
            return Err(FileError::Empty);
        }
        if content.len() > MAX_FILE_BYTES {
            return Err(FileError::TooLarge);
        }
        let media_type = MediaType::sniff(&name, &content)?;
        Ok(NewStoredFile {
            name,
            media_type,
            content,
            uploaded_by,
        })
    }
}

/// What is known of a stored file without reading its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFile {
    pub id: StoredFileId,
    pub name: FileName,
    pub media_type: MediaType,
    pub size_bytes: u64,
    /// SHA-256 of the content, in lower-case hex (an `ETag`, and a check against corruption).
    pub sha256: String,
    pub uploaded_by: UserId,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(raw: &str) -> FileName {
        FileName::parse(raw).expect("a file name")
    }

    #[test]
    fn names_lose_paths_and_control_characters_and_keep_full_width_forms() {
        assert_eq!(
            name("C:\\Users\\nok\\遠野チラシ.pdf").as_str(),
            "遠野チラシ.pdf"
        );
        assert_eq!(name("../../etc/passwd").as_str(), "passwd");
        assert_eq!(
            name("ｌｅａｆｌｅｔ　ＴＨ.PDF").as_str(),
            "ｌｅａｆｌｅｔ　ＴＨ.PDF"
        );
        assert_eq!(name("報告書（案）.pdf").as_str(), "報告書（案）.pdf");
        assert_eq!(name("a\"b\u{7}\r\nc.txt").as_str(), "a_b c.txt");
        assert_eq!(name(".hidden.txt").as_str(), "hidden.txt");
        assert_eq!(name("報告書.PDF").extension(), "pdf");
        assert_eq!(FileName::parse("  "), Err(FileError::Name));
        assert_eq!(FileName::parse("dir/"), Err(FileError::Name));
        let long = format!("{}.pdf", "長".repeat(300));
        let kept = name(&long);
        assert_eq!(kept.as_str().chars().count(), FileName::MAX_CHARS);
        assert!(kept.as_str().ends_with(".pdf"));
    }

    #[test]
    fn the_type_comes_from_the_bytes_not_the_name() {
        let sniff = |raw: &str, bytes: &[u8]| MediaType::sniff(&name(raw), bytes);
        assert_eq!(sniff("leaflet.pdf", b"%PDF-1.7\n..."), Ok(MediaType::Pdf));
        assert_eq!(
            sniff("photo.jpg", b"\x89PNG\r\n\x1a\n...."),
            Ok(MediaType::Png)
        );
        assert_eq!(sniff("x", b"\xff\xd8\xff\xe0..JFIF"), Ok(MediaType::Jpeg));
        assert_eq!(
            sniff("x.webp", b"RIFF\x10\0\0\0WEBPVP8 "),
            Ok(MediaType::Webp)
        );
        assert_eq!(
            sniff("clip.mp4", b"\0\0\0\x18ftypmp42...."),
            Ok(MediaType::Mp4)
        );
        assert_eq!(sniff("報告.docx", b"PK\x03\x04rest"), Ok(MediaType::Docx));
        assert_eq!(sniff("slides.odp", b"PK\x03\x04rest"), Ok(MediaType::Odp));
        assert_eq!(
            sniff("archive.zip", b"PK\x03\x04rest"),
            Err(FileError::Type)
        );
        assert_eq!(
            sniff("memo.txt", "遠野の感想".as_bytes()),
            Ok(MediaType::PlainText)
        );
        assert_eq!(sniff("names.csv", b"name,country\n"), Ok(MediaType::Csv));
        // A page or a script is refused whatever it is called: it could run in the site's name.
        assert_eq!(
            sniff("leaflet.pdf", b"<html><script>"),
            Err(FileError::Type)
        );
        assert_eq!(sniff("page.html", b"<html></html>"), Err(FileError::Type));
        assert_eq!(
            sniff("logo.svg", b"<svg onload=alert(1)>"),
            Err(FileError::Type)
        );
        assert_eq!(sniff("binary.txt", b"ab\0cd"), Err(FileError::Type));
        assert_eq!(sniff("latin1.txt", b"caf\xe9"), Err(FileError::Type));
    }

    #[test]
    fn empty_and_oversized_files_are_refused() {
        assert_eq!(
            NewStoredFile::parse("a.pdf", Vec::new(), UserId(1)),
            Err(FileError::Empty)
        );
        let mut big = b"%PDF-".to_vec();
        big.resize(MAX_FILE_BYTES + 1, b' ');
        assert_eq!(
            NewStoredFile::parse("a.pdf", big, UserId(1)),
            Err(FileError::TooLarge)
        );
        let accepted =
            NewStoredFile::parse("遠野.pdf", b"%PDF-1.4".to_vec(), UserId(1)).expect("accepted");
        assert_eq!(accepted.media_type, MediaType::Pdf);
    }

    #[test]
    fn every_type_has_a_distinct_stored_name_that_parses_back() {
        for media_type in MediaType::ALL {
            assert_eq!(MediaType::parse(media_type.as_str()), Some(media_type));
        }
        assert!(!MediaType::Docx.shows_inline());
        assert!(MediaType::Pdf.shows_inline());
    }
}
