//! What crosses from a lab to its view: named flat arrays with shapes, curves, and a few scalars.
//! Flat arrays keep the copy out of wasm memory to one memcpy each (sent as transferables).

#[derive(Clone, Debug, PartialEq)]
pub enum ArrayData {
    F32(Vec<f32>),
    F64(Vec<f64>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct SnapshotArray {
    pub data: ArrayData,
    pub shape: Vec<usize>,
}

/// A line for a plot: x and y of equal length.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Curve {
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

impl Curve {
    pub fn push(&mut self, x: f64, y: f64) {
        self.x.push(x);
        self.y.push(y);
    }

    /// Keeps long histories drawable: above `max_len` points, drop every second point of the older
    /// half (recent points stay dense, the start of the run stays visible).
    pub fn push_bounded(&mut self, x: f64, y: f64, max_len: usize) {
        self.push(x, y);
        if self.x.len() > max_len.max(4) {
            let half = self.x.len() / 2;
            let keep = |v: &mut Vec<f64>| {
                let mut i = 0;
                v.retain(|_| {
                    i += 1;
                    i > half || i % 2 == 1
                });
            };
            keep(&mut self.x);
            keep(&mut self.y);
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    pub step: u64,
    pub time: f64,
    pub arrays: Vec<(String, SnapshotArray)>,
    pub curves: Vec<(String, Curve)>,
    pub values: Vec<(String, f64)>,
    /// Short texts: LaTeX formulas, notes. The page shows them as text or through KaTeX only.
    pub texts: Vec<(String, String)>,
}

impl Snapshot {
    pub fn new(step: u64, time: f64) -> Self {
        Self {
            step,
            time,
            ..Self::default()
        }
    }

    pub fn array_f32(mut self, name: &str, data: Vec<f32>, shape: &[usize]) -> Self {
        debug_assert_eq!(data.len(), shape.iter().product::<usize>());
        self.arrays.push((
            name.into(),
            SnapshotArray {
                data: ArrayData::F32(data),
                shape: shape.to_vec(),
            },
        ));
        self
    }

    pub fn array_f64(mut self, name: &str, data: Vec<f64>, shape: &[usize]) -> Self {
        debug_assert_eq!(data.len(), shape.iter().product::<usize>());
        self.arrays.push((
            name.into(),
            SnapshotArray {
                data: ArrayData::F64(data),
                shape: shape.to_vec(),
            },
        ));
        self
    }

    pub fn curve(mut self, name: &str, curve: Curve) -> Self {
        self.curves.push((name.into(), curve));
        self
    }

    pub fn value(mut self, name: &str, v: f64) -> Self {
        self.values.push((name.into(), v));
        self
    }

    pub fn text(mut self, name: &str, t: impl Into<String>) -> Self {
        self.texts.push((name.into(), t.into()));
        self
    }
}

/// Named numbers, snake_case; units are given in the lab's parameter/metric help.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metrics {
    pub values: Vec<(String, f64)>,
}

impl Metrics {
    pub fn with(mut self, name: &str, v: f64) -> Self {
        self.values.push((name.into(), v));
        self
    }

    pub fn get(&self, name: &str) -> Option<f64> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_curve_stays_bounded_and_keeps_ends() {
        let mut c = Curve::default();
        for i in 0..10_000 {
            c.push_bounded(i as f64, (i * i) as f64, 500);
        }
        assert!(c.x.len() <= 500);
        assert_eq!(c.x.len(), c.y.len());
        assert_eq!(c.x[0], 0.0);
        assert_eq!(*c.x.last().unwrap(), 9999.0);
        assert!(c.x.windows(2).all(|w| w[0] < w[1]));
        assert!(c.x.iter().zip(&c.y).all(|(x, y)| x * x == *y));
    }
}
