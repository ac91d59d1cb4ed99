//! Load benchmarks (issue #7): the deadline rush, the read path and a login
//! storm, against the release server binary started as a child process on a
//! loopback port, on SQLite and (when reachable) on PostgreSQL.
//!
//! `make bench`, or `cargo build --release --bin jointcall && cargo bench --bench load`.
//! Settings from the environment:
//!
//! - `BENCH_CONSORTIA` (300): consortia in the deadline rush;
//! - `BENCH_WINDOW_SECS` (60): the server clock is set this long before the deadline;
//! - `BENCH_READ_SECS` (10): duration of each read measurement;
//! - `BENCH_CONCURRENCY` (64) and `BENCH_LOGINS` (50): readers and concurrent logins;
//! - `BENCH_DATABASE_URL` (`postgres://postgres@127.0.0.1:5432/postgres`): the
//!   PostgreSQL server where a throwaway database is created and dropped;
//!   `BENCH_DATABASES` (`sqlite,postgres`) picks the backends;
//! - `JOINTCALL_BENCH_BIN`: the server binary (default: the release `jointcall`
//!   cargo built next to this benchmark).
//!
//! Prints one markdown table per scenario and writes everything, with the
//! solver's `bench/assignment.json` when present, to `bench/results.json`.
//! A benchmark, not a test: it asserts nothing, it reports.

use std::collections::{HashMap, HashSet};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, Utc};
use diesel::{Connection, RunQueryDsl, pg::PgConnection};
use futures_util::{StreamExt, stream};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};

const PASSWORD: &str = "correct horse battery staple";
const OPERATOR: &str = "operator@demo.jointcall.eu";
const DEMO_PASSWORD: &str = "demo-password-2026";
/// Parallel consortia while setting up (not measured).
const SETUP_PARALLEL: usize = 8;

struct Settings {
    consortia: usize,
    window: Duration,
    read: Duration,
    concurrency: usize,
    logins: usize,
    bin: PathBuf,
    pg_admin_url: String,
    databases: Vec<String>,
}

fn env_number(name: &str, default: u64) -> Result<u64> {
    match std::env::var(name) {
        Ok(v) if !v.trim().is_empty() => v
            .trim()
            .parse()
            .with_context(|| format!("{name} must be a number, not `{v}`")),
        _ => Ok(default),
    }
}

impl Settings {
    fn from_env() -> Result<Self> {
        let bin = std::env::var("JOINTCALL_BENCH_BIN")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from(env!("CARGO_BIN_EXE_jointcall")));
        Ok(Self {
            consortia: env_number("BENCH_CONSORTIA", 300)?.max(1) as usize,
            window: Duration::from_secs(env_number("BENCH_WINDOW_SECS", 60)?.max(15)),
            read: Duration::from_secs(env_number("BENCH_READ_SECS", 10)?.max(1)),
            concurrency: env_number("BENCH_CONCURRENCY", 64)?.max(1) as usize,
            logins: env_number("BENCH_LOGINS", 50)?.max(1) as usize,
            bin,
            pg_admin_url: std::env::var("BENCH_DATABASE_URL")
                .ok()
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".to_owned()),
            databases: std::env::var("BENCH_DATABASES")
                .unwrap_or_else(|_| "sqlite,postgres".to_owned())
                .split(',')
                .map(|s| s.trim().to_lowercase())
                .filter(|s| !s.is_empty())
                .collect(),
        })
    }
}

// ---------------------------------------------------------------------------
// Measurements

/// Latencies of successful requests and a count of failed ones.
#[derive(Default, Clone)]
struct Samples {
    ok: Vec<Duration>,
    errors: u64,
    /// Status codes (or "transport") of failures, for the report.
    failures: HashMap<String, u64>,
}

impl Samples {
    fn record(&mut self, elapsed: Duration, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => self.ok.push(elapsed),
            Err(why) => {
                self.errors += 1;
                *self.failures.entry(why).or_default() += 1;
            }
        }
    }

    fn merge(&mut self, other: Samples) {
        self.ok.extend(other.ok);
        self.errors += other.errors;
        for (k, v) in other.failures {
            *self.failures.entry(k).or_default() += v;
        }
    }

    fn percentile_ms(&self, p: f64) -> f64 {
        if self.ok.is_empty() {
            return f64::NAN;
        }
        let mut sorted = self.ok.clone();
        sorted.sort_unstable();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
    }

    fn summary(&self, seconds: f64) -> Value {
        json!({
            "requests": self.ok.len() as u64 + self.errors,
            "ok": self.ok.len(),
            "errors": self.errors,
            "failures": self.failures,
            "seconds": seconds,
            "per_second": self.ok.len() as f64 / seconds,
            "p50_ms": self.percentile_ms(50.0),
            "p99_ms": self.percentile_ms(99.0),
            "max_ms": self.percentile_ms(100.0),
        })
    }
}

fn status_failure(status: StatusCode) -> String {
    status.as_u16().to_string()
}

// ---------------------------------------------------------------------------
// The server under test

enum Database {
    Sqlite,
    Postgres { admin_url: String, name: String },
}

struct Server {
    child: Child,
    base: String,
    /// The database, read directly for the invitation links (the outbox API hides their tokens).
    database_url: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
    database: Database,
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn server_command(bin: &Path, dir: &Path, envs: &[(&str, String)]) -> Command {
    let mut cmd = Command::new(bin);
    // Run in the temp folder so no `.env` of the checkout is read.
    cmd.current_dir(dir)
        .env_remove("JOINTCALL_SMTP_URL")
        .env_remove("JOINTCALL_ENV")
        .env_remove("RUST_LOG");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd
}

impl Server {
    async fn start(settings: &Settings, backend: &str) -> Result<Option<Self>> {
        let dir = tempfile::tempdir()?;
        let (url, database) = match backend {
            "sqlite" => (
                format!("sqlite://{}/bench.db", dir.path().display()),
                Database::Sqlite,
            ),
            "postgres" => {
                let admin_url = settings.pg_admin_url.clone();
                let mut conn = match PgConnection::establish(&admin_url) {
                    Ok(c) => c,
                    Err(e) => {
                        println!(
                            "\nPostgreSQL at {admin_url} is unreachable ({}): skipping the PostgreSQL run.",
                            e.to_string().trim()
                        );
                        return Ok(None);
                    }
                };
                let name = format!("jointcall_bench_{}", uuid::Uuid::new_v4().simple());
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn)?;
                let (base, _) = admin_url
                    .rsplit_once('/')
                    .ok_or_else(|| anyhow!("BENCH_DATABASE_URL needs a path"))?;
                (
                    format!("{base}/{name}"),
                    Database::Postgres { admin_url, name },
                )
            }
            other => bail!("unknown database `{other}` in BENCH_DATABASES"),
        };
        let port = free_port()?;
        let storage = dir.path().join("documents");
        let envs = [
            ("DATABASE_URL", url.clone()),
            ("JOINTCALL_BIND", format!("127.0.0.1:{port}")),
            ("JOINTCALL_STORAGE_DIR", storage.display().to_string()),
            ("JOINTCALL_STATIC_DIR", "/nonexistent".to_owned()),
            ("JOINTCALL_PUBLIC_URL", "http://portal.bench".to_owned()),
            (
                "JOINTCALL_JWT_SECRET",
                "bench-secret-0123456789abcdef0123456789abcdef".to_owned(),
            ),
            ("JOINTCALL_TEST_HOOKS", "1".to_owned()),
            // Every request of the load generator comes from 127.0.0.1: without this
            // the per-address sign-in limit (50 per window) refuses the set-up's logins.
            ("JOINTCALL_LOGIN_LIMIT_ADDRESS", "1000000".to_owned()),
            ("JOINTCALL_LIMIT_ADDRESS_HOURLY", "1000000".to_owned()),
        ];
        let log = dir.path().join("server.log");
        // The demo data brings an operator and a call in evaluation with a ranking.
        let seeded = server_command(&settings.bin, dir.path(), &envs)
            .arg("seed-demo")
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(
                dir.path().join("seed.log"),
            )?))
            .status()
            .with_context(|| format!("cannot run {}", settings.bin.display()))?;
        if !seeded.success() {
            let text = std::fs::read_to_string(dir.path().join("seed.log")).unwrap_or_default();
            bail!("seed-demo failed: {text}");
        }
        let child = server_command(&settings.bin, dir.path(), &envs)
            .arg("serve")
            .stdout(Stdio::from(std::fs::File::create(&log)?))
            .stderr(Stdio::from(
                std::fs::File::options().append(true).open(&log)?,
            ))
            .spawn()
            .with_context(|| format!("cannot start {}", settings.bin.display()))?;
        let server = Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
            database_url: url,
            log,
            _dir: dir,
            database,
        };
        let client = Client::new();
        let started = Instant::now();
        loop {
            if let Ok(r) = client.get(format!("{}/health", server.base)).send().await
                && r.status().is_success()
            {
                break;
            }
            if started.elapsed() > Duration::from_secs(60) {
                bail!("the server did not answer /health: {}", server.log_tail());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok(Some(server))
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resets the peak resident set size (`VmHWM`) of the server.
    fn reset_peak_rss(&self) {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.pid()), "5");
    }

    /// The server's peak resident set size since the last reset, in MiB.
    fn peak_rss_mib(&self) -> f64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1))
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
            .map_or(f64::NAN, |kb| kb / 1024.0)
    }

    /// The last 20 lines of the server's log that `keep` keeps.
    fn log_lines(&self, keep: impl Fn(&str) -> bool) -> String {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = text.lines().filter(|l| keep(l)).collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    fn log_tail(&self) -> String {
        self.log_lines(|_| true)
    }

    /// The server's last warnings and errors.
    fn log_problems(&self) -> String {
        self.log_lines(|l| l.contains("WARN") || l.contains("ERROR"))
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if let Database::Postgres { admin_url, name } = &self.database
            && let Ok(mut conn) = PgConnection::establish(admin_url)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut conn);
        }
    }
}

// ---------------------------------------------------------------------------
// HTTP helpers

struct Reply {
    status: StatusCode,
    body: Value,
    etag: Option<String>,
}

async fn send(request: reqwest::RequestBuilder) -> Result<Reply> {
    let response = request.send().await?;
    let status = response.status();
    let etag = response
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let bytes = response.bytes().await?;
    Ok(Reply {
        status,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        etag,
    })
}

fn expect(what: &str, wanted: StatusCode, reply: Reply) -> Result<Reply> {
    if reply.status == wanted {
        Ok(reply)
    } else {
        Err(anyhow!(
            "set-up failed at {what}: {} {}",
            reply.status,
            reply.body
        ))
    }
}

fn text(value: &Value, key: &str) -> Result<String> {
    value[key]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow!("no `{key}` in {value}"))
}

#[derive(Clone)]
struct Tokens {
    access: String,
    refresh: String,
}

async fn register(client: &Client, s: &Server, email: &str) -> Result<()> {
    let reply =
        send(client.post(s.url("/api/v1/auth/register")).json(
            &json!({ "email": email, "password": PASSWORD, "full_name": "Bench Applicant" }),
        ))
        .await?;
    expect(&format!("register {email}"), StatusCode::CREATED, reply)?;
    Ok(())
}

async fn login(client: &Client, s: &Server, email: &str, password: &str) -> Result<Tokens> {
    let reply = send(
        client
            .post(s.url("/api/v1/auth/login"))
            .json(&json!({ "email": email, "password": password })),
    )
    .await?;
    let reply = expect(&format!("login {email}"), StatusCode::OK, reply)?;
    Ok(Tokens {
        access: text(&reply.body, "access_token")?,
        refresh: text(&reply.body, "refresh_token")?,
    })
}

async fn refresh(client: &Client, s: &Server, tokens: &Tokens) -> Result<Tokens> {
    let reply = send(
        client
            .post(s.url("/api/v1/auth/refresh"))
            .json(&json!({ "refresh_token": tokens.refresh })),
    )
    .await?;
    let reply = expect("refresh", StatusCode::OK, reply)?;
    Ok(Tokens {
        access: text(&reply.body, "access_token")?,
        refresh: text(&reply.body, "refresh_token")?,
    })
}

/// New tokens for every coordinator (after a clock jump outdated theirs).
async fn refresh_coordinators(client: &Client, s: &Server, world: &mut World) -> Result<()> {
    let refreshed: Vec<Tokens> = stream::iter(world.consortia.iter())
        .map(|c| refresh(client, s, &c.coordinator))
        .buffered(16)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_>>()?;
    for (c, t) in world.consortia.iter_mut().zip(refreshed) {
        c.coordinator = t;
    }
    Ok(())
}

async fn set_clock(client: &Client, s: &Server, at: DateTime<Utc>) -> Result<()> {
    let reply = send(
        client
            .put(s.url("/api/v1/test/clock"))
            .json(&json!({ "now": at.to_rfc3339() })),
    )
    .await?;
    expect("set the clock", StatusCode::OK, reply)?;
    Ok(())
}

async fn server_now(client: &Client, s: &Server) -> Result<DateTime<Utc>> {
    let reply = expect(
        "read the clock",
        StatusCode::OK,
        send(client.get(s.url("/api/v1/test/clock"))).await?,
    )?;
    Ok(DateTime::parse_from_rfc3339(&text(&reply.body, "now")?)?.to_utc())
}

fn authed(client: &Client, method: Method, url: String, token: &str) -> reqwest::RequestBuilder {
    client.request(method, url).bearer_auth(token)
}

fn pdf(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(size, b'x');
    bytes
}

fn pdf_form(bytes: &'static [u8], name: &str) -> Result<reqwest::multipart::Form> {
    let part = reqwest::multipart::Part::bytes(bytes)
        .file_name(name.to_owned())
        .mime_str("application/pdf")?;
    Ok(reqwest::multipart::Form::new().part("file", part))
}

/// Every mail in the outbox, as the operator reads it page by page.
async fn outbox(client: &Client, s: &Server, operator: &str) -> Result<Vec<Value>> {
    let mut mails = Vec::new();
    let mut offset = 0;
    loop {
        let reply = expect(
            "read the outbox",
            StatusCode::OK,
            send(authed(
                client,
                Method::GET,
                s.url(&format!("/api/v1/outbox?limit=200&offset={offset}")),
                operator,
            ))
            .await?,
        )?;
        let items = reply.body["items"].as_array().cloned().unwrap_or_default();
        let total = reply.body["total"].as_u64().unwrap_or(0) as usize;
        offset += items.len();
        mails.extend(items);
        if offset >= total || offset == 0 {
            break;
        }
    }
    Ok(mails)
}

// ---------------------------------------------------------------------------
// Set-up: a call and N consortia ready to submit but for the last steps

struct Ready {
    proposal_id: String,
    coordinator_email: String,
    coordinator: Tokens,
    company_partner_id: String,
    company_budget_etag: String,
}

struct Invited {
    i: usize,
    proposal_id: String,
    coordinator_email: String,
    coordinator: Tokens,
    partners: Vec<(String, Tokens, String)>, // (email, tokens, organisation id)
}

async fn create_organisation(
    client: &Client,
    s: &Server,
    token: &str,
    org: Value,
) -> Result<String> {
    let reply =
        send(authed(client, Method::POST, s.url("/api/v1/organisations"), token).json(&org))
            .await?;
    text(
        &expect("create an organisation", StatusCode::CREATED, reply)?.body,
        "id",
    )
}

async fn invite_consortium(
    client: &Client,
    s: &Server,
    call_id: &str,
    run: &str,
    i: usize,
) -> Result<Invited> {
    let coordinator_email = format!("coord{i}@{run}.bench.test");
    let research_email = format!("research{i}@{run}.bench.test");
    let hospital_email = format!("hospital{i}@{run}.bench.test");
    for email in [&coordinator_email, &research_email, &hospital_email] {
        register(client, s, email).await?;
    }
    // Only a confirmed address starts or joins a proposal: each opens its mailed link.
    let verifications = mailed_tokens(&s.database_url, "verify_email")?;
    for email in [&coordinator_email, &research_email, &hospital_email] {
        let token = verifications
            .get(email.as_str())
            .ok_or_else(|| anyhow!("no verification mail to {email}"))?;
        let confirmed = send(
            client
                .post(s.url("/api/v1/auth/email-verification"))
                .json(&json!({ "token": token })),
        )
        .await?;
        expect("confirm an address", StatusCode::NO_CONTENT, confirmed)?;
    }
    let coordinator = login(client, s, &coordinator_email, PASSWORD).await?;
    let company = create_organisation(client, s, &coordinator.access, json!({
        "name": format!("Bench Company {i}"), "kind": "company", "country": "LU", "company_size": "small"
    }))
    .await?;
    let created = send(
        authed(
            client,
            Method::POST,
            s.url(&format!("/api/v1/calls/{call_id}/proposals")),
            &coordinator.access,
        )
        .json(&json!({ "acronym": format!("BENCH{i}"), "title": format!("Bench proposal {i}"), "organisation_id": company })),
    )
    .await?;
    let proposal_id = text(
        &expect("create a proposal", StatusCode::CREATED, created)?.body,
        "id",
    )?;
    let mut partners = Vec::new();
    for (email, org) in [
        (
            research_email,
            json!({ "name": format!("Bench Research {i}"), "kind": "research_organisation", "country": "LU" }),
        ),
        (
            hospital_email,
            json!({ "name": format!("Bench Hospital {i}"), "kind": "hospital", "country": "LU" }),
        ),
    ] {
        let tokens = login(client, s, &email, PASSWORD).await?;
        let org_id = create_organisation(client, s, &tokens.access, org).await?;
        let invited = send(
            authed(
                client,
                Method::POST,
                s.url(&format!("/api/v1/proposals/{proposal_id}/invitations")),
                &coordinator.access,
            )
            .json(&json!({ "email": email })),
        )
        .await?;
        expect("invite a partner", StatusCode::CREATED, invited)?;
        partners.push((email, tokens, org_id));
    }
    Ok(Invited {
        i,
        proposal_id,
        coordinator_email,
        coordinator,
        partners,
    })
}

#[derive(diesel::QueryableByName)]
struct MailText {
    #[diesel(sql_type = diesel::sql_types::Text)]
    to_address: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    body_text: String,
}

/// The invitation tokens by invitee, from the mails in the outbox table.
fn invitation_tokens(database_url: &str) -> Result<HashMap<String, String>> {
    mailed_tokens(database_url, "consortium_invitation")
}

/// The tokens of the mails of `kind` by addressee, from the outbox table:
/// the operators' outbox API shows links with their tokens hidden, and the
/// benchmark runs without SMTP. Set-up only.
fn mailed_tokens(database_url: &str, kind: &str) -> Result<HashMap<String, String>> {
    let query = format!("SELECT to_address, body_text FROM outbox WHERE kind = '{kind}'");
    let mails: Vec<MailText> = match database_url.strip_prefix("sqlite://") {
        Some(path) => {
            diesel::sql_query(&query).load(&mut diesel::SqliteConnection::establish(path)?)?
        }
        None => diesel::sql_query(&query).load(&mut PgConnection::establish(database_url)?)?,
    };
    Ok(mails
        .into_iter()
        .filter_map(|m| {
            let token = m
                .body_text
                .split_whitespace()
                .find_map(|w| w.split("token=").nth(1))?
                .trim_end_matches(['.', ',', ')', '>'])
                .to_owned();
            Some((m.to_address, token))
        })
        .collect())
}

fn partner_of(proposal: &Value, kind: &str) -> Result<(String, String)> {
    let partner = proposal["partners"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["organisation"]["kind"] == kind))
        .ok_or_else(|| anyhow!("no {kind} partner in {proposal}"))?;
    Ok((
        text(partner, "id")?,
        format!("\"{}\"", partner["budget_version"]),
    ))
}

async fn complete_consortium(
    client: &Client,
    s: &Server,
    invited: Invited,
    invitation_tokens: &HashMap<String, String>,
    small_pdf: &'static [u8],
) -> Result<Ready> {
    let proposal_path = format!("/api/v1/proposals/{}", invited.proposal_id);
    for (email, tokens, org_id) in &invited.partners {
        let token = invitation_tokens
            .get(email)
            .ok_or_else(|| anyhow!("no invitation mail to {email}"))?;
        let accepted = send(
            authed(
                client,
                Method::POST,
                s.url("/api/v1/invitations/acceptance"),
                &tokens.access,
            )
            .json(&json!({ "token": token, "organisation_id": org_id })),
        )
        .await?;
        expect("accept an invitation", StatusCode::OK, accepted)?;
    }
    let coordinator = &invited.coordinator.access;
    let current = expect(
        "read the proposal",
        StatusCode::OK,
        send(authed(
            client,
            Method::GET,
            s.url(&proposal_path),
            coordinator,
        ))
        .await?,
    )?;
    let etag = current
        .etag
        .ok_or_else(|| anyhow!("no ETag on the proposal"))?;
    let i = invited.i;
    let filled = send(
        authed(client, Method::PUT, s.url(&proposal_path), coordinator)
            .header("If-Match", etag)
            .json(&json!({
                "acronym": format!("BENCH{i}"), "title": format!("Bench proposal {i}"),
                "abstract": "A clinical investigation of a digital health product.",
                "keywords": ["cardiology"], "duration_months": 24, "start_date": "2028-01-01",
                "clinical": { "product_name": "CardioWatch", "intended_purpose": "Detect atrial fibrillation",
                    "is_medical_device": true, "mdr_class": "IIa", "product_maturity": "prototype",
                    "study_framework": "ce_marking", "ethics_status": "pending", "authority_status": "not_yet_submitted" }
            })),
    )
    .await?;
    let filled = expect("fill the proposal", StatusCode::OK, filled)?;
    for ((_, tokens, _), kind) in invited
        .partners
        .iter()
        .zip(["research_organisation", "hospital"])
    {
        let (partner_id, version) = partner_of(&filled.body, kind)?;
        let saved = send(
            authed(
                client,
                Method::PUT,
                s.url(&format!("{proposal_path}/partners/{partner_id}/budget")),
                &tokens.access,
            )
            .header("If-Match", version)
            .json(&json!({ "lines": [{ "year": 1, "category": "personnel", "amount_cents": 10_000_000 }] })),
        )
        .await?;
        expect("fill a partner's budget", StatusCode::OK, saved)?;
    }
    let research = &invited.partners[0].1.access;
    let uploaded = send(
        authed(
            client,
            Method::POST,
            s.url(&format!(
                "{proposal_path}/documents?document_type=partner_cvs"
            )),
            research,
        )
        .multipart(pdf_form(small_pdf, "partner_cvs.pdf")?),
    )
    .await?;
    expect("upload the CVs", StatusCode::CREATED, uploaded)?;
    let (company_partner_id, company_budget_etag) = partner_of(&filled.body, "company")?;
    Ok(Ready {
        proposal_id: invited.proposal_id,
        coordinator_email: invited.coordinator_email,
        coordinator: invited.coordinator,
        company_partner_id,
        company_budget_etag,
    })
}

struct World {
    /// The mail domain of this run's accounts.
    domain: String,
    call_id: String,
    deadline: DateTime<Utc>,
    consortia: Vec<Ready>,
    ranking_call_id: String,
    ranking_entries: usize,
}

/// The demo operator's authenticator secret, per server: staff enrol one at
/// their first sign-in, and later sign-ins need its code.
static OPERATOR_SECRETS: std::sync::Mutex<Vec<(String, String)>> =
    std::sync::Mutex::new(Vec::new());

async fn operator_token(client: &Client, s: &Server) -> Result<String> {
    let reply = send(
        client
            .post(s.url("/api/v1/auth/login"))
            .json(&json!({ "email": OPERATOR, "password": DEMO_PASSWORD })),
    )
    .await?;
    let reply = expect("operator login", StatusCode::OK, reply)?;
    let known = OPERATOR_SECRETS
        .lock()
        .map_err(|_| anyhow!("secrets lock"))?
        .iter()
        .find(|(base, _)| *base == s.base)
        .map(|(_, secret)| secret.clone());
    if reply.body["second_factor_required"] == true {
        let secret = known.context("the operator enrolled on another server")?;
        let challenge = text(&reply.body, "challenge")?;
        // Codes follow the server's clock, which the bench moves. Each code is
        // accepted once: a second sign-in within 30 s waits for the next.
        for _ in 0..2 {
            let now = server_now(client, s).await?;
            let code =
                jointcall::auth::second_factor::code_at(&secret, now).context("TOTP code")?;
            let step = send(
                client
                    .post(s.url("/api/v1/auth/login/second-factor"))
                    .json(&json!({ "challenge": challenge, "code": code })),
            )
            .await?;
            if step.status == StatusCode::OK {
                return text(&step.body, "access_token");
            }
            let wait = 30 - now.timestamp().rem_euclid(30) + 1;
            tokio::time::sleep(Duration::from_secs(wait as u64)).await;
        }
        bail!("the operator's second step was refused twice");
    }
    let access = text(&reply.body, "access_token")?;
    let begun = send(
        authed(
            client,
            Method::POST,
            s.url("/api/v1/me/second-factor/enrolment"),
            &access,
        )
        .json(&json!({ "password": DEMO_PASSWORD })),
    )
    .await?;
    let secret = text(
        &expect("operator enrolment", StatusCode::OK, begun)?.body,
        "secret",
    )?;
    let now = server_now(client, s).await?;
    let code = jointcall::auth::second_factor::code_at(&secret, now).context("TOTP code")?;
    let confirmed = send(
        authed(
            client,
            Method::POST,
            s.url("/api/v1/me/second-factor"),
            &access,
        )
        .json(&json!({ "code": code })),
    )
    .await?;
    expect(
        "operator enrolment confirmed",
        StatusCode::CREATED,
        confirmed,
    )?;
    OPERATOR_SECRETS
        .lock()
        .map_err(|_| anyhow!("secrets lock"))?
        .push((s.base.clone(), secret));
    Ok(access)
}

async fn set_up(client: &Client, s: &Server, settings: &Settings) -> Result<World> {
    let operator = operator_token(client, s).await?;
    let created = send(
        authed(client, Method::POST, s.url("/api/v1/calls"), &operator)
            .json(&json!({ "title": "Bench rush call", "settings": {} })),
    )
    .await?;
    let call = expect("create the call", StatusCode::CREATED, created)?.body;
    let call_id = text(&call, "id")?;
    let opened = send(
        authed(
            client,
            Method::POST,
            s.url(&format!("/api/v1/calls/{call_id}/transitions")),
            &operator,
        )
        .json(&json!({ "to": "open" })),
    )
    .await?;
    let call = expect("open the call", StatusCode::OK, opened)?.body;
    let deadline = call["deadlines"]
        .as_array()
        .and_then(|ds| ds.iter().find(|d| d["stage"] == "full"))
        .and_then(|d| d["utc"].as_str())
        .ok_or_else(|| anyhow!("no full-stage deadline in {call}"))?;
    let deadline = DateTime::parse_from_rfc3339(deadline)?.to_utc();
    // Two hours before the deadline: the set-up's tokens stay valid in the rush
    // (refreshed there), and refresh tokens (30 days) survive the jump.
    set_clock(client, s, deadline - chrono::Duration::hours(2)).await?;
    let operator = operator_token(client, s).await?;

    let run = format!("r{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let invited: Vec<Invited> = stream::iter(0..settings.consortia)
        .map(|i| invite_consortium(client, s, &call_id, &run, i))
        .buffer_unordered(SETUP_PARALLEL)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_>>()?;
    let tokens = invitation_tokens(&s.database_url)?;
    let small_pdf: &'static [u8] = Box::leak(pdf(20_000).into_boxed_slice());
    let tokens = &tokens;
    let mut consortia: Vec<Ready> = stream::iter(invited)
        .map(|inv| complete_consortium(client, s, inv, tokens, small_pdf))
        .buffer_unordered(SETUP_PARALLEL)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .collect::<Result<_>>()?;
    consortia.sort_by(|a, b| a.coordinator_email.cmp(&b.coordinator_email));

    // The demo's call in evaluation: submitted proposals with reviews and an
    // approved consensus report, so its ranking is not empty.
    let calls = expect(
        "list calls",
        StatusCode::OK,
        send(authed(
            client,
            Method::GET,
            s.url("/api/v1/calls?limit=200"),
            &operator,
        ))
        .await?,
    )?;
    let ranking_call_id = calls.body["items"]
        .as_array()
        .and_then(|cs| cs.iter().find(|c| c["status"] == "in_evaluation"))
        .map(|c| text(c, "id"))
        .ok_or_else(|| anyhow!("no call in evaluation among {}", calls.body))??;
    let ranking = expect(
        "read the ranking",
        StatusCode::OK,
        send(authed(
            client,
            Method::GET,
            s.url(&format!("/api/v1/calls/{ranking_call_id}/ranking")),
            &operator,
        ))
        .await?,
    )?;
    let ranking_entries = count_ranked(&ranking.body);
    Ok(World {
        domain: format!("@{run}.bench.test"),
        call_id,
        deadline,
        consortia,
        ranking_call_id,
        ranking_entries,
    })
}

/// Entries of a ranking response, whatever lists it holds.
fn count_ranked(body: &Value) -> usize {
    match body {
        Value::Array(items) => items.len(),
        Value::Object(map) => map.values().map(count_ranked).sum(),
        _ => 0,
    }
}

// ---------------------------------------------------------------------------
// Scenario 1: the deadline rush

struct Rush {
    budget: Samples,
    upload: Samples,
    submit: Samples,
    seconds: f64,
    spread_seconds: f64,
    submissions_ok: usize,
    proposals_submitted: usize,
    receipt_mails: usize,
    distinct_receipts: usize,
    duplicate_receipts: usize,
}

async fn rush_one(
    client: &Client,
    s: &Server,
    c: &Ready,
    big_pdf: &'static [u8],
) -> (Samples, Samples, Samples, bool) {
    let (mut budget, mut upload, mut submit) =
        (Samples::default(), Samples::default(), Samples::default());
    let path = format!("/api/v1/proposals/{}", c.proposal_id);
    let token = &c.coordinator.access;

    let started = Instant::now();
    let outcome = send(
        authed(
            client,
            Method::PUT,
            s.url(&format!("{path}/partners/{}/budget", c.company_partner_id)),
            token,
        )
        .header("If-Match", &c.company_budget_etag)
        .json(&json!({ "lines": [
            { "year": 1, "category": "personnel", "amount_cents": 10_000_000 },
            { "year": 2, "category": "equipment", "amount_cents": 2_000_000 },
        ] })),
    )
    .await;
    budget.record(started.elapsed(), check(outcome, StatusCode::OK));

    let started = Instant::now();
    let outcome = match pdf_form(big_pdf, "project_description.pdf") {
        Ok(form) => {
            send(
                authed(
                    client,
                    Method::POST,
                    s.url(&format!(
                        "{path}/documents?document_type=project_description"
                    )),
                    token,
                )
                .multipart(form),
            )
            .await
        }
        Err(e) => Err(e),
    };
    upload.record(started.elapsed(), check(outcome, StatusCode::CREATED));

    let started = Instant::now();
    let outcome = send(
        authed(
            client,
            Method::POST,
            s.url(&format!("{path}/submission")),
            token,
        )
        .json(&json!({})),
    )
    .await;
    let result = check(outcome, StatusCode::CREATED);
    let submitted = result.is_ok();
    submit.record(started.elapsed(), result);
    (budget, upload, submit, submitted)
}

fn check(outcome: Result<Reply>, wanted: StatusCode) -> Result<(), String> {
    match outcome {
        Ok(r) if r.status == wanted => Ok(()),
        Ok(r) => Err(status_failure(r.status)),
        Err(_) => Err("transport".to_owned()),
    }
}

async fn rush(client: &Client, s: &Server, world: &mut World, settings: &Settings) -> Result<Rush> {
    let big_pdf: &'static [u8] = Box::leak(pdf(2 * 1024 * 1024).into_boxed_slice());
    set_clock(
        client,
        s,
        world.deadline - chrono::Duration::from_std(settings.window)?,
    )
    .await?;
    // The jump outdated the access tokens: refresh them (cheap, no password hash).
    refresh_coordinators(client, s, world).await?;
    // Start every consortium within the window, leaving 10 s for the last to finish.
    let left = (world.deadline - server_now(client, s).await?)
        .to_std()
        .unwrap_or_default();
    let spread = left.saturating_sub(Duration::from_secs(10));
    let n = world.consortia.len();
    let begin = Instant::now();
    let results = futures_util::future::join_all(world.consortia.iter().enumerate().map(
        |(i, c)| async move {
            let at = spread.mul_f64(i as f64 / n as f64);
            tokio::time::sleep_until((begin + at).into()).await;
            rush_one(client, s, c, big_pdf).await
        },
    ))
    .await;
    let seconds = begin.elapsed().as_secs_f64();
    let (mut budget, mut upload, mut submit) =
        (Samples::default(), Samples::default(), Samples::default());
    let mut submissions_ok = 0;
    for (b, u, sub, ok) in results {
        budget.merge(b);
        upload.merge(u);
        submit.merge(sub);
        submissions_ok += usize::from(ok);
    }

    // What the portal recorded: submitted proposals and receipt mails.
    let operator = operator_token(client, s).await?;
    let mut proposals_submitted = 0;
    let mut offset = 0;
    loop {
        let page = expect(
            "list the call's proposals",
            StatusCode::OK,
            send(authed(
                client,
                Method::GET,
                s.url(&format!(
                    "/api/v1/calls/{}/proposals?limit=200&offset={offset}",
                    world.call_id
                )),
                &operator,
            ))
            .await?,
        )?;
        let items = page.body["items"].as_array().cloned().unwrap_or_default();
        proposals_submitted += items.iter().filter(|p| p["status"] == "submitted").count();
        offset += items.len();
        if items.is_empty() || offset as u64 >= page.body["total"].as_u64().unwrap_or(0) {
            break;
        }
    }
    let receipts: Vec<Value> = outbox(client, s, &operator)
        .await?
        .into_iter()
        .filter(|m| m["kind"] == "submission_receipt")
        // The demo data has receipts of its own.
        .filter(|m| {
            m["to"]
                .as_str()
                .is_some_and(|to| to.ends_with(&world.domain))
        })
        .collect();
    // One receipt number per submission, mailed to each of its 3 partner contacts.
    let mut per_number: HashMap<String, HashSet<String>> = HashMap::new();
    let mut duplicate_receipts = 0;
    for m in &receipts {
        let number = m["body"]
            .as_str()
            .and_then(|b| {
                b.split(|c: char| c.is_whitespace() || c == ',' || c == '.' || c == ':')
                    .find(|w| w.starts_with("JC-"))
            })
            .unwrap_or("?")
            .to_owned();
        let to = m["to"].as_str().unwrap_or("?").to_owned();
        if !per_number.entry(number).or_default().insert(to) {
            duplicate_receipts += 1;
        }
    }
    Ok(Rush {
        budget,
        upload,
        submit,
        seconds,
        spread_seconds: spread.as_secs_f64(),
        submissions_ok,
        proposals_submitted,
        receipt_mails: receipts.len(),
        distinct_receipts: per_number.len(),
        duplicate_receipts,
    })
}

// ---------------------------------------------------------------------------
// Scenarios 2 and 3: the read path and the login storm

/// `concurrency` tasks each sending `request(task)` back to back for `duration`.
async fn load<F, Fut>(concurrency: usize, duration: Duration, request: F) -> (Samples, f64)
where
    F: Fn(usize) -> Fut + Sync,
    Fut: std::future::Future<Output = Result<(), String>>,
{
    let request = &request;
    let begin = Instant::now();
    let end = begin + duration;
    let parts = futures_util::future::join_all((0..concurrency).map(|task| async move {
        let mut samples = Samples::default();
        while Instant::now() < end {
            let started = Instant::now();
            let outcome = request(task).await;
            samples.record(started.elapsed(), outcome);
        }
        samples
    }))
    .await;
    let seconds = begin.elapsed().as_secs_f64();
    let mut all = Samples::default();
    for p in parts {
        all.merge(p);
    }
    (all, seconds)
}

async fn get_ok(client: &Client, url: String, token: Option<&str>) -> Result<(), String> {
    let mut request = client.get(url);
    if let Some(t) = token {
        request = request.bearer_auth(t);
    }
    match request.send().await {
        Ok(r) if r.status() == StatusCode::OK => r
            .bytes()
            .await
            .map(|_| ())
            .map_err(|_| "transport".to_owned()),
        Ok(r) => Err(status_failure(r.status())),
        Err(_) => Err("transport".to_owned()),
    }
}

/// A coordinator reading their own proposal.
async fn get_proposal(client: &Client, s: &Server, c: &Ready) -> Result<(), String> {
    get_ok(
        client,
        s.url(&format!("/api/v1/proposals/{}", c.proposal_id)),
        Some(&c.coordinator.access),
    )
    .await
}

/// Renames a second in the read amid writes: each is a committed write, which
/// empties the server's snapshots and cached accounts, and changes what the
/// renamed coordinator's proposal shows.
const RENAMES_PER_SECOND: u64 = 20;

/// A coordinator renaming themselves `RENAMES_PER_SECOND` times a second
/// (`PUT /api/v1/me` with `If-Match`) for `duration`.
async fn rename_repeatedly(
    client: &Client,
    s: &Server,
    token: &str,
    duration: Duration,
) -> Result<(Samples, f64)> {
    let me = s.url("/api/v1/me");
    let mut etag = send(authed(client, Method::GET, me.clone(), token))
        .await?
        .etag
        .ok_or_else(|| anyhow!("GET /api/v1/me answered without an ETag"))?;
    let mut samples = Samples::default();
    let begin = Instant::now();
    let mut renames = 0u64;
    while begin.elapsed() < duration {
        let started = Instant::now();
        let request = authed(client, Method::PUT, me.clone(), token)
            .header("if-match", &etag)
            .json(&json!({ "full_name": format!("Coordinator {renames}") }));
        let outcome = match send(request).await {
            Ok(Reply {
                status: StatusCode::OK,
                etag: Some(next),
                ..
            }) => {
                etag = next;
                Ok(())
            }
            Ok(reply) => Err(status_failure(reply.status)),
            Err(_) => Err("transport".to_owned()),
        };
        samples.record(started.elapsed(), outcome);
        renames += 1;
        // Paced from the start, so that slow writes do not lower the rate.
        let next = begin + Duration::from_millis(renames * 1000 / RENAMES_PER_SECOND);
        tokio::time::sleep_until(next.into()).await;
    }
    Ok((samples, begin.elapsed().as_secs_f64()))
}

struct Reads {
    health: (Samples, f64),
    proposal: (Samples, f64),
    ranking: (Samples, f64),
    /// Proposal reads while a coordinator renames themselves.
    amid_writes: (Samples, f64),
    renames: (Samples, f64),
    health_rss: f64,
    proposal_rss: f64,
    ranking_rss: f64,
    amid_writes_rss: f64,
}

async fn read_path(
    client: &Client,
    s: &Server,
    world: &mut World,
    settings: &Settings,
) -> Result<Reads> {
    // Fresh tokens: the rush took the server clock on.
    refresh_coordinators(client, s, world).await?;
    let operator = operator_token(client, s).await?;
    let consortia = &world.consortia;
    let n = consortia.len();
    let health_url = s.url("/health");
    let ranking_url = s.url(&format!("/api/v1/calls/{}/ranking", world.ranking_call_id));

    s.reset_peak_rss();
    let health = load(settings.concurrency, settings.read, |_| {
        get_ok(client, health_url.clone(), None)
    })
    .await;
    let health_rss = s.peak_rss_mib();
    s.reset_peak_rss();
    let proposal = load(settings.concurrency, settings.read, |task| {
        get_proposal(client, s, &consortia[task % n])
    })
    .await;
    let proposal_rss = s.peak_rss_mib();
    s.reset_peak_rss();
    let ranking = load(settings.concurrency, settings.read, |_| {
        get_ok(client, ranking_url.clone(), Some(&operator))
    })
    .await;
    let ranking_rss = s.peak_rss_mib();
    s.reset_peak_rss();
    let (amid_writes, renames) = tokio::join!(
        load(settings.concurrency, settings.read, |task| {
            get_proposal(client, s, &consortia[task % n])
        }),
        rename_repeatedly(client, s, &consortia[0].coordinator.access, settings.read)
    );
    let amid_writes_rss = s.peak_rss_mib();
    Ok(Reads {
        health,
        proposal,
        ranking,
        amid_writes,
        renames: renames?,
        health_rss,
        proposal_rss,
        ranking_rss,
        amid_writes_rss,
    })
}

struct Storm {
    reads: (Samples, f64),
    logins: (Samples, f64),
    rss: f64,
}

async fn login_storm(
    client: &Client,
    s: &Server,
    world: &mut World,
    settings: &Settings,
) -> Result<Storm> {
    let consortia = &world.consortia;
    let n = consortia.len();
    s.reset_peak_rss();
    let reads = load(settings.concurrency, settings.read, |task| {
        get_proposal(client, s, &consortia[task % n])
    });
    let logins = load(settings.logins, settings.read, |task| {
        let email = consortia[task % n].coordinator_email.clone();
        async move {
            match login(client, s, &email, PASSWORD).await {
                Ok(_) => Ok(()),
                Err(e) => Err(e
                    .to_string()
                    .split_whitespace()
                    .find(|w| w.len() == 3 && w.chars().all(|c| c.is_ascii_digit()))
                    .unwrap_or("transport")
                    .to_owned()),
            }
        }
    });
    let (reads, logins) = tokio::join!(reads, logins);
    Ok(Storm {
        reads,
        logins,
        rss: s.peak_rss_mib(),
    })
}

// ---------------------------------------------------------------------------
// Report

fn fmt_ms(v: f64) -> String {
    if v.is_nan() {
        "-".to_owned()
    } else {
        format!("{v:.1}")
    }
}

fn row(name: &str, samples: &Samples, seconds: f64, extra: &str) -> String {
    format!(
        "| {name} | {} | {} | {:.1} | {} | {} | {} |{extra}",
        samples.ok.len() as u64 + samples.errors,
        samples.errors,
        samples.ok.len() as f64 / seconds,
        fmt_ms(samples.percentile_ms(50.0)),
        fmt_ms(samples.percentile_ms(99.0)),
        fmt_ms(samples.percentile_ms(100.0)),
    )
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

async fn run_backend(settings: &Settings, backend: &str) -> Result<Option<Value>> {
    let Some(server) = Server::start(settings, backend).await? else {
        return Ok(None);
    };
    let s = &server;
    let client = Client::builder()
        .timeout(Duration::from_secs(120))
        .pool_max_idle_per_host(256)
        .build()?;
    println!("\n## {backend}\n");
    println!(
        "Setting up {} consortia (3 accounts, 3 organisations, a proposal, 2 invitations, budgets and CVs each)...",
        settings.consortia
    );
    s.reset_peak_rss();
    let started = Instant::now();
    let mut world = match set_up(&client, s, settings).await {
        Ok(w) => w,
        Err(e) => bail!("{e}\nserver log:\n{}", s.log_tail()),
    };
    let setup_seconds = started.elapsed().as_secs_f64();
    let setup_rss = s.peak_rss_mib();
    println!("set-up took {setup_seconds:.0} s (not measured below)");

    s.reset_peak_rss();
    let r = rush(&client, s, &mut world, settings).await?;
    let rush_rss = s.peak_rss_mib();
    let operations = (r.budget.ok.len() + r.upload.ok.len() + r.submit.ok.len()) as f64;
    println!(
        "\n### Deadline rush ({backend}): {} consortia started evenly over {:.0} s of the last {} s before the deadline; each: budget edit, 2 MiB PDF upload, submission\n",
        world.consortia.len(),
        r.spread_seconds,
        settings.window.as_secs()
    );
    println!("| operation | requests | errors | ok/s | p50 ms | p99 ms | max ms |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    println!("{}", row("budget edit", &r.budget, r.seconds, ""));
    println!("{}", row("2 MiB upload", &r.upload, r.seconds, ""));
    println!("{}", row("submission", &r.submit, r.seconds, ""));
    println!(
        "\nwall time {:.1} s, {:.1} successful operations/s; submissions answered 201: {}; proposals submitted: {}; distinct receipt numbers mailed: {} ({} receipt mails, {} duplicate); server peak RSS {rush_rss:.0} MiB",
        r.seconds,
        operations / r.seconds,
        r.submissions_ok,
        r.proposals_submitted,
        r.distinct_receipts,
        r.receipt_mails,
        r.duplicate_receipts
    );
    if !r.submit.failures.is_empty()
        || !r.upload.failures.is_empty()
        || !r.budget.failures.is_empty()
    {
        println!(
            "failures by status: budget {:?}, upload {:?}, submission {:?}",
            r.budget.failures, r.upload.failures, r.submit.failures
        );
        println!("server's warnings and errors:\n{}", s.log_problems());
    }

    s.reset_peak_rss();
    let reads = read_path(&client, s, &mut world, settings).await?;
    let health_rate = reads.health.0.ok.len() as f64 / reads.health.1;
    let ratio = |x: &(Samples, f64)| (x.0.ok.len() as f64 / x.1) / health_rate;
    println!(
        "\n### Read path ({backend}): concurrency {}, {} s each; ranking of the demo call in evaluation ({} entries)\n",
        settings.concurrency,
        settings.read.as_secs(),
        world.ranking_entries
    );
    println!(
        "| request | requests | errors | ok/s | p50 ms | p99 ms | max ms | ratio to /health | peak RSS MiB |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    println!(
        "{}",
        row(
            "GET /health",
            &reads.health.0,
            reads.health.1,
            &format!(" 1.00 | {:.0} |", reads.health_rss)
        )
    );
    println!(
        "{}",
        row(
            "GET /api/v1/proposals/{id}",
            &reads.proposal.0,
            reads.proposal.1,
            &format!(
                " {:.2} | {:.0} |",
                ratio(&reads.proposal),
                reads.proposal_rss
            )
        )
    );
    println!(
        "{}",
        row(
            "GET /api/v1/calls/{id}/ranking",
            &reads.ranking.0,
            reads.ranking.1,
            &format!(" {:.2} | {:.0} |", ratio(&reads.ranking), reads.ranking_rss)
        )
    );
    println!(
        "{}",
        row(
            &format!("GET /api/v1/proposals/{{id}}, amid {RENAMES_PER_SECOND} writes/s"),
            &reads.amid_writes.0,
            reads.amid_writes.1,
            &format!(
                " {:.2} | {:.0} |",
                ratio(&reads.amid_writes),
                reads.amid_writes_rss
            )
        )
    );
    println!(
        "\nThe last row: while the readers read, one of the coordinators renames themselves {RENAMES_PER_SECOND} times a second (`PUT /api/v1/me`), each a write that empties the server's snapshots: {} renames, {} errors, p99 {} ms.",
        reads.renames.0.ok.len(),
        reads.renames.0.errors,
        fmt_ms(reads.renames.0.percentile_ms(99.0))
    );

    let storm = login_storm(&client, s, &mut world, settings).await?;
    let before = reads.proposal.0.percentile_ms(99.0);
    let during = storm.reads.0.percentile_ms(99.0);
    println!(
        "\n### Login storm ({backend}): {} concurrent sign-ins, back to back for {} s, while {} readers GET proposals\n",
        settings.logins,
        settings.read.as_secs(),
        settings.concurrency
    );
    println!("| request | requests | errors | ok/s | p50 ms | p99 ms | max ms |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    println!(
        "{}",
        row(
            "GET proposal, without storm",
            &reads.proposal.0,
            reads.proposal.1,
            ""
        )
    );
    println!(
        "{}",
        row(
            "GET proposal, during storm",
            &storm.reads.0,
            storm.reads.1,
            ""
        )
    );
    println!(
        "{}",
        row("POST /auth/login", &storm.logins.0, storm.logins.1, "")
    );
    println!(
        "\nreads' p99 during / without the storm: {:.2}x; server peak RSS {:.0} MiB",
        during / before,
        storm.rss
    );

    let lost_or_duplicated = r.submissions_ok != r.proposals_submitted
        || r.distinct_receipts != r.submissions_ok
        || r.duplicate_receipts > 0
        || r.receipt_mails != 3 * r.submissions_ok
        || r.submissions_ok != world.consortia.len();
    let submit_p99 = r.submit.percentile_ms(99.0);
    let reads_ratio = ratio(&reads.proposal).min(ratio(&reads.ranking));
    let storm_factor = during / before;
    println!("\n### Targets ({backend})\n");
    println!(
        "- every consortium submitted once, one receipt each, none lost or duplicated: {}",
        verdict(!lost_or_duplicated)
    );
    if backend == "postgres" {
        println!(
            "- p99 of a submission under 250 ms during the rush: {} ({} ms)",
            verdict(submit_p99 < 250.0),
            fmt_ms(submit_p99)
        );
    } else {
        println!(
            "- p99 of a submission: {} ms (the 250 ms target is for PostgreSQL)",
            fmt_ms(submit_p99)
        );
    }
    println!(
        "- reads at no less than a quarter of /health: {} (lowest ratio {reads_ratio:.2}; amid writes, beyond the target's scenario: {:.2})",
        verdict(reads_ratio >= 0.25),
        ratio(&reads.amid_writes)
    );
    println!(
        "- reads' p99 during a login storm within 3x of without: {} ({storm_factor:.2}x)",
        verdict(storm_factor <= 3.0)
    );

    Ok(Some(json!({
        "setup": { "consortia": world.consortia.len(), "seconds": setup_seconds, "peak_rss_mib": setup_rss },
        "rush": {
            "window_seconds": settings.window.as_secs(),
            "spread_seconds": r.spread_seconds,
            "wall_seconds": r.seconds,
            "operations_per_second": operations / r.seconds,
            "budget_edit": r.budget.summary(r.seconds),
            "upload_2mib": r.upload.summary(r.seconds),
            "submission": r.submit.summary(r.seconds),
            "submissions_ok": r.submissions_ok,
            "proposals_submitted": r.proposals_submitted,
            "distinct_receipts": r.distinct_receipts,
            "receipt_mails": r.receipt_mails,
            "duplicate_receipt_mails": r.duplicate_receipts,
            "peak_rss_mib": rush_rss,
        },
        "read_path": {
            "concurrency": settings.concurrency,
            "ranking_call_entries": world.ranking_entries,
            "health": reads.health.0.summary(reads.health.1),
            "proposal": reads.proposal.0.summary(reads.proposal.1),
            "ranking": reads.ranking.0.summary(reads.ranking.1),
            "proposal_amid_writes": reads.amid_writes.0.summary(reads.amid_writes.1),
            "renames_per_second_target": RENAMES_PER_SECOND,
            "renames": reads.renames.0.summary(reads.renames.1),
            "proposal_ratio_to_health": ratio(&reads.proposal),
            "ranking_ratio_to_health": ratio(&reads.ranking),
            "proposal_amid_writes_ratio_to_health": ratio(&reads.amid_writes),
            "peak_rss_mib": { "health": reads.health_rss, "proposal": reads.proposal_rss, "ranking": reads.ranking_rss, "proposal_amid_writes": reads.amid_writes_rss },
        },
        "login_storm": {
            "concurrent_logins": settings.logins,
            "reads_without": reads.proposal.0.summary(reads.proposal.1),
            "reads_during": storm.reads.0.summary(storm.reads.1),
            "logins": storm.logins.0.summary(storm.logins.1),
            "p99_factor": storm_factor,
            "peak_rss_mib": storm.rss,
        },
        "targets": {
            "no_lost_or_duplicated_submissions": !lost_or_duplicated,
            "submission_p99_ms": submit_p99,
            "submission_p99_under_250ms": submit_p99 < 250.0,
            "reads_at_least_quarter_of_health": reads_ratio >= 0.25,
            "storm_p99_within_3x": storm_factor <= 3.0,
        },
    })))
}

/// The checkout's commit, read from `.git` without running git.
fn git_commit() -> Option<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(".git");
    let head = std::fs::read_to_string(root.join("HEAD")).ok()?;
    let head = head.trim();
    let Some(reference) = head.strip_prefix("ref: ") else {
        return Some(head.to_owned());
    };
    if let Ok(id) = std::fs::read_to_string(root.join(reference)) {
        return Some(id.trim().to_owned());
    }
    std::fs::read_to_string(root.join("packed-refs"))
        .ok()?
        .lines()
        .find(|l| l.ends_with(reference))
        .and_then(|l| l.split_whitespace().next())
        .map(str::to_owned)
}

async fn run() -> Result<()> {
    let settings = Settings::from_env()?;
    if !settings.bin.is_file() {
        bail!(
            "no server binary at {}: run `cargo build --release --bin jointcall` first",
            settings.bin.display()
        );
    }
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    println!(
        "# Load benchmarks: {} on {cores} cores, load generator in this process on loopback",
        settings.bin.display()
    );
    let mut databases = serde_json::Map::new();
    for backend in &settings.databases {
        if let Some(result) = run_backend(&settings, backend).await? {
            databases.insert(backend.clone(), result);
        }
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let solver = std::fs::read_to_string(manifest.join("bench/assignment.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok());
    let results = json!({
        "machine": {
            "nproc": cores,
            "date": Utc::now().to_rfc3339(),
            "git_commit": git_commit(),
            "server_binary": settings.bin.display().to_string(),
        },
        "settings": {
            "consortia": settings.consortia,
            "window_seconds": settings.window.as_secs(),
            "read_seconds": settings.read.as_secs(),
            "concurrency": settings.concurrency,
            "concurrent_logins": settings.logins,
        },
        "databases": databases,
        "solver": solver,
    });
    std::fs::create_dir_all(manifest.join("bench"))?;
    std::fs::write(
        manifest.join("bench/results.json"),
        serde_json::to_string_pretty(&results)?,
    )?;
    println!("\nwritten to bench/results.json");
    Ok(())
}

fn main() {
    // `cargo test --all-targets` (make test) also runs bench targets, without
    // `--bench`: do nothing there; `cargo bench` passes `--bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("load benchmarks: run them with `cargo bench --bench load` (or `make bench`)");
        return;
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            std::process::exit(1);
        }
    };
    let outcome = runtime.block_on(run());
    if let Err(e) = outcome {
        eprintln!("benchmark failed: {e:#}");
        std::process::exit(1);
    }
}
