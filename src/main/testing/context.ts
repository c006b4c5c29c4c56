import { afterEach, beforeEach } from 'vitest';
import { createAppContext, type AppContextOptions } from '../composition/compose';
import { type AppContext } from '../app/context';
import type { Role } from '../../shared/auth';
import { silentLogger } from '../platform/log';
import { signInAs } from './accounts';
import { testPasswordCost } from '../domain/auth/passwords';
import { builtWorker, tempDir } from './temp';

/**
 * Gives each test of the file the app's whole backend — database file, job
 * runner with the built worker — in its own temp folder, closed and removed
 * after the test; with `signedIn`, a user of that role is signed in.
 * Passwords hash at a test cost: the full cost's half second per hash would
 * make every test that signs in several people slow (auth.test.ts checks it).
 */
export function contextPerTest(options: Partial<Omit<AppContextOptions, 'databasePath'>> & { signedIn?: Role } = {}): {
  readonly tmp: ReturnType<typeof tempDir>;
  readonly ctx: AppContext;
} {
  let tmp: ReturnType<typeof tempDir>;
  let ctx: AppContext;
  const { signedIn, ...contextOptions } = options;
  beforeEach(async () => {
    tmp = tempDir();
    ctx = createAppContext({ databasePath: tmp.file('app.sqlite'), log: silentLogger, version: 'test', workerFile: builtWorker, passwordCost: testPasswordCost, ...contextOptions });
    if (signedIn) await signInAs(ctx, signedIn);
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
