//! A count of the work extraction does: the bytes each step reads (folding,
//! splitting, each rule's and cue's scan of a sentence, each candidate's and
//! claim's reading of its sentence, each scan for actors' names), kept per
//! thread. Wall time flickers; this count does not, so a test can hold
//! extraction to linear time: the same text repeated four times must cost
//! about four times the work. Counting costs one add per step.

use std::cell::Cell;

thread_local! {
    static READ: Cell<u64> = const { Cell::new(0) };
}

/// Counts a step that reads `bytes` bytes.
pub fn read(bytes: usize) {
    READ.with(|c| c.set(c.get().saturating_add(bytes as u64)));
}

/// The bytes counted on this thread since the last call, and a fresh count.
pub fn take() -> u64 {
    READ.with(|c| c.replace(0))
}

/// Patterns compiled by rule loading (each claim rule, refusal, cue and
/// event regex, and each language's sets), across all threads of the
/// process. Loading is linear in the rules when this grows by a fixed
/// number per rule, whatever the number of files they are spread over.
static PATTERNS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Counts one pattern compiled.
pub fn pattern_compiled() {
    PATTERNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// Patterns compiled in this process so far.
pub fn patterns_compiled() -> u64 {
    PATTERNS.load(std::sync::atomic::Ordering::Relaxed)
}
