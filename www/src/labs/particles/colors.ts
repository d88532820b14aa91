// One colour per run in every figure of the lab: the first algorithm blue, the one it is compared
// with vermillion (Okabe–Ito, distinguishable with the common colour-vision deficiencies). The
// target is drawn in dark ink (its marginals, its level lines), the particles in their run's colour.
import { CATEGORICAL, INK } from "../../ui/palette";

export const RUN_COLORS = [CATEGORICAL[0], CATEGORICAL[1]] as const;

export const TARGET_INK = INK.text;
