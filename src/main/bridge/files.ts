import { AppError } from '../../shared/errors';
import type { AppContext } from '../app/context';
import { importReportCsv, importReportFileName } from '../import/interactive';
import { reportDownload } from '../reports/service';
import type { BridgeOptions } from './server';

/**
 * The browser's stand-ins for the native dialogs: a file the page uploads
 * becomes a chosen file; a report the user saves comes back as a download.
 */
export function bridgeFileRoutes(ctx: AppContext): Pick<BridgeOptions, 'upload' | 'download'> {
  return {
    upload: (name, body) => {
      ctx.auth.authorize('import');
      return ctx.files.upload(name, body);
    },
    download(what) {
      const saved = /^report\/(\d+)$/.exec(what);
      if (saved) {
        ctx.auth.authorize('view');
        return reportDownload(ctx, Number(saved[1]));
      }
      ctx.auth.authorize('import');
      const report = /^import-report\/(\d+)$/.exec(what);
      if (!report) throw new AppError('not_found', 'Nothing to download there.');
      const importId = Number(report[1]);
      const db = ctx.connection.sqlite;
      return { fileName: importReportFileName(db, importId), type: 'text/csv; charset=utf-8', chunks: importReportCsv(db, importId) };
    },
  };
}
