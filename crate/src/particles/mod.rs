//! Interacting particle systems. `repulsion`: confinement plus RBF repulsion (the platform's
//! first lab). `lab`: the particle samplers lab, one module per algorithm (ula, mala, svgd,
//! kde_wgd, sge_wgd, ssge_wgd, mfld) on shared particle runs (`run`), with the SIMD CPU pair
//! kernels (`simd`, `pair_kernel`) and the GPU glue (`lab_gpu`).

pub mod algorithm;
pub mod cross_kernel;
pub mod kde_wgd;
pub mod lab;
mod lab_gpu;
pub mod mala;
pub mod metrics;
pub mod mfld;
pub mod optimizer;
pub mod pair_kernel;
pub mod params;
pub mod repulsion;
pub mod run;
pub mod sge_wgd;
pub mod simd;
pub mod ssge_wgd;
pub mod svgd;
pub mod ula;
pub mod view;
