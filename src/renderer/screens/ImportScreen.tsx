import { useCallback, useState } from 'react';
import type { JobState } from '../../shared/contracts';
import type { ImportCheck, ImportCheckInput, ImportSummaryView, StartImportInput } from '../../shared/importViews';
import { AppError } from '../../shared/errors';
import { api } from '../api';
import { JobProgress } from '../components/JobProgress';
import { useJob } from '../useJob';
import { ChooseStep } from './import/ChooseStep';
import { DecisionsStep } from './import/DecisionsStep';
import { draftDecisions, type Draft } from './import/draft';
import { ImportReportView } from './import/ImportReportView';
import { ReviewStep } from './import/ReviewStep';
import { StepBar, type StepId } from './import/StepBar';
import { SummaryView } from './import/SummaryView';

interface Reviewed {
  check: ImportCheck;
  draft: Draft;
}

type State =
  | { step: 'choose'; notice?: string }
  | { step: 'checking'; jobId: string; name: string; previous: Reviewed | null }
  | { step: 'review'; check: ImportCheck; draft: Draft }
  | { step: 'decide'; check: ImportCheck; draft: Draft }
  | { step: 'importing'; jobId: string; check: ImportCheck; draft: Draft }
  | { step: 'done'; summary: ImportSummaryView }
  | { step: 'report'; importId: number; back: State };

const stepOf: Record<State['step'], StepId> = {
  choose: 'file',
  checking: 'file',
  review: 'columns',
  decide: 'values',
  importing: 'import',
  done: 'summary',
  report: 'summary',
};

/**
 * Import Data: choose a file → check it (columns, dates, outlets, categories)
 * → confirm → import in a worker with progress and Cancel → summary and the
 * report of rejected rows. Earlier imports are listed under the chooser.
 */
export function ImportScreen() {
  const [state, setState] = useState<State>({ step: 'choose' });
  const [error, setError] = useState<AppError | null>(null);
  // A backup of all data is made before the import starts: seconds on a large database.
  const [backingUp, setBackingUp] = useState(false);

  const check = useCallback((request: ImportCheckInput, name: string, previous: Reviewed | null) => {
    setError(null);
    api.startImportCheck(request).then(
      ({ jobId }) => setState({ step: 'checking', jobId, name, previous }),
      (e: unknown) => setError(AppError.from(e)),
    );
  }, []);

  const start = (current: Reviewed): void => {
    if (backingUp) return;
    setError(null);
    setBackingUp(true);
    const input: StartImportInput = { ...current.draft, fileId: current.check.fileId };
    api
      .startImport(input)
      .then(
        ({ jobId }) => setState({ step: 'importing', jobId, check: current.check, draft: current.draft }),
        (e: unknown) => setError(AppError.from(e)),
      )
      .finally(() => setBackingUp(false));
  };

  const onJobEnd = (job: JobState): void => {
    if (state.step === 'checking' && job.jobId === state.jobId) {
      if (job.status === 'succeeded') {
        api.getImportCheck({ jobId: job.jobId }).then(
          (result) => setState({ step: 'review', check: result, draft: draftDecisions(result, state.previous?.draft) }),
          (e: unknown) => setError(AppError.from(e)),
        );
      } else {
        // A failed re-check (say, a wrong encoding chosen) goes back to the last good one.
        setError(new AppError(job.status === 'cancelled' ? 'cancelled' : 'validation', job.error ?? 'The file could not be read.'));
        setState(state.previous ? { step: 'review', ...state.previous } : { step: 'choose' });
      }
    }
    if (state.step === 'importing' && job.jobId === state.jobId) {
      if (job.status === 'succeeded') {
        api.getImportResult({ jobId: job.jobId }).then(
          (summary) => setState({ step: 'done', summary }),
          (e: unknown) => setError(AppError.from(e)),
        );
      } else {
        setError(
          job.status === 'cancelled'
            ? new AppError('cancelled', 'The import was cancelled. Nothing was written: your data is exactly as it was.')
            : new AppError('validation', job.error ?? 'The import did not finish. Nothing was written.'),
        );
        setState({ step: 'decide', check: state.check, draft: state.draft });
      }
    }
  };
  const job = useJob(state.step === 'checking' || state.step === 'importing' ? state.jobId : null, onJobEnd);

  return (
    <div className="stack import-screen">
      <StepBar current={stepOf[state.step]} />
      {error && (
        <div className={error.kind === 'cancelled' ? 'notice' : 'notice notice-error'} role={error.kind === 'cancelled' ? 'status' : 'alert'}>
          <span>{error.message}</span>
          <button type="button" className="link-button" onClick={() => setError(null)}>
            Dismiss
          </button>
        </div>
      )}
      {state.step === 'choose' && (
        <ChooseStep
          notice={state.notice}
          onChosen={(file) => check({ fileId: file.fileId }, file.name, null)}
          onError={setError}
          onShowReport={(importId) => setState({ step: 'report', importId, back: state })}
        />
      )}
      {state.step === 'checking' &&
        (job ? <JobProgress job={job} title={`Checking ${state.name}`} /> : <p className="muted">Checking {state.name}…</p>)}
      {state.step === 'review' && (
        <ReviewStep
          check={state.check}
          draft={state.draft}
          onDraft={(draft) => setState({ ...state, draft })}
          onRecheck={(change) =>
            check({ fileId: state.check.fileId, ...requestOf(state.check), ...change }, state.check.name, state)
          }
          onBack={() => setState({ step: 'choose' })}
          onNext={() => setState({ step: 'decide', check: state.check, draft: state.draft })}
        />
      )}
      {state.step === 'decide' && (
        <DecisionsStep
          check={state.check}
          draft={state.draft}
          onDraft={(draft) => setState({ ...state, draft })}
          onBack={() => setState({ step: 'review', check: state.check, draft: state.draft })}
          onImport={() => start(state)}
        />
      )}
      {state.step === 'decide' && backingUp && (
        <p role="status" className="muted">
          Making a backup of all data before the import…
        </p>
      )}
      {state.step === 'importing' &&
        (job ? <JobProgress job={job} title={`Importing ${state.check.name}`} expectedRows={state.check.rows} /> : <p className="muted">Starting the import…</p>)}
      {state.step === 'done' && (
        <SummaryView
          summary={state.summary}
          onShowReport={(importId) => setState({ step: 'report', importId, back: state })}
          onAnother={() => setState({ step: 'choose' })}
        />
      )}
      {state.step === 'report' && <ImportReportView importId={state.importId} onBack={() => setState(state.back)} />}
    </div>
  );
}

/** How the last check read the file, so a re-check changes only what the user changed. */
function requestOf(check: ImportCheck): Omit<ImportCheckInput, 'fileId'> {
  return {
    ...(check.encoding ? { encoding: check.encoding } : {}),
    ...(check.delimiter ? { delimiter: check.delimiter } : {}),
    ...(check.sheet ? { sheet: check.sheet } : {}),
    shape: check.shape,
    mapping: check.mapping,
  };
}
