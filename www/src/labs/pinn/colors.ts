// Okabe–Ito: each quantity keeps its colour in every plot of the lab. The exact solution is the
// wide pale line underneath (as the symbolic reference in the functional lab), the network's
// prediction the dashed line on top, so where they agree both stay visible.
import { CATEGORICAL, INK } from "../../ui/palette";

export const COLORS = {
  exact: CATEGORICAL[0],
  prediction: CATEGORICAL[1],
  loss: CATEGORICAL[7],
  residual: CATEGORICAL[0],
  initial: CATEGORICAL[4],
  boundary: CATEGORICAL[3],
  relL1: CATEGORICAL[0],
  relL1Max: CATEGORICAL[1],
  relL2: CATEGORICAL[2],
  study: CATEGORICAL[3],
  target: INK.axis,
} as const;

/** The accuracy target for the relative L1 error (the paper reaches about this). */
export const TARGET_ERROR = 1e-3;
