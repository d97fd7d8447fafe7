//! Hand-written SVG: the opinion map and the participation bars. Server-rendered, so they show
//! without JavaScript; each has a title and a table beside it with the same numbers.

use maud::{Markup, html};
use sosei_opinion::Analysis;

use super::group_letter;

/// Okabe & Ito's palette, which stays distinguishable with every common colour-vision deficiency;
/// the groups are also labelled by letter, so colour is never the only cue.
pub(crate) const GROUP_COLOURS: [&str; 6] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
];
/// Participants not (yet) in a group.
const UNGROUPED_COLOUR: &str = "#8a8f8c";

pub(crate) fn group_colour(group: usize) -> &'static str {
    GROUP_COLOURS[group % GROUP_COLOURS.len()]
}

/// The class that gives an element its group's colour (as `--group-colour`, from the
/// stylesheet), for HTML outside the charts: pages carry no `style` attributes, which the
/// Content-Security-Policy refuses.
pub(crate) fn group_colour_class(group: usize) -> String {
    format!("group-colour-{}", group % GROUP_COLOURS.len())
}

/// At most this many dots; a larger conversation shows an evenly spaced selection.
const MAX_DOTS: usize = 4_000;

const MAP_WIDTH: f64 = 560.0;
const MAP_HEIGHT: f64 = 400.0;
const MAP_MARGIN: f64 = 32.0;

/// Screen coordinates for map positions: both axes scaled alike (distances mean the same in
/// every direction), centred.
struct MapScale {
    centre: [f64; 2],
    pixels_per_unit: f64,
}

impl MapScale {
    fn fit(points: impl Iterator<Item = [f64; 2]>) -> MapScale {
        let (mut low, mut high) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for point in points.filter(|p| p[0].is_finite() && p[1].is_finite()) {
            for axis in 0..2 {
                low[axis] = low[axis].min(point[axis]);
                high[axis] = high[axis].max(point[axis]);
            }
        }
        if !low[0].is_finite() {
            return MapScale {
                centre: [0.0, 0.0],
                pixels_per_unit: 1.0,
            };
        }
        let span_x = (high[0] - low[0]).max(1e-9);
        let span_y = (high[1] - low[1]).max(1e-9);
        let pixels_per_unit = ((MAP_WIDTH - 2.0 * MAP_MARGIN) / span_x)
            .min((MAP_HEIGHT - 2.0 * MAP_MARGIN) / span_y)
            .min(1e6);
        MapScale {
            centre: [(low[0] + high[0]) / 2.0, (low[1] + high[1]) / 2.0],
            pixels_per_unit,
        }
    }

    fn place(&self, point: [f64; 2]) -> (f64, f64) {
        let x = MAP_WIDTH / 2.0 + (point[0] - self.centre[0]) * self.pixels_per_unit;
        // SVG's y grows downwards; the map's second axis grows upwards.
        let y = MAP_HEIGHT / 2.0 - (point[1] - self.centre[1]) * self.pixels_per_unit;
        (round(x), round(y))
    }
}

fn round(value: f64) -> f64 {
    if value.is_finite() {
        (value * 10.0).round() / 10.0
    } else {
        0.0
    }
}

/// Labels the map needs, already translated.
pub(crate) struct MapLabels {
    pub title: String,
    pub description: String,
    pub you: String,
    /// Each group's name, by group id.
    pub group_names: Vec<String>,
}

/// The opinion map: every participant as a dot coloured by group, each group's centre labelled
/// with its letter, and the viewer's own position as a ring with the word "you".
pub(crate) fn opinion_map(
    analysis: &Analysis,
    viewer_position: Option<[f64; 2]>,
    labels: &MapLabels,
) -> Markup {
    let placed: Vec<&sosei_opinion::ParticipantPlacement> = analysis
        .participants
        .iter()
        .filter(|placement| placement.included)
        .collect();
    let scale = MapScale::fit(
        placed
            .iter()
            .map(|placement| placement.position)
            .chain(analysis.groups.iter().map(|group| group.map_centre))
            .chain(viewer_position),
    );
    let stride = placed.len().div_ceil(MAX_DOTS).max(1);
    html! {
        svg class="opinion-map" viewBox={ "0 0 " (MAP_WIDTH) " " (MAP_HEIGHT) }
            role="img" aria-labelledby="opinion-map-title opinion-map-desc"
            xmlns="http://www.w3.org/2000/svg" {
            title id="opinion-map-title" { (labels.title) }
            desc id="opinion-map-desc" { (labels.description) }
            rect class="map-frame" x="0.5" y="0.5" width=(MAP_WIDTH - 1.0) height=(MAP_HEIGHT - 1.0) rx="6" {}
            line class="map-axis" x1=(MAP_WIDTH / 2.0) y1="8" x2=(MAP_WIDTH / 2.0) y2=(MAP_HEIGHT - 8.0) {}
            line class="map-axis" x1="8" y1=(MAP_HEIGHT / 2.0) x2=(MAP_WIDTH - 8.0) y2=(MAP_HEIGHT / 2.0) {}
            g class="map-dots" aria-hidden="true" {
                @for placement in placed.iter().step_by(stride) {
                    @let (x, y) = scale.place(placement.position);
                    @let colour = placement.group.map_or(UNGROUPED_COLOUR, group_colour);
                    circle cx=(x) cy=(y) r="3.2" fill=(colour) fill-opacity="0.75" {}
                }
            }
            g class="map-centres" {
                @for group in &analysis.groups {
                    @let (x, y) = scale.place(group.map_centre);
                    g class="map-centre" {
                        circle cx=(x) cy=(y) r="15" fill="#ffffff" stroke=(group_colour(group.id)) stroke-width="3" {}
                        text x=(x) y=(y + 5.0) text-anchor="middle" class="map-centre-label" {
                            title { (labels.group_names.get(group.id).cloned().unwrap_or_else(|| group_letter(group.id))) }
                            (group_letter(group.id))
                        }
                    }
                }
            }
            @if let Some(position) = viewer_position {
                @let (x, y) = scale.place(position);
                g class="map-you" data-map-you {
                    circle cx=(x) cy=(y) r="9" fill="none" stroke="#1d2622" stroke-width="3" {}
                    circle cx=(x) cy=(y) r="3" fill="#1d2622" {}
                    // The label goes on whichever side has room.
                    @if x > MAP_WIDTH - 80.0 {
                        text x=(x - 13.0) y=(y - 12.0) text-anchor="end" class="map-you-label" { (labels.you) }
                    } @else {
                        text x=(x + 13.0) y=(y - 12.0) class="map-you-label" { (labels.you) }
                    }
                }
            }
        }
    }
}

const BAR_WIDTH: f64 = 560.0;
const BAR_HEIGHT: f64 = 140.0;

/// A small bar chart of one count per day, labelled with its largest value.
pub(crate) fn daily_bars(id: &str, title: &str, values: &[usize], colour: &str) -> Markup {
    let largest = values.iter().copied().max().unwrap_or(0).max(1);
    let slot = BAR_WIDTH / values.len().max(1) as f64;
    let bar_width = (slot * 0.8).max(1.0);
    let plot_height = BAR_HEIGHT - 20.0;
    html! {
        svg class="activity-chart" viewBox={ "0 0 " (BAR_WIDTH) " " (BAR_HEIGHT) }
            role="img" aria-labelledby=(id) xmlns="http://www.w3.org/2000/svg" {
            title id=(id) { (title) }
            line class="map-axis" x1="0" y1=(BAR_HEIGHT - 0.5) x2=(BAR_WIDTH) y2=(BAR_HEIGHT - 0.5) {}
            text x="4" y="12" class="activity-max" { (largest) }
            @for (index, value) in values.iter().enumerate() {
                @let height = round(plot_height * (*value as f64) / largest as f64);
                rect x=(round(index as f64 * slot + (slot - bar_width) / 2.0)) y=(round(BAR_HEIGHT - height))
                    width=(round(bar_width)) height=(height) fill=(colour) {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_keeps_every_point_inside_the_frame() {
        let points = [[-3.0, 0.5], [2.0, -1.0], [0.0, 4.0]];
        let scale = MapScale::fit(points.into_iter());
        for point in points {
            let (x, y) = scale.place(point);
            assert!(
                (MAP_MARGIN - 0.1..=MAP_WIDTH - MAP_MARGIN + 0.1).contains(&x),
                "{x}"
            );
            assert!(
                (MAP_MARGIN - 0.1..=MAP_HEIGHT - MAP_MARGIN + 0.1).contains(&y),
                "{y}"
            );
        }
        // Up on the map is up on the screen.
        assert!(scale.place([0.0, 4.0]).1 < scale.place([0.0, -1.0]).1);
    }

    #[test]
    fn a_single_point_sits_in_the_middle() {
        let scale = MapScale::fit([[1.0, 1.0]].into_iter());
        assert_eq!(scale.place([1.0, 1.0]), (MAP_WIDTH / 2.0, MAP_HEIGHT / 2.0));
    }
}
