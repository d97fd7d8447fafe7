//! The outbox: messages to people, written in the same transaction as the change they report,
//! and delivered afterwards (by SMTP when configured; otherwise read on the admin outbox page).
//! This module composes their text; nothing here sends anything.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::application::ApplicationStatus;
use crate::{EmailAddress, Locale, LocalizedText, OutboxMessageId, UserId};

/// The subject and body of a message, in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComposedMessage {
    pub subject: String,
    pub body: String,
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMessage {
    pub id: OutboxMessageId,
    /// `None` when the account was deleted after the message was written.
    pub recipient: Option<UserId>,
    pub email: EmailAddress,
    pub locale: Locale,
    pub subject: String,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// `None` until delivered.
    #[serde(with = "time::serde::rfc3339::option")]
    pub sent_at: Option<OffsetDateTime>,
    /// Delivery attempts so far (each claim by a sender counts one).
    pub attempts: u32,
    /// When a sender may next take the message: the end of a sender's lease, or the time of the
    /// next try after a failure. `None` for a message nobody has tried yet.
    #[serde(with = "time::serde::rfc3339::option")]
    pub next_attempt_at: Option<OffsetDateTime>,
    /// What the mail server (or the connection to it) said at the last failed attempt.
    pub last_error: Option<String>,
    /// Set when delivery was given up: a permanent refusal or too many attempts.
    #[serde(with = "time::serde::rfc3339::option")]
    pub failed_at: Option<OffsetDateTime>,
}

/// Where a message stands on its way to the recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryState<'a> {
    /// Not tried yet.
    Waiting,
    /// Tried and failed; it will be tried again at `next_attempt_at` (or is being tried now).
    Retrying {
        attempts: u32,
        next_attempt_at: Option<OffsetDateTime>,
        last_error: Option<&'a str>,
    },
    Sent(OffsetDateTime),
    /// Given up; a site admin can queue it again.
    Failed {
        at: OffsetDateTime,
        error: Option<&'a str>,
    },
}

impl OutboxMessage {
    pub fn delivery_state(&self) -> DeliveryState<'_> {
        if let Some(sent) = self.sent_at {
            return DeliveryState::Sent(sent);
        }
        if let Some(at) = self.failed_at {
            return DeliveryState::Failed {
                at,
                error: self.last_error.as_deref(),
            };
        }
        if self.attempts == 0 {
            return DeliveryState::Waiting;
        }
        DeliveryState::Retrying {
            attempts: self.attempts,
            next_attempt_at: self.next_attempt_at,
            last_error: self.last_error.as_deref(),
        }
    }
}

/// The message an applicant receives when their application reaches `status`, in `locale`.
/// `programme_title` falls back to the other language when missing.
pub fn application_status_message(
    status: ApplicationStatus,
    applicant_name: &str,
    programme_title: &LocalizedText,
    locale: Locale,
) -> ComposedMessage {
    let title = programme_title.text(locale);
    match locale {
        Locale::Ja => japanese_status_message(status, applicant_name, title),
        Locale::En => english_status_message(status, applicant_name, title),
    }
}

fn japanese_status_message(status: ApplicationStatus, name: &str, title: &str) -> ComposedMessage {
    use ApplicationStatus::*;
    let (subject, sentence) = match status {
        Submitted => (
            "応募を受け付けました",
            format!(
                "「{title}」への応募を受け付けました。コーディネーターが内容を確認し、結果をメールとマイページでお知らせします。"
            ),
        ),
        Shortlisted => (
            "選考が次の段階に進みました",
            format!(
                "「{title}」への応募が、選考の次の段階に進みました。引き続き結果をお待ちください。"
            ),
        ),
        Offered => (
            "参加のご案内",
            format!(
                "「{title}」に、ぜひご参加いただきたくご案内します。参加されるかどうかを、マイページからお知らせください。"
            ),
        ),
        Accepted => (
            "参加が決まりました",
            format!(
                "「{title}」への参加のお返事をありがとうございます。詳しい予定は追ってお知らせします。"
            ),
        ),
        Declined => (
            "辞退を承りました",
            format!(
                "「{title}」への参加を見送られるとのこと、承りました。またの機会にお会いできればうれしいです。"
            ),
        ),
        Completed => (
            "ご参加ありがとうございました",
            format!(
                "「{title}」にご参加いただき、ありがとうございました。よろしければ感想をお寄せください。"
            ),
        ),
        NoShow => (
            "ご参加が確認できませんでした",
            format!(
                "「{title}」へのご参加が確認できませんでした。行き違いがあれば、コーディネーターまでご連絡ください。"
            ),
        ),
        Withdrawn => (
            "応募を取り下げました",
            format!("「{title}」への応募の取り下げを承りました。またのご応募をお待ちしています。"),
        ),
    };
    ComposedMessage {
        subject: format!("【{title}】{subject}"),
        body: format!("{name} 様\n\n{sentence}\n\nSosei"),
    }
}

fn english_status_message(status: ApplicationStatus, name: &str, title: &str) -> ComposedMessage {
    use ApplicationStatus::*;
    let (subject, sentence) = match status {
        Submitted => (
            "We received your application",
            "We received your application. A coordinator will read it, and we will tell you the outcome by e-mail and on your page.",
        ),
        Shortlisted => (
            "Your application moved to the next stage",
            "Your application moved to the next stage of selection. We will be in touch again soon.",
        ),
        Offered => (
            "You are invited to take part",
            "We would be glad to have you on the programme. Please tell us on your page whether you accept.",
        ),
        Accepted => (
            "You are taking part",
            "Thank you for accepting. We will send you the detailed schedule soon.",
        ),
        Declined => (
            "You declined the invitation",
            "We understand you will not take part this time, and hope to meet you another time.",
        ),
        Completed => (
            "Thank you for taking part",
            "Thank you for taking part in the programme. We would love to hear how it went.",
        ),
        NoShow => (
            "We could not confirm your participation",
            "We could not confirm that you took part in the programme. If this is a mistake, please contact the coordinator.",
        ),
        Withdrawn => (
            "Your application was withdrawn",
            "Your application was withdrawn. You are welcome to apply again.",
        ),
    };
    ComposedMessage {
        subject: format!("{subject}: {title}"),
        body: format!("Dear {name},\n\n{title}: {sentence}\n\nSosei"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title() -> LocalizedText {
        LocalizedText::new("遠野 国際チーム", "Tono international team")
    }

    #[test]
    fn every_status_has_a_distinct_message_in_both_languages() {
        for locale in Locale::ALL {
            let mut subjects: Vec<String> = ApplicationStatus::ALL
                .iter()
                .map(|status| application_status_message(*status, "Nok", &title(), locale).subject)
                .collect();
            subjects.sort();
            subjects.dedup();
            assert_eq!(subjects.len(), ApplicationStatus::ALL.len(), "{locale}");
        }
    }

    #[test]
    fn messages_name_the_person_and_the_programme() {
        let japanese =
            application_status_message(ApplicationStatus::Offered, "ノック", &title(), Locale::Ja);
        assert_eq!(japanese.subject, "【遠野 国際チーム】参加のご案内");
        assert!(
            japanese
                .body
                .starts_with("ノック 様\n\n「遠野 国際チーム」に、ぜひ")
        );
        let submitted = application_status_message(
            ApplicationStatus::Submitted,
            "ノック",
            &title(),
            Locale::Ja,
        );
        assert!(
            submitted
                .body
                .contains("「遠野 国際チーム」への応募を受け付けました。")
        );
        let english =
            application_status_message(ApplicationStatus::Accepted, "Nok", &title(), Locale::En);
        assert_eq!(
            english.subject,
            "You are taking part: Tono international team"
        );
        assert!(english.body.starts_with("Dear Nok,"));
    }

    #[test]
    fn a_missing_title_falls_back_to_the_other_language() {
        let only_japanese = LocalizedText::from_options(Some("八女".into()), None);
        let message = application_status_message(
            ApplicationStatus::Withdrawn,
            "Li",
            &only_japanese,
            Locale::En,
        );
        assert!(message.subject.ends_with("八女"));
    }
}
