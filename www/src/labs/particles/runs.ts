// The one or two runs a snapshot holds: the first algorithm's arrays and curves under plain names,
// the comparison run's with the suffix `_b` (crate/src/particles/lab.rs). Everything that draws a
// run asks here for its names, so figures, plots and the numbers agree on colour and label.
import type { Curve, Snapshot, SnapshotArray } from "../../core/api";
import type { Series } from "../../plot/line-plot";
import { RUN_COLORS } from "./colors";

export interface Run {
  /** "" for the first run, "_b" for the comparison */
  suffix: "" | "_b";
  /** the algorithm's label as the lab writes it (e.g. "SVGD") */
  name: string;
  color: string;
}

export function runsOf(s: Snapshot): Run[] {
  const runs: Run[] = [{ suffix: "", name: s.texts.algorithm || "run A", color: RUN_COLORS[0] }];
  if (s.arrays.points_b) runs.push({ suffix: "_b", name: s.texts.algorithm_b || "run B", color: RUN_COLORS[1] });
  return runs;
}

export function runArray(s: Snapshot, name: string, run: Run): SnapshotArray | undefined {
  return s.arrays[`${name}${run.suffix}`];
}

const NONE: Curve = { x: new Float64Array(0), y: new Float64Array(0) };

/** Whether a curve has at least one finite value (F(μ) is NaN where it is not defined). */
export function hasFinite(c: Curve | undefined): boolean {
  if (!c) return false;
  for (let i = 0; i < c.y.length; i++) if (Number.isFinite(c.y[i]!)) return true;
  return false;
}

/** One line per run for the metric `name`, in the runs' colours and named by algorithm.
 *  Markers mark the evaluations while they are few; later they would only thicken the line. */
export function metricSeries(curves: Snapshot["curves"], name: string, runs: readonly Run[]): Series[] {
  return runs.map((r) => {
    const c = curves[`${name}${r.suffix}`] ?? NONE;
    return { name: r.name, ...c, color: r.color, width: 2, style: c.x.length <= 12 ? "line+markers" : "line" };
  });
}
