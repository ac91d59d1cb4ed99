use clap::Parser;
use tracing_subscriber::EnvFilter;

/// mimalloc instead of glibc's allocator: allocation was a fifth of a read's
/// CPU, and glibc kept up to 1.3 GiB in its thread arenas after bursts of
/// password hashes (19 MiB each) and uploads; mimalloc peaks at about 200 MiB
/// in the same benchmarks (docs/operations.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    dotenvy::dotenv().ok();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let json_logs = std::env::var("JOINTCALL_LOG_FORMAT").is_ok_and(|v| v == "json");
    if json_logs {
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .json()
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let cli = jointcall::cli::Cli::parse();
    if let Err(error) = jointcall::cli::run(cli).await {
        eprintln!("jointcall: {error:#}");
        std::process::exit(1);
    }
}
