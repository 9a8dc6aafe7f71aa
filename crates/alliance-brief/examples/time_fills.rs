//! Times [`alliance_brief::estimate_fills`] on a dataset: loads it once, then estimates every
//! theme `RUNS` times and prints each run's wall time and a checksum of the fills (so that two
//! builds can be compared for both speed and result), with the binaries' allocator. On Linux it
//! also prints the CPU time of all runs (from `/proc/self/stat`, in clock ticks), which
//! depends less than the wall time on what else the machine runs.
//!
//! Usage: `cargo run --release -p alliance-brief --example time_fills -- DATA [RUNS]`

use std::path::Path;
use std::time::Instant;

/// The binaries' allocator, so that allocation costs what it costs in alliance-lint.
#[global_allocator]
static GLOBAL: alliance_cli::allocator::MiMalloc = alliance_cli::allocator::MiMalloc;

fn main() -> anyhow::Result<()> {
    alliance_cli::allocator::keep_freed_memory();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first() else {
        anyhow::bail!("usage: time_fills DATA [RUNS]");
    };
    let runs: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10);
    let dataset = alliance_core::load(Path::new(data))?.dataset;
    println!(
        "{} recommendations, {} themes",
        dataset.recommendations.len(),
        dataset.themes.len()
    );
    let mut times = Vec::with_capacity(runs);
    let cpu_before = cpu_ticks();
    for _ in 0..runs {
        let start = Instant::now();
        let fills = alliance_brief::estimate_fills(&dataset);
        let took = start.elapsed();
        let checksum = fills
            .iter()
            .fold(0_u64, |h, (_, f)| h.rotate_left(7) ^ f.to_bits());
        println!(
            "{:.1} ms  checksum {checksum:016x}",
            took.as_secs_f64() * 1e3
        );
        times.push(took.as_secs_f64() * 1e3);
    }
    if let (Some(a), Some(b)) = (cpu_before, cpu_ticks()) {
        // ticks are hundredths of a second on Linux
        println!("cpu {:.1} ms per run", (b - a) as f64 * 10.0 / runs as f64);
    }
    times.sort_by(f64::total_cmp);
    if let (Some(min), Some(median)) = (times.first(), times.get(times.len() / 2)) {
        println!("min {min:.1} ms, median {median:.1} ms");
    }
    Ok(())
}

/// User and system time of this process so far, clock ticks (`/proc/self/stat`).
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // the fields after the command name, which is in parentheses
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(user + system)
}
