//! Benchmark of the expert assignment solver against the greedy baseline.
//!
//! `cargo run --release --bin bench_assignment [proposals experts reviews]...`
//! Without arguments: 500 x 150, 2,000 x 600 and 10,000 x 3,000, 3 reviews each.
//! Prints a table (time, staffed reviews, objective, peak memory) and writes
//! it to `bench/assignment.json`. A benchmark, not a test: it asserts nothing.

use std::collections::HashSet;
use std::time::Instant;

use jointcall::domain::assignment::{AssignmentProblem, ExpertOffer, ProposalNeed, greedy, solve};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn instance(proposals: usize, experts: usize, reviews: u32, seed: u64) -> AssignmentProblem {
    let mut rng = StdRng::seed_from_u64(seed);
    let vocabulary: Vec<String> = (0..200).map(|i| format!("topic-{i}")).collect();
    let pick = |rng: &mut StdRng, n: usize| -> Vec<String> {
        (0..n)
            .map(|_| vocabulary[rng.random_range(0..vocabulary.len())].clone())
            .collect()
    };
    // Enough capacity overall (20% slack), as an operator would recruit.
    let cap = ((proposals as u32 * reviews) as f64 * 1.2 / experts as f64).ceil() as u32;
    let proposals: Vec<ProposalNeed> = (0..proposals)
        .map(|_| ProposalNeed {
            reviews,
            keywords: pick(&mut rng, 5),
        })
        .collect();
    let experts: Vec<ExpertOffer> = (0..experts)
        .map(|_| ExpertOffer {
            load_cap: cap,
            keywords: pick(&mut rng, 8),
        })
        .collect();
    // About 1% of pairs are conflicts of interest.
    let mut forbidden = HashSet::new();
    for _ in 0..(proposals.len() * experts.len() / 100) {
        forbidden.insert((
            rng.random_range(0..proposals.len()),
            rng.random_range(0..experts.len()),
        ));
    }
    AssignmentProblem {
        proposals,
        experts,
        forbidden,
        fixed: vec![],
    }
}

/// The process's peak resident memory in MiB (Linux).
fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes: Vec<(usize, usize, u32)> = if args.len() >= 3 {
        args.chunks(3)
            .filter(|c| c.len() == 3)
            .map(|c| (c[0], c[1], c[2] as u32))
            .collect()
    } else {
        vec![(500, 150, 3), (2_000, 600, 3), (10_000, 3_000, 3)]
    };
    println!(
        "{:>10} {:>8} {:>8} | {:>9} {:>9} {:>10} | {:>9} {:>9} {:>10} | {:>9}",
        "proposals",
        "experts",
        "reviews",
        "solver s",
        "staffed",
        "objective",
        "greedy s",
        "staffed",
        "objective",
        "peak MiB"
    );
    let mut rows = Vec::new();
    for (proposals, experts, reviews) in sizes {
        let problem = instance(proposals, experts, reviews, 20_261_129);
        let started = Instant::now();
        let best = solve(&problem);
        let solver_secs = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let naive = greedy(&problem);
        let greedy_secs = started.elapsed().as_secs_f64();
        let peak = peak_rss_mib();
        println!(
            "{proposals:>10} {experts:>8} {reviews:>8} | {solver_secs:>9.2} {:>9} {:>10} | {greedy_secs:>9.2} {:>9} {:>10} | {peak:>9.0}",
            best.pairs.len(),
            best.objective,
            naive.pairs.len(),
            naive.objective
        );
        rows.push(serde_json::json!({
            "proposals": proposals, "experts": experts, "reviews": reviews,
            "solver_seconds": solver_secs, "solver_staffed": best.pairs.len(), "solver_objective": best.objective,
            "greedy_seconds": greedy_secs, "greedy_staffed": naive.pairs.len(), "greedy_objective": naive.objective,
            "peak_rss_mib": peak,
        }));
    }
    let _ = std::fs::create_dir_all("bench");
    let _ = std::fs::write(
        "bench/assignment.json",
        serde_json::to_string_pretty(&rows).unwrap_or_default(),
    );
}
