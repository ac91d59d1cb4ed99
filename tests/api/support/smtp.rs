//! A real SMTP listener for tests: speaks the protocol over TCP, as a mail
//! server would, and keeps what it receives.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    /// The whole message: headers and body.
    pub data: String,
}

impl ReceivedMail {
    /// The subject, with RFC 2047 encoded words (non-ASCII text) decoded.
    pub fn subject(&self) -> String {
        let raw = self
            .data
            .lines()
            .find_map(|l| l.strip_prefix("Subject: "))
            .unwrap_or_default();
        raw.split(' ')
            .map(decode_word)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The body, quoted-printable decoded.
    pub fn body(&self) -> String {
        let body = self
            .data
            .split_once("\r\n\r\n")
            .map(|(_, b)| b)
            .unwrap_or_default();
        decode_quoted_printable(body)
    }
}

/// `=?utf-8?b?...?=` or `=?utf-8?q?...?=` as text; anything else as it is.
fn decode_word(word: &str) -> String {
    use base64::Engine;
    let Some(inner) = word.strip_prefix("=?").and_then(|w| w.strip_suffix("?=")) else {
        return word.to_owned();
    };
    match inner.splitn(3, '?').collect::<Vec<_>>()[..] {
        [_, "b" | "B", text] => base64::engine::general_purpose::STANDARD
            .decode(text)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .unwrap_or_else(|| word.to_owned()),
        [_, "q" | "Q", text] => decode_quoted_printable(&text.replace('_', " ")),
        _ => word.to_owned(),
    }
}

/// Undoes soft line breaks and `=XX` escapes; the bytes are UTF-8.
fn decode_quoted_printable(text: &str) -> String {
    let text = text.replace("=\r\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'=')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok());
        match escaped {
            Some(byte) => {
                out.push(byte);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Clone, Default)]
pub struct SmtpSink {
    mails: Arc<Mutex<Vec<ReceivedMail>>>,
    /// The accept loop and every open session, so that `stop` ends them all.
    tasks: Arc<Mutex<Vec<tokio::task::AbortHandle>>>,
}

impl SmtpSink {
    /// Listens on `port` (0: any free port); returns the sink and its port.
    pub async fn start(port: u16) -> (Self, u16) {
        Self::start_with_delay(port, Duration::ZERO).await
    }

    /// Like `start`, for a slow server that takes `delay` to accept each message
    /// (it has it, but the sender does not know yet).
    pub async fn start_with_delay(port: u16, delay: Duration) -> (Self, u16) {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .expect("bind smtp");
        let port = listener.local_addr().expect("addr").port();
        let sink = Self::default();
        let mails = sink.mails.clone();
        let tasks = sink.tasks.clone();
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let mails = mails.clone();
                let session = tokio::spawn(async move {
                    let _ = session(stream, mails, delay).await;
                });
                tasks.lock().expect("lock").push(session.abort_handle());
            }
        });
        sink.tasks.lock().expect("lock").push(accept.abort_handle());
        (sink, port)
    }

    /// Goes down like a mail server: open sessions are cut, new connections refused.
    pub async fn stop(&self) {
        for task in self.tasks.lock().expect("lock").drain(..) {
            task.abort();
        }
        // Let the aborted tasks drop their sockets.
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    pub fn received(&self) -> Vec<ReceivedMail> {
        self.mails.lock().expect("lock").clone()
    }

    /// Waits up to `secs` seconds for a mail to `to`.
    pub async fn wait_for(&self, to: &str, secs: u64) -> ReceivedMail {
        self.wait_for_subject(to, "", secs).await
    }

    /// Waits up to `secs` seconds for a mail to `to` whose subject contains `subject`.
    pub async fn wait_for_subject(&self, to: &str, subject: &str, secs: u64) -> ReceivedMail {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(mail) = self
                .received()
                .into_iter()
                .find(|m| m.to.iter().any(|t| t == to) && m.subject().contains(subject))
            {
                return mail;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "no mail to {to} about {subject:?} within {secs}s"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

async fn session(
    stream: tokio::net::TcpStream,
    mails: Arc<Mutex<Vec<ReceivedMail>>>,
    delay: Duration,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 test-smtp ready\r\n").await?;
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            write
                .write_all(b"250-test-smtp\r\n250 8BITMIME\r\n")
                .await?;
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&command);
            to.clear();
            write.write_all(b"250 ok\r\n").await?;
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&command));
            write.write_all(b"250 ok\r\n").await?;
        } else if upper == "DATA" {
            write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            tokio::time::sleep(delay).await;
            mails.lock().expect("lock").push(ReceivedMail {
                from: from.clone(),
                to: to.clone(),
                data,
            });
            write.write_all(b"250 queued\r\n").await?;
        } else if upper == "QUIT" {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            write.write_all(b"250 ok\r\n").await?;
        }
    }
}

fn address(command: &str) -> String {
    command
        .split_once(':')
        .map(|(_, a)| {
            a.trim()
                .trim_start_matches('<')
                .split('>')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .unwrap_or_default()
}
