//! Exit codes and error messages of the command line.

mod support;

use support::{run, run_ok, temp_dir, write_files};

fn stderr(args: &[&str]) -> (Option<i32>, String) {
    let out = run(args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn missing_path_exits_2_naming_it() {
    let (code, err) = stderr(&["report", "no/such/folder"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim(),
        "crosscheck: no/such/folder: cannot read: no such file or folder"
    );
}

#[test]
fn empty_folder_exits_2() {
    let dir = temp_dir("empty");
    let (code, err) = stderr(&["report", dir.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("no article (.txt, .md or .jsonl line) could be read"),
        "{err}"
    );
}

#[test]
fn bad_format_exits_2() {
    let (code, err) = stderr(&["report", "examples/karabakh", "--format", "xml"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("invalid value 'xml'"), "{err}");
}

#[test]
fn fail_on_contradiction_exits_1() {
    let seeds = support::shared().join("corpus/seeds");
    let out = run(&[
        "report",
        seeds.to_str().unwrap(),
        "--fail-on",
        "contradiction",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("contradiction"));
}

#[test]
fn fail_on_passes_when_nothing_is_flagged() {
    let dir = temp_dir("calm");
    write_files(
        &dir,
        &[("a.txt", "Les frappes ont fait au moins 29 morts mardi.\n")],
    );
    run_ok(
        &[
            "report",
            dir.to_str().unwrap(),
            "--fail-on",
            "contradiction",
            "--fail-on",
            "divergent",
        ],
        0,
    );
}

#[test]
fn unreadable_files_are_skipped_with_a_reason() {
    let dir = temp_dir("skips");
    write_files(
        &dir,
        &[
            ("a.txt", "Au moins 3 morts.\n"),
            ("b.txt", ""),
            ("c.pdf", "%PDF"),
        ],
    );
    std::fs::write(dir.join("d.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let out = run_ok(&["report", dir.to_str().unwrap(), "--format", "json"], 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let reasons: Vec<String> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let path = s["path"].as_str().unwrap();
            let name = path.rsplit('/').next().unwrap();
            format!("{name}: {}", s["reason"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        reasons,
        vec![
            "b.txt: empty file",
            "c.pdf: not an article: only .txt, .md and .jsonl (or .ndjson) files are read",
            "d.txt: binary file (contains NUL bytes)",
        ]
    );
    assert_eq!(report["documents"].as_array().unwrap().len(), 1);
}

#[test]
fn manifest_entries_without_files_are_reported() {
    let dir = temp_dir("manifest");
    write_files(
        &dir,
        &[
            ("a.txt", "Au moins 3 morts.\n"),
            (
                "corpus.yaml",
                "documents:\n  a.txt: {outlet: X, date: 2023-09-19, lang: fr}\n  gone.txt: {date: 2023-09-19}\n",
            ),
        ],
    );
    let out = run_ok(&["report", dir.to_str().unwrap(), "--format", "json"], 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["documents"][0]["source"], "X");
    assert_eq!(
        report["skipped"][0]["reason"],
        "listed in corpus.yaml but no such file"
    );
}

#[test]
fn table_ends_with_a_tally() {
    let out = run_ok(&["report", "examples/karabakh"], 0);
    assert!(out.trim_end().ends_with("10 articles read"), "{out}");
}

#[test]
fn extract_prints_one_claim_per_line() {
    let out = run_ok(&["extract", "examples/karabakh"], 0);
    assert!(out.lines().count() > 10);
    for line in out.lines() {
        let c: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(c["kind"].is_string() && c["start"].is_u64());
    }
}

#[test]
fn expect_reports_changes_and_update_rewrites() {
    let dir = temp_dir("expect");
    write_files(&dir, &[("a.txt", "Selon Bakou, au moins 29 morts.\n")]);
    let stored = temp_dir("expect-store").join("report.json");
    let (d, s) = (dir.to_str().unwrap(), stored.to_str().unwrap());
    let out = run_ok(&["report", d, "--expect", s, "--update"], 0);
    assert!(out.starts_with("wrote "));
    assert!(run_ok(&["report", d, "--expect", s], 0).starts_with("report matches "));
    write_files(&dir, &[("a.txt", "Selon Paris, au moins 31 morts.\n")]);
    let out = run(&["report", d, "--expect", s]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("~ claim a.txt:13-30 death_toll (fr.death_toll.noun): at_least 29 [29..null] scope - said by azerbaijan -> at_least 31 [31..null] scope - said by france"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("if they are intended, rerun with --update"),
        "{text}"
    );
}
