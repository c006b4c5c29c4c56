import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    // Jobs run the bundled worker (out/main/worker.js): build main once before the tests.
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // electron-store imports electron at load: inline it so tests can stand in for Electron.
    server: { deps: { inline: ['electron-store'] } },
  },
});
