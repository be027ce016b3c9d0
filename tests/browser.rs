//! The web page in a real browser: `tests/browser/e2e.mjs` drives headless
//! Chromium (playwright-core) against `yuanwen serve --watch` over the
//! shipped corpus plus hostile text, and checks accessibility with
//! axe-core. Needs Node.js, Debian's `chromium` and `npm ci` in
//! tests/browser; without them it says SKIPPED, unless
//! `YUANWEN_REQUIRE_TOOLS=1` (CI), where it fails.
//!
//! The screenshot it takes is written to the target folder; with
//! `YUANWEN_UPDATE_SCREENSHOT=1` it also replaces docs/screenshot.png (the
//! README's picture).

use crate::util::TestEnv;
use crate::util::http::Server;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A file named like HTML, holding script, markup, a bidi override and an
/// escape character.
const HOSTILE_NAME: &str = "<img src=x onerror=alert(1)>.txt";
const HOSTILE_TEXT: &str = "第一段 alert <script>alert(1)</script> 结束。\n\n\
                            第二段 alert <img src=x onerror=alert(1)> 与 \u{202E}txt.exe 和 \u{1b}[31m 红色。\n";

/// What is missing to run the browser, if anything.
fn missing(browser_dir: &Path) -> Option<String> {
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let chromium = std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let lacking: Vec<&str> = [
        (!node).then_some("node (Debian: nodejs npm)"),
        (!chromium.exists()).then_some("chromium (Debian: chromium)"),
        (!browser_dir.join("node_modules/playwright-core").is_dir())
            .then_some("playwright-core (cd tests/browser && npm ci)"),
        (!browser_dir.join("node_modules/axe-core").is_dir()).then_some("axe-core (cd tests/browser && npm ci)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!lacking.is_empty()).then(|| lacking.join(", "))
}

#[test]
fn the_page_works_in_headless_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = root.join("tests/browser");
    if let Some(what) = missing(&browser_dir) {
        if std::env::var_os("YUANWEN_REQUIRE_TOOLS").is_some_and(|v| v == "1") {
            panic!("the browser test needs {what}");
        }
        eprintln!("SKIPPED: the browser test needs {what}");
        return;
    }
    let env = TestEnv::shipped();
    env.write(HOSTILE_NAME, HOSTILE_TEXT);
    let edited = env.write("notes/live.txt", "这个文件会在测试中被追加一段。\n");
    let server = Server::start(&env.corpus(), &env.index_dir(), &["--watch"]);
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshot.png");
    let out = Command::new("node")
        .current_dir(&browser_dir)
        .arg("e2e.mjs")
        .arg(format!("{}/", server.url()))
        .arg(&shot)
        .env("YUANWEN_E2E_EDIT", &edited)
        .output()
        .expect("run node e2e.mjs");
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{stdout}");
    assert!(
        out.status.success(),
        "the browser test failed ({}):\n{stdout}\n{stderr}\nserver:\n{}",
        out.status,
        server.stderr()
    );
    assert!(!stdout.contains("skipped"), "a browser check was skipped:\n{stdout}");
    assert!(std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000), "no screenshot at {}", shot.display());
    if std::env::var_os("YUANWEN_UPDATE_SCREENSHOT").is_some_and(|v| v == "1") {
        std::fs::copy(&shot, root.join("docs/screenshot.png")).expect("copy the screenshot to docs/");
    }
}
