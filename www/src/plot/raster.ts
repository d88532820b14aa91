// Many 2D points (thousands up to 65 536) written straight into an RGBA pixel buffer as small
// squares: at frame rate where tens of thousands of arc() calls would not be. Shared by the
// scatter views; pure (no canvas), so it is unit-tested.

export interface RasterFrame {
  /** data range shown across the buffer's width and (bottom to top) its height */
  x: [number, number];
  y: [number, number];
}

/** A CSS hex colour and an alpha as one little-endian RGBA word (ImageData's byte order). */
export function rgbaWord([r, g, b]: readonly [number, number, number], alpha: number): number {
  const a = Math.max(0, Math.min(255, Math.round(alpha * 255)));
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/**
 * Writes n points (`data` holds x, y pairs) as `dot`×`dot` squares of colour `word` into
 * `pixels`, a width × height buffer whose top row is the frame's largest y. Points outside the
 * frame or not finite are skipped; returns how many were drawn.
 */
export function rasterizePoints(pixels: Uint32Array, width: number, height: number, data: ArrayLike<number>, n: number, frame: RasterFrame, word: number, dot: number): number {
  const [x0, x1] = frame.x, [y0, y1] = frame.y;
  const kx = width / (x1 - x0), ky = height / (y1 - y0);
  // Centre the square on the point.
  const half = (dot - 1) / 2;
  let drawn = 0;
  for (let i = 0; i < n; i++) {
    const px = Math.floor((data[2 * i]! - x0) * kx - half);
    const py = Math.floor((y1 - data[2 * i + 1]!) * ky - half);
    // NaN fails both comparisons' complements below, so it is skipped too.
    if (!(px > -dot && py > -dot && px < width && py < height)) continue;
    drawn++;
    for (let dy = Math.max(0, -py); dy < dot && py + dy < height; dy++) {
      const row = (py + dy) * width;
      for (let dx = Math.max(0, -px); dx < dot && px + dx < width; dx++) pixels[row + px + dx] = word;
    }
  }
  return drawn;
}
