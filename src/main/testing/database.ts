import { afterEach, beforeEach } from 'vitest';
import { openDatabase, type Connection } from '../platform/db/connection';
import type { JobContext } from '../platform/jobs/types';
import { tempDir } from './temp';

/** A job never cancelled and watched by no one: for calling a job's function directly. */
export const testJob: JobContext = { signal: new AbortController().signal, onProgress: () => undefined };

/** Gives each test of the file a new database file in its own temp folder, closed and removed after the test. */
export function databasePerTest(): { readonly tmp: ReturnType<typeof tempDir>; readonly conn: Connection } {
  let tmp: ReturnType<typeof tempDir>;
  let conn: Connection;
  beforeEach(() => {
    tmp = tempDir();
    conn = openDatabase(tmp.file('app.sqlite'));
  });
  afterEach(() => {
    conn.close();
    tmp.remove();
  });
  return {
    get tmp() {
      return tmp;
    },
    get conn() {
      return conn;
    },
  };
}
