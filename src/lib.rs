//! crosscheck: cross-checks attributed claims across news articles.
//!
//! Data flows one way; no stage imports a later one. Each stage is a
//! folder, listed here in pipeline order:
//!
//! ```text
//! paths ──corpus──▶ Document ──text──▶ folded sentences ──extract(RuleSet)──▶ Claim ──reconcile──▶ Group + Verdict ──report──▶ table | md | json | csv
//!         │                                   ▲        ▲      │
//!         └─ Skipped{reason}          quantity┘   rules┘      └ attribution, events
//! ```
//!
//! `rules` compiles rule files with the figure patterns of `quantity` and
//! the names of `actors`; [`rule_examples`] runs rule files' examples
//! through extraction (its printout is in `report`); [`pipeline`] runs the
//! stages over a stream of inputs in parallel. The library never prints: `main.rs` alone prints
//! and exits.
#![deny(clippy::print_stdout, clippy::print_stderr)]

// Shared by every stage.
pub mod claim;
pub mod error;
pub mod work;
pub mod yaml;

// The stages, in pipeline order.
// language packs: every word the engine knows
pub mod lang;
// paths → documents
pub mod corpus;
// folded copy, sentences
pub mod text;
// figures as intervals and tokens
pub mod quantity;
// the gazetteer
pub mod actors;
// rule files → RuleSet
pub mod rules;
// documents → claims
pub mod extract;
// rule files' examples through the engine so far
pub mod rule_examples;
// claims → groups and verdicts
pub mod reconcile;
// groups → what people read
pub mod report;

// What runs them.
pub mod pipeline;
