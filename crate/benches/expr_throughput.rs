//! Throughput of the compiled tape (part of `make bench`; alone: `cargo bench -p deltaf --bench
//! expr_throughput`). The target is ≥ 50 M points/s natively for the Ginzburg–Landau density.
//! Speed is reported, never asserted; the tape is checked against the tree evaluator.

use std::time::Instant;

use deltaf::expr::parse;

fn measure(text: &str, vars: &[&str], n: usize, check: bool) -> f64 {
    let c = parse(text, vars).unwrap().compile(vars).unwrap();
    let cols: Vec<Vec<f64>> = (0..vars.len())
        .map(|j| {
            (0..n)
                .map(|i| ((i * (j + 3)) % 1000) as f64 / 500.0 - 1.0)
                .collect()
        })
        .collect();
    let cols: Vec<&[f64]> = cols.iter().map(|c| c.as_slice()).collect();
    let mut out = vec![0.0; n];
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let t = Instant::now();
        if check {
            c.check_batch(&cols, &mut out).unwrap();
        } else {
            c.eval_batch(&cols, &mut out);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    // the tape agrees with the tree on a sample
    let tree = parse(text, vars).unwrap();
    for i in (0..n).step_by(n / 7 + 1) {
        let p: Vec<f64> = cols.iter().map(|c| c[i]).collect();
        assert_eq!(out[i].to_bits(), tree.eval(vars, &p).to_bits());
    }
    n as f64 / best / 1e6
}

fn main() {
    let n = 1 << 20;
    let vars = ["x", "u", "u_x"];
    let cases = [
        ("0.5*u_x^2 + (1-u^2)^2/4", false),
        ("0.5*u_x^2 + (1-u^2)^2/4", true),
        ("sqrt(1 + u_x^2) - u*u_x/(1 + x^2)", false),
        ("exp(-x^2/2)*sin(u) + ln(1 + u_x^2)", false),
    ];
    for (text, check) in cases {
        let rate = measure(text, &vars, n, check);
        let how = if check { "check_batch" } else { "eval_batch" };
        println!("{how:>11}  {rate:8.1} M points/s  {text}");
    }
}
