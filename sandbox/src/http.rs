//! Just enough HTTP/1.1 for one form POST endpoint and a few control requests: request line,
//! headers, a Content-Length body, keep-alive. Written by hand (no hyper, no tokio) so the
//! sandbox stays small, synchronous and easy to make misbehave on purpose (the fault orders need
//! to write broken responses that a full HTTP library would refuse to produce).

use std::io::{self, Read, Write};

/// The request line plus headers; generous for any real client, small enough to bound memory.
pub(crate) const MAX_HEAD_BYTES: usize = 16 * 1024;
/// The endpoint's largest legitimate form is well under 1 KiB, even fully percent-encoded.
pub(crate) const MAX_BODY_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub method: String,
    pub target: String,
    pub http_1_0: bool,
    /// Names lower-cased (HTTP header names are case-insensitive), values as sent.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(candidate, _)| candidate == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn path(&self) -> &str {
        self.target
            .split_once('?')
            .map_or(&self.target, |(path, _)| path)
    }

    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, query)| query)
    }

    /// HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 closes unless asked.
    pub fn keep_alive(&self) -> bool {
        let connection = self.header("connection").unwrap_or("").to_ascii_lowercase();
        let has = |token: &str| connection.split(',').any(|part| part.trim() == token);
        if self.http_1_0 {
            has("keep-alive")
        } else {
            !has("close")
        }
    }
}

/// Why no request could be read. `Reject` is answered with its status, then the connection is
/// closed (the stream may be out of step with the client after a framing error).
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Idle timeout, reset, TLS failure or EOF mid-request: nothing sensible to answer.
    Closed,
    Reject(Response),
}

impl From<io::Error> for ReadError {
    fn from(_: io::Error) -> Self {
        ReadError::Closed
    }
}

/// Reads requests from one connection, keeping bytes that arrived beyond the current request
/// (a pipelining client) for the next one.
#[derive(Default)]
pub(crate) struct RequestReader {
    buffer: Vec<u8>,
}

fn reject(status: u16, why: &str) -> ReadError {
    ReadError::Reject(Response::text(status, format!("{why}\n")))
}

/// Where the blank line ending the head is: `(head_len, body_start)`. Bare LF line endings are
/// tolerated, as most servers do.
fn find_head_end(buffer: &[u8]) -> Option<(usize, usize)> {
    let mut line_start = 0;
    for (index, &byte) in buffer.iter().enumerate() {
        if byte == b'\n' {
            let line = &buffer[line_start..index];
            if line.is_empty() || line == b"\r" {
                return Some((line_start, index + 1));
            }
            line_start = index + 1;
        }
    }
    None
}

impl RequestReader {
    /// `Ok(None)` when the client closed the connection cleanly between requests.
    pub fn read<S: Read + Write>(
        &mut self,
        stream: &mut S,
        lenient_length: impl Fn(&str) -> bool,
    ) -> Result<Option<Request>, ReadError> {
        let (head_len, body_start) = loop {
            if let Some(found) = find_head_end(&self.buffer) {
                break found;
            }
            if self.buffer.len() > MAX_HEAD_BYTES {
                return Err(reject(431, "Request header fields too large."));
            }
            let mut chunk = [0u8; 8192];
            let read = stream.read(&mut chunk)?;
            if read == 0 {
                if self.buffer.iter().all(u8::is_ascii_whitespace) {
                    return Ok(None);
                }
                return Err(ReadError::Closed);
            }
            self.buffer.extend_from_slice(&chunk[..read]);
        };
        if head_len > MAX_HEAD_BYTES {
            return Err(reject(431, "Request header fields too large."));
        }
        let head = String::from_utf8_lossy(&self.buffer[..head_len]).into_owned();
        // RFC 9112 asks servers to ignore empty lines before a request line.
        let mut lines = head
            .split('\n')
            .map(|line| line.strip_suffix('\r').unwrap_or(line))
            .skip_while(|line| line.is_empty());
        let request_line = lines.next().unwrap_or("");
        let mut parts = request_line.split(' ');
        let (Some(method), Some(target), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(reject(400, "Malformed request line."));
        };
        let http_1_0 = match version {
            "HTTP/1.1" => false,
            "HTTP/1.0" => true,
            _ => return Err(reject(505, "Only HTTP/1.1 and HTTP/1.0 are supported.")),
        };
        if method.is_empty() || target.is_empty() {
            return Err(reject(400, "Malformed request line."));
        }
        let mut headers = Vec::new();
        for line in lines.filter(|line| !line.is_empty()) {
            let Some((name, value)) = line.split_once(':') else {
                return Err(reject(400, "Malformed header line."));
            };
            if name.is_empty() || name.ends_with([' ', '\t']) {
                return Err(reject(400, "Malformed header name."));
            }
            headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
        }
        let mut request = Request {
            method: method.to_string(),
            target: target.to_string(),
            http_1_0,
            headers,
            body: Vec::new(),
        };

        if request.header("transfer-encoding").is_some() {
            return Err(reject(
                411,
                "Transfer-Encoding is not supported; send the body with a Content-Length.",
            ));
        }
        let lengths: Vec<&str> = request
            .headers
            .iter()
            .filter(|(name, _)| name == "content-length")
            .map(|(_, value)| value.as_str())
            .collect();
        let body_len = match lengths.as_slice() {
            [] if request.method == "POST" && !lenient_length(request.path()) => {
                return Err(reject(411, "A POST needs a Content-Length."));
            }
            [] => 0,
            [first, rest @ ..] if rest.iter().all(|other| other == first) => {
                if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(reject(400, "Invalid Content-Length."));
                }
                first
                    .parse::<usize>()
                    .map_err(|_| reject(413, "Request body too large."))?
            }
            _ => return Err(reject(400, "Conflicting Content-Length headers.")),
        };
        if body_len > MAX_BODY_BYTES {
            return Err(reject(413, "Request body too large."));
        }

        let buffered = self.buffer.len() - body_start;
        if body_len > buffered
            && request
                .header("expect")
                .is_some_and(|expect| expect.eq_ignore_ascii_case("100-continue"))
        {
            // curl asks before sending larger bodies; without this it waits a second first.
            stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
            stream.flush()?;
        }
        while self.buffer.len() - body_start < body_len {
            let mut chunk = [0u8; 8192];
            let read = stream.read(&mut chunk)?;
            if read == 0 {
                return Err(ReadError::Closed);
            }
            self.buffer.extend_from_slice(&chunk[..read]);
        }
        request.body = self.buffer[body_start..body_start + body_len].to_vec();
        self.buffer.drain(..body_start + body_len);
        Ok(Some(request))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

pub(crate) const TEXT_PLAIN: &str = "text/plain; charset=utf-8";

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".to_string(), content_type.to_string())],
            body: body.into(),
        }
    }

    pub fn text(status: u16, body: impl Into<Vec<u8>>) -> Response {
        Response::new(status, TEXT_PLAIN, body)
    }

    pub fn json(body: String) -> Response {
        Response::new(200, "application/json", body)
    }

    pub fn no_content() -> Response {
        Response {
            status: 204,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn with_header(mut self, name: &str, value: String) -> Response {
        self.headers.push((name.to_string(), value));
        self
    }

    /// The status line and headers; `content_length` is separate so that a fault order can
    /// announce more bytes than it sends.
    pub fn head(&self, content_length: usize, keep_alive: bool) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if self.status != 204 {
            head.push_str(&format!("Content-Length: {content_length}\r\n"));
        }
        head.push_str("Server: sectigo-sps-sandbox\r\n");
        if !keep_alive {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        head.into_bytes()
    }

    pub fn write_to(
        &self,
        stream: &mut impl Write,
        keep_alive: bool,
        head_only: bool,
    ) -> io::Result<()> {
        // One buffer, one write: a TLS stream then sends as few records as it can.
        let mut bytes = self.head(self.body.len(), keep_alive);
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        stream.write_all(&bytes)?;
        stream.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;

    /// A scripted client: each read returns (at most) the next chunk, writes are collected.
    struct Duplex {
        chunks: VecDeque<Vec<u8>>,
        output: Vec<u8>,
    }

    impl Read for Duplex {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some(mut chunk) = self.chunks.pop_front() else {
                return Ok(0);
            };
            let n = chunk.len().min(buf.len());
            buf[..n].copy_from_slice(&chunk[..n]);
            if n < chunk.len() {
                self.chunks.push_front(chunk.split_off(n));
            }
            Ok(n)
        }
    }

    impl Write for Duplex {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.output.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn duplex(input: &[u8]) -> Duplex {
        chunked(&[input])
    }

    fn chunked(chunks: &[&[u8]]) -> Duplex {
        Duplex {
            chunks: chunks.iter().map(|chunk| chunk.to_vec()).collect(),
            output: Vec::new(),
        }
    }

    fn rejected_status(result: Result<Option<Request>, ReadError>) -> u16 {
        match result {
            Err(ReadError::Reject(response)) => response.status,
            other => panic!("expected a rejection, got {other:?}"),
        }
    }

    #[test]
    fn reads_pipelined_requests_in_order() {
        let mut stream = duplex(
            b"POST /a?x=1 HTTP/1.1\r\nContent-Length: 3\r\nHost: h\r\n\r\nabcGET /b HTTP/1.0\n\n",
        );
        let mut reader = RequestReader::default();
        let first = reader.read(&mut stream, |_| false).unwrap().unwrap();
        assert_eq!(first.method, "POST");
        assert_eq!(first.path(), "/a");
        assert_eq!(first.query(), Some("x=1"));
        assert_eq!(first.header("host"), Some("h"));
        assert_eq!(first.body, b"abc");
        assert!(first.keep_alive());
        let second = reader.read(&mut stream, |_| false).unwrap().unwrap();
        assert_eq!(second.target, "/b");
        assert!(!second.keep_alive());
        assert!(reader.read(&mut stream, |_| false).unwrap().is_none());
    }

    #[test]
    fn framing_errors_are_rejected() {
        let read = |input: &[u8]| RequestReader::default().read(&mut duplex(input), |_| false);
        assert_eq!(rejected_status(read(b"POST / HTTP/1.1\r\n\r\n")), 411);
        assert_eq!(
            rejected_status(read(
                b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            )),
            411
        );
        assert_eq!(
            rejected_status(read(b"POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")),
            400
        );
        assert_eq!(
            rejected_status(read(
                b"POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"
            )),
            400
        );
        assert_eq!(
            rejected_status(read(b"POST / HTTP/1.1\r\nContent-Length: 999999\r\n\r\n")),
            413
        );
        assert_eq!(rejected_status(read(b"GET / HTTP/2.0\r\n\r\n")), 505);
        assert_eq!(rejected_status(read(b"GET /\r\n\r\n")), 400);
        let huge = format!(
            "GET / HTTP/1.1\r\nX: {}\r\n\r\n",
            "a".repeat(MAX_HEAD_BYTES)
        );
        assert_eq!(rejected_status(read(huge.as_bytes())), 431);
        // A POST to a lenient path without a length has an empty body.
        let lenient = RequestReader::default()
            .read(&mut duplex(b"POST /r HTTP/1.1\r\n\r\n"), |_| true)
            .unwrap()
            .unwrap();
        assert!(lenient.body.is_empty());
    }

    #[test]
    fn answers_expect_continue_before_reading_the_body() {
        let mut stream = chunked(&[
            b"POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n",
            b"hi",
        ]);
        let request = RequestReader::default()
            .read(&mut stream, |_| false)
            .unwrap()
            .unwrap();
        assert_eq!(request.body, b"hi");
        assert_eq!(stream.output, b"HTTP/1.1 100 Continue\r\n\r\n");
    }

    #[test]
    fn writes_length_and_connection_headers() {
        let response = Response::text(200, "0\n");
        let mut out = Vec::new();
        response.write_to(&mut out, false, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("Content-Type: text/plain; charset=utf-8\r\n"));
        assert!(text.contains("Content-Length: 2\r\n"));
        assert!(text.contains("Connection: close\r\n"));
        assert!(text.ends_with("\r\n\r\n0\n"));
    }
}
