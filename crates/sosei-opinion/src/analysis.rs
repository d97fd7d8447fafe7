//! The pipeline: canonical matrix → inclusion → PCA → base clusters → groups → statistics.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;

use crate::cluster::{
    Points, grid_quantize, kmeans_sketched, lloyd, prefer_polis_start, sorted_distinct_start,
    weighted_silhouette,
};
use crate::input::{AnalysisConfig, AnalysisInput};
use crate::matrix::VoteMatrix;
use crate::output::*;
use crate::pca::{principal_components, project};
use crate::repness::{self, GroupTallies};

const MAP_DIMENSIONS: usize = 2;
const GROUP_ITERATIONS: usize = 50;
/// Grid cells of the sketch the k-means restarts run on.
const SKETCH_CELLS: usize = 256;

/// Run the whole analysis. Pure and deterministic: the same input (in any row order) and the
/// same config give the same [`Analysis`], bit for bit.
pub fn analyze(input: &AnalysisInput, config: &AnalysisConfig) -> Analysis {
    let matrix = VoteMatrix::from_input(input);
    // Previous groups by row; a participant listed twice keeps the smaller group id.
    let mut previous: Vec<Option<usize>> = vec![None; matrix.n_rows()];
    for entry in &input.previous_groups {
        if let Ok(row) = matrix.participants.binary_search(&entry.participant) {
            let slot = &mut previous[row];
            *slot = Some(slot.map_or(entry.group, |g: usize| g.min(entry.group)));
        }
    }
    analyze_matrix(&matrix, &previous, config)
}

pub(crate) fn analyze_matrix(
    matrix: &VoteMatrix,
    previous_group_of_row: &[Option<usize>],
    config: &AnalysisConfig,
) -> Analysis {
    let n_rows = matrix.n_rows();
    let active: Vec<bool> = matrix
        .statements
        .iter()
        .map(|s| !s.moderated_out && !s.is_meta)
        .collect();
    let n_active = active.iter().filter(|&&a| a).count();

    // 1. Who is clustered.
    let n_votes: Vec<u32> = (0..n_rows)
        .map(|row| {
            let (columns, _) = matrix.row(row);
            columns.iter().filter(|&&c| active[c as usize]).count() as u32
        })
        .collect();
    let included = if config.count_moderated_votes {
        let all_votes: Vec<u32> = (0..n_rows)
            .map(|row| matrix.row(row).0.len() as u32)
            .collect();
        inclusion(&all_votes, matrix.n_columns(), config)
    } else {
        inclusion(&n_votes, n_active, config)
    };

    // 2. Principal components over everyone, positions for everyone.
    let cluster_dims = config.cluster_dimensions.max(1);
    let n_components = cluster_dims.max(MAP_DIMENSIONS);
    let pca = principal_components(
        matrix,
        &active,
        n_components,
        config.seed,
        config.pad_projection_with_moderated,
    );
    let positions: Vec<Vec<f64>> = (0..n_rows)
        .map(|row| {
            let (columns, values) = matrix.row(row);
            project(columns, values, &pca, &active, n_components)
        })
        .collect();

    // 3. Groups among the included.
    let included_rows: Vec<usize> = (0..n_rows).filter(|&row| included[row]).collect();
    let previous: Vec<Option<usize>> = included_rows
        .iter()
        .map(|&row| previous_group_of_row.get(row).copied().flatten())
        .collect();
    let grouping = find_groups(&included_rows, &previous, &positions, cluster_dims, config);

    // 4. Canonical group ids: largest first, then the group holding the smallest key (rows are
    //    in key order, so the smallest row).
    let mut groups_rows: Vec<Vec<usize>> = vec![Vec::new(); grouping.k];
    for (position, &row) in included_rows.iter().enumerate() {
        if let Some(group) = grouping.participant_group.get(position).copied().flatten() {
            groups_rows[group].push(row);
        }
    }
    groups_rows.retain(|members| !members.is_empty());
    groups_rows.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let mut group_of_row: Vec<Option<usize>> = vec![None; n_rows];
    for (group, members) in groups_rows.iter().enumerate() {
        for &row in members {
            group_of_row[row] = Some(group);
        }
    }

    // 5. Centres and membership confidence in the clustering space.
    let centres: Vec<Vec<f64>> = groups_rows
        .iter()
        .map(|members| mean_position(members, &positions, cluster_dims))
        .collect();
    let map_centres: Vec<[f64; 2]> = groups_rows
        .iter()
        .map(|members| {
            let centre = mean_position(members, &positions, MAP_DIMENSIONS);
            [centre[0], centre[1]]
        })
        .collect();
    let mut squared_spread = 0.0;
    let mut n_grouped = 0usize;
    for (group, members) in groups_rows.iter().enumerate() {
        for &row in members {
            squared_spread += squared(&positions[row][..cluster_dims], &centres[group]);
            n_grouped += 1;
        }
    }
    let within_group_variance = if n_grouped > 0 {
        squared_spread / (n_grouped * cluster_dims) as f64
    } else {
        0.0
    };
    let sizes: Vec<usize> = groups_rows.iter().map(Vec::len).collect();

    let participants: Vec<ParticipantPlacement> = (0..n_rows)
        .map(|row| {
            let group = group_of_row[row];
            ParticipantPlacement {
                key: matrix.participants[row],
                group,
                position: [positions[row][0], positions[row][1]],
                included: included[row],
                n_votes: n_votes[row],
                membership_confidence: group.map(|g| {
                    membership_confidence(
                        &positions[row][..cluster_dims],
                        g,
                        &centres,
                        &sizes,
                        within_group_variance,
                    )
                }),
            }
        })
        .collect();

    // 6. Statistics per group and statement.
    let tallies = GroupTallies::count(matrix, &groups_rows);
    let statement_results = repness::statement_results(matrix, &tallies, &pca, &active, config);

    let groups = groups_rows
        .iter()
        .enumerate()
        .map(|(group, members)| OpinionGroup {
            id: group,
            members: members
                .iter()
                .map(|&row| matrix.participants[row])
                .collect(),
            centre: centres[group].clone(),
            map_centre: map_centres[group],
            representative: repness::representative(matrix, &tallies, group, &active, config),
            votes: repness::group_votes(matrix, &tallies, group, config),
        })
        .collect();

    let projection = Projection {
        statements: matrix.statements.iter().map(|s| s.key).collect(),
        explained_variance: pca
            .eigenvalues
            .iter()
            .map(|value| {
                if pca.total_variance > 0.0 {
                    value / pca.total_variance
                } else {
                    0.0
                }
            })
            .collect(),
        means: pca.means.clone(),
        components: pca.components.clone(),
        cluster_dimensions: cluster_dims,
        n_active_statements: n_active,
        scale_statements: pca.scale_columns,
        padding: pca.padding,
        within_group_variance,
        pca_iterations: pca.iterations,
    };

    Analysis {
        participants,
        groups,
        consensus: statement_results.consensus,
        divisive: statement_results.divisive,
        statements: statement_results.statements,
        projection,
        group_choice: GroupChoice {
            chosen_k: groups_rows.len(),
            base_clusters: grouping.base_clusters,
            candidates: grouping.candidates,
        },
        counts: Counts {
            participants: n_rows,
            included_participants: included_rows.len(),
            statements: matrix.n_columns(),
            active_statements: n_active,
            votes: matrix.n_entries(),
            votes_on_unknown_statements: matrix.votes_on_unknown_statements,
            votes_by_banned: matrix.votes_by_banned,
            duplicate_votes: matrix.duplicate_votes,
        },
    }
}

/// Pol.is's rule: at least min(7, statements) votes; then, while fewer than 15 are in, add the
/// most active of the rest (more votes first, then smaller key) as long as they voted at all.
fn inclusion(n_votes: &[u32], n_active: usize, config: &AnalysisConfig) -> Vec<bool> {
    let threshold = config.min_votes_to_cluster.min(n_active).max(1) as u32;
    let mut included: Vec<bool> = n_votes.iter().map(|&n| n >= threshold).collect();
    let mut count = included.iter().filter(|&&i| i).count();
    if count < config.top_up_to {
        let mut rest: Vec<usize> = (0..n_votes.len())
            .filter(|&row| !included[row] && n_votes[row] > 0)
            .collect();
        rest.sort_by(|&a, &b| n_votes[b].cmp(&n_votes[a]).then(a.cmp(&b)));
        for row in rest {
            if count >= config.top_up_to {
                break;
            }
            included[row] = true;
            count += 1;
        }
    }
    included
}

struct Grouping {
    k: usize,
    /// Group of each included participant (same order as the included rows).
    participant_group: Vec<Option<usize>>,
    base_clusters: usize,
    candidates: Vec<GroupCandidate>,
}

/// Base points (participants, or grid cells for big conversations), then k-means on them for
/// each k, then the k choice.
fn find_groups(
    included_rows: &[usize],
    previous: &[Option<usize>],
    positions: &[Vec<f64>],
    dims: usize,
    config: &AnalysisConfig,
) -> Grouping {
    let n = included_rows.len();
    if n == 0 {
        return Grouping {
            k: 0,
            participant_group: Vec::new(),
            base_clusters: 0,
            candidates: Vec::new(),
        };
    }
    let coordinates: Vec<f64> = included_rows
        .iter()
        .flat_map(|&row| positions[row][..dims].iter().copied())
        .collect();
    let ones = vec![1.0; n];
    let points = Points {
        coordinates: &coordinates,
        dims,
        weights: &ones,
    };
    let quantized = (n > config.base_points)
        .then(|| grid_quantize(&points, &vec![0; n], config.base_points.max(1)));
    let base_points = match &quantized {
        Some(q) => Points {
            coordinates: &q.centres,
            dims,
            weights: &q.weights,
        },
        None => Points {
            coordinates: &coordinates,
            dims,
            weights: &ones,
        },
    };
    let base_of_participant = |index: usize| match &quantized {
        Some(q) => q.cell_of_point[index],
        None => index,
    };
    let n_base = base_points.len();

    // Warm start: the previous groups' centres on today's positions of their members (groups left
    // empty are dropped; participants who were not grouped before do not count).
    let n_previous = previous.iter().flatten().max().map_or(0, |&g| g + 1);
    let mut previous_sums = vec![0.0; n_previous * dims];
    let mut previous_counts = vec![0usize; n_previous];
    for (index, group) in previous.iter().enumerate() {
        if let Some(group) = *group {
            previous_counts[group] += 1;
            for d in 0..dims {
                previous_sums[group * dims + d] += coordinates[index * dims + d];
            }
        }
    }
    let mut previous_centres = Vec::new();
    for group in 0..n_previous {
        if previous_counts[group] > 0 {
            for d in 0..dims {
                previous_centres
                    .push(previous_sums[group * dims + d] / previous_counts[group] as f64);
            }
        }
    }
    let previous_k = previous_centres.len() / dims;

    // Pol.is: at most min(5, 2 + base clusters / 12) groups.
    let max_k = config.max_groups.min(2 + n / 12).min(n_base);
    // The restarts run on a coarse weighted sketch when there are many base points.
    let sketch_cells = SKETCH_CELLS;
    let sketch = (n_base > 2 * sketch_cells && sketch_cells > 0)
        .then(|| grid_quantize(&base_points, &vec![0; n_base], sketch_cells));
    let sketch_points = sketch.as_ref().map(|q| Points {
        coordinates: &q.centres,
        dims,
        weights: &q.weights,
    });
    let mut candidates = Vec::new();
    let mut admissible_candidates: Vec<(usize, f64, Vec<usize>)> = Vec::new();
    for k in 2..=max_k {
        // Lloyd from Pol.is's start; the previous groups (for their k) and the k-means++
        // restarts replace it only with a clearly lower inertia (see `prefer_polis_start`).
        let polis = lloyd(
            &base_points,
            sorted_distinct_start(&base_points, k),
            GROUP_ITERATIONS,
        );
        let mut others = Vec::with_capacity(2);
        if k == previous_k {
            others.push(lloyd(
                &base_points,
                previous_centres.clone(),
                GROUP_ITERATIONS,
            ));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(config.seed ^ (k as u64).wrapping_mul(0x9E37_79B9));
        others.push(kmeans_sketched(
            &base_points,
            sketch_points.as_ref(),
            k,
            config.group_restarts,
            GROUP_ITERATIONS,
            &mut rng,
        ));
        let clustering = prefer_polis_start(polis, others, k, dims, n as f64);
        let found_k = clustering.k(dims);
        if found_k < k {
            continue;
        }
        let mut group_sizes = vec![0.0; found_k];
        for (base, &group) in clustering.assignment.iter().enumerate() {
            group_sizes[group] += base_points.weights[base];
        }
        let smallest = group_sizes.iter().copied().fold(f64::INFINITY, f64::min) as usize;
        let silhouette = if n_base <= config.silhouette_points {
            weighted_silhouette(&base_points, &clustering.assignment, found_k)
        } else {
            let coarse = grid_quantize(
                &base_points,
                &clustering.assignment,
                config.silhouette_points.max(found_k),
            );
            weighted_silhouette(
                &Points {
                    coordinates: &coarse.centres,
                    dims,
                    weights: &coarse.weights,
                },
                &coarse.labels,
                found_k,
            )
        };
        let admissible = smallest >= config.min_group_size;
        candidates.push(GroupCandidate {
            k,
            silhouette,
            smallest_group: smallest,
            admissible,
        });
        if admissible {
            admissible_candidates.push((k, silhouette, clustering.assignment));
        }
    }
    // The previous k, if still admissible, is the incumbent; otherwise the smallest k. Another k
    // replaces the incumbent only by beating its silhouette by the margin (larger k are tried in
    // increasing order, each against the current choice).
    let mut chosen: Option<(usize, f64, Vec<usize>)> = None;
    if let Some(index) = admissible_candidates
        .iter()
        .position(|candidate| candidate.0 == previous_k)
    {
        chosen = Some(admissible_candidates.remove(index));
    }
    for candidate in admissible_candidates {
        let better = match &chosen {
            None => true,
            Some((_, best, _)) => candidate.1 > best + config.k_margin,
        };
        if better {
            chosen = Some(candidate);
        }
    }

    let (k, base_group) = match chosen {
        Some((k, _, assignment)) => (k, assignment),
        // Too few people for two groups of the minimum size: one group of everyone.
        None => (1, vec![0; n_base]),
    };
    let participant_group = (0..n)
        .map(|index| Some(base_group[base_of_participant(index)]))
        .collect();
    Grouping {
        k,
        participant_group,
        base_clusters: n_base,
        candidates,
    }
}

fn mean_position(rows: &[usize], positions: &[Vec<f64>], dims: usize) -> Vec<f64> {
    let mut centre = vec![0.0; dims];
    for &row in rows {
        for d in 0..dims {
            centre[d] += positions[row][d];
        }
    }
    if !rows.is_empty() {
        centre.iter_mut().for_each(|x| *x /= rows.len() as f64);
    }
    centre
}

fn squared(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// Posterior of `group` for a point under equal-variance spherical Gaussians centred on the
/// groups, with the groups' sizes as prior weights.
pub(crate) fn membership_confidence(
    point: &[f64],
    group: usize,
    centres: &[Vec<f64>],
    sizes: &[usize],
    variance: f64,
) -> f64 {
    if centres.len() <= 1 || variance <= 0.0 {
        return 1.0;
    }
    let log_weights: Vec<f64> = centres
        .iter()
        .zip(sizes)
        .map(|(centre, &size)| {
            (size.max(1) as f64).ln() - squared(point, centre) / (2.0 * variance)
        })
        .collect();
    let top = log_weights
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    let total: f64 = log_weights.iter().map(|w| (w - top).exp()).sum();
    (log_weights[group] - top).exp() / total
}
