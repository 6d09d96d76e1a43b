//! Values the YAML types accept that a rule set must not: a negative window
//! of days, a tolerance that is not a share, a kind or id that reports and
//! filters cannot name, a language no pack reads. Each is refused at its
//! place, as a pattern that does not compile is.

use super::placeholders::at;
use super::*;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// The widest `window_days`: ten years.
pub const MAX_WINDOW_DAYS: i64 = 3650;

/// The reconcile file's numbers, with where each is written.
#[derive(Deserialize)]
struct LocatedReconcile {
    #[serde(default)]
    window_days: Option<Spanned<i64>>,
    #[serde(default)]
    default: Option<LocatedKind>,
    #[serde(default)]
    kinds: BTreeMap<String, LocatedKind>,
}

#[derive(Deserialize)]
struct LocatedKind {
    #[serde(default)]
    tolerance: Option<Spanned<f64>>,
    #[serde(default)]
    partial_below: Option<Spanned<f64>>,
    #[serde(default)]
    actor_part_below: Option<Spanned<f64>>,
    #[serde(default)]
    apart_beyond: Option<Spanned<f64>>,
    #[serde(default)]
    contradiction_beyond: Option<Spanned<f64>>,
}

/// Refuses a reconcile file (already read as a [`ReconcileSpec`]) whose
/// window or shares are out of range, at the value.
pub(super) fn reconcile(path: &str, text: &str) -> Result<()> {
    let r: LocatedReconcile = crate::yaml::parse(path, text)?;
    if let Some(w) = &r.window_days
        && !(0..=MAX_WINDOW_DAYS).contains(&w.value)
    {
        return Err(at(
            path,
            w,
            format!(
                "window_days {} is not a number of days from 0 to {MAX_WINDOW_DAYS}; \
                 articles further apart than this are about different events (the default is 21)",
                w.value
            ),
        ));
    }
    for k in r.default.iter().chain(r.kinds.values()) {
        for (name, value, hint) in [
            (
                "tolerance",
                &k.tolerance,
                "0.1: figures within 10% of each other agree",
            ),
            (
                "partial_below",
                &k.partial_below,
                "0.33: a figure below a third of the largest is a part",
            ),
            (
                "actor_part_below",
                &k.actor_part_below,
                "0.1: an actor's figure below a tenth of another source's earlier one is a part",
            ),
        ] {
            if let Some(v) = value
                && !(v.value.is_finite() && (0.0..=1.0).contains(&v.value))
            {
                return Err(at(
                    path,
                    v,
                    format!(
                        "{name} {} is not a share from 0 to 1 ({hint})",
                        shown(v.value)
                    ),
                ));
            }
        }
        for (name, value, hint) in [
            (
                "apart_beyond",
                &k.apart_beyond,
                "3: figures more than three times apart count different places",
            ),
            (
                "contradiction_beyond",
                &k.contradiction_beyond,
                "2: counts that miss each other contradict when one is more than twice the other",
            ),
        ] {
            if let Some(v) = value
                && !(v.value == 0.0 || (v.value.is_finite() && v.value >= 1.0))
            {
                return Err(at(
                    path,
                    v,
                    format!(
                        "{name} {} is not 0 or a ratio of at least 1 ({hint})",
                        shown(v.value)
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// A number as a writer would write it: `1e308`, not 309 digits.
fn shown(v: f64) -> String {
    if v.is_finite() && v != 0.0 && !(1e-6..1e16).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// Refuses a kind that is not a name of lowercase letters, digits and `_`.
pub(super) fn kind(path: &str, kind: &Spanned<String>) -> Result<()> {
    let k = &kind.value;
    if k.is_empty()
        || !k
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return Err(at(
            path,
            kind,
            format!(
                "kind {k:?} is not a kind name: use lowercase letters, digits and _ (such as death_toll)"
            ),
        ));
    }
    Ok(())
}

/// Refuses an id that is empty or holds more than letters, digits, `.`, `_` and `-`.
pub(super) fn id(path: &str, id: &Spanned<String>) -> Result<()> {
    let v = &id.value;
    if v.is_empty()
        || !v
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    {
        return Err(at(
            path,
            id,
            format!(
                "id {v:?} is not an id: use letters, digits, '.', '_' and '-' (such as fr.death_toll.noun)"
            ),
        ));
    }
    Ok(())
}

/// Refuses a rule file in a language no pack reads: its `{quantity}` would
/// read digits only, and its articles would silently yield less.
pub(super) fn lang_has_pack(
    path: &str,
    lang: &Spanned<String>,
    code: &str,
    packs: &crate::lang::Languages,
) -> Result<()> {
    let known = packs.codes();
    if known.contains(&code) {
        return Ok(());
    }
    Err(at(
        path,
        lang,
        format!(
            "lang {code:?} has no language pack (there are: {}); add one under lang/{code}/ in the rules folder (see docs/LANGUAGES.md)",
            known.join(", ")
        ),
    ))
}
