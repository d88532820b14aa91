// The target's picture under the particles: the density shaded on a log scale and its level
// lines, built once per target (a 128 × 128 image and three sets of segments) and reused by both
// panels and every frame until the lab restarts with another target or frame.
import type { Snapshot } from "../../core/api";
import { fieldImage } from "../../plot/heatmap";
import { CONTOUR_LEVELS, contourSegments, logShade, type GridFrame } from "./contours";

export interface TargetLayer {
  frame: GridFrame;
  /** the shaded density, one pixel per grid cell, top row = largest y (null without a DOM canvas) */
  image: HTMLCanvasElement | null;
  /** segments per level, outermost (3σ) last */
  contours: number[][];
}

/** The frame the lab draws in, or null if the snapshot has none. */
export function frameOf(s: Snapshot): GridFrame | null {
  const { x0, x1, y0, y1 } = s.values;
  if (![x0, x1, y0, y1].every((v) => v !== undefined && Number.isFinite(v)) || !(x1! > x0!) || !(y1! > y0!)) return null;
  return { x: [x0!, x1!], y: [y0!, y1!] };
}

/** What identifies a target picture: the frame, the grid's shape and 64 of its values. */
export function densityKey(s: Snapshot): string {
  const d = s.arrays.density;
  const f = frameOf(s);
  if (!d || !f) return "";
  const stride = Math.max(1, Math.floor(d.data.length / 64));
  const probe: number[] = [];
  for (let i = 0; i < d.data.length; i += stride) probe.push(d.data[i]!);
  return [f.x, f.y, d.shape, probe].join("|");
}

export class TargetCache {
  private key = "";
  private layer: TargetLayer | null = null;

  /** The layer for this snapshot's target, rebuilt only when the target changed. */
  get(s: Snapshot): TargetLayer | null {
    const key = densityKey(s);
    if (key === this.key) return this.layer;
    this.key = key;
    this.layer = key ? build(s) : null;
    return this.layer;
  }
}

function build(s: Snapshot): TargetLayer | null {
  const d = s.arrays.density!;
  const frame = frameOf(s)!;
  const [rows, cols] = d.shape as [number, number];
  if (!(rows > 1 && cols > 1) || d.data.length < rows * cols) return null;
  const contours = CONTOUR_LEVELS.map((level) => contourSegments(d.data, rows, cols, frame, level));
  const img = fieldImage({ values: logShade(d.data), rows, cols, rowsAlong: "y", x: frame.x, y: frame.y }, "density", [0, 1]);
  const canvas = typeof document === "undefined" ? null : document.createElement("canvas");
  const ctx = canvas?.getContext("2d");
  if (canvas && ctx) {
    canvas.width = img.width;
    canvas.height = img.height;
    const data = ctx.createImageData(img.width, img.height);
    data.data.set(img.rgba);
    ctx.putImageData(data, 0, 0);
  }
  return { frame, image: ctx ? canvas : null, contours };
}
