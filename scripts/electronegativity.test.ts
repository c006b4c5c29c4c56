import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The gate itself runs in `npm test` over the real sources and bundles; this proves it
// can fail: a window planted in a temp folder with Node in the page and no isolation.
const root = path.resolve(__dirname, '..');
const realList = JSON.parse(fs.readFileSync(path.join(root, 'security/electronegativity-allow.json'), 'utf8'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'octave-gate-'));
const app = path.join(tmp, 'app');
fs.mkdirSync(app);
fs.writeFileSync(
  path.join(app, 'main.js'),
  [
    "const { BrowserWindow } = require('electron');",
    'const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });',
    "window.loadURL('app://octave/index.html');",
    '',
  ].join('\n'),
);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Entry {
  check: string;
  file: string;
  snippet?: string;
  reason: string;
}

function gate(findings: Entry[]) {
  const allow = path.join(tmp, `allow-${Math.random().toString(36).slice(2)}.json`);
  // The real list's excluded checks, so the planted run stays offline like the real one.
  fs.writeFileSync(allow, JSON.stringify({ excludedChecks: realList.excludedChecks, findings }));
  const run = spawnSync(process.execPath, ['scripts/electronegativity.mjs', '--input', app, '--allow', allow], { cwd: root, encoding: 'utf8', timeout: 50_000 });
  const output = `${run.stdout}${run.stderr}`;
  const reported = [...output.matchAll(/^([A-Z_]+) {2}(\S+):\d+$/gm)].map((match) => ({ check: match[1]!, file: match[2]! }));
  return { status: run.status, output, reported };
}

const reason = 'Reviewed for this test: does not apply to the planted window.';

describe('the Electronegativity gate', () => {
  it('fails on a finding that is not in the allow-list, and passes once every finding is reviewed', { timeout: 60_000 }, () => {
    const stale = { check: 'PRELOAD_JS_CHECK', file: 'gone.js', reason };
    const first = gate([stale]);
    expect(first.status, first.output).toBe(1);
    expect(first.reported).toContainEqual({ check: 'NODE_INTEGRATION_JS_CHECK', file: 'main.js' });
    expect(first.reported).toContainEqual({ check: 'CONTEXT_ISOLATION_JS_CHECK', file: 'main.js' });
    expect(first.output).toMatch(/matches nothing any more, remove it: .*gone\.js/);

    // Everything reviewed but Node in the page: that one finding alone still fails the run.
    const others = first.reported.filter((finding) => finding.check !== 'NODE_INTEGRATION_JS_CHECK').map((finding) => ({ ...finding, reason }));
    const second = gate(others);
    expect(second.status, second.output).toBe(1);
    expect(second.reported).toEqual([{ check: 'NODE_INTEGRATION_JS_CHECK', file: 'main.js' }]);
    expect(second.output).toContain('nodeIntegration: true');

    // A snippet narrows an entry to its line: one that is not on the finding's line allows nothing.
    const wrongSnippet = gate([...others, { check: 'NODE_INTEGRATION_JS_CHECK', file: 'main.js', snippet: 'sandbox: true', reason }]);
    expect(wrongSnippet.status, wrongSnippet.output).toBe(1);
    expect(wrongSnippet.reported).toEqual([{ check: 'NODE_INTEGRATION_JS_CHECK', file: 'main.js' }]);

    const third = gate([...others, { check: 'NODE_INTEGRATION_JS_CHECK', file: 'main.js', snippet: 'nodeIntegration: true', reason }]);
    expect(third.status, third.output).toBe(0);
    expect(third.output).toMatch(/findings, all reviewed/);
  });

  it('refuses an allow-list entry without a reason', () => {
    const run = gate([{ check: 'NODE_INTEGRATION_JS_CHECK', file: 'main.js', reason: '' }]);
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/needs a check id and a reason/);
  });
});
