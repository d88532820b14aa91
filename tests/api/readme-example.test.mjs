// Runs the Node example from README.md exactly as written, so the documentation stays true.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the README Node example runs and prints what it promises', () => {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const block = readme.match(/```js\n(\/\/ save as example\.mjs[\s\S]*?)```/);
  assert.ok(block, 'README has the example block');
  // Written next to pkg/, as the example says; removed afterwards.
  const script = `${root}.readme-example-${process.pid}.mjs`;
  writeFileSync(script, block[1]);
  try {
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    assert.match(out, /\[ 'functional', 'repulsion', 'pinn', 'particles' \]/);
    assert.match(out, /steps: 100,/);
    assert.match(out, /device: 'cpu'/);
    assert.match(out, /WebGPU is not available in this JavaScript environment/);
  } finally {
    rmSync(script, { force: true });
  }
});
