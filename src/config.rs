//! Settings from the environment, validated once at start-up.
//!
//! A bad value stops the program with one line naming the variable, so an
//! operator never has to guess which of a dozen settings is wrong.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The development JWT secret. Refused when `JOINTCALL_ENV=production`.
pub const DEV_JWT_SECRET: &str = "jointcall-development-secret-do-not-use-in-production";

#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub smtp_url: Option<String>,
    pub mail_from: String,
    pub public_url: String,
    pub storage_dir: PathBuf,
    pub static_dir: PathBuf,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub login_limits: LoginLimits,
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
        if environment == Environment::Production && jwt_secret == DEV_JWT_SECRET {
            return Err(ConfigError::new(
                "JOINTCALL_JWT_SECRET",
                "must be set to a secret of your own when JOINTCALL_ENV=production",
            ));
        }
        if jwt_secret.len() < 32 {
            return Err(ConfigError::new(
                "JOINTCALL_JWT_SECRET",
                "must be at least 32 characters long",
            ));
        }

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

    pub fn uses_dev_secret(&self) -> bool {
        self.jwt_secret == DEV_JWT_SECRET
    }
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
        let c = config(&[
            ("JOINTCALL_ENV", "production"),
            (
                "JOINTCALL_JWT_SECRET",
                "a-long-enough-production-secret-0123456789",
            ),
        ])
        .unwrap();
        assert_eq!(c.environment, Environment::Production);
        assert!(!c.uses_dev_secret());
    }
}
