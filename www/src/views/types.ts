// What a lab's folder provides: a view that draws snapshots. Views never call into wasm and never
// compute anything that the next snapshot would make stale; they only draw.
import type { LabEntry, Metrics, ParamSpec, Snapshot } from "../core/api";

export interface ViewContext {
  lab: LabEntry;
  schema: ParamSpec[];
}

export interface LabView {
  /** the main figure (canvas area) */
  figure: HTMLElement;
  /** small multiples beside/below the figure (may be empty) */
  plots: HTMLElement;
  update(snapshot: Snapshot, metrics: Metrics): void;
  destroy(): void;
}

export type CreateView = (ctx: ViewContext) => LabView;

/** The module a lab folder's `view.ts` exports. */
export interface ViewModule {
  createView: CreateView;
}
