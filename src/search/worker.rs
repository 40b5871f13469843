//! Running the filter off the UI thread, a newer query cancelling an older one.

use super::Scope;
use super::headline::{FilterCache, FilterResult, HeadlineIndex};
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

struct Request {
    generation: u64,
    query: String,
    scope: Scope,
}

/// A thread that filters the index for the newest query only.
///
/// [`submit`](FilterWorker::submit) never blocks: it bumps a shared generation
/// counter, which the pass in progress checks between chunks of headlines and
/// abandons, and queues the query. The worker skips queries already
/// superseded, keeps a [`FilterCache`] so that typing one more character only
/// re-matches the previous matches, and sends each completed pass on the
/// channel returned by [`spawn`](FilterWorker::spawn).
pub struct FilterWorker {
    generation: Arc<AtomicU64>,
    requests: Option<Sender<Request>>,
    thread: Option<JoinHandle<()>>,
}

impl FilterWorker {
    /// Starts the worker; each reply carries the best `limit` hits.
    pub fn spawn(index: Arc<HeadlineIndex>, limit: usize) -> (FilterWorker, Receiver<FilterReply>) {
        let generation = Arc::new(AtomicU64::new(0));
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, replies) = mpsc::channel();
        let current = Arc::clone(&generation);
        let thread = std::thread::Builder::new()
            .name("kanbao-filter".into())
            .spawn(move || {
                let mut cache = FilterCache::default();
                while let Ok(mut request) = inbox.recv() {
                    // Only the newest queued query matters.
                    while let Ok(newer) = inbox.try_recv() {
                        request = newer;
                    }
                    let cancel = || current.load(Ordering::Acquire) != request.generation;
                    if cancel() {
                        continue;
                    }
                    let result = index.filter_cached(
                        &request.query,
                        request.scope,
                        limit,
                        &mut cache,
                        &cancel,
                    );
                    if let Some(result) = result {
                        let reply = FilterReply {
                            generation: request.generation,
                            query: request.query,
                            scope: request.scope,
                            result,
                        };
                        if outbox.send(reply).is_err() {
                            break;
                        }
                    }
                }
            })
            .expect("spawn the filter thread");
        (
            FilterWorker {
                generation,
                requests: Some(requests),
                thread: Some(thread),
            },
            replies,
        )
    }

    /// Queues `query` and cancels any pass in progress; returns the query's
    /// generation, to match against [`FilterReply::generation`].
    pub fn submit(&self, query: &str, scope: Scope) -> u64 {
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        if let Some(requests) = &self.requests {
            // A closed channel means the worker is gone; there is nobody to
            // deliver to, so dropping the request is right.
            let _ = requests.send(Request {
                generation,
                query: query.to_string(),
                scope,
            });
        }
        generation
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
