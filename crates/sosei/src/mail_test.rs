//! `sosei mail test --to ADDRESS`: send one message through the configured SMTP server at once
//! and say what happened, so a site admin can check the settings before anyone depends on them.

use anyhow::{Context, bail};
use sosei_core::outbox::OutboxMessage;
use sosei_core::{EmailAddress, Locale, OutboxMessageId};
use time::OffsetDateTime;

use crate::config::Settings;

#[derive(Debug, clap::Args)]
pub struct MailTestArgs {
    /// Where to send the test message.
    #[arg(long, value_name = "ADDRESS")]
    pub to: String,
}

pub async fn run(settings: &Settings, args: &MailTestArgs) -> anyhow::Result<()> {
    let Some(mail) = &settings.mail else {
        bail!(
            "no SMTP server is configured: set SOSEI_SMTP_URL and SOSEI_MAIL_FROM (or smtp_url and mail_from in the configuration file)"
        );
    };
    let to = EmailAddress::parse(&args.to)
        .map_err(|_| anyhow::anyhow!("{:?} is not an e-mail address", args.to))?;
    let mailer = sosei_mail::Mailer::new(mail)?;
    let message = OutboxMessage {
        id: OutboxMessageId(0),
        recipient: None,
        email: to.clone(),
        locale: Locale::Ja,
        subject: "Sosei テストメール / test message".to_owned(),
        body: "Sosei からのテストメールです。このメールが届いていれば、送信の設定は正しく動いています。\n\nThis is a test message from Sosei: if it reached you, the mail settings work.\n\nSosei".to_owned(),
        created_at: OffsetDateTime::now_utc(),
        sent_at: None,
        attempts: 0,
        next_attempt_at: None,
        last_error: None,
        failed_at: None,
    };
    mailer
        .send(&message)
        .await
        .map_err(|failure| anyhow::anyhow!("{failure}"))
        .with_context(|| {
            format!(
                "the SMTP server {} did not accept the message",
                mail.server()
            )
        })?;
    println!(
        "sent a test message to {to} through {} (from {})",
        mail.server(),
        mail.from
    );
    Ok(())
}
