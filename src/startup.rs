//! Builds the application: pool, migrations, state, mail worker and HTTP
//! server. Used by `main` and by the tests (which bind port 0).

use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

use actix_files::{Files, NamedFile};
use actix_web::dev::{Server, ServiceRequest, ServiceResponse, fn_service};
use actix_web::http::StatusCode;
use actix_web::middleware::{ErrorHandlers, from_fn};
use actix_web::{App, HttpResponse, HttpServer, ResponseError, web};
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::rate_limit::{LoginLimiter, Throttles};
use crate::auth::tokens::TokenKeys;
use crate::clock::Clock;
use crate::config::Config;
use crate::db::write_feed::Listening;
use crate::error::{ApiError, problem_for_status, problem_response};
use crate::mail::worker::{self, Mailer};
use crate::metrics::Metrics;
use crate::state::{AppState, SharedState};
use crate::{api, db, openapi};

pub struct Application {
    server: Server,
    port: u16,
    state: SharedState,
    mail_worker: Option<tokio::task::JoinHandle<()>>,
}

/// Connects, migrates and assembles the shared state.
pub fn build_state(config: Config) -> anyhow::Result<SharedState> {
    let pool_size = match db::Backend::from_url(&config.database_url) {
        Ok(db::Backend::Postgres) => 16,
        _ => 8,
    };
    let pool = db::connect(&config.database_url, pool_size)?;
    db::run_migrations(&mut *pool.get()?)?;
    db::audit::install_keys(config.audit_keys());
    // Records written before audit keys existed are pinned by a sealed one.
    db::write_tx(&mut *pool.get()?, |c| {
        db::audit::seal_unkeyed_tail(c, chrono::Utc::now())
    })?;
    let store = crate::storage::LocalStore::new(&config.storage_dir).map_err(|e| {
        anyhow::anyhow!(
            "JOINTCALL_STORAGE_DIR: cannot use {}: {e}",
            config.storage_dir.display()
        )
    })?;
    let mut tokens = TokenKeys::new(&config.jwt_secret, config.access_token_ttl.as_secs() as i64)?;
    if let Some((previous, until)) = &config.jwt_previous {
        tokens = tokens.with_previous(previous, *until)?;
    }
    let snapshots = crate::state::Snapshots::new(config.snapshot_ttl);
    let instance = uuid::Uuid::new_v4().to_string();
    Ok(Arc::new(AppState {
        login_limiter: LoginLimiter::new(config.login_limits),
        throttles: Throttles::new(config.abuse_limits),
        config,
        pool,
        tokens,
        clock: Clock::default(),
        metrics: Metrics::default(),
        store: Box::new(store),
        mail_wakeup: tokio::sync::Notify::new(),
        shutdown: tokio::sync::watch::Sender::new(false),
        db_gate: tokio::sync::Semaphore::new(pool_size as usize),
        accounts: crate::auth::account_cache::account_cache(),
        snapshots,
        instance,
    }))
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        let listener = TcpListener::bind(config.bind).map_err(|e| {
            anyhow::anyhow!("JOINTCALL_BIND: cannot listen on {}: {e}", config.bind)
        })?;
        let port = listener.local_addr()?.port();
        let state = tokio::task::spawn_blocking(move || build_state(config)).await??;
        tokio::task::spawn_blocking(crate::auth::password::warm_up).await?;

        let mail_worker = match &state.config.smtp_url {
            Some(url) => {
                let mailer = Mailer::new(url, &state.config.mail_from)?;
                Some(tokio::spawn(worker::run(state.clone(), mailer)))
            }
            None => {
                tracing::warn!(
                    "JOINTCALL_SMTP_URL is not set: mails stay in the outbox (see GET /api/v1/outbox)"
                );
                None
            }
        };

        tokio::spawn(crate::mail::reminders::run(state.clone()));
        tokio::spawn(crate::audit_anchor::run(state.clone()));
        if let Ok(db::Backend::Postgres) = db::Backend::from_url(&state.config.database_url) {
            listen_to_other_instances(&state)?;
        }

        let server = serve(listener, state.clone())?;
        Ok(Self {
            server,
            port,
            state,
            mail_worker,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn state(&self) -> SharedState {
        self.state.clone()
    }

    /// Serves until SIGTERM or SIGINT; then lets the requests in flight
    /// finish (up to `JOINTCALL_SHUTDOWN_SECS`), and the mail batch being sent,
    /// before returning.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        self.state.shutdown.send_replace(true);
        if let Some(worker) = self.mail_worker {
            let grace = self.state.config.shutdown_timeout;
            if tokio::time::timeout(grace, worker).await.is_err() {
                tracing::warn!(
                    "the mail batch did not finish in time; its unsent mails go out once their claim lapses"
                );
            }
        }
        tracing::info!("stopped");
        served
    }
}

/// Drops this instance's snapshots and cached accounts when another instance
/// on the same PostgreSQL commits a write (`db::write_feed`). The thread ends
/// with the server, or once the state is gone (an app of the test suite).
fn listen_to_other_instances(state: &SharedState) -> anyhow::Result<()> {
    let weak = Arc::downgrade(state);
    let url = state.config.database_url.clone();
    let instance = state.instance.clone();
    std::thread::Builder::new()
        .name("write-feed".to_owned())
        .spawn(move || {
            db::write_feed::listen(&url, &instance, |changed| {
                let Some(state) = weak.upgrade() else {
                    return Listening::Stop;
                };
                if *state.shutdown.borrow() {
                    return Listening::Stop;
                }
                if changed {
                    state.snapshots.clear();
                    state.accounts.clear();
                }
                Listening::Continue
            })
        })?;
    Ok(())
}

fn serve(listener: TcpListener, state: SharedState) -> anyhow::Result<Server> {
    let workers = state.config.workers;
    let limits = state.config.limits;
    let shutdown_secs = state.config.shutdown_timeout.as_secs();
    // Checked once, not in every worker's app factory.
    let spa_dir = state
        .config
        .static_dir
        .join("index.html")
        .is_file()
        .then(|| state.config.static_dir.clone());
    if spa_dir.is_none() {
        tracing::warn!(dir = %state.config.static_dir.display(), "no built web app; run `make run` to build it");
    }
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        let spa_dir = spa_dir.clone();
        let test_hooks = data.config.test_hooks;
        let hsts = data.config.public_url.starts_with("https://");
        App::new()
            .app_data(data.clone())
            .app_data(api::support::query_config())
            .app_data(api::support::path_config())
            .wrap(ErrorHandlers::new().default_handler(crate::middleware::problem_for_bare_errors))
            .wrap(from_fn(crate::middleware::refuse_unsafe_addresses))
            .wrap(from_fn(crate::middleware::body_timeout))
            .wrap(from_fn(crate::middleware::request_context))
            .wrap(crate::middleware::security_headers(hsts))
            .service(
                web::scope("/api/v1")
                    // Answers hold personal data and change with every write:
                    // no browser or proxy keeps them (ASVS V8.2.1).
                    .wrap(
                        actix_web::middleware::DefaultHeaders::new()
                            .add((actix_web::http::header::CACHE_CONTROL, "no-store")),
                    )
                    .configure(api::configure_v1)
                    .configure(|cfg| {
                        if test_hooks {
                            api::configure_test_hooks(cfg);
                        }
                    })
                    .default_service(web::to(not_found)),
            )
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", openapi::spec()))
            .configure(api::configure_operations)
            .service(web::scope("/api").default_service(web::to(not_found)))
            .service(spa(spa_dir.as_deref()))
    })
    .workers(workers)
    .max_connections(limits.max_connections_per_worker)
    .client_request_timeout(limits.header_timeout)
    .keep_alive(limits.idle_timeout)
    .shutdown_timeout(shutdown_secs)
    .listen(listener)?
    .run();
    Ok(server)
}

async fn not_found() -> HttpResponse {
    problem_response(
        StatusCode::NOT_FOUND,
        &problem_for_status(StatusCode::NOT_FOUND, "There is nothing at this address."),
    )
}

/// The built SPA (`dir`, when there is a build), with `index.html` for every
/// client-side route. Without a build, every page says how to make one.
fn spa(dir: Option<&Path>) -> actix_web::Scope {
    let scope = web::scope("");
    let Some(dir) = dir else {
        return scope.default_service(web::to(|| async {
            HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .body(
                    "<!doctype html><title>jointcall</title><h1>jointcall</h1>\
                 <p>The web app is not built. Run <code>make run</code>, or see \
                 <a href=\"/api/docs/\">the API documentation</a>.</p>",
                )
        }));
    };
    let index = dir.join("index.html");
    scope.service(
        Files::new("/", dir)
            .index_file("index.html")
            .default_handler(fn_service(move |req: ServiceRequest| {
                let index = index.clone();
                async move {
                    let (req, _) = req.into_parts();
                    let response = match NamedFile::open_async(&index).await {
                        Ok(file) => file.into_response(&req),
                        Err(e) => {
                            ApiError::Internal(anyhow::anyhow!("index.html: {e}")).error_response()
                        }
                    };
                    Ok(ServiceResponse::new(req, response))
                }
            })),
    )
}
