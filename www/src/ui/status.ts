// The status line under the figure: step, speed, which device ran it (and why not the GPU), seed.
import type { GpuInfo } from "../core/api";
import { formatValue } from "../plot/ticks";

/** "GPU: <adapter> (<backend>, fallback adapter)" or "CPU — <why>". */
export function deviceText(info: GpuInfo | null): string {
  if (!info) return "device: starting…";
  if (info.available) {
    const name = info.adapter.trim() || "unnamed adapter";
    const extra = [info.backend, info.fallback && !/fallback/i.test(name) ? "fallback adapter" : ""].filter(Boolean).join(", ");
    return `GPU: ${name}${extra ? ` (${extra})` : ""}`;
  }
  return info.reason ? `CPU — ${info.reason}` : "CPU";
}

export interface StatusParts {
  step: number;
  stepsPerSecond: number;
  device: GpuInfo | null;
  seed: number;
}

export function statusParts(s: StatusParts): string[] {
  return [
    `step ${s.step.toLocaleString("en-US")}`,
    `${formatValue(Number.isFinite(s.stepsPerSecond) ? s.stepsPerSecond : 0)} steps/s`,
    deviceText(s.device),
    `seed ${s.seed}`,
  ];
}
