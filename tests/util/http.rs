//! A raw HTTP/1.1 client over `std::net::TcpStream` (the request target is
//! bytes: invalid UTF-8 and huge URLs can be sent as they are), and a
//! guard that runs `yuanwen serve` and kills it on drop.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server answered.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    /// Names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first header of that name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON (panics, with the body, if it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("status {}: body is not JSON ({e}): {}", self.status, self.text()))
    }
}

/// `GET target` (the path and query, as bytes).
pub fn get(addr: SocketAddr, target: &[u8], headers: &[(&str, &str)]) -> Response {
    request(addr, "GET", target, headers)
}

/// `method target` with `headers` (a `Host: 127.0.0.1:PORT` is added unless
/// one is given; the connection is closed after the answer). Panics if the
/// server closes the connection without an answer.
pub fn request(addr: SocketAddr, method: &str, target: &[u8], headers: &[(&str, &str)]) -> Response {
    try_request(addr, method, target, headers).unwrap_or_else(|e| {
        panic!("{method} {}: no HTTP answer: {e}", String::from_utf8_lossy(&target[..target.len().min(200)]))
    })
}

/// As `request`, but an error if no HTTP answer came (connection refused,
/// reset or closed before a status line).
pub fn try_request(
    addr: SocketAddr,
    method: &str,
    target: &[u8],
    headers: &[(&str, &str)],
) -> std::io::Result<Response> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(10))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    stream.set_write_timeout(Some(Duration::from_secs(60)))?;
    let mut head = Vec::with_capacity(target.len() + 256);
    head.extend_from_slice(method.as_bytes());
    head.push(b' ');
    head.extend_from_slice(target);
    head.extend_from_slice(b" HTTP/1.1\r\n");
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
        head.extend_from_slice(format!("Host: {addr}\r\n").as_bytes());
    }
    for (name, value) in headers {
        head.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("connection")) {
        head.extend_from_slice(b"Connection: close\r\n");
    }
    if matches!(method, "POST" | "PUT" | "PATCH")
        && !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-length"))
    {
        head.extend_from_slice(b"Content-Length: 0\r\n");
    }
    head.extend_from_slice(b"\r\n");
    // The server may answer (and close) before reading a huge head: a write
    // error then is not the end, the answer may be waiting.
    let written = stream.write_all(&head).and_then(|()| stream.flush());
    let mut raw = Vec::new();
    let read = stream.read_to_end(&mut raw);
    if raw.is_empty() {
        return Err(match (written, read) {
            (Err(e), _) | (_, Err(e)) => e,
            _ => std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "closed without an answer"),
        });
    }
    parse(&raw, method == "HEAD")
}

/// Split a raw answer into status, headers and (de-chunked) body.
fn parse(raw: &[u8], head_only: bool) -> std::io::Result<Response> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| bad("no end of the head"))?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| bad(status_line))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &raw[end + 4..];
    let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    let body = if head_only {
        Vec::new()
    } else if chunked {
        dechunk(rest).ok_or_else(|| bad("bad chunked body"))?
    } else if let Some(len) = headers.iter().find(|(n, _)| n == "content-length").and_then(|(_, v)| v.parse().ok()) {
        rest.get(..len).ok_or_else(|| bad("body shorter than content-length"))?.to_vec()
    } else {
        rest.to_vec()
    };
    Ok(Response { status, headers, body })
}

fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let eol = rest.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&rest[..eol]).ok()?.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        rest = &rest[eol + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

/// `yuanwen serve`, running; killed when dropped.
pub struct Server {
    pub addr: SocketAddr,
    pub child: Child,
    /// Everything it printed on stderr so far.
    pub stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Run `yuanwen serve --corpus CORPUS --index INDEX --addr 127.0.0.1:0
    /// EXTRA…` and wait (60 s at most) for its "serving http://" line.
    pub fn start(corpus: &Path, index: &Path, extra_args: &[&str]) -> Server {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_yuanwen"));
        cmd.arg("serve").arg("--corpus").arg(corpus).arg("--index").arg(index);
        if !extra_args.iter().any(|a| *a == "--addr" || a.starts_with("--addr=")) {
            cmd.args(["--addr", "127.0.0.1:0"]);
        }
        cmd.args(extra_args).stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped());
        if let Some(dir) = corpus.parent() {
            cmd.current_dir(dir); // no yuanwen.toml of the machine is found
        }
        let mut child = cmd.spawn().expect("run yuanwen serve");
        let pipe = child.stderr.take().expect("stderr");
        let seen = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                log.lock().unwrap().push_str(&format!("{line}\n"));
                if let Some(rest) = line.split("serving http://").nth(1) {
                    let addr = rest.split('/').next().unwrap_or_default().parse::<SocketAddr>();
                    if let (Ok(addr), Some(tx)) = (addr, tx.take()) {
                        let _ = tx.send(addr);
                    }
                }
            }
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut server = Server { addr: ([127, 0, 0, 1], 0).into(), child, stderr: seen };
        loop {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(addr) => {
                    server.addr = addr;
                    return server;
                }
                Err(_) if Instant::now() > deadline => {
                    panic!("yuanwen serve did not say `serving http://` in 60 s; stderr:\n{}", server.stderr())
                }
                Err(_) => {
                    if let Ok(Some(status)) = server.child.try_wait() {
                        std::thread::sleep(Duration::from_millis(100)); // the last lines
                        panic!("yuanwen serve exited ({status}) before serving; stderr:\n{}", server.stderr());
                    }
                }
            }
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn get(&self, target: &str) -> Response {
        get(self.addr, target.as_bytes(), &[])
    }

    /// Its stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Still running?
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
