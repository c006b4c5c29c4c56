// Electronegativity gate: scans the TypeScript sources and the built bundles for
// Electron misconfigurations and fails on any finding that is not in the reviewed
// allow-list (security/electronegativity-allow.json), on an allow-list entry that no
// longer matches anything, and on a file the scanner could not parse (an unparsed
// file is an unscanned file).
//   node scripts/electronegativity.mjs                 sources (src/, tests left out) and out/ (lowered)
//   node scripts/electronegativity.mjs --input DIR     scan DIR as it is instead
//   --allow FILE                                       another allow-list (the gate's own test)
// Runs offline: the scanner's translation download and the one check that needs the
// internet are switched off (see below and the allow-list's excludedChecks).
import { build, transform } from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const started = performance.now();

function option(name) {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

function fail(message) {
  console.error(`Electronegativity: ${message}`);
  process.exit(1);
}

// The scanner downloads translations from S3 before every run (a 1 s timeout, retried),
// which is slow offline and makes CI depend on the network. Its bundled English strings
// are all we need, so its i18n loader is replaced by one that only reads them.
function useBundledTranslations() {
  const loader = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const i18n = require(require.resolve('i18n', { paths: [path.dirname(loader)] }));
  const offline = async () => {
    i18n.configure({
      locales: ['en-US'],
      defaultLocale: 'en-US',
      directory: path.dirname(loader),
      updateFiles: false,
      objectNotation: true,
      retryInDefaultLocale: true,
      register: globalThis,
    });
    i18n.setLocale('en-US');
  };
  require.cache[loader] = { id: loader, filename: loader, loaded: true, exports: offline };
}

function readAllowList(file) {
  let list;
  try {
    list = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot read the allow-list ${path.relative(root, file)}: ${error.message}`);
  }
  const findings = list.findings ?? [];
  const excludedChecks = list.excludedChecks ?? [];
  for (const entry of [...findings, ...excludedChecks]) {
    if (typeof entry.check !== 'string' || typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
      fail(`every allow-list entry needs a check id and a reason saying why it does not apply: ${JSON.stringify(entry)}`);
    }
  }
  for (const entry of findings) if (typeof entry.file !== 'string') fail(`allow-list entry without a file: ${JSON.stringify(entry)}`);
  return { findings, excludedChecks };
}

// The scanner's Babel parser predates ES2022 class fields, which esbuild and Vite emit;
// each bundle is re-printed for ES2019 (syntax only, nothing bundled or minified).
async function lowerBundles(into) {
  const bundles = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(js|html)$/.test(entry.name)) bundles.push(path.relative(root, full));
    }
  };
  for (const dir of ['out/main', 'out/preload', 'out/renderer']) {
    if (!fs.existsSync(path.join(root, dir))) fail(`${dir} is missing: run \`npm run build\` first.`);
    walk(path.join(root, dir));
  }
  // The browser bridge is for development and the end-to-end tests and is never packaged.
  const packaged = bundles.filter((file) => file !== path.join('out', 'main', 'bridge.js'));
  await Promise.all(
    packaged.map(async (file) => {
      const target = path.join(into, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      if (file.endsWith('.html')) return fs.writeFileSync(target, text);
      const lowered = await transform(text, { loader: 'js', target: 'es2019', sourcefile: file, logLevel: 'silent' });
      fs.writeFileSync(target, lowered.code);
    }),
  );
  return packaged.length;
}

// Tests and test helpers are not shipped: only the code that runs in the app is scanned.
function copySources(into) {
  let count = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testing') walk(relative);
      } else if (/\.(ts|tsx|html)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        fs.mkdirSync(path.join(into, dir), { recursive: true });
        fs.copyFileSync(path.join(root, relative), path.join(into, relative));
        count += 1;
      }
    }
  };
  walk('src');
  return count;
}

// The scanner evaluates a CSP only when it is a string literal at the call; ours is one
// constant in src/shared/csp.ts, so the gate hands that constant to the same evaluator
// (Google's CSP Evaluator, as the scanner uses it) and fails on what it calls high or medium.
async function weakPolicyFindings() {
  const csp = require(require.resolve('@doyensec/csp-evaluator', { paths: [require.resolve('@doyensec/electronegativity')] }));
  const bundled = await build({ entryPoints: [path.join(root, 'src/shared/csp.ts')], bundle: true, format: 'esm', write: false, logLevel: 'silent' });
  const { contentSecurityPolicy } = await import(`data:text/javascript,${encodeURIComponent(bundled.outputFiles[0].text)}`);
  const remarks = new csp.CspEvaluator(new csp.CspParser(contentSecurityPolicy).csp, csp.Version.CSP3).evaluate();
  return remarks.filter((remark) => remark.severity <= csp.severities.HIGH_MAYBE).map((remark) => `${remark.directive}: ${remark.description}`);
}

function lineAt(file, line) {
  try {
    return (fs.readFileSync(file, 'utf8').split('\n')[line - 1] ?? '').trim();
  } catch {
    return '';
  }
}

const allowPath = path.resolve(option('--allow') ?? path.join(root, 'security', 'electronegativity-allow.json'));
const allow = readAllowList(allowPath);
const givenInput = option('--input');
const scanRoot = givenInput ? path.resolve(givenInput) : fs.mkdtempSync(path.join(os.tmpdir(), 'octave-electronegativity-'));

try {
  let scanned;
  if (givenInput) {
    if (!fs.existsSync(scanRoot)) fail(`${givenInput} does not exist.`);
    scanned = `${givenInput}`;
  } else {
    const sources = copySources(scanRoot);
    const bundles = await lowerBundles(scanRoot);
    scanned = `${sources} source files and ${bundles} bundles`;
  }

  useBundledTranslations();
  const run = require('@doyensec/electronegativity');
  const electronVersion = require('electron/package.json').version;
  const result = await run({
    input: scanRoot,
    isRelative: true,
    isVerbose: true,
    customScan: [],
    excludeFromScan: allow.excludedChecks.map((entry) => entry.check.toLowerCase()),
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });

  const weakPolicy = givenInput ? [] : await weakPolicyFindings();
  const unparsed = result.errors.filter((error) => !error.tolerable);
  const findings = result.issues.map((issue) => ({
    check: issue.id,
    file: issue.file.split(path.sep).join('/'),
    line: issue.location.line,
    text: lineAt(path.join(scanRoot, issue.file), issue.location.line),
    description: issue.description,
    url: issue.shortenedURL,
  }));
  const used = new Set();
  const matches = (entry, finding) =>
    entry.check === finding.check && entry.file === finding.file && (entry.snippet === undefined || finding.text.includes(entry.snippet));
  const open = findings.filter((finding) => {
    const entry = allow.findings.find((candidate) => matches(candidate, finding));
    if (entry) used.add(entry);
    return !entry;
  });
  const stale = allow.findings.filter((entry) => !used.has(entry));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  if (open.length === 0 && stale.length === 0 && unparsed.length === 0 && weakPolicy.length === 0) {
    console.log(
      `Electronegativity: ${scanned} scanned with Electron ${electronVersion}'s defaults, CSP evaluated; ${findings.length} findings, all reviewed in ${path.relative(root, allowPath)} (${seconds} s).`,
    );
  } else {
    for (const finding of open) {
      console.error(`\n${finding.check}  ${finding.file}:${finding.line}\n  ${finding.text.slice(0, 160)}\n  ${finding.description} (${finding.url})`);
    }
    for (const remark of weakPolicy) console.error(`\nThe Content-Security-Policy in src/shared/csp.ts is weak: ${remark}`);
    for (const error of unparsed) console.error(`\nCould not parse ${path.relative(scanRoot, error.file)}: ${error.message}`);
    for (const entry of stale) console.error(`\nAllow-list entry matches nothing any more, remove it: ${JSON.stringify({ check: entry.check, file: entry.file, snippet: entry.snippet })}`);
    console.error(
      `\nElectronegativity: ${open.length} finding(s) not in ${path.relative(root, allowPath)}, ${unparsed.length} file(s) not parsed, ${stale.length} stale entr(y/ies), ${weakPolicy.length} CSP weakness(es) (${seconds} s).` +
        (open.length > 0 ? ' Fix the code, or, where a finding does not apply, add an entry {check, file, snippet, reason} saying why.' : ''),
    );
    process.exitCode = 1;
  }
} finally {
  if (!givenInput) fs.rmSync(scanRoot, { recursive: true, force: true });
}
