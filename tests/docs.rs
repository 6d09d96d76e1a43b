//! The walkthroughs in README.md and docs/RULES.md work as written: their
//! `# my-rules/...` YAML blocks are written to a folder, linted, tested, and
//! used in a report, with the built binary and no rebuild.

mod support;

use support::{run_ok, temp_dir, write_files};

/// The fenced YAML blocks of a document whose first line names a file under `my-rules/`.
fn rule_blocks(doc: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(support::root().join(doc)).unwrap();
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```yaml" {
            continue;
        }
        let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        if let Some(name) = body.first().and_then(|l| l.strip_prefix("# my-rules/")) {
            out.push((name.trim().to_string(), body.join("\n") + "\n"));
        }
    }
    out
}

fn walkthrough(doc: &str, expect_kind_files: usize) {
    let blocks = rule_blocks(doc);
    assert_eq!(blocks.len(), expect_kind_files, "{doc}: {blocks:?}");
    let dir = temp_dir(&format!("walkthrough-{}", doc.replace('/', "-")));
    let files: Vec<(&str, &str)> = blocks
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    write_files(&dir, &files);
    let d = dir.to_str().unwrap();
    assert!(run_ok(&["rules", "lint", d], 0).starts_with("ok: "));
    let tested = run_ok(&["rules", "test", d], 0);
    assert!(tested.trim_end().ends_with(" 0 failed"), "{tested}");
    let corpus = temp_dir(&format!("walkthrough-corpus-{}", doc.replace('/', "-")));
    write_files(
        &corpus,
        &[("a.txt", "Selon Erevan, 30 civils détenus mardi.\n")],
    );
    let out = run_ok(
        &[
            "report",
            corpus.to_str().unwrap(),
            "--rules",
            d,
            "--format",
            "json",
        ],
        0,
    );
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let g = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["kind"] == "detained")
        .expect("a detained group");
    assert_eq!(g["claims"][0]["value"], 30);
    assert_eq!(g["claims"][0]["attributed_to"]["actor"], "armenia");
}

#[test]
fn readme_walkthrough_works() {
    walkthrough("README.md", 2);
}

#[test]
fn rules_doc_example_works() {
    walkthrough("docs/RULES.md", 1);
}

/// The README's sample is the program's output, byte for byte: the command
/// on the line that introduces it is run and its output compared with the
/// fenced block that follows, so the sample cannot drift from the program.
#[test]
fn the_readme_sample_is_the_real_output() {
    let readme = std::fs::read_to_string(support::root().join("README.md")).unwrap();
    let section = readme
        .split("\n## Sample\n")
        .nth(1)
        .expect("README.md has a `## Sample` section");
    let command = section
        .lines()
        .find_map(|l| l.strip_prefix('`')?.split('`').next())
        .expect("the sample's command, in backticks");
    let args: Vec<&str> = command
        .strip_prefix("crosscheck ")
        .expect("the sample's command runs crosscheck")
        .split_whitespace()
        .collect();
    let block: String = section
        .split("\n```\n")
        .nth(1)
        .expect("the sample's fenced block")
        .to_string();
    let shown = format!("{}\n", block.trim_end_matches('\n'));
    let real = run_ok(&args, 0);
    assert_eq!(
        shown, real,
        "README.md's sample differs from `{command}`; paste the new output"
    );
}
