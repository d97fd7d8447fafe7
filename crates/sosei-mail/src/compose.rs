//! An outbox message as an e-mail: plain text in UTF-8, the body in base64 (safe through any
//! relay, whatever it says of 8BITMIME), the subject RFC 2047-encoded by lettre, the recipient's
//! language in `Content-Language`, and `Auto-Submitted: auto-generated` so vacation responders
//! do not answer it (RFC 3834).

use lettre::message::header::{
    ContentTransferEncoding, ContentType, Header, HeaderName, HeaderValue,
};
use lettre::message::{Mailbox, Message};
use sosei_core::outbox::OutboxMessage;

use crate::MailError;

type HeaderParseError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, Clone)]
struct ContentLanguage(String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(text: &str) -> Result<Self, HeaderParseError> {
        Ok(ContentLanguage(text.trim().to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

#[derive(Debug, Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_text: &str) -> Result<Self, HeaderParseError> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

/// The e-mail for `message`, from `from`.
pub fn compose_email(message: &OutboxMessage, from: &Mailbox) -> Result<Message, MailError> {
    let to: Mailbox = message
        .email
        .as_str()
        .parse()
        .map_err(|error| MailError::Compose(format!("recipient {}: {error}", message.email)))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(message.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .header(ContentTransferEncoding::Base64)
        .header(ContentLanguage(message.locale.as_str().to_owned()))
        .header(AutoSubmitted)
        .body(message.body.clone())
        .map_err(|error| MailError::Compose(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sosei_core::{EmailAddress, Locale, OutboxMessageId};
    use time::OffsetDateTime;

    fn message() -> OutboxMessage {
        OutboxMessage {
            id: OutboxMessageId(7),
            recipient: None,
            email: EmailAddress::parse("nok@example.org").expect("address"),
            locale: Locale::Ja,
            subject: "【遠野】参加のご案内".into(),
            body: "ノック 様\n\n「遠野」に、ぜひご参加いただきたくご案内します。".into(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            sent_at: None,
            attempts: 1,
            next_attempt_at: None,
            last_error: None,
            failed_at: None,
        }
    }

    #[test]
    fn the_email_is_utf8_plain_text_with_the_language_and_encoded_subject() {
        let from: Mailbox = "Sosei <noreply@example.org>".parse().expect("from");
        let email = compose_email(&message(), &from).expect("composed");
        let text = String::from_utf8(email.formatted()).expect("ascii on the wire");
        assert!(text.is_ascii(), "{text}");
        assert!(text.contains("To: nok@example.org\r\n"), "{text}");
        assert!(
            text.contains("From: Sosei <noreply@example.org>\r\n"),
            "{text}"
        );
        assert!(
            text.contains("Content-Type: text/plain; charset=utf-8\r\n"),
            "{text}"
        );
        assert!(
            text.contains("Content-Transfer-Encoding: base64\r\n"),
            "{text}"
        );
        assert!(text.contains("Content-Language: ja\r\n"), "{text}");
        assert!(
            text.contains("Auto-Submitted: auto-generated\r\n"),
            "{text}"
        );
        assert!(text.contains("Subject: =?utf-8?b?"), "{text}");
    }

    #[test]
    fn a_line_break_in_the_subject_cannot_add_a_header() {
        let mut injected = message();
        injected.subject = "Hello\r\nBcc: victim@example.org".into();
        let from: Mailbox = "noreply@example.org".parse().expect("from");
        let email = compose_email(&injected, &from).expect("composed");
        let text = String::from_utf8(email.formatted()).expect("text");
        assert!(!text.contains("\r\nBcc:"), "{text}");
    }
}
