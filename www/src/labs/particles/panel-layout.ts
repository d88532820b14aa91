// Where the parts of one sampler panel go on its canvas: the main plot (the target and the
// particles), the x-marginal strip above it and the y-marginal strip to its right, with room for
// the axes' ticks and titles on the left and at the bottom. Pure, so the geometry is tested.
import type { Rect } from "../../plot/axes";

export interface PanelLayout {
  height: number;
  main: Rect;
  top: Rect;
  right: Rect;
}

const PAD = { left: 46, bottom: 40, top: 4, right: 6, gap: 5 };

/**
 * The layout for a canvas `width` CSS pixels wide showing a frame of height/width ratio `aspect`
 * (equal scales on both axes, unless the ratio is extreme: then it is limited to 0.6 … 1.4 so the
 * panel stays a panel).
 */
export function panelLayout(width: number, aspect: number): PanelLayout {
  const strip = Math.round(Math.max(34, Math.min(60, width * 0.11)));
  const w = Math.max(40, width - PAD.left - PAD.gap - strip - PAD.right);
  const a = Number.isFinite(aspect) && aspect > 0 ? Math.max(0.6, Math.min(1.4, aspect)) : 1;
  const h = Math.round(w * a);
  const mainY = PAD.top + strip + PAD.gap;
  return {
    height: mainY + h + PAD.bottom,
    main: { x: PAD.left, y: mainY, w, h },
    top: { x: PAD.left, y: PAD.top, w, h: strip },
    right: { x: PAD.left + w + PAD.gap, y: mainY, w: strip, h },
  };
}
