//! The command line: serve, migrate, create-admin, seed-demo, verify-audit, openapi.

use std::io::BufRead;

use clap::{Parser, Subcommand};

use crate::accounts::{create_user, set_roles};
use crate::auth::password::hash_password;
use crate::config::{Config, Environment};
use crate::db;
use crate::domain::account::{Email, Password};
use crate::domain::role::{Role, RoleSet};
use crate::error::ApiError;
use crate::startup::{Application, build_state};
use crate::state::SharedState;

#[derive(Debug, Parser)]
#[command(
    name = "jointcall",
    version,
    about = "Grant portal for joint funding calls"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an administrator, or make an existing account one. The password
    /// comes from JOINTCALL_ADMIN_PASSWORD or the first line of standard input.
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Fill an empty database with demo users and organisations (idempotent).
    SeedDemo,
    /// Check the audit log's seals and its end against the latest anchor;
    /// exits 1 when it is broken.
    VerifyAudit,
    /// Anchor the audit log now: a sealed line in the storage folder's
    /// audit-anchors.log, mailed to JOINTCALL_AUDITOR_EMAIL.
    AnchorAudit,
    /// Print the OpenAPI document.
    Openapi,
    /// Print a new random secret for JOINTCALL_JWT_SECRET, JOINTCALL_AUDIT_KEY
    /// or JOINTCALL_METRICS_TOKEN.
    GenSecret,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let command = cli.command.unwrap_or(Command::Serve);
    match command {
        Command::Openapi => {
            print!("{}", crate::openapi::spec_json());
            return Ok(());
        }
        Command::GenSecret => {
            println!("{}", crate::auth::secret::generate());
            return Ok(());
        }
        _ => {}
    }
    let config = Config::from_env()?;
    if matches!(command, Command::SeedDemo) && config.environment == Environment::Production {
        // The demo's accounts have published passwords.
        anyhow::bail!("seed-demo is refused when JOINTCALL_ENV=production");
    }
    if let Command::Serve = command {
        if config.uses_dev_secret() {
            tracing::warn!(
                "JOINTCALL_JWT_SECRET is not set: using the DEVELOPMENT secret. Anyone can forge \
                 sessions. Set a secret of your own before real use."
            );
        }
        let app = Application::build(config).await?;
        tracing::info!(port = app.port(), "jointcall is listening");
        app.run_until_stopped().await?;
        return Ok(());
    }
    let state = tokio::task::spawn_blocking(move || build_state(config)).await??;
    match command {
        Command::Serve | Command::Openapi | Command::GenSecret => Ok(()),
        Command::Migrate => {
            println!("migrations are up to date");
            Ok(())
        }
        Command::CreateAdmin { email, name } => create_admin(&state, &email, &name).await,
        Command::SeedDemo => crate::seed::seed_demo(&state).await,
        Command::VerifyAudit => verify_audit(&state).await,
        Command::AnchorAudit => {
            let st = state.clone();
            let anchor = state
                .db(move |conn| crate::audit_anchor::anchor_now(conn, &st, st.clock.now()))
                .await?;
            println!(
                "audit log anchored at record {}: {}",
                anchor.seq,
                anchor.line()
            );
            Ok(())
        }
    }
}

fn admin_password(email: &str) -> anyhow::Result<Password> {
    let raw = match std::env::var("JOINTCALL_ADMIN_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    Password::parse(&raw, Some(email), "JOINTCALL_ADMIN_PASSWORD")
        .map_err(|e| anyhow::anyhow!("the password: {}", e.message))
}

async fn create_admin(state: &SharedState, email: &str, name: &str) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("--email: {}", e.message))?;
    let existing = {
        let lookup = email.as_str().to_owned();
        state
            .db(move |conn| Ok(db::users::find_by_email(conn, &lookup)?))
            .await?
    };
    if let Some(user) = existing {
        let roles = user
            .role_set()
            .with(Role::Admin)
            .map_err(|_| anyhow::anyhow!("inconsistent roles"))?;
        let st = state.clone();
        state
            .write(move |conn| set_roles(conn, &user, &roles, None, st.clock.now()).map(|_| ()))
            .await?;
        println!("{} is now an administrator", email.as_str());
        return Ok(());
    }
    let password = admin_password(email.as_str())?;
    let hash = hash_password(password.expose().to_owned()).await?;
    let roles = RoleSet::new(&[Role::Admin], None).map_err(|_| anyhow::anyhow!("admin roles"))?;
    let st = state.clone();
    let name = name.to_owned();
    state
        .write(move |conn| create_user(conn, &email, &name, hash, &roles, None, st.clock.now()))
        .await?;
    println!("administrator created");
    Ok(())
}

async fn verify_audit(state: &SharedState) -> anyhow::Result<()> {
    let storage = state.config.storage_dir.clone();
    let (outcome, anchor) = state
        .db(move |conn| crate::audit_anchor::verify(conn, &storage).map_err(ApiError::Internal))
        .await?;
    match outcome {
        Ok(records) => {
            match anchor {
                Some(a) => println!(
                    "audit log intact: {records} record(s) verified, anchored at record {} ({})",
                    a.seq, a.at
                ),
                None => println!(
                    "audit log intact: {records} record(s) verified (no anchor yet: a cut tail \
                     cannot be seen; run `jointcall anchor-audit`)"
                ),
            }
            Ok(())
        }
        Err(broken) => {
            eprintln!("audit log TAMPERED: {broken}");
            std::process::exit(1);
        }
    }
}
