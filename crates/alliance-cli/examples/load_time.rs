//! Times the loader on a dataset folder: `cargo run --release -p alliance-cli --example
//! load_time -- DIR`. For profiling the loader alone.

#[global_allocator]
static GLOBAL: alliance_cli::allocator::MiMalloc = alliance_cli::allocator::MiMalloc;

fn main() {
    alliance_cli::allocator::keep_freed_memory();
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: load_time DIR");
        std::process::exit(2);
    };
    let start = std::time::Instant::now();
    match alliance_core::load(std::path::Path::new(&dir)) {
        Ok(loaded) => println!(
            "{} recommendations, {} files, {} diagnostics in {:.2?}",
            loaded.dataset.recommendations.len(),
            loaded.sources.len(),
            loaded.diagnostics.len(),
            start.elapsed()
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
