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

impl Serialize for ClaimsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(Some(self.1.members.len()))?;
        let mut failed = None;
        self.0
            .claims
            .each(&self.1.members, &mut |c| {
                seq.serialize_element(c).map_err(|e| {
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

/// JSON: exactly the contract, pretty-printed.
pub fn write_json(report: &Report, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}
