use clap::Parser;
use tracing_subscriber::EnvFilter;

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
