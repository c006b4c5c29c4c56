import type { z } from 'zod';
import type { importSummarySchema } from '../../../shared/importViews';

/**
 * What an import did, row by row: the import job's result, read by the window,
 * the CLI and the audit log. The shared schema is its one definition (its
 * defaults only fill summaries stored before a field existed).
 */
export type ImportSummary = z.output<typeof importSummarySchema>;
