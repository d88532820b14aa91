//! The `pinn` lab: live training of a PINN on an FDE (cylindrical approximation) or on viscous
//! Burgers, with loss curves, test errors every `eval_every` steps, slices, a Burgers heatmap and
//! an optional degree study. One `step` is one optimizer step.
//!
//! Snapshot contract (www/src/core/api.ts `PinnSnapshot`):
//! - curves (x = optimizer step): `loss`, `loss_residual`, `loss_initial`, `loss_boundary` (Burgers
//!   without exact_bc; else absent), means over windows of `LOSS_WINDOW` steps; `rel_l1`,
//!   `rel_l1_max`, `rel_l2` at each evaluation; `degree_study` (x = D, y = rel_l1 against the
//!   20-coefficient solution) once the study has a point.
//! - arrays: `slice_x [n]`; FDE: `slice_pred [n]`, `slice_exact [n]` along `slice_axis` (normalized
//!   coordinate; the others at a fixed test point); Burgers: `slice_pred [3, nx]`, `slice_exact
//!   [3, nx]` at `slice_times [3]` = 0.25, 0.5, 0.75, and `field_pred`, `field_exact`, `field_error`
//!   ([nt, nx], t = i/(nt−1) rows, x = −1 + 2j/(nx−1) columns, error = pred − exact).
//! - values: `degree`, `d_in`, `num_params`, `eval_every`, `eval_step`, `test_points`, `slice_axis`,
//!   `slice_lo`, `slice_hi`, `t_max`, `x_min`, `x_max` (Burgers), `max_width`, `max_depth`,
//!   `max_batch`, `exact_bc` (0/1), `study_degree` (the D being trained by the study, else absent).
//! - texts: `equation` (the parameter), `equation_latex`, `exact_latex`, `condition_note`, `slice_label`,
//!   `eval_note`, `device_note`.

use std::rc::Rc;

use super::burgers;
use super::eval::{Errors, TEST_POINTS, TestSet};
use super::gpu_step::GpuStep;
use super::params::{MAX_BATCH, MAX_DEPTH, MAX_WIDTH, PARAMS, setup};
use super::problem::Problem;
use super::study::DegreeStudy;
use super::train::Trainer;
use crate::gpu::GpuContext;
use crate::lab::{Curve, Lab, LabError, LabInfo, LocalFuture, Metrics, Params, Snapshot};

pub static INFO: LabInfo = LabInfo {
    id: "pinn",
    title: "Neural solvers (PINN)",
    summary: "Train a small network with exact input derivatives on a functional differential equation (cylindrical approximation) or on viscous Burgers, and watch its error against the exact solution fall.",
    params: PARAMS,
    create: |params, seed| Ok(Box::new(PinnLab::new(params, seed)?)),
};

/// Loss curves hold means over this many steps.
const LOSS_WINDOW: u64 = 10;
const CURVE_POINTS: usize = 2000;
const SLICE_POINTS: usize = 101;
const FIELD_NT: usize = 101;
const FIELD_NX: usize = 201;
const SLICE_TIMES: [f64; 3] = [0.25, 0.5, 0.75];

#[derive(Default)]
struct Curves {
    loss: Curve,
    residual: Curve,
    initial: Curve,
    boundary: Curve,
    rel_l1: Curve,
    rel_l1_max: Curve,
    rel_l2: Curve,
}

struct Field {
    exact: Vec<f64>,
    pred: Vec<f64>,
    slice_exact: Vec<f64>,
    slice_pred: Vec<f64>,
}

pub struct PinnLab {
    trainer: Trainer,
    test: TestSet,
    eval_every: u64,
    errors: Errors,
    eval_step: u64,
    curves: Curves,
    window: [f64; 4],
    window_len: u64,
    slice_axis: usize,
    slice_base: Vec<f64>,
    slice_pred: Vec<f64>,
    slice_exact: Vec<f64>,
    field: Option<Field>,
    study: Option<DegreeStudy>,
    notices: Vec<String>,
    gpu: Option<GpuStep>,
    /// The `equation` parameter, so views need not infer it.
    equation: String,
}

fn grid_point(i: usize, n: usize, lo: f64, hi: f64) -> f64 {
    lo + (hi - lo) * i as f64 / (n - 1) as f64
}

impl PinnLab {
    pub fn new(params: &Params, seed: u64) -> Result<PinnLab, LabError> {
        let s = setup(params)?;
        let mut notices = s.notices;
        let test = TestSet::new(&s.problem, TEST_POINTS, seed);
        let d_in = s.problem.d_in();
        let mut slice_axis = params.int("slice_axis") as usize;
        if slice_axis >= d_in && !matches!(s.problem, Problem::Burgers) {
            notices.push(format!(
                "slice_axis = {slice_axis} is beyond the {d_in} inputs: using {}",
                d_in - 1
            ));
            slice_axis = d_in - 1;
        }
        let slice_base = test.x[..d_in].to_vec();
        let study = (params.flag("degree_study")).then(|| match &s.problem {
            Problem::Fde(f) => Some(DegreeStudy::new(
                f.kind,
                s.config.clone(),
                params.int("study_steps") as u64,
                seed,
            )),
            Problem::Burgers => None,
        });
        if matches!(study, Some(None)) {
            notices.push("the degree study applies to the FDEs only".into());
        }
        let field = matches!(s.problem, Problem::Burgers).then(|| {
            let slice_exact = SLICE_TIMES
                .iter()
                .flat_map(|&t| {
                    (0..FIELD_NX)
                        .map(move |j| burgers::reference(grid_point(j, FIELD_NX, -1.0, 1.0), t))
                })
                .collect();
            Field {
                exact: burgers::reference_field(FIELD_NT, FIELD_NX),
                pred: Vec::new(),
                slice_exact,
                slice_pred: Vec::new(),
            }
        });
        let mut lab = PinnLab {
            equation: params.text("equation").to_string(),
            trainer: Trainer::new(s.problem, s.config, seed),
            test,
            eval_every: params.int("eval_every") as u64,
            errors: Errors::default(),
            eval_step: 0,
            curves: Curves::default(),
            window: [0.0; 4],
            window_len: 0,
            slice_axis,
            slice_base,
            slice_pred: Vec::new(),
            slice_exact: Vec::new(),
            field,
            study: study.flatten(),
            notices,
            gpu: None,
        };
        lab.evaluate();
        Ok(lab)
    }

    fn slice_range(&self) -> (f64, f64) {
        if self.slice_axis == 0 {
            (0.0, 1.0)
        } else {
            (-1.0, 1.0)
        }
    }

    /// Test errors, slices and (Burgers) the field, at the current parameters.
    fn evaluate(&mut self) {
        let step = self.trainer.steps();
        self.errors = self.trainer.evaluate(&self.test);
        self.eval_step = step;
        let c = &mut self.curves;
        let x = step as f64;
        c.rel_l1.push_bounded(x, self.errors.rel_l1, CURVE_POINTS);
        c.rel_l1_max
            .push_bounded(x, self.errors.rel_l1_max, CURVE_POINTS);
        c.rel_l2.push_bounded(x, self.errors.rel_l2, CURVE_POINTS);
        if let Some(f) = &mut self.field {
            let mut pts = Vec::with_capacity(FIELD_NT * FIELD_NX * 2);
            for i in 0..FIELD_NT {
                for j in 0..FIELD_NX {
                    pts.extend([
                        grid_point(i, FIELD_NT, 0.0, 1.0),
                        grid_point(j, FIELD_NX, -1.0, 1.0),
                    ]);
                }
            }
            for &t in &SLICE_TIMES {
                for j in 0..FIELD_NX {
                    pts.extend([t, grid_point(j, FIELD_NX, -1.0, 1.0)]);
                }
            }
            let mut pred = Vec::new();
            self.trainer.predict(&pts, 2, &mut pred);
            f.slice_pred = pred.split_off(FIELD_NT * FIELD_NX);
            f.pred = pred;
        } else {
            let d = self.slice_base.len();
            let (lo, hi) = self.slice_range();
            let mut pts = Vec::with_capacity(SLICE_POINTS * d);
            for i in 0..SLICE_POINTS {
                let mut p = self.slice_base.clone();
                p[self.slice_axis] = grid_point(i, SLICE_POINTS, lo, hi);
                pts.extend(p);
            }
            self.trainer.predict(&pts, d, &mut self.slice_pred);
            self.slice_exact = pts
                .chunks_exact(d)
                .map(|s| self.trainer.problem.exact(s))
                .collect();
        }
    }

    fn record(&mut self, terms: super::loss::LossTerms) {
        for (w, v) in
            self.window
                .iter_mut()
                .zip([terms.total, terms.residual, terms.initial, terms.boundary])
        {
            *w += v;
        }
        self.window_len += 1;
        if self.window_len == LOSS_WINDOW {
            let x = self.trainer.steps() as f64;
            let n = LOSS_WINDOW as f64;
            let show_initial = !self.trainer.config.exact_bc;
            let c = &mut self.curves;
            c.loss.push_bounded(x, self.window[0] / n, CURVE_POINTS);
            c.residual.push_bounded(x, self.window[1] / n, CURVE_POINTS);
            if show_initial {
                c.initial.push_bounded(x, self.window[2] / n, CURVE_POINTS);
                if matches!(self.trainer.problem, Problem::Burgers) {
                    c.boundary.push_bounded(x, self.window[3] / n, CURVE_POINTS);
                }
            }
            self.window = [0.0; 4];
            self.window_len = 0;
        }
    }

    /// Bookkeeping after one optimizer step, on either device.
    fn after_step(&mut self, terms: super::loss::LossTerms) {
        self.record(terms);
        if self.trainer.steps().is_multiple_of(self.eval_every) {
            self.evaluate();
        }
        if let Some(s) = &mut self.study {
            s.advance(1);
        }
    }

    fn on_error(&mut self, e: LabError) -> LabError {
        // The restored parameters get fresh errors and slices, so the page shows what is kept.
        self.window = [0.0; 4];
        self.window_len = 0;
        self.evaluate();
        e
    }
}

impl Lab for PinnLab {
    fn step(&mut self, n: u32) -> Result<(), LabError> {
        for _ in 0..n {
            match self.trainer.step() {
                Ok(terms) => self.after_step(terms),
                Err(e) => return Err(self.on_error(e)),
            }
        }
        Ok(())
    }

    fn metrics(&self) -> Metrics {
        let l = self.trainer.last_loss();
        Metrics::default()
            .with("loss", l.total)
            .with("loss_residual", l.residual)
            .with("loss_initial", l.initial)
            .with("loss_boundary", l.boundary)
            .with("rel_l1", self.errors.rel_l1)
            .with("rel_l1_max", self.errors.rel_l1_max)
            .with("rel_l2", self.errors.rel_l2)
            .with("eval_step", self.eval_step as f64)
            .with("optimizer_steps", self.trainer.steps() as f64)
            .with("lr", self.trainer.lr())
            .with("grad_norm", self.trainer.grad_norm())
            .with("num_params", self.trainer.net().num_params() as f64)
    }

    fn snapshot(&self) -> Snapshot {
        let t = &self.trainer;
        let c = &self.curves;
        let (eq, exact) = t.problem.latex();
        let mut s = Snapshot::new(t.steps(), t.steps() as f64)
            .curve("loss", c.loss.clone())
            .curve("loss_residual", c.residual.clone())
            .curve("rel_l1", c.rel_l1.clone())
            .curve("rel_l1_max", c.rel_l1_max.clone())
            .curve("rel_l2", c.rel_l2.clone())
            .value("d_in", t.problem.d_in() as f64)
            .value("num_params", t.net().num_params() as f64)
            .value("eval_every", self.eval_every as f64)
            .value("eval_step", self.eval_step as f64)
            .value("test_points", self.test.len() as f64)
            .value("t_max", 1.0)
            .value("max_width", MAX_WIDTH as f64)
            .value("max_depth", MAX_DEPTH as f64)
            .value("max_batch", MAX_BATCH as f64)
            .value("exact_bc", if t.config.exact_bc { 1.0 } else { 0.0 })
            .text("equation_latex", eq)
            .text("exact_latex", exact)
            .text("condition_note", t.problem.condition_note(t.config.exact_bc))
            .text(
                "eval_note",
                format!(
                    "Errors on a fixed Latin-hypercube test set of {} points, evaluated every {} steps (last at step {}).",
                    self.test.len(),
                    self.eval_every,
                    self.eval_step
                ),
            )
            .text("device_note", self.device_note())
            .text("equation", self.equation.clone());
        if !t.config.exact_bc {
            s = s.curve("loss_initial", c.initial.clone());
            if matches!(t.problem, Problem::Burgers) {
                s = s.curve("loss_boundary", c.boundary.clone());
            }
        }
        if let Some(f) = &self.field {
            let err: Vec<f64> = f.pred.iter().zip(&f.exact).map(|(p, e)| p - e).collect();
            let xs: Vec<f64> = (0..FIELD_NX)
                .map(|j| grid_point(j, FIELD_NX, -1.0, 1.0))
                .collect();
            s = s
                .array_f64("slice_x", xs, &[FIELD_NX])
                .array_f64("slice_times", SLICE_TIMES.to_vec(), &[3])
                .array_f64("slice_pred", f.slice_pred.clone(), &[3, FIELD_NX])
                .array_f64("slice_exact", f.slice_exact.clone(), &[3, FIELD_NX])
                .array_f32("field_pred", to_f32(&f.pred), &[FIELD_NT, FIELD_NX])
                .array_f32("field_exact", to_f32(&f.exact), &[FIELD_NT, FIELD_NX])
                .array_f32("field_error", to_f32(&err), &[FIELD_NT, FIELD_NX])
                .value("x_min", -1.0)
                .value("x_max", 1.0)
                .text("slice_label", "x");
        } else {
            let (lo, hi) = self.slice_range();
            let xs: Vec<f64> = (0..SLICE_POINTS)
                .map(|i| grid_point(i, SLICE_POINTS, lo, hi))
                .collect();
            s = s
                .array_f64("slice_x", xs, &[SLICE_POINTS])
                .array_f64("slice_pred", self.slice_pred.clone(), &[SLICE_POINTS])
                .array_f64("slice_exact", self.slice_exact.clone(), &[SLICE_POINTS])
                .value("slice_axis", self.slice_axis as f64)
                .value("slice_lo", lo)
                .value("slice_hi", hi)
                .value("degree", (t.problem.d_in() - 1) as f64)
                .text("slice_label", t.problem.axis_name(self.slice_axis));
        }
        if let Some(study) = &self.study {
            if !study.curve.x.is_empty() {
                s = s.curve("degree_study", study.curve.clone());
            }
            if let Some(d) = study.current_degree() {
                s = s.value("study_degree", d as f64);
            }
        }
        s
    }

    fn notices(&self) -> Vec<String> {
        self.notices.clone()
    }

    fn attach_gpu(&mut self, gpu: Rc<GpuContext>) -> LocalFuture<'_, Result<bool, LabError>> {
        Box::pin(async move {
            let step = GpuStep::new(gpu, &self.trainer).await?;
            self.gpu = Some(step);
            Ok(true)
        })
    }

    fn detach_gpu(&mut self) {
        self.gpu = None;
    }

    fn step_gpu(&mut self, n: u32) -> LocalFuture<'_, Result<(), LabError>> {
        Box::pin(async move {
            for _ in 0..n {
                let Some(gpu) = self.gpu.as_mut() else {
                    return Err(LabError::gpu("no GPU attached"));
                };
                match gpu.step(&mut self.trainer).await {
                    Ok(terms) => self.after_step(terms),
                    Err(e) if e.kind == crate::lab::ErrorKind::Gpu => return Err(e),
                    Err(e) => return Err(self.on_error(e)),
                }
            }
            Ok(())
        })
    }
}

impl PinnLab {
    fn device_note(&self) -> String {
        match &self.gpu {
            Some(_) => "Forward and backward passes run in WGSL on the GPU (f32); Adam, sampling and the test errors on the CPU (f64).".into(),
            None => "Forward and backward passes run on the CPU (f64, SIMD matrix products).".into(),
        }
    }
}

fn to_f32(v: &[f64]) -> Vec<f32> {
    v.iter().map(|&x| x as f32).collect()
}
