//! Weighted k-means from Pol.is's start and from seeded k-means++ restarts, and a weighted
//! silhouette.

use rand_chacha::ChaCha8Rng;

use crate::pca::uniform;

/// Points are stored row-major: `points[i * dims..(i + 1) * dims]`.
pub(crate) struct Points<'a> {
    pub coordinates: &'a [f64],
    pub dims: usize,
    pub weights: &'a [f64],
}

impl Points<'_> {
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn point(&self, index: usize) -> &[f64] {
        &self.coordinates[index * self.dims..(index + 1) * self.dims]
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Clustering {
    pub centres: Vec<f64>,
    pub assignment: Vec<usize>,
    pub inertia: f64,
}

impl Clustering {
    pub fn k(&self, dims: usize) -> usize {
        self.centres.len() / dims.max(1)
    }
}

pub(crate) fn squared_distance(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum()
}

/// The best (lowest weighted inertia) of `restarts` runs of Lloyd's algorithm, each started by
/// weighted k-means++. Ties keep the earlier run. Empty clusters are dropped, so the result may
/// have fewer than `k` clusters (never when the points have at least `k` distinct positions).
pub(crate) fn kmeans(
    points: &Points<'_>,
    k: usize,
    restarts: usize,
    max_iterations: usize,
    rng: &mut ChaCha8Rng,
) -> Clustering {
    let mut best: Option<Clustering> = None;
    for _ in 0..restarts.max(1) {
        let centres = kmeans_plus_plus(points, k, rng);
        let clustering = lloyd(points, centres, max_iterations);
        if best
            .as_ref()
            .is_none_or(|b| clustering.inertia < b.inertia * (1.0 - 1e-12))
        {
            best = Some(clustering);
        }
    }
    best.unwrap_or(Clustering {
        centres: Vec::new(),
        assignment: Vec::new(),
        inertia: 0.0,
    })
}

/// [`kmeans`] on a weighted sketch of the points (their occupied cells of a coarse grid), then
/// one run of Lloyd's algorithm on the points themselves from the sketch's best centres: the
/// restarts cost sketch-sized work, only the final polish sees every point. Without a sketch,
/// plain [`kmeans`].
pub(crate) fn kmeans_sketched(
    points: &Points<'_>,
    sketch: Option<&Points<'_>>,
    k: usize,
    restarts: usize,
    max_iterations: usize,
    rng: &mut ChaCha8Rng,
) -> Clustering {
    match sketch {
        Some(sketch) => {
            let rough = kmeans(sketch, k, restarts, max_iterations, rng);
            if rough.k(points.dims) < k {
                return kmeans(points, k, restarts, max_iterations, rng);
            }
            lloyd(points, rough.centres, max_iterations)
        }
        None => kmeans(points, k, restarts, max_iterations, rng),
    }
}

/// Pol.is's start, made order-free as red-dwarf makes it: the first `k` distinct points in
/// lexicographic order of their coordinates (Pol.is takes the first k distinct rows in row order;
/// red-dwarf sorts the rows first, `np.unique`). Fewer centres when there are fewer distinct
/// points. A function of the positions alone, so of the data alone.
pub(crate) fn sorted_distinct_start(points: &Points<'_>, k: usize) -> Vec<f64> {
    let dims = points.dims.max(1);
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        points
            .point(a)
            .iter()
            .zip(points.point(b))
            // + 0.0 makes −0.0 and 0.0 one value, so equal points are always neighbours.
            .map(|(x, y)| (x + 0.0).total_cmp(&(y + 0.0)))
            .find(|ordering| ordering.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.cmp(&b))
    });
    let mut centres: Vec<f64> = Vec::with_capacity(k * dims);
    for index in order {
        if centres.len() >= k * dims {
            break;
        }
        let point = points.point(index);
        // Sorted, so a repeat can only be the point just taken.
        if centres.len() >= dims && centres[centres.len() - dims..] == *point {
            continue;
        }
        centres.extend_from_slice(point);
    }
    centres
}

/// The clustering from Pol.is's start (`polis`) stands unless another start found one that is
/// clearly better: `k` clusters and an inertia lower by more than one person's share of it
/// (inertia / `people`, the mean squared distance of a participant to their centre). Among those,
/// the lowest inertia wins, the earlier on ties. Local optima closer than that differ by a few
/// people on a border and are equally good by k-means's own measure; Pol.is's start is what
/// Pol.is (and red-dwarf) would show. If the Pol.is start gave fewer than `k` clusters, the best
/// other with `k` clusters is taken.
pub(crate) fn prefer_polis_start(
    polis: Clustering,
    others: Vec<Clustering>,
    k: usize,
    dims: usize,
    people: f64,
) -> Clustering {
    let polis_complete = polis.k(dims) == k;
    let threshold = if polis_complete && people > 0.0 {
        polis.inertia - polis.inertia / people
    } else {
        f64::INFINITY
    };
    let mut best: Option<Clustering> = None;
    for other in others {
        if other.k(dims) == k
            && other.inertia < threshold
            && best.as_ref().is_none_or(|b| other.inertia < b.inertia)
        {
            best = Some(other);
        }
    }
    best.unwrap_or(polis)
}

/// Points collapsed into the occupied cells of a regular grid over their bounding box.
pub(crate) struct Quantized {
    /// Cell centres (mean of the points in the cell), row-major.
    pub centres: Vec<f64>,
    /// Sum of the points' weights per cell.
    pub weights: Vec<f64>,
    /// The label shared by the points of each cell.
    pub labels: Vec<usize>,
    /// Cell of each point.
    pub cell_of_point: Vec<usize>,
}

/// Quantise points to at most `target` occupied grid cells (never mixing labels in a cell), as
/// fine a grid as fits. Deterministic and O(n log n): the base clusters for big conversations.
pub(crate) fn grid_quantize(points: &Points<'_>, labels: &[usize], target: usize) -> Quantized {
    let n = points.len();
    let dims = points.dims;
    let mut low = vec![f64::INFINITY; dims];
    let mut high = vec![f64::NEG_INFINITY; dims];
    for index in 0..n {
        for (d, &x) in points.point(index).iter().enumerate() {
            low[d] = low[d].min(x);
            high[d] = high[d].max(x);
        }
    }
    let max_label = labels.iter().copied().max().unwrap_or(0) as u64 + 1;
    // Cells per dimension such that label × cells^dims fits in 63 bits.
    let bits_per_dim = ((63 - (64 - max_label.leading_zeros())) / dims.max(1) as u32).min(20);
    let max_resolution = 1u64 << bits_per_dim;
    let keys_at = |resolution: u64| -> Vec<u64> {
        (0..n)
            .map(|index| {
                let mut key = labels[index] as u64;
                for (d, &x) in points.point(index).iter().enumerate() {
                    let span = high[d] - low[d];
                    let cell = if span > 0.0 {
                        (((x - low[d]) / span) * resolution as f64) as u64
                    } else {
                        0
                    };
                    key = key * resolution + cell.min(resolution - 1);
                }
                key
            })
            .collect()
    };
    let occupied = |keys: &[u64]| {
        let mut sorted = keys.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        sorted.len()
    };
    // Double the resolution while the cell count stays within the target.
    let mut resolution = 1u64;
    let mut keys = keys_at(resolution);
    while resolution < max_resolution {
        let finer = keys_at(resolution * 2);
        if occupied(&finer) > target {
            break;
        }
        resolution *= 2;
        keys = finer;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_unstable_by_key(|&index| (keys[index], index));
    let mut cell_of_point = vec![0; n];
    let mut centres = Vec::new();
    let mut weights = Vec::new();
    let mut cell_labels = Vec::new();
    let mut previous_key = None;
    for &index in &order {
        if previous_key != Some(keys[index]) {
            previous_key = Some(keys[index]);
            centres.extend(std::iter::repeat_n(0.0, dims));
            weights.push(0.0);
            cell_labels.push(labels[index]);
        }
        let cell = weights.len() - 1;
        cell_of_point[index] = cell;
        let weight = points.weights[index];
        weights[cell] += weight;
        for (d, &x) in points.point(index).iter().enumerate() {
            centres[cell * dims + d] += weight * x;
        }
    }
    for cell in 0..weights.len() {
        if weights[cell] > 0.0 {
            for d in 0..dims {
                centres[cell * dims + d] /= weights[cell];
            }
        }
    }
    Quantized {
        centres,
        weights,
        labels: cell_labels,
        cell_of_point,
    }
}

/// Weighted k-means++: the first centre is drawn in proportion to weight, each next one in
/// proportion to weight × squared distance to the nearest centre so far. Stops early when every
/// point coincides with a centre.
fn kmeans_plus_plus(points: &Points<'_>, k: usize, rng: &mut ChaCha8Rng) -> Vec<f64> {
    let n = points.len();
    let dims = points.dims;
    let mut centres: Vec<f64> = Vec::with_capacity(k * dims);
    if n == 0 || k == 0 {
        return centres;
    }
    let mut nearest = vec![f64::INFINITY; n];
    let mut scores: Vec<f64> = points.weights.to_vec();
    for _ in 0..k {
        let total: f64 = scores.iter().sum();
        if total <= 0.0 || !total.is_finite() {
            break;
        }
        let target = uniform(rng) * total;
        let mut cumulative = 0.0;
        let mut chosen = n - 1;
        for (index, score) in scores.iter().enumerate() {
            cumulative += score;
            if cumulative > target && *score > 0.0 {
                chosen = index;
                break;
            }
        }
        // Rounding can leave `chosen` on a zero-score point at the end; walk back to a real one.
        while scores[chosen] <= 0.0 && chosen > 0 {
            chosen -= 1;
        }
        let centre = points.point(chosen).to_vec();
        for index in 0..n {
            let distance = squared_distance(points.point(index), &centre);
            if distance < nearest[index] {
                nearest[index] = distance;
            }
            scores[index] = points.weights[index] * nearest[index];
        }
        centres.extend_from_slice(&centre);
    }
    centres
}

/// Lloyd's iterations until no assignment changes; the nearest centre wins, the lower index on
/// ties. Empty clusters are removed at the end.
pub(crate) fn lloyd(
    points: &Points<'_>,
    mut centres: Vec<f64>,
    max_iterations: usize,
) -> Clustering {
    let n = points.len();
    let dims = points.dims;
    let k = centres.len() / dims.max(1);
    let mut assignment = vec![usize::MAX; n];
    if dims == 0 {
        return Clustering {
            centres: Vec::new(),
            assignment: vec![0; n],
            inertia: 0.0,
        };
    }
    match dims {
        2 => lloyd_steps::<2>(points, &mut centres, &mut assignment, max_iterations),
        _ => lloyd_steps_any(points, &mut centres, &mut assignment, max_iterations),
    }
    // Drop empty clusters and renumber.
    let mut used = vec![false; k];
    for &cluster in &assignment {
        if cluster < k {
            used[cluster] = true;
        }
    }
    let mut renumber = vec![usize::MAX; k];
    let mut kept_centres = Vec::with_capacity(centres.len());
    let mut next = 0;
    for cluster in 0..k {
        if used[cluster] {
            renumber[cluster] = next;
            next += 1;
            kept_centres.extend_from_slice(&centres[cluster * dims..(cluster + 1) * dims]);
        }
    }
    for cluster in assignment.iter_mut() {
        *cluster = renumber[*cluster];
    }
    let inertia = (0..n)
        .map(|index| {
            let cluster = assignment[index];
            points.weights[index]
                * squared_distance(
                    points.point(index),
                    &kept_centres[cluster * dims..(cluster + 1) * dims],
                )
        })
        .sum();
    Clustering {
        centres: kept_centres,
        assignment,
        inertia,
    }
}

/// Lloyd's iterations for points of `D` dimensions (the map's 2 is the hot case): fixed-size
/// rows, so the loops carry no bounds checks. The arithmetic is that of [`lloyd_steps_any`], bit
/// for bit.
fn lloyd_steps<const D: usize>(
    points: &Points<'_>,
    centres: &mut [f64],
    assignment: &mut [usize],
    max_iterations: usize,
) {
    let (rows, _) = points.coordinates.as_chunks::<D>();
    let k = centres.len() / D;
    let mut sums = vec![[0.0f64; D]; k];
    let mut totals = vec![0.0f64; k];
    for _ in 0..max_iterations.max(1) {
        let (current, _) = centres.as_chunks::<D>();
        let mut changed = false;
        for (point, assigned) in rows.iter().zip(assignment.iter_mut()) {
            let mut nearest = 0;
            let mut nearest_distance = f64::INFINITY;
            for (cluster, centre) in current.iter().enumerate() {
                let distance = squared_distance(point, centre);
                if distance < nearest_distance {
                    nearest_distance = distance;
                    nearest = cluster;
                }
            }
            if *assigned != nearest {
                *assigned = nearest;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        sums.iter_mut().for_each(|sum| *sum = [0.0; D]);
        totals.iter_mut().for_each(|total| *total = 0.0);
        for ((point, &cluster), &weight) in rows.iter().zip(assignment.iter()).zip(points.weights) {
            totals[cluster] += weight;
            for (sum, x) in sums[cluster].iter_mut().zip(point) {
                *sum += weight * x;
            }
        }
        let (current, _) = centres.as_chunks_mut::<D>();
        for ((centre, sum), &total) in current.iter_mut().zip(&sums).zip(&totals) {
            if total > 0.0 {
                for (c, s) in centre.iter_mut().zip(sum) {
                    *c = s / total;
                }
            }
        }
    }
}

/// Lloyd's iterations for any number of dimensions: assign each point to the nearest centre
/// (the lower index on ties), stop when no assignment changes, else move each centre to the
/// weighted mean of its points.
fn lloyd_steps_any(
    points: &Points<'_>,
    centres: &mut [f64],
    assignment: &mut [usize],
    max_iterations: usize,
) {
    let dims = points.dims;
    let k = centres.len() / dims;
    let mut sums = vec![0.0; k * dims];
    let mut totals = vec![0.0; k];
    for _ in 0..max_iterations.max(1) {
        let mut changed = false;
        for (index, assigned) in assignment.iter_mut().enumerate() {
            let nearest = nearest_centre(points.point(index), centres, dims);
            if *assigned != nearest {
                *assigned = nearest;
                changed = true;
            }
        }
        if !changed {
            break;
        }
        sums.iter_mut().for_each(|x| *x = 0.0);
        totals.iter_mut().for_each(|x| *x = 0.0);
        for (index, &cluster) in assignment.iter().enumerate() {
            let weight = points.weights[index];
            totals[cluster] += weight;
            for (d, x) in points.point(index).iter().enumerate() {
                sums[cluster * dims + d] += weight * x;
            }
        }
        for cluster in 0..k {
            if totals[cluster] > 0.0 {
                for d in 0..dims {
                    centres[cluster * dims + d] = sums[cluster * dims + d] / totals[cluster];
                }
            }
        }
    }
}

pub(crate) fn nearest_centre(point: &[f64], centres: &[f64], dims: usize) -> usize {
    let k = centres.len() / dims.max(1);
    let mut best = 0;
    let mut best_distance = f64::INFINITY;
    for cluster in 0..k {
        let distance = squared_distance(point, &centres[cluster * dims..(cluster + 1) * dims]);
        if distance < best_distance {
            best_distance = distance;
            best = cluster;
        }
    }
    best
}

/// Silhouette of a grouping of weighted points, where a point of weight w stands for w people
/// at the same place (so it is the participants' silhouette when the points are base clusters):
/// a = mean distance to the others in its group, b = smallest mean distance to another group,
/// s = (b − a) / max(a, b); a group of one person scores 0. The mean is weighted.
pub(crate) fn weighted_silhouette(points: &Points<'_>, assignment: &[usize], k: usize) -> f64 {
    let n = points.len();
    let mut group_weight = vec![0.0; k];
    for index in 0..n {
        group_weight[assignment[index]] += points.weights[index];
    }
    let mut total = 0.0;
    let mut weight_sum = 0.0;
    let mut distance_to_group = vec![0.0; k];
    for index in 0..n {
        let weight = points.weights[index];
        if weight <= 0.0 {
            continue;
        }
        distance_to_group.iter_mut().for_each(|x| *x = 0.0);
        for other in 0..n {
            if other == index {
                continue;
            }
            let distance = squared_distance(points.point(index), points.point(other)).sqrt();
            distance_to_group[assignment[other]] += points.weights[other] * distance;
        }
        let own = assignment[index];
        let others_in_own = group_weight[own] - 1.0;
        let score = if others_in_own <= 0.0 {
            0.0
        } else {
            let a = distance_to_group[own] / others_in_own;
            let b = (0..k)
                .filter(|&g| g != own && group_weight[g] > 0.0)
                .map(|g| distance_to_group[g] / group_weight[g])
                .fold(f64::INFINITY, f64::min);
            if !b.is_finite() {
                0.0
            } else if a.max(b) > 0.0 {
                (b - a) / a.max(b)
            } else {
                0.0
            }
        };
        total += weight * score;
        weight_sum += weight;
    }
    if weight_sum > 0.0 {
        total / weight_sum
    } else {
        0.0
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use rand_chacha::rand_core::SeedableRng;

    #[test]
    fn two_obvious_clusters_are_found_and_scored_high() {
        let coordinates = [0.0, 0.0, 0.1, 0.0, 0.0, 0.1, 5.0, 5.0, 5.1, 5.0, 5.0, 5.1];
        let weights = [1.0; 6];
        let points = Points {
            coordinates: &coordinates,
            dims: 2,
            weights: &weights,
        };
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let clustering = kmeans(&points, 2, 3, 100, &mut rng);
        assert_eq!(clustering.k(2), 2);
        let a = clustering.assignment[0];
        assert!(clustering.assignment[..3].iter().all(|&c| c == a));
        assert!(clustering.assignment[3..].iter().all(|&c| c != a));
        let silhouette = weighted_silhouette(&points, &clustering.assignment, 2);
        assert!(silhouette > 0.9, "{silhouette}");
    }

    #[test]
    fn the_two_dimensional_lloyd_is_the_general_one_bit_for_bit() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        for round in 0..20 {
            let n = 50 + round * 7;
            let coordinates: Vec<f64> = (0..2 * n).map(|_| uniform(&mut rng) * 10.0).collect();
            let weights: Vec<f64> = (0..n)
                .map(|_| 1.0 + (uniform(&mut rng) * 4.0).floor())
                .collect();
            let points = Points {
                coordinates: &coordinates,
                dims: 2,
                weights: &weights,
            };
            let k = 2 + round % 4;
            let start = kmeans_plus_plus(&points, k, &mut rng);
            for iterations in [1, 3, 100] {
                let (mut fixed, mut general) = (start.clone(), start.clone());
                let (mut fixed_assignment, mut general_assignment) =
                    (vec![usize::MAX; n], vec![usize::MAX; n]);
                lloyd_steps::<2>(&points, &mut fixed, &mut fixed_assignment, iterations);
                lloyd_steps_any(&points, &mut general, &mut general_assignment, iterations);
                assert_eq!(fixed_assignment, general_assignment);
                let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&fixed), bits(&general));
            }
        }
    }

    #[test]
    fn the_polis_start_is_the_first_distinct_points_in_sorted_order_whatever_the_row_order() {
        // (1, 5) twice, so the three first distinct points are (0, 9), (1, 2), (1, 5).
        let rows: [[f64; 2]; 6] = [
            [3.0, 0.0],
            [1.0, 5.0],
            [0.0, 9.0],
            [1.0, 5.0],
            [1.0, 2.0],
            [2.0, -1.0],
        ];
        let weights = [1.0; 6];
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..20 {
            let mut order: Vec<usize> = (0..rows.len()).collect();
            for i in (1..order.len()).rev() {
                let j = (uniform(&mut rng) * (i + 1) as f64) as usize;
                order.swap(i, j.min(i));
            }
            let coordinates: Vec<f64> = order.iter().flat_map(|&i| rows[i]).collect();
            let points = Points {
                coordinates: &coordinates,
                dims: 2,
                weights: &weights,
            };
            assert_eq!(
                sorted_distinct_start(&points, 3),
                vec![0.0, 9.0, 1.0, 2.0, 1.0, 5.0]
            );
            // Five distinct points: asking for six gives five.
            assert_eq!(sorted_distinct_start(&points, 6).len(), 10);
        }
    }

    fn clustering_with(k: usize, inertia: f64) -> Clustering {
        Clustering {
            centres: vec![0.0; k],
            assignment: Vec::new(),
            inertia,
        }
    }

    #[test]
    fn another_start_replaces_the_polis_start_only_when_clearly_better() {
        // Ten people, inertia 100: one person's share is 10, so the bar is 90.
        let chosen = prefer_polis_start(
            clustering_with(2, 100.0),
            vec![clustering_with(2, 99.9), clustering_with(2, 90.0)],
            2,
            1,
            10.0,
        );
        assert_eq!(chosen.inertia, 100.0);
        let chosen = prefer_polis_start(
            clustering_with(2, 100.0),
            vec![
                clustering_with(2, 89.0),
                clustering_with(1, 10.0),
                clustering_with(2, 80.0),
            ],
            2,
            1,
            10.0,
        );
        assert_eq!(chosen.inertia, 80.0);
        // A Pol.is start that lost a cluster gives way to the best complete clustering.
        let chosen = prefer_polis_start(
            clustering_with(1, 50.0),
            vec![clustering_with(2, 99.0), clustering_with(2, 98.0)],
            2,
            1,
            10.0,
        );
        assert_eq!((chosen.k(1), chosen.inertia), (2, 98.0));
    }

    #[test]
    fn weights_count_as_people_in_the_silhouette() {
        // One point standing for 10 people at the origin, one person far away, in one group each:
        // the lone person scores 0, the ten score 1 (distance 0 among themselves).
        let coordinates = [0.0, 10.0];
        let weights = [10.0, 1.0];
        let points = Points {
            coordinates: &coordinates,
            dims: 1,
            weights: &weights,
        };
        let silhouette = weighted_silhouette(&points, &[0, 1], 2);
        assert!((silhouette - 10.0 / 11.0).abs() < 1e-12, "{silhouette}");
    }
}
