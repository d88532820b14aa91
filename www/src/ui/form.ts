// The parameter panel, generated from a lab's schema: number → slider + numeric field (log slider
// when the spec says so), int → the same with whole numbers, bool → checkbox, choice → select,
// expression → text field. Values are checked with the same rules as the URL (params.ts) and
// every adjustment is shown beside the field.
import type { ParamSpec, ParamValue } from "../core/api";
import { append, h, idFor } from "./dom";
import { checkExpression, checkRaw, checkValue, type Values } from "./params";

export interface ParamForm {
  element: HTMLElement;
  values(): Values;
  /** Replace values without firing onChange (e.g. after a reset from the URL). */
  set(values: Values): void;
  /** Show an error under a field (expression errors may carry a [start, end) span). */
  showError(name: string, text: string, span?: [number, number]): boolean;
  clearErrors(): void;
  /** Folds away the fields not named (their values stay and still count); null shows all. A field
   *  that shows an error stays visible. */
  showOnly(names: Set<string> | null): void;
}

export interface FormOptions {
  /** params to render; the others keep their values but have no control (embed mode) */
  visible?: Set<string>;
  onChange(values: Values, name: string): void;
}

interface Field {
  spec: ParamSpec;
  get(): ParamValue;
  set(v: ParamValue): void;
  notice: HTMLElement;
  error: HTMLElement;
  /** the element that takes the value (marked aria-invalid while it has an error) */
  control: HTMLElement;
}

const SLIDER_STEPS = 1000;
const NOTICE_MS = 6000;

/** Log when the spec says so; also for whole numbers spanning three decades or more (particle
 *  counts 16…65 536), where a linear slider would crowd every useful value into its first pixels. */
export function logSlider(spec: ParamSpec): boolean {
  if (spec.min === undefined || spec.max === undefined || !(spec.min > 0) || !(spec.max > spec.min)) return false;
  return !!spec.log || (spec.kind === "int" && spec.max / spec.min >= 1000);
}

/** Slider position (0…SLIDER_STEPS) ↔ value on a log scale. */
export function toLogPosition(spec: ParamSpec, v: number): number {
  const { min, max } = spec as Required<Pick<ParamSpec, "min" | "max">>;
  return Math.round((SLIDER_STEPS * Math.log(Math.max(min, Math.min(max, v)) / min)) / Math.log(max / min));
}

export function fromLogPosition(spec: ParamSpec, pos: number): number {
  const { min, max } = spec as Required<Pick<ParamSpec, "min" | "max">>;
  const v = min * Math.pow(max / min, pos / SLIDER_STEPS);
  if (pos <= 0) return min;
  if (pos >= SLIDER_STEPS) return max;
  return spec.kind === "int" ? Math.round(v) : Number(v.toPrecision(3));
}

export function buildParamForm(schema: ParamSpec[], initial: Values, opts: FormOptions): ParamForm {
  const fields = new Map<string, Field>();
  const hidden: Values = {};
  const element = h("form", { class: "param-form", novalidate: true });
  element.addEventListener("submit", (e) => e.preventDefault());

  const values = (): Values => {
    const out: Values = { ...hidden };
    for (const [name, f] of fields) out[name] = f.get();
    return out;
  };
  const changed = (name: string) => opts.onChange(values(), name);
  const notify = (f: Field, text: string | undefined) => {
    if (!text) return;
    f.notice.textContent = text;
    const shown = text;
    setTimeout(() => {
      if (f.notice.textContent === shown) f.notice.textContent = "";
    }, NOTICE_MS);
  };

  for (const spec of schema) {
    const value = checkValue(spec, initial[spec.name] ?? spec.default).value;
    if (opts.visible && !opts.visible.has(spec.name)) {
      hidden[spec.name] = value;
      continue;
    }
    const f = buildField(spec, value, (name) => changed(name), (text) => notify(f, text));
    fields.set(spec.name, f);
    element.append(f.notice.parentElement!);
  }

  return {
    element,
    values,
    set(vals) {
      for (const spec of schema) {
        const v = vals[spec.name];
        if (v === undefined) continue;
        const f = fields.get(spec.name);
        if (f) f.set(v);
        else hidden[spec.name] = v;
      }
    },
    showError(name, text, span) {
      const f = fields.get(name);
      if (!f) return false;
      // The marked formula shows where; the parser's " at 11..11" would only repeat it.
      const shown = span ? text.replace(new RegExp(`\\s+at ${span[0]}\\.\\.${span[1]}\\s*$`), "") : text;
      f.error.replaceChildren(h("span", { class: "field-error-text" }, shown));
      const context = span ? spanContext(String(f.get()), span) : null;
      if (context) f.error.append(context);
      f.control.setAttribute("aria-invalid", "true");
      return true;
    },
    clearErrors() {
      for (const f of fields.values()) {
        f.error.replaceChildren();
        f.control.removeAttribute("aria-invalid");
      }
    },
    showOnly(names) {
      for (const [name, f] of fields) {
        const wrap = f.notice.parentElement!;
        wrap.hidden = names !== null && !names.has(name) && !f.control.hasAttribute("aria-invalid");
      }
    },
  };
}

/** The formula with the offending characters marked and a caret line under them, all text nodes.
 *  Spans count characters (Unicode scalar values, as the Rust parser does), not UTF-16 units. */
export function spanContext(text: string, span: [number, number]): HTMLElement | null {
  const chars = Array.from(text);
  const [a, b] = span;
  if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 0 && a <= b && b <= chars.length)) return null;
  const part = (i: number, j: number) => chars.slice(i, j).join("");
  // An empty span points between characters (e.g. "expected a term" at the end): mark one blank.
  const marked = part(a, b) || " ";
  const caret = `${" ".repeat(a)}${"^".repeat(Math.max(1, b - a))}`;
  return h("pre", { class: "expr-context" }, part(0, a), h("mark", {}, marked), part(b, chars.length), "\n", h("span", { class: "expr-caret", "aria-hidden": "true" }, caret));
}

function buildField(spec: ParamSpec, value: ParamValue, changed: (name: string) => void, notify: (text: string | undefined) => void): Field {
  const id = idFor("param", spec.name);
  const helpId = `${id}-help`;
  const notice = h("p", { class: "field-notice", role: "status", "aria-live": "polite" });
  // A div: it may hold the formula context (a <pre>), which a <p> may not.
  const error = h("div", { class: "field-error", id: `${id}-error`, role: "alert" });
  const wrap = h("div", { class: `field field-${spec.kind}`, "data-param": spec.name });
  const label = h("label", { for: id }, spec.label);
  const help = spec.help ? h("p", { class: "help", id: helpId }, spec.help) : null;
  // Screen readers read the help and, while there is one, the error under the field.
  const described = spec.help ? `${helpId} ${id}-error` : `${id}-error`;
  let get: () => ParamValue;
  let set: (v: ParamValue) => void;
  let control: HTMLElement;

  if (spec.kind === "number" || spec.kind === "int") {
    const isLog = logSlider(spec);
    const num = h("input", {
      type: "number", id, class: "num", inputmode: spec.kind === "int" ? "numeric" : "decimal",
      min: spec.min, max: spec.max, step: spec.kind === "int" ? Math.max(1, spec.step ?? 1) : (spec.step ?? "any"),
      "aria-describedby": described,
    });
    const range = h("input", {
      type: "range", class: "slider", tabindex: 0, "aria-label": `${spec.label} slider${isLog ? " (log scale)" : ""}`,
      min: isLog ? 0 : spec.min, max: isLog ? SLIDER_STEPS : spec.max, step: isLog ? 1 : (spec.step ?? "any"),
    });
    let current = value as number;
    const show = (v: number) => {
      current = v;
      num.value = String(v);
      range.value = String(isLog ? toLogPosition(spec, v) : v);
      range.setAttribute("aria-valuetext", String(v));
    };
    show(current);
    range.addEventListener("input", () => {
      const pos = Number(range.value);
      const c = checkValue(spec, isLog ? fromLogPosition(spec, pos) : pos);
      current = c.value as number;
      num.value = String(current);
      range.setAttribute("aria-valuetext", num.value);
      changed(spec.name);
    });
    num.addEventListener("change", () => {
      const c = checkRaw(spec, num.value);
      notify(c.notice);
      show(c.value as number);
      changed(spec.name);
    });
    wrap.append(h("div", { class: "field-head" }, label, num), range);
    control = num;
    get = () => current;
    set = (v) => show(checkValue(spec, v).value as number);
  } else if (spec.kind === "bool") {
    const box = h("input", { type: "checkbox", id, "aria-describedby": described });
    box.checked = value === true;
    box.addEventListener("change", () => changed(spec.name));
    wrap.append(h("div", { class: "field-head check" }, box, label));
    control = box;
    get = () => box.checked;
    set = (v) => (box.checked = v === true);
  } else if (spec.kind === "choice") {
    const sel = h("select", { id, "aria-describedby": described });
    (spec.choices ?? []).forEach((c, i) => sel.append(h("option", { value: c }, spec.choiceLabels?.[i] ?? c)));
    sel.value = String(value);
    sel.addEventListener("change", () => changed(spec.name));
    // Choice labels can be long ("Auto (GPU if available)"): label above, select full width.
    wrap.append(label, sel);
    control = sel;
    get = () => sel.value;
    set = (v) => (sel.value = String(v));
  } else {
    const max = spec.maxLength ?? 256;
    const input = h("input", { type: "text", id, class: "expr", maxlength: max, spellcheck: "false", autocomplete: "off", autocapitalize: "off", "aria-describedby": described });
    input.value = String(value);
    let current = input.value;
    input.addEventListener("change", () => {
      const c = checkExpression(spec, input.value);
      notify(c.notice);
      current = String(c.value);
      input.value = current;
      changed(spec.name);
    });
    wrap.append(label, input);
    control = input;
    get = () => current;
    set = (v) => {
      current = String(checkExpression(spec, String(v)).value);
      input.value = current;
    };
  }
  append(wrap, help, notice, error);
  return { spec, get, set, notice, error, control };
}
