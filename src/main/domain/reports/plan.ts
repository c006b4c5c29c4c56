import type { Database } from 'better-sqlite3';
import type { Role } from '../../../shared/auth';
import { AppError } from '../../../shared/errors';
import { mayRemoveReport, othersReportWords } from '../../../shared/ownership';
import type { ReportEntry, ReportParams, WhenExists } from '../../../shared/reports';
import { sameReport, versionPath } from './history';

/**
 * What an export does about the same report (segment, filters, format) made
 * before: `exists` when there is one and nobody has said what to do yet;
 * else where the file goes and which history entry it replaces. A `target`
 * of null is a report with nothing of the kind before: the caller finds it a
 * place (the save dialog, the reports folder).
 */
export type ExportPlan = { status: 'exists'; existing: ReportEntry } | { status: 'go'; target: string | null; replaces: number | null };

/**
 * The one policy for overwrite and new version, for the window's Export
 * report and the command line's `export`. Overwriting replaces the maker's
 * file and makes the entry the overwriter's, so it takes what deleting does:
 * the maker or an administrator; the command line is the machine
 * administrator's tool. `chosen` is a path the caller already has (the
 * command line's --out): a file there that is not the same report's is a
 * new entry of its own, except that a new version always goes beside the
 * earlier one.
 */
export function planExport(
  db: Database,
  params: ReportParams,
  whenExists: WhenExists,
  maker: { id: number; role: Role } | 'commandLine',
  chosen: string | null = null,
): ExportPlan {
  const existing = sameReport(db, params);
  if (!existing || (chosen !== null && chosen !== existing.path && whenExists !== 'newVersion')) return { status: 'go', target: chosen, replaces: null };
  if (whenExists === 'ask') return { status: 'exists', existing };
  if (whenExists === 'newVersion') return { status: 'go', target: versionPath(existing.path, existing.version + 1), replaces: null };
  if (maker !== 'commandLine' && !mayRemoveReport(maker, existing.createdById)) {
    throw new AppError('forbidden', `${othersReportWords} Save it as a new version instead.`);
  }
  return { status: 'go', target: existing.path, replaces: existing.id };
}
