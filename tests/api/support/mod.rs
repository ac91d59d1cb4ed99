//! The test app: the real server on a random port against a fresh database
//! (SQLite in a temporary folder, or a throwaway PostgreSQL database when
//! `TEST_DATABASE_URL` is set), and a real SMTP listener when a test needs mail.

pub mod fixtures;
pub mod proxy;
pub mod smtp;

use std::collections::HashMap;

use diesel::{Connection, RunQueryDsl, pg::PgConnection};
use jointcall::accounts::create_user;
use jointcall::auth::password::hash_password;
use jointcall::config::Config;
use jointcall::domain::account::Email;
use jointcall::domain::role::{Agency, Role, RoleSet};
use jointcall::startup::Application;
use jointcall::state::SharedState;
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};

pub const PASSWORD: &str = "correct horse battery staple";

/// A fresh database for one test, removed when the test ends.
pub enum TestDb {
    /// Another app's database, which that app removes.
    Shared { url: String },
    Sqlite {
        _dir: tempfile::TempDir,
        url: String,
    },
    Postgres {
        admin_url: String,
        name: String,
        url: String,
    },
}

impl TestDb {
    pub fn new() -> Self {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let name = format!("jointcall_test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = PgConnection::establish(&admin_url)
                    .unwrap_or_else(|e| panic!("TEST_DATABASE_URL {admin_url}: {e}"));
                diesel::sql_query(format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .expect("create test database");
                let (base, _) = admin_url
                    .rsplit_once('/')
                    .expect("a database URL with a path");
                let url = format!("{base}/{name}");
                Self::Postgres {
                    admin_url,
                    name,
                    url,
                }
            }
            _ => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}/test.db", dir.path().display());
                Self::Sqlite { _dir: dir, url }
            }
        }
    }

    pub fn url(&self) -> &str {
        match self {
            Self::Shared { url } | Self::Sqlite { url, .. } | Self::Postgres { url, .. } => url,
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Self::Postgres {
            admin_url, name, ..
        } = self
            && let Ok(mut conn) = PgConnection::establish(admin_url)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&mut conn);
        }
    }
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub state: SharedState,
    pub db: TestDb,
}

/// Maps the test database's URL to the one the app is given.
pub type DatabaseUrlMap = Box<dyn Fn(&str) -> String>;

/// Settings for a test app beyond the defaults.
#[derive(Default)]
pub struct Options {
    pub smtp_port: Option<u16>,
    pub extra: Vec<(&'static str, String)>,
    /// The address the app reaches the test database at, from its URL (e.g.
    /// through a proxy); the URL itself when `None`.
    pub database_url: Option<DatabaseUrlMap>,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(Options::default()).await
}

pub async fn spawn_app_with(options: Options) -> TestApp {
    let storage = tempfile::tempdir().expect("storage dir").keep();
    spawn_app_on(TestDb::new(), storage, options).await
}

impl TestApp {
    /// A second instance serving the same database and documents, as behind
    /// a load balancer (PostgreSQL only: SQLite serves one instance).
    pub async fn another_instance(&self, options: Options) -> TestApp {
        let db = TestDb::Shared {
            url: self.db.url().to_owned(),
        };
        spawn_app_on(db, self.state.config.storage_dir.clone(), options).await
    }
}

async fn spawn_app_on(db: TestDb, storage: std::path::PathBuf, options: Options) -> TestApp {
    let database_url = match &options.database_url {
        Some(via) => via(db.url()),
        None => db.url().to_owned(),
    };
    let mut vars: HashMap<&str, String> = HashMap::from([
        ("DATABASE_URL", database_url),
        ("JOINTCALL_BIND", "127.0.0.1:0".to_owned()),
        ("JOINTCALL_WORKERS", "1".to_owned()),
        ("JOINTCALL_PUBLIC_URL", "http://portal.test".to_owned()),
        ("JOINTCALL_STORAGE_DIR", storage.display().to_string()),
        ("JOINTCALL_STATIC_DIR", "/nonexistent".to_owned()),
        ("JOINTCALL_MAIL_INTERVAL_SECS", "1".to_owned()),
        ("JOINTCALL_MAIL_RETRY_SECS", "1".to_owned()),
        // Every test client is 127.0.0.1: suites register dozens of users from
        // it. The limit itself is tested with its own value (`security`).
        ("JOINTCALL_LIMIT_ADDRESS_HOURLY", "100000".to_owned()),
        // One strong key for every app of this process: the audit keys are
        // per process (`db::audit::install_keys`), and production apps refuse
        // the development key.
        ("JOINTCALL_AUDIT_KEY", TEST_AUDIT_KEY.clone()),
    ]);
    if let Some(port) = options.smtp_port {
        vars.insert("JOINTCALL_SMTP_URL", format!("smtp://127.0.0.1:{port}"));
    }
    for (k, v) in options.extra {
        vars.insert(k, v);
    }
    let config = Config::from_lookup(|name| vars.get(name).cloned()).expect("test config");
    let app = Application::build(config).await.expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        state,
        db,
    }
}

/// Made afresh for each run of the suite: not a value anyone can read.
static TEST_AUDIT_KEY: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(jointcall::auth::secret::generate);

/// The audit key the test apps seal with, for a `jointcall` command run beside them.
pub fn test_audit_key() -> &'static str {
    &TEST_AUDIT_KEY
}

/// A signed-in user of the test app.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub email: String,
    pub token: String,
    pub refresh_token: String,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    pub fn get(&self, path: &str, actor: Option<&Actor>) -> RequestBuilder {
        with_auth(self.request(Method::GET, path), actor)
    }

    pub fn post(&self, path: &str, actor: Option<&Actor>, body: Value) -> RequestBuilder {
        with_auth(self.request(Method::POST, path), actor).json(&body)
    }

    pub fn put(&self, path: &str, actor: Option<&Actor>, body: Value) -> RequestBuilder {
        with_auth(self.request(Method::PUT, path), actor).json(&body)
    }

    pub async fn register(&self, email: &str, full_name: &str) -> Response {
        self.post(
            "/api/v1/auth/register",
            None,
            json!({ "email": email, "password": PASSWORD, "full_name": full_name }),
        )
        .send()
        .await
        .expect("request")
    }

    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post(
            "/api/v1/auth/login",
            None,
            json!({ "email": email, "password": password }),
        )
        .send()
        .await
        .expect("request")
    }

    /// Registers through the API, confirms the address with the mailed link
    /// and signs in.
    pub async fn applicant(&self, email: &str) -> Actor {
        let actor = self.unverified_applicant(email).await;
        self.verify_email(email).await;
        actor
    }

    /// Registers through the API and signs in, without confirming the address.
    pub async fn unverified_applicant(&self, email: &str) -> Actor {
        let response = self.register(email, "Test Applicant").await;
        assert_eq!(response.status(), StatusCode::CREATED, "register {email}");
        let id = body(response).await["id"].as_str().expect("id").to_owned();
        self.sign_in(id, email).await
    }

    /// Follows the newest verification link in the outbox for `email`.
    pub async fn verify_email(&self, email: &str) {
        let to = email.trim().to_lowercase();
        let mails = self
            .state
            .db(|conn| Ok(jointcall::db::outbox::list(conn, None, 10_000, 0)?.0))
            .await
            .expect("outbox");
        let mail = mails
            .iter()
            .find(|m| m.to_address == to && m.kind == "verify_email")
            .unwrap_or_else(|| panic!("no verification mail to {to}"));
        let token = token_of(&link_in(
            &mail.body_text,
            "http://portal.test/verify-email?token=",
        ));
        let confirmed = self
            .post(
                "/api/v1/auth/email-verification",
                None,
                json!({ "token": token }),
            )
            .send()
            .await
            .expect("request");
        assert_eq!(confirmed.status(), StatusCode::NO_CONTENT, "verify {to}");
    }

    /// Creates a user with roles directly (as `create-admin` would) and signs
    /// in; staff enrol an authenticator at once, as their roles require.
    pub async fn user_with_roles(
        &self,
        email: &str,
        roles: &[Role],
        agency: Option<Agency>,
    ) -> Actor {
        let actor = self.user_with_roles_unenrolled(email, roles, agency).await;
        // Staff act only with a second factor, so they enrol one at once.
        if RoleSet::new(roles, agency).expect("roles").is_staff() {
            self.enrol_second_factor(&actor).await;
        }
        actor
    }

    /// As `user_with_roles`, signed in before any authenticator is enrolled.
    pub async fn user_with_roles_unenrolled(
        &self,
        email: &str,
        roles: &[Role],
        agency: Option<Agency>,
    ) -> Actor {
        let hash = hash_password(PASSWORD.to_owned()).await.expect("hash");
        let set = RoleSet::new(roles, agency).expect("roles");
        let email_owned = Email::parse(email).expect("email");
        let state = self.state.clone();
        let user = self
            .state
            .write(move |conn| {
                create_user(
                    conn,
                    &email_owned,
                    "Test User",
                    hash,
                    &set,
                    None,
                    state.clock.now(),
                )
            })
            .await
            .expect("create user");
        self.sign_in(user.id.into(), email).await
    }

    /// Signs in an account whose id is unknown to the test (second factor included).
    pub async fn sign_in_by_email(&self, email: &str) -> Actor {
        self.sign_in_by_email_with(email, PASSWORD).await
    }

    pub async fn sign_in_by_email_with(&self, email: &str, password: &str) -> Actor {
        let email_owned = email.trim().to_lowercase();
        let user = self
            .state
            .db(move |conn| Ok(jointcall::db::users::find_by_email(conn, &email_owned)?))
            .await
            .expect("lookup")
            .expect("an account");
        self.sign_in_with(user.id.into(), email, password).await
    }

    pub async fn admin(&self) -> Actor {
        self.user_with_roles("admin@test.lu", &[Role::Admin], None)
            .await
    }

    async fn sign_in(&self, id: String, email: &str) -> Actor {
        self.sign_in_with(id, email, PASSWORD).await
    }

    /// Signs in with a password, then with the authenticator's code if the
    /// account has one.
    pub async fn sign_in_with(&self, id: String, email: &str, password: &str) -> Actor {
        let response = self.login(email, password).await;
        assert_eq!(response.status(), StatusCode::OK, "login {email}");
        let mut tokens = body(response).await;
        if tokens["second_factor_required"] == true {
            let challenge = tokens["challenge"].as_str().expect("challenge").to_owned();
            let code = self.authenticator_code(email).await;
            let second = self
                .post(
                    "/api/v1/auth/login/second-factor",
                    None,
                    json!({ "challenge": challenge, "code": code }),
                )
                .send()
                .await
                .expect("request");
            assert_eq!(second.status(), StatusCode::OK, "second factor {email}");
            tokens = body(second).await;
        }
        Actor {
            id,
            email: email.to_owned(),
            token: tokens["access_token"].as_str().expect("token").to_owned(),
            refresh_token: tokens["refresh_token"]
                .as_str()
                .expect("refresh")
                .to_owned(),
        }
    }

    /// The code the account's authenticator app shows now, as a person would
    /// read it. Each time step is accepted once, and tests sign in faster
    /// than every 30 s: the step last used is forgotten first, which stands
    /// in for the person waiting for the next code.
    pub async fn authenticator_code(&self, email: &str) -> String {
        let email = email.trim().to_lowercase();
        let secret = self
            .state
            .db(move |conn| {
                use diesel::prelude::*;
                use jointcall::db::schema::second_factors::dsl;
                let id = jointcall::db::users::find_by_email(conn, &email)?
                    .expect("an account")
                    .id;
                diesel::update(dsl::second_factors.find(&id))
                    .set(dsl::last_step.eq(0_i64))
                    .execute(conn)?;
                Ok(jointcall::db::second_factors::find(conn, &id)?.map(|f| f.secret))
            })
            .await
            .expect("second factor")
            .expect("an authenticator");
        jointcall::auth::second_factor::code_at(&secret, self.state.clock.now()).expect("code")
    }

    /// Enrols an authenticator for a signed-in actor through the API, as
    /// the profile page does; returns the recovery codes.
    pub async fn enrol_second_factor(&self, actor: &Actor) -> Vec<String> {
        self.enrol_second_factor_with(actor, PASSWORD).await
    }

    pub async fn enrol_second_factor_with(&self, actor: &Actor, password: &str) -> Vec<String> {
        let begun = self
            .post(
                "/api/v1/me/second-factor/enrolment",
                Some(actor),
                json!({ "password": password }),
            )
            .send()
            .await
            .expect("request");
        assert_eq!(
            begun.status(),
            StatusCode::OK,
            "enrolment of {}",
            actor.email
        );
        let secret = body(begun).await["secret"]
            .as_str()
            .expect("secret")
            .to_owned();
        let code =
            jointcall::auth::second_factor::code_at(&secret, self.state.clock.now()).expect("code");
        let confirmed = self
            .post(
                "/api/v1/me/second-factor",
                Some(actor),
                json!({ "code": code }),
            )
            .send()
            .await
            .expect("request");
        assert_eq!(
            confirmed.status(),
            StatusCode::CREATED,
            "confirm {}",
            actor.email
        );
        body(confirmed).await["recovery_codes"]
            .as_array()
            .expect("codes")
            .iter()
            .map(|c| c.as_str().expect("code").to_owned())
            .collect()
    }

    /// A new session of the same person (another device, say).
    pub async fn sign_in_again(&self, actor: &Actor) -> Actor {
        self.sign_in(actor.id.clone(), &actor.email).await
    }

    /// Moves the server clock and signs the actors in again (their tokens
    /// were issued at the old time).
    pub async fn travel_to(&self, rfc3339: &str, actors: &mut [&mut Actor]) {
        let at = chrono::DateTime::parse_from_rfc3339(rfc3339)
            .expect("RFC 3339 time")
            .to_utc();
        self.state.clock.set(at);
        for actor in actors.iter_mut() {
            let id = actor.id.clone();
            let email = actor.email.clone();
            **actor = self.sign_in(id, &email).await;
        }
    }

    /// `GET /api/v1/audit/verification` as `admin` sees it.
    pub async fn audit_verification(&self, admin: &Actor) -> Value {
        let response = self
            .get("/api/v1/audit/verification", Some(admin))
            .send()
            .await
            .expect("request");
        assert_eq!(response.status(), StatusCode::OK);
        body(response).await
    }

    /// Mails in the outbox, newest first, as an operator sees them.
    pub async fn outbox(&self, admin: &Actor) -> Vec<Value> {
        let response = self
            .get("/api/v1/outbox?limit=200", Some(admin))
            .send()
            .await
            .expect("outbox");
        assert_eq!(response.status(), StatusCode::OK);
        body(response).await["items"]
            .as_array()
            .expect("items")
            .clone()
    }
}

fn with_auth(builder: RequestBuilder, actor: Option<&Actor>) -> RequestBuilder {
    match actor {
        Some(a) => builder.bearer_auth(&a.token),
        None => builder,
    }
}

/// A response checked for its status before it is used. A bare
/// `assert_eq!(response.status(), StatusCode::OK)` fails with two numbers;
/// these fail with the body too, which names the problem the server saw.
#[allow(async_fn_in_trait)]
pub trait Expect: Sized {
    /// Asserts the status; the response is handed back for its headers or body.
    async fn checked(self, status: StatusCode) -> Self;
    /// Asserts the status and returns the body as JSON (`null` when empty).
    async fn expect(self, status: StatusCode) -> Value;
    /// Asserts the status and reads the body as `T`: the crate's own
    /// response type, so a renamed or retyped field fails here, by name.
    async fn expect_json<T: serde::de::DeserializeOwned>(self, status: StatusCode) -> T;
}

impl Expect for Response {
    async fn checked(self, status: StatusCode) -> Self {
        if self.status() == status {
            return self;
        }
        let actual = self.status();
        let url = self.url().path().to_owned();
        let text = self.text().await.unwrap_or_default();
        panic!("{url}: expected {status}, got {actual}; the body: {text}");
    }

    async fn expect(self, status: StatusCode) -> Value {
        let text = self.checked(status).await.text().await.expect("body");
        if text.is_empty() {
            return Value::Null;
        }
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    }

    async fn expect_json<T: serde::de::DeserializeOwned>(self, status: StatusCode) -> T {
        let text = self.checked(status).await.text().await.expect("body");
        serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("not a {} ({e}): {text}", std::any::type_name::<T>()))
    }
}

pub async fn body(response: Response) -> Value {
    let text = response.text().await.expect("body");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// Asserts an RFC 9457 problem response with this status; returns its body.
pub async fn assert_problem(response: Response, status: u16) -> Value {
    let actual = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let problem = body(response).await;
    assert_eq!(actual, status, "status; the body: {problem}");
    assert_eq!(content_type, "application/problem+json", "content type");
    assert_eq!(problem["status"], status, "problem status: {problem}");
    // The crate's own type: `code` is one of the published `ProblemCode`s
    // and `type` ends with it.
    let typed: jointcall::error::Problem = serde_json::from_value(problem.clone())
        .unwrap_or_else(|e| panic!("not a problem of the spec ({e}): {problem}"));
    assert_eq!(
        typed.type_,
        jointcall::error::problem_type(typed.code),
        "{problem}"
    );
    assert!(
        problem["title"].is_string() && problem["detail"].is_string(),
        "{problem}"
    );
    problem
}

/// The fields named in a validation problem's `errors`.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The link in a mail body that starts with `prefix`.
pub fn link_in(body: &str, prefix: &str) -> String {
    body.split_whitespace()
        .find(|w| w.starts_with(prefix))
        .unwrap_or_else(|| panic!("no link {prefix} in {body}"))
        .to_owned()
}

/// The `token` query parameter of a link.
pub fn token_of(link: &str) -> String {
    link.split("token=")
        .nth(1)
        .expect("token in link")
        .to_owned()
}

/// Every audit record of `action` about one entity, as an administrator reads them.
pub async fn audited(
    app: &TestApp,
    admin: &Actor,
    entity_type: &str,
    entity_id: &str,
    action: &str,
) -> Vec<Value> {
    let response = app
        .get(
            &format!("/api/v1/audit?entity_type={entity_type}&entity_id={entity_id}"),
            Some(admin),
        )
        .send()
        .await
        .expect("audit");
    assert_eq!(response.status(), StatusCode::OK);
    body(response)
        .await
        .as_array()
        .expect("records")
        .iter()
        .filter(|record| record["action"] == action)
        .cloned()
        .collect()
}
