//! Typed errors. Each says where (file:line:column when there is one), what,
//! and how to fix it; `main.rs` maps every one of them to exit code 2.

use std::fmt;

/// A place in a file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: String,
    pub line: u64,
    pub column: u64,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.path)
        } else {
            write!(f, "{}:{}:{}", self.path, self.line, self.column)
        }
    }
}

/// Everything the library can refuse.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule, actors, reconcile or lexicon file that cannot be used; nothing of the
    /// rule set is loaded.
    #[error("{location}: {message}")]
    Rules { location: Location, message: String },
    /// An input path that cannot be read at all (a missing path, an unreadable folder).
    #[error("{path}: {message}")]
    Input { path: String, message: String },
    /// A request that makes no sense (an empty corpus, a bad option value).
    #[error("{0}")]
    Usage(String),
    /// Writing the report failed (a closed pipe, a full disk).
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
}

impl Error {
    /// A rule-file error at a known place.
    pub fn rules(path: &str, line: u64, column: u64, message: impl Into<String>) -> Error {
        Error::Rules {
            location: Location {
                path: path.to_string(),
                line,
                column,
            },
            message: message.into(),
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
