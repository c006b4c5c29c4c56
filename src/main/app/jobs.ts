import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import type { JobKind } from '../../shared/contracts';
import { analyseInputSchema, importDecisionsSchema } from '../../shared/imports';
import { loadDemoData } from '../domain/demo/load';
import { analyseFile } from '../domain/import/analyse';
import { runImport } from '../domain/import/run';
import { assignInputSchema, refreshAssignments } from '../domain/segmentation/assign';
import { trainModel } from '../domain/segmentation/train';
import { segmentInputSchema } from '../../shared/segments';
import { exportJobInputSchema, exportReport } from '../domain/reports/job';
import type { JobContext } from '../platform/jobs/types';

/** The work each job kind does inside a worker, with its own database connection. */
export interface JobDefinition<I, R> {
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
  importAnalyse: define({
    input: analyseInputSchema,
    run: (db, input, job) => analyseFile(db, input, job),
  }),
  import: define({
    input: importDecisionsSchema,
    run: (db, input, job) => runImport(db, input, job),
  }),
  segment: define({
    input: segmentInputSchema,
    run: (db, input, job) => trainModel(db, input, job),
  }),
  assign: define({
    input: assignInputSchema,
    run: (db, input, job) => refreshAssignments(db, input, job),
  }),
  export: define({
    input: exportJobInputSchema,
    run: (db, input, job) => exportReport(db, input, job),
  }),
} satisfies Record<JobKind, JobDefinition<unknown, unknown>>;

export type JobInput<K extends JobKind> = z.input<(typeof jobDefinitions)[K]['input']>;
export type JobResult<K extends JobKind> = Awaited<ReturnType<(typeof jobDefinitions)[K]['run']>>;

/** The job runner's view of the table: what each kind takes and gives. */
export type JobTable = { [K in JobKind]: { input: JobInput<K>; result: JobResult<K> } };
