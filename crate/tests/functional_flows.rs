//! Gradient and Hamiltonian flows against exact solutions and conservation laws.

#![cfg(not(target_arch = "wasm32"))]

use deltaf::functional::flow::{Flow, FlowKind};
use deltaf::functional::{Lagrangian, Problem, Profile};
use deltaf::pde::grid::Boundary;
use std::f64::consts::PI;

fn problem(l: &str, u: &str, a: f64, b: f64) -> Problem {
    Problem {
        lagrangian: Lagrangian::parse(l).unwrap(),
        profile: Profile::typed(u).unwrap(),
        a,
        b,
        boundary: Boundary::Periodic,
    }
}

#[test]
fn dirichlet_energy_gradient_flow_is_the_heat_equation() {
    let p = problem("0.5*u_x^2", "sin(2*pi*x) + 0.3*cos(6*pi*x)", 0.0, 1.0);
    let mut f = Flow::new(&p, 64, FlowKind::Gradient, 1e-3).unwrap();
    f.step(20).unwrap();
    let t = f.time;
    for (x, u) in f.x().iter().zip(f.u()) {
        let exact = (-4.0 * PI * PI * t).exp() * (2.0 * PI * x).sin()
            + 0.3 * (-36.0 * PI * PI * t).exp() * (6.0 * PI * x).cos();
        assert!((u - exact).abs() < 1e-12, "x = {x}: {u} vs {exact}");
    }
}

#[test]
fn allen_cahn_decreases_the_ginzburg_landau_energy_at_fourth_order_in_time() {
    let p = problem(
        "0.0005*u_x^2 + (1-u^2)^2/4",
        "0.5*sin(2*pi*x) + 0.2*cos(6*pi*x)",
        0.0,
        1.0,
    );
    let run = |dt: f64, steps: u32| {
        let mut f = Flow::new(&p, 128, FlowKind::Gradient, dt).unwrap();
        let mut energies = vec![f.energy().unwrap()];
        for _ in 0..steps {
            f.step(1).unwrap();
            energies.push(f.energy().unwrap());
        }
        (f.u(), energies)
    };
    let (u_ref, energies) = run(0.0025, 400);
    assert!(
        energies.windows(2).all(|w| w[1] <= w[0] + 1e-12),
        "energy must not rise"
    );
    assert!(energies.last().unwrap() < &(energies[0] - 0.01));
    let (u1, _) = run(0.05, 20);
    let (u2, _) = run(0.025, 40);
    let err = |u: &[f64]| {
        u.iter()
            .zip(&u_ref)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max)
    };
    let order = (err(&u1) / err(&u2)).log2();
    assert!(
        order > 3.5,
        "time order {order} ({:e}, {:e})",
        err(&u1),
        err(&u2)
    );
}

#[test]
fn kdv_soliton_travels_at_its_speed_and_conserves_the_hamiltonian() {
    // u_t + u u_x + u_xxx = 0 has the soliton u = 3c sech²(√c (x − x0 − ct)/2).
    let c = 0.5f64;
    let soliton = format!("3*{c}/cosh(sqrt({c})*(x - 15)/2)^2");
    let p = problem("-u^3/6 + 0.5*u_x^2", &soliton, 0.0, 40.0);
    let mut f = Flow::new(&p, 256, FlowKind::Hamiltonian, 0.01).unwrap();
    let h0 = f.energy().unwrap();
    f.step(1000).unwrap();
    let t = f.time;
    let worst = f
        .x()
        .iter()
        .zip(f.u())
        .map(|(x, u)| (u - 3.0 * c / ((c.sqrt() * (x - 15.0 - c * t) / 2.0).cosh().powi(2))).abs())
        .fold(0.0, f64::max);
    assert!(worst < 1e-4, "soliton error {worst} after t = {t}");
    let drift = ((f.energy().unwrap() - h0) / h0).abs();
    assert!(drift < 1e-7, "relative Hamiltonian drift {drift}");
}

#[test]
fn a_blow_up_is_reported_and_the_state_kept() {
    // Backward heat (negative κ) with a huge step: explicit and unstable.
    let p = problem("-0.5*u_x^2", "sin(2*pi*x)", 0.0, 1.0);
    let mut f = Flow::new(&p, 64, FlowKind::Gradient, 0.5).unwrap();
    let before = f.u();
    let err = (0..200)
        .find_map(|_| f.step(1).err())
        .expect("must blow up");
    assert!(
        err.message.contains("blew up") && err.message.contains("dt"),
        "{}",
        err.message
    );
    assert!(f.u().iter().all(|v| v.is_finite()));
    assert!(f.steps < 200 && f.u() != before);
}

#[test]
fn flows_refuse_non_periodic_domains_and_bad_sizes() {
    let mut p = problem("0.5*u_x^2", "sin(pi*x)", 0.0, 1.0);
    assert!(Flow::new(&p, 100, FlowKind::Gradient, 1e-3).is_err());
    p.boundary = Boundary::Dirichlet;
    assert!(
        Flow::new(&p, 64, FlowKind::Gradient, 1e-3)
            .err()
            .unwrap()
            .message
            .contains("periodic")
    );
}

mod dirichlet {
    use deltaf::functional::flow_dirichlet::DirichletFlow;
    use deltaf::functional::{Lagrangian, Problem, Profile};
    use deltaf::pde::grid::Boundary;
    use std::f64::consts::PI;

    fn problem(l: &str, u: &str) -> Problem {
        Problem {
            lagrangian: Lagrangian::parse(l).unwrap(),
            profile: Profile::typed(u).unwrap(),
            a: 0.0,
            b: 1.0,
            boundary: Boundary::Dirichlet,
        }
    }

    #[test]
    fn heat_equation_with_fixed_ends_matches_the_exact_decay_at_second_order_in_time() {
        // u(x, 0) = sin(πx) + x: u = e^{−π² t} sin(πx) + x (the linear part is steady).
        let p = problem("0.5*u_x^2", "sin(pi*x) + x");
        let run = |dt: f64, steps: u32| {
            let mut f = DirichletFlow::new(&p, 201, dt).unwrap();
            f.step(steps).unwrap();
            (f.x().to_vec(), f.u(), f.time)
        };
        let (x, u, t) = run(1e-3, 100);
        let worst = x
            .iter()
            .zip(&u)
            .map(|(x, u)| (u - ((-PI * PI * t).exp() * (PI * x).sin() + x)).abs())
            .fold(0.0, f64::max);
        assert!(worst < 1e-4, "error {worst} at t = {t}");
        // Order in time against a fine-step solution on the same grid (spatial error cancels).
        let (_, fine, _) = run(1e-5, 10_000);
        let err = |dt: f64, n: u32| {
            run(dt, n)
                .1
                .iter()
                .zip(&fine)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max)
        };
        let order = (err(4e-3, 25) / err(2e-3, 50)).log2();
        assert!((1.8..2.3).contains(&order), "time order {order}");
        assert_eq!(u[0], 0.0);
        assert!((u[200] - 1.0).abs() < 1e-12, "the end values stay fixed");
    }

    #[test]
    fn allen_cahn_with_fixed_ends_decreases_its_energy() {
        let p = problem("0.0005*u_x^2 + (1-u^2)^2/4", "0.5*sin(3*pi*x)");
        let mut f = DirichletFlow::new(&p, 129, 0.01).unwrap();
        let mut last = f.energy().unwrap();
        for _ in 0..200 {
            f.step(1).unwrap();
            let e = f.energy().unwrap();
            assert!(e <= last + 1e-12, "energy rose from {last} to {e}");
            last = e;
        }
    }

    #[test]
    fn fourth_order_lagrangians_are_refused_with_a_reason() {
        let p = problem("0.5*u_xx^2", "sin(pi*x)");
        let e = DirichletFlow::new(&p, 64, 1e-4).err().unwrap();
        assert!(e.message.contains("periodic"), "{}", e.message);
    }
}
