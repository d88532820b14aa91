//! Sums whose terms share a power of the same sum B, with exponents differing by whole numbers,
//! are put over the lowest power: Σ c_i M_i B^{p_i} = B^{p_min} · Σ c_i M_i B^{p_i − p_min}, the
//! whole powers of B multiplied out. Kept only when the inner sum comes out shorter than the group
//! it replaces. This is what turns the arc-length curvature 1/√A − u_x²/A^{3/2} (A = 1 + u_x²)
//! into 1/A^{3/2}. It holds wherever B^{p_min} is defined, so it never widens or narrows where the
//! expression is defined beyond what `simplify` already allows.

use super::ast::{Expr, ExprKind};
use super::error::Span;
use super::number::Number;
use super::product::{Exponent, Product};
use super::simplify::simplify_sum;

/// Largest whole power of B multiplied out (B^3 of a two-term sum is eight products).
const MAX_EXPANSION: i64 = 3;
/// Groups larger than this are left alone (the expansion grows with the product of sizes).
const MAX_GROUP: usize = 6;
/// Only small bases (like 1 + u_x²) are tried: on deeply nested input every level would qualify
/// and the nested re-simplification would cost size × depth (measured: 5× slower on the limits test).
const MAX_BASE_NODES: usize = 32;

fn numeric_exponent(p: &Product, base: &Expr) -> Option<Number> {
    p.factors
        .iter()
        .find(|f| f.base == *base)
        .and_then(|f| match f.exp {
            Exponent::Num(n) => Some(n),
            Exponent::Sym(_) => None,
        })
}

fn difference_is_whole(a: Number, b: Number) -> Option<i64> {
    a.add(b.neg()).as_int()
}

/// The product without its factor `base`, as an expression.
fn without(p: &Product, base: &Expr) -> Expr {
    let mut q = p.clone();
    q.factors.retain(|f| f.base != *base);
    q.build(Span::NONE)
}

/// M · B^k with B a sum, multiplied out into terms.
fn expand(m: Expr, base: &Expr, k: i64) -> Vec<Expr> {
    let ExprKind::Add(parts) = &base.kind else {
        return vec![Expr::mul(vec![
            m,
            Expr::pow(base.clone(), Expr::num(k as f64)),
        ])];
    };
    let mut terms = vec![m];
    for _ in 0..k {
        terms = terms
            .iter()
            .flat_map(|t| {
                parts
                    .iter()
                    .map(move |b| Expr::mul(vec![t.clone(), b.clone()]))
            })
            .collect();
    }
    // Product::of merges the (already simplified) factors without re-simplifying them: a full
    // simplify here would re-walk every nested level and cost size × depth.
    terms
        .into_iter()
        .map(|t| Product::of(t).build(Span::NONE))
        .collect()
}

fn term_count(e: &Expr) -> usize {
    match &e.kind {
        ExprKind::Add(ts) => ts.len(),
        ExprKind::Num(v) if *v == 0.0 => 0,
        _ => 1,
    }
}

/// One pass over the candidate bases of `terms` (each an already simplified product).
pub(crate) fn combine_over_common_base(terms: Vec<(Product, Span)>) -> Vec<(Product, Span)> {
    let mut terms = terms;
    let mut bases: Vec<Expr> = Vec::new();
    for (p, _) in &terms {
        for f in &p.factors {
            if matches!(f.base.kind, ExprKind::Add(_))
                && matches!(f.exp, Exponent::Num(_))
                && f.base.size() <= MAX_BASE_NODES
                && !bases.contains(&f.base)
            {
                bases.push(f.base.clone());
            }
        }
    }
    for base in bases {
        let group: Vec<(usize, Number)> = terms
            .iter()
            .enumerate()
            .filter_map(|(i, (p, _))| numeric_exponent(p, &base).map(|n| (i, n)))
            .collect();
        if group.len() < 2 || group.len() > MAX_GROUP {
            continue;
        }
        let lowest = group
            .iter()
            .map(|g| g.1)
            .min_by(|a, b| a.value().total_cmp(&b.value()))
            .expect("non-empty");
        let shifts: Option<Vec<i64>> = group
            .iter()
            .map(|g| difference_is_whole(g.1, lowest))
            .collect();
        let Some(shifts) = shifts.filter(|s| s.iter().all(|k| (0..=MAX_EXPANSION).contains(k)))
        else {
            continue;
        };
        if shifts.iter().all(|k| *k == 0) {
            continue;
        }
        let mut inner_terms = Vec::new();
        for ((i, _), k) in group.iter().zip(&shifts) {
            let (p, _) = &terms[*i];
            inner_terms.extend(expand(without(p, &base), &base, *k));
        }
        let inner = simplify_sum(inner_terms, Span::NONE);
        if term_count(&inner) >= group.len() {
            continue;
        }
        let span = terms[group[0].0].1;
        let combined = Product::of(Expr::mul(vec![
            inner,
            Expr::pow(base.clone(), lowest.to_expr(Span::NONE)),
        ]));
        let drop: Vec<usize> = group.iter().map(|g| g.0).collect();
        let mut next: Vec<(Product, Span)> = terms
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, t)| t)
            .collect();
        if !combined.coef.is_zero() {
            next.push((combined, span));
        }
        terms = next;
    }
    terms
}
