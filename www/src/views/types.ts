// What a lab's folder provides: a view that draws snapshots. Views never call into wasm for the
// lab's state and never compute anything that the next snapshot would make stale; they draw. A
// view may still act like a user (change parameters: presets, a drawn curve) and ask the worker
// for one-off answers (a fit of a drawing) through its context.
import type { LabEntry, Metrics, ParamSpec, Snapshot } from "../core/api";
import type { CallName, Params } from "../core/protocol";

export interface ViewContext {
  lab: LabEntry;
  schema: ParamSpec[];
  /** the parameter values the form holds now (the URL's, after any edits) */
  params(): Params;
  /** Changes some parameters as if the user had typed them: form, URL, restart. Unknown names
   *  are ignored; values are checked against the schema like typed ones. */
  setParams(partial: Params): void;
  /** Calls a wasm function by name in the worker; rejects with the worker's error. */
  call<T>(fn: CallName, ...args: unknown[]): Promise<T>;
}

export interface LabView {
  /** the main figure (canvas area) */
  figure: HTMLElement;
  /** small multiples beside/below the figure (may be empty) */
  plots: HTMLElement;
  /** "side" (default): plots in a column beside the figure; "wide": the figure takes the
   *  stage's width and the plots sit in a row under it (figures that are plots themselves). */
  layout?: "side" | "wide";
  /** Steps per frame to play at when the URL names no speed (default 1). Labs whose steps are
   *  cheap ask for more; the worker still keeps each batch within one frame's budget. */
  speed?: number;
  update(snapshot: Snapshot, metrics: Metrics): void;
  /** Optional: the parameters that matter for these values (the form folds the others away,
   *  keeping their values); null or absent: all of them. */
  relevantParams?(params: Params): string[] | null;
  /** Optional: the parameters were rejected (`reason`), so what is drawn is the last good run;
   *  null once a start succeeds again. `where` locates an input error: the parameter and the
   *  characters of its text (as the form marks them). */
  stale?(reason: string | null, where?: { param?: string; span?: [number, number] }): void;
  destroy(): void;
}

export type CreateView = (ctx: ViewContext) => LabView;

/** The module a lab folder's `view.ts` exports. */
export interface ViewModule {
  createView: CreateView;
}
