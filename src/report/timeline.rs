//! A group's timeline as inline SVG: each speaker's figure by date, a dot
//! at the point figure and a bar over the interval the wording allows
//! (dashed up to the top when it is open: "more than 2000"), the dots of
//! one speaker joined in date order, one colour per speaker with a legend.
//! Drawn by hand: a few dozen elements, deterministic to the byte.

use super::Report;
use crate::claim::{Claim, Value, fmt_num};
use html_escape::encode_text as text;
use jiff::civil::Date;
use std::fmt::Write as _;

/// One claim on the plot.
#[derive(Debug, Clone)]
pub struct Point {
    pub speaker: String,
    pub date: Option<Date>,
    pub low: Option<f64>,
    pub best: Option<f64>,
    pub high: Option<f64>,
}

impl Point {
    /// A claim as a point: its speaker's display name, its date and figure.
    pub fn of(report: &Report, c: &Claim) -> Point {
        let best = match c.value {
            Value::Number(v) => Some(v),
            Value::Actor(_) => None,
        };
        Point {
            speaker: report.speaker_name(c),
            date: c.date.as_deref().and_then(|d| d.parse().ok()),
            low: c.low,
            best,
            high: c.high,
        }
    }
}

const WIDTH: f64 = 680.0;
const HEIGHT: f64 = 230.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 200.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 36.0;
const COLOURS: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
];
/// Speakers shown in the legend, at most; the others share the last colour.
const LEGEND: usize = 8;
/// A legend's name, at most, in characters (the right margin's width).
const LEGEND_CHARS: usize = 28;

/// A round step for about four ticks up to `top`.
fn tick_step(top: f64) -> f64 {
    let raw = top / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
}

/// The plot of `points`, or `None` when there is nothing to compare in time
/// (fewer than two dated figures).
pub fn svg(id: &str, points: &[Point]) -> Option<String> {
    let dated: Vec<(&Point, Date, f64)> = points
        .iter()
        .filter_map(|p| Some((p, p.date?, p.best?)))
        .filter(|(_, _, b)| b.is_finite())
        .collect();
    if dated.len() < 2 {
        return None;
    }
    let first = dated.iter().map(|d| d.1).min()?;
    let last = dated.iter().map(|d| d.1).max()?;
    let span = (last - first).get_days().max(0) as f64;
    let top_value = dated
        .iter()
        .map(|(p, _, b)| p.high.filter(|h| h.is_finite()).unwrap_or(*b).max(*b))
        .fold(0.0f64, f64::max);
    let step = tick_step(top_value.max(1.0) * 1.1);
    let y_max = (top_value * 1.1 / step).ceil().max(1.0) * step;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |d: Date| {
        if span == 0.0 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * ((d - first).get_days() as f64 / span)
        }
    };
    let y = |v: f64| TOP + plot_h * (1.0 - (v / y_max).clamp(0.0, 1.0));
    let mut speakers: Vec<&str> = Vec::new();
    for (p, _, _) in &dated {
        if !speakers.contains(&p.speaker.as_str()) {
            speakers.push(&p.speaker);
        }
    }
    let colour = |s: &str| {
        let i = speakers.iter().position(|x| *x == s).unwrap_or(0);
        COLOURS[i.min(LEGEND - 1) % COLOURS.len()]
    };
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" font-family=\"system-ui, sans-serif\" font-size=\"11\"><title>{}: each speaker's figure by date</title>",
        text(id)
    );
    // Axes and ticks.
    let mut v = 0.0;
    while v <= y_max + step / 2.0 {
        let yy = y(v);
        let _ = write!(
            s,
            "<line x1=\"{LEFT}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#e3e3ea\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#4a5163\">{}</text>",
            LEFT + plot_w,
            LEFT - 6.0,
            yy + 4.0,
            fmt_num(v)
        );
        v += step;
    }
    let mut dates = vec![first, last];
    dates.dedup();
    for d in dates {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#4a5163\">{d}</text>",
            x(d),
            HEIGHT - BOTTOM + 16.0
        );
    }
    // One speaker's dots joined in date order.
    for sp in &speakers {
        let mut line: Vec<(f64, f64)> = dated
            .iter()
            .filter(|(p, _, _)| p.speaker == *sp)
            .map(|(_, d, b)| (x(*d), y(*b)))
            .collect();
        line.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        if line.len() > 1 {
            let path: Vec<String> = line.iter().map(|(a, b)| format!("{a:.1},{b:.1}")).collect();
            let _ = write!(
                s,
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" opacity=\"0.6\"/>",
                path.join(" "),
                colour(sp)
            );
        }
    }
    // Each figure: its interval, its dot; figures of one day side by side.
    let mut seen: Vec<(Date, usize)> = Vec::new();
    for (p, d, b) in &dated {
        let k = match seen.iter_mut().find(|(day, _)| day == d) {
            Some((_, n)) => {
                *n += 1;
                *n - 1
            }
            None => {
                seen.push((*d, 1));
                0
            }
        };
        let xx = x(*d) + k as f64 * 7.0;
        let c = colour(&p.speaker);
        let low = y(p.low.unwrap_or(0.0));
        let (high, open) = match p.high {
            Some(h) => (y(h), ""),
            None => (TOP, " stroke-dasharray=\"3 2\""),
        };
        let _ = write!(
            s,
            "<line x1=\"{xx:.1}\" y1=\"{low:.1}\" x2=\"{xx:.1}\" y2=\"{high:.1}\" stroke=\"{c}\" stroke-width=\"2\" opacity=\"0.45\"{open}/><circle cx=\"{xx:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"{c}\"><title>{}: {} ({d})</title></circle>",
            y(*b),
            text(&p.speaker),
            fmt_num(*b),
        );
    }
    // The legend.
    for (i, sp) in speakers.iter().take(LEGEND).enumerate() {
        let yy = TOP + 8.0 + i as f64 * 17.0;
        let shown: String = if sp.chars().count() > LEGEND_CHARS {
            sp.chars().take(LEGEND_CHARS - 1).chain(['…']).collect()
        } else {
            sp.to_string()
        };
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{yy:.1}\" r=\"4\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#1d2330\">{}</text>",
            WIDTH - RIGHT + 16.0,
            colour(sp),
            WIDTH - RIGHT + 26.0,
            yy + 4.0,
            text(&shown)
        );
    }
    s.push_str("</svg>");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(speaker: &str, date: &str, best: f64, high: Option<f64>) -> Point {
        Point {
            speaker: speaker.into(),
            date: Some(date.parse().unwrap()),
            low: Some(best),
            best: Some(best),
            high,
        }
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(110.0), 50.0);
        assert_eq!(tick_step(11000.0), 5000.0);
        assert_eq!(tick_step(8.8), 5.0);
    }

    #[test]
    fn a_timeline_needs_two_dated_figures() {
        let one = [point("A", "2023-09-19", 27.0, Some(27.0))];
        assert!(svg("g", &one).is_none());
        let two = [
            point("A <b>", "2023-09-19", 27.0, Some(27.0)),
            point("B", "2023-09-21", 200.0, None),
        ];
        let drawn = svg("g", &two).unwrap();
        assert_eq!(
            drawn.matches("<circle").count(),
            4,
            "two dots, two legend marks"
        );
        assert!(drawn.contains("A &lt;b&gt;"), "{drawn}");
        assert!(
            drawn.contains("stroke-dasharray"),
            "an open interval is dashed"
        );
        assert!(drawn.contains("2023-09-19") && drawn.contains("2023-09-21"));
    }
}
