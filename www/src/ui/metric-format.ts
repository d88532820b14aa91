// One metric as the read-outs show it: counts in full with separators, the device in capitals,
// everything else in three significant digits; missing or non-finite values as a dash.
import type { Metrics } from "../core/api";
import { formatValue } from "../plot/ticks";

const COUNTS = new Set(["steps", "num_params"]);

export function formatMetric(name: string, m: Metrics): string {
  const v = m[name] as unknown;
  if (name === "device") return typeof v === "string" && v ? v.toUpperCase() : "–";
  if (typeof v !== "number" || !Number.isFinite(v)) return "–";
  if (COUNTS.has(name)) return Math.round(v).toLocaleString("en-US");
  return formatValue(v);
}
