// A schema with one parameter of every kind, shared by the unit tests.
import type { ParamSpec } from "../src/core/api";

export const SCHEMA: ParamSpec[] = [
  { name: "n", label: "Particles", kind: "int", default: 512, min: 2, max: 65536, step: 1, log: true, help: "Number of particles." },
  { name: "bandwidth", label: "Bandwidth", kind: "number", default: 0.5, min: 0.01, max: 10, step: 0.01, log: true, help: "Kernel width." },
  { name: "dt", label: "Step size", kind: "number", default: 0.01, min: 0.0001, max: 0.1, step: 0.0001, help: "Euler step." },
  { name: "trace", label: "Trace", kind: "bool", default: false, help: "Draw trails." },
  { name: "device", label: "Device", kind: "choice", default: "auto", choices: ["auto", "cpu", "gpu"], choiceLabels: ["Auto", "CPU", "GPU"], help: "Where to run." },
  { name: "f", label: "Functional", kind: "expression", default: "u^2/2", maxLength: 32, help: "F[u]." },
];

export const HOSTILE = "<img src=x onerror=alert(1)>";
