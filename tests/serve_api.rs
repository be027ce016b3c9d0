//! `yuanwen serve`: every endpoint and every error status, against a server
//! on an ephemeral loopback port.

use crate::util::TestEnv;
use crate::util::http::{Server, get, request};
use serde_json::Value;

/// The shipped corpus plus a Markdown file with sections, served.
fn served(extra: &[&str]) -> (TestEnv, Server) {
    let env = TestEnv::shipped();
    env.write(
        "notes/sections.md",
        "# 笔记\n\n## 甲\n\n工会甲段一。\n\n工会甲段二。\n\n## 乙\n\n工会乙段。\n\n衞生与衛生。\n",
    );
    let server = Server::start(&env.corpus(), &env.index_dir(), extra);
    (env, server)
}

fn ok(server: &Server, target: &str) -> Value {
    let r = server.get(target);
    assert_eq!(r.status, 200, "{target}: {}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"), "{target}");
    r.json()
}

/// The status and message of a failed request (the body is JSON error).
fn failed(server: &Server, method: &str, target: &[u8]) -> (u16, String) {
    let r = request(server.addr, method, target, &[]);
    let body = r.json();
    assert_eq!(body["error"]["status"].as_u64(), Some(u64::from(r.status)), "{body}");
    (r.status, body["error"]["message"].as_str().unwrap_or_default().to_string())
}

#[test]
fn search_gives_hits_counts_facets_and_forms() {
    let (_env, server) = served(&[]);
    let r = ok(&server, "/api/search?q=%E5%9B%BD%E9%99%85%E5%8A%B3%E5%B7%A5%E5%B1%80&limit=2"); // 国际劳工局
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    let passages = r["summary"]["passages"].as_u64().unwrap();
    assert!(passages >= 2 && r["summary"]["shown"] == 2, "{}", r["summary"]);
    for h in hits {
        assert_eq!(h["type"], "hit");
        assert!(h["query"].is_null(), "the query is given once, not per hit");
        let (s, e) =
            (h["highlights"][0][0].as_u64().unwrap() as usize, h["highlights"][0][1].as_u64().unwrap() as usize);
        let marked: String = h["snippet"].as_str().unwrap().chars().skip(s).take(e - s).collect();
        assert!("国际劳工局".contains(&marked) && !marked.is_empty(), "{marked}");
        assert!(h["file"].as_str().unwrap().ends_with(h["path"].as_str().unwrap()));
    }
    let facet_total: u64 = r["facets"]["files"].as_array().unwrap().iter().map(|f| f["places"].as_u64().unwrap()).sum();
    assert_eq!(facet_total, r["summary"]["places"].as_u64().unwrap());
    assert!(r["forms"].is_null() && r["query"]["groups"].is_array());
    // Paging: the second page starts where the first ended.
    let page2 = ok(&server, "/api/search?q=%E5%9B%BD%E9%99%85%E5%8A%B3%E5%B7%A5%E5%B1%80&limit=2&offset=2");
    assert_eq!(page2["hits"][0]["rank"], 3);
    // The written forms found, on asking: 衞 and 衛 both fold to 卫.
    let forms = ok(&server, "/api/search?q=%E5%8D%AB%E7%94%9F&forms=true")["forms"].clone(); // 卫生
    let written: Vec<&str> = forms.as_array().unwrap().iter().map(|f| f["written"].as_str().unwrap()).collect();
    assert!(written.contains(&"衞生") && written.contains(&"衛生"), "{forms}");
    // Exact: only the form typed.
    let exact = ok(&server, "/api/search?q=%E8%A1%9E%E7%94%9F&exact=true"); // 衞生
    assert_eq!(exact["summary"]["passages"], 1);
}

#[test]
fn file_and_section_filters_narrow_to_the_facet() {
    let (_env, server) = served(&[]);
    let all = ok(&server, "/api/search?q=%E5%B7%A5%E4%BC%9A&limit=1000"); // 工会
    let md = ok(&server, "/api/search?q=%E5%B7%A5%E4%BC%9A&file=notes/sections.md&limit=1000");
    let facet = all["facets"]["files"].as_array().unwrap().iter().find(|f| f["path"] == "notes/sections.md").cloned();
    assert_eq!(md["summary"]["places"], facet.unwrap()["places"]);
    assert!(md["hits"].as_array().unwrap().iter().all(|h| h["path"] == "notes/sections.md"));
    assert!(all["summary"]["passages"].as_u64() > md["summary"]["passages"].as_u64());
    let jia = ok(&server, "/api/search?q=%E5%B7%A5%E4%BC%9A&section=%E7%94%B2"); // section 甲
    let lines: Vec<u64> = jia["hits"].as_array().unwrap().iter().map(|h| h["line"].as_u64().unwrap()).collect();
    assert_eq!((lines.len(), jia["summary"]["passages"].as_u64()), (2, Some(2)), "{lines:?}");
    assert!(jia["hits"].as_array().unwrap().iter().all(|h| h["section"] == "甲"));
    // A file the index does not have: nothing, not an error.
    assert_eq!(ok(&server, "/api/search?q=%E5%B7%A5%E4%BC%9A&file=nope.txt")["summary"]["passages"], 0);
}

#[test]
fn passages_in_context_by_the_id_hits_give() {
    let (_env, server) = served(&[]);
    let hit = ok(&server, "/api/search?q=ICFTU&limit=1")["hits"][0].clone();
    let id = hit["passage_id"].as_str().unwrap();
    let read = ok(&server, &format!("/api/passage/{id}?context=2"));
    assert_eq!(read["passage"]["text"], hit["text"]);
    assert_eq!(read["passage"]["passage_id"], hit["passage_id"]);
    assert!(read["passage"]["translation"].is_string(), "the shipped corpus is translated");
    let (before, after) = (read["before"].as_array().unwrap(), read["after"].as_array().unwrap());
    assert!(before.len() <= 2 && after.len() <= 2 && !before.is_empty() || !after.is_empty());
    let p = hit["paragraph"].as_u64().unwrap();
    for (k, d) in before.iter().enumerate() {
        assert_eq!(d["paragraph"].as_u64().unwrap(), p - (before.len() - k) as u64);
    }
    for (k, d) in after.iter().enumerate() {
        assert_eq!(d["paragraph"].as_u64().unwrap(), p + 1 + k as u64);
    }
    // Concordance lines carry the same addresses.
    let kwic = ok(&server, "/api/kwic?q=ICFTU&width=5&limit=2");
    let line = &kwic["lines"][0];
    assert_eq!(
        ok(&server, &format!("/api/passage/{}?context=0", line["passage_id"].as_str().unwrap()))["passage"]["line"],
        line["line"]
    );
    // Unknown and malformed ids.
    assert_eq!(failed(&server, "GET", b"/api/passage/0000000000000000-1").0, 404);
    assert_eq!(failed(&server, "GET", format!("/api/passage/{id}9999999").as_bytes()).0, 404);
    for bad in ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "abc", "0000000000000000-x"] {
        let (status, message) = failed(&server, "GET", format!("/api/passage/{bad}").as_bytes());
        assert_eq!(status, 400, "{bad}: {message}");
    }
}

#[test]
fn kwic_pages_and_sorts() {
    let (_env, server) = served(&[]);
    let all = ok(&server, "/api/kwic?q=%E5%B7%A5%E4%BC%9A&width=4&limit=10000");
    let total = all["total"].as_u64().unwrap();
    assert_eq!(all["lines"].as_array().unwrap().len() as u64, total);
    assert!(total > 10 && all["lines"].as_array().unwrap().iter().all(|l| l["keyword"] == "工会"));
    let page = ok(&server, "/api/kwic?q=%E5%B7%A5%E4%BC%9A&width=4&limit=3&offset=3");
    assert_eq!(page["lines"].as_array().unwrap()[..], all["lines"].as_array().unwrap()[3..6]);
    let right = ok(&server, "/api/kwic?q=%E5%B7%A5%E4%BC%9A&width=4&limit=10000&sort=right");
    let rights: Vec<&str> = right["lines"].as_array().unwrap().iter().map(|l| l["right"].as_str().unwrap()).collect();
    assert!(rights.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn stats_health_page_and_openapi() {
    let (_env, server) = served(&[]);
    let s = ok(&server, "/api/stats");
    assert_eq!(
        (s["files"].as_u64(), s["generation"].as_u64(), s["watching"].as_bool()),
        (Some(2), Some(1), Some(false))
    );
    assert!(s["passages"].as_u64().unwrap() > 10 && s["built_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(ok(&server, "/health")["status"], "ok");
    let spec = ok(&server, "/api/openapi.json");
    for path in ["/api/search", "/api/kwic", "/api/passage/{id}", "/api/stats", "/health"] {
        assert!(spec["paths"][path]["get"].is_object(), "{path} is not described");
    }
    let page = server.get("/");
    assert_eq!((page.status, page.header("content-type")), (200, Some("text/html; charset=utf-8")));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert!(page.header("access-control-allow-origin").is_none(), "CORS is off by default");
    assert_eq!(server.get("/assets/app.js").header("content-type"), Some("text/javascript; charset=utf-8"));
    assert_eq!(server.get("/assets/index.html").status, 404);
    assert_eq!(server.get("/assets/..%2FCargo.toml").status, 404);
}

#[test]
fn every_error_status_is_json_with_the_reason() {
    let (_env, server) = served(&[]);
    let cases: &[(&str, &[u8], u16, &str)] = &[
        ("GET", b"/api/search?q=%22abc", 400, "unbalanced quote"),
        ("GET", b"/api/search", 400, "`q` is required"),
        ("GET", b"/api/search?q=a&limit=1000000000", 400, "`limit` must be a whole number from 1 to 1000"),
        ("GET", b"/api/search?q=a&limit=0", 400, "from 1"),
        ("GET", b"/api/search?q=a&sort=random", 400, "one of relevance, path"),
        ("GET", b"/api/search?q=a&exact=yes", 400, "true or false"),
        ("GET", b"/api/search?q=a&path=x", 400, "unknown parameter `path`"),
        ("GET", b"/api/search?q=a&q=b", 400, "given twice"),
        ("GET", b"/api/search?q=%FF%FE", 400, "not UTF-8"),
        ("GET", b"/api/search?q=a&file=../etc/passwd", 400, "relative to the corpus"),
        ("GET", b"/api/search?q=a&file=%2Fetc%2Fpasswd", 400, "relative to the corpus"),
        ("GET", b"/api/kwic?q=a&width=999", 400, "`width`"),
        ("GET", b"/api/stats?x=1", 400, "unknown parameter"),
        ("GET", b"/api/nothing", 404, "no such"),
        ("POST", b"/api/search?q=a", 405, "read-only"),
        ("DELETE", b"/api/passage/0000000000000000-1", 405, "read-only"),
        ("PUT", b"/", 405, "read-only"),
    ];
    for (method, target, status, reason) in cases {
        let (got, message) = failed(&server, method, target);
        let shown = String::from_utf8_lossy(target);
        assert_eq!(got, *status, "{method} {shown}: {message}");
        assert!(message.contains(reason), "{method} {shown}: {message:?} should say {reason:?}");
    }
    let long = format!("/api/search?q={}", "ab+".repeat(7_000)); // 21 KB
    assert_eq!(failed(&server, "GET", long.as_bytes()).0, 413);
    // A request line past 64 KiB is refused by the HTTP layer (no body).
    let huge = format!("/api/search?q={}", "%E5%B7%A5".repeat(120_000)); // 1 MB of 工
    let status = get(server.addr, huge.as_bytes(), &[]).status;
    assert!(matches!(status, 414 | 431), "{status}");
    let r = get(server.addr, b"/api/stats", &[("Host", "evil.example:7700")]);
    assert_eq!(r.status, 421, "{}", r.text());
    assert_eq!(ok(&server, "/health")["status"], "ok", "still serving");
}

#[test]
fn a_key_guards_the_api_and_cors_only_its_origin() {
    let key = "s3cret-key-0123456789";
    let (_env, server) = served(&["--api-key", key, "--cors", "https://example.org"]);
    let r = get(server.addr, b"/api/stats", &[]);
    assert_eq!(r.status, 401, "{}", r.text());
    assert!(r.json()["error"]["message"].as_str().unwrap().contains("Authorization: Bearer"));
    assert_eq!(get(server.addr, b"/api/stats", &[("Authorization", "Bearer wrong-key-0123456789")]).status, 401);
    let bearer = format!("Bearer {key}");
    let r = get(server.addr, b"/api/stats", &[("Authorization", &bearer), ("Origin", "https://example.org")]);
    assert_eq!((r.status, r.header("access-control-allow-origin")), (200, Some("https://example.org")));
    let r = get(server.addr, b"/api/stats", &[("Authorization", &bearer), ("Origin", "https://evil.example")]);
    assert!(r.header("access-control-allow-origin").is_none());
    let pre = request(server.addr, "OPTIONS", b"/api/search", &[("Origin", "https://example.org")]);
    assert_eq!((pre.status, pre.header("access-control-allow-headers")), (204, Some("authorization")));
    // The page and /health need no key (the page asks for it).
    assert_eq!(server.get("/").status, 200);
    assert_eq!(server.get("/health").status, 200);
}

#[test]
fn the_network_needs_a_key() {
    let env = TestEnv::shipped();
    let out = env.run(&["serve", "--addr", "0.0.0.0:0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(crate::util::stderr(&out).contains("give an API key"), "{}", crate::util::stderr(&out));
    let out = env.run(&["serve", "--addr", "0.0.0.0:0", "--api-key", "short"]);
    assert!(crate::util::stderr(&out).contains("at least 16"), "{}", crate::util::stderr(&out));
}

#[test]
fn watching_serves_each_edit_without_stopping() {
    let (env, server) = served(&["--watch"]);
    let before = ok(&server, "/api/stats")["generation"].as_u64().unwrap();
    env.write("notes/new.txt", "实时更新测试词出现在新文件里。\n");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let r = ok(&server, "/api/search?q=%E5%AE%9E%E6%97%B6%E6%9B%B4%E6%96%B0%E6%B5%8B%E8%AF%95%E8%AF%8D"); // 实时更新测试词
        if r["summary"]["passages"] == 1 {
            assert_eq!(r["hits"][0]["path"], "notes/new.txt");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the edit never showed; stderr:\n{}", server.stderr());
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let s = ok(&server, "/api/stats");
    assert!(s["generation"].as_u64().unwrap() > before && s["watching"] == true);
}
