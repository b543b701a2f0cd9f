//! Listeners, one thread per connection, routing to the endpoint or the control requests.

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

use rustls::{ServerConfig, ServerConnection, StreamOwned};

use crate::fixture::{DEFAULT_FIXTURE, Fixture};
use crate::http::{ReadError, Request, RequestReader, Response};
use crate::provider::{EndpointRequest, Provider, Reply};
use crate::record::{Invitation, RecordedRequest, Recorder, Stats};
use crate::vectors::Vectors;
use crate::{ENDPOINT_PATH, SandboxConfig};

/// Long enough for any test pause, short enough that abandoned keep-alive connections (and
/// their threads) do not pile up during a long benchmark.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
const CONTROL_PREFIX: &str = "/_sandbox/";

struct Shared {
    provider: Provider,
    recorder: Recorder,
    ca_pem: String,
    stopping: AtomicBool,
    /// Clones of the open sockets, so that dropping the sandbox can end their conversations.
    open: Mutex<HashMap<u64, TcpStream>>,
    next_connection: AtomicU64,
}

/// A running emulator. Dropping it stops accepting and closes the open connections.
pub struct Sandbox {
    shared: Arc<Shared>,
    https_addr: SocketAddr,
    plain_addr: Option<SocketAddr>,
    acceptors: Vec<(SocketAddr, JoinHandle<()>)>,
}

fn invalid_data(why: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, why)
}

impl Sandbox {
    /// Generates a CA and server certificate, binds 127.0.0.1 and starts serving.
    pub fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        let fixture_text = match &config.fixture {
            Some(path) => std::fs::read_to_string(path)?,
            None => DEFAULT_FIXTURE.to_string(),
        };
        let fixture = Fixture::parse(&fixture_text).map_err(invalid_data)?;
        let vectors = match &config.vectors {
            Some(path) => Vectors::parse(&std::fs::read_to_string(path)?).map_err(invalid_data)?,
            None => Vectors::default(),
        };
        let identity = crate::tls::generate()?;

        let https_listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port))?;
        let https_addr = https_listener.local_addr()?;
        let plain_listener = if config.plain_http {
            Some(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?)
        } else {
            None
        };
        let plain_addr = plain_listener
            .as_ref()
            .map(TcpListener::local_addr)
            .transpose()?;

        let shared = Arc::new(Shared {
            provider: Provider {
                credentials: config.credentials,
                fixture,
                vectors,
                slow: config.slow,
                https_port: https_addr.port(),
            },
            recorder: Recorder::default(),
            ca_pem: identity.ca_pem,
            stopping: AtomicBool::new(false),
            open: Mutex::new(HashMap::new()),
            next_connection: AtomicU64::new(0),
        });
        // Best effort: the same port on [::1] too, so that `localhost` (the redirect order's
        // target, which may resolve to ::1 first) reaches this sandbox and not a refusal.
        let https_v6_listener = TcpListener::bind((Ipv6Addr::LOCALHOST, https_addr.port())).ok();
        let tls = Some(identity.server_config);
        let mut acceptors = vec![(
            https_addr,
            spawn_acceptor(shared.clone(), https_listener, tls.clone())?,
        )];
        if let Some(listener) = https_v6_listener {
            let addr = listener.local_addr()?;
            acceptors.push((addr, spawn_acceptor(shared.clone(), listener, tls)?));
        }
        if let (Some(listener), Some(addr)) = (plain_listener, plain_addr) {
            acceptors.push((addr, spawn_acceptor(shared.clone(), listener, None)?));
        }
        Ok(Sandbox {
            shared,
            https_addr,
            plain_addr,
            acceptors,
        })
    }

    /// `https://127.0.0.1:PORT/products/`: append `!ResendInvitationEmailSMIME` for the endpoint.
    pub fn base_url(&self) -> String {
        format!("https://{}/products/", self.https_addr)
    }

    /// `http://127.0.0.1:PORT/products/` when started with `plain_http`, to exercise `-1`.
    pub fn plain_base_url(&self) -> Option<String> {
        self.plain_addr
            .map(|addr| format!("http://{addr}/products/"))
    }

    pub fn https_addr(&self) -> SocketAddr {
        self.https_addr
    }

    pub fn plain_addr(&self) -> Option<SocketAddr> {
        self.plain_addr
    }

    /// The CA certificate (PEM) that signed the server certificate; trust it to connect.
    pub fn ca_pem(&self) -> String {
        self.shared.ca_pem.clone()
    }

    pub fn invitations(&self) -> Vec<Invitation> {
        self.shared.recorder.invitations()
    }

    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.recorder.requests()
    }

    pub fn stats(&self) -> Stats {
        self.shared.recorder.stats()
    }

    /// Forgets invitations and recorded requests; the connection counters keep running.
    pub fn reset(&self) {
        self.shared.recorder.reset();
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        for (addr, acceptor) in self.acceptors.drain(..) {
            // `accept` has no timeout: a connection of our own wakes it to see the flag. If even
            // that fails the thread is left blocked rather than hanging the drop.
            if TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_ok() {
                let _ = acceptor.join();
            }
        }
        let open = self
            .shared
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for stream in open.values() {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

fn spawn_acceptor(
    shared: Arc<Shared>,
    listener: TcpListener,
    tls: Option<Arc<ServerConfig>>,
) -> io::Result<JoinHandle<()>> {
    thread::Builder::new()
        .name("sandbox-accept".into())
        .spawn(move || {
            for stream in listener.incoming() {
                if shared.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else {
                    // Out of file descriptors or similar: back off instead of spinning.
                    thread::sleep(Duration::from_millis(10));
                    continue;
                };
                shared.recorder.connection();
                let shared = shared.clone();
                let tls = tls.clone();
                // If no thread can be had, the stream is dropped: the client sees a reset.
                let _ = thread::Builder::new()
                    .name("sandbox-conn".into())
                    .spawn(move || serve_connection(&shared, stream, tls));
            }
        })
}

/// The socket under a stream, for the things HTTP-level code cannot do (abort on purpose).
trait Transport: Read + Write {
    fn tcp(&self) -> &TcpStream;
    /// Ends the stream cleanly (TLS close_notify) before the socket closes.
    fn finish(&mut self) {}
}

impl Transport for TcpStream {
    fn tcp(&self) -> &TcpStream {
        self
    }
}

impl Transport for StreamOwned<ServerConnection, TcpStream> {
    fn tcp(&self) -> &TcpStream {
        &self.sock
    }

    fn finish(&mut self) {
        self.conn.send_close_notify();
        let _ = self.flush();
    }
}

fn serve_connection(shared: &Shared, tcp: TcpStream, tls: Option<Arc<ServerConfig>>) {
    if tcp.set_read_timeout(Some(IDLE_TIMEOUT)).is_err()
        || tcp.set_write_timeout(Some(WRITE_TIMEOUT)).is_err()
    {
        return;
    }
    // Small request/response exchanges: Nagle would only add latency.
    let _ = tcp.set_nodelay(true);
    let id = shared.next_connection.fetch_add(1, Ordering::Relaxed);
    if let Ok(clone) = tcp.try_clone() {
        shared
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(id, clone);
    }
    match tls {
        Some(config) => {
            if let Ok(connection) = ServerConnection::new(config) {
                let mut stream = StreamOwned::new(connection, tcp);
                if handshake(&mut stream).is_ok() {
                    shared.recorder.tls_handshake();
                    serve_http(shared, &mut stream, true);
                }
            }
        }
        None => {
            let mut stream = tcp;
            serve_http(shared, &mut stream, false);
        }
    }
    shared
        .open
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .remove(&id);
}

/// Completed explicitly (rather than lazily on first read) so that handshakes can be counted.
fn handshake(stream: &mut StreamOwned<ServerConnection, TcpStream>) -> io::Result<()> {
    while stream.conn.is_handshaking() {
        stream.conn.complete_io(&mut stream.sock)?;
    }
    Ok(())
}

fn serve_http(shared: &Shared, stream: &mut impl Transport, https: bool) {
    let mut reader = RequestReader::default();
    loop {
        // Control requests tolerate a POST without Content-Length (`curl -X POST .../reset`).
        let request = match reader.read(stream, |path| path.starts_with(CONTROL_PREFIX)) {
            Ok(Some(request)) => request,
            Ok(None) | Err(ReadError::Closed) => return,
            Err(ReadError::Reject(response)) => {
                shared.recorder.http_request();
                let _ = response.write_to(stream, false, false);
                stream.finish();
                return;
            }
        };
        let keep_alive = request.keep_alive() && !shared.stopping.load(Ordering::SeqCst);
        // A HEAD answer carries the head only; a body would desynchronise a keep-alive client.
        let head_only = request.method == "HEAD";
        let reply = route(shared, &request, https);
        let written = match reply {
            Reply::Respond { response, .. } => response.write_to(stream, keep_alive, head_only),
            Reply::Delayed {
                delay, response, ..
            } => {
                thread::sleep(delay);
                response.write_to(stream, keep_alive, head_only)
            }
            Reply::Truncated {
                response,
                declared_len,
            } => {
                // Headers promise more than is sent, then the socket closes without a TLS
                // close_notify: what a crashed server or a cut connection looks like.
                let mut bytes = response.head(declared_len, false);
                bytes.extend_from_slice(&response.body);
                let _ = stream.write_all(&bytes).and_then(|()| stream.flush());
                let _ = stream.tcp().shutdown(Shutdown::Both);
                return;
            }
        };
        if written.is_err() {
            return;
        }
        if !keep_alive {
            stream.finish();
            let _ = stream.tcp().shutdown(Shutdown::Write);
            return;
        }
    }
}

fn route(shared: &Shared, request: &Request, https: bool) -> Reply {
    let path = request.path();
    if path.starts_with(CONTROL_PREFIX) {
        return Reply::Respond {
            response: control(shared, request),
            code: None,
        };
    }
    shared.recorder.http_request();
    if path != ENDPOINT_PATH {
        return Reply::Respond {
            response: not_found(path),
            code: None,
        };
    }
    let content_type = request.header("content-type");
    let evaluation = shared.provider.evaluate(&EndpointRequest {
        https,
        method: &request.method,
        query: request.query(),
        content_type,
        body: &request.body,
    });
    if let Some(invitation) = evaluation.invitation {
        shared.recorder.invitation(invitation);
    }
    shared.recorder.request(RecordedRequest {
        method: request.method.clone(),
        target: request.target.clone(),
        content_type: content_type.map(str::to_string),
        form: evaluation.form,
        code: evaluation.reply.code(),
        https,
    });
    evaluation.reply
}

fn control(shared: &Shared, request: &Request) -> Response {
    let recorder = &shared.recorder;
    let json = |value: serde_json::Result<String>| match value {
        Ok(text) => Response::json(text),
        Err(error) => Response::text(500, format!("{error}\n")),
    };
    match (request.method.as_str(), request.path()) {
        ("GET", "/_sandbox/invitations") => {
            let lines: String = recorder
                .invitations()
                .iter()
                .map(|invitation| {
                    format!(
                        "{}\t{}\t{}\n",
                        invitation.order_number, invitation.login_name, invitation.unix_ms
                    )
                })
                .collect();
            Response::text(200, lines)
        }
        ("GET", "/_sandbox/invitations.json") => {
            json(serde_json::to_string(&recorder.invitations()))
        }
        ("GET", "/_sandbox/requests.json") => json(serde_json::to_string(&recorder.requests())),
        ("GET", "/_sandbox/stats") => json(serde_json::to_string(&recorder.stats())),
        ("GET", "/_sandbox/ca.pem") => {
            Response::new(200, "application/x-pem-file", shared.ca_pem.clone())
        }
        ("POST", "/_sandbox/reset") => {
            recorder.reset();
            Response::no_content()
        }
        (
            _,
            "/_sandbox/invitations"
            | "/_sandbox/invitations.json"
            | "/_sandbox/requests.json"
            | "/_sandbox/stats"
            | "/_sandbox/ca.pem"
            | "/_sandbox/reset",
        ) => Response::text(405, "Method not allowed.\n"),
        (_, path) => not_found(path),
    }
}

fn not_found(path: &str) -> Response {
    // The path is echoed HTML-escaped; it is the likeliest clue (`%21` instead of `!`).
    let escaped = path
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    Response::new(
        404,
        "text/html; charset=utf-8",
        format!(
            "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head>\n<body><h1>Not Found</h1><p>No resource at <code>{escaped}</code>. The endpoint is <code>{ENDPOINT_PATH}</code>, with a literal <code>!</code>.</p></body></html>\n"
        ),
    )
}
