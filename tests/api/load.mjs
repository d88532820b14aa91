// Loads the wasm package once for Node tests (the same `initSync` a Node user calls).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as deltaf from '../../pkg/deltaf.js';

const wasm = readFileSync(fileURLToPath(new URL('../../pkg/deltaf_bg.wasm', import.meta.url)));
deltaf.initSync({ module: wasm });
export default deltaf;
