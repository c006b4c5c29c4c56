import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { JobKind } from '../../shared/contracts';
import { loadDemoData } from '../demo/load';
import type { JobContext } from './types';

/** The work each job kind does inside a worker, with its own database connection. */
interface JobDefinition<I, R> {
  input: z.ZodType<I>;
  run(db: Database, input: I, job: JobContext): R;
}

function define<I, R>(definition: JobDefinition<I, R>): JobDefinition<I, R> {
  return definition;
}

export const jobDefinitions = {
  demoLoad: define({
    input: z.object({ customers: z.number().int().positive(), seed: z.number().int().optional() }),
    run: (db, input, job) => loadDemoData(db, input, job),
  }),
} satisfies Record<JobKind, JobDefinition<unknown, unknown>>;

export type JobInput<K extends JobKind> = z.input<(typeof jobDefinitions)[K]['input']>;
export type JobResult<K extends JobKind> = ReturnType<(typeof jobDefinitions)[K]['run']>;
