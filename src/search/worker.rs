//! Running the filter off the UI thread, a newer query cancelling an older one.

use super::Scope;
use super::headline::HeadlineIndex;
use super::rank::{FilterCache, FilterResult};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

/// One finished filter pass.
#[derive(Debug, Clone)]
pub struct FilterReply {
    /// The number [`FilterWorker::submit`] returned for this query; a reply
    /// whose generation is not the latest submitted is stale.
    pub generation: u64,
    pub query: String,
    pub scope: Scope,
    pub result: FilterResult,
}

enum Request {
    Filter {
        generation: u64,
        query: String,
        scope: Scope,
    },
    /// Filter this index from now on.
    Index(Arc<HeadlineIndex>),
}

/// A thread that filters the index for the newest query only.
///
/// [`submit`](FilterWorker::submit) never blocks: it bumps a shared generation
/// counter, which the pass in progress checks between chunks of headlines and
/// abandons, and queues the query. The worker skips queries already
/// superseded, keeps a [`FilterCache`] so that typing one more character only
/// re-matches the previous matches, and sends each completed pass on the
/// channel returned by [`spawn`](FilterWorker::spawn): the hits as soon as
/// they are known ([`HeadlineIndex::filter_hits`]), then, when some matches
/// were left to count, the same hits with the exact count.
pub struct FilterWorker {
    generation: Arc<AtomicU64>,
    requests: Option<Sender<Request>>,
    thread: Option<JoinHandle<()>>,
}

impl FilterWorker {
    /// Starts the worker; each reply carries the best `limit` hits.
    pub fn spawn(index: Arc<HeadlineIndex>, limit: usize) -> (FilterWorker, Receiver<FilterReply>) {
        let (outbox, replies) = mpsc::channel();
        let worker =
            FilterWorker::spawn_with(index, limit, move |reply| outbox.send(reply).is_ok());
        (worker, replies)
    }

    /// Starts the worker, handing each reply to `deliver` on the worker's
    /// thread (the reader sends it into the one channel its loop waits on,
    /// so a reply wakes the loop at once). `deliver` returns false when
    /// nobody listens any more, and the worker stops.
    pub fn spawn_with(
        index: Arc<HeadlineIndex>,
        limit: usize,
        deliver: impl Fn(FilterReply) -> bool + Send + 'static,
    ) -> FilterWorker {
        let generation = Arc::new(AtomicU64::new(0));
        let (requests, inbox) = mpsc::channel::<Request>();
        let current = Arc::clone(&generation);
        let thread = std::thread::Builder::new()
            .name("kanbao-filter".into())
            .spawn(move || {
                let mut index = index;
                let mut cache = FilterCache::default();
                while let Ok(first) = inbox.recv() {
                    // Only the newest queued query matters; every new index does.
                    let mut newest = None;
                    for request in std::iter::once(first).chain(inbox.try_iter()) {
                        match request {
                            Request::Index(new) => {
                                index = new;
                                cache = FilterCache::default();
                            }
                            filter => newest = Some(filter),
                        }
                    }
                    let Some(Request::Filter {
                        generation,
                        query,
                        scope,
                    }) = newest
                    else {
                        continue;
                    };
                    let cancel = || current.load(Ordering::Acquire) != generation;
                    if cancel() {
                        continue;
                    }
                    // The hits at once; the count of every match after them,
                    // unless a newer query comes first.
                    let Some(mut result) =
                        index.filter_hits(&query, scope, limit, &mut cache, &cancel)
                    else {
                        continue;
                    };
                    let pending = result.pending > 0;
                    let reply = FilterReply {
                        generation,
                        query: query.clone(),
                        scope,
                        result: result.clone(),
                    };
                    if !deliver(reply) {
                        break;
                    }
                    if !pending {
                        continue;
                    }
                    let Some(total) = index.count_pending(&mut cache, &cancel) else {
                        continue;
                    };
                    (result.total, result.pending) = (total, 0);
                    let reply = FilterReply {
                        generation,
                        query,
                        scope,
                        result,
                    };
                    if !deliver(reply) {
                        break;
                    }
                }
            })
            .expect("spawn the filter thread");
        FilterWorker {
            generation,
            requests: Some(requests),
            thread: Some(thread),
        }
    }

    /// Queues `query` and cancels any pass in progress; returns the query's
    /// generation, to match against [`FilterReply::generation`].
    pub fn submit(&self, query: &str, scope: Scope) -> u64 {
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        if let Some(requests) = &self.requests {
            // A closed channel means the worker is gone; there is nobody to
            // deliver to, so dropping the request is right.
            let _ = requests.send(Request::Filter {
                generation,
                query: query.to_string(),
                scope,
            });
        }
        generation
    }

    /// Filters `index` from the next query on (the same headlines, some
    /// texts corrected: entries keep their numbers).
    pub fn set_index(&self, index: Arc<HeadlineIndex>) {
        if let Some(requests) = &self.requests {
            let _ = requests.send(Request::Index(index));
        }
    }

    /// The generation of the newest submitted query.
    pub fn latest(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }
}

impl Drop for FilterWorker {
    fn drop(&mut self) {
        // Cancel the pass in progress, close the queue, wait for the thread.
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.requests.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
