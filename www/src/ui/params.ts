// Validation of parameter values against a lab's schema: the same rules for the URL and the form.
// Every adjustment comes back with a sentence for the user; nothing is silently changed.
import type { ParamSpec, ParamValue } from "../core/api";
import { ellipsize } from "./dom";

export type Values = Record<string, ParamValue>;

export interface Checked {
  value: ParamValue;
  /** set when the value had to be changed (clamped, rounded, truncated, reset to default) */
  notice?: string;
}

export function defaults(schema: ParamSpec[]): Values {
  return Object.fromEntries(schema.map((s) => [s.name, s.default]));
}

const show = (raw: string) => `“${ellipsize(raw, 24)}”`;

/** Strict number syntax: what a person types (no hex, no empty string, no "1,5"). */
export function parseNumber(raw: string): number {
  const t = raw.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) && !/^[+-]?infinity$/i.test(t)) return NaN;
  return Number(t);
}

function clampNotes(spec: ParamSpec, v: number): { value: number; notes: string[] } {
  let value = v;
  const notes: string[] = [];
  if (spec.kind === "int" && !Number.isInteger(value) && Number.isFinite(value)) {
    value = Math.round(value);
    notes.push(`rounded to ${value}`);
  }
  if (spec.min !== undefined && value < spec.min) {
    value = spec.min;
    notes.push(`raised to the minimum ${spec.min}`);
  } else if (spec.max !== undefined && value > spec.max) {
    value = spec.max;
    notes.push(`lowered to the maximum ${spec.max}`);
  }
  if (!Number.isFinite(value)) {
    value = spec.default as number;
    notes.push(`reset to the default ${value}`);
  }
  return { value, notes };
}

/** Clamps a number to the spec's range (ints rounded first). */
export function clampNumber(spec: ParamSpec, v: number): Checked {
  const { value, notes } = clampNotes(spec, v);
  return notes.length ? { value, notice: `${spec.label}: ${notes.join(", ")}.` } : { value };
}

/** A raw string (from the URL or a text field) checked against its spec. */
export function checkRaw(spec: ParamSpec, raw: string): Checked {
  switch (spec.kind) {
    case "number":
    case "int": {
      const v = parseNumber(raw);
      if (Number.isNaN(v)) return { value: spec.default, notice: `${spec.label}: ${show(raw)} is not a number; using the default ${spec.default}.` };
      const { value, notes } = clampNotes(spec, v);
      return notes.length ? { value, notice: `${spec.label}: ${show(raw)} ${notes.join(", ")}.` } : { value };
    }
    case "bool": {
      const t = raw.trim().toLowerCase();
      if (t === "1" || t === "true" || t === "on" || t === "yes") return { value: true };
      if (t === "0" || t === "false" || t === "off" || t === "no") return { value: false };
      return { value: spec.default, notice: `${spec.label}: ${show(raw)} is not true or false; using the default.` };
    }
    case "choice": {
      const choices = spec.choices ?? [];
      if (choices.includes(raw)) return { value: raw };
      return { value: spec.default, notice: `${spec.label}: ${show(raw)} is not one of ${choices.join(", ")}; using “${String(spec.default)}”.` };
    }
    case "expression":
      return checkExpression(spec, raw);
  }
}

export function checkExpression(spec: ParamSpec, raw: string): Checked {
  // Control characters have no business in a formula and make the text field misleading.
  const clean = raw.replace(/[\u0000-\u001f\u007f]/g, " ");
  const max = spec.maxLength ?? 256;
  const chars = Array.from(clean);
  if (chars.length > max) return { value: chars.slice(0, max).join(""), notice: `${spec.label}: cut to ${max} characters.` };
  return clean === raw ? { value: clean } : { value: clean, notice: `${spec.label}: control characters replaced by spaces.` };
}

/** A value of the right JS type checked against its spec (form state, params() from wasm). */
export function checkValue(spec: ParamSpec, v: ParamValue): Checked {
  if (spec.kind === "number" || spec.kind === "int") return typeof v === "number" ? clampNumber(spec, v) : checkRaw(spec, String(v));
  if (spec.kind === "bool") return typeof v === "boolean" ? { value: v } : checkRaw(spec, String(v));
  return checkRaw(spec, String(v));
}

/** The URL form of a value: shortest round-tripping text. */
export function formatParam(v: ParamValue): string {
  if (typeof v === "boolean") return v ? "1" : "0";
  return String(v);
}
