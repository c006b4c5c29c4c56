import { formatCount } from '../../../shared/format';
import { currencyWord, noCustomerIdsMessage } from '../../../shared/importGuard';
import type { ImportCheck } from '../../../shared/importViews';
import type { Draft } from './draft';

/**
 * The check step's warnings before anything is written: a sales file that
 * cannot make customers, and amounts on another scale than the chain's.
 */
export function GuardNotices({ check, draft, onDraft }: { check: ImportCheck; draft: Draft; onDraft: (draft: Draft) => void }) {
  const noCustomers = check.shape === 'salesLines' && check.customers.rowsWithCustomer === 0;
  const amounts = check.amounts;
  return (
    <>
      {noCustomers && (
        <section className="card attention" aria-labelledby="no-customers" data-testid="no-customers">
          <h2 id="no-customers">No customer ids</h2>
          <p>{noCustomerIdsMessage}</p>
          <p className="muted">
            {check.customers.column === null
              ? 'No column is chosen as the Customer ID. If one of the columns holds it, choose it below.'
              : `The column “${check.customers.column}” is empty in all ${formatCount(check.rows)} rows.`}
          </p>
        </section>
      )}
      {amounts?.question && (
        <section className="card attention" aria-labelledby="amount-scale" data-testid="amount-scale">
          <h2 id="amount-scale">Check the amounts</h2>
          <p>{amounts.question}</p>
          <p className="muted">
            {amounts.median !== null && `The middle ${amounts.kind === 'line' ? 'line' : 'customer total'} in this file is ${amounts.median.toLocaleString('en-GB', { maximumFractionDigits: 2 })}`}
            {amounts.reference?.from === 'earlier'
              ? `; in your earlier data it is ${Math.round(amounts.reference.median).toLocaleString('en-GB')}.`
              : amounts.reference
                ? `; at a Sri Lankan supermarket it is usually between ${formatCount(amounts.reference.low ?? 0)} and ${formatCount(amounts.reference.high ?? 0)}.`
                : '.'}{' '}
            If the file is in another currency, convert it first: nothing is written until you confirm.
          </p>
          <label className="check">
            <input type="checkbox" checked={draft.amountsConfirmed === true} onChange={(e) => onDraft({ ...draft, amountsConfirmed: e.target.checked })} />
            Yes, these amounts are in {currencyWord(check.currency)}: import them as they are
          </label>
        </section>
      )}
    </>
  );
}

/** The confirmation step's choice about the demo data: ticked only when the file brings customers of the user's own. */
export function DemoChoice({ check, draft, onDraft }: { check: ImportCheck; draft: Draft; onDraft: (draft: Draft) => void }) {
  if (!check.demoLoaded || draft.ifImported === 'skip') return null;
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={draft.removeDemo === true} onChange={(e) => onDraft({ ...draft, removeDemo: e.target.checked })} />
        Remove the demo data
      </label>
      <p className="notice">
        {draft.removeDemo
          ? 'The demo customers and sales are removed with this import, so they do not mix with your own. Trained segments are kept.'
          : check.customers.rowsWithCustomer === 0
            ? 'The demo data stays: this file has no customer ids to take its place. Your sales are added beside it.'
            : 'The demo data stays beside your own data. Its customers will be counted with yours until you remove it (Settings, Demo data).'}
      </p>
    </>
  );
}
