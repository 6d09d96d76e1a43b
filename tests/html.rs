//! The HTML report in a real browser: headless Chromium loads the page
//! (with its Content-Security-Policy: nothing may be fetched), and the DOM
//! it builds holds every group, flagged ones first, one highlighted mark
//! per claim, the timelines, and links to the articles. A screenshot is
//! kept in `target/tmp/html-report/report.png`.
//!
//! Setup: Chromium is looked for on PATH and, when missing, installed from
//! Debian's packages (`apt-get install chromium`, as root or through
//! `sudo -n`). Where that cannot be done the test says why on stderr and
//! passes without a browser; `CROSSCHECK_REQUIRE_CHROMIUM=1` makes that a
//! failure instead.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn browser() -> Option<PathBuf> {
    BROWSERS.iter().find_map(|b| on_path(b))
}

/// Runs a setup command, at most `secs` seconds (through `timeout` when it is there).
fn setup(cmd: &[&str], secs: u32) -> Result<Output, String> {
    let mut full: Vec<String> = Vec::new();
    if on_path("timeout").is_some() {
        full.extend(["timeout".to_string(), secs.to_string()]);
    }
    full.extend(cmd.iter().map(|s| s.to_string()));
    Command::new(&full[0])
        .args(&full[1..])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .output()
        .map_err(|e| format!("`{}` did not run: {e}", cmd.join(" ")))
}

/// Installs Debian's `chromium`, or says why it cannot.
fn install() -> Result<PathBuf, String> {
    on_path("apt-get").ok_or("no apt-get here (not a Debian system)")?;
    let root = setup(&["id", "-u"], 10)
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let sudo: &[&str] = if root {
        &[]
    } else if on_path("sudo").is_some() {
        &["sudo", "-n"]
    } else {
        return Err("not root, and no sudo to run apt-get".into());
    };
    let apt = |args: &[&str], secs| {
        let cmd: Vec<&str> = sudo
            .iter()
            .chain(["apt-get"].iter())
            .chain(args)
            .copied()
            .collect();
        setup(&cmd, secs)
    };
    let get = ["install", "-y", "-q", "--no-install-recommends", "chromium"];
    let first = apt(&get, 600)?;
    if !first.status.success() {
        // The package lists may be missing or stale: update them and try again.
        let update = apt(&["update", "-q"], 300)?;
        if !update.status.success() {
            return Err(format!(
                "apt-get update failed (no network to the package mirrors?): {}",
                String::from_utf8_lossy(&update.stderr).trim()
            ));
        }
        let again = apt(&get, 600)?;
        if !again.status.success() {
            return Err(format!(
                "apt-get install chromium failed: {}",
                String::from_utf8_lossy(&again.stderr).trim()
            ));
        }
    }
    browser().ok_or_else(|| "chromium installed, but no browser on PATH".into())
}

/// Says on the terminal (past the test harness's capture) that the browser
/// test did not run and why; a failure when `CROSSCHECK_REQUIRE_CHROMIUM` is set.
fn skip(reason: &str) {
    assert!(
        std::env::var_os("CROSSCHECK_REQUIRE_CHROMIUM").is_none(),
        "CROSSCHECK_REQUIRE_CHROMIUM is set, but: {reason}"
    );
    let _ = writeln!(
        std::io::stderr(),
        "tests/html.rs: SKIPPED the headless Chromium check: {reason}"
    );
}

fn headless(browser: &Path, profile: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new("timeout");
    cmd.arg("120").arg(browser).args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--hide-scrollbars",
    ]);
    cmd.arg(format!("--user-data-dir={}", profile.display()));
    cmd.args(args).output().expect("the browser runs")
}

#[test]
fn the_html_report_renders_in_chromium() {
    let browser = match browser().map_or_else(install, Ok) {
        Ok(b) => b,
        Err(reason) => return skip(&reason),
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join("report.html");
    let html = support::run_ok(&["report", "examples/karabakh", "--format", "html"], 0);
    std::fs::write(&page, &html).unwrap();
    let report: serde_json::Value = serde_json::from_str(&support::run_ok(
        &["report", "examples/karabakh", "--format", "json"],
        0,
    ))
    .unwrap();
    let groups = report["groups"].as_array().unwrap();
    let claims: usize = groups
        .iter()
        .map(|g| g["claims"].as_array().unwrap().len())
        .sum();
    let url = format!("file://{}", page.display());
    let dom = headless(&browser, &dir.join("profile"), &["--dump-dom", &url]);
    let text = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.status.success() && text.contains("</html>"),
        "chromium did not render the page: {}\n{text}",
        String::from_utf8_lossy(&dom.stderr)
    );
    // The browser's DOM, not our text: what the parser made of the page.
    assert_eq!(text.matches("<mark>").count(), claims, "one mark per claim");
    assert_eq!(text.matches("<section class=\"group").count(), groups.len());
    let first = text.find("<section class=\"group").unwrap();
    assert!(
        text[first..].starts_with("<section class=\"group flagged\""),
        "flagged groups come first"
    );
    assert!(text.matches("<svg class=\"timeline\"").count() >= 3);
    assert!(text.contains("href=\"https://example.org/courrier/2023/09/19/offensive\""));
    let shot = dir.join("report.png");
    let out = headless(
        &browser,
        &dir.join("profile"),
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,2200",
            &url,
        ],
    );
    let png = std::fs::read(&shot).unwrap_or_default();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
