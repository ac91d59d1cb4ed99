//! Counters exposed at `/metrics` in Prometheus' text format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    request_micros_total: AtomicU64,
    mails_sent: AtomicU64,
    mails_failed: AtomicU64,
}

impl Metrics {
    pub fn request(&self, method: &str, status: u16, micros: u64) {
        let mut map = self.requests.lock().unwrap_or_else(|p| p.into_inner());
        *map.entry((method.to_owned(), status)).or_default() += 1;
        self.request_micros_total
            .fetch_add(micros, Ordering::Relaxed);
    }

    pub fn mail_sent(&self) {
        self.mails_sent.fetch_add(1, Ordering::Relaxed);
    }

    pub fn mail_failed(&self) {
        self.mails_failed.fetch_add(1, Ordering::Relaxed);
    }

    /// The exposition text; `gauges` are values read at scrape time.
    pub fn render(&self, gauges: &[(&str, &str, i64)]) -> String {
        let mut out = String::new();
        let map = self.requests.lock().unwrap_or_else(|p| p.into_inner());
        let _ = writeln!(
            out,
            "# HELP jointcall_http_requests_total HTTP requests served."
        );
        let _ = writeln!(out, "# TYPE jointcall_http_requests_total counter");
        for ((method, status), count) in map.iter() {
            let _ = writeln!(
                out,
                "jointcall_http_requests_total{{method=\"{method}\",status=\"{status}\"}} {count}"
            );
        }
        drop(map);
        let counters = [
            (
                "jointcall_http_request_seconds_total",
                "Time spent serving HTTP requests.",
                self.request_micros_total.load(Ordering::Relaxed) as f64 / 1e6,
            ),
            (
                "jointcall_mails_sent_total",
                "Mails accepted by the mail server.",
                self.mails_sent.load(Ordering::Relaxed) as f64,
            ),
            (
                "jointcall_mail_failures_total",
                "Mail attempts that failed and will be retried.",
                self.mails_failed.load(Ordering::Relaxed) as f64,
            ),
        ];
        for (name, help, value) in counters {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
            );
        }
        for (name, help, value) in gauges {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_gauges() {
        let m = Metrics::default();
        m.request("GET", 200, 1500);
        m.request("GET", 200, 500);
        m.request("POST", 422, 10);
        m.mail_sent();
        let text = m.render(&[("jointcall_outbox_pending", "Mails waiting.", 3)]);
        assert!(text.contains("jointcall_http_requests_total{method=\"GET\",status=\"200\"} 2"));
        assert!(text.contains("jointcall_http_requests_total{method=\"POST\",status=\"422\"} 1"));
        assert!(text.contains("jointcall_mails_sent_total 1"));
        assert!(text.contains("jointcall_outbox_pending 3"));
    }
}
