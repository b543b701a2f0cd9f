//! Rust rows of bench/run.sh. Every mode prints one JSON line on stdout.
//!
//! sectigo-sps-bench calls   URL CA N           N calls on one client (row 1)
//! sectigo-sps-bench startup URL CA REPEATS     client build time with and without the system
//!                                              trust store, first call versus later calls
//! sectigo-sps-bench flood   URL CA THREADS SECONDS   one client per thread, as fast as possible
//!                                              (the sandbox's floor when wrk is not installed)

use std::process::exit;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use sectigo_sps::{Client, Credentials, ProxySetting};

const LOGIN: &str = "sandbox-user";
const PASSWORD: &str = "s3cr&t=p%+ss word";
const ORDER: &str = "1000001";

fn client(url: &str, ca_pem: &[u8], system_roots: bool) -> Client {
    Client::builder()
        .endpoint(url)
        .add_root_certificates_pem(ca_pem.to_vec())
        .use_system_roots(system_roots)
        .proxy(ProxySetting::None)
        .build()
        .unwrap_or_else(|error| die(&format!("client: {error}")))
}

fn die(text: &str) -> ! {
    eprintln!("sectigo-sps-bench: {text}");
    exit(1)
}

fn call(client: &Client, credentials: &Credentials) {
    if let Err(error) = client.resend_invitation_email_smime(credentials, ORDER) {
        die(&format!("call failed: {} {}", error.code(), error.message()))
    }
}

/// Peak resident memory of this process (VmHWM), in KiB.
fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn median_ns(mut values: Vec<u128>) -> u128 {
    values.sort_unstable();
    values[values.len() / 2]
}

fn join(values: &[u128]) -> String {
    values.iter().map(u128::to_string).collect::<Vec<_>>().join(",")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        die("usage: calls URL CA N | startup URL CA REPEATS | flood URL CA THREADS SECONDS");
    }
    let (url, ca_path) = (&args[2], &args[3]);
    let ca_pem = std::fs::read(ca_path).unwrap_or_else(|error| die(&format!("{ca_path}: {error}")));
    let number = |index: usize| -> u64 {
        args.get(index)
            .and_then(|text| text.parse().ok())
            .unwrap_or_else(|| die("a count must be a positive integer"))
    };
    let credentials = Credentials::new(LOGIN, PASSWORD);
    match args[1].as_str() {
        "calls" => {
            let n = number(4);
            let client = client(url, &ca_pem, false);
            let mut ns = Vec::with_capacity(n as usize);
            for _ in 0..n {
                let start = Instant::now();
                call(&client, &credentials);
                ns.push(start.elapsed().as_nanos());
            }
            println!("{{\"ns\":[{}],\"peak_rss_kib\":{}}}", join(&ns), peak_rss_kib());
        }
        "startup" => {
            let repeats = number(4);
            let mut with_system = Vec::new();
            let mut without_system = Vec::new();
            let mut first_call = Vec::new();
            let mut later_call = Vec::new();
            for _ in 0..repeats {
                let start = Instant::now();
                let built = client(url, &ca_pem, true);
                with_system.push(start.elapsed().as_nanos());
                drop(built);
                let start = Instant::now();
                let built = client(url, &ca_pem, false);
                without_system.push(start.elapsed().as_nanos());
                // A fresh client: its first call connects and handshakes, the next ones reuse.
                let start = Instant::now();
                call(&built, &credentials);
                first_call.push(start.elapsed().as_nanos());
                for _ in 0..5 {
                    let start = Instant::now();
                    call(&built, &credentials);
                    later_call.push(start.elapsed().as_nanos());
                }
            }
            println!(
                "{{\"build_with_system_roots_ns\":{},\"build_without_system_roots_ns\":{},\
                 \"first_call_ns\":{},\"later_call_ns\":{},\"repeats\":{repeats}}}",
                median_ns(with_system),
                median_ns(without_system),
                median_ns(first_call),
                median_ns(later_call),
            );
        }
        "flood" => {
            let threads = number(4);
            let seconds = number(5);
            let stop = Arc::new(AtomicBool::new(false));
            let done = Arc::new(AtomicU64::new(0));
            let start = Instant::now();
            let workers: Vec<_> = (0..threads)
                .map(|_| {
                    let (stop, done) = (stop.clone(), done.clone());
                    let client = client(url, &ca_pem, false);
                    let credentials = credentials.clone();
                    std::thread::spawn(move || {
                        while !stop.load(Ordering::Relaxed) {
                            call(&client, &credentials);
                            done.fetch_add(1, Ordering::Relaxed);
                        }
                    })
                })
                .collect();
            std::thread::sleep(Duration::from_secs(seconds));
            stop.store(true, Ordering::Relaxed);
            for worker in workers {
                let _ = worker.join();
            }
            let elapsed = start.elapsed().as_secs_f64();
            let calls = done.load(Ordering::Relaxed);
            println!(
                "{{\"tool\":\"sectigo-sps-bench flood\",\"threads\":{threads},\"calls\":{calls},\
                 \"seconds\":{elapsed:.3},\"calls_per_second\":{:.1}}}",
                calls as f64 / elapsed
            );
        }
        other => die(&format!("unknown mode {other}")),
    }
}
