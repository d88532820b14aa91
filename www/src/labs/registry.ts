// Lab folders are found by file name, so adding a lab adds only `labs/<id>/`:
//   view.ts  — exports createView (optional; the standard view is used without it)
//   card.svg — the picture on the home page (optional; a generated placeholder otherwise)
import type { CreateView, ViewModule } from "../views/types";
import { standardView } from "../views/standard-view";

const viewModules = import.meta.glob<ViewModule>("./*/view.ts");
const cards = import.meta.glob<string>("./*/card.svg", { query: "?url", import: "default", eager: true });

export async function loadView(id: string): Promise<CreateView> {
  const load = viewModules[`./${id}/view.ts`];
  return load ? (await load()).createView : (ctx) => standardView(ctx);
}

/** URL of the lab's card picture, or null when the lab has none. */
export function cardUrl(id: string): string | null {
  return cards[`./${id}/card.svg`] ?? null;
}
