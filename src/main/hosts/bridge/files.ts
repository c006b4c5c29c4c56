import { AppError } from '../../../shared/errors';
import type { Permission } from '../../../shared/auth';
import type { AppContext } from '../../app/context';
import { importReportCsv, importReportFileName } from '../../app/import';
import { reportDownload } from '../../app/reports';
import { publicError } from '../../platform/userErrors';
import type { BridgeOptions } from './server';

/**
 * The browser's stand-ins for the native dialogs: a file the page uploads
 * becomes a chosen file; a report the user saves comes back as a download.
 * Like dispatch, they answer in the user's words only: a refusal goes to
 * the audit log, anything unforeseen to the log under a reference.
 */
export function bridgeFileRoutes(ctx: AppContext): Pick<BridgeOptions, 'upload' | 'download'> {
  const allow = (route: string, permission: Permission): void => {
    try {
      ctx.auth.authorize(permission);
    } catch (error) {
      ctx.auth.refused(route, `needs permission ${permission}`);
      throw error;
    }
  };
  const plain = (route: string, error: unknown): AppError => publicError(error, ctx.log, `Bridge ${route}`);
  return {
    upload: async (name, body) => {
      try {
        allow('upload', 'import');
        return await ctx.files.upload(name, body);
      } catch (error) {
        throw plain('upload', error);
      }
    },
    download(what) {
      try {
        const saved = /^report\/(\d+)$/.exec(what);
        if (saved) {
          allow('download report', 'view');
          return reportDownload(ctx, Number(saved[1]));
        }
        allow('download import report', 'import');
        const report = /^import-report\/(\d+)$/.exec(what);
        if (!report) throw new AppError('not_found', 'Nothing to download there.');
        const importId = Number(report[1]);
        const db = ctx.connection.sqlite;
        return { fileName: importReportFileName(db, importId), type: 'text/csv; charset=utf-8', chunks: importReportCsv(db, importId) };
      } catch (error) {
        throw plain('download', error);
      }
    },
  };
}
