//! A small SMTP server on loopback, for tests (this crate's and the server's): it speaks enough of
//! RFC 5321 for a real client (lettre) to deliver to it, keeps what it receives, and answers RCPT
//! with the replies a test queues (e.g. a 451 "try later" or a 550 "no such mailbox") before
//! accepting again. It binds 127.0.0.1 only and never relays anything.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// One message as it arrived.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// Headers and body, CRLF line ends, dot-stuffing undone.
    pub data: String,
}

#[derive(Default)]
struct Shared {
    received: Vec<ReceivedMail>,
    rcpt_replies: VecDeque<String>,
}

pub struct SmtpPeer {
    pub address: SocketAddr,
    shared: Arc<Mutex<Shared>>,
}

impl SmtpPeer {
    /// Listen on a free port of 127.0.0.1.
    pub async fn start() -> std::io::Result<SmtpPeer> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let address = listener.local_addr()?;
        let shared = Arc::new(Mutex::new(Shared::default()));
        let for_task = Arc::clone(&shared);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&for_task)));
            }
        });
        Ok(SmtpPeer { address, shared })
    }

    pub fn url(&self) -> String {
        format!("smtp://{}", self.address)
    }

    /// The next RCPT commands get these replies, in order (e.g. "451 4.3.0 busy").
    pub fn queue_rcpt_replies(&self, replies: &[&str]) {
        let mut shared = self
            .shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        shared
            .rcpt_replies
            .extend(replies.iter().map(|reply| (*reply).to_owned()));
    }

    pub fn received(&self) -> Vec<ReceivedMail> {
        self.shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .received
            .clone()
    }
}

async fn serve(stream: TcpStream, shared: Arc<Mutex<Shared>>) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader);
    if writer
        .write_all(b"220 peer.test ESMTP ready\r\n")
        .await
        .is_err()
    {
        return;
    }
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let reply: String = match verb.as_str() {
            "EHLO" => "250-peer.test\r\n250-8BITMIME\r\n250 SMTPUTF8".into(),
            "HELO" | "NOOP" => "250 OK".into(),
            "MAIL" => {
                mail_from = command.clone();
                rcpt_to.clear();
                "250 2.1.0 OK".into()
            }
            "RCPT" => {
                let queued = shared
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .rcpt_replies
                    .pop_front();
                match queued {
                    Some(reply) => reply,
                    None => {
                        rcpt_to.push(command.clone());
                        "250 2.1.5 OK".into()
                    }
                }
            }
            "DATA" => {
                if writer
                    .write_all(b"354 end with <CRLF>.<CRLF>\r\n")
                    .await
                    .is_err()
                {
                    return;
                }
                let mut data = String::new();
                loop {
                    line.clear();
                    match lines.read_line(&mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                shared
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .received
                    .push(ReceivedMail {
                        mail_from: mail_from.clone(),
                        rcpt_to: rcpt_to.clone(),
                        data,
                    });
                "250 2.0.0 queued".into()
            }
            "RSET" => {
                rcpt_to.clear();
                "250 OK".into()
            }
            "QUIT" => {
                let _ = writer.write_all(b"221 bye\r\n").await;
                return;
            }
            _ => "502 5.5.2 not implemented".into(),
        };
        if writer
            .write_all(format!("{reply}\r\n").as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
}
