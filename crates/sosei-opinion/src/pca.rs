//! Principal components of the centred sparse vote matrix by seeded block subspace iteration,
//! and Pol.is's sparsity-aware projection.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

use crate::matrix::VoteMatrix;

pub(crate) struct Pca {
    /// Mean vote per column over the participants who voted on it (0 for excluded columns).
    pub means: Vec<f64>,
    /// `components[t]` is component t over all columns (0 on excluded columns).
    pub components: Vec<Vec<f64>>,
    /// Eigenvalues of XᵀX for each component.
    pub eigenvalues: Vec<f64>,
    /// Σ of squared centred entries (trace of XᵀX), for the explained-variance ratios.
    pub total_variance: f64,
    pub iterations: usize,
    /// Columns in the projection's numerator, N in sqrt(N / (|V| + padding)).
    pub scale_columns: usize,
    /// Added to every participant's vote count in the projection (see the crate docs).
    pub padding: usize,
}

/// Extra vectors carried along to speed convergence of the wanted ones.
const OVERSAMPLING: usize = 2;
const MAX_ITERATIONS: usize = 500;
const TOLERANCE: f64 = 1e-6;

pub(crate) fn principal_components(
    matrix: &VoteMatrix,
    active: &[bool],
    n_components: usize,
    seed: u64,
    pad_with_inactive: bool,
) -> Pca {
    let n_columns = matrix.n_columns();
    let n_active_columns = active.iter().filter(|&&a| a).count();
    let mut sums = vec![0.0f64; n_columns];
    let mut counts = vec![0u64; n_columns];
    for (&column, &value) in matrix.columns.iter().zip(&matrix.values) {
        sums[column as usize] += f64::from(value);
        counts[column as usize] += 1;
    }
    let means: Vec<f64> = (0..n_columns)
        .map(|column| {
            if active[column] && counts[column] > 0 {
                sums[column] / counts[column] as f64
            } else {
                0.0
            }
        })
        .collect();
    let mut total_variance = 0.0;
    for (&column, &value) in matrix.columns.iter().zip(&matrix.values) {
        if active[column as usize] {
            let centred = f64::from(value) - means[column as usize];
            total_variance += centred * centred;
        }
    }

    // Pol.is's matrix has a column per statement with at least one vote, and its moderated-out
    // and meta columns hold 0 for everyone, so they count as "voted" in the projection.
    let voted_active = (0..n_columns)
        .filter(|&c| active[c] && counts[c] > 0)
        .count();
    let voted_inactive = (0..n_columns)
        .filter(|&c| !active[c] && counts[c] > 0)
        .count();
    let padding = if pad_with_inactive { voted_inactive } else { 0 };
    let scale_columns = voted_active + padding;
    let wanted = n_components.min(n_active_columns);
    // A multiple of 4 so the hot loop has a fixed width; vectors beyond the rank stay zero.
    let block = (wanted + OVERSAMPLING).div_ceil(4) * 4;
    if wanted == 0 {
        return Pca {
            means,
            components: vec![vec![0.0; n_columns]; n_components],
            eigenvalues: vec![0.0; n_components],
            total_variance,
            iterations: 0,
            scale_columns,
            padding,
        };
    }

    // Basis stored column-major by statement: basis[column * block + t].
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut basis = vec![0.0f64; n_columns * block];
    for column in 0..n_columns {
        for t in 0..block {
            // Draw for every column so the stream does not depend on which columns are active.
            let draw = uniform(&mut rng) * 2.0 - 1.0;
            if active[column] {
                basis[column * block + t] = draw;
            }
        }
    }
    orthonormalise(&mut basis, block);

    // The active entries only, so the hot loop has no branch.
    let mut active_row_starts = Vec::with_capacity(matrix.n_rows() + 1);
    let mut active_columns: Vec<u32> = Vec::new();
    let mut active_values: Vec<f32> = Vec::new();
    active_row_starts.push(0);
    for row in 0..matrix.n_rows() {
        let (columns, values) = matrix.row(row);
        for (&column, &value) in columns.iter().zip(values) {
            if active[column as usize] {
                active_columns.push(column);
                // Centred once; f32 halves the memory of the hot loop (sums stay f64).
                active_values.push((f64::from(value) - means[column as usize]) as f32);
            }
        }
        active_row_starts.push(active_columns.len());
    }
    let entries = ActiveEntries {
        row_starts: &active_row_starts,
        columns: &active_columns,
        centred: &active_values,
    };

    let mut product = vec![0.0f64; n_columns * block];
    let mut iterations = 0;
    let (ritz_values, ritz_vectors) = loop {
        iterations += 1;
        // product = XᵀX · basis, one pass over the rows: Σ_i x_i (x_i · basis).
        match block {
            4 => entries.gram_product::<4>(&basis, &mut product),
            8 => entries.gram_product::<8>(&basis, &mut product),
            _ => entries.gram_product_any(block, &basis, &mut product),
        }
        // Rayleigh–Ritz on the current subspace.
        let mut small = vec![0.0f64; block * block];
        for column in 0..n_columns {
            let b = &basis[column * block..(column + 1) * block];
            let p = &product[column * block..(column + 1) * block];
            for s in 0..block {
                for t in 0..block {
                    small[s * block + t] += b[s] * p[t];
                }
            }
        }
        for s in 0..block {
            for t in 0..s {
                let mean = 0.5 * (small[s * block + t] + small[t * block + s]);
                small[s * block + t] = mean;
                small[t * block + s] = mean;
            }
        }
        let (values, vectors) = symmetric_eigen(&small, block);
        // Residual ‖A v − θ v‖ for the wanted Ritz pairs, with v = basis·w, A v = product·w.
        let scale = values
            .first()
            .copied()
            .unwrap_or(0.0)
            .abs()
            .max(f64::MIN_POSITIVE);
        let mut worst = 0.0f64;
        for t in 0..wanted {
            let mut residual = 0.0;
            for column in 0..n_columns {
                let b = &basis[column * block..(column + 1) * block];
                let p = &product[column * block..(column + 1) * block];
                let mut av = 0.0;
                let mut v = 0.0;
                for s in 0..block {
                    av += p[s] * vectors[s * block + t];
                    v += b[s] * vectors[s * block + t];
                }
                let r = av - values[t] * v;
                residual += r * r;
            }
            worst = worst.max(residual.sqrt() / scale);
        }
        if worst <= TOLERANCE || iterations >= MAX_ITERATIONS {
            break (values, vectors);
        }
        std::mem::swap(&mut basis, &mut product);
        orthonormalise(&mut basis, block);
    };

    let mut components = Vec::with_capacity(n_components);
    let mut eigenvalues = Vec::with_capacity(n_components);
    for t in 0..n_components {
        if t >= wanted {
            components.push(vec![0.0; n_columns]);
            eigenvalues.push(0.0);
            continue;
        }
        let mut component: Vec<f64> = (0..n_columns)
            .map(|column| {
                let b = &basis[column * block..(column + 1) * block];
                (0..block).map(|s| b[s] * ritz_vectors[s * block + t]).sum()
            })
            .collect();
        let norm = component.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            component.iter_mut().for_each(|x| *x /= norm);
        }
        canonical_sign(&mut component);
        components.push(component);
        eigenvalues.push(ritz_values[t].max(0.0));
    }
    Pca {
        means,
        components,
        eigenvalues,
        total_variance,
        iterations,
        scale_columns,
        padding,
    }
}

/// The centred active entries of the vote matrix, compressed by row.
struct ActiveEntries<'a> {
    row_starts: &'a [usize],
    columns: &'a [u32],
    centred: &'a [f32],
}

impl ActiveEntries<'_> {
    /// product = XᵀX · basis for a block of fixed width B.
    fn gram_product<const B: usize>(&self, basis: &[f64], product: &mut [f64]) {
        product.iter_mut().for_each(|x| *x = 0.0);
        let (basis, _) = basis.as_chunks::<B>();
        let (product, _) = product.as_chunks_mut::<B>();
        for row in 0..self.row_starts.len() - 1 {
            let range = self.row_starts[row]..self.row_starts[row + 1];
            let columns = &self.columns[range.clone()];
            let values = &self.centred[range];
            let mut dots = [0.0f64; B];
            for (&column, &value) in columns.iter().zip(values) {
                let centred = f64::from(value);
                let b = &basis[column as usize];
                for t in 0..B {
                    dots[t] += centred * b[t];
                }
            }
            for (&column, &value) in columns.iter().zip(values) {
                let centred = f64::from(value);
                let p = &mut product[column as usize];
                for t in 0..B {
                    p[t] += centred * dots[t];
                }
            }
        }
    }

    fn gram_product_any(&self, block: usize, basis: &[f64], product: &mut [f64]) {
        product.iter_mut().for_each(|x| *x = 0.0);
        let mut dots = vec![0.0f64; block];
        for row in 0..self.row_starts.len() - 1 {
            let range = self.row_starts[row]..self.row_starts[row + 1];
            let columns = &self.columns[range.clone()];
            let values = &self.centred[range];
            dots.iter_mut().for_each(|x| *x = 0.0);
            for (&column, &value) in columns.iter().zip(values) {
                let column = column as usize;
                let centred = f64::from(value);
                for t in 0..block {
                    dots[t] += centred * basis[column * block + t];
                }
            }
            for (&column, &value) in columns.iter().zip(values) {
                let column = column as usize;
                let centred = f64::from(value);
                for t in 0..block {
                    product[column * block + t] += centred * dots[t];
                }
            }
        }
    }
}

/// A component and its negation are equally valid; pick the one whose largest entry (first, if
/// tied) is positive so that the map does not flip between runs or inputs.
fn canonical_sign(component: &mut [f64]) {
    let mut largest = 0.0f64;
    let mut sign = 1.0;
    for &x in component.iter() {
        if x.abs() > largest + 1e-12 {
            largest = x.abs();
            sign = x.signum();
        }
    }
    if sign < 0.0 {
        component.iter_mut().for_each(|x| *x = -*x);
    }
}

/// Pol.is's projection: p_i = sqrt(N / max(|V_i| + padding, 1)) · Σ_{j∈V_i} (x_ij − μ_j) · c_j.
/// The factor scales up participants who voted on few statements, whose sums would otherwise sit
/// near the centre just for having fewer terms.
pub(crate) fn project(
    columns: &[u32],
    values: &[i8],
    pca: &Pca,
    active: &[bool],
    n_dims: usize,
) -> Vec<f64> {
    let mut position = vec![0.0; n_dims];
    let mut n_voted = 0usize;
    for (&column, &value) in columns.iter().zip(values) {
        let column = column as usize;
        if !active[column] {
            continue;
        }
        n_voted += 1;
        let centred = f64::from(value) - pca.means[column];
        for (t, slot) in position.iter_mut().enumerate() {
            *slot += centred * pca.components[t][column];
        }
    }
    let scale = (pca.scale_columns as f64 / (n_voted + pca.padding).max(1) as f64).sqrt();
    position.iter_mut().for_each(|x| *x *= scale);
    position
}

/// Modified Gram–Schmidt, twice for stability; vectors that vanish stay zero.
fn orthonormalise(basis: &mut [f64], block: usize) {
    let n = basis.len() / block;
    for _pass in 0..2 {
        for t in 0..block {
            for s in 0..t {
                let mut dot = 0.0;
                for row in 0..n {
                    dot += basis[row * block + t] * basis[row * block + s];
                }
                for row in 0..n {
                    basis[row * block + t] -= dot * basis[row * block + s];
                }
            }
            let norm = (0..n)
                .map(|row| basis[row * block + t] * basis[row * block + t])
                .sum::<f64>()
                .sqrt();
            let factor = if norm > 1e-300 { 1.0 / norm } else { 0.0 };
            for row in 0..n {
                basis[row * block + t] *= factor;
            }
        }
    }
}

/// Eigenvalues (descending) and eigenvectors (columns of a row-major n×n matrix) of a small
/// symmetric matrix by cyclic Jacobi rotations.
pub(crate) fn symmetric_eigen(matrix: &[f64], n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut a = matrix.to_vec();
    let mut v = vec![0.0; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    for _sweep in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * n + j] * a[i * n + j])
            .sum();
        let diagonal: f64 = (0..n).map(|i| a[i * n + i] * a[i * n + i]).sum();
        if off <= 1e-30 * diagonal.max(1e-300) {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let akp = a[k * n + p];
                    let akq = a[k * n + q];
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let apk = a[p * n + k];
                    let aqk = a[q * n + k];
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let vkp = v[k * n + p];
                    let vkq = v[k * n + q];
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| a[y * n + y].total_cmp(&a[x * n + x]).then(x.cmp(&y)));
    let values = order.iter().map(|&i| a[i * n + i]).collect();
    let mut vectors = vec![0.0; n * n];
    for (new, &old) in order.iter().enumerate() {
        for k in 0..n {
            vectors[k * n + new] = v[k * n + old];
        }
    }
    (values, vectors)
}

/// A uniform number in [0, 1) from 53 random bits.
pub(crate) fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn jacobi_finds_the_eigenvalues_of_a_known_matrix() {
        // [[2,1],[1,2]] has eigenvalues 3 and 1.
        let (values, vectors) = symmetric_eigen(&[2.0, 1.0, 1.0, 2.0], 2);
        assert!((values[0] - 3.0).abs() < 1e-12);
        assert!((values[1] - 1.0).abs() < 1e-12);
        assert!((vectors[0].abs() - 0.5f64.sqrt()).abs() < 1e-12);
    }
}
