//! crosscheck: cross-checks attributed claims across news articles.
//!
//! Data flows one way; no stage imports a later one.
//!
//! ```text
//! paths ──corpus──▶ Document ──extract(RuleSet)──▶ Claim ──reconcile──▶ Group + Verdict ──report──▶ table | md | json | csv
//!             │                    ▲      │
//!             │            quantity│      │attribution
//!             └─ Skipped{reason}   └──────┘
//! ```
//!
//! The library never prints: `main.rs` alone prints and exits.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod actors;
pub mod attribution;
pub mod claim;
pub mod corpus;
pub mod error;
pub mod examples;
pub mod expect;
pub mod extract;
pub mod fold;
pub mod jsonl;
pub mod pipeline;
pub mod quantity;
pub mod reconcile;
pub mod report;
pub mod rules;
pub mod text;
pub mod yaml;

use rayon::prelude::*;

/// Extracts the claims of every document, in parallel, in document order.
pub fn extract_all(
    documents: &[corpus::Document],
    rules: &rules::RuleSet,
) -> Vec<Vec<claim::Claim>> {
    documents
        .par_iter()
        .map(|d| extract::extract(d, rules))
        .collect()
}

/// Loads, extracts, reconciles: the whole pipeline to a [`report::Report`].
pub fn build_report(corpus: corpus::Corpus, rules: &rules::RuleSet) -> report::Report {
    let per_doc = extract_all(&corpus.documents, rules);
    let documents = corpus
        .documents
        .iter()
        .zip(&per_doc)
        .map(|(d, claims)| report::DocSummary {
            doc: d.id.clone(),
            source: d.source.clone(),
            date: d.date.map(|d| d.to_string()),
            lang: d.lang.clone(),
            claims: claims.len(),
        })
        .collect();
    let claims: Vec<claim::Claim> = per_doc.into_iter().flatten().collect();
    report::Report {
        documents,
        skipped: corpus.skipped,
        groups: reconcile::reconcile(claims, rules),
    }
}
