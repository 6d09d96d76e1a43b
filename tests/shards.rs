//! Past one machine: a corpus split into shards, each extracted on its own
//! (`extract --format shard`), reconciled together (`reconcile`), gives the
//! report a single run gives, byte for byte. And JSON Lines input streams.

mod support;

use support::{run_ok, temp_dir};

#[test]
fn four_shards_reconcile_to_the_single_run_report() {
    let dir = support::root().join("examples/karabakh");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path().display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 8);
    let out = temp_dir("shards");
    let mut shards = Vec::new();
    for (i, chunk) in files.chunks(files.len().div_ceil(4)).enumerate() {
        let mut args = vec!["extract", "--format", "shard"];
        args.extend(chunk.iter().map(String::as_str));
        let shard = run_ok(&args, 0);
        let path = out.join(format!("shard-{i}.jsonl"));
        std::fs::write(&path, shard).unwrap();
        shards.push(path.display().to_string());
    }
    assert_eq!(shards.len(), 4);
    // Given in another order: the report does not depend on it.
    shards.reverse();
    // In every format: the evidence in context travels in the shards.
    for format in ["json", "table", "markdown", "html", "csv"] {
        let single = run_ok(&["report", dir.to_str().unwrap(), "--format", format], 0);
        let mut args = vec!["reconcile", "--format", format];
        args.extend(shards.iter().map(String::as_str));
        let rebuilt = run_ok(&args, 0);
        assert_eq!(single, rebuilt, "{format}");
    }
}

#[test]
fn a_lost_or_doubled_shard_is_caught_by_the_record_count() {
    let dir = temp_dir("records");
    let mut lines: Vec<String> = (0..6)
        .map(|i| {
            format!(
                r#"{{"id": "a{i}", "lang": "en", "date": "2023-09-2{i}", "text": "At least {n} civilians were killed, the UN said."}}"#,
                n = 10 + i
            )
        })
        .collect();
    lines.insert(3, "not json".to_string());
    let mut shards = Vec::new();
    for (i, part) in lines.chunks(3).enumerate() {
        let path = dir.join(format!("part-{i}.jsonl"));
        std::fs::write(&path, part.join("\n") + "\n").unwrap();
        let shard = run_ok(&["extract", path.to_str().unwrap(), "--format", "shard"], 0);
        let out = dir.join(format!("shard-{i}.jsonl"));
        std::fs::write(&out, shard).unwrap();
        shards.push(out.display().to_string());
    }
    assert_eq!(shards.len(), 3);
    let reconcile = |shards: &[String], records: &str| {
        let mut args = vec!["reconcile", "--format", "json", "--records", records];
        args.extend(shards.iter().map(String::as_str));
        support::run(&args)
    };
    // Six articles and one line that is not one: seven inputs.
    let whole = reconcile(&shards, "7");
    assert_eq!(whole.status.code(), Some(0), "{whole:?}");
    // Each shard is whole by its own count; only the total shows the loss.
    let lost = reconcile(&shards[1..], "7");
    assert_eq!(lost.status.code(), Some(2));
    let err = String::from_utf8_lossy(&lost.stderr);
    assert!(
        err.contains("hold 4 inputs (3 documents, 1 skipped) but --records says 7")
            && err.contains("missing"),
        "{err}"
    );
    // The same shard copied under a second name.
    let copy = dir.join("copy.jsonl");
    std::fs::copy(&shards[0], &copy).unwrap();
    let mut doubled = shards.clone();
    doubled.push(copy.display().to_string());
    let twice = reconcile(&doubled, "7");
    assert_eq!(twice.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&twice.stderr).contains("hold 10 inputs"));
}

#[test]
fn json_lines_input_streams_and_skips_bad_lines_by_number() {
    let dir = temp_dir("jsonl");
    let path = dir.join("feed.jsonl");
    let lines = [
        r#"{"id": "a", "outlet": "X", "date": "2023-09-19", "lang": "fr", "text": "Au moins 29 personnes ont été tuées, selon Erevan."}"#,
        "this is not json",
        r#"{"maintext": "More than 2,000 civilians were evacuated, the Russian defence ministry said.", "date_publish": "2023-09-20 08:00:00", "source_domain": "example.org", "language": "en"}"#,
    ];
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = run_ok(&["report", path.to_str().unwrap(), "--format", "json"], 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["documents"].as_array().unwrap().len(), 2);
    assert_eq!(report["skipped"][0]["path"], "feed.jsonl:2");
    let claims: Vec<&serde_json::Value> = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["claims"].as_array().unwrap())
        .collect();
    assert_eq!(claims.len(), 2);
    for c in claims {
        assert!(["a", "feed.jsonl:3"].contains(&c["doc"].as_str().unwrap()));
    }
}

#[test]
fn standard_input_is_read_as_json_lines() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let line = r#"{"id": "x1", "lang": "en", "date": "2023-09-20", "text": "At least 12 civilians were killed, the UN said."}"#;
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(["extract", "-", "--format", "shard"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{line}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["value"], 12);
    assert_eq!(lines[0]["attributed_to"]["actor"], "un");
    assert_eq!(lines[1]["document"]["doc"], "x1");
    // The closing line: what a complete shard holds.
    assert_eq!(
        lines[2],
        serde_json::json!({"end": {"documents": 1, "skipped": 0, "claims": 1}})
    );
}
