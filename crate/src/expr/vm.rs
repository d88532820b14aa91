//! Running a compiled tape. `eval_batch` goes instruction by instruction over blocks of points,
//! so each instruction is a tight loop over contiguous slices that the compiler vectorizes;
//! `check_batch` runs that same fast path and only when an output is not finite replays the one
//! bad point, instruction by instruction, to say which operation produced it and where.

use super::compile::{Compiled, Instr, Op, Origin, Src};
use super::error::EvalError;
use super::func::Func;

/// Points per block: 256 f64 = 2 KiB per register, so a tape's registers stay in L1/L2.
const BLOCK: usize = 256;

/// An operand over one block: a slice of points or one value for all of them.
#[derive(Clone, Copy)]
enum Arg<'a> {
    Slice(&'a [f64]),
    Scalar(f64),
}

#[inline(always)]
fn map1(d: &mut [f64], a: Arg, f: impl Fn(f64) -> f64) {
    match a {
        Arg::Slice(a) => d.iter_mut().zip(a).for_each(|(d, &a)| *d = f(a)),
        Arg::Scalar(a) => d.fill(f(a)),
    }
}

#[inline(always)]
fn map2(d: &mut [f64], a: Arg, b: Arg, f: impl Fn(f64, f64) -> f64) {
    match (a, b) {
        (Arg::Slice(a), Arg::Slice(b)) => d
            .iter_mut()
            .zip(a)
            .zip(b)
            .for_each(|((d, &a), &b)| *d = f(a, b)),
        (Arg::Slice(a), Arg::Scalar(b)) => d.iter_mut().zip(a).for_each(|(d, &a)| *d = f(a, b)),
        (Arg::Scalar(a), Arg::Slice(b)) => d.iter_mut().zip(b).for_each(|(d, &b)| *d = f(a, b)),
        (Arg::Scalar(a), Arg::Scalar(b)) => d.fill(f(a, b)),
    }
}

/// One instruction over a block. Each arm is its own monomorphized loop.
fn run_block<'a>(op: Op, d: &mut [f64], arg: impl Fn(Src) -> Arg<'a>) {
    match op {
        Op::Neg(a) => map1(d, arg(a), |a| -a),
        Op::Add(a, b) => map2(d, arg(a), arg(b), |a, b| a + b),
        Op::Sub(a, b) => map2(d, arg(a), arg(b), |a, b| a - b),
        Op::Mul(a, b) => map2(d, arg(a), arg(b), |a, b| a * b),
        Op::Div(a, b) => map2(d, arg(a), arg(b), |a, b| a / b),
        Op::Pow(a, b) => map2(d, arg(a), arg(b), f64::powf),
        Op::Call(f, a) => match f {
            // the cheap ones get their own (vectorizable) loops; the rest call libm per point anyway
            Func::Sqrt => map1(d, arg(a), f64::sqrt),
            Func::Abs => map1(d, arg(a), f64::abs),
            _ => map1(d, arg(a), |x| f.apply(x)),
        },
    }
}

/// One instruction at one point: the same IEEE operations as `run_block`.
#[inline]
fn run_scalar(op: Op, arg: impl Fn(Src) -> f64) -> f64 {
    match op {
        Op::Neg(a) => -arg(a),
        Op::Add(a, b) => arg(a) + arg(b),
        Op::Sub(a, b) => arg(a) - arg(b),
        Op::Mul(a, b) => arg(a) * arg(b),
        Op::Div(a, b) => arg(a) / arg(b),
        Op::Pow(a, b) => arg(a).powf(arg(b)),
        Op::Call(f, a) => f.apply(arg(a)),
    }
}

fn operands(op: Op) -> [Option<Src>; 2] {
    match op {
        Op::Neg(a) | Op::Call(_, a) => [Some(a), None],
        Op::Add(a, b) | Op::Sub(a, b) | Op::Mul(a, b) | Op::Div(a, b) | Op::Pow(a, b) => {
            [Some(a), Some(b)]
        }
    }
}

impl Compiled {
    /// Value at one point; `values` in the order of `vars()`.
    pub fn eval(&self, values: &[f64]) -> f64 {
        assert_eq!(values.len(), self.vars.len(), "one value per variable");
        let mut small = [0.0; 32];
        let mut big = Vec::new();
        let regs: &mut [f64] = if self.n_regs <= small.len() {
            &mut small[..]
        } else {
            big.resize(self.n_regs, 0.0);
            &mut big[..]
        };
        for ins in &self.code {
            let v = run_scalar(ins.op, |s| self.scalar(s, regs, values));
            regs[ins.dst as usize] = v;
        }
        self.scalar(self.result, regs, values)
    }

    fn scalar(&self, s: Src, regs: &[f64], values: &[f64]) -> f64 {
        match s {
            Src::Reg(r) => regs[r as usize],
            Src::Var(v) => values[v as usize],
            Src::Const(c) => self.consts[c as usize],
        }
    }

    fn block_arg<'a>(
        &self,
        s: Src,
        regs: &'a [Vec<f64>],
        columns: &[&'a [f64]],
        range: std::ops::Range<usize>,
    ) -> Arg<'a> {
        match s {
            Src::Reg(r) => Arg::Slice(&regs[r as usize][..range.len()]),
            Src::Var(v) => Arg::Slice(&columns[v as usize][range]),
            Src::Const(c) => Arg::Scalar(self.consts[c as usize]),
        }
    }

    /// `out[i]` = value at point i, where `columns[j][i]` is the value of `vars()[j]`.
    /// Panics if the column count or lengths do not match (a programming error, not user input).
    pub fn eval_batch(&self, columns: &[&[f64]], out: &mut [f64]) {
        assert_eq!(columns.len(), self.vars.len(), "one column per variable");
        let n = out.len();
        assert!(
            columns.iter().all(|c| c.len() == n),
            "every column as long as the output"
        );
        let mut regs: Vec<Vec<f64>> = vec![vec![0.0; BLOCK]; self.n_regs];
        let mut start = 0;
        while start < n {
            let len = BLOCK.min(n - start);
            let range = start..start + len;
            for ins in &self.code {
                // the destination is never an operand (see compile.rs), so take it out while reading
                let mut d = std::mem::take(&mut regs[ins.dst as usize]);
                run_block(ins.op, &mut d[..len], |s| {
                    self.block_arg(s, &regs, columns, range.clone())
                });
                regs[ins.dst as usize] = d;
            }
            let dst = &mut out[range.clone()];
            match self.block_arg(self.result, &regs, columns, range) {
                Arg::Slice(r) => dst.copy_from_slice(r),
                Arg::Scalar(v) => dst.fill(v),
            }
            start += len;
        }
    }

    /// `eval_batch`, then, if some output is NaN or infinite, an error naming the operation that
    /// first produced a non-finite value on the path to the first such output, e.g.
    /// "ln of a negative number at 0..7 (at point 12)". `out` is filled either way.
    pub fn check_batch(&self, columns: &[&[f64]], out: &mut [f64]) -> Result<(), EvalError> {
        self.eval_batch(columns, out);
        if all_finite(out) {
            return Ok(());
        }
        let p = out
            .iter()
            .position(|v| !v.is_finite())
            .expect("a non-finite value exists");
        let values: Vec<f64> = columns.iter().map(|c| c[p]).collect();
        Err(self.diagnose(&values, p))
    }

    /// Replays one point keeping every intermediate value, then walks back from the result
    /// along non-finite operands to the instruction whose own inputs were all finite. (The first
    /// non-finite instruction in program order could be harmless: `1/(1/x)` at x = 0 is 0.)
    fn diagnose(&self, values: &[f64], point_index: usize) -> EvalError {
        let mut regs = vec![0.0; self.n_regs];
        let mut writer = vec![usize::MAX; self.n_regs];
        // per instruction: operand values and, for register operands, the producing instruction
        let mut seen: Vec<[(f64, Option<usize>); 2]> = Vec::with_capacity(self.code.len());
        for ins in &self.code {
            let ops = operands(ins.op).map(|o| match o {
                Some(s @ Src::Reg(r)) => (self.scalar(s, &regs, values), Some(writer[r as usize])),
                Some(s) => (self.scalar(s, &regs, values), None),
                None => (0.0, None),
            });
            seen.push(ops);
            regs[ins.dst as usize] = run_scalar(ins.op, |s| self.scalar(s, &regs, values));
            writer[ins.dst as usize] = seen.len() - 1;
        }
        let error = |message: String, span| EvalError {
            message,
            span,
            point_index,
        };
        let bad_input = |s: Src| match s {
            Src::Var(v) => Some(format!(
                "input '{}' is not finite ({})",
                self.vars[v as usize], values[v as usize]
            )),
            _ => None,
        };
        let mut at = match self.result {
            Src::Reg(r) => writer[r as usize],
            s => {
                return error(
                    bad_input(s).unwrap_or_else(|| "value is not finite".into()),
                    self.span,
                );
            }
        };
        'walk: loop {
            let ins = &self.code[at];
            for (o, (v, producer)) in operands(ins.op).into_iter().zip(seen[at]) {
                let Some(src) = o else { continue };
                if v.is_finite() {
                    continue;
                }
                if let Some(j) = producer {
                    at = j;
                    continue 'walk;
                }
                if let Some(msg) = bad_input(src) {
                    return error(msg, ins.span);
                }
            }
            let [(a, _), (b, _)] = seen[at];
            return error(explain(ins, a, b).into(), ins.span);
        }
    }
}

/// Why an operation with finite inputs gave a non-finite result.
fn explain(ins: &Instr, a: f64, b: f64) -> &'static str {
    let power = ins.origin == Origin::Power;
    match ins.op {
        Op::Div(..) if b == 0.0 && power => "zero to a negative power",
        Op::Div(..) if b == 0.0 => "division by zero",
        Op::Div(..) if power => "overflow in power",
        Op::Div(..) => "overflow in division",
        Op::Mul(..) if power => "overflow in power",
        Op::Mul(..) => "overflow in multiplication",
        Op::Add(..) => "overflow in addition",
        Op::Sub(..) => "overflow in subtraction",
        Op::Neg(_) => "non-finite value",
        Op::Pow(..) if a < 0.0 && b.fract() != 0.0 => "negative number to a non-integer power",
        Op::Pow(..) if a == 0.0 && b < 0.0 => "zero to a negative power",
        Op::Pow(..) => "overflow in power",
        Op::Call(f, _) => match f {
            Func::Ln if a < 0.0 => "ln of a negative number",
            Func::Ln => "ln of zero",
            Func::Sqrt => "sqrt of a negative number",
            Func::Exp => "overflow in exp",
            Func::Sinh => "overflow in sinh",
            Func::Cosh => "overflow in cosh",
            Func::Tan => "tan at a pole",
            _ => "non-finite value",
        },
    }
}

/// Whether all values are finite, in a form that vectorizes (x·0 is NaN exactly for NaN
/// and ±inf), so `check_batch` costs almost nothing over `eval_batch` when all is well.
fn all_finite(xs: &[f64]) -> bool {
    let mut acc = [0.0f64; 8];
    let chunks = xs.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for i in 0..8 {
            acc[i] += c[i] * 0.0;
        }
    }
    let tail: f64 = rest.iter().map(|x| x * 0.0).sum();
    acc.iter().sum::<f64>() + tail == 0.0
}

#[cfg(test)]
#[path = "vm_tests.rs"]
mod tests;
