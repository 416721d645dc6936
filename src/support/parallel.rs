//! Work shared between two threads, where there are two cores to share it:
//! the one check for a second core, and the ways work is split in two (a
//! pair of jobs, a list in halves by size, a list taken a few items at a
//! time), each with its own thread state or results taken back in order.
//!
//! Only ever two threads: dossier is an interactive program whose loads and
//! layouts are measured on two cores, and a second thread already halves
//! the work that is worth sharing.

use std::sync::OnceLock;

/// Whether there is more than one core to share work with (asked once).
pub fn two_cores() -> bool {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get())) > 1
}

/// Set in tests to make the other thread of [`both`] panic, to prove that
/// its report reaches stderr while a command holds it.
pub const PANIC_IN_WORKER_FOR_TEST: &str = "DOSSIER_PANIC_IN_WORKER";

/// `a` on this thread while `b` runs on another; `panicked` is the message
/// when `b`'s thread panics (its own report is written first).
pub fn both<A, B: Send>(panicked: &str, a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send) -> (A, B) {
    static PANIC: OnceLock<bool> = OnceLock::new();
    let panic = *PANIC.get_or_init(|| std::env::var_os(PANIC_IN_WORKER_FOR_TEST).is_some());
    std::thread::scope(|s| {
        let other = s.spawn(move || {
            assert!(!panic, "deliberate panic for testing ({PANIC_IN_WORKER_FOR_TEST} is set) in a worker thread");
            b()
        });
        let a = a();
        (a, other.join().expect(panicked))
    })
}

/// `f` over every item, in order, on this thread and another when there
/// are two cores and two items. Items are taken a few at a time by
/// whichever thread is free, so that one long item (a document ten times
/// the size of the others, an entity of a thousand mentions) does not
/// leave the other core idle, as a split in two halves by count did.
pub fn map_in_order<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    if !two_cores() || items.len() < 2 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let chunk = (items.len() / 64).clamp(1, 64);
    let work = || {
        let mut done: Vec<(usize, Vec<R>)> = Vec::new();
        loop {
            let start = next.fetch_add(chunk, Ordering::Relaxed);
            if start >= items.len() {
                return done;
            }
            let end = (start + chunk).min(items.len());
            done.push((start, items[start..end].iter().map(&f).collect()));
        }
    };
    let (mut parts, theirs) = both("a thread sharing work panicked", work, work);
    parts.extend(theirs);
    parts.sort_unstable_by_key(|(start, _)| *start);
    let mut out = Vec::with_capacity(items.len());
    for (_, part) in parts {
        out.extend(part);
    }
    out
}

/// What each thread sharing a piece of work keeps for itself (the loader's
/// problems, say): a second thread starts from a fresh one, handed back to
/// the first once done so what it found follows what the first found.
pub trait Fork: Send + Sized {
    /// The message when the second thread panics.
    const PANICKED: &'static str;

    /// A fresh state for another thread.
    fn fork(&self) -> Self;

    /// Takes back what another thread's state collected.
    fn join(&mut self, other: Self);
}

/// `mine` on this thread and `theirs` on another (one after the other on one
/// core), each with its own state, `theirs`'s joined to `ctx` after.
pub fn beside<C: Fork, A, B: Send>(
    ctx: &mut C,
    mine: impl FnOnce(&mut C) -> A,
    theirs: impl FnOnce(&mut C) -> B + Send,
) -> (A, B) {
    if !two_cores() {
        let a = mine(ctx);
        return (a, theirs(ctx));
    }
    let mut their_ctx = ctx.fork();
    let (a, (b, their_ctx)) = both(C::PANICKED, || mine(ctx), move || (theirs(&mut their_ctx), their_ctx));
    ctx.join(their_ctx);
    (a, b)
}

/// `f` over every item of `items` in order (given with its index), the
/// first half (by size) on this thread and the second on another when
/// there are at least `min` items; each thread with its own `ctx`, joined
/// in order. Each half has a state of its own for `f` too, handed to
/// `finish` on the same thread and returned in order.
pub fn in_halves<'s, C: Fork, T: Send, S: Default + Send>(
    ctx: &mut C,
    items: &[&'s str],
    min: usize,
    f: impl Fn(&mut C, &mut S, usize, &'s str) -> Option<T> + Sync,
    finish: impl Fn(&mut S) + Sync,
) -> (Vec<T>, Vec<S>) {
    let run = |ctx: &mut C, from: usize, items: &[&'s str]| -> (Vec<T>, S) {
        let mut state = S::default();
        let out = items.iter().enumerate().filter_map(|(i, item)| f(ctx, &mut state, from + i, item)).collect();
        finish(&mut state);
        (out, state)
    };
    if items.len() < min || !two_cores() {
        let (out, state) = run(ctx, 0, items);
        return (out, vec![state]);
    }
    // Items differ in size by orders of magnitude (a 5 MB document, an
    // entity with 80,000 mentions): halves are made by bytes, not by count.
    let total: usize = items.iter().map(|r| r.len()).sum();
    let mut seen = 0;
    let mid = items
        .iter()
        .position(|r| {
            seen += r.len();
            seen >= total / 2
        })
        .map_or(items.len(), |i| i + 1)
        .min(items.len() - 1);
    let mut their_ctx = ctx.fork();
    let ((mut first, mine), ((second, theirs), their_ctx)) =
        both(C::PANICKED, || run(ctx, 0, &items[..mid]), || (run(&mut their_ctx, mid, &items[mid..]), their_ctx));
    first.extend(second);
    ctx.join(their_ctx);
    (first, vec![mine, theirs])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A state that records which items each thread saw.
    struct Seen(Vec<usize>);

    impl Fork for Seen {
        const PANICKED: &'static str = "a test thread panicked";

        fn fork(&self) -> Seen {
            Seen(Vec::new())
        }

        fn join(&mut self, other: Seen) {
            self.0.extend(other.0);
        }
    }

    #[test]
    fn items_mapped_on_two_threads_come_back_in_order() {
        // The first item is slow, so the other thread most likely finishes
        // later items first; they come back in order all the same.
        for n in [0, 1, 2, 3, 63, 64, 65, 1000, 5000] {
            let items: Vec<usize> = (0..n).collect();
            let out = map_in_order(&items, |&i| {
                if i == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                i * 2
            });
            assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>(), "{n} items");
        }
    }

    #[test]
    fn halves_keep_the_order_of_items_and_of_what_each_thread_saw() {
        let items: Vec<String> = (0..100).map(|i| "x".repeat(1 + i % 7)).collect();
        let items: Vec<&str> = items.iter().map(String::as_str).collect();
        let mut seen = Seen(Vec::new());
        let (out, parts) = in_halves(
            &mut seen,
            &items,
            10,
            |ctx: &mut Seen, count: &mut usize, i, item| {
                ctx.0.push(i);
                *count += 1;
                (i % 3 != 0).then_some((i, item.len()))
            },
            |_| {},
        );
        let expected: Vec<(usize, usize)> = (0..100).filter(|i| i % 3 != 0).map(|i| (i, 1 + i % 7)).collect();
        assert_eq!(out, expected);
        assert_eq!(seen.0, (0..100).collect::<Vec<_>>());
        assert_eq!(parts.iter().sum::<usize>(), 100);
        assert_eq!(parts.len(), if two_cores() { 2 } else { 1 });
    }

    #[test]
    fn beside_joins_the_other_threads_state_after_this_ones() {
        let mut seen = Seen(vec![0]);
        let (a, b) = beside(
            &mut seen,
            |ctx| {
                ctx.0.push(1);
                "mine"
            },
            |ctx| {
                ctx.0.push(2);
                "theirs"
            },
        );
        assert_eq!((a, b), ("mine", "theirs"));
        assert_eq!(seen.0, [0, 1, 2]);
    }
}
