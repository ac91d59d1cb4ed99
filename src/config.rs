//! Settings from the environment, validated once at start-up.
//!
//! A bad value stops the program with one line naming the variable, so an
//! operator never has to guess which of a dozen settings is wrong.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::auth::secret;
pub use crate::auth::secret::DEV_JWT_SECRET;
use crate::domain::audit_chain::AuditKeys;
pub use crate::domain::quota::Quotas;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub environment: Environment,
    pub database_url: String,
    pub bind: SocketAddr,
    /// HTTP worker threads (default: one per core).
    pub workers: usize,
    pub jwt_secret: String,
    /// The secret before the last rotation, and until when tokens it signed
    /// still verify (`JOINTCALL_JWT_PREVIOUS_SECRET`, `…_PREVIOUS_UNTIL`).
    pub jwt_previous: Option<(String, DateTime<Utc>)>,
    /// Seals the audit chain (`JOINTCALL_AUDIT_KEY`); earlier keys still
    /// verify the records they sealed (`JOINTCALL_AUDIT_PREVIOUS_KEYS`).
    pub audit_key: String,
    pub audit_previous_keys: Vec<String>,
    /// Who is mailed each anchor of the audit chain (`JOINTCALL_AUDITOR_EMAIL`).
    pub auditor_email: Option<String>,
    /// How often the server anchors the audit chain (default daily).
    pub audit_anchor_interval: Duration,
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub public_url: String,
    pub storage_dir: PathBuf,
    pub static_dir: PathBuf,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub sessions: SessionLimits,
    pub login_limits: LoginLimits,
    pub abuse_limits: AbuseLimits,
    pub quotas: Quotas,
    /// The bearer token `/metrics` asks for; without one it is open in
    /// development and closed in production.
    pub metrics_token: Option<String>,
    /// What one client can hold of the server: connections, time.
    pub limits: ServerLimits,
    pub mail_worker_interval: Duration,
    /// The wait before the first retry of a mail the server refused; it doubles after.
    pub mail_retry_first: Duration,
    /// How long a stop waits for requests in flight, then for the mail batch.
    pub shutdown_timeout: Duration,
    /// How long a snapshot of a hot read is served without a write (zero: never).
    pub snapshot_ttl: Duration,
    /// Reverse proxies whose `X-Forwarded-For` names the client (rate limits).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Enables test-only hooks such as setting the server clock. Never in production.
    pub test_hooks: bool,
}

/// How long a session lasts from its sign-in (absolute) and unused (idle), for
/// staff (operators, funders, administrators) and for everyone else.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub staff_lifetime: Duration,
    pub lifetime: Duration,
    pub staff_idle: Duration,
    pub idle: Duration,
}

impl Default for SessionLimits {
    fn default() -> Self {
        Self {
            staff_lifetime: Duration::from_secs(12 * 3600),
            lifetime: Duration::from_secs(30 * 24 * 3600),
            staff_idle: Duration::from_secs(30 * 60),
            idle: Duration::from_secs(7 * 24 * 3600),
        }
    }
}

impl SessionLimits {
    /// (absolute lifetime, idle timeout) of a session of someone with these roles.
    pub fn of(&self, staff: bool) -> (Duration, Duration) {
        if staff {
            (self.staff_lifetime, self.staff_idle)
        } else {
            (self.lifetime, self.idle)
        }
    }
}

/// Bounds on what slow or idle clients hold (see docs/operations.md).
#[derive(Debug, Clone, Copy)]
pub struct ServerLimits {
    /// The longest wait for the next piece of a request body (408 after).
    pub body_timeout: Duration,
    /// The longest wait for a request's head once a connection is open.
    pub header_timeout: Duration,
    /// How long a kept-alive connection may sit idle between requests.
    pub idle_timeout: Duration,
    /// Open connections per worker; more wait in the listen queue.
    pub max_connections_per_worker: usize,
}

impl Default for ServerLimits {
    fn default() -> Self {
        Self {
            body_timeout: Duration::from_secs(15),
            header_timeout: Duration::from_secs(5),
            idle_timeout: Duration::from_secs(15),
            max_connections_per_worker: 1024,
        }
    }
}

/// Hourly limits on actions that cost a password hash or send a mail.
#[derive(Debug, Clone, Copy)]
pub struct AbuseLimits {
    /// Registrations, reset requests and reset confirmations per client address.
    pub per_address_hourly: u32,
    /// Mails one address can be sent by registrations, resets and resends.
    pub mails_to_address_hourly: u32,
    /// Invitations (consortium and expert) one account sends.
    pub invitations_per_user_hourly: u32,
    /// Wrong second-factor codes one account may get in an hour (after the
    /// right password) before further tries wait.
    pub wrong_codes_per_account_hourly: u32,
}

impl Default for AbuseLimits {
    fn default() -> Self {
        Self {
            per_address_hourly: 20,
            mails_to_address_hourly: 3,
            invitations_per_user_hourly: 60,
            wrong_codes_per_account_hourly: 5,
        }
    }
}

/// How many login attempts are allowed in a window before 429.
#[derive(Debug, Clone, Copy)]
pub struct LoginLimits {
    pub per_account: u32,
    pub per_address: u32,
    pub window: Duration,
}

impl Default for LoginLimits {
    fn default() -> Self {
        Self {
            per_account: 5,
            per_address: 50,
            window: Duration::from_secs(15 * 60),
        }
    }
}

/// A setting that cannot be used, named by its variable.
#[derive(Debug, thiserror::Error)]
#[error("{variable}: {message}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub message: String,
}

impl ConfigError {
    fn new(variable: &'static str, message: impl Into<String>) -> Self {
        Self {
            variable,
            message: message.into(),
        }
    }
}

impl Config {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());

        let environment = match get("JOINTCALL_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => {
                return Err(ConfigError::new(
                    "JOINTCALL_ENV",
                    format!("must be `development` or `production`, not `{other}`"),
                ));
            }
        };

        let database_url =
            get("DATABASE_URL").unwrap_or_else(|| "sqlite://data/jointcall.db".to_owned());
        crate::db::Backend::from_url(&database_url)
            .map_err(|message| ConfigError::new("DATABASE_URL", message))?;

        let bind = get("JOINTCALL_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".to_owned())
            .parse::<SocketAddr>()
            .map_err(|e| {
                ConfigError::new("JOINTCALL_BIND", format!("not an address:port ({e})"))
            })?;

        let jwt_secret = get("JOINTCALL_JWT_SECRET").unwrap_or_else(|| DEV_JWT_SECRET.to_owned());
        check_secret(&environment, "JOINTCALL_JWT_SECRET", &jwt_secret)?;
        let jwt_previous = match (
            get("JOINTCALL_JWT_PREVIOUS_SECRET"),
            get("JOINTCALL_JWT_PREVIOUS_UNTIL"),
        ) {
            (None, _) => None,
            (Some(_), None) => {
                return Err(ConfigError::new(
                    "JOINTCALL_JWT_PREVIOUS_UNTIL",
                    "must say until when the previous secret verifies (RFC 3339, e.g. \
                     2027-01-31T12:00:00Z)",
                ));
            }
            (Some(previous), Some(until)) => {
                check_secret(&environment, "JOINTCALL_JWT_PREVIOUS_SECRET", &previous)?;
                let until = DateTime::parse_from_rfc3339(until.trim())
                    .map_err(|e| {
                        ConfigError::new(
                            "JOINTCALL_JWT_PREVIOUS_UNTIL",
                            format!("not an RFC 3339 instant ({e})"),
                        )
                    })?
                    .with_timezone(&Utc);
                Some((previous, until))
            }
        };

        let audit_key =
            get("JOINTCALL_AUDIT_KEY").unwrap_or_else(|| secret::DEV_AUDIT_KEY.to_owned());
        check_secret(&environment, "JOINTCALL_AUDIT_KEY", &audit_key)?;
        let audit_previous_keys: Vec<String> = get("JOINTCALL_AUDIT_PREVIOUS_KEYS")
            .map(|keys| {
                keys.split(',')
                    .map(|k| k.trim().to_owned())
                    .filter(|k| !k.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let auditor_email = match get("JOINTCALL_AUDITOR_EMAIL") {
            Some(address) => Some(
                crate::domain::account::Email::parse(&address)
                    .map_err(|e| ConfigError::new("JOINTCALL_AUDITOR_EMAIL", e.message))?
                    .as_str()
                    .to_owned(),
            ),
            None => None,
        };

        let smtp_url = get("JOINTCALL_SMTP_URL");
        if let Some(url) = &smtp_url {
            let parsed = url::Url::parse(url)
                .map_err(|e| ConfigError::new("JOINTCALL_SMTP_URL", format!("not a URL ({e})")))?;
            if !matches!(parsed.scheme(), "smtp" | "smtps") {
                return Err(ConfigError::new(
                    "JOINTCALL_SMTP_URL",
                    "must start with smtp:// or smtps://",
                ));
            }
        }

        let public_url = get("JOINTCALL_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_owned();
        url::Url::parse(&public_url)
            .map_err(|e| ConfigError::new("JOINTCALL_PUBLIC_URL", format!("not a URL ({e})")))?;

        let mail_from = get("JOINTCALL_MAIL_FROM")
            .unwrap_or_else(|| "jointcall <no-reply@jointcall.local>".to_owned());
        mail_from
            .parse::<lettre::message::Mailbox>()
            .map_err(|e| ConfigError::new("JOINTCALL_MAIL_FROM", format!("not a mailbox ({e})")))?;

        let test_hooks = match get("JOINTCALL_TEST_HOOKS").as_deref() {
            None | Some("0") | Some("false") => false,
            Some("1") | Some("true") => true,
            Some(other) => {
                return Err(ConfigError::new(
                    "JOINTCALL_TEST_HOOKS",
                    format!("must be 1 or 0, not `{other}`"),
                ));
            }
        };
        if test_hooks && environment == Environment::Production {
            return Err(ConfigError::new(
                "JOINTCALL_TEST_HOOKS",
                "test hooks cannot be enabled when JOINTCALL_ENV=production",
            ));
        }

        let workers = match parse_number(get("JOINTCALL_WORKERS"), "JOINTCALL_WORKERS")? {
            Some(0) => return Err(ConfigError::new("JOINTCALL_WORKERS", "must be at least 1")),
            Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
            None => std::thread::available_parallelism().map_or(2, |n| n.get()),
        };

        Ok(Self {
            environment,
            workers,
            database_url,
            bind,
            jwt_secret,
            jwt_previous,
            audit_key,
            audit_previous_keys,
            auditor_email,
            audit_anchor_interval: Duration::from_secs(
                parse_number(
                    get("JOINTCALL_AUDIT_ANCHOR_HOURS"),
                    "JOINTCALL_AUDIT_ANCHOR_HOURS",
                )?
                .unwrap_or(24)
                .max(1)
                    * 3600,
            ),
            smtp_url,
            mail_from,
            public_url,
            storage_dir: get("JOINTCALL_STORAGE_DIR")
                .unwrap_or_else(|| "data/documents".to_owned())
                .into(),
            static_dir: get("JOINTCALL_STATIC_DIR")
                .unwrap_or_else(|| "frontend/dist".to_owned())
                .into(),
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 3600),
            sessions: session_limits(&get)?,
            metrics_token: match get("JOINTCALL_METRICS_TOKEN") {
                Some(token) => {
                    check_secret(&environment, "JOINTCALL_METRICS_TOKEN", &token)?;
                    Some(token.trim().to_owned())
                }
                None => None,
            },
            limits: server_limits(&get)?,
            quotas: Quotas {
                documents_per_proposal: limit(
                    get("JOINTCALL_QUOTA_DOCUMENTS"),
                    "JOINTCALL_QUOTA_DOCUMENTS",
                    Quotas::default().documents_per_proposal,
                )?,
                bytes_per_proposal: u64::from(limit(
                    get("JOINTCALL_QUOTA_PROPOSAL_MIB"),
                    "JOINTCALL_QUOTA_PROPOSAL_MIB",
                    500,
                )?) * 1024
                    * 1024,
                proposals_per_applicant_per_call: limit(
                    get("JOINTCALL_QUOTA_PROPOSALS"),
                    "JOINTCALL_QUOTA_PROPOSALS",
                    Quotas::default().proposals_per_applicant_per_call,
                )?,
                invitations_per_proposal: limit(
                    get("JOINTCALL_QUOTA_INVITATIONS"),
                    "JOINTCALL_QUOTA_INVITATIONS",
                    Quotas::default().invitations_per_proposal,
                )?,
            },
            abuse_limits: AbuseLimits {
                per_address_hourly: limit(
                    get("JOINTCALL_LIMIT_ADDRESS_HOURLY"),
                    "JOINTCALL_LIMIT_ADDRESS_HOURLY",
                    AbuseLimits::default().per_address_hourly,
                )?,
                mails_to_address_hourly: limit(
                    get("JOINTCALL_LIMIT_MAILS_HOURLY"),
                    "JOINTCALL_LIMIT_MAILS_HOURLY",
                    AbuseLimits::default().mails_to_address_hourly,
                )?,
                invitations_per_user_hourly: limit(
                    get("JOINTCALL_LIMIT_INVITATIONS_HOURLY"),
                    "JOINTCALL_LIMIT_INVITATIONS_HOURLY",
                    AbuseLimits::default().invitations_per_user_hourly,
                )?,
                wrong_codes_per_account_hourly: limit(
                    get("JOINTCALL_LIMIT_WRONG_CODES_HOURLY"),
                    "JOINTCALL_LIMIT_WRONG_CODES_HOURLY",
                    AbuseLimits::default().wrong_codes_per_account_hourly,
                )?,
            },
            login_limits: LoginLimits {
                per_account: limit(
                    get("JOINTCALL_LOGIN_LIMIT_ACCOUNT"),
                    "JOINTCALL_LOGIN_LIMIT_ACCOUNT",
                    5,
                )?,
                per_address: limit(
                    get("JOINTCALL_LOGIN_LIMIT_ADDRESS"),
                    "JOINTCALL_LOGIN_LIMIT_ADDRESS",
                    50,
                )?,
                ..LoginLimits::default()
            },
            mail_worker_interval: Duration::from_secs(
                parse_number(
                    get("JOINTCALL_MAIL_INTERVAL_SECS"),
                    "JOINTCALL_MAIL_INTERVAL_SECS",
                )?
                .unwrap_or(5),
            ),
            mail_retry_first: Duration::from_secs(
                parse_number(
                    get("JOINTCALL_MAIL_RETRY_SECS"),
                    "JOINTCALL_MAIL_RETRY_SECS",
                )?
                .unwrap_or(10),
            ),
            trusted_proxies: parse_addresses(
                get("JOINTCALL_TRUSTED_PROXIES"),
                "JOINTCALL_TRUSTED_PROXIES",
            )?,
            shutdown_timeout: Duration::from_secs(
                parse_number(get("JOINTCALL_SHUTDOWN_SECS"), "JOINTCALL_SHUTDOWN_SECS")?
                    .unwrap_or(30),
            ),
            snapshot_ttl: Duration::from_millis(
                parse_number(
                    get("JOINTCALL_SNAPSHOT_TTL_MS"),
                    "JOINTCALL_SNAPSHOT_TTL_MS",
                )?
                .unwrap_or(1000),
            ),
            test_hooks,
        })
    }

    /// The audit chain's keys, each named by its id.
    pub fn audit_keys(&self) -> AuditKeys {
        audit_keys(&self.audit_key, &self.audit_previous_keys)
    }

    pub fn uses_dev_secret(&self) -> bool {
        self.jwt_secret == DEV_JWT_SECRET
    }
}

/// The audit keys from their configured values.
pub fn audit_keys(current: &str, previous: &[String]) -> AuditKeys {
    let named = |key: &str| (secret::key_id("audit", key), key.as_bytes().to_vec());
    AuditKeys::new(named(current), previous.iter().map(|k| named(k)).collect())
}

/// In production a secret must resist guessing (`secret::weakness`); in
/// development only its length is checked, so the default still serves.
fn check_secret(
    environment: &Environment,
    variable: &'static str,
    value: &str,
) -> Result<(), ConfigError> {
    let weakness = match environment {
        Environment::Production => secret::weakness(value),
        Environment::Development => (value.trim().len() < secret::MIN_SECRET_BYTES)
            .then(|| format!("must be at least {} bytes long", secret::MIN_SECRET_BYTES)),
    };
    weakness.map_or(Ok(()), |message| Err(ConfigError::new(variable, message)))
}

fn session_limits(get: &impl Fn(&str) -> Option<String>) -> Result<SessionLimits, ConfigError> {
    let defaults = SessionLimits::default();
    let span =
        |variable: &'static str, unit: u64, default: Duration| -> Result<Duration, ConfigError> {
            match parse_number(get(variable), variable)? {
                None => Ok(default),
                Some(0) => Err(ConfigError::new(variable, "must be at least 1")),
                Some(n) => Ok(Duration::from_secs(n.saturating_mul(unit))),
            }
        };
    Ok(SessionLimits {
        staff_lifetime: span(
            "JOINTCALL_SESSION_STAFF_HOURS",
            3600,
            defaults.staff_lifetime,
        )?,
        lifetime: span("JOINTCALL_SESSION_DAYS", 24 * 3600, defaults.lifetime)?,
        staff_idle: span("JOINTCALL_SESSION_STAFF_IDLE_MINS", 60, defaults.staff_idle)?,
        idle: span("JOINTCALL_SESSION_IDLE_HOURS", 3600, defaults.idle)?,
    })
}

fn server_limits(get: &impl Fn(&str) -> Option<String>) -> Result<ServerLimits, ConfigError> {
    let defaults = ServerLimits::default();
    let seconds = |variable: &'static str, default: Duration| -> Result<Duration, ConfigError> {
        match parse_number(get(variable), variable)? {
            None => Ok(default),
            Some(0) => Err(ConfigError::new(variable, "must be at least 1 second")),
            Some(n) => Ok(Duration::from_secs(n)),
        }
    };
    Ok(ServerLimits {
        body_timeout: seconds("JOINTCALL_BODY_TIMEOUT_SECS", defaults.body_timeout)?,
        header_timeout: seconds("JOINTCALL_HEADER_TIMEOUT_SECS", defaults.header_timeout)?,
        idle_timeout: seconds("JOINTCALL_IDLE_TIMEOUT_SECS", defaults.idle_timeout)?,
        max_connections_per_worker: limit(
            get("JOINTCALL_MAX_CONNECTIONS"),
            "JOINTCALL_MAX_CONNECTIONS",
            1024,
        )? as usize,
    })
}

/// A positive attempt count.
fn limit(value: Option<String>, variable: &'static str, default: u32) -> Result<u32, ConfigError> {
    match parse_number(value, variable)? {
        None => Ok(default),
        Some(0) => Err(ConfigError::new(variable, "must be at least 1")),
        Some(n) => u32::try_from(n).map_err(|_| ConfigError::new(variable, "is too large")),
    }
}

/// A comma-separated list of IP addresses.
fn parse_addresses(
    value: Option<String>,
    variable: &'static str,
) -> Result<Vec<std::net::IpAddr>, ConfigError> {
    value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| {
            a.parse().map_err(|_| ConfigError {
                variable,
                message: format!("{a:?} is not an IP address"),
            })
        })
        .collect()
}

fn parse_number(value: Option<String>, variable: &'static str) -> Result<Option<u64>, ConfigError> {
    value
        .map(|v| {
            v.trim().parse::<u64>().map_err(|_| {
                ConfigError::new(variable, format!("must be a whole number, not `{v}`"))
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_serve_sqlite_on_localhost() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, "sqlite://data/jointcall.db");
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert!(c.uses_dev_secret());
        assert_eq!(c.public_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("JOINTCALL_BIND", "nowhere")], "JOINTCALL_BIND"),
            (&[("DATABASE_URL", "mysql://x")], "DATABASE_URL"),
            (&[("JOINTCALL_ENV", "staging")], "JOINTCALL_ENV"),
            (&[("JOINTCALL_ENV", "production")], "JOINTCALL_JWT_SECRET"),
            (&[("JOINTCALL_JWT_SECRET", "short")], "JOINTCALL_JWT_SECRET"),
            (&[("JOINTCALL_SMTP_URL", "http://x")], "JOINTCALL_SMTP_URL"),
            (
                &[("JOINTCALL_MAIL_FROM", "not a mailbox")],
                "JOINTCALL_MAIL_FROM",
            ),
            (
                &[("JOINTCALL_MAIL_INTERVAL_SECS", "soon")],
                "JOINTCALL_MAIL_INTERVAL_SECS",
            ),
            (&[("JOINTCALL_TEST_HOOKS", "yes")], "JOINTCALL_TEST_HOOKS"),
        ];
        for (vars, variable) in cases {
            let err = config(vars).expect_err(&format!("{vars:?} must be refused"));
            assert_eq!(err.variable, *variable, "{vars:?}");
        }
    }

    #[test]
    fn production_accepts_its_own_secret() {
        let (own, audit) = (secret::generate(), secret::generate());
        let c = config(&[
            ("JOINTCALL_ENV", "production"),
            ("JOINTCALL_JWT_SECRET", &own),
            ("JOINTCALL_AUDIT_KEY", &audit),
        ])
        .unwrap();
        assert_ne!(c.audit_keys().current_id(), ""); // named, not shown
        // Without an audit key of its own, production does not start.
        let err = config(&[
            ("JOINTCALL_ENV", "production"),
            ("JOINTCALL_JWT_SECRET", &own),
        ])
        .unwrap_err();
        assert_eq!(err.variable, "JOINTCALL_AUDIT_KEY");
        assert_eq!(c.environment, Environment::Production);
        assert!(!c.uses_dev_secret());
    }

    #[test]
    fn production_refuses_every_published_or_weak_secret() {
        let a32 = "a".repeat(32);
        let dev_space = format!("{DEV_JWT_SECRET} ");
        for weak in [
            DEV_JWT_SECRET,
            dev_space.as_str(),
            "change-me-to-a-long-random-secret-of-your-own",
            a32.as_str(),
        ] {
            let err = config(&[
                ("JOINTCALL_ENV", "production"),
                ("JOINTCALL_JWT_SECRET", weak),
            ])
            .expect_err(weak);
            assert_eq!(err.variable, "JOINTCALL_JWT_SECRET");
        }
    }

    #[test]
    fn a_previous_secret_needs_its_end_and_production_strength() {
        let own = secret::generate();
        let previous = secret::generate();
        let audit = secret::generate();
        let production = [
            ("JOINTCALL_ENV", "production"),
            ("JOINTCALL_JWT_SECRET", own.as_str()),
            ("JOINTCALL_AUDIT_KEY", audit.as_str()),
        ];
        let with = |extra: &[(&'static str, &str)]| {
            let mut vars = production.to_vec();
            vars.extend_from_slice(extra);
            config(&vars)
        };
        let c = with(&[
            ("JOINTCALL_JWT_PREVIOUS_SECRET", &previous),
            ("JOINTCALL_JWT_PREVIOUS_UNTIL", "2027-01-31T12:00:00+01:00"),
        ])
        .unwrap();
        let (kept, until) = c.jwt_previous.unwrap();
        assert_eq!(
            (kept, until.to_rfc3339()),
            (previous.clone(), "2027-01-31T11:00:00+00:00".to_owned())
        );
        let missing_end = with(&[("JOINTCALL_JWT_PREVIOUS_SECRET", &previous)]).unwrap_err();
        assert_eq!(missing_end.variable, "JOINTCALL_JWT_PREVIOUS_UNTIL");
        let weak_previous = with(&[
            ("JOINTCALL_JWT_PREVIOUS_SECRET", DEV_JWT_SECRET),
            ("JOINTCALL_JWT_PREVIOUS_UNTIL", "2027-01-31T12:00:00Z"),
        ])
        .unwrap_err();
        assert_eq!(weak_previous.variable, "JOINTCALL_JWT_PREVIOUS_SECRET");
    }
}
