// Page-wide keys for a lab: space = play/pause, → or "." = step, r = reset. Keys typed into a
// field or pressed on a button/slider belong to that control (space clicks a focused button,
// arrows move a slider), so those are left alone.
export interface KeyActions {
  togglePlay(): void;
  step(): void;
  reset(): void;
}

const OWN_KEYS = new Set(["INPUT", "SELECT", "TEXTAREA", "BUTTON", "A"]);

export function keyAction(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey">, target: { tagName?: string; isContentEditable?: boolean } | null): keyof KeyActions | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (target && (OWN_KEYS.has(target.tagName ?? "") || target.isContentEditable)) return null;
  if (e.key === " " || e.key === "Spacebar") return "togglePlay";
  if (e.key === "ArrowRight" || e.key === ".") return "step";
  if (e.key === "r" || e.key === "R") return "reset";
  return null;
}

let current: KeyActions | null = null;
let installed = false;

export function installKeys(actions: KeyActions): void {
  current = actions;
  if (installed) return;
  installed = true;
  document.addEventListener("keydown", (e) => {
    const action = current && keyAction(e, e.target as HTMLElement | null);
    if (!action || !current) return;
    e.preventDefault();
    current[action]();
  });
}
