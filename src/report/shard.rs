//! The shard format `extract --format shard` writes and `reconcile` reads:
//! one claim per line, plus `{"document": …}` and `{"skipped": …}` lines, so
//! that shards extracted on many machines rebuild the report a single run
//! would print.

use super::DocSummary;
use crate::claim::Claim;
use crate::corpus::Skipped;
use crate::error::{Error, Result};
use std::io::BufRead;
use std::path::PathBuf;

/// One line of the shard format.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum ShardLine {
    Document { document: DocSummary },
    Skipped { skipped: Skipped },
    Claim(Box<Claim>),
}

/// Reads shard files (or plain claim JSON Lines) line by line, handing each
/// line on; a line that is none of the three is an error at `file:line`.
pub fn read(paths: &[PathBuf], sink: &mut dyn FnMut(ShardLine)) -> Result<()> {
    for path in paths {
        let shown = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| Error::Input {
            path: shown.clone(),
            message: format!("cannot read: {e}"),
        })?;
        let reader = std::io::BufReader::with_capacity(1 << 20, file);
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::Input {
                path: format!("{shown}:{}", i + 1),
                message: format!("cannot read: {e}"),
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: ShardLine = serde_json::from_str(&line).map_err(|e| Error::Input {
                path: format!("{shown}:{}", i + 1),
                message: format!(
                    "not a shard line (a claim, a document or a skipped input): {e}; write shards with `crosscheck extract --format shard`"
                ),
            })?;
            sink(parsed);
        }
    }
    Ok(())
}
