import { useState } from 'react';
import { currencyWord } from '../../../shared/importGuard';
import { api } from '../../api';
import { useCan } from '../../auth/user';
import { useCurrencySetting } from '../../currency';
import { useAction } from '../../useAction';
import { useQuery } from '../../useQuery';

/** The chain's currency: every amount on screen and in reports is written in it, and each import's amounts are checked against it. */
export function CurrencyCard() {
  const current = useQuery(['settings'], () => api.getCurrency());
  const maySettings = useCan('settings');
  const { changed } = useCurrencySetting();
  const { run, feedback } = useAction(current.reload);
  const [typed, setTyped] = useState<string>();
  const value = typed ?? current.data?.currency ?? '';
  return (
    <section className="card" aria-labelledby="currency-title">
      <h2 id="currency-title">Currency</h2>
      <p className="muted">
        The currency of your sales exports, as its three-letter code (LKR for Sri Lankan rupees). Every amount on screen and in reports is shown
        in it. When a file’s amounts look far smaller or larger
        than your earlier data{value === 'LKR' ? ' or than typical Sri Lankan supermarket amounts' : ''}, the import asks whether they are in{' '}
        {currencyWord(value || 'LKR')} before anything is written.
      </p>
      {feedback}
      <form
        className="inline-field"
        onSubmit={(e) => {
          e.preventDefault();
          // The screens take the saved code at once (they read the setting once, when the app opens).
          run(api.setCurrency({ currency: value }).then((saved) => changed(saved.currency)), 'The currency is saved.', () => setTyped(undefined));
        }}
      >
        <label htmlFor="currency-code">Currency code</label>
        <input
          id="currency-code"
          type="text"
          value={value}
          maxLength={3}
          size={4}
          readOnly={!maySettings}
          onChange={(e) => setTyped(e.target.value.toUpperCase())}
        />
        {maySettings && (
          <button type="submit" className="button small">
            Save
          </button>
        )}
      </form>
    </section>
  );
}
