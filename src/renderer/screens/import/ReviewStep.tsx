import { useId } from 'react';
import { formatBytes, formatCount, formatDay } from '../../../shared/format';
import { exportBaseName, type ImportCheck, type ImportCheckInput } from '../../../shared/importViews';
import { type CsvDelimiter, type TextEncodingName } from '../../../shared/imports';
import { blockers, missingColumns, type Draft } from './draft';
import { GuardNotices } from './GuardNotices';
import { RowChecks } from './RowChecks';
import { StepActions } from './StepActions';
import { ColumnMatchNote } from './ColumnMatchNote';
import { NoValueCheck } from './NoValue';
// issue 15, names
import { nameProblem } from '../../components/NameProblem';

const encodingNames: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (Excel “Unicode text”)',
  'utf-16be': 'UTF-16 big-endian',
  'windows-1252': 'Windows-1252 (older Excel CSV)',
};
const delimiterNames: Record<CsvDelimiter, string> = { ',': 'Comma ,', ';': 'Semicolon ;', '\t': 'Tab', '|': 'Bar |' };

type Recheck = (change: Partial<Omit<ImportCheckInput, 'fileId'>>) => void;

/** Step 2: how the file is read, what it holds, and which column is which — on a preview of its first rows. */
export function ReviewStep({
  check,
  draft,
  onDraft,
  onRecheck,
  onBack,
  onNext,
}: {
  check: ImportCheck;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  onRecheck: Recheck;
  onBack: () => void;
  onNext: () => void;
}) {
  const shape = check.shapes.find((s) => s.shape === check.shape);
  const fieldOfColumn = new Map<number, string>();
  for (const [key, column] of Object.entries(check.mapping)) if (column !== null) fieldOfColumn.set(column, key);
  const chooseField = (column: number, field: string): void => {
    const mapping: Record<string, number | null> = { ...check.mapping };
    for (const [key, c] of Object.entries(mapping)) if (c === column) mapping[key] = null;
    if (field) mapping[field] = column;
    onRecheck({ mapping, useSavedMapping: false });
  };
  // Said on the step, so a column the import leaves out is never dropped without a word.
  const unused = check.headers.filter((_, column) => !fieldOfColumn.has(column));
  const stillToDo = blockers(check, draft).filter((b) => !b.startsWith('Give every new outlet'));
  const mappingProblem = nameProblem('mapping-name-problem', 'name of the column choice', draft.mappingName ?? '');
  const ids = { shape: useId(), encoding: useId(), delimiter: useId(), sheet: useId(), mapping: useId() };

  return (
    <>
      <section className="card">
        <div className="card-head">
          <h2>{check.name}</h2>
          <span className="muted">
            {formatBytes(check.size)} · {formatCount(check.rows)} rows{check.compressed ? ' · compressed' : ''}
          </span>
        </div>
        <div className="form-grid">
          <label htmlFor={ids.shape}>This file holds</label>
          <select id={ids.shape} value={check.shape} onChange={(e) => onRecheck({ shape: e.target.value as Draft['shape'], mapping: undefined })}>
            {check.shapes.map((s) => (
              <option key={s.shape} value={s.shape}>
                {s.label}
              </option>
            ))}
          </select>
          {check.format === 'csv' && check.encoding && (
            <>
              <label htmlFor={ids.encoding}>Characters</label>
              <select id={ids.encoding} value={check.encoding} onChange={(e) => onRecheck({ encoding: e.target.value as TextEncodingName })}>
                {Object.entries(encodingNames).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </>
          )}
          {check.format === 'csv' && check.delimiter && (
            <>
              <label htmlFor={ids.delimiter}>Columns separated by</label>
              <select
                id={ids.delimiter}
                value={check.delimiter}
                onChange={(e) => onRecheck({ delimiter: e.target.value as CsvDelimiter, mapping: undefined, shape: undefined })}
              >
                {Object.entries(delimiterNames).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </>
          )}
          {check.format === 'xlsx' && (
            <>
              <label htmlFor={ids.sheet}>Sheet</label>
              <select id={ids.sheet} value={check.sheet ?? ''} onChange={(e) => onRecheck({ sheet: e.target.value, mapping: undefined, shape: undefined })}>
                {check.sheets.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </>
          )}
        </div>
        <p className="muted">
          {check.mappingFrom.kind === 'saved'
            ? `Columns matched with your saved mapping “${check.mappingFrom.name}”.`
            : check.mappingFrom.kind === 'automatic'
              ? 'Columns matched by their names. Change any that are wrong below.'
              : 'Columns as you chose them.'}
        </p>
      </section>

      <GuardNotices check={check} draft={draft} onDraft={onDraft} />
      <NoValueCheck check={check} />
      {check.previousImport && (
        <section className="card attention" aria-labelledby="imported-before">
          <h2 id="imported-before">This file was imported before</h2>
          <p>
            The same content was imported on {formatDay(check.previousImport.finishedAt)} as “{check.previousImport.sourceName}”. Importing it
            again would not add anything new.
          </p>
          <fieldset className="choices">
            <legend className="visually-hidden">What to do with this file</legend>
            <label>
              <input type="radio" name="if-imported" checked={draft.ifImported === 'skip'} onChange={() => onDraft({ ...draft, ifImported: 'skip' })} />
              Skip it: keep the earlier import as it is
            </label>
            <label>
              <input
                type="radio"
                name="if-imported"
                checked={draft.ifImported === 'replace'}
                onChange={() => onDraft({ ...draft, ifImported: 'replace' })}
              />
              Replace the earlier import with this one (with the choices made now)
            </label>
          </fieldset>
        </section>
      )}

      <RowChecks check={check} draft={draft} onDraft={onDraft} />

      <section className="card" aria-labelledby={ids.mapping}>
        <div className="card-head">
          <h2 id={ids.mapping}>Columns</h2>
          <span className="muted">First {formatCount(check.preview.length)} rows</span>
        </div>
        {missingColumns(check).length > 0 && (
          <p role="alert" className="error-text">
            No column is chosen for the {missingColumns(check).join(', or the ')}. Pick it in the drop-down above its column.
          </p>
        )}
        <div className="table-wrap preview">
          <table className="table">
            <thead>
              <tr>
                {check.headers.map((header, column) => (
                  <th key={column} scope="col" className={fieldOfColumn.has(column) ? '' : 'unmapped'}>
                    <div className="header-name" title={header}>
                      {header}
                    </div>
                    <select
                      aria-label={`Column “${header}” is`}
                      value={fieldOfColumn.get(column) ?? ''}
                      onChange={(e) => chooseField(column, e.target.value)}
                    >
                      <option value="">Not imported</option>
                      {shape?.fields.map((f) => (
                        <option key={f.key} value={f.key}>
                          {f.label}
                        </option>
                      ))}
                    </select>
                    <ColumnMatchNote check={check} column={column} />
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {check.preview.map((row, r) => (
                <tr key={r}>
                  {check.headers.map((_, column) => (
                    <td key={column} className={fieldOfColumn.has(column) ? '' : 'unmapped'}>
                      {row[column] ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted" data-testid="unused-columns">
          {unused.length === 0 ? 'Every column is used.' : `Not used: ${unused.join(', ')}. Choose a field above a column to import it.`}
        </p>
        {check.dates.column && !check.dates.needsDecision && check.dates.order && (
          <p className="muted">
            Dates in “{check.dates.column}” are read as {check.dates.order === 'dmy' ? 'day/month/year' : 'month/day/year'}, as the whole
            column shows.
          </p>
        )}
      </section>

      {check.dates.needsDecision && (
        <section className="card attention" aria-labelledby="date-order">
          <h2 id="date-order">Which way round are the dates?</h2>
          <p>
            Every date in “{check.dates.column}” could be read both ways. “{check.dates.example}” could be{' '}
            {exampleAs(check.dates.example, 'dmy')} or {exampleAs(check.dates.example, 'mdy')}.
          </p>
          <fieldset className="choices">
            <legend className="visually-hidden">Date order</legend>
            <label>
              <input type="radio" name="date-order" checked={draft.dateOrder === 'dmy'} onChange={() => onDraft({ ...draft, dateOrder: 'dmy' })} />
              Day first (day/month/year, usual in Sri Lanka)
            </label>
            <label>
              <input type="radio" name="date-order" checked={draft.dateOrder === 'mdy'} onChange={() => onDraft({ ...draft, dateOrder: 'mdy' })} />
              Month first (month/day/year, American style)
            </label>
          </fieldset>
        </section>
      )}

      <section className="card">
        <label className="check">
          <input
            type="checkbox"
            checked={draft.mappingName !== null}
            onChange={(e) => onDraft({ ...draft, mappingName: e.target.checked ? defaultMappingName(check) : null })}
          />
          Remember these columns for files with the same headers
        </label>
        {draft.mappingName !== null && (
          <>
            <label className="inline-field">
              Name
              <input type="text" {...mappingProblem.inputProps} value={draft.mappingName} maxLength={80} onChange={(e) => onDraft({ ...draft, mappingName: e.target.value })} />
            </label>
            {mappingProblem.note}
          </>
        )}
        <StepActions toDo={stillToDo} back="Choose another file" onBack={onBack} next="Next: outlets and categories" onNext={onNext} />
      </section>
    </>
  );
}

function defaultMappingName(check: ImportCheck): string {
  return check.mappingFrom.kind === 'saved' ? check.mappingFrom.name : exportBaseName(check.name);
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "03/04/2026" read one way: "3 April". */
function exampleAs(example: string | null, order: 'dmy' | 'mdy'): string {
  const parts = /^(\d{1,2})[/.-](\d{1,2})/.exec(example ?? '');
  if (!parts) return order === 'dmy' ? 'day first' : 'month first';
  const [a, b] = [Number(parts[1]), Number(parts[2])];
  const [day, month] = order === 'dmy' ? [a, b] : [b, a];
  return `${day} ${months[month - 1] ?? '?'}`;
}
