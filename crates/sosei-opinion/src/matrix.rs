//! The canonical sparse vote matrix: participants sorted by key (rows), statements sorted by key
//! (columns), one entry per final vote, compressed by row.

use crate::input::{AnalysisInput, ParticipantKey, StatementInfo};

/// Rows are participants in key order, columns are statements in key order.
#[derive(Debug, Clone)]
pub(crate) struct VoteMatrix {
    pub participants: Vec<ParticipantKey>,
    pub statements: Vec<StatementInfo>,
    /// `row_starts[i]..row_starts[i + 1]` indexes row i's entries.
    pub row_starts: Vec<usize>,
    /// Column of each entry, ascending within a row.
    pub columns: Vec<u32>,
    /// +1 agree, −1 disagree, 0 pass.
    pub values: Vec<i8>,
    /// Votes dropped because their statement is unknown.
    pub votes_on_unknown_statements: usize,
    /// Votes dropped because their participant is banned.
    pub votes_by_banned: usize,
    /// Repeated (participant, statement) pairs that were collapsed.
    pub duplicate_votes: usize,
}

impl VoteMatrix {
    pub fn n_rows(&self) -> usize {
        self.participants.len()
    }

    pub fn n_columns(&self) -> usize {
        self.statements.len()
    }

    pub fn row(&self, row: usize) -> (&[u32], &[i8]) {
        let range = self.row_starts[row]..self.row_starts[row + 1];
        (&self.columns[range.clone()], &self.values[range])
    }

    pub fn n_entries(&self) -> usize {
        self.columns.len()
    }

    /// Sort everything by key so that nothing downstream can see the caller's row order.
    pub fn from_input(input: &AnalysisInput) -> VoteMatrix {
        let mut statements = input.statements.clone();
        statements.sort_unstable_by_key(|statement| statement.key);
        // A statement listed twice keeps the stricter flags, whichever copy came first.
        statements.dedup_by(|later, kept| {
            if later.key == kept.key {
                kept.moderated_out |= later.moderated_out;
                kept.is_meta |= later.is_meta;
                true
            } else {
                false
            }
        });
        let statement_index = KeyIndex::new(statements.iter().map(|s| s.key.0).collect());

        let mut banned: Vec<i64> = input.banned.iter().map(|key| key.0).collect();
        banned.sort_unstable();
        banned.dedup();
        let is_banned = |key: i64| banned.binary_search(&key).is_ok();

        let mut votes_on_unknown_statements = 0;
        let mut votes_by_banned = 0;
        // Participant keys; votes usually arrive grouped by participant, so dropping consecutive
        // repeats first keeps this list short before the sort.
        let mut participant_keys: Vec<i64> = Vec::new();
        for vote in &input.votes {
            if statement_index.find(vote.statement.0).is_none() {
                votes_on_unknown_statements += 1;
                continue;
            }
            if is_banned(vote.participant.0) {
                votes_by_banned += 1;
                continue;
            }
            if participant_keys.last() != Some(&vote.participant.0) {
                participant_keys.push(vote.participant.0);
            }
        }
        participant_keys.sort_unstable();
        participant_keys.dedup();
        let participant_index = KeyIndex::new(participant_keys);

        let n_rows = participant_index.len();
        let mut located: Vec<(u32, u32, i8)> = Vec::with_capacity(input.votes.len());
        let mut row_starts = vec![0usize; n_rows + 1];
        // Whether the votes already come in (row, column) order without repeats, as an export's
        // participant × statement table or a store query ordered that way does: then the sorts
        // below have nothing to do.
        let mut in_canonical_order = true;
        let mut previous: Option<(u32, u32)> = None;
        for vote in &input.votes {
            let Some(column) = statement_index.find(vote.statement.0) else {
                continue;
            };
            let Some(row) = participant_index.find(vote.participant.0) else {
                // A banned participant: never entered the index.
                continue;
            };
            row_starts[row + 1] += 1;
            let here = (row as u32, column as u32);
            in_canonical_order &= previous.is_none_or(|previous| previous < here);
            previous = Some(here);
            located.push((here.0, here.1, vote.vote.value()));
        }
        if in_canonical_order {
            for row in 0..n_rows {
                row_starts[row + 1] += row_starts[row];
            }
            return VoteMatrix {
                participants: participant_index
                    .keys
                    .iter()
                    .map(|&key| ParticipantKey(key))
                    .collect(),
                statements,
                row_starts,
                columns: located.iter().map(|entry| entry.1).collect(),
                values: located.iter().map(|entry| entry.2).collect(),
                votes_on_unknown_statements,
                votes_by_banned,
                duplicate_votes: 0,
            };
        }
        for row in 0..n_rows {
            row_starts[row + 1] += row_starts[row];
        }
        // Otherwise a counting sort by row (stable), then each (short) row sorted by column in
        // place. (A second counting sort by column first would avoid the row sorts, but it needs
        // another copy of every vote: 1M participants × 50M votes went from 2.0 to 2.8 GiB.)
        let n_entries = located.len();
        let mut entries: Vec<(u32, i8)> = vec![(0, 0); n_entries];
        let mut next = row_starts.clone();
        for (row, column, value) in located {
            let slot = &mut next[row as usize];
            entries[*slot] = (column, value);
            *slot += 1;
        }
        drop(next);
        // Within a row: sort by (column, value) and keep the last of each column, i.e. the
        // highest value, an order-free rule for duplicates the caller did not resolve.
        let mut duplicate_votes = 0;
        let mut columns = Vec::with_capacity(n_entries);
        let mut values = Vec::with_capacity(n_entries);
        let mut new_starts = vec![0usize; n_rows + 1];
        for row in 0..n_rows {
            let row_entries = &mut entries[row_starts[row]..row_starts[row + 1]];
            if !row_entries.is_sorted() {
                row_entries.sort_unstable();
            }
            for index in 0..row_entries.len() {
                if index + 1 < row_entries.len() && row_entries[index + 1].0 == row_entries[index].0
                {
                    duplicate_votes += 1;
                    continue;
                }
                columns.push(row_entries[index].0);
                values.push(row_entries[index].1);
            }
            new_starts[row + 1] = columns.len();
        }

        VoteMatrix {
            participants: participant_index
                .keys
                .iter()
                .map(|&key| ParticipantKey(key))
                .collect(),
            statements,
            row_starts: new_starts,
            columns,
            values,
            votes_on_unknown_statements,
            votes_by_banned,
            duplicate_votes,
        }
    }
}

/// Sorted distinct keys with a fast lookup: a direct table when the keys are dense (database ids
/// usually are), binary search otherwise.
pub(crate) struct KeyIndex {
    keys: Vec<i64>,
    dense: Option<(i64, Vec<u32>)>,
}

impl KeyIndex {
    /// `keys` must be sorted and distinct.
    pub fn new(keys: Vec<i64>) -> KeyIndex {
        let dense = match (keys.first(), keys.last()) {
            (Some(&first), Some(&last)) => {
                let span = last.abs_diff(first) as usize;
                if span <= 4 * keys.len() + 1024 {
                    let mut table = vec![u32::MAX; span + 1];
                    for (index, &key) in keys.iter().enumerate() {
                        table[key.abs_diff(first) as usize] = index as u32;
                    }
                    Some((first, table))
                } else {
                    None
                }
            }
            _ => None,
        };
        KeyIndex { keys, dense }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn find(&self, key: i64) -> Option<usize> {
        match &self.dense {
            Some((first, table)) => {
                if key < *first {
                    return None;
                }
                let slot = table.get(key.abs_diff(*first) as usize)?;
                (*slot != u32::MAX).then_some(*slot as usize)
            }
            None => self.keys.binary_search(&key).ok(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Vote, VoteRecord};

    fn matrix_of(votes: Vec<VoteRecord>) -> VoteMatrix {
        VoteMatrix::from_input(&AnalysisInput {
            statements: (10..16).map(StatementInfo::plain).collect(),
            votes,
            banned: vec![ParticipantKey(7)],
            previous_groups: Vec::new(),
        })
    }

    fn parts(matrix: &VoteMatrix) -> (Vec<ParticipantKey>, Vec<usize>, Vec<u32>, Vec<i8>) {
        (
            matrix.participants.clone(),
            matrix.row_starts.clone(),
            matrix.columns.clone(),
            matrix.values.clone(),
        )
    }

    /// The shortcut for votes already in (participant, statement) order and the general path
    /// build the same matrix.
    #[test]
    fn ordered_and_shuffled_votes_give_the_same_matrix() {
        let choices = [Vote::Agree, Vote::Disagree, Vote::Pass];
        let mut ordered = Vec::new();
        for participant in [3, 5, 7, 9, 12] {
            for statement in 10..16 {
                if (participant + statement) % 4 != 0 {
                    let vote = choices[(participant * statement) as usize % 3];
                    ordered.push(VoteRecord::new(participant, statement, vote));
                }
            }
        }
        ordered.push(VoteRecord::new(12, 99, Vote::Agree)); // an unknown statement
        let mut shuffled = ordered.clone();
        shuffled.reverse();
        shuffled.swap(1, 7);
        let from_ordered = matrix_of(ordered.clone());
        let from_shuffled = matrix_of(shuffled);
        assert_eq!(parts(&from_ordered), parts(&from_shuffled));
        assert_eq!(from_ordered.votes_on_unknown_statements, 1);
        assert!(from_ordered.votes_by_banned > 0);
        assert!(!from_ordered.participants.contains(&ParticipantKey(7)));

        // A repeated pair leaves the shortcut; the higher value is kept.
        let mut repeated = ordered;
        repeated.push(VoteRecord::new(3, 11, Vote::Disagree));
        repeated.push(VoteRecord::new(3, 11, Vote::Agree));
        let with_repeats = matrix_of(repeated);
        assert_eq!(with_repeats.duplicate_votes, 2);
        let (columns, values) = with_repeats.row(0);
        let slot = columns.iter().position(|&c| c == 1).expect("statement 11");
        assert_eq!(values[slot], 1);
    }
}
