//! Overlap-free label placement: pure geometry, no drawing types.
//!
//! Each label has a size, an anchor (the marker it names, as a circle) and
//! a priority. Labels are placed greedily, most important first, at the
//! first of their candidate positions that stays inside the bounds and
//! meets no placed label and no marker. A label that fits nowhere is left
//! out: the marker keeps its number and tooltip, and the text alternative
//! lists the event. Units are pixels, y pointing down.

/// An axis-aligned rectangle: left, top, width, height in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width (not negative).
    pub w: f64,
    /// Height (not negative).
    pub h: f64,
}

impl Rect {
    /// A rectangle from its left, top, width and height.
    pub fn new(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Whether the interiors of two rectangles meet (touching edges do not).
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    /// Whether `o` lies inside this rectangle (edges included).
    pub fn contains(&self, o: &Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }

    /// The rectangle grown by `d` on every side.
    pub fn inflate(&self, d: f64) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        let x = self.x.min(o.x);
        let y = self.y.min(o.y);
        Rect::new(
            x,
            y,
            self.right().max(o.right()) - x,
            self.bottom().max(o.bottom()) - y,
        )
    }
}

/// A circle (a marker): centre and radius in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Circle {
    /// Centre x.
    pub cx: f64,
    /// Centre y.
    pub cy: f64,
    /// Radius.
    pub r: f64,
}

impl Circle {
    /// The square around the circle.
    pub fn bbox(&self) -> Rect {
        Rect::new(
            self.cx - self.r,
            self.cy - self.r,
            2.0 * self.r,
            2.0 * self.r,
        )
    }

    /// Whether the circle meets the interior of a rectangle.
    pub fn intersects(&self, rect: &Rect) -> bool {
        let nx = self.cx.clamp(rect.x, rect.right());
        let ny = self.cy.clamp(rect.y, rect.bottom());
        let (dx, dy) = (self.cx - nx, self.cy - ny);
        dx * dx + dy * dy < self.r * self.r && rect.w > 0.0 && rect.h > 0.0 && self.r > 0.0
    }
}

/// Where a label may go relative to its marker, in order of preference
/// (Imhof: right first, then left, above, below).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// Right of the marker, vertically centred.
    Right,
    /// Left of the marker, vertically centred.
    Left,
    /// Above the marker, centred.
    Above,
    /// Below the marker, centred.
    Below,
    /// Right of the marker, raised by a label height.
    RightUp,
    /// Right of the marker, lowered by a label height.
    RightDown,
    /// Left of the marker, raised by a label height.
    LeftUp,
    /// Left of the marker, lowered by a label height.
    LeftDown,
    /// Set off from the marker in a direction and joined to it by a leader
    /// line: the angle in whole degrees (0 = right, 90 = down, since y
    /// points down) and the distance from the marker's edge in pixels.
    Offset(i16, u16),
}

/// The candidate sides, best first.
pub const SIDES: [Side; 6] = [
    Side::Right,
    Side::Left,
    Side::RightUp,
    Side::RightDown,
    Side::Above,
    Side::Below,
];

/// One label to place.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelRequest {
    /// The marker the label names.
    pub anchor: Circle,
    /// Label width in pixels.
    pub w: f64,
    /// Label height in pixels.
    pub h: f64,
    /// Higher is placed first; ties keep input order.
    pub priority: f64,
}

/// The candidate sides of a map label, best first (Imhof: right and
/// slightly above first, then right below, left above, left below, the
/// plain sides, and straight above or below).
pub const MAP_SIDES: [Side; 8] = [
    Side::RightUp,
    Side::Right,
    Side::RightDown,
    Side::LeftUp,
    Side::Left,
    Side::LeftDown,
    Side::Above,
    Side::Below,
];

/// A placed label: its box and the side it took.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Placed {
    /// The label's box.
    pub rect: Rect,
    /// Which side of its marker it is on.
    pub side: Side,
}

impl Placed {
    /// The leader line of a label set off from its marker: from the
    /// marker's edge to the nearest point of the label's box.
    pub fn leader(&self, anchor: &Circle) -> Option<((f64, f64), (f64, f64))> {
        matches!(self.side, Side::Offset(..)).then(|| leader_line(anchor, &self.rect))
    }
}

/// The segment from a circle's edge to the nearest point of a rectangle.
pub fn leader_line(c: &Circle, rect: &Rect) -> ((f64, f64), (f64, f64)) {
    let nx = c.cx.clamp(rect.x, rect.right());
    let ny = c.cy.clamp(rect.y, rect.bottom());
    let (dx, dy) = (nx - c.cx, ny - c.cy);
    let len = dx.hypot(dy).max(1e-9);
    ((c.cx + dx / len * c.r, c.cy + dy / len * c.r), (nx, ny))
}

/// Whether the segment from `a` to `b` passes through the interior of a
/// rectangle (Liang–Barsky clipping).
pub fn segment_meets_rect(a: (f64, f64), b: (f64, f64), r: &Rect) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.0 - r.x),
        (dx, r.right() - a.0),
        (-dy, a.1 - r.y),
        (dy, r.bottom() - a.1),
    ] {
        if p == 0.0 {
            if q <= 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 >= t1 {
                return false;
            }
        }
    }
    true
}

/// Whether the segment from `a` to `b` passes closer than `c.r` to the
/// centre of `c`.
pub fn segment_meets_circle(a: (f64, f64), b: (f64, f64), c: &Circle) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let l2 = dx * dx + dy * dy;
    let t = if l2 == 0.0 {
        0.0
    } else {
        (((c.cx - a.0) * dx + (c.cy - a.1) * dy) / l2).clamp(0.0, 1.0)
    };
    let (px, py) = (a.0 + t * dx, a.1 + t * dy);
    (px - c.cx).hypot(py - c.cy) < c.r
}

/// How [`place_with`] looks for room.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceOptions {
    /// The sides beside the marker to try, best first.
    pub sides: Vec<Side>,
    /// Pixels between a marker's edge and its label beside it.
    pub gap: f64,
    /// Distances (pixels from the marker's edge) at which a label may be
    /// set off with a leader line when no side has room; empty for none.
    pub leader_distances: Vec<f64>,
}

/// The box of a label of `w`×`h` on `side` of `c`, `gap` pixels away.
pub fn candidate(c: &Circle, w: f64, h: f64, side: Side, gap: f64) -> Rect {
    let right = c.cx + c.r + gap;
    let left = c.cx - c.r - gap - w;
    let mid = c.cy - h / 2.0;
    match side {
        Side::Right => Rect::new(right, mid, w, h),
        Side::Left => Rect::new(left, mid, w, h),
        Side::Above => Rect::new(c.cx - w / 2.0, c.cy - c.r - gap - h, w, h),
        Side::Below => Rect::new(c.cx - w / 2.0, c.cy + c.r + gap, w, h),
        Side::RightUp => Rect::new(right, c.cy - c.r.max(h / 2.0) - h / 2.0, w, h),
        Side::RightDown => Rect::new(right, c.cy + c.r.max(h / 2.0) - h / 2.0, w, h),
        Side::LeftUp => Rect::new(left, c.cy - c.r.max(h / 2.0) - h / 2.0, w, h),
        Side::LeftDown => Rect::new(left, c.cy + c.r.max(h / 2.0) - h / 2.0, w, h),
        Side::Offset(deg, dist) => {
            let a = f64::from(deg).to_radians();
            let (cos, sin) = (a.cos(), a.sin());
            let reach = c.r + f64::from(dist);
            let (px, py) = (c.cx + reach * cos, c.cy + reach * sin);
            let x = if cos > 0.3 {
                px
            } else if cos < -0.3 {
                px - w
            } else {
                px - w / 2.0
            };
            let y = if sin > 0.3 {
                py
            } else if sin < -0.3 {
                py - h
            } else {
                py - h / 2.0
            };
            Rect::new(x, y, w, h)
        }
    }
}

/// The gap between a circle's edge and a rectangle (0 when they meet).
pub fn edge_distance(c: &Circle, rect: &Rect) -> f64 {
    let nx = c.cx.clamp(rect.x, rect.right());
    let ny = c.cy.clamp(rect.y, rect.bottom());
    ((c.cx - nx).hypot(c.cy - ny) - c.r).max(0.0)
}

/// Places labels greedily by priority.
///
/// `markers` are every marker on the canvas (a label covers none of
/// them), `obstacles` other boxes to keep clear of (title, axis, lane
/// names), `bounds` the area labels must stay in. Returns one entry per
/// request, in request order: `Some` where placed.
pub fn place(
    requests: &[LabelRequest],
    markers: &[Circle],
    obstacles: &[Rect],
    bounds: Rect,
    gap: f64,
) -> Vec<Option<Placed>> {
    let opts = PlaceOptions {
        sides: SIDES.to_vec(),
        gap,
        leader_distances: Vec::new(),
    };
    place_with(requests, markers, obstacles, bounds, &opts)
}

/// The most labels [`place_with`] tries to place, most important first.
pub const MAX_LABELS: usize = 400;

/// The directions tried for labels set off with a leader, best first
/// (degrees, y down: right-above first, as beside the marker).
const LEADER_ANGLES: [i16; 8] = [-45, 0, 45, -135, 180, 135, -90, 90];

/// Places labels greedily by priority, like [`place`], trying
/// `opts.sides` and then, where none has room, positions set off at
/// `opts.leader_distances` whose leader line crosses no marker and no
/// placed label. A label that fits nowhere is left out (`None`): the
/// least important go first, since the most important are placed first.
/// At most [`MAX_LABELS`] are tried.
pub fn place_with(
    requests: &[LabelRequest],
    markers: &[Circle],
    obstacles: &[Rect],
    bounds: Rect,
    opts: &PlaceOptions,
) -> Vec<Option<Placed>> {
    let mut order: Vec<usize> = (0..requests.len()).collect();
    order.sort_by(|&a, &b| {
        requests[b]
            .priority
            .total_cmp(&requests[a].priority)
            .then(a.cmp(&b))
    });
    let mut placed_boxes: Vec<Rect> = Vec::new();
    let mut leaders: Vec<((f64, f64), (f64, f64))> = Vec::new();
    let mut out = vec![None; requests.len()];
    let offsets = opts.leader_distances.iter().flat_map(|&d| {
        LEADER_ANGLES
            .iter()
            .map(move |&a| Side::Offset(a, d.round().clamp(0.0, 10_000.0) as u16))
    });
    let candidates: Vec<Side> = opts.sides.iter().copied().chain(offsets).collect();
    // No graphic can show more labels than this; the rest are left out
    // (and counted by the caller), which keeps a table of thousands of
    // events from costing labels × markers tries each.
    for i in order.into_iter().take(MAX_LABELS) {
        let req = &requests[i];
        for &side in &candidates {
            let rect = candidate(&req.anchor, req.w, req.h, side, opts.gap);
            if !bounds.contains(&rect)
                || obstacles.iter().any(|o| o.intersects(&rect))
                || placed_boxes.iter().any(|p| p.intersects(&rect))
                || leaders
                    .iter()
                    .any(|&(a, b)| segment_meets_rect(a, b, &rect))
            {
                continue;
            }
            let clear = if let Side::Offset(..) = side {
                // The leader says whose label it is; it must not cross a
                // marker or a label, and the label must not touch one.
                let (a, b) = leader_line(&req.anchor, &rect);
                !markers.iter().any(|m| {
                    m.intersects(&rect.inflate(2.0))
                        || (*m != req.anchor && segment_meets_circle(a, b, m))
                }) && !placed_boxes.iter().any(|p| segment_meets_rect(a, b, p))
            } else {
                // A label must sit closer to its own marker than to any
                // other, or a reader pairs it with the wrong one.
                let own = edge_distance(&req.anchor, &rect);
                !markers.iter().any(|m| {
                    m.intersects(&rect) || (*m != req.anchor && edge_distance(m, &rect) < own + 5.0)
                })
            };
            if clear {
                placed_boxes.push(rect);
                let p = Placed { rect, side };
                if let Some(l) = p.leader(&req.anchor) {
                    leaders.push(l);
                }
                out[i] = Some(p);
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn req(cx: f64, cy: f64, w: f64) -> LabelRequest {
        LabelRequest {
            anchor: Circle { cx, cy, r: 5.0 },
            w,
            h: 12.0,
            priority: 0.0,
        }
    }

    #[test]
    fn right_is_preferred_then_left() {
        let bounds = Rect::new(0.0, 0.0, 200.0, 100.0);
        let r = [req(50.0, 50.0, 40.0), req(130.0, 50.0, 40.0)];
        let markers: Vec<Circle> = r.iter().map(|q| q.anchor).collect();
        let p = place(&r, &markers, &[], bounds, 3.0);
        assert_eq!(p[0].unwrap().side, Side::Right);
        assert_eq!(p[1].unwrap().side, Side::Right);
        // A label right against the next marker would be misread as its
        // label: it goes to the other side.
        let r = [req(50.0, 50.0, 40.0), req(110.0, 50.0, 40.0)];
        let markers: Vec<Circle> = r.iter().map(|q| q.anchor).collect();
        let p = place(&r, &markers, &[], bounds, 3.0);
        assert_eq!(p[0].unwrap().side, Side::Left);
        // Near the right edge the label flips left.
        let r = [req(190.0, 50.0, 40.0)];
        let p = place(&r, &[r[0].anchor], &[], bounds, 3.0);
        assert_eq!(p[0].unwrap().side, Side::Left);
    }

    #[test]
    fn priority_wins_the_contested_spot() {
        let bounds = Rect::new(0.0, 0.0, 100.0, 20.0);
        let mut a = req(10.0, 10.0, 60.0);
        let mut b = req(10.0, 10.0, 60.0);
        a.priority = 1.0;
        b.priority = 2.0;
        let p = place(&[a, b], &[], &[], bounds, 3.0);
        assert!(p[0].is_none());
        assert!(p[1].is_some());
    }

    #[test]
    fn circle_rect_intersection() {
        let c = Circle {
            cx: 0.0,
            cy: 0.0,
            r: 5.0,
        };
        assert!(c.intersects(&Rect::new(4.0, -1.0, 10.0, 2.0)));
        assert!(!c.intersects(&Rect::new(5.0, -1.0, 10.0, 2.0)));
        assert!(!c.intersects(&Rect::new(4.0, 4.0, 10.0, 10.0)));
    }

    proptest! {
        #[test]
        fn placed_labels_never_overlap_labels_or_markers(
            pts in prop::collection::vec(
                (0.0f64..600.0, 0.0f64..300.0, 2.0f64..20.0, 5.0f64..120.0, 0.0f64..10.0),
                0..80,
            )
        ) {
            let bounds = Rect::new(0.0, 0.0, 600.0, 300.0);
            let requests: Vec<LabelRequest> = pts
                .iter()
                .map(|&(cx, cy, r, w, priority)| LabelRequest {
                    anchor: Circle { cx, cy, r },
                    w,
                    h: 14.0,
                    priority,
                })
                .collect();
            let markers: Vec<Circle> = requests.iter().map(|q| q.anchor).collect();
            let obstacle = Rect::new(250.0, 0.0, 100.0, 30.0);
            let placed = place(&requests, &markers, &[obstacle], bounds, 3.0);
            let boxes: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
            for (i, a) in boxes.iter().enumerate() {
                prop_assert!(bounds.contains(a));
                prop_assert!(!a.intersects(&obstacle));
                for m in &markers {
                    prop_assert!(!m.intersects(a));
                }
                for b in &boxes[i + 1..] {
                    prop_assert!(!a.intersects(b), "{a:?} meets {b:?}");
                }
            }
        }
    }
}
