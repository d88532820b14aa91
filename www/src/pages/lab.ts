// A lab page: generated parameter form, run controls, the lab's view, status line, error banner.
// Data flows one way: form → URL → worker → snapshot → view. In embed mode only the figure, the
// plots and the controls named in `controls` are shown.
import type { LabEntry, ParamSpec } from "../core/api";
import type { LabClient, WorkerError } from "../core/client";
import { loadView } from "../labs/registry";
import { ErrorBanner, Notices } from "../ui/banner";
import { h } from "../ui/dom";
import { buildParamForm } from "../ui/form";
import { statusParts } from "../ui/status";
import { Transport, randomSeed } from "../ui/transport";
import { labQuery, readLabUrl, SPEED_MAX } from "../ui/url-state";
import { installKeys } from "../ui/keys";
import { LabSession } from "./lab-session";
import type { Params } from "../core/protocol";

/** Param edits restart the lab; a slider drag would otherwise restart it on every pixel. */
const RESTART_DEBOUNCE_MS = 250;

export async function renderLab(root: HTMLElement, client: LabClient, id: string): Promise<"ok" | "unknown"> {
  const labs = await client.call<LabEntry[]>("listLabs");
  const entry = labs.find((l) => l.id === id);
  if (!entry) return "unknown";
  const schema = await client.call<ParamSpec[]>("labSchema", id);
  const createView = await loadView(id);
  const url = readLabUrl(location.search, schema);
  document.title = `${entry.title} · δF`;

  let params: Params = url.params;
  let seed = url.seed;
  let speed = url.speed;
  let device: Parameters<typeof statusParts>[0]["device"] = null;

  const notices = new Notices();
  const banner = new ErrorBanner(() => void session.reset());
  const status = h("p", { class: "status", "aria-label": "Run status" });
  const writeUrl = () => history.replaceState(null, "", labQuery({ lab: id, seed, speed, params, schema, embed: url.embed, controlsRaw: url.controlsRaw }));

  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  const applyParams = (values: Params, delay: number) => {
    params = values;
    writeUrl();
    foldForm();
    clearTimeout(restartTimer);
    restartTimer = setTimeout(() => void session.start({ params, keepPlaying: true }), delay);
  };
  const form = buildParamForm(schema, params, {
    visible: url.controls.params,
    onChange: (values) => applyParams(values, RESTART_DEBOUNCE_MS),
  });
  const known = new Set(schema.map((s) => s.name));
  const view = createView({
    lab: entry,
    schema,
    params: () => ({ ...params }),
    // A view's change is one deliberate act (a preset, a finished drawing): restart at once.
    setParams: (partial) => {
      form.set(Object.fromEntries(Object.entries(partial).filter(([k]) => known.has(k))));
      applyParams(form.values(), 0);
    },
    call: (fn, ...args) => client.call(fn, ...args),
  });

  // Parameters that do nothing for the chosen algorithm or target are folded away (the view knows).
  function foldForm() {
    const names = view.relevantParams?.(params);
    form.showOnly(names ? new Set(names) : null);
  }
  foldForm();

  /** Puts an input error under its field; false when there is no such field (embed mode). */
  const placeFieldError = (err: WorkerError): boolean => {
    if (!err.param && !err.span) return false;
    const exprs = schema.filter((s) => s.kind === "expression");
    // Errors name their parameter; an older module only gives a span: guess from the message.
    const name = err.param && known.has(err.param) ? err.param : (exprs.find((s) => err.message.includes(s.name)) ?? exprs[0])?.name;
    return name !== undefined && form.showError(name, err.message, err.span);
  };

  const transport = new Transport(url.controls.transport, {
    togglePlay: () => session.togglePlay(),
    step: () => void session.step(),
    reset: () => void session.reset(),
    setSeed: (s) => restartWithSeed(s),
    newSeed: () => restartWithSeed(randomSeed()),
    setSpeed: (s) => {
      speed = s;
      session.setSpeed(s);
      writeUrl();
    },
  });
  // A lab's own pace applies where the URL names no speed (the URL then records it).
  if (view.speed !== undefined && !new URLSearchParams(location.search).has("speed")) speed = Math.max(1, Math.min(SPEED_MAX, Math.round(view.speed)));
  transport.setSeed(seed);
  transport.setSpeed(speed);

  // Line one: step · steps/s · seed, joined by text (not CSS) so copying keeps the separators.
  // Line two: the device, whose reason can be a sentence.
  const renderStatus = (step: number, sps: number) => {
    const [stepText, rate, dev, seedText] = statusParts({ step, stepsPerSecond: sps, device, seed });
    const sep = () => h("span", { class: "sep", "aria-hidden": "true" }, " · ");
    status.replaceChildren(
      h("span", { class: "status-run" }, h("span", {}, stepText!), sep(), h("span", {}, rate!), sep(), h("span", {}, seedText!)),
      // Embedded figures are small: the device in a word, the reason on hover.
      url.embed ? h("span", { class: "status-device", title: dev! }, device?.available ? dev! : "CPU") : h("span", { class: "status-device" }, dev!),
    );
  };

  const session = new LabSession(client, id, params, seed, {
    draw: (s, m) => {
      view.update(s, m);
      renderStatus(s.step, m.steps_per_second ?? 0);
    },
    playing: (p) => transport.setPlaying(p),
    device: (info) => {
      device = info;
      renderStatus(0, 0);
    },
    warning: (t) => notices.add(t),
    error: (err) => {
      // An input error is shown under the field it is about (the span marked); the banner is for
      // everything else. The view keeps the last good run and may say so.
      const placed = !err.fatal && placeFieldError(err);
      if (!placed) banner.show(err.message, err.fatal);
      if (!err.fatal && (err.param || err.span)) view.stale?.(err.message, { param: err.param, span: err.span });
    },
    started: () => {
      banner.hide();
      form.clearErrors();
      // A field kept open only for its error folds again.
      foldForm();
      view.stale?.(null);
    },
  });
  session.speed = speed;

  function restartWithSeed(s: number) {
    seed = s;
    transport.setSeed(s);
    writeUrl();
    void session.start({ seed: s, keepPlaying: true });
  }

  // Layout. The figure comes first in the DOM so it leads at phone width; CSS puts controls left.
  const controls = h("aside", { class: "controls", "aria-label": "Parameters" }, transport.element, form.element);
  const hasControls = url.controls.params.size + url.controls.transport.size > 0;
  let stage: HTMLElement;
  if (url.embed) {
    // Figure and status on the left; plots and the named controls beside them, so the whole
    // figure fits a typical iframe without scrolling.
    document.body.classList.add("embed");
    const open = h("a", { class: "open-full", href: labQuery({ lab: id, seed, speed, params, schema, embed: false, controlsRaw: null }), target: "_blank", rel: "noopener" }, `${entry.title} · δF ↗`);
    stage = h("section", { class: "embed-grid", "aria-label": "Figure" },
      h("div", { class: "embed-main" }, view.figure, status),
      h("div", { class: "embed-side" }, view.plots, hasControls ? controls : null, open),
    );
    root.replaceChildren(h("div", { class: "lab-page embed-page" }, notices.element, banner.element, stage));
  } else {
    stage = h("section", { class: view.layout === "wide" ? "stage wide" : "stage", "aria-label": "Figure" }, view.figure, status, view.plots);
    root.replaceChildren(
      h("div", { class: "lab-page" },
        h("header", { class: "lab-head" }, h("h1", {}, entry.title), h("p", { class: "lede" }, entry.summary)),
        notices.element,
        banner.element,
        h("div", { class: "lab-layout" }, stage, controls),
        h("p", { class: "keys-hint" }, "Keys: space play/pause · → or . step · r reset"),
      ),
    );
  }
  notices.add(...url.notices);
  writeUrl();
  renderStatus(0, 0);

  installKeys({ togglePlay: () => session.togglePlay(), step: () => void session.step(), reset: () => void session.reset() });
  document.addEventListener("visibilitychange", () => session.setHidden(document.hidden));
  if (url.embed && typeof IntersectionObserver !== "undefined") {
    new IntersectionObserver((entries) => session.setOffscreen(!entries[0]?.isIntersecting)).observe(stage);
  }
  // Test hooks: the e2e suite kills the wasm instance or the GPU device through the worker to
  // check that the page recovers. Both only break this tab's own lab.
  (globalThis as { __deltafTest?: unknown }).__deltafTest = {
    panic: () => session.call("__testPanic"),
    loseGpu: () => session.call("__loseGpuForTest"),
  };

  const ok = await session.start();
  // An embedded figure without a play button animates by itself (while visible).
  if (ok && url.embed && !url.controls.transport.has("play")) session.setPlaying(true);
  return "ok";
}
