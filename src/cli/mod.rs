//! The binary's parts: its arguments and its commands.

pub mod args;
pub mod reports;
pub mod tools;
