//! Greedy construction (locks, then scarce needs, then minimum sizes, then preferences) and a
//! deterministic local search: relocations, swaps and ejection chains (a takes b's seat, b moves
//! on), best move per applicant, applicants visited in a seeded order, until a pass finds
//! nothing. A state that misses a minimum is repaired by the same moves: each unmet minimum
//! costs [`DEFICIT_PENALTY`], far more than any placement is worth.

use std::time::Instant;

use crate::model::Model;
use crate::state::State;

/// The price of one unmet minimum (team size or need) in the search's objective.
pub(crate) const DEFICIT_PENALTY: f64 = 1_000.0;
/// The search stops after this many passes even if it still improves (it rarely gets near).
const MAX_PASSES: usize = 200;

/// SplitMix64: a tiny portable generator for the visiting order.
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// What the search reached and whether the clock stopped it.
pub(crate) struct SearchResult<'m, 'p> {
    pub state: State<'m, 'p>,
    pub time_limit_reached: bool,
}

/// Construct, then improve until no move helps (or the deadline passes).
pub(crate) fn solve_by_local_search<'m, 'p>(
    model: &'m Model<'p>,
    seed: u64,
    deadline: Instant,
) -> SearchResult<'m, 'p> {
    let mut state = construct(model, seed);
    let time_limit_reached = improve(&mut state, seed, deadline);
    SearchResult {
        state,
        time_limit_reached,
    }
}

fn gain(state: &State<'_, '_>, distinct_delta: i32, deficit_delta: i64) -> f64 {
    state.model.diversity_weight * f64::from(distinct_delta)
        - DEFICIT_PENALTY * deficit_delta as f64
}

/// Place the locks, then the scarcest needs, then minimum sizes, then everyone by preference.
pub(crate) fn construct<'m, 'p>(model: &'m Model<'p>, seed: u64) -> State<'m, 'p> {
    let mut state = State::empty(model);
    for (a, applicant) in model.applicants.iter().enumerate() {
        for &t in &applicant.locked_teams {
            state.add(a, t);
        }
    }
    // Needs, scarcest first: fewest candidates who meet the need per member it asks for.
    let mut needs: Vec<(u64, usize, usize)> = Vec::new();
    for (t, team) in model.teams.iter().enumerate() {
        for (k, need) in team.needs.iter().enumerate() {
            let supply = team
                .candidates
                .iter()
                .filter(|&&(a, o)| model.applicants[a].options[o].need_mask & (1 << k) != 0)
                .count() as u64;
            let at_least = u64::from(need.need.at_least().max(1));
            needs.push((supply * 1000 / at_least, t, k));
        }
    }
    needs.sort_unstable();
    for &(_, t, k) in &needs {
        while state.need_counts[t][k] < model.teams[t].needs[k].need.at_least() {
            if !place_best_candidate(&mut state, t, |mask| mask & (1 << k) != 0) {
                break;
            }
        }
    }
    for t in 0..model.teams.len() {
        while (state.members[t].len() as u32) < model.teams[t].min_size {
            if !place_best_candidate(&mut state, t, |_| true) {
                break;
            }
        }
    }
    let mut order: Vec<usize> = (0..model.applicants.len()).collect();
    SplitMix64::new(seed).shuffle(&mut order);
    let max_rank = model
        .applicants
        .iter()
        .flat_map(|a| a.options.iter().filter_map(|o| o.rank))
        .max()
        .unwrap_or(0);
    for rank in 1..=max_rank {
        for &a in &order {
            let mut best: Option<(f64, usize)> = None;
            for option in model.applicants[a].options.iter() {
                if option.rank != Some(rank) || !state.can_hold(a, option.team, None) {
                    continue;
                }
                if let Some((distinct, deficit)) = state.team_change(option.team, None, Some(a)) {
                    let score = option.value + gain(&state, distinct, deficit);
                    if best.is_none_or(|(s, _)| score > s) {
                        best = Some((score, option.team));
                    }
                }
            }
            if let Some((_, t)) = best {
                state.add(a, t);
            }
        }
    }
    state
}

/// Put the best eligible unplaced candidate meeting `wanted` into team `t` (or move one from a
/// team that can spare them). False when nobody fits.
fn place_best_candidate(state: &mut State<'_, '_>, t: usize, wanted: impl Fn(u64) -> bool) -> bool {
    let model = state.model;
    let mut best: Option<(f64, usize, Option<usize>)> = None;
    for &(a, o) in &model.teams[t].candidates {
        let option = &model.applicants[a].options[o];
        if !wanted(option.need_mask) || state.teams_of[a].contains(&t) {
            continue;
        }
        let from = if state.can_hold(a, t, None) {
            None
        } else if let [only] = state.teams_of[a][..]
            && !state.is_locked(a, only)
            && state.can_hold(a, t, Some(only))
            && state.team_change(only, Some(a), None).is_some()
        {
            Some(only)
        } else {
            continue;
        };
        let Some((distinct, deficit)) = state.team_change(t, None, Some(a)) else {
            continue;
        };
        // Prefer unplaced people, then whoever also meets the team's other needs.
        let score = option.value
            + gain(state, distinct, deficit)
            + f64::from(option.need_mask.count_ones()) * 0.25
            - if from.is_some() { 10.0 } else { 0.0 };
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, a, from));
        }
    }
    match best {
        Some((_, a, from)) => {
            if let Some(old) = from {
                state.remove(a, old);
            }
            state.add(a, t);
            true
        }
        None => false,
    }
}

/// One candidate move: `a` goes from `from` to `to`; `displaced` (from `to`) goes to `onward`.
#[derive(Debug, Clone, Copy)]
struct Move {
    a: usize,
    from: Option<usize>,
    to: usize,
    displaced: Option<(usize, Option<usize>)>,
}

/// Best-improvement moves per applicant until a full pass changes nothing. True if stopped by
/// the deadline.
pub(crate) fn improve(state: &mut State<'_, '_>, seed: u64, deadline: Instant) -> bool {
    let model = state.model;
    let mut order: Vec<usize> = (0..model.applicants.len()).collect();
    let mut rng = SplitMix64::new(seed ^ 0x5EED);
    for _ in 0..MAX_PASSES {
        rng.shuffle(&mut order);
        let mut improved = false;
        for &a in &order {
            if Instant::now() > deadline {
                return true;
            }
            if let Some(best) = best_move(state, a) {
                apply(state, best);
                improved = true;
            }
        }
        if !improved {
            break;
        }
    }
    false
}

fn apply(state: &mut State<'_, '_>, m: Move) {
    if let Some((b, onward)) = m.displaced {
        state.remove(b, m.to);
        if let Some(from) = m.from {
            state.remove(m.a, from);
        }
        state.add(m.a, m.to);
        if let Some(next) = onward {
            state.add(b, next);
        }
    } else {
        if let Some(from) = m.from {
            state.remove(m.a, from);
        }
        state.add(m.a, m.to);
    }
}

fn best_move(state: &State<'_, '_>, a: usize) -> Option<Move> {
    let model = state.model;
    let mut sources: Vec<Option<usize>> = state.teams_of[a]
        .iter()
        .filter(|&&t| !state.is_locked(a, t))
        .map(|&t| Some(t))
        .collect();
    if state.teams_of[a].is_empty() || model.allow_multiple_placements {
        sources.push(None);
    }
    let mut best: Option<(f64, Move)> = None;
    let mut consider = |score: f64, m: Move| {
        if score > 1e-9 && best.is_none_or(|(s, _)| score > s + 1e-12) {
            best = Some((score, m));
        }
    };
    for from in sources {
        let (leave_value, leave_distinct, leave_deficit) = match from {
            Some(t1) => match state.team_change(t1, Some(a), None) {
                Some((d, f)) => (state.value(a, t1), d, f),
                None => (f64::NAN, 0, 0),
            },
            None => (0.0, 0, 0),
        };
        for option in &model.applicants[a].options {
            let to = option.team;
            if Some(to) == from || !state.can_hold(a, to, from) {
                continue;
            }
            let base = option.value - leave_value;
            // a moves to a free seat.
            if !leave_value.is_nan()
                && let Some((d, f)) = state.team_change(to, None, Some(a))
            {
                consider(
                    base + gain(state, d + leave_distinct, f + leave_deficit),
                    Move {
                        a,
                        from,
                        to,
                        displaced: None,
                    },
                );
            }
            for &b in &state.members[to] {
                if state.is_locked(b, to) {
                    continue;
                }
                let Some((d_to, f_to)) = state.team_change(to, Some(b), Some(a)) else {
                    continue;
                };
                let b_value = state.value(b, to);
                // Swap: b takes a's old seat.
                if let Some(t1) = from
                    && state.can_hold(b, t1, Some(to))
                    && let Some((d1, f1)) = state.team_change(t1, Some(a), Some(b))
                {
                    let score =
                        base + state.value(b, t1) - b_value + gain(state, d_to + d1, f_to + f1);
                    consider(
                        score,
                        Move {
                            a,
                            from,
                            to,
                            displaced: Some((b, Some(t1))),
                        },
                    );
                }
                if leave_value.is_nan() {
                    continue;
                }
                let common = base - b_value;
                // b leaves the round (only when a had no seat: otherwise it never helps).
                if from.is_none() {
                    consider(
                        common + gain(state, d_to + leave_distinct, f_to + leave_deficit),
                        Move {
                            a,
                            from,
                            to,
                            displaced: Some((b, None)),
                        },
                    );
                }
                // Ejection chain: b moves on to a third team with a free seat.
                for b_option in &model.applicants[b].options {
                    let next = b_option.team;
                    if next == to || Some(next) == from || !state.can_hold(b, next, Some(to)) {
                        continue;
                    }
                    if let Some((d3, f3)) = state.team_change(next, None, Some(b)) {
                        let score = common
                            + b_option.value
                            + gain(state, d_to + d3 + leave_distinct, f_to + f3 + leave_deficit);
                        consider(
                            score,
                            Move {
                                a,
                                from,
                                to,
                                displaced: Some((b, Some(next))),
                            },
                        );
                    }
                }
            }
        }
    }
    best.map(|(_, m)| m)
}
