//! The temporary file's record of a claim: each field in order, strings
//! length-prefixed, numbers as little-endian bytes. Written and read by this
//! process only; several times faster than JSON both ways.

use crate::claim::{Attribution, Claim, Evidence, Qualifier, Value};
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

pub(super) fn encode(c: &Claim, out: &mut Vec<u8>) {
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
    out.push(u8::from(c.vague) | (u8::from(c.earlier) << 1));
    str(out, &c.unit);
    opt_str(out, c.scope.as_deref());
    opt_str(out, c.side.as_deref());
    opt_str(out, c.event.as_deref());
    opt_str(out, c.since.as_deref());
    opt_str(out, c.recalls.as_deref());
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

pub(super) fn encode_evidence(e: &Evidence, out: &mut Vec<u8>) {
    for n in [
        e.line,
        e.column,
        e.sentence[0],
        e.sentence[1],
        e.mark[0],
        e.mark[1],
    ] {
        out.extend_from_slice(&(n as u64).to_le_bytes());
    }
    str(out, &e.paragraph);
}

pub(super) fn decode_evidence(r: &mut Reader) -> io::Result<Evidence> {
    let mut n = [0usize; 6];
    for v in &mut n {
        *v = r.u64()? as usize;
    }
    Ok(Evidence {
        line: n[0],
        column: n[1],
        sentence: [n[2], n[3]],
        mark: [n[4], n[5]],
        paragraph: r.str()?,
    })
}

pub(super) struct Reader<'a>(pub &'a [u8]);

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

pub(super) fn decode(r: &mut Reader) -> io::Result<Claim> {
    // `vague` and `earlier` share a byte; fields are read in order.
    let flags: u8;
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
        vague: {
            flags = r.byte()?;
            flags & 1 != 0
        },
        earlier: flags & 2 != 0,
        unit: r.str()?,
        scope: r.opt_str()?,
        side: r.opt_str()?,
        event: r.opt_str()?,
        since: r.opt_str()?,
        recalls: r.opt_str()?,
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
