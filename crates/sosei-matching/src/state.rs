//! A current assignment with the per-team counts every move needs (size, needs met,
//! nationalities), kept up to date in O(needs + nationalities) per change.

use crate::model::Model;

#[derive(Debug, Clone)]
pub(crate) struct State<'m, 'p> {
    pub model: &'m Model<'p>,
    /// Per applicant: the teams they are in (at most one unless multiple placements are allowed).
    pub teams_of: Vec<Vec<usize>>,
    /// Per team: its members (in no particular order).
    pub members: Vec<Vec<usize>>,
    /// Per team and need: members meeting it.
    pub need_counts: Vec<Vec<u32>>,
    /// Per team and nationality index: members holding it.
    pub nationality_counts: Vec<Vec<u32>>,
    /// Per team: nationalities with at least one member.
    pub distinct: Vec<u32>,
}

impl<'m, 'p> State<'m, 'p> {
    pub fn empty(model: &'m Model<'p>) -> State<'m, 'p> {
        let n_nationalities = model.nationality_names.len();
        State {
            model,
            teams_of: vec![Vec::new(); model.applicants.len()],
            members: vec![Vec::new(); model.teams.len()],
            need_counts: model.teams.iter().map(|t| vec![0; t.needs.len()]).collect(),
            nationality_counts: vec![vec![0; n_nationalities]; model.teams.len()],
            distinct: vec![0; model.teams.len()],
        }
    }

    fn mask(&self, a: usize, t: usize) -> u64 {
        self.model.option(a, t).map_or(0, |o| o.need_mask)
    }

    pub fn add(&mut self, a: usize, t: usize) {
        let mask = self.mask(a, t);
        self.teams_of[a].push(t);
        self.teams_of[a].sort_unstable();
        self.members[t].push(a);
        for (k, count) in self.need_counts[t].iter_mut().enumerate() {
            if mask & (1 << k) != 0 {
                *count += 1;
            }
        }
        for &n in &self.model.applicants[a].nationalities {
            self.nationality_counts[t][n] += 1;
            if self.nationality_counts[t][n] == 1 {
                self.distinct[t] += 1;
            }
        }
    }

    pub fn remove(&mut self, a: usize, t: usize) {
        let mask = self.mask(a, t);
        self.teams_of[a].retain(|&x| x != t);
        if let Some(position) = self.members[t].iter().position(|&x| x == a) {
            self.members[t].swap_remove(position);
        }
        for (k, count) in self.need_counts[t].iter_mut().enumerate() {
            if mask & (1 << k) != 0 {
                *count -= 1;
            }
        }
        for &n in &self.model.applicants[a].nationalities {
            self.nationality_counts[t][n] -= 1;
            if self.nationality_counts[t][n] == 0 {
                self.distinct[t] -= 1;
            }
        }
    }

    /// Whether `a` may take a place in `t` next to their other placements (`except` is a
    /// placement they give up in the same move).
    pub fn can_hold(&self, a: usize, t: usize, except: Option<usize>) -> bool {
        self.model.option(a, t).is_some()
            && self.teams_of[a]
                .iter()
                .filter(|&&other| Some(other) != except)
                .all(|&other| other != t && self.model.compatible_teams(other, t))
    }

    pub fn is_locked(&self, a: usize, t: usize) -> bool {
        self.model.applicants[a].locked_teams.contains(&t)
    }

    /// What happens to team `t` when `leaving` goes and `entering` joins: None if the change
    /// breaks a rule the team keeps (size above max or below min, a need or the nationality cap),
    /// else (change in distinct nationalities, change in unmet minimums). A team already short
    /// of a minimum may move toward it, never further away.
    pub fn team_change(
        &self,
        t: usize,
        leaving: Option<usize>,
        entering: Option<usize>,
    ) -> Option<(i32, i64)> {
        let team = &self.model.teams[t];
        let old_size = self.members[t].len() as i64;
        let new_size = old_size - i64::from(leaving.is_some()) + i64::from(entering.is_some());
        let min_size = i64::from(team.min_size);
        if (new_size < min_size && new_size < old_size)
            || (new_size > i64::from(team.max_size) && new_size > old_size)
        {
            return None;
        }
        let mut deficit_delta = (min_size - new_size).max(0) - (min_size - old_size).max(0);
        let out_mask = leaving.map_or(0, |a| self.mask(a, t));
        let in_mask = entering.map_or(0, |a| self.mask(a, t));
        if out_mask != in_mask {
            for (k, need) in team.needs.iter().enumerate() {
                let bit = 1 << k;
                let at_least = i64::from(need.need.at_least());
                let old_count = i64::from(self.need_counts[t][k]);
                let new_count =
                    old_count - i64::from(out_mask & bit != 0) + i64::from(in_mask & bit != 0);
                if new_count < old_count && new_count < at_least {
                    return None;
                }
                deficit_delta += (at_least - new_count).max(0) - (at_least - old_count).max(0);
            }
        }
        let counts = &self.nationality_counts[t];
        let no_nationalities: &[usize] = &[];
        let out_nats = leaving.map_or(no_nationalities, |a| {
            &self.model.applicants[a].nationalities
        });
        let in_nats = entering.map_or(no_nationalities, |a| {
            &self.model.applicants[a].nationalities
        });
        let mut distinct_delta = 0i32;
        for &n in out_nats {
            if !in_nats.contains(&n) && counts[n] == 1 {
                distinct_delta -= 1;
            }
        }
        for &n in in_nats {
            if out_nats.contains(&n) {
                continue;
            }
            if counts[n] == 0 {
                distinct_delta += 1;
            }
            if let Some(cap) = team.max_per_nationality
                && counts[n] + 1 > cap
            {
                return None;
            }
        }
        Some((distinct_delta, deficit_delta))
    }

    /// Value of `a` in `t` (0 when not eligible).
    pub fn value(&self, a: usize, t: usize) -> f64 {
        self.model.option(a, t).map_or(0.0, |o| o.value)
    }

    /// The objective: placements' values plus weighted distinct nationalities.
    pub fn objective(&self) -> f64 {
        objective_of(self.model, &self.teams_of)
    }

    /// Every hard constraint the state breaks, counted (0 = feasible).
    pub fn deficits(&self) -> u64 {
        let mut deficits = 0u64;
        for (t, team) in self.model.teams.iter().enumerate() {
            deficits += u64::from(team.min_size.saturating_sub(self.members[t].len() as u32));
            for (k, need) in team.needs.iter().enumerate() {
                deficits += u64::from(need.need.at_least().saturating_sub(self.need_counts[t][k]));
            }
        }
        deficits
    }
}

/// The objective of an assignment, summed in a fixed order so it is the same bit for bit
/// however the assignment was reached.
pub(crate) fn objective_of(model: &Model<'_>, teams_of: &[Vec<usize>]) -> f64 {
    let mut total = 0.0;
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); model.teams.len()];
    for (a, teams) in teams_of.iter().enumerate() {
        for &t in teams {
            total += model.option(a, t).map_or(0.0, |o| o.value);
            members[t].push(a);
        }
    }
    let mut distinct_total = 0usize;
    for team_members in &members {
        let mut nationalities: Vec<usize> = team_members
            .iter()
            .flat_map(|&a| model.applicants[a].nationalities.iter().copied())
            .collect();
        nationalities.sort_unstable();
        nationalities.dedup();
        distinct_total += nationalities.len();
    }
    total + model.diversity_weight * distinct_total as f64
}
