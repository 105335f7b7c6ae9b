//! The one bootstrap of the crate: resample item indices with replacement
//! (fixed seed, so a figure is repeatable) and take the percentile interval
//! of a statistic computed on each resample. Used for the macro-F1
//! difference of two rule sets and for Cohen's kappa between annotators.

/// Resamples drawn by default.
pub const BOOTSTRAP_SAMPLES: usize = 2000;
/// Seed of the bootstrap's generator, so that a figure is repeatable.
pub const BOOTSTRAP_SEED: u64 = 0x5EED_57A4_CE00_0001;

/// The 95% percentile interval of `stat` over `samples` resamples of `n`
/// items. `stat` gets the resampled indices (each in `0..n`, `n` of them)
/// and answers `None` where the statistic is undefined on that resample;
/// such resamples are left out. `None` when no resample gave a value (or
/// `n` is 0).
pub fn percentile_interval(
    n: usize,
    samples: usize,
    seed: u64,
    mut stat: impl FnMut(&[usize]) -> Option<f64>,
) -> Option<[f64; 2]> {
    if n == 0 {
        return None;
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut indices = Vec::with_capacity(n);
    let mut values = Vec::with_capacity(samples);
    for _ in 0..samples {
        indices.clear();
        indices.extend((0..n).map(|_| rng.usize(..n)));
        values.extend(stat(&indices));
    }
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let pick =
        |q: f64| values[((q * (values.len() - 1) as f64).round() as usize).min(values.len() - 1)];
    Some([pick(0.025), pick(0.975)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_constant_statistic_has_a_point_interval_and_the_mean_brackets_itself() {
        assert_eq!(
            percentile_interval(5, 100, 1, |_| Some(0.25)),
            Some([0.25, 0.25])
        );
        let xs: Vec<f64> = (0..40).map(|i| (i % 2) as f64).collect();
        let mean = |ix: &[usize]| Some(ix.iter().map(|&i| xs[i]).sum::<f64>() / ix.len() as f64);
        let [lo, hi] = percentile_interval(xs.len(), 500, BOOTSTRAP_SEED, mean).unwrap();
        assert!(lo < 0.5 && 0.5 < hi && lo > 0.2 && hi < 0.8, "{lo} {hi}");
        assert_eq!(
            percentile_interval(xs.len(), 500, BOOTSTRAP_SEED, mean),
            Some([lo, hi]),
            "repeatable: fixed seed"
        );
    }

    #[test]
    fn undefined_resamples_are_left_out_and_none_at_all_gives_none() {
        assert_eq!(percentile_interval(0, 100, 1, |_| Some(1.0)), None);
        assert_eq!(percentile_interval(3, 100, 1, |_| None), None);
        let mut calls = 0;
        let r = percentile_interval(3, 100, 1, |_| {
            calls += 1;
            (calls % 2 == 0).then_some(1.0)
        });
        assert_eq!(r, Some([1.0, 1.0]));
    }
}
