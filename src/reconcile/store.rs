//! The claims a report is built from, held compactly: every claim's grouping
//! fields as a [`Stub`] of interned ids (48 bytes), and the claim itself in
//! memory or, past [`ClaimStore::spill_after`] claims, in a temporary file
//! the store deletes when dropped. Reconciling then holds one group's claims
//! at a time, so `report` on a gigabyte of news stays within a few hundred
//! megabytes whatever the claim count.

use super::codec;
use crate::claim::{Claim, Evidence};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};

/// Claims kept in memory before the store moves to a temporary file.
pub const SPILL_AFTER: usize = 200_000;

/// Strings as small ids; id 0 is "none".
#[derive(Debug, Clone)]
pub struct Interner {
    strings: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Default for Interner {
    fn default() -> Interner {
        Interner {
            strings: vec![String::new()],
            ids: HashMap::new(),
        }
    }
}

impl Interner {
    /// The id of a string, added when new.
    pub fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).expect("fewer than 2^32 distinct strings");
        self.strings.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id
    }

    /// The id of a string already interned.
    pub fn find(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    /// The id of an optional string (0 for none).
    pub fn opt(&mut self, s: Option<&str>) -> u32 {
        s.map_or(0, |s| self.id(s))
    }

    /// The string of an id (`None` for 0).
    pub fn get(&self, id: u32) -> Option<&str> {
        (id != 0).then(|| self.strings[id as usize].as_str())
    }

    /// Each id's rank in string order, none first: comparing ranks compares
    /// the strings (and `Option<String>`, where `None` sorts first).
    pub fn ranks(&self) -> Vec<u32> {
        let mut order: Vec<u32> = (1..self.strings.len() as u32).collect();
        order.sort_by(|&a, &b| self.strings[a as usize].cmp(&self.strings[b as usize]));
        let mut rank = vec![0u32; self.strings.len()];
        for (r, id) in order.into_iter().enumerate() {
            rank[id as usize] = r as u32 + 1;
        }
        rank
    }
}

/// What grouping and ordering need of a claim, as interned ids.
#[derive(Debug, Clone, Copy)]
pub struct Stub {
    pub kind: u32,
    pub unit: u32,
    pub scope: u32,
    pub side: u32,
    /// A year the text names that is not the article's ("la guerre de 2020").
    pub explicit_event: u32,
    pub date: u32,
    pub doc: u32,
    /// The article's most named countries, space-separated ([`Claim::topic`]).
    pub topic: u32,
    /// Where the figure is ([`Claim::place`]).
    pub place: u32,
    /// The earlier day its article recalls ([`Claim::recalls`]).
    pub recalls: u32,
    /// Its speaker, when that is one of the countries its article is about
    /// and the figure names no side or place: a party counting its own.
    pub party: u32,
    pub rule: u32,
    pub start: usize,
    pub end: usize,
}

/// The speaker of a figure that names no side or place, when it is one of
/// the countries its article is about ([`Stub::party`]).
pub fn party_of(c: &Claim) -> Option<&str> {
    if c.side.is_some() || c.place.is_some() {
        return None;
    }
    let speaker = c.attributed_to.as_ref()?.actor.as_deref()?;
    c.topic.iter().any(|t| t == speaker).then_some(speaker)
}

/// Every claim of a run, in arrival order, with its stub.
#[derive(Debug)]
pub struct ClaimStore {
    pub strings: Interner,
    pub stubs: Vec<Stub>,
    memory: Vec<Claim>,
    /// Each claim's evidence in context, beside it (in memory or in the file).
    evidence: Vec<Evidence>,
    spill: Option<Spill>,
    spill_after: usize,
}

impl Default for ClaimStore {
    fn default() -> ClaimStore {
        ClaimStore::new(spill_threshold())
    }
}

/// [`SPILL_AFTER`], or `CROSSCHECK_SPILL_AFTER` when set (tests set it to 0
/// to send every claim through the file).
fn spill_threshold() -> usize {
    std::env::var("CROSSCHECK_SPILL_AFTER")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SPILL_AFTER)
}

#[derive(Debug)]
struct Spill {
    /// Held for its `Drop`, which deletes the file with the store.
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "held to delete the file on drop")
    )]
    file: tempfile::TempPath,
    writer: BufWriter<File>,
    /// Where each claim's JSON starts in the file, and its length.
    index: Vec<(u64, u32)>,
    written: u64,
    reader: Option<File>,
}

impl ClaimStore {
    /// A store that keeps `spill_after` claims in memory, then uses a file.
    pub fn new(spill_after: usize) -> ClaimStore {
        ClaimStore {
            strings: Interner::default(),
            stubs: Vec::new(),
            memory: Vec::new(),
            evidence: Vec::new(),
            spill: None,
            spill_after,
        }
    }

    /// How many claims the store holds.
    pub fn len(&self) -> usize {
        self.stubs.len()
    }

    /// Whether the store holds no claim.
    pub fn is_empty(&self) -> bool {
        self.stubs.is_empty()
    }

    /// Whether the claims are in a temporary file.
    pub fn spilled(&self) -> bool {
        self.spill.is_some()
    }

    /// Adds a claim with no evidence in context.
    pub fn push(&mut self, claim: Claim) -> io::Result<()> {
        self.push_with(claim, Evidence::default())
    }

    /// Adds a claim and its evidence in context.
    pub fn push_with(&mut self, claim: Claim, evidence: Evidence) -> io::Result<()> {
        let s = &mut self.strings;
        let doc_year = claim.date.as_deref().and_then(|d| d.get(..4));
        let explicit = claim.event.as_deref().filter(|e| doc_year != Some(*e));
        self.stubs.push(Stub {
            kind: s.id(&claim.kind),
            unit: s.id(&claim.unit),
            scope: s.opt(claim.scope.as_deref()),
            side: s.opt(claim.side.as_deref()),
            explicit_event: s.opt(explicit),
            date: s.opt(claim.date.as_deref()),
            doc: s.id(&claim.doc),
            topic: s.id(&claim.topic.join(" ")),
            place: s.opt(claim.place.as_deref()),
            recalls: s.opt(claim.recalls.as_deref()),
            party: s.opt(party_of(&claim)),
            rule: s.id(&claim.rule),
            start: claim.start,
            end: claim.end,
        });
        if self.spill.is_none() && self.memory.len() >= self.spill_after {
            self.start_spill()?;
        }
        match &mut self.spill {
            Some(spill) => spill.append(&claim, &evidence),
            None => {
                self.memory.push(claim);
                self.evidence.push(evidence);
                Ok(())
            }
        }
    }

    fn start_spill(&mut self) -> io::Result<()> {
        let dir = std::env::temp_dir();
        let (file, path) = tempfile::Builder::new()
            .prefix("crosscheck-claims-")
            .suffix(".bin")
            .tempfile_in(&dir)
            .map_err(|e| {
                io::Error::new(
                    e.kind(),
                    format!(
                        "cannot create a temporary file for claims in {} ({e}); set TMPDIR to a writable folder",
                        dir.display()
                    ),
                )
            })?
            .into_parts();
        let mut spill = Spill {
            file: path,
            writer: BufWriter::with_capacity(1 << 20, file),
            index: Vec::new(),
            written: 0,
            reader: None,
        };
        for (claim, evidence) in self.memory.drain(..).zip(self.evidence.drain(..)) {
            spill.append(&claim, &evidence)?;
        }
        self.memory.shrink_to_fit();
        self.evidence.shrink_to_fit();
        self.spill = Some(spill);
        Ok(())
    }

    /// Ends writing: the store is read from here on.
    pub fn seal(&mut self) -> io::Result<()> {
        if let Some(spill) = &mut self.spill
            && spill.reader.is_none()
        {
            spill.writer.flush()?;
            spill.reader = Some(spill.writer.get_ref().try_clone()?);
        }
        Ok(())
    }

    /// The claims with these indices (in arrival order), in the order asked.
    /// Call [`ClaimStore::seal`] first.
    pub fn get(&self, ids: &[u32]) -> io::Result<Vec<Claim>> {
        ids.iter().map(|&i| self.claim(i)).collect()
    }

    /// The claim with this index. Call [`ClaimStore::seal`] first.
    pub fn claim(&self, i: u32) -> io::Result<Claim> {
        match &self.spill {
            None => Ok(self.memory[i as usize].clone()),
            Some(spill) => spill.read(i),
        }
    }

    /// Calls `f` with each claim of `ids` in turn, one in memory at a time.
    pub fn each(&self, ids: &[u32], f: &mut dyn FnMut(&Claim) -> io::Result<()>) -> io::Result<()> {
        match &self.spill {
            None => ids.iter().try_for_each(|&i| f(&self.memory[i as usize])),
            Some(spill) => ids.iter().try_for_each(|&i| f(&spill.read(i)?)),
        }
    }

    /// [`ClaimStore::each`] with each claim's evidence in context.
    pub fn each_with_evidence(
        &self,
        ids: &[u32],
        f: &mut dyn FnMut(&Claim, &Evidence) -> io::Result<()>,
    ) -> io::Result<()> {
        match &self.spill {
            None => ids
                .iter()
                .try_for_each(|&i| f(&self.memory[i as usize], &self.evidence[i as usize])),
            Some(spill) => ids.iter().try_for_each(|&i| {
                let (claim, evidence) = spill.read_with_evidence(i)?;
                f(&claim, &evidence)
            }),
        }
    }
}

impl Spill {
    fn record(&self, i: u32) -> io::Result<Vec<u8>> {
        let reader = self
            .reader
            .as_ref()
            .ok_or_else(|| io::Error::other("claim store read before it was sealed"))?;
        let (offset, len) = self.index[i as usize];
        let mut buf = vec![0; len as usize];
        read_at(reader, &mut buf, offset)?;
        Ok(buf)
    }

    /// The claim alone: its evidence, after it in the record, is not read.
    fn read(&self, i: u32) -> io::Result<Claim> {
        codec::decode(&mut codec::Reader(&self.record(i)?))
    }

    fn read_with_evidence(&self, i: u32) -> io::Result<(Claim, Evidence)> {
        let buf = self.record(i)?;
        let mut r = codec::Reader(&buf);
        let claim = codec::decode(&mut r)?;
        Ok((claim, codec::decode_evidence(&mut r)?))
    }

    fn append(&mut self, claim: &Claim, evidence: &Evidence) -> io::Result<()> {
        let mut bytes = Vec::with_capacity(256 + evidence.paragraph.len());
        codec::encode(claim, &mut bytes);
        codec::encode_evidence(evidence, &mut bytes);
        self.writer.write_all(&bytes)?;
        let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
        self.index.push((self.written, len));
        self.written += u64::from(len);
        Ok(())
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        let n = file.seek_read(buf, offset)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf = &mut buf[n..];
        offset += n as u64;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Qualifier, Value};

    fn claim(doc: &str, v: f64) -> Claim {
        Claim {
            doc: doc.into(),
            source: Some("Outlet".into()),
            event: Some("2020".into()),
            start: 3,
            end: 9,
            text: "« 29 morts »".into(),
            ..Claim::for_test("death_toll", "persons", v, "2023-09-20")
        }
    }

    #[test]
    fn spilled_claims_read_back_as_written() {
        let mut store = ClaimStore::new(2);
        let claims: Vec<Claim> = (0..5).map(|i| claim(&format!("d{i}"), i as f64)).collect();
        for (i, c) in claims.iter().enumerate() {
            let evidence = Evidence {
                line: i + 1,
                column: 2,
                paragraph: format!("Avant. {} Après.", c.text),
                sentence: [7, 7 + c.text.len()],
                mark: [7, 7 + c.text.len()],
            };
            store.push_with(c.clone(), evidence).unwrap();
        }
        assert!(store.spilled());
        store.seal().unwrap();
        assert_eq!(
            store.get(&[4, 0, 2]).unwrap(),
            vec![claims[4].clone(), claims[0].clone(), claims[2].clone()]
        );
        let mut lines = Vec::new();
        store
            .each_with_evidence(&[1, 3], &mut |c, e| {
                assert_eq!(e.sentence_parts().unwrap().1, c.text);
                lines.push(e.line);
                Ok(())
            })
            .unwrap();
        assert_eq!(lines, vec![2, 4]);
        let path = store.spill.as_ref().unwrap().file.to_path_buf();
        assert!(path.exists());
        drop(store);
        assert!(!path.exists(), "the temporary file is removed");
    }

    #[test]
    fn every_field_survives_the_file_format() {
        let mut c = claim("d", 7000.5);
        c.source = None;
        c.value = Value::Actor("azerbaijan".into());
        c.low = None;
        c.qualifier = Qualifier::About;
        c.scope = Some("civilians".into());
        c.side = Some("armenia".into());
        c.since = Some("2022-12-12".into());
        c.place = Some("mozambique".into());
        c.topic = vec!["malawi".into(), "mozambique".into()];
        c.attributed_to = Some(crate::claim::Attribution {
            actor: None,
            text: "le ministère".into(),
            key: Some("ministere".into()),
        });
        let mut bytes = Vec::new();
        codec::encode(&c, &mut bytes);
        assert_eq!(codec::decode(&mut codec::Reader(&bytes)).unwrap(), c);
        assert!(codec::decode(&mut codec::Reader(&bytes[..bytes.len() - 1])).is_err());
    }

    #[test]
    fn ranks_follow_string_order_with_none_first() {
        let mut s = Interner::default();
        let b = s.id("b");
        let a = s.id("a");
        let r = s.ranks();
        assert!(r[0] < r[a as usize] && r[a as usize] < r[b as usize]);
        assert_eq!(s.get(0), None);
        assert_eq!(s.get(b), Some("b"));
    }

    #[test]
    fn stubs_keep_only_events_other_than_the_articles_year() {
        let mut store = ClaimStore::new(10);
        store.push(claim("a", 1.0)).unwrap();
        let mut same_year = claim("b", 1.0);
        same_year.event = Some("2023".into());
        store.push(same_year).unwrap();
        assert_eq!(
            store.strings.get(store.stubs[0].explicit_event),
            Some("2020")
        );
        assert_eq!(store.stubs[1].explicit_event, 0);
    }
}
