import { categoryCodes, categoryLabels, type CategoryCode } from '../../../shared/domain';
import { formatCount } from '../../../shared/format';
import type { OutletDecision } from '../../../shared/imports';
import type { ImportCheck } from '../../../shared/importViews';
import { blockers, needsAttention, suggested, type Draft } from './draft';
import { OutletFolds, draftFolds } from './OutletFolds';
import { StepActions } from './StepActions';
import { DemoChoice } from './GuardNotices';
import { CatalogueValueChoice } from './NoValue';
// issue 15, names
import { nameProblem } from '../../components/NameProblem';

/** A new outlet's name, with what is wrong with it right under it. */
function NewOutletName({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (name: string) => void }) {
  const problem = nameProblem(`${id}-problem`.replace(/\W+/g, '-'), 'outlet name', value);
  return (
    <>
      <input type="text" aria-label={label} {...problem.inputProps} value={value} maxLength={80} onChange={(e) => onChange(e.target.value)} />
      {problem.note}
    </>
  );
}

type Suggestion = ImportCheck['outlets'][number]['suggestion'];

function decisionValue(d: OutletDecision | null | undefined, suggestion: Suggestion = null): string {
  if (!d) return 'new';
  if (d.kind === 'new' && suggestion?.outletId === null && d.name === suggestion.name) return 'town';
  return d.kind === 'outlet' ? `outlet:${d.outletId}` : d.kind;
}

function decisionOf(value: string, newName: string, suggestion: Suggestion = null): OutletDecision {
  if (value === 'town' && suggestion) return suggested(suggestion);
  if (value.startsWith('outlet:')) return { kind: 'outlet', outletId: Number(value.slice(7)) };
  return value === 'reject' ? { kind: 'reject' } : { kind: 'new', name: newName };
}

function how(o: ImportCheck['outlets'][number]): string {
  if (o.remembered === 'rejected') return 'Rejected before';
  if (o.remembered) return 'Decided before';
  const s = o.suggestion;
  if (!s) return 'No outlet like it';
  const place = s.place && [s.place.district && `${s.place.district} District`, s.place.province].filter(Boolean).join(', ');
  if (s.how === 'known place') return `A known town${place ? ` (${place})` : ''}: added as an outlet`;
  if (!s.automatic) return `Looks like ${s.name} (${Math.round(s.confidence * 100)}% alike), but may be another town: choose it only if it is the same outlet`;
  if (s.confidence >= 1) return 'Same name';
  return `${s.how[0]?.toUpperCase()}${s.how.slice(1)}`;
}

function OutletChoice({
  check,
  value,
  label,
  suggestion = null,
  onChange,
}: {
  check: ImportCheck;
  value: OutletDecision | null | undefined;
  label: string;
  suggestion?: Suggestion;
  onChange: (value: string) => void;
}) {
  return (
    <select aria-label={label} value={decisionValue(value, suggestion)} onChange={(e) => onChange(e.target.value)}>
      {suggestion?.outletId === null && (
        <optgroup label="Known town, no outlet yet">
          <option value="town">{suggestion.name} (add as an outlet)</option>
        </optgroup>
      )}
      <optgroup label="Known outlets">
        {check.canonicalOutlets.map((c) => (
          <option key={c.id} value={`outlet:${c.id}`}>
            {c.name}
          </option>
        ))}
      </optgroup>
      <option value="new">Add as a new outlet…</option>
      <option value="reject">Reject its rows</option>
    </select>
  );
}

/** Step 3: the outlet spellings and category names in the file, and what each one is — confirmed in one screen. */
export function DecisionsStep({
  check,
  draft,
  onDraft,
  onBack,
  onImport,
}: {
  check: ImportCheck;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  onBack: () => void;
  onImport: () => void;
}) {
  const setOutlet = (key: string, decision: OutletDecision): void => onDraft({ ...draft, outlets: { ...draft.outlets, [key]: decision } });
  const decisions = check.outlets.map((o) => draft.outlets[o.key]);
  const merged = decisions.filter((d) => d?.kind === 'outlet');
  const distinct = new Set(merged.map((d) => (d?.kind === 'outlet' ? d.outletId : 0))).size;
  const added = decisions.filter((d) => d?.kind === 'new').length;
  const rejected = decisions.filter((d) => d?.kind === 'reject').length;
  const rejectedRows = check.outlets.reduce((n, o) => n + (draft.outlets[o.key]?.kind === 'reject' ? o.rows : 0), 0);
  const toDo = blockers(check, draft);
  // The spellings to look at first: new names and guesses; then the rest, most rows first.
  const ordered = [...check.outlets].sort((a, b) => Number(needsAttention(b)) - Number(needsAttention(a)) || b.rows - a.rows);
  const importRows = draft.ifImported === 'skip' ? 0 : check.rows;

  return (
    <>
      {check.outlets.length > 0 && (
        <section className="card" aria-labelledby="outlet-decisions">
          <div className="card-head">
            <h2 id="outlet-decisions">Outlets</h2>
            <span className="muted">{check.outlets.filter((o) => needsAttention(o)).length} to check</span>
          </div>
          <p className="summary-line" role="status">
            {spellings(check.outlets.length)} in the file: {formatCount(merged.length)} → {formatCount(distinct)} known outlet{distinct === 1 ? '' : 's'}
            {added > 0 && `; ${formatCount(added)} new (added as outlets)`}
            {rejected > 0 && `; ${formatCount(rejected)} rejected (${formatCount(rejectedRows)} rows)`}.
          </p>
          <div className="table-wrap full">
            <table className="table middle">
              <thead>
                <tr>
                  <th scope="col">In the file</th>
                  <th scope="col" className="num">Rows</th>
                  <th scope="col">Is the outlet</th>
                  <th scope="col">Matched by</th>
                </tr>
              </thead>
              <tbody>
                {ordered.map((o) => {
                  const decision = draft.outlets[o.key];
                  return (
                    <tr key={o.key} className={needsAttention(o) ? 'attention-row' : ''}>
                      <td className="file-value">{o.spelling}</td>
                      <td className="num">{formatCount(o.rows)}</td>
                      <td>
                        <div className="choice-cell">
                          <OutletChoice
                            check={check}
                            value={decision}
                            label={`Outlet for “${o.spelling}”`}
                            suggestion={o.suggestion}
                            onChange={(v) => setOutlet(o.key, decisionOf(v, o.newName, o.suggestion))}
                          />
                          {decision?.kind === 'new' && decisionValue(decision, o.suggestion) === 'new' && (
                            <NewOutletName
                              id={`new-outlet-${o.key}`}
                              label={`Name of the new outlet for “${o.spelling}”`}
                              value={decision.name}
                              onChange={(name) => setOutlet(o.key, { kind: 'new', name })}
                            />
                          )}
                        </div>
                      </td>
                      <td className="muted">{how(o)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <OutletFolds folds={draftFolds(check, draft.outlets)} heading="Spellings folded into an outlet" />
        </section>
      )}

      {draft.defaultOutlet && (
        <section className="card attention" aria-labelledby="default-outlet">
          <h2 id="default-outlet">The file has no outlet column</h2>
          <p>
            Every {check.shape === 'customerSpend' ? 'customer' : 'line'} will be booked to one outlet. Choose it, or keep them apart under a new
            outlet.
          </p>
          <div className="choice-cell">
            <OutletChoice
              check={check}
              value={draft.defaultOutlet}
              label="Outlet for every line"
              onChange={(v) => onDraft({ ...draft, defaultOutlet: decisionOf(v, 'Unspecified outlet') })}
            />
            {draft.defaultOutlet.kind === 'new' && (
              <NewOutletName
                id="new-outlet-every-line"
                label="Name of the new outlet for every line"
                value={draft.defaultOutlet.name}
                onChange={(name) => onDraft({ ...draft, defaultOutlet: { kind: 'new', name } })}
              />
            )}
          </div>
        </section>
      )}

      {check.categories.length > 0 && (
        <section className="card" aria-labelledby="category-decisions">
          <div className="card-head">
            <h2 id="category-decisions">Categories</h2>
            <span className="muted">{check.categories.filter((c) => c.how === 'not recognised').length} not recognised</span>
          </div>
          <div className="table-wrap full">
            <table className="table middle">
              <thead>
                <tr>
                  <th scope="col">In the file</th>
                  <th scope="col" className="num">Rows</th>
                  <th scope="col">Counts as</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {check.categories.map((c) => (
                  <tr key={c.key} className={c.how === 'not recognised' ? 'attention-row' : ''}>
                    <td className="file-value">{c.source}</td>
                    <td className="num">{formatCount(c.rows)}</td>
                    <td>
                      <select
                        aria-label={`Category for “${c.source}”`}
                        value={draft.categories[c.key] ?? c.category}
                        onChange={(e) => onDraft({ ...draft, categories: { ...draft.categories, [c.key]: e.target.value as CategoryCode } })}
                      >
                        {categoryCodes.map((code) => (
                          <option key={code} value={code}>
                            {categoryLabels[code]}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="muted">{c.how === 'remembered' ? 'Decided before' : c.how === 'usual name' ? 'Usual name' : 'Not recognised: Other'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {check.outlets.length === 0 && !draft.defaultOutlet && check.categories.length === 0 && (
        <section className="card">
          <p>Nothing to confirm here: the file names no outlets or categories.</p>
        </section>
      )}

      <section className="card">
        <label className="check">
          <input type="checkbox" checked={draft.remember} onChange={(e) => onDraft({ ...draft, remember: e.target.checked })} />
          Remember these outlet and category decisions for the next files
        </label>
        <DemoChoice check={check} draft={draft} onDraft={onDraft} />
        <CatalogueValueChoice check={check} draft={draft} onDraft={onDraft} />
        <StepActions
          toDo={toDo}
          back="Back to the columns"
          onBack={onBack}
          next={draft.ifImported === 'skip' ? 'Skip this file' : `Import ${formatCount(importRows)} rows`}
          onNext={onImport}
        />
      </section>
    </>
  );
}

function spellings(n: number): string {
  return `${formatCount(n)} spelling${n === 1 ? '' : 's'}`;
}
