//! Independent jobs (the CSV files) spread over every core.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `f` on every item, on as many threads as there are cores, each thread taking the next
/// item not yet taken (so put the longest first); the first failure in the items' order, if
/// any. Every item before that failure has run; items after it may not have.
pub(crate) fn try_each<T, E, F>(items: &[T], f: F) -> Result<(), E>
where
    T: Sync,
    E: Send,
    F: Fn(&T) -> Result<(), E> + Sync,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(items.len());
    if threads <= 1 {
        return items.iter().try_for_each(f);
    }
    let next = AtomicUsize::new(0);
    // the position of the first item known to have failed
    let failed = AtomicUsize::new(usize::MAX);
    let mut errors: Vec<(usize, E)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut errors = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            break;
                        };
                        if i > failed.load(Ordering::Relaxed) {
                            continue;
                        }
                        if let Err(e) = f(item) {
                            failed.fetch_min(i, Ordering::Relaxed);
                            errors.push((i, e));
                        }
                    }
                    errors
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    errors.sort_unstable_by_key(|(i, _)| *i);
    match errors.into_iter().next() {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn every_item_runs_and_the_first_failure_in_order_wins() {
        let items: Vec<usize> = (0..200).collect();
        let seen = Mutex::new(Vec::new());
        let ok = try_each(&items, |&i| {
            seen.lock().expect("lock").push(i);
            Ok::<(), usize>(())
        });
        assert_eq!(ok, Ok(()));
        let mut seen = seen.into_inner().expect("lock");
        seen.sort_unstable();
        assert_eq!(seen, items);
        let failed = try_each(&items, |&i| if i % 70 == 69 { Err(i) } else { Ok(()) });
        assert_eq!(failed, Err(69));
    }
}
