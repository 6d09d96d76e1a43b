//! Snapshots of what a person reads: the report on `examples/karabakh` in
//! every format, rendered by the real binary. Stored in `snapshots/`; CI runs
//! with `CI=true`, so insta refuses any snapshot not reviewed and committed.

mod support;

fn report_args(format: &str) -> [&str; 6] {
    [
        "report",
        "examples/karabakh",
        "--format",
        format,
        "--width",
        "120",
    ]
}

fn report(format: &str) -> String {
    support::run_ok(&report_args(format), 0)
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        });
    };
}

#[test]
fn examples_table() {
    snapshot!("examples_table", report("table"));
}

#[test]
fn examples_markdown() {
    snapshot!("examples_markdown", report("markdown"));
}

/// Pretty-printed, so that a change reads as a diff (compact JSON, the
/// default, is the same value: `tests/formats.rs`).
#[test]
fn examples_json() {
    let mut args = report_args("json").to_vec();
    args.push("--pretty");
    snapshot!("examples_json", support::run_ok(&args, 0));
}

#[test]
fn examples_csv() {
    snapshot!("examples_csv", report("csv"));
}

#[test]
fn examples_jsonl() {
    snapshot!("examples_jsonl", report("jsonl"));
}

#[test]
fn examples_html() {
    snapshot!("examples_html", report("html"));
}

#[test]
fn examples_claimreview() {
    snapshot!("examples_claimreview", report("claimreview"));
}

#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let one = support::run_ok(
        &[
            "report",
            "examples/karabakh",
            "--format",
            "json",
            "--threads",
            "1",
        ],
        0,
    );
    let two = support::run_ok(
        &[
            "report",
            "examples/karabakh",
            "--format",
            "json",
            "--threads",
            "2",
        ],
        0,
    );
    let again = support::run_ok(&["report", "examples/karabakh", "--format", "json"], 0);
    assert_eq!(one, two);
    assert_eq!(one, again);
    let seeds = support::shared().join("corpus/seeds");
    let seeds = seeds.to_str().unwrap();
    let a = support::run_ok(&["extract", seeds, "--threads", "1"], 0);
    let b = support::run_ok(&["extract", seeds, "--threads", "2"], 0);
    assert_eq!(a, b);
}

/// Past a number of claims, `report` keeps them in a temporary file and
/// reads each group back when it judges and writes it: the output must not
/// change by a byte, in any format, and the file must be gone afterwards.
#[test]
fn claims_kept_on_disk_give_the_same_report() {
    let tmp = support::temp_dir("spill-tmp");
    for format in [
        "json",
        "table",
        "markdown",
        "csv",
        "jsonl",
        "html",
        "claimreview",
    ] {
        let memory = report(format);
        let spilled = std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
            .args(report_args(format))
            .current_dir(support::root())
            .env("CROSSCHECK_SPILL_AFTER", "0")
            .env("TMPDIR", &tmp)
            .output()
            .expect("the crosscheck binary runs");
        assert_eq!(spilled.status.code(), Some(0), "{format}");
        assert_eq!(String::from_utf8_lossy(&spilled.stdout), memory, "{format}");
    }
    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    assert!(
        left.is_empty(),
        "temporary claim files left behind: {left:?}"
    );
}
