//! `report --format claimreview`: one schema.org `ClaimReview` per flagged
//! group, as JSON-LD a newsroom pastes into its page inside
//! `<script type="application/ld+json">`. Google's fact-check markup needs
//! `claimReviewed`, `reviewRating` (with `alternateName`, the verdict in
//! words) and `url` (the review's page: `#g-<group>` by default, which
//! JSON-LD resolves against the page it is pasted into, or under
//! `--review-url`); `author`, `datePublished` and `itemReviewed` (the
//! `Claim`: who made it, when, and where it appeared) are given too.
//!
//! The claim reviewed is the group's first claim (its earliest); the rating
//! says how the other sources stand against it, its explanation is the
//! group's summary.

use super::Report;
use crate::claim::Claim;
use crate::reconcile::{Group, Verdict};
use serde_json::{Value, json};
use std::io::{self, Write};

/// Who publishes the reviews and where.
#[derive(Debug, Clone, Default)]
pub struct Publisher {
    /// The page the reviews are published on; each review is `URL#g-<group>`.
    pub url: Option<String>,
    /// The organisation that publishes them (default: "crosscheck").
    pub name: Option<String>,
}

/// The verdict in words and on a 1 (false) to 5 (true) scale.
fn rating(v: Verdict) -> (&'static str, u8) {
    match v {
        Verdict::Contradiction => ("Contradicted by other sources", 1),
        Verdict::Divergent => ("Disputed: sources give different figures", 2),
        Verdict::Update => ("Superseded by a later figure", 3),
        Verdict::Consistent => ("Consistent with other sources", 5),
        Verdict::SingleSource => ("Unverified: a single source", 3),
    }
}

/// A speaker as a schema.org `Organization` (an actor, an outlet) or, for
/// words that name no known actor, a `Person`.
fn speaker(report: &Report, c: &Claim) -> Value {
    let kind = match &c.attributed_to {
        Some(a) if a.actor.is_none() => "Person",
        _ => "Organization",
    };
    let name = match &c.attributed_to {
        None => c.source.clone().unwrap_or_else(|| "the outlet".into()),
        Some(_) => report.speaker_name(c),
    };
    json!({"@type": kind, "name": name})
}

/// Where a claim appeared: its article.
fn appearance(report: &Report, c: &Claim) -> Value {
    let mut work = json!({"@type": "CreativeWork", "name": c.doc});
    if let Some(url) = report.url(&c.doc) {
        work["url"] = json!(url);
    }
    if let Some(d) = &c.date {
        work["datePublished"] = json!(d);
    }
    if let Some(s) = &c.source {
        work["publisher"] = json!({"@type": "Organization", "name": s});
    }
    work
}

fn review(report: &Report, g: &Group, publisher: &Publisher) -> io::Result<Value> {
    let mut claims: Vec<Claim> = Vec::new();
    report.each_claim(g, &mut |c| {
        claims.push(c.clone());
        Ok(())
    })?;
    let Some(first) = claims.first() else {
        return Ok(Value::Null);
    };
    let anchor: String =
        g.id.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
    let url = format!("{}#g-{anchor}", publisher.url.as_deref().unwrap_or(""));
    let (words, value) = rating(g.verdict);
    let subject = g.kind.replace('_', " ");
    let claim_reviewed = format!(
        "{}: {} ({subject}, {})",
        report.speaker_name(first),
        report.figure_with_unit(first),
        g.event
    );
    // Every article where the first claim's speaker says it, in the group's order.
    let mut appearances: Vec<Value> = Vec::new();
    for c in claims
        .iter()
        .filter(|c| c.speaker_id() == first.speaker_id())
    {
        let a = appearance(report, c);
        if !appearances.contains(&a) {
            appearances.push(a);
        }
    }
    let latest = claims.iter().filter_map(|c| c.date.as_deref()).max();
    let mut item = json!({
        "@type": "Claim",
        "author": speaker(report, first),
        "appearance": appearances,
        "firstAppearance": appearance(report, first),
    });
    if let Some(d) = &first.date {
        item["datePublished"] = json!(d);
    }
    let mut out = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_reviewed,
        "author": {
            "@type": "Organization",
            "name": publisher.name.as_deref().unwrap_or("crosscheck"),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": words,
            "ratingExplanation": g.summary,
        },
        "itemReviewed": item,
    });
    if let Some(d) = latest {
        out["datePublished"] = json!(d);
    }
    Ok(out)
}

/// `report --format claimreview`: a JSON-LD array, one `ClaimReview` per
/// flagged group (contradictions first), pretty-printed for pasting.
pub fn write_claimreview(
    report: &Report,
    publisher: &Publisher,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut reviews = Vec::new();
    for g in report
        .for_people()
        .into_iter()
        .filter(|g| g.verdict.flagged())
    {
        let r = review(report, g, publisher)?;
        if !r.is_null() {
            reviews.push(r);
        }
    }
    serde_json::to_writer_pretty(&mut *out, &reviews).map_err(io::Error::other)?;
    writeln!(out)
}
