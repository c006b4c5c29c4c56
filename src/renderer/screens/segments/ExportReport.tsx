import { useState } from 'react';
import { formatBytes, formatCount } from '../../../shared/format';
import type { ExportResult, ReportEntry, ReportFormat, ReportParams, StartExport, WhenExists } from '../../../shared/reports';
import { AppError } from '../../../shared/errors';
import { api, hasNativeDialogs, downloadReport } from '../../api';
import { JobProgress } from '../../components/JobProgress';
import { useJob } from '../../useJob';
import { useUser } from '../../auth/user';
import { mayRemoveReport } from '../../../shared/ownership';

type Step =
  | { kind: 'choose' }
  | { kind: 'exists'; existing: ReportEntry }
  | { kind: 'running'; jobId: string }
  | { kind: 'done'; result: ExportResult }
  | { kind: 'failed'; message: string };

/**
 * Export report: PDF or Excel, the top customers or all of them; asks
 * "overwrite or new version?" when the same report was made before; shows
 * progress with Cancel, then a confirmation with Open and Show in folder, or
 * the failure with Retry. `start` is the call that makes it (a new export,
 * or History's Regenerate).
 */
export function ExportReport({
  params,
  onClose,
  start = (p, whenExists) => api.startReportExport({ params: p, whenExists }),
  fixedFormat,
  byItems,
}: {
  params: Omit<ReportParams, 'format' | 'rows'> & Partial<Pick<ReportParams, 'format' | 'rows'>>;
  onClose: () => void;
  start?: (params: ReportParams, whenExists: WhenExists) => Promise<StartExport>;
  fixedFormat?: boolean;
  /** Data without values (issue 14, money): customers rank by items bought. */
  byItems?: boolean;
}) {
  const [format, setFormat] = useState<ReportFormat>(params.format ?? 'pdf');
  const [all, setAll] = useState(params.rows === 'all');
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const user = useUser();
  // What the user last chose (ask, overwrite, new version): Retry repeats it.
  const [choice, setChoice] = useState<WhenExists>('ask');
  const full: ReportParams = { ...params, format, rows: all ? 'all' : { top: 500 } };

  const go = (whenExists: WhenExists): void => {
    setChoice(whenExists);
    start(full, whenExists).then(
      (answer) => {
        if (answer.status === 'exists') setStep({ kind: 'exists', existing: answer.existing });
        else if (answer.status === 'started') setStep({ kind: 'running', jobId: answer.jobId });
        else setStep({ kind: 'choose' });
      },
      (e: unknown) => setStep({ kind: 'failed', message: AppError.from(e).message }),
    );
  };
  const job = useJob(step.kind === 'running' ? step.jobId : null, (ended) => {
    if (ended.status === 'succeeded') void api.getReportExport({ jobId: ended.jobId }).then((result) => setStep({ kind: 'done', result }));
    else if (ended.status === 'cancelled') setStep({ kind: 'choose' });
    else setStep({ kind: 'failed', message: ended.error ?? 'Export failed. Please try again later or contact support.' });
  });

  return (
    <section className="card export-panel" role="dialog" aria-labelledby="export-title" aria-modal="false">
      <header className="card-head">
        <h3 id="export-title">Export report</h3>
        <button type="button" className="button small" onClick={onClose}>
          Close
        </button>
      </header>
      {step.kind === 'choose' && (
        <form
          className="export-form"
          onSubmit={(e) => {
            e.preventDefault();
            go('ask');
          }}
        >
          {!fixedFormat && (
            <fieldset className="choices">
              <legend>Format</legend>
              <label>
                <input type="radio" name="format" checked={format === 'pdf'} onChange={() => setFormat('pdf')} /> PDF (to print or share)
              </label>
              <label>
                <input type="radio" name="format" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} /> Excel (every number, to work with)
              </label>
            </fieldset>
          )}
          {fixedFormat ? (
            <p>Make the report again from the data as it is now, with the same segment, filters, format and customers.</p>
          ) : (
          <fieldset className="choices">
            <legend>Customers</legend>
            <label>
              <input type="radio" name="rows" checked={!all} onChange={() => setAll(false)} /> The top 500 by {byItems ? 'items bought' : 'spend'}
            </label>
            <label>
              <input type="radio" name="rows" checked={all} onChange={() => setAll(true)} /> The whole segment
            </label>
          </fieldset>
          )}
          <div className="actions">
            <button type="submit" className="button primary">
              {fixedFormat ? 'Regenerate' : 'Export'}
            </button>
          </div>
        </form>
      )}
      {step.kind === 'exists' && (
        <div className="stack" role="alertdialog" aria-labelledby="exists-question">
          <p id="exists-question">
            <strong>Would you like to overwrite or create a new version?</strong>
            <br />
            <span className="muted">
              {step.existing.fileName} (version {step.existing.version}) was made {new Date(step.existing.createdAt).toLocaleString('en-GB')} by {step.existing.createdBy} with the same
              segment, filters and format.
            </span>
          </p>
          <div className="actions">
            {mayRemoveReport(user, step.existing.createdById) && (
              <button type="button" className="button primary" onClick={() => go('overwrite')}>
                Overwrite
              </button>
            )}
            <button type="button" className="button" onClick={() => go('newVersion')}>
              Create a new version
            </button>
            <button type="button" className="button" onClick={() => setStep({ kind: 'choose' })}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {step.kind === 'running' && job && <JobProgress job={job} title="Exporting the report" />}
      {step.kind === 'done' && (
        <div className="notice" role="status">
          <span>
            Saved <strong>{step.result.fileName}</strong> ({formatBytes(step.result.size)}, {formatCount(step.result.customers)} customers, version {step.result.version}). You will
            find it under Reports History.
          </span>
          <span className="actions">
            {hasNativeDialogs ? (
              <>
                <button type="button" className="button small" onClick={() => void api.openReport({ id: step.result.reportId })}>
                  Open
                </button>
                <button type="button" className="button small" onClick={() => void api.showReportInFolder({ id: step.result.reportId })}>
                  Show in folder
                </button>
              </>
            ) : (
              <button type="button" className="button small" onClick={() => void downloadReport(step.result.reportId, step.result.fileName)}>
                Open (download)
              </button>
            )}
          </span>
        </div>
      )}
      {step.kind === 'failed' && (
        <div className="notice notice-error" role="alert">
          <span>{step.message}</span>
          <button type="button" className="button small" onClick={() => go(choice)}>
            Retry
          </button>
        </div>
      )}
    </section>
  );
}
