import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Equals its position in the list, starting at 1; stored in `PRAGMA user_version`. */
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
