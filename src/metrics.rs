//! What `/metrics` exposes, on `prometheus-client` (the Prometheus
//! project's own Rust client: its registry, metric types and OpenMetrics
//! text encoder), so that names, types, escaping and histogram buckets
//! follow the format without code of our own.
//!
//! Labels are closed sets: a method outside the standard ones counts as
//! `OTHER`, and a request no route matched as route `unmatched`, so a
//! client cannot grow the series without bound.

use std::time::Duration;

use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

/// The content type of [`Metrics::render`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelValue)]
#[allow(clippy::upper_case_acronyms)]
enum Method {
    GET,
    HEAD,
    POST,
    PUT,
    PATCH,
    DELETE,
    OPTIONS,
    OTHER,
}

impl Method {
    fn of(method: &str) -> Self {
        match method {
            "GET" => Self::GET,
            "HEAD" => Self::HEAD,
            "POST" => Self::POST,
            "PUT" => Self::PUT,
            "PATCH" => Self::PATCH,
            "DELETE" => Self::DELETE,
            "OPTIONS" => Self::OPTIONS,
            _ => Self::OTHER,
        }
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabels {
    method: Method,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: Method,
    /// The route's template (`/api/v1/proposals/{id}`), never the path.
    route: String,
    /// `2xx`, `4xx`, …
    status: &'static str,
}

fn status_class(status: u16) -> &'static str {
    match status / 100 {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        _ => "5xx",
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteOnly {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct CacheLabels {
    cache: &'static str,
}

/// The values read at scrape time.
pub struct Readings {
    /// Mails waiting to be sent; `None` when the database is unreachable.
    pub outbox_pending: Option<i64>,
    /// Seconds the oldest of them has waited (0 for none).
    pub outbox_oldest_seconds: Option<i64>,
    pub db_connections: u32,
    pub db_connections_idle: u32,
}

pub struct Metrics {
    registry: Registry,
    requests: Family<StatusLabels, Counter>,
    durations: Family<RouteLabels, Histogram>,
    limited: Family<RouteOnly, Counter>,
    db_wait: Histogram,
    snapshot_lookups: Family<CacheLabels, Counter>,
    snapshot_misses: Family<CacheLabels, Counter>,
    mails_sent: Counter,
    mails_failed: Counter,
    outbox_pending: Gauge,
    outbox_oldest: Gauge,
    db_connections: Gauge,
    db_connections_idle: Gauge,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    pub fn new() -> Self {
        let mut registry = Registry::with_prefix("jointcall");
        let requests = Family::<StatusLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests served, by method and status.",
            requests.clone(),
        );
        // 0.5 ms to about 8 s: a snapshot read is under a millisecond, a
        // submission with its receipt tens of milliseconds, a slow upload seconds.
        let durations = Family::<RouteLabels, Histogram>::new_with_constructor(|| {
            Histogram::new(exponential_buckets(0.0005, 2.0, 15))
        });
        registry.register(
            "http_request_duration_seconds",
            "Time to serve an HTTP request, by route template and status class.",
            durations.clone(),
        );
        let limited = Family::<RouteOnly, Counter>::default();
        registry.register(
            "http_requests_limited",
            "Requests refused by a limit (429): the sign-in limiter on the sign-in routes, the abuse limits elsewhere.",
            limited.clone(),
        );
        let db_wait = Histogram::new(exponential_buckets(0.0001, 2.0, 16));
        registry.register(
            "db_wait_seconds",
            "Time a unit of database work waited for a pooled connection.",
            db_wait.clone(),
        );
        let snapshot_lookups = Family::<CacheLabels, Counter>::default();
        registry.register(
            "snapshot_lookups",
            "Reads that asked a snapshot cache (proposal, ranking).",
            snapshot_lookups.clone(),
        );
        let snapshot_misses = Family::<CacheLabels, Counter>::default();
        registry.register(
            "snapshot_misses",
            "Of those, the reads that loaded from the database; the hit ratio is 1 - misses/lookups.",
            snapshot_misses.clone(),
        );
        let mails_sent = Counter::default();
        registry.register(
            "mails_sent",
            "Mails accepted by the mail server.",
            mails_sent.clone(),
        );
        let mails_failed = Counter::default();
        registry.register(
            "mail_failures",
            "Mail attempts that failed and will be retried.",
            mails_failed.clone(),
        );
        let outbox_pending = Gauge::default();
        registry.register(
            "outbox_pending",
            "Mails waiting to be sent (-1: database unreachable).",
            outbox_pending.clone(),
        );
        let outbox_oldest = Gauge::default();
        registry.register(
            "outbox_oldest_pending_seconds",
            "How long the oldest waiting mail has waited (-1: database unreachable).",
            outbox_oldest.clone(),
        );
        let db_connections = Gauge::default();
        registry.register(
            "db_connections",
            "Open database connections.",
            db_connections.clone(),
        );
        let db_connections_idle = Gauge::default();
        registry.register(
            "db_connections_idle",
            "Idle database connections.",
            db_connections_idle.clone(),
        );
        Self {
            registry,
            requests,
            durations,
            limited,
            db_wait,
            snapshot_lookups,
            snapshot_misses,
            mails_sent,
            mails_failed,
            outbox_pending,
            outbox_oldest,
            db_connections,
            db_connections_idle,
        }
    }

    /// One request served: `route` is the matched route's template, if any.
    pub fn request(&self, method: &str, route: Option<&str>, status: u16, took: Duration) {
        let method = Method::of(method);
        let route = route.unwrap_or("unmatched");
        self.requests
            .get_or_create(&StatusLabels {
                method: method.clone(),
                status,
            })
            .inc();
        self.durations
            .get_or_create(&RouteLabels {
                method,
                route: route.to_owned(),
                status: status_class(status),
            })
            .observe(took.as_secs_f64());
        if status == 429 {
            self.limited
                .get_or_create(&RouteOnly {
                    route: route.to_owned(),
                })
                .inc();
        }
    }

    /// The histogram of waits for a pooled connection (the gate, then the
    /// pool), to observe on the thread that got the connection.
    pub fn db_wait(&self) -> Histogram {
        self.db_wait.clone()
    }

    /// A read asked the snapshot cache `cache`.
    pub fn snapshot_lookup(&self, cache: &'static str) {
        self.snapshot_lookups
            .get_or_create(&CacheLabels { cache })
            .inc();
    }

    /// The snapshot was not there: the read loads it from the database.
    pub fn snapshot_miss(&self, cache: &'static str) {
        self.snapshot_misses
            .get_or_create(&CacheLabels { cache })
            .inc();
    }

    pub fn mail_sent(&self) {
        self.mails_sent.inc();
    }

    pub fn mail_failed(&self) {
        self.mails_failed.inc();
    }

    /// The exposition text (OpenMetrics), with the scrape-time readings.
    pub fn render(&self, readings: &Readings) -> String {
        self.outbox_pending
            .set(readings.outbox_pending.unwrap_or(-1));
        self.outbox_oldest
            .set(readings.outbox_oldest_seconds.unwrap_or(-1));
        self.db_connections.set(i64::from(readings.db_connections));
        self.db_connections_idle
            .set(i64::from(readings.db_connections_idle));
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readings() -> Readings {
        Readings {
            outbox_pending: Some(3),
            outbox_oldest_seconds: Some(42),
            db_connections: 4,
            db_connections_idle: 2,
        }
    }

    #[test]
    fn requests_are_counted_by_status_and_timed_by_route_template() {
        let m = Metrics::new();
        let route = Some("/api/v1/proposals/{id}");
        m.request("GET", route, 200, Duration::from_millis(1));
        m.request("GET", route, 200, Duration::from_millis(3));
        m.request("POST", None, 422, Duration::from_micros(10));
        m.request("BREW", None, 429, Duration::from_micros(10));
        m.mail_sent();
        m.snapshot_lookup("proposal");
        let text = m.render(&readings());
        for line in [
            "jointcall_http_requests_total{method=\"GET\",status=\"200\"} 2",
            "jointcall_http_requests_total{method=\"POST\",status=\"422\"} 1",
            "jointcall_http_requests_total{method=\"OTHER\",status=\"429\"} 1",
            "jointcall_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/proposals/{id}\",status=\"2xx\"} 2",
            "jointcall_http_request_duration_seconds_bucket{le=\"0.002\",method=\"GET\",route=\"/api/v1/proposals/{id}\",status=\"2xx\"} 1",
            "jointcall_http_requests_limited_total{route=\"unmatched\"} 1",
            "jointcall_mails_sent_total 1",
            "jointcall_snapshot_lookups_total{cache=\"proposal\"} 1",
            "jointcall_outbox_pending 3",
            "jointcall_outbox_oldest_pending_seconds 42",
            "jointcall_db_connections_idle 2",
        ] {
            assert!(text.contains(line), "{line} missing from:\n{text}");
        }
        assert!(text.ends_with("# EOF\n"), "{text}");
    }
}
