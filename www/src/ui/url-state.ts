// The query string is the page's state: `?lab=<id>&seed=<n>&speed=<n>&<param>=<value>…&embed=1&controls=a,b`.
// Read once at load through the lab's schema (clamped, reported, never injected) and written back
// with replaceState on every change, so a copied link reproduces what is on screen.
import type { ParamSpec } from "../core/api";
import { ellipsize } from "./dom";
import { checkRaw, defaults, formatParam, type Values } from "./params";

export type Route =
  | { page: "home"; notice?: string }
  | { page: "device" }
  | { page: "lab"; lab: string; embed: boolean };

export const TRANSPORT = ["play", "step", "reset", "seed", "speed"] as const;
export type TransportControl = (typeof TRANSPORT)[number];

/** Keys that are not lab parameters. */
const RESERVED = new Set(["lab", "page", "seed", "speed", "embed", "controls"]);

export const DEFAULT_SEED = 1;
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
export const SPEED_MAX = 1000;

export function parseRoute(search: string): Route {
  const q = new URLSearchParams(search);
  const lab = q.get("lab");
  if (lab !== null) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(lab)) return { page: "home", notice: `There is no lab called “${ellipsize(lab)}”.` };
    return { page: "lab", lab, embed: isEmbed(q) };
  }
  if (q.get("page") === "device") return { page: "device" };
  return { page: "home" };
}

function isEmbed(q: URLSearchParams): boolean {
  const e = q.get("embed");
  return e !== null && e !== "0" && e !== "false";
}

export interface Controls {
  params: Set<string>;
  transport: Set<TransportControl>;
}

/** Which controls to show: all of them on the full page; in embed mode only those named in `controls`. */
export function selectControls(embed: boolean, controlsRaw: string | null, schema: ParamSpec[], notices: string[] = []): Controls {
  const names = schema.map((s) => s.name);
  if (!embed) return { params: new Set(names), transport: new Set(TRANSPORT) };
  const out: Controls = { params: new Set(), transport: new Set() };
  for (const raw of (controlsRaw ?? "").split(",")) {
    const c = raw.trim();
    if (!c) continue;
    if ((TRANSPORT as readonly string[]).includes(c)) out.transport.add(c as TransportControl);
    else if (names.includes(c)) out.params.add(c);
    else notices.push(`Unknown control “${ellipsize(c)}” ignored.`);
  }
  return out;
}

export interface LabUrlState {
  params: Values;
  seed: number;
  speed: number;
  embed: boolean;
  controls: Controls;
  controlsRaw: string | null;
  /** sentences for the user about everything that was changed or dropped */
  notices: string[];
}

export function parseSeed(raw: string | null, notices: string[]): number {
  if (raw === null) return DEFAULT_SEED;
  const t = raw.trim();
  if (/^\d+$/.test(t)) {
    const v = Number(t);
    if (v <= MAX_SEED) return v;
    notices.push(`Seed: “${ellipsize(t, 24)}” is larger than ${MAX_SEED}; using ${MAX_SEED}.`);
    return MAX_SEED;
  }
  notices.push(`Seed: “${ellipsize(t, 24)}” is not a whole number ≥ 0; using ${DEFAULT_SEED}.`);
  return DEFAULT_SEED;
}

export function parseSpeed(raw: string | null, notices: string[]): number {
  if (raw === null) return 1;
  const v = Number(raw.trim());
  if (!Number.isFinite(v) || raw.trim() === "") {
    notices.push(`Speed: “${ellipsize(raw, 24)}” is not a number; using 1 step per frame.`);
    return 1;
  }
  const s = Math.min(SPEED_MAX, Math.max(1, Math.round(v)));
  if (s !== v) notices.push(`Speed: “${ellipsize(raw, 24)}” changed to ${s} steps per frame (1 to ${SPEED_MAX}).`);
  return s;
}

export function readLabUrl(search: string, schema: ParamSpec[]): LabUrlState {
  const q = new URLSearchParams(search);
  const notices: string[] = [];
  const params = defaults(schema);
  const byName = new Map(schema.map((s) => [s.name, s]));
  const seen = new Set<string>();
  for (const [key, raw] of q) {
    if (RESERVED.has(key)) continue;
    const spec = byName.get(key);
    if (!spec) {
      notices.push(`Unknown parameter “${ellipsize(key)}” ignored.`);
      continue;
    }
    if (seen.has(key)) {
      notices.push(`${spec.label}: given more than once; the first value is used.`);
      continue;
    }
    seen.add(key);
    const c = checkRaw(spec, raw);
    params[key] = c.value;
    if (c.notice) notices.push(c.notice);
  }
  const seed = parseSeed(q.get("seed"), notices);
  const speed = parseSpeed(q.get("speed"), notices);
  const embed = isEmbed(q);
  const controlsRaw = q.get("controls");
  const controls = selectControls(embed, controlsRaw, schema, notices);
  return { params, seed, speed, embed, controls, controlsRaw, notices };
}

export interface LabUrlWrite {
  lab: string;
  seed: number;
  speed: number;
  params: Values;
  schema: ParamSpec[];
  embed: boolean;
  controlsRaw: string | null;
}

/** Every parameter is written, defaults included, so a link keeps its meaning if defaults change. */
export function labQuery(s: LabUrlWrite): string {
  const q = new URLSearchParams();
  q.set("lab", s.lab);
  q.set("seed", String(s.seed));
  if (s.speed !== 1) q.set("speed", String(s.speed));
  for (const spec of s.schema) {
    const v = s.params[spec.name];
    if (v !== undefined) q.set(spec.name, formatParam(v));
  }
  if (s.embed) q.set("embed", "1");
  if (s.embed && s.controlsRaw) q.set("controls", s.controlsRaw);
  return `?${q.toString()}`;
}
