//! Work spread over every core, with the results in the input's order: briefs are independent,
//! so the renderer and [`crate::estimate_fills`] measure and render them on all cores and the
//! output stays the same bytes in the same order as on one.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Themes per unit of work: small enough to balance two cores, large enough that taking the
/// next unit costs nothing.
pub(crate) const CHUNK: usize = 64;

/// How many threads to use: one per core the process may run on.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// `f` of each chunk of `items` (`chunk` long, the last shorter), in the chunks' order.
pub(crate) fn map_chunks<T, R, F>(items: &[T], chunk: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&[T]) -> R + Sync,
{
    map_numbered_chunks(items, chunk, |_, c| f(c))
}

/// [`map_chunks`], with each chunk's number passed to `f`.
fn map_numbered_chunks<T, R, F>(items: &[T], chunk: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(usize, &[T]) -> R + Sync,
{
    let chunks: Vec<&[T]> = items.chunks(chunk.max(1)).collect();
    let threads = threads().min(chunks.len());
    if threads <= 1 {
        return chunks
            .into_iter()
            .enumerate()
            .map(|(i, c)| f(i, c))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let done: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else {
                            break;
                        };
                        out.push((i, f(i, chunk)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut all: Vec<(usize, R)> = done.into_iter().flatten().collect();
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// `f` of each chunk of `items`; the first failure in the chunks' order, if any. Every chunk
/// before that failure has run; chunks after it may not have.
pub(crate) fn try_for_each_chunk<T, E, F>(items: &[T], chunk: usize, f: F) -> Result<(), E>
where
    T: Sync,
    E: Send,
    F: Fn(&[T]) -> Result<(), E> + Sync,
{
    // the number of the first chunk known to have failed
    let failed = AtomicUsize::new(usize::MAX);
    let results = map_numbered_chunks(items, chunk, |i, chunk| {
        if i > failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        let result = f(chunk);
        if result.is_err() {
            failed.fetch_min(i, Ordering::Relaxed);
        }
        result
    });
    results.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_input_order() {
        let items: Vec<usize> = (0..1000).collect();
        let sums = map_chunks(&items, 7, |c| c.iter().sum::<usize>());
        let expected: Vec<usize> = items.chunks(7).map(|c| c.iter().sum()).collect();
        assert_eq!(sums, expected);
        assert!(map_chunks(&[] as &[usize], 7, |c| c.len()).is_empty());
    }

    #[test]
    fn the_first_failure_in_order_is_returned() {
        let items: Vec<usize> = (0..100).collect();
        let result = try_for_each_chunk(&items, 3, |c| {
            if c.contains(&50) || c.contains(&90) {
                Err(c[0])
            } else {
                Ok(())
            }
        });
        assert_eq!(result, Err(48));
        assert_eq!(try_for_each_chunk(&items, 3, |_| Ok::<(), ()>(())), Ok(()));
    }
}
