import type { ImportCheck, ImportSummaryView } from '../../../shared/importViews';
import { currencyWord } from '../../../shared/importGuard';
import { catalogueOfferWords, noValueNotice, valuationWords } from '../../../shared/measure';
import type { Draft } from './draft';

/** The check step's word on a sales file without prices or amounts (issue 14, money). */
export function NoValueCheck({ check }: { check: ImportCheck }) {
  if (!check.noValue) return null;
  return (
    <section className="card attention" aria-labelledby="no-value" data-testid="no-value-notice">
      <h2 id="no-value">No prices or amounts</h2>
      <p>{noValueNotice}</p>
      <p className="muted">
        Segments are then found from visits, how recently and how long members have shopped, items per visit and the mix of categories by items. No
        figure is shown in {currencyWord(check.currency)} for these lines.
      </p>
    </section>
  );
}

/** The confirmation step's offer to value such a file's lines at catalogue prices. */
export function CatalogueValueChoice({ check, draft, onDraft }: { check: ImportCheck; draft: Draft; onDraft: (d: Draft) => void }) {
  if (!check.noValue || !check.catalogue) return null;
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={draft.valueAtCataloguePrices === true}
        onChange={(e) => onDraft({ ...draft, valueAtCataloguePrices: e.target.checked })}
      />
      {catalogueOfferWords(check.catalogue)}
    </label>
  );
}

/** The summary's lines about value, for a file without prices or amounts. */
export function NoValueSummary({ summary }: { summary: ImportSummaryView }) {
  const words = valuationWords(summary);
  if (words.length === 0) return null;
  return (
    <div className="notice" data-testid="no-value-summary">
      {words.map((w) => (
        <p key={w}>{w}</p>
      ))}
    </div>
  );
}
