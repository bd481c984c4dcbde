//! Work spread over the machine's cores, with results in the order of the
//! input whatever order the work finishes in.

use std::sync::Mutex;

/// `f` over every item, on as many threads as there are cores (one thread
/// when there is one core or one item). The result is in the items' order.
/// A panic in `f` is passed on to the caller.
pub fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if workers <= 1 {
        return items.into_iter().map(f).collect();
    }
    let queue = Mutex::new(items.into_iter().enumerate());
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        // a worker that panicked holding the lock poisons it: the others stop
                        let Some((i, item)) = queue.lock().ok().and_then(|mut q| q.next()) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        let mut all = Vec::new();
        for h in handles {
            match h.join() {
                Ok(part) => all.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..500).collect();
        // uneven work, so that items finish out of order
        let out = super::map(items.clone(), |i| {
            std::thread::sleep(std::time::Duration::from_micros((500 - i) % 7 * 50));
            i * 2
        });
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::map(Vec::<u8>::new(), |i| i).is_empty());
    }

    #[test]
    #[should_panic(expected = "item 3")]
    fn a_panic_reaches_the_caller() {
        super::map((0..8).collect(), |i: i32| if i == 3 { panic!("item 3") } else { i });
    }
}
