// The layer rule for src/ (docs/ARCHITECTURE.md explains the layers). `npm test` runs it
// (`npm run -s layers`), and scripts/layers.test.ts shows that it fails on a planted
// violation. Each layer of src/main imports only from the layers below it:
//   hosts (electron, bridge, cli) > composition (compose.ts, the worker, ipc/) > app > domain > platform
// Tests and src/main/testing may reach into any layer; nothing else may import src/main/testing.
const nonTest = '\\.test\\.tsx?$';
const layerFolders = '^src/main/(platform|domain|app|composition|hosts|testing)/';
const layer = (name, above) => ({
  name: `${name}-imports-only-downward`,
  comment: `src/main/${name} may import only from the layers below it, never from ${above.join(', ')}.`,
  severity: 'error',
  from: { path: `^src/main/${name}/`, pathNot: nonTest },
  to: { path: `^src/main/(${above.join('|')})/` },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle ties modules so neither can change, move or be tested alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer('platform', ['domain', 'app', 'composition', 'hosts', 'testing']),
    layer('domain', ['app', 'composition', 'hosts', 'testing']),
    layer('app', ['composition', 'hosts', 'testing']),
    layer('composition', ['hosts', 'testing']),
    layer('hosts', ['testing']),
    {
      name: 'every-main-module-in-a-layer',
      comment: 'Code in src/main lives in one of the layer folders (platform, domain, app, composition, hosts) or in testing/.',
      severity: 'error',
      from: { path: '^src/main/', pathNot: layerFolders },
      to: {},
    },
    {
      name: 'nothing-imports-outside-the-layers',
      comment: 'Nothing imports main-process code that sits outside the layer folders.',
      severity: 'error',
      from: {},
      to: { path: '^src/main/', pathNot: layerFolders },
    },
    {
      name: 'shared-imports-only-shared',
      comment: 'src/shared runs in the window and in Node: it imports nothing but itself and zod.',
      severity: 'error',
      from: { path: '^src/shared/', pathNot: nonTest },
      to: { pathNot: '^src/shared/|(^|/)node_modules/zod/' },
    },
    {
      name: 'renderer-not-main',
      comment: 'The renderer reaches the backend only through its API client, never by importing src/main.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/main/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
