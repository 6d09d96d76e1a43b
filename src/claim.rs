//! The shared data every stage after extraction speaks: claims, figures as
//! intervals, attributions. `reconcile` and `report` depend on this module,
//! never on the extractor.

use serde::{Deserialize, Serialize, Serializer};

/// How the wording bounds a figure ("au moins 29" is 29 or more).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// The figure as stated: [v, v].
    Exact,
    /// "au moins", "at least", "no fewer than": [v, ∞).
    AtLeast,
    /// "plus de", "more than", "over": (v, ∞).
    MoreThan,
    /// "au plus", "jusqu'à", "up to": (−∞, v].
    AtMost,
    /// "moins de", "less than": (−∞, v).
    LessThan,
    /// "environ", "près de", "about", "nearly": around v.
    About,
    /// "entre 20 et 30", "20 à 30", "20-30": [low, high].
    Range,
}

impl Qualifier {
    /// The snake_case name used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtMost => "at_most",
            Qualifier::LessThan => "less_than",
            Qualifier::About => "about",
            Qualifier::Range => "range",
        }
    }

    /// How a person reads the qualifier before a figure ("at least 29").
    pub fn prefix(self) -> &'static str {
        match self {
            Qualifier::Exact | Qualifier::Range => "",
            Qualifier::AtLeast => "at least ",
            Qualifier::MoreThan => "more than ",
            Qualifier::AtMost => "at most ",
            Qualifier::LessThan => "less than ",
            Qualifier::About => "about ",
        }
    }
}

/// The unit of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

impl TimeUnit {
    /// The unit a rule file names (`months`), if it is one of time.
    pub fn parse(unit: &str) -> Option<TimeUnit> {
        Some(match unit {
            "seconds" => TimeUnit::Seconds,
            "minutes" => TimeUnit::Minutes,
            "hours" => TimeUnit::Hours,
            "days" => TimeUnit::Days,
            "weeks" => TimeUnit::Weeks,
            "months" => TimeUnit::Months,
            "years" => TimeUnit::Years,
            _ => return None,
        })
    }

    /// The plural English name ("months"), as in the `unit` field.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Seconds => "seconds",
            TimeUnit::Minutes => "minutes",
            TimeUnit::Hours => "hours",
            TimeUnit::Days => "days",
            TimeUnit::Weeks => "weeks",
            TimeUnit::Months => "months",
            TimeUnit::Years => "years",
        }
    }

    /// Seconds in one unit, with the conventions of Recognizers-Text
    /// (month = 30 days, year = 365 days).
    pub fn seconds(self) -> f64 {
        match self {
            TimeUnit::Seconds => 1.0,
            TimeUnit::Minutes => 60.0,
            TimeUnit::Hours => 3_600.0,
            TimeUnit::Days => 86_400.0,
            TimeUnit::Weeks => 604_800.0,
            TimeUnit::Months => 2_592_000.0,
            TimeUnit::Years => 31_536_000.0,
        }
    }
}

/// A figure as the wording allows it: a point value inside an interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The point figure (for vague wording, the conservative bound).
    #[serde(serialize_with = "ser_num")]
    pub value: f64,
    /// Lower bound; `None` is unbounded.
    #[serde(serialize_with = "ser_opt_num")]
    pub low: Option<f64>,
    /// Upper bound; `None` is unbounded.
    #[serde(serialize_with = "ser_opt_num")]
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// Set for durations; `None` for counts.
    pub unit: Option<TimeUnit>,
    /// For a duration counted from a date ("depuis décembre 2022"), the start date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<jiff::civil::Date>,
}

impl Quantity {
    /// Whether the figure is a whole number, as a count of people is ("2.5
    /// million" is; "a magnitude of 7.2" is not). Bounds are not asked:
    /// "about 7,336" spans 10 % either side.
    pub fn is_whole(&self) -> bool {
        self.value.fract() == 0.0
    }

    /// An exact figure.
    pub fn exact(value: f64) -> Quantity {
        Quantity {
            value,
            low: Some(value),
            high: Some(value),
            qualifier: Qualifier::Exact,
            unit: None,
            since: None,
        }
    }
}

/// A claim's value: a figure, or for categorical kinds an actor id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(#[serde(serialize_with = "ser_num")] f64),
    Actor(String),
}

impl Value {
    /// The figure, when the value is one.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Actor(_) => None,
        }
    }
}

/// Who makes a claim, as the article reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Attribution {
    /// Canonical actor id, when the speaker maps to one.
    pub actor: Option<String>,
    /// The speaker as the article names it.
    pub text: String,
    /// When no actor matches: the speaker's phrase, normalised ("health
    /// ministry"), so that one unnamed speaker groups with itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// One attributed claim, pointing at the original file's bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub doc: String,
    pub source: Option<String>,
    pub date: Option<String>,
    pub lang: String,
    pub rule: String,
    pub kind: String,
    pub value: Value,
    #[serde(serialize_with = "ser_opt_num")]
    pub low: Option<f64>,
    #[serde(serialize_with = "ser_opt_num")]
    pub high: Option<f64>,
    pub qualifier: Qualifier,
    /// The figure is a vague quantity ("thousands", « des milliers »): its
    /// interval is a bound, not a count anyone made.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub vague: bool,
    /// The figure is an earlier count its article recalls (« un précédent
    /// bilan faisait état de 73 morts », "up from 94 the previous day"): the
    /// article's own count is another of its figures.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub earlier: bool,
    pub unit: String,
    pub scope: Option<String>,
    /// Whose side is counted ("192 soldats azerbaïdjanais": azerbaijan).
    #[serde(default)]
    pub side: Option<String>,
    /// The event the claim is about when the text names one ("la guerre de 2020": `2020`).
    #[serde(default)]
    pub event: Option<String>,
    /// For a duration counted from a date, the start date (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// When the claim names no event: the first day, a week or more before
    /// the article, that the article's opening names (`YYYY-MM-DD`). A report
    /// written weeks later recalls the event it follows up (« l'attaque du
    /// 24 août », in October).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recalls: Option<String>,
    /// The country the figure's clause places it in ("in Malawi", « en
    /// Turquie »): figures of different places are not compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The countries the article names most (at most two, most named
    /// first): what ties it to other articles about the same event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topic: Vec<String>,
    pub attributed_to: Option<Attribution>,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Claim {
    /// The speaker's actor id, or `outlet` when the article speaks for itself.
    pub fn speaker_id(&self) -> &str {
        self.attributed_to
            .as_ref()
            .and_then(|a| a.actor.as_deref().or(a.key.as_deref()))
            .unwrap_or("outlet")
    }

    /// The speaker as a person reads it: actor id, else the quoted name,
    /// else the outlet's own reporting.
    pub fn speaker_label(&self) -> String {
        match &self.attributed_to {
            Some(Attribution {
                actor: Some(id), ..
            }) => id.clone(),
            Some(Attribution {
                actor: None, text, ..
            }) => text.clone(),
            None => match &self.source {
                Some(s) => format!("{s} (own reporting)"),
                None => "the outlet (own reporting)".to_string(),
            },
        }
    }

    /// The figure as a person reads it: "at least 29", "2 000-3 000", "azerbaijan".
    pub fn figure_label(&self) -> String {
        match &self.value {
            Value::Actor(a) => a.clone(),
            Value::Number(v) => match self.qualifier {
                Qualifier::Range => format!(
                    "{}-{}",
                    fmt_num(self.low.unwrap_or(*v)),
                    fmt_num(self.high.unwrap_or(*v))
                ),
                q => format!("{}{}", q.prefix(), fmt_num(*v)),
            },
        }
    }
}

/// Where a claim's evidence sits and what surrounds it, for people: its
/// line and column in the article (1-based, the column in characters), and
/// its paragraph (at most [`Evidence::MAX_PARAGRAPH`] bytes, whitespace runs
/// as single spaces) with the claim's sentence and words as byte ranges of
/// it. A claim read from a file that had none (plain claim lines) has the
/// default: line 0, nothing to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub line: usize,
    pub column: usize,
    pub paragraph: String,
    /// The claim's sentence: `[start, end)` in `paragraph`.
    pub sentence: [usize; 2],
    /// The claim's words: `[start, end)` in `paragraph`, inside `sentence`.
    pub mark: [usize; 2],
}

impl Evidence {
    /// The longest paragraph kept: past it, the sentence and as many
    /// neighbouring sentences as fit.
    pub const MAX_PARAGRAPH: usize = 900;

    /// Whether the evidence is known and its ranges fit its paragraph.
    pub fn known(&self) -> bool {
        let p = &self.paragraph;
        let [ss, se] = self.sentence;
        let [ms, me] = self.mark;
        self.line > 0
            && ss <= ms
            && ms <= me
            && me <= se
            && se <= p.len()
            && [ss, se, ms, me].iter().all(|&i| p.is_char_boundary(i))
    }

    /// The sentence in three parts: before the claim's words, the words, after.
    pub fn sentence_parts(&self) -> Option<(&str, &str, &str)> {
        self.known().then(|| {
            let p = &self.paragraph;
            let ([ss, se], [ms, me]) = (self.sentence, self.mark);
            (&p[ss..ms], &p[ms..me], &p[me..se])
        })
    }

    /// The paragraph in five parts: before the sentence, the sentence up to
    /// the words, the words, the rest of the sentence, after it.
    pub fn paragraph_parts(&self) -> Option<[&str; 5]> {
        self.known().then(|| {
            let p = &self.paragraph;
            let ([ss, se], [ms, me]) = (self.sentence, self.mark);
            [&p[..ss], &p[ss..ms], &p[ms..me], &p[me..se], &p[se..]]
        })
    }
}

#[cfg(test)]
impl Claim {
    /// An exact figure claim of `kind` on `date`, every other field plain, for tests.
    pub(crate) fn for_test(kind: &str, unit: &str, value: f64, date: &str) -> Claim {
        Claim {
            doc: "a".into(),
            source: None,
            date: Some(date.into()),
            lang: "fr".into(),
            rule: "r".into(),
            kind: kind.into(),
            value: Value::Number(value),
            low: Some(value),
            high: Some(value),
            qualifier: Qualifier::Exact,
            vague: false,
            earlier: false,
            unit: unit.into(),
            scope: None,
            side: None,
            event: None,
            since: None,
            recalls: None,
            place: None,
            topic: Vec::new(),
            attributed_to: None,
            start: 0,
            end: 1,
            text: "x".into(),
        }
    }
}

/// Formats a figure without a trailing `.0`, with at most two decimals.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Serialises whole figures as JSON integers (29, not 29.0).
pub fn ser_num<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else if !v.is_finite() || v.abs() >= 9.0e15 {
        s.serialize_f64(*v)
    } else {
        // Round to a stable number of digits so output never flickers.
        let r = (v * 1e6).round() / 1e6;
        s.serialize_f64(r)
    }
}

/// [`ser_num`] for optional figures.
pub fn ser_opt_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => ser_num(v, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_figures_serialise_as_integers() {
        let q = Quantity::exact(29.0);
        let json = serde_json::to_string(&q).unwrap();
        assert!(json.contains("\"value\":29,"), "{json}");
        assert_eq!(fmt_num(8.66666), "8.67");
        assert_eq!(fmt_num(120000.0), "120000");
    }
}
