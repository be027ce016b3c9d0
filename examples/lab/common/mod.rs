//! Statistics shared by the `bench` and `eval` examples.

/// The `p`-quantile (0..=1) of `sorted` by nearest rank; 0 for no values.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() { 0.0 } else { sorted[((sorted.len() - 1) as f64 * p).round() as usize] }
}
