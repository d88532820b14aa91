// The figures change only when the lab evaluates (every `eval_every` steps), while snapshots come
// every frame: a key of what they show lets them skip redrawing the same picture, which leaves
// the two cores to training. The key samples the predictions as well as the step, so a restart
// (same step 0, new network) or a new slice axis is never mistaken for the old picture.
import type { Snapshot, SnapshotArray } from "../../core/api";

const SAMPLES = 32;

/** A cheap summary of an array: its length and a weighted sum of about 32 of its values. */
export function sampleSum(a: SnapshotArray | undefined): string {
  if (!a) return "-";
  const d = a.data, n = d.length;
  let s = 0;
  const stride = Math.max(1, Math.floor(n / SAMPLES));
  for (let i = 0, k = 1; i < n; i += stride, k++) s += k * d[i]!;
  return `${n}:${s}`;
}

export function evalKey(s: Snapshot): string {
  const a = s.arrays;
  return [s.values.eval_step, s.values.slice_axis, sampleSum(a.slice_x), sampleSum(a.slice_pred), sampleSum(a.slice_exact), sampleSum(a.field_pred), sampleSum(a.field_exact)].join("|");
}
