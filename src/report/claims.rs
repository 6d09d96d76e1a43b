//! What `extract` prints: claims as JSON Lines, as one JSON array, or as a
//! shard (claims plus the document and skipped-input lines `reconcile`
//! reads, see [`super::shard`]). Claims are written as they come, so the
//! output never holds more than one document's claims.

use super::DocSummary;
use super::shard::{ShardClaim, ShardEnd, ShardLine};
use crate::claim::{Claim, Evidence};
use crate::corpus::Skipped;
use std::io::{self, Write};

/// `extract --format jsonl`: one claim per line.
pub fn write_jsonl(claims: &[Claim], out: &mut impl Write) -> io::Result<()> {
    for c in claims {
        serde_json::to_writer(&mut *out, c).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimFormat {
    /// One claim per line.
    Jsonl,
    /// One JSON array of claims, each pretty-printed.
    Json,
    /// Claims plus `{"document": …}` and `{"skipped": …}` lines.
    Shard,
}

/// Writes claims document by document in one [`ClaimFormat`].
pub struct ClaimWriter<W: Write> {
    format: ClaimFormat,
    out: W,
    /// No array element written yet (`Json`).
    first: bool,
    /// The lines written so far (`Shard`), for its closing line.
    counted: ShardEnd,
}

impl<W: Write> ClaimWriter<W> {
    /// Starts the output (the array's `[` for `Json`).
    pub fn new(format: ClaimFormat, mut out: W) -> io::Result<ClaimWriter<W>> {
        if format == ClaimFormat::Json {
            write!(out, "[")?;
        }
        Ok(ClaimWriter {
            format,
            out,
            first: true,
            counted: ShardEnd::default(),
        })
    }

    /// A document's claims (and, in a shard, each claim's evidence in
    /// context and the document's line).
    pub fn document(
        &mut self,
        summary: DocSummary,
        claims: Vec<Claim>,
        evidence: Vec<Evidence>,
    ) -> io::Result<()> {
        match self.format {
            ClaimFormat::Jsonl => write_jsonl(&claims, &mut self.out),
            ClaimFormat::Shard => {
                let n = claims.len();
                for (claim, evidence) in claims.into_iter().zip(evidence) {
                    let line = ShardClaim {
                        claim,
                        evidence: Some(evidence).filter(Evidence::known),
                    };
                    serde_json::to_writer(&mut self.out, &line).map_err(io::Error::other)?;
                    writeln!(self.out)?;
                }
                self.counted.claims += n;
                self.line(&ShardLine::Document { document: summary })
            }
            ClaimFormat::Json => {
                for c in &claims {
                    if !self.first {
                        write!(self.out, ",")?;
                    }
                    self.first = false;
                    writeln!(self.out)?;
                    serde_json::to_writer_pretty(&mut self.out, c).map_err(io::Error::other)?;
                }
                Ok(())
            }
        }
    }

    /// An input that was not read (a line of its own in a shard only).
    pub fn skipped(&mut self, skipped: &Skipped) -> io::Result<()> {
        match self.format {
            ClaimFormat::Shard => self.line(&ShardLine::Skipped {
                skipped: skipped.clone(),
            }),
            ClaimFormat::Jsonl | ClaimFormat::Json => Ok(()),
        }
    }

    fn line(&mut self, line: &ShardLine) -> io::Result<()> {
        self.counted.count(line);
        serde_json::to_writer(&mut self.out, line).map_err(io::Error::other)?;
        writeln!(self.out)
    }

    /// Ends the output (the array's `]` for `Json`, the closing count
    /// line for `Shard`) and flushes it.
    pub fn finish(mut self) -> io::Result<()> {
        match self.format {
            ClaimFormat::Json => writeln!(self.out, "\n]")?,
            ClaimFormat::Shard => {
                let end = ShardLine::End { end: self.counted };
                serde_json::to_writer(&mut self.out, &end).map_err(io::Error::other)?;
                writeln!(self.out)?;
            }
            ClaimFormat::Jsonl => {}
        }
        self.out.flush()
    }
}
