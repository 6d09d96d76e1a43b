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
//! [`pipeline`] runs the stages over a stream of inputs; the library never
//! prints: `main.rs` alone prints and exits.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod actors;
pub mod claim;
pub mod corpus;
pub mod error;
pub mod extract;
pub mod lang;
pub mod pipeline;
pub mod quantity;
pub mod reconcile;
pub mod report;
pub mod rule_examples;
pub mod rules;
pub mod text;
pub mod yaml;
