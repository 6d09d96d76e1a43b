//! Snapshots of what a person reads: the report on `examples/karabakh` in
//! every format, rendered by the real binary. Stored in `snapshots/`; CI runs
//! with `CI=true`, so insta refuses any snapshot not reviewed and committed.

mod support;

fn report(format: &str) -> String {
    support::run_ok(
        &[
            "report",
            "examples/karabakh",
            "--format",
            format,
            "--width",
            "120",
        ],
        0,
    )
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

#[test]
fn examples_json() {
    snapshot!("examples_json", report("json"));
}

#[test]
fn examples_csv() {
    snapshot!("examples_csv", report("csv"));
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
