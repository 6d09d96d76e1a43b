//! One folder per command-line case under `tests/cases/`, failure cases
//! included. Each folder has `cmd` (the arguments, run from the repository
//! root), and the exact expected `code`, `stdout` and `stderr`.
//! `CROSSCHECK_BLESS=1 cargo test --test cases` rewrites the expectations;
//! review the diff before committing.

mod support;

use std::fs;

#[test]
fn every_case_gives_its_exact_output() {
    let root = support::root();
    let bless = std::env::var_os("CROSSCHECK_BLESS").is_some();
    let mut dirs: Vec<_> = fs::read_dir(root.join("tests/cases"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("cmd").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 10, "cases missing: {dirs:?}");
    let mut failures = Vec::new();
    for dir in dirs {
        let cmd = fs::read_to_string(dir.join("cmd")).unwrap();
        let args: Vec<&str> = cmd.split_whitespace().collect();
        let out = support::run(&args);
        let code = format!("{}\n", out.status.code().unwrap_or(-1));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        for (name, got) in [("code", &code), ("stdout", &stdout), ("stderr", &stderr)] {
            let path = dir.join(name);
            if bless {
                fs::write(&path, got).unwrap();
                continue;
            }
            let want = fs::read_to_string(&path).unwrap_or_default();
            if &want != got {
                failures.push(format!(
                    "{}/{name}:\n--- want\n{want}--- got\n{got}",
                    dir.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
