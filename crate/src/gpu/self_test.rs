//! The Device page's self-test: the RBF pair sum at N points on the GPU and on the CPU, both
//! timings, and how far each is from the f64 reference.

use serde::Serialize;

use super::rbf_pair_sum::{self, RbfPairSum, normwise_rel_error};
use super::{AdapterSummary, GpuContext, GpuError};
use crate::clock::now_ms;
use crate::rng::Rng;

pub const SELF_TEST_DIM: usize = 2;
pub const SELF_TEST_BANDWIDTH: f32 = 0.5;
pub const SELF_TEST_MAX_N: usize = 16_384;
/// Runs per path; the median is reported (first GPU call also compiles, so it is a warm-up).
const RUNS: usize = 3;

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SelfTestReport {
    pub n: usize,
    pub dim: usize,
    pub bandwidth: f32,
    pub gpu: AdapterSummary,
    /// Median milliseconds per call including upload and readback; None when no GPU ran.
    pub gpu_ms: Option<f64>,
    pub cpu_ms: f64,
    /// Normwise relative error vs the f64 reference, worst of sums and gradients.
    pub max_rel_error: Option<f64>,
    pub cpu_max_rel_error: f64,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// `gpu` is the context if one exists, or the summary saying why not.
pub async fn self_test(
    gpu: Result<&GpuContext, AdapterSummary>,
    n: usize,
) -> Result<SelfTestReport, GpuError> {
    if !(16..=SELF_TEST_MAX_N).contains(&n) {
        return Err(GpuError::Unsupported(format!(
            "self-test size {n} (16..={SELF_TEST_MAX_N})"
        )));
    }
    let mut rng = Rng::new(1);
    let points: Vec<f32> = (0..n * SELF_TEST_DIM)
        .map(|_| rng.normal() as f32)
        .collect();
    let (ref_sums, ref_grads) =
        rbf_pair_sum::reference(&points, SELF_TEST_DIM, SELF_TEST_BANDWIDTH as f64);
    let error = |s: &rbf_pair_sum::RbfSums| {
        normwise_rel_error(&s.sums, &ref_sums).max(normwise_rel_error(&s.grads, &ref_grads))
    };

    let mut cpu_times = Vec::new();
    let mut cpu_result = None;
    for _ in 0..RUNS {
        let start = now_ms();
        // The CPU path the labs use for 2D points: the SIMD pair kernel of the particle labs.
        cpu_result = Some(crate::particles::pair_kernel::rbf_sums_2d(
            &points,
            SELF_TEST_BANDWIDTH as f64,
        ));
        cpu_times.push(now_ms() - start);
    }
    let cpu_max_rel_error = error(cpu_result.as_ref().expect("RUNS > 0"));

    let (summary, gpu_ms, max_rel_error) = match gpu {
        Err(summary) => (summary, None, None),
        Ok(ctx) => {
            let mut kernel = RbfPairSum::new(ctx).await?;
            kernel
                .run(ctx, &points, SELF_TEST_DIM, SELF_TEST_BANDWIDTH)
                .await?; // warm-up
            let mut times = Vec::new();
            let mut result = None;
            for _ in 0..RUNS {
                let start = now_ms();
                result = Some(
                    kernel
                        .run(ctx, &points, SELF_TEST_DIM, SELF_TEST_BANDWIDTH)
                        .await?,
                );
                times.push(now_ms() - start);
            }
            (
                ctx.summary().clone(),
                Some(median(times)),
                Some(error(result.as_ref().expect("RUNS > 0"))),
            )
        }
    };
    Ok(SelfTestReport {
        n,
        dim: SELF_TEST_DIM,
        bandwidth: SELF_TEST_BANDWIDTH,
        gpu: summary,
        gpu_ms,
        cpu_ms: median(cpu_times),
        max_rel_error,
        cpu_max_rel_error,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn cpu_only_report_says_why_and_is_accurate() {
        let report = pollster::block_on(self_test(
            Err(AdapterSummary::unavailable("test: no adapter")),
            256,
        ))
        .unwrap();
        assert_eq!(report.gpu_ms, None);
        assert_eq!(report.gpu.reason, "test: no adapter");
        assert!(report.cpu_ms >= 0.0);
        assert!(report.cpu_max_rel_error < 1e-5);
        assert!(pollster::block_on(self_test(Err(AdapterSummary::default()), 1 << 20)).is_err());
    }
}
