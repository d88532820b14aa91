//! The `functional` lab: a typed (or drawn) u and Lagrangian, δF/δu three ways with their
//! convergence studies and Taylor tests, and optionally a gradient or Hamiltonian flow.

use super::cylindrical::{BasisKind, cylindrical};
use super::flow::{Flow, FlowKind, MAX_FLOW_POINTS, MIN_FLOW_POINTS};
use super::flow_dirichlet::DirichletFlow;
use super::methods::{discrete, grid_values, symbolic};
use super::problem::{
    Lagrangian, MAX_DEGREE, MAX_EXPR_LEN, MAX_POINTS, MIN_POINTS, Problem, Profile,
};
use super::study::{degree_study, interior, points_study, rel_error};
use super::taylor::{TaylorTest, taylor_discrete, taylor_symbolic};
use super::value::value;
use crate::lab::{
    Curve, DefaultValue, Lab, LabError, LabInfo, Metrics, ParamKind, ParamSpec, Params, Snapshot,
};
use crate::pde::grid::{Boundary, Grid};

const PARAMS: &[ParamSpec] = &[
    ParamSpec {
        name: "lagrangian",
        label: "Lagrangian L(x, u, u_x, u_xx)",
        kind: ParamKind::Expr {
            max_len: MAX_EXPR_LEN,
        },
        default: DefaultValue::Text("0.5*u_x^2"),
        help: "The density of F[u] = ∫ L dx. Variables x, u, u_x, u_xx; + − * / ^, sin cos tan exp ln sqrt abs tanh sinh cosh atan, pi, e.",
    },
    ParamSpec {
        name: "u",
        label: "u(x)",
        kind: ParamKind::Expr {
            max_len: MAX_EXPR_LEN,
        },
        default: DefaultValue::Text("sin(2*pi*x) + 0.5*cos(4*pi*x)"),
        help: "The function F is evaluated at, in x (or draw it on the plot).",
    },
    ParamSpec {
        name: "a",
        label: "Domain start a",
        kind: ParamKind::Number {
            min: -1000.0,
            max: 1000.0,
            step: 0.1,
            log: false,
        },
        default: DefaultValue::Number(0.0),
        help: "Left end of [a, b].",
    },
    ParamSpec {
        name: "b",
        label: "Domain end b",
        kind: ParamKind::Number {
            min: -1000.0,
            max: 1000.0,
            step: 0.1,
            log: false,
        },
        default: DefaultValue::Number(1.0),
        help: "Right end of [a, b]; must exceed a.",
    },
    ParamSpec {
        name: "boundary",
        label: "Boundary",
        kind: ParamKind::Choice {
            choices: &["periodic", "dirichlet", "free"],
            labels: &["Periodic", "Dirichlet (u fixed at a, b)", "Free"],
        },
        default: DefaultValue::Text("periodic"),
        help: "Periodic domains have no boundary terms; on the others the discrete and raw cylindrical gradients carry them.",
    },
    ParamSpec {
        name: "points",
        label: "Grid points N",
        kind: ParamKind::Int {
            min: MIN_POINTS as i64,
            max: MAX_POINTS as i64,
            step: 1,
        },
        default: DefaultValue::Int(256),
        help: "Uniform grid from a to b (b excluded when periodic). Flows use a power of two up to 4096.",
    },
    ParamSpec {
        name: "basis",
        label: "Cylindrical basis",
        kind: ParamKind::Choice {
            choices: &["fourier", "legendre"],
            labels: &["Fourier (periodic)", "Legendre"],
        },
        default: DefaultValue::Text("fourier"),
        help: "Orthonormal basis φ_k of the cylindrical approximation u ≈ Σ a_k φ_k.",
    },
    ParamSpec {
        name: "degree",
        label: "Basis size m",
        kind: ParamKind::Int {
            min: 1,
            max: MAX_DEGREE as i64,
            step: 1,
        },
        default: DefaultValue::Int(16),
        help: "Number m of basis functions; F becomes f(a_0..a_{m−1}).",
    },
    ParamSpec {
        name: "flow",
        label: "Flow",
        kind: ParamKind::Choice {
            choices: &["none", "gradient", "hamiltonian"],
            labels: &[
                "None",
                "Gradient flow u_t = −δF/δu",
                "Hamiltonian flow u_t = ∂ₓ δF/δu",
            ],
        },
        default: DefaultValue::Text("none"),
        help: "Play advances the flow: periodic domains pseudo-spectrally (ETDRK4); gradient flows also on Dirichlet domains (finite differences, IMEX SBDF2).",
    },
    ParamSpec {
        name: "dt",
        label: "Time step dt",
        kind: ParamKind::Number {
            min: 1e-8,
            max: 1.0,
            step: 1e-8,
            log: true,
        },
        default: DefaultValue::Number(1e-4),
        help: "Time step of the flow. The stiff linear part is exact, so dt is limited by the nonlinear part.",
    },
];

pub static INFO: LabInfo = LabInfo {
    id: "functional",
    title: "Functional derivatives",
    summary: "Type a Lagrangian and a function: δF/δu three ways (Euler–Lagrange, discrete adjoint, cylindrical), their convergence, Taylor checks, and the flows they drive.",
    params: PARAMS,
    create: |params, _seed| Ok(Box::new(FunctionalLab::new(params)?)),
};

/// A running flow: spectral on periodic domains, finite differences + IMEX on Dirichlet ones.
enum AnyFlow {
    Spectral(Flow),
    Dirichlet(DirichletFlow),
}

impl AnyFlow {
    fn step(&mut self, n: u32) -> Result<(), LabError> {
        match self {
            AnyFlow::Spectral(f) => f.step(n),
            AnyFlow::Dirichlet(f) => f.step(n),
        }
    }
    fn energy(&self) -> Result<f64, LabError> {
        match self {
            AnyFlow::Spectral(f) => f.energy(),
            AnyFlow::Dirichlet(f) => f.energy(),
        }
    }
    fn u(&self) -> Vec<f64> {
        match self {
            AnyFlow::Spectral(f) => f.u(),
            AnyFlow::Dirichlet(f) => f.u(),
        }
    }
    fn time(&self) -> f64 {
        match self {
            AnyFlow::Spectral(f) => f.time,
            AnyFlow::Dirichlet(f) => f.time,
        }
    }
    fn steps(&self) -> u64 {
        match self {
            AnyFlow::Spectral(f) => f.steps,
            AnyFlow::Dirichlet(f) => f.steps,
        }
    }
    fn stiff_coefficients(&self) -> (f64, f64) {
        match self {
            AnyFlow::Spectral(f) => f.stiff_coefficients(),
            AnyFlow::Dirichlet(f) => f.stiff_coefficients(),
        }
    }
}

/// What is drawn for the current u.
struct Current {
    x: Vec<f64>,
    u: Vec<f64>,
    symbolic: Vec<f64>,
    discrete: Vec<f64>,
    cylindrical: Vec<f64>,
    cylindrical_raw: Vec<f64>,
    value: f64,
    discrete_error: f64,
    cylindrical_error: f64,
}

pub struct FunctionalLab {
    problem: Problem,
    grid: Grid,
    kind: BasisKind,
    degree: usize,
    flow: Option<AnyFlow>,
    notices: Vec<String>,
    current: Current,
    degree_curve: Curve,
    points_curve: Curve,
    discrete_order: f64,
    taylor: Option<TaylorTest>,
    taylor_discrete: Option<TaylorTest>,
    energy: Curve,
    drift: Curve,
    energy0: f64,
}

fn compute(
    problem: &Problem,
    grid: &Grid,
    kind: BasisKind,
    degree: usize,
) -> Result<Current, LabError> {
    let s = symbolic(problem, grid)?;
    let d = discrete(problem, grid)?;
    let c = cylindrical(problem, kind, degree, grid)?;
    let window = interior(problem);
    Ok(Current {
        u: grid_values(problem, grid)?,
        value: value(problem, grid)?,
        discrete_error: rel_error(&d, &s, &grid.x, window),
        cylindrical_error: rel_error(&c.corrected, &s, &grid.x, window),
        x: grid.x.clone(),
        symbolic: s,
        discrete: d,
        cylindrical: c.corrected,
        cylindrical_raw: c.raw,
    })
}

impl FunctionalLab {
    pub fn new(params: &Params) -> Result<FunctionalLab, LabError> {
        let (a, b) = (params.number("a"), params.number("b"));
        Problem::check_domain(a, b).map_err(|e| e.for_param("b"))?;
        let boundary = Boundary::parse(params.text("boundary")).expect("schema choice");
        let kind = BasisKind::parse(params.text("basis")).expect("schema choice");
        let lagrangian = Lagrangian::parse(params.text("lagrangian"))?;
        let profile = Profile::typed(params.text("u"))?;
        let problem = Problem {
            lagrangian,
            profile,
            a,
            b,
            boundary,
        };
        let mut notices = Vec::new();
        let mut points = params.int("points") as usize;
        let flow_kind = match params.text("flow") {
            "gradient" => Some(FlowKind::Gradient),
            "hamiltonian" => Some(FlowKind::Hamiltonian),
            _ => None,
        };
        match (flow_kind, boundary) {
            (None, _) => {}
            (Some(_), Boundary::Periodic) => {
                let p2 = points
                    .next_power_of_two()
                    .clamp(MIN_FLOW_POINTS, MAX_FLOW_POINTS);
                let p2 = if p2 / 2 >= MIN_FLOW_POINTS && p2 - points > points - p2 / 2 {
                    p2 / 2
                } else {
                    p2
                };
                if p2 != points {
                    notices.push(format!(
                        "periodic flows use a power of two from 16 to 4096 grid points: N = {points} became {p2}"
                    ));
                    points = p2;
                }
            }
            (Some(FlowKind::Gradient), Boundary::Dirichlet) => {
                if points > MAX_FLOW_POINTS + 1 {
                    notices.push(format!(
                        "flows use at most {} grid points: N = {points} became {}",
                        MAX_FLOW_POINTS + 1,
                        MAX_FLOW_POINTS + 1
                    ));
                    points = MAX_FLOW_POINTS + 1;
                }
            }
            (Some(FlowKind::Hamiltonian), _) => {
                return Err(LabError::input(
                    "Hamiltonian flows run on periodic domains: choose boundary = periodic",
                )
                .for_param("flow"));
            }
            (Some(FlowKind::Gradient), _) => {
                return Err(LabError::input(
                    "gradient flows run on periodic or Dirichlet domains (free ends would need natural boundary conditions)",
                )
                .for_param("flow"));
            }
        }
        let grid = Grid::new(a, b, points, boundary);
        let degree = params.int("degree") as usize;
        let current = compute(&problem, &grid, kind, degree)?;
        let (points_curve, discrete_order) = points_study(&problem)?;
        let dt = params.number("dt");
        let flow = match (flow_kind, boundary) {
            (None, _) => None,
            (Some(k), Boundary::Periodic) => {
                Some(AnyFlow::Spectral(Flow::new(&problem, points, k, dt)?))
            }
            (Some(_), _) => Some(AnyFlow::Dirichlet(DirichletFlow::new(
                &problem, points, dt,
            )?)),
        };
        let mut lab = FunctionalLab {
            degree_curve: degree_study(&problem, kind, &grid, degree.max(32))?,
            points_curve,
            discrete_order,
            taylor: Some(taylor_symbolic(&problem, &grid)?),
            taylor_discrete: Some(taylor_discrete(&problem, &grid)?),
            problem,
            grid,
            kind,
            degree,
            flow,
            notices,
            current,
            energy: Curve::default(),
            drift: Curve::default(),
            energy0: f64::NAN,
        };
        if let Some(f) = &lab.flow {
            lab.energy0 = f.energy()?;
            lab.energy.push(0.0, lab.energy0);
        }
        Ok(lab)
    }

    fn boundary_note(&self) -> String {
        let p = &self.problem;
        if p.boundary == Boundary::Periodic {
            return String::new();
        }
        if !p.lagrangian.has_derivatives {
            return "$L$ has no $u_x$ or $u_{xx}$, so the boundary adds no terms: the three methods agree up to the ends."
                .into();
        }
        let (lo, hi) = interior(p);
        let fixed = if p.boundary == Boundary::Dirichlet {
            " ($u$ is fixed at $a$ and $b$, so $\\delta F/\\delta u$ is not defined there)"
        } else {
            ""
        };
        format!(
            "Integrating by parts on $[a, b]$ leaves the boundary terms $[L_{{u_x}} h]_a^b$ (and, with $u_{{xx}}$, \
             $[L_{{u_{{xx}}}} h_x - D_x L_{{u_{{xx}}}} h]_a^b$){fixed}. The discrete gradient carries them in its first \
             and last nodes (spikes of size $1/h$); the raw cylindrical sum $\\sum_k \\partial f/\\partial a_k\\,\\phi_k$ carries \
             their projection everywhere. Errors are measured on the interior $[{lo:.3}, {hi:.3}]$."
        )
    }
}

impl Lab for FunctionalLab {
    fn step(&mut self, n: u32) -> Result<(), LabError> {
        let Some(flow) = self.flow.as_mut() else {
            return Ok(());
        };
        for _ in 0..n {
            flow.step(1)?;
            let e = flow.energy()?;
            self.energy.push_bounded(flow.time(), e, 2000);
            if self.energy0 != 0.0 {
                self.drift.push_bounded(
                    flow.time(),
                    ((e - self.energy0) / self.energy0).abs(),
                    2000,
                );
            }
        }
        let state = self.problem.with_profile(Profile::Samples(flow.u()));
        let degree = self.degree.min(self.grid.len() / 2).max(1);
        self.current = compute(&state, &self.grid, self.kind, degree)?;
        Ok(())
    }

    fn metrics(&self) -> Metrics {
        let c = &self.current;
        let last = |curve: &Curve| curve.y.last().copied().unwrap_or(f64::NAN);
        Metrics::default()
            .with("value", c.value)
            .with(
                "taylor_slope",
                self.taylor.as_ref().map_or(f64::NAN, |t| t.slope),
            )
            .with("discrete_order", self.discrete_order)
            .with("cylindrical_error", c.cylindrical_error)
            .with("discrete_error", c.discrete_error)
            .with("energy", last(&self.energy))
            .with("energy_drift", last(&self.drift))
            .with("time", self.flow.as_ref().map_or(0.0, |f| f.time()))
    }

    fn snapshot(&self) -> Snapshot {
        let c = &self.current;
        let n = c.x.len();
        let (lo, hi) = interior(&self.problem);
        let l = &self.problem.lagrangian;
        let mut s = Snapshot::new(
            self.flow.as_ref().map_or(0, |f| f.steps()),
            self.flow.as_ref().map_or(0.0, |f| f.time()),
        )
        .array_f64("x", c.x.clone(), &[n])
        .array_f64("u", c.u.clone(), &[n])
        .array_f64("d_symbolic", c.symbolic.clone(), &[n])
        .array_f64("d_discrete", c.discrete.clone(), &[n])
        .array_f64("d_cylindrical", c.cylindrical.clone(), &[n])
        .array_f64("d_cylindrical_raw", c.cylindrical_raw.clone(), &[n])
        .curve("error_vs_degree", self.degree_curve.clone())
        .curve("error_vs_points", self.points_curve.clone())
        .curve("energy", self.energy.clone())
        .curve("energy_drift", self.drift.clone())
        .value("value", c.value)
        .value("discrete_order", self.discrete_order)
        .value("cylindrical_error", c.cylindrical_error)
        .value("discrete_error", c.discrete_error)
        .value("interior_lo", lo)
        .value("interior_hi", hi)
        .value("a", self.problem.a)
        .value("b", self.problem.b)
        .value("degree", self.degree as f64)
        .text("lagrangian_latex", l.expr.to_latex())
        .text("lagrangian_text", l.expr.to_text())
        .text("derivative_latex", l.euler_lagrange.to_latex())
        .text("derivative_text", l.euler_lagrange.to_text())
        .text("boundary_note", self.boundary_note());
        if let Some(t) = &self.taylor {
            s = s
                .curve("taylor", t.curve.clone())
                .curve("taylor_fit", t.fit.clone())
                .value("taylor_slope", t.slope);
        }
        if let Some(t) = &self.taylor_discrete {
            s = s
                .curve("taylor_discrete", t.curve.clone())
                .value("taylor_slope_discrete", t.slope);
        }
        if let Some(f) = &self.flow {
            let (kappa, beta) = f.stiff_coefficients();
            s = s
                .value("time", f.time())
                .value("kappa", kappa)
                .value("beta", beta);
        }
        s
    }

    fn notices(&self) -> Vec<String> {
        self.notices.clone()
    }
}
