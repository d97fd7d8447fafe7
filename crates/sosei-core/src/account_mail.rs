//! The messages an account receives about itself: a password reset link and an e-mail address
//! verification link. Like the outbox's other messages they are composed here and delivered by
//! whatever sends the outbox; the links are absolute URLs made by the web layer.

use crate::Locale;
use crate::outbox::ComposedMessage;

/// The message with a link to choose a new password, valid for `valid_minutes`.
pub fn password_reset_message(
    display_name: &str,
    link: &str,
    valid_minutes: i64,
    locale: Locale,
) -> ComposedMessage {
    match locale {
        Locale::Ja => ComposedMessage {
            subject: "パスワードの再設定".to_owned(),
            body: format!(
                "{display_name} 様\n\nパスワードの再設定の申し込みを受け付けました。次のリンクを開いて、新しいパスワードを決めてください。リンクは{valid_minutes}分間、一度だけ使えます。\n\n{link}\n\nお心当たりがなければ、このメールは無視してください。パスワードは変わりません。\n\nSosei"
            ),
        },
        Locale::En => ComposedMessage {
            subject: "Reset your password".to_owned(),
            body: format!(
                "Dear {display_name},\n\nSomeone asked to reset the password of your Sosei account. Open this link to choose a new password. It works once, within {valid_minutes} minutes.\n\n{link}\n\nIf it was not you, ignore this message: your password stays as it is.\n\nSosei"
            ),
        },
    }
}

/// The message with a link that confirms the address it was sent to, valid for `valid_hours`.
pub fn email_verification_message(
    display_name: &str,
    link: &str,
    valid_hours: i64,
    locale: Locale,
) -> ComposedMessage {
    match locale {
        Locale::Ja => ComposedMessage {
            subject: "メールアドレスの確認".to_owned(),
            body: format!(
                "{display_name} 様\n\nSosei にご登録いただきありがとうございます。次のリンクを開いて、このメールアドレスがあなたのものであることを確認してください。リンクは{valid_hours}時間有効です。\n\n{link}\n\nお心当たりがなければ、このメールは無視してください。\n\nSosei"
            ),
        },
        Locale::En => ComposedMessage {
            subject: "Confirm your e-mail address".to_owned(),
            body: format!(
                "Dear {display_name},\n\nThank you for joining Sosei. Open this link to confirm that this e-mail address is yours. It works for {valid_hours} hours.\n\n{link}\n\nIf you did not sign up, ignore this message.\n\nSosei"
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_carry_the_link_and_the_validity_in_each_language() {
        let link = "https://sosei.example/password-reset/abc";
        for locale in Locale::ALL {
            let reset = password_reset_message("花子", link, 60, locale);
            assert!(reset.body.contains(link) && reset.body.contains("60"));
            let verify = email_verification_message("花子", link, 48, locale);
            assert!(verify.body.contains(link) && verify.body.contains("48"));
        }
    }
}
