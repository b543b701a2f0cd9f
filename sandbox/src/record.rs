//! What the sandbox saw and did, so tests can assert the effect (an invitation "sent", the exact
//! fields received) and not only the answer.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

/// An invitation email the emulated provider "sent".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invitation {
    pub order_number: String,
    pub login_name: String,
    /// When the request arrived, in milliseconds since the Unix epoch.
    pub unix_ms: u64,
}

/// One request to the endpoint path, as received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordedRequest {
    pub method: String,
    /// Path and query exactly as sent on the request line.
    pub target: String,
    pub content_type: Option<String>,
    /// The body's form fields, each decoded exactly once, in the order sent. Empty when the
    /// content type was not `application/x-www-form-urlencoded` (the provider ignores the body).
    pub form: Vec<(String, String)>,
    /// The status code answered in the body; `None` when the answer was not a provider verdict
    /// (a fault order's HTML page, garbage, truncation, redirect).
    pub code: Option<i64>,
    /// Whether the request came over TLS.
    pub https: bool,
}

/// Connection-level counters, for tests and benchmarks that check connection reuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Stats {
    /// TCP connections accepted, on both listeners.
    pub connections: u64,
    /// TLS handshakes completed (a resumed session counts too).
    pub tls_handshakes: u64,
    /// HTTP requests answered, except the sandbox's own `/_sandbox/` control requests (reading
    /// the statistics must not change them).
    pub requests: u64,
}

/// A benchmark may send millions of requests: keep only the most recent ones.
const RECORD_CAP: usize = 10_000;

#[derive(Default)]
pub(crate) struct Recorder {
    invitations: Mutex<VecDeque<Invitation>>,
    requests: Mutex<VecDeque<RecordedRequest>>,
    connections: AtomicU64,
    tls_handshakes: AtomicU64,
    http_requests: AtomicU64,
}

fn push_capped<T>(queue: &Mutex<VecDeque<T>>, item: T) {
    // A panicking connection thread must not make the record unreadable for everyone else.
    let mut queue = queue
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if queue.len() == RECORD_CAP {
        queue.pop_front();
    }
    queue.push_back(item);
}

fn snapshot<T: Clone>(queue: &Mutex<VecDeque<T>>) -> Vec<T> {
    let queue = queue
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    queue.iter().cloned().collect()
}

pub(crate) fn unix_ms_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis() as u64)
        .unwrap_or(0)
}

impl Recorder {
    pub fn invitation(&self, invitation: Invitation) {
        push_capped(&self.invitations, invitation);
    }

    pub fn request(&self, request: RecordedRequest) {
        push_capped(&self.requests, request);
    }

    pub fn connection(&self) {
        self.connections.fetch_add(1, Ordering::Relaxed);
    }

    pub fn tls_handshake(&self) {
        self.tls_handshakes.fetch_add(1, Ordering::Relaxed);
    }

    pub fn http_request(&self) {
        self.http_requests.fetch_add(1, Ordering::Relaxed);
    }

    pub fn invitations(&self) -> Vec<Invitation> {
        snapshot(&self.invitations)
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        snapshot(&self.requests)
    }

    pub fn stats(&self) -> Stats {
        Stats {
            connections: self.connections.load(Ordering::Relaxed),
            tls_handshakes: self.tls_handshakes.load(Ordering::Relaxed),
            requests: self.http_requests.load(Ordering::Relaxed),
        }
    }

    /// Clears what tests assert on between cases; the counters stay, since a benchmark reads
    /// them as running totals.
    pub fn reset(&self) {
        let mut invitations = self
            .invitations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        invitations.clear();
        drop(invitations);
        let mut requests = self
            .requests
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        requests.clear();
    }
}
