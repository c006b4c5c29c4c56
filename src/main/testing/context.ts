import { afterEach, beforeEach } from 'vitest';
import { createAppContext, type AppContext, type AppContextOptions } from '../app/context';
import { silentLogger } from '../log';
import { builtWorker, tempDir } from './temp';

/**
 * Gives each test of the file the app's whole backend — database file, job
 * runner with the built worker — in its own temp folder, closed and removed
 * after the test.
 */
export function contextPerTest(options: Partial<Omit<AppContextOptions, 'databasePath'>> = {}): {
  readonly tmp: ReturnType<typeof tempDir>;
  readonly ctx: AppContext;
} {
  let tmp: ReturnType<typeof tempDir>;
  let ctx: AppContext;
  beforeEach(() => {
    tmp = tempDir();
    ctx = createAppContext({ databasePath: tmp.file('app.sqlite'), log: silentLogger, version: 'test', workerFile: builtWorker, ...options });
  });
  afterEach(async () => {
    await ctx.close();
    tmp.remove();
  });
  return {
    get tmp() {
      return tmp;
    },
    get ctx() {
      return ctx;
    },
  };
}
