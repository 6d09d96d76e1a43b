//! JSON: exactly the contract of `spec/CLAIMS.md`, each group's claims
//! serialised as they are read from the store.

use super::Report;
use crate::reconcile::Group;
use serde::Serialize;
use std::io::{self, Write};

/// A group as the JSON contract writes it: its fields, then its claims.
#[derive(Serialize)]
struct GroupOut<'a> {
    id: &'a str,
    kind: &'a str,
    scope: &'a Option<String>,
    side: &'a Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: &'a Option<String>,
    event: &'a str,
    verdict: crate::reconcile::Verdict,
    summary: &'a str,
    /// The lowest, best and highest figure (absent for an accusation).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    range: &'a Option<crate::reconcile::Range>,
    claims: ClaimsOut<'a>,
}

/// A group's claims, serialised as they are read.
struct ClaimsOut<'a>(&'a Report, &'a Group);

/// A claim as the report writes it: the contract's fields, then its
/// article's `url` and where its evidence starts (`line`, `column`).
#[derive(Serialize)]
struct ClaimOut<'a> {
    #[serde(flatten)]
    claim: &'a crate::claim::Claim,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

impl Serialize for ClaimsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.1.members.len()))?;
        let mut failed = None;
        self.0
            .claims
            .each_with_evidence(&self.1.members, &mut |c, e| {
                let known = e.known();
                let claim = ClaimOut {
                    claim: c,
                    url: self.0.url(&c.doc),
                    line: known.then_some(e.line),
                    column: known.then_some(e.column),
                };
                seq.serialize_element(&claim).map_err(|e| {
                    let text = e.to_string();
                    failed = Some(e);
                    io::Error::other(text)
                })
            })
            .map_err(|e| failed.take().unwrap_or_else(|| S::Error::custom(e)))?;
        seq.end()
    }
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};
        struct Groups<'a>(&'a Report);
        impl Serialize for Groups<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut seq = s.serialize_seq(Some(self.0.groups.len()))?;
                for g in &self.0.groups {
                    seq.serialize_element(&GroupOut {
                        id: &g.id,
                        kind: &g.kind,
                        scope: &g.scope,
                        side: &g.side,
                        place: &g.place,
                        event: &g.event,
                        verdict: g.verdict,
                        summary: &g.summary,
                        range: &g.range,
                        claims: ClaimsOut(self.0, g),
                    })?;
                }
                seq.end()
            }
        }
        let mut st = s.serialize_struct("Report", 3)?;
        st.serialize_field("documents", &self.documents)?;
        st.serialize_field("skipped", &self.skipped)?;
        st.serialize_field("groups", &Groups(self))?;
        st.end()
    }
}

/// JSON: the contract (and the fields added to it), compact, or
/// pretty-printed with `pretty`.
pub fn write_json(report: &Report, pretty: bool, out: &mut impl Write) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, report)
    } else {
        serde_json::to_writer(&mut *out, report)
    }
    .map_err(io::Error::other)?;
    writeln!(out)
}
