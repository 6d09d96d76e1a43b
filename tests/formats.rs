//! The report's formats and options as a user combines them: ClaimReview
//! markup with Google's required fields, rows typed for data tools, compact
//! or pretty JSON, colour, narrow tables, `--fail-on` as a threshold that
//! works with `--expect` and `reconcile`, a single article on standard
//! input, shell completions and the manual page.

mod support;

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};
use support::{run, run_ok, temp_dir, write_files};

fn json_report() -> Value {
    serde_json::from_str(&run_ok(
        &["report", "examples/karabakh", "--format", "json"],
        0,
    ))
    .unwrap()
}

fn text<'a>(v: &'a Value, what: &str) -> &'a str {
    match v.as_str() {
        Some(s) if !s.trim().is_empty() => s,
        _ => panic!("{what} is not a non-empty string: {v}"),
    }
}

/// Google's fact-check markup (developers.google.com/search/docs/appearance/
/// structured-data/factcheck): `claimReviewed`, `reviewRating` with
/// `alternateName`, and `url` are required; `author`, `datePublished` and
/// `itemReviewed` (a `Claim` with its `author` and `appearance`) recommended.
#[test]
fn claimreview_has_one_review_per_flagged_group_with_the_required_fields() {
    let report = json_report();
    let flagged: Vec<&Value> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| matches!(g["verdict"].as_str(), Some("contradiction" | "divergent")))
        .collect();
    assert!(!flagged.is_empty());
    let out = run_ok(
        &[
            "report",
            "examples/karabakh",
            "--format",
            "claimreview",
            "--review-url",
            "https://news.example/checks/karabakh",
        ],
        0,
    );
    let reviews: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(reviews.len(), flagged.len());
    let mut urls = Vec::new();
    for r in &reviews {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        let url = text(&r["url"], "url");
        assert!(
            url.starts_with("https://news.example/checks/karabakh#g-"),
            "{url}"
        );
        urls.push(url.to_string());
        text(&r["claimReviewed"], "claimReviewed");
        let rating = &r["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        text(&rating["alternateName"], "reviewRating.alternateName");
        let (worst, best, value) = (
            rating["worstRating"].as_u64().unwrap(),
            rating["bestRating"].as_u64().unwrap(),
            rating["ratingValue"].as_u64().unwrap(),
        );
        assert!(worst <= value && value <= best, "{rating}");
        assert_eq!(r["author"]["@type"], "Organization");
        text(&r["author"]["name"], "author.name");
        jiff::civil::Date::strptime("%Y-%m-%d", text(&r["datePublished"], "datePublished"))
            .unwrap();
        let item = &r["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        text(&item["author"]["name"], "itemReviewed.author.name");
        let appearances = item["appearance"].as_array().unwrap();
        assert!(!appearances.is_empty());
        for a in appearances {
            assert_eq!(a["@type"], "CreativeWork");
            assert!(text(&a["url"], "appearance.url").starts_with("https://example.org/"));
        }
    }
    urls.sort();
    urls.dedup();
    assert_eq!(urls.len(), reviews.len(), "each review has its own url");
    // Without --review-url, each url is a fragment of the page it is pasted into.
    let out = run_ok(
        &["report", "examples/karabakh", "--format", "claimreview"],
        0,
    );
    let reviews: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(
        reviews
            .iter()
            .all(|r| text(&r["url"], "url").starts_with("#g-"))
    );
}

#[test]
fn csv_and_json_lines_rows_share_their_columns_and_types() {
    let csv = run_ok(&["report", "examples/karabakh", "--format", "csv"], 0);
    let jsonl = run_ok(&["report", "examples/karabakh", "--format", "jsonl"], 0);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let rows: Vec<serde_json::Map<String, Value>> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let keys: Vec<&str> = rows[0].keys().map(String::as_str).collect();
    let mut sorted_header = header.clone();
    sorted_header.sort();
    assert_eq!(
        sorted_header, keys,
        "serde_json sorts keys; the sets must match"
    );
    assert_eq!(
        rows.len(),
        json_report()["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["claims"].as_array().unwrap().len())
            .sum::<usize>()
    );
    for r in &rows {
        // A figure has numbers and no accused; an accusation the reverse.
        match r["unit"].as_str().unwrap() {
            "actor" => {
                assert!(r["best"].is_null() && r["accused"].is_string(), "{r:?}");
            }
            _ => assert!(r["best"].is_number() && r["accused"].is_null(), "{r:?}"),
        }
        assert!(r["line"].as_u64().unwrap() >= 1 && r["column"].as_u64().unwrap() >= 1);
        assert!(text(&r["url"], "url").starts_with("https://"));
        // The sentence has its whitespace as single spaces.
        let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let sentence = squeeze(text(&r["sentence"], "sentence"));
        assert!(
            sentence.contains(&squeeze(text(&r["text"], "text"))),
            "{r:?}"
        );
        text(&r["group"], "group");
        text(&r["verdict"], "verdict");
    }
}

#[test]
fn json_is_compact_unless_pretty() {
    let compact = run_ok(&["report", "examples/karabakh", "--format", "json"], 0);
    let pretty = run_ok(
        &[
            "report",
            "examples/karabakh",
            "--format",
            "json",
            "--pretty",
        ],
        0,
    );
    assert_eq!(compact.lines().count(), 1);
    assert!(pretty.lines().count() > 100);
    let (a, b): (Value, Value) = (
        serde_json::from_str(&compact).unwrap(),
        serde_json::from_str(&pretty).unwrap(),
    );
    assert_eq!(a, b);
    let claim = &a["groups"][0]["claims"][0];
    assert!(claim["line"].is_u64() && claim["column"].is_u64() && claim["url"].is_string());
}

#[test]
fn colour_follows_the_option_and_no_color() {
    let args = ["report", "examples/karabakh", "--width", "100"];
    let plain = run_ok(&args, 0);
    assert!(!plain.contains('\x1b'), "not a terminal: no escapes");
    let always = run_ok(&[&args[..], &["--color", "always"]].concat(), 0);
    assert!(always.contains("\x1b["), "--color always colours");
    let never = run_ok(&[&args[..], &["--color", "never"]].concat(), 0);
    assert_eq!(never, plain);
    // `auto` as anstream reads the environment: CLICOLOR_FORCE colours a
    // pipe, NO_COLOR wins over it.
    let auto = |env: &[(&str, &str)]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_crosscheck"));
        cmd.args(args).current_dir(support::root());
        cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().unwrap().stdout.contains(&0x1b)
    };
    assert!(auto(&[("CLICOLOR_FORCE", "1")]));
    assert!(!auto(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
}

/// At 60 columns no word is cut in two: every word of the table is a word
/// of the wide table.
#[test]
fn a_narrow_table_wraps_between_words() {
    let words = |s: &str| -> std::collections::BTreeSet<String> {
        s.split(|c: char| c.is_whitespace() || "│┆┌┐└┘├┤┬┴┼─═╞╡╪".contains(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let wide = words(&run_ok(
        &["report", "examples/karabakh", "--width", "400"],
        0,
    ));
    let narrow = run_ok(&["report", "examples/karabakh", "--width", "60"], 0);
    let cut: Vec<String> = words(&narrow).difference(&wide).cloned().collect();
    assert!(
        cut.is_empty(),
        "words split at 60 columns: {cut:?}\n{narrow}"
    );
    let list = run_ok(&["rules", "list", "--width", "100"], 0);
    let longest = list.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest <= 130, "rules list is {longest} columns wide");
}

#[test]
fn the_table_lists_skipped_inputs_under_it() {
    let dir = temp_dir("table-skips");
    write_files(
        &dir,
        &[
            ("a.txt", "Selon Bakou, au moins 29 morts.\n"),
            ("empty.txt", ""),
        ],
    );
    let out = run_ok(&["report", dir.to_str().unwrap()], 0);
    assert!(
        out.contains("\n1 article read, 1 skipped\nskipped "),
        "{out}"
    );
    assert!(out.ends_with("empty.txt: empty file\n"), "{out}");
}

/// `--fail-on divergent` fires on a contradiction too; `--fail-on` works
/// beside `--expect`, and with `reconcile`.
#[test]
fn fail_on_is_a_threshold_that_combines() {
    // The 2022 article: one contradiction (who attacked), no divergence.
    let dir = temp_dir("fail-on");
    let article = "examples/karabakh/01-affrontements-frontiere-2022.md";
    std::fs::copy(support::root().join(article), dir.join("a.md")).unwrap();
    let d = dir.to_str().unwrap();
    let report: Value =
        serde_json::from_str(&run_ok(&["report", d, "--format", "json"], 0)).unwrap();
    let verdicts: Vec<&str> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["verdict"].as_str().unwrap())
        .collect();
    assert!(verdicts.contains(&"contradiction") && !verdicts.contains(&"divergent"));
    run_ok(&["report", d, "--fail-on", "contradiction"], 1);
    run_ok(&["report", d, "--fail-on", "divergent"], 1);
    run_ok(
        &[
            "report",
            "examples/karabakh/08-premiers-refugies.md",
            "--fail-on",
            "divergent",
        ],
        0,
    );
    // With --expect: a matching stored report still fails on the verdict.
    let stored = temp_dir("fail-on-store").join("report.json");
    let s = stored.to_str().unwrap();
    run_ok(&["report", d, "--expect", s, "--update"], 0);
    let out = run_ok(&["report", d, "--expect", s, "--fail-on", "divergent"], 1);
    assert!(out.starts_with("report matches "), "{out}");
    // --format with --expect prints the report; the comparison goes to stderr.
    let out = run(&["report", d, "--expect", s, "--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("group,verdict,"));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("report matches "));
    // reconcile: --fail-on, --expect and --strict.
    let shard = dir.join("../fail-on-shard.jsonl");
    std::fs::write(&shard, run_ok(&["extract", d, "--format", "shard"], 0)).unwrap();
    let sh = shard.to_str().unwrap();
    run_ok(&["reconcile", sh, "--fail-on", "divergent"], 1);
    let out = run_ok(&["reconcile", sh, "--expect", s], 0);
    assert!(out.starts_with("report matches "), "{out}");
    run_ok(&["reconcile", sh, "--strict"], 0);
    write_files(&dir, &[("empty.txt", "")]);
    std::fs::write(&shard, run_ok(&["extract", d, "--format", "shard"], 0)).unwrap();
    let out = run(&["reconcile", sh, "--strict"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty.txt: empty file"));
}

fn with_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(support::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn standard_input_holds_one_article_or_json_lines() {
    let article =
        std::fs::read(support::root().join("examples/karabakh/04-cessez-le-feu.md")).unwrap();
    let out = with_stdin(&["report", "-", "--format", "json"], &article);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"][0]["doc"], "stdin");
    assert_eq!(report["documents"][0]["source"], "Dépêches Sud");
    assert!(report["groups"].as_array().unwrap().len() > 2);
    let line = br#"{"id": "a", "lang": "fr", "date": "2023-09-19", "text": "Au moins 29 morts, selon Bakou."}"#;
    let out = with_stdin(&["report", "-", "--format", "json"], line);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["documents"][0]["doc"], "a");
    let out = with_stdin(&["extract", "-", "--stdin-format", "article"], &article);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains(r#""doc":"stdin""#));
    let out = with_stdin(&["report", "-", "--stdin-format", "jsonl"], &article);
    assert_eq!(out.status.code(), Some(2), "an article is not JSON Lines");
}

#[test]
fn completions_and_the_manual_page_come_from_the_arguments() {
    let bash = run_ok(&["completions", "bash"], 0);
    assert!(
        bash.contains("--fail-on") && bash.contains("claimreview"),
        "{bash}"
    );
    let zsh = run_ok(&["completions", "zsh"], 0);
    assert!(zsh.starts_with("#compdef crosscheck"));
    let man = run_ok(&["man"], 0);
    assert!(
        man.contains(".TH crosscheck") && man.contains("report"),
        "{man}"
    );
}

/// What articles say never becomes markup: an outlet, a file name or a
/// sentence with HTML in it is shown as text, and only web addresses are
/// linked (a `javascript:` URL is not).
#[test]
fn html_shows_article_text_as_text_and_links_only_web_addresses() {
    let dir = temp_dir("html-hostile");
    write_files(
        &dir,
        &[
            (
                "<img src=x onerror=alert(1)>.md",
                "---\noutlet: \"<script>alert(1)</script>\"\ndate: 2023-09-19\nlang: fr\nurl: \"javascript:alert(1)\"\n---\nAu moins 29 morts ont été recensés <b>lundi</b>.\n",
            ),
            (
                "b.md",
                "---\noutlet: B\ndate: 2023-09-20\nlang: fr\nurl: \"https://example.org/b?x=\\\"><script>\"\n---\nSelon Bakou, au moins 31 morts.\n",
            ),
        ],
    );
    let html = run_ok(&["report", dir.to_str().unwrap(), "--format", "html"], 0);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; (own reporting)"));
    assert!(
        html.contains("href=\"https://example.org/b?x=%22%3E%3Cscript%3E\""),
        "{html}"
    );
}
