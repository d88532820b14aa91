// Okabe–Ito: each method keeps its colour in every plot of the lab.
import { CATEGORICAL } from "../../ui/palette";

export const COLORS = {
  u: CATEGORICAL[7],
  symbolic: CATEGORICAL[0],
  discrete: CATEGORICAL[1],
  cylindrical: CATEGORICAL[2],
  raw: CATEGORICAL[3],
  stroke: CATEGORICAL[4],
} as const;
