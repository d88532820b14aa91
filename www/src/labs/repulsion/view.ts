// Repulsive particles: the particles in their square, energy over steps (log scale shows the
// approach to equilibrium), mean radius and energy read out.
import { standardView } from "../../views/standard-view";
import type { CreateView } from "../../views/types";

export const createView: CreateView = (ctx) =>
  standardView(ctx, {
    pointsLabel: "Particle positions in the plane",
    curves: { energy: { title: "Energy", yLabel: "energy", logY: false } },
    metrics: { energy: "Energy", mean_radius: "Mean radius" },
  });
