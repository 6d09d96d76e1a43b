//! The claims a report is built from, held compactly: every claim's grouping
//! fields as a [`Stub`] of interned ids (48 bytes), and the claim itself in
//! memory or, past [`ClaimStore::spill_after`] claims, in a temporary file
//! the store deletes when dropped. Reconciling then holds one group's claims
//! at a time, so `report` on a gigabyte of news stays within a few hundred
//! megabytes whatever the claim count.

use crate::claim::Claim;
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
    pub rule: u32,
    pub start: usize,
    pub end: usize,
}

/// Every claim of a run, in arrival order, with its stub.
#[derive(Debug)]
pub struct ClaimStore {
    pub strings: Interner,
    pub stubs: Vec<Stub>,
    memory: Vec<Claim>,
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

    /// Adds a claim.
    pub fn push(&mut self, claim: Claim) -> io::Result<()> {
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
            rule: s.id(&claim.rule),
            start: claim.start,
            end: claim.end,
        });
        if self.spill.is_none() && self.memory.len() >= self.spill_after {
            self.start_spill()?;
        }
        match &mut self.spill {
            Some(spill) => spill.append(&claim),
            None => {
                self.memory.push(claim);
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
        for claim in self.memory.drain(..) {
            spill.append(&claim)?;
        }
        self.memory.shrink_to_fit();
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
}

impl Spill {
    fn read(&self, i: u32) -> io::Result<Claim> {
        let reader = self
            .reader
            .as_ref()
            .ok_or_else(|| io::Error::other("claim store read before it was sealed"))?;
        let (offset, len) = self.index[i as usize];
        let mut buf = vec![0; len as usize];
        read_at(reader, &mut buf, offset)?;
        codec::decode(&buf)
    }

    fn append(&mut self, claim: &Claim) -> io::Result<()> {
        let mut bytes = Vec::with_capacity(256);
        codec::encode(claim, &mut bytes);
        self.writer.write_all(&bytes)?;
        let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
        self.index.push((self.written, len));
        self.written += u64::from(len);
        Ok(())
    }
}

/// The temporary file's record of a claim: each field in order, strings
/// length-prefixed, numbers as little-endian bytes. Written and read by this
/// process only; several times faster than JSON both ways.
mod codec {
    use crate::claim::{Attribution, Claim, Qualifier, Value};
    use std::io;

    const QUALIFIERS: [Qualifier; 7] = [
        Qualifier::Exact,
        Qualifier::AtLeast,
        Qualifier::MoreThan,
        Qualifier::AtMost,
        Qualifier::LessThan,
        Qualifier::About,
        Qualifier::Range,
    ];

    fn str(out: &mut Vec<u8>, s: &str) {
        out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
    }

    fn opt_str(out: &mut Vec<u8>, s: Option<&str>) {
        match s {
            None => out.push(0),
            Some(s) => {
                out.push(1);
                str(out, s);
            }
        }
    }

    fn opt_num(out: &mut Vec<u8>, v: Option<f64>) {
        match v {
            None => out.push(0),
            Some(v) => {
                out.push(1);
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
    }

    pub fn encode(c: &Claim, out: &mut Vec<u8>) {
        str(out, &c.doc);
        opt_str(out, c.source.as_deref());
        opt_str(out, c.date.as_deref());
        str(out, &c.lang);
        str(out, &c.rule);
        str(out, &c.kind);
        match &c.value {
            Value::Number(v) => {
                out.push(0);
                out.extend_from_slice(&v.to_le_bytes());
            }
            Value::Actor(a) => {
                out.push(1);
                str(out, a);
            }
        }
        opt_num(out, c.low);
        opt_num(out, c.high);
        out.push(
            QUALIFIERS
                .iter()
                .position(|q| *q == c.qualifier)
                .unwrap_or(0) as u8,
        );
        str(out, &c.unit);
        opt_str(out, c.scope.as_deref());
        opt_str(out, c.side.as_deref());
        opt_str(out, c.event.as_deref());
        opt_str(out, c.since.as_deref());
        opt_str(out, c.place.as_deref());
        out.extend_from_slice(&(c.topic.len() as u64).to_le_bytes());
        for t in &c.topic {
            str(out, t);
        }
        match &c.attributed_to {
            None => out.push(0),
            Some(a) => {
                out.push(1);
                opt_str(out, a.actor.as_deref());
                str(out, &a.text);
                opt_str(out, a.key.as_deref());
            }
        }
        out.extend_from_slice(&(c.start as u64).to_le_bytes());
        out.extend_from_slice(&(c.end as u64).to_le_bytes());
        str(out, &c.text);
    }

    struct Reader<'a>(&'a [u8]);

    fn bad() -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "the temporary claim file is damaged",
        )
    }

    impl Reader<'_> {
        fn take(&mut self, n: usize) -> io::Result<&[u8]> {
            if self.0.len() < n {
                return Err(bad());
            }
            let (head, rest) = self.0.split_at(n);
            self.0 = rest;
            Ok(head)
        }
        fn byte(&mut self) -> io::Result<u8> {
            Ok(self.take(1)?[0])
        }
        fn u64(&mut self) -> io::Result<u64> {
            Ok(u64::from_le_bytes(
                self.take(8)?.try_into().map_err(|_| bad())?,
            ))
        }
        fn f64(&mut self) -> io::Result<f64> {
            Ok(f64::from_bits(self.u64()?))
        }
        fn str(&mut self) -> io::Result<String> {
            let n = u32::from_le_bytes(self.take(4)?.try_into().map_err(|_| bad())?) as usize;
            String::from_utf8(self.take(n)?.to_vec()).map_err(|_| bad())
        }
        fn opt_str(&mut self) -> io::Result<Option<String>> {
            Ok(match self.byte()? {
                0 => None,
                _ => Some(self.str()?),
            })
        }
        fn opt_num(&mut self) -> io::Result<Option<f64>> {
            Ok(match self.byte()? {
                0 => None,
                _ => Some(self.f64()?),
            })
        }
    }

    pub fn decode(bytes: &[u8]) -> io::Result<Claim> {
        let mut r = Reader(bytes);
        Ok(Claim {
            doc: r.str()?,
            source: r.opt_str()?,
            date: r.opt_str()?,
            lang: r.str()?,
            rule: r.str()?,
            kind: r.str()?,
            value: match r.byte()? {
                0 => Value::Number(r.f64()?),
                _ => Value::Actor(r.str()?),
            },
            low: r.opt_num()?,
            high: r.opt_num()?,
            qualifier: *QUALIFIERS.get(r.byte()? as usize).ok_or_else(bad)?,
            unit: r.str()?,
            scope: r.opt_str()?,
            side: r.opt_str()?,
            event: r.opt_str()?,
            since: r.opt_str()?,
            place: r.opt_str()?,
            topic: {
                let n = r.u64()? as usize;
                (0..n).map(|_| r.str()).collect::<io::Result<_>>()?
            },
            attributed_to: match r.byte()? {
                0 => None,
                _ => Some(Attribution {
                    actor: r.opt_str()?,
                    text: r.str()?,
                    key: r.opt_str()?,
                }),
            },
            start: r.u64()? as usize,
            end: r.u64()? as usize,
            text: r.str()?,
        })
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
        for c in &claims {
            store.push(c.clone()).unwrap();
        }
        assert!(store.spilled());
        store.seal().unwrap();
        assert_eq!(
            store.get(&[4, 0, 2]).unwrap(),
            vec![claims[4].clone(), claims[0].clone(), claims[2].clone()]
        );
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
        assert_eq!(codec::decode(&bytes).unwrap(), c);
        assert!(codec::decode(&bytes[..bytes.len() - 1]).is_err());
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
