// Canvas sizing for sharp drawing on HiDPI screens, shared by every plot and view.

export interface Frame {
  /** CSS pixels */
  width: number;
  height: number;
  dpr: number;
}

/** Sizes the backing store to CSS size × devicePixelRatio and scales the context to CSS pixels. */
export function fitCanvas(canvas: HTMLCanvasElement, width: number, height: number): { ctx: CanvasRenderingContext2D; frame: Frame } | null {
  const dpr = Math.min(3, Math.max(1, globalThis.devicePixelRatio || 1));
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  return { ctx, frame: { width, height, dpr } };
}

/** Calls `fn` with the element's content width whenever it changes; returns the disconnect. */
export function onResize(el: HTMLElement, fn: (width: number) => void): () => void {
  if (typeof ResizeObserver === "undefined") return () => {};
  let last = -1;
  const ro = new ResizeObserver((entries) => {
    const w = Math.floor(entries[0]?.contentRect.width ?? 0);
    if (w > 0 && w !== last) {
      last = w;
      fn(w);
    }
  });
  ro.observe(el);
  return () => ro.disconnect();
}
