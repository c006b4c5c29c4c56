import { useState, type ReactNode } from 'react';
import type { CustomerFiltersInput, FilterSupport } from '../../../shared/filters';
import { filterWords, genderNames } from '../../../shared/filterWords';
import { useCurrency } from '../../currency';
import { AgeRange } from './AgeRange';
import { type Outlet, OutletPicker } from './OutletPicker';

type Filters = CustomerFiltersInput;
type Category = 'fresh' | 'dry' | 'luxury';

const recencyChoices = [7, 30, 90, 180] as const;
const categoryNames: Record<Category, string> = { fresh: 'Fresh', dry: 'Dry', luxury: 'Luxury' };

/** Why a filter is switched off, in the words of the people who use it. */
const unsupported = {
  age: 'Your data has no customer ages, so customers cannot be filtered by age. Import a customer list with an Age or Date of birth column to use it.',
  lastPurchase:
    'Your data has no purchase dates (a customer-level import gives totals only), so customers cannot be filtered by when they last bought. Import till sales with dates, or a customer file with a Last purchase column.',
  outlets: 'Your data does not say where customers shop, so customers cannot be filtered by outlet.',
  gender: 'Your data has no customer genders, so customers cannot be filtered by gender. Import a customer list with a Gender column to use it.',
  spend: 'No customer has any spend on record yet.',
  // issue 14, money: said without the words of money, which such data has none of.
  value:
    'Your data has no prices or amounts (a purchase history), so customers cannot be filtered by value. Import sales with prices or amounts, or value the lines at catalogue prices when you import them.',
};
type Unsupported = keyof typeof unsupported;

function without<K extends keyof Filters>(filters: Filters, key: K): Filters {
  const { [key]: _gone, ...rest } = filters;
  return rest;
}

/** An amount in the chain's currency, or undefined for an empty or unreadable entry. */
function amount(text: string): number | undefined {
  const n = Number(text.replace(/[\s,]/g, ''));
  return text.trim() === '' || !Number.isFinite(n) || n < 0 ? undefined : n;
}

/**
 * The filter controls. What is typed stays as typed here; the filters sent
 * are only the valid ones. The parent remounts the bar (a new key) when a
 * chip or Reset clears filters, so the fields start again from `filters`.
 */
export function FilterBar({ filters, onChange, outlets, support }: { filters: Filters; onChange: (f: Filters) => void; outlets: Outlet[]; support: FilterSupport }) {
  const currency = useCurrency();
  const last = filters.lastPurchase;
  const [recency, setRecency] = useState(last === undefined ? '' : 'withinDays' in last ? String(last.withinDays) : 'range');
  const [dates, setDates] = useState(last && 'from' in last ? last : { from: '', to: '' });
  const [spendText, setSpendText] = useState({ from: filters.spend?.min?.toString() ?? '', to: filters.spend?.max?.toString() ?? '' });

  const setLastPurchase = (mode: string, range: { from: string; to: string }) => {
    setRecency(mode);
    setDates(range);
    if (mode === '') onChange(without(filters, 'lastPurchase'));
    else if (mode !== 'range') onChange({ ...filters, lastPurchase: { withinDays: Number(mode) } });
    else if (range.from !== '' && range.to !== '' && range.from <= range.to) onChange({ ...filters, lastPurchase: range });
    else onChange(without(filters, 'lastPurchase'));
  };
  const datesBackwards = recency === 'range' && dates.from !== '' && dates.to !== '' && dates.from > dates.to;

  const setSpend = (text: { from: string; to: string }) => {
    setSpendText(text);
    const [min, max] = [amount(text.from), amount(text.to)];
    if ((min === undefined && max === undefined) || (min !== undefined && max !== undefined && min > max)) onChange(without(filters, 'spend'));
    else onChange({ ...filters, spend: { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) } });
  };
  const spendMin = amount(spendText.from);
  const spendMax = amount(spendText.to);
  const spendBackwards = spendMin !== undefined && spendMax !== undefined && spendMin > spendMax;

  const off = (key: Unsupported, supported: boolean) => (supported ? undefined : key);
  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <Filter legend="Age" off={off('age', support.age !== null)}>
        {(describedBy) => (
          <AgeRange
            bounds={support.age ?? { min: 0, max: 120 }}
            value={filters.age}
            disabled={support.age === null}
            describedBy={describedBy}
            onChange={(age) => onChange(age ? { ...filters, age } : without(filters, 'age'))}
          />
        )}
      </Filter>

      <Filter legend="Product category">
        {() => (
          <>
            <label>
              Bought in
              <select value={filters.category ?? ''} onChange={(e) => onChange(e.target.value === '' ? without(filters, 'category') : { ...filters, category: e.target.value as Category })}>
                <option value="">Any category</option>
                <CategoryOptions />
              </select>
            </label>
            <label>
              Mostly buys
              <select
                value={filters.dominantCategory ?? ''}
                onChange={(e) => onChange(e.target.value === '' ? without(filters, 'dominantCategory') : { ...filters, dominantCategory: e.target.value as Category })}
              >
                <option value="">Any category</option>
                <CategoryOptions />
              </select>
            </label>
          </>
        )}
      </Filter>

      <Filter legend="Last purchase" off={off('lastPurchase', support.lastPurchase !== null)}>
        {(describedBy) => (
          <>
            <select
              value={recency}
              aria-label="Last purchase"
              disabled={support.lastPurchase === null}
              aria-describedby={describedBy}
              onChange={(e) => setLastPurchase(e.target.value, dates)}
            >
              <option value="">Any time</option>
              {recencyChoices.map((d) => (
                <option key={d} value={d}>
                  Within {d} days
                </option>
              ))}
              <option value="range">Between two dates</option>
            </select>
            {recency === 'range' && support.lastPurchase && (
              <FromTo
                name="Last purchase"
                type="date"
                limits={{ min: support.lastPurchase.from, max: support.lastPurchase.to }}
                value={dates}
                onChange={(range) => setLastPurchase('range', range)}
                wrongWay={datesBackwards ? 'The first date is after the second.' : null}
              />
            )}
          </>
        )}
      </Filter>

      <Filter off={off('outlets', support.outlets)} bare>
        {(describedBy) => (
          <OutletPicker
            chosen={filters.outletIds ?? []}
            outlets={outlets}
            disabled={!support.outlets}
            describedBy={describedBy}
            onChange={(ids) => onChange(ids.length === 0 ? without(filters, 'outletIds') : { ...filters, outletIds: ids })}
          />
        )}
      </Filter>

      <Filter off={off('gender', support.genders.length > 0)} bare>
        {(describedBy) => (
          <label className="filter">
            Gender
            <select
              value={filters.gender ?? ''}
              disabled={support.genders.length === 0}
              aria-describedby={describedBy}
              onChange={(e) => onChange(e.target.value === '' ? without(filters, 'gender') : { ...filters, gender: e.target.value as 'F' | 'M' | 'X' })}
            >
              <option value="">Any</option>
              {support.genders.map((g) => (
                <option key={g} value={g}>
                  {genderNames[g]}
                </option>
              ))}
            </select>
          </label>
        )}
      </Filter>

      <Filter
        legend={support.measure === 'items' ? 'Value in the period' : `Spend in the period (${currency})`}
        off={support.measure === 'items' ? 'value' : off('spend', support.spend !== null)}
      >
        {(describedBy) => (
          <>
            <FromTo
              name={support.measure === 'items' ? 'Value' : 'Spend'}
              type="number"
              limits={{ min: 0, step: 1000 }}
              placeholders={{ from: '0', to: 'no limit' }}
              value={spendText}
              onChange={setSpend}
              wrongWay={spendBackwards ? 'The lowest spend is above the highest.' : null}
              disabled={support.spend === null}
              describedBy={describedBy}
            />
          </>
        )}
      </Filter>
    </form>
  );
}

/** A From and a To field, and a message when the two are the wrong way round (what they hold is then not applied). */
function FromTo({
  name,
  type,
  limits,
  placeholders,
  value,
  onChange,
  wrongWay,
  disabled,
  describedBy,
}: {
  name: string;
  type: 'date' | 'number';
  limits: { min?: string | number; max?: string | number; step?: number };
  placeholders?: { from: string; to: string };
  value: { from: string; to: string };
  onChange: (value: { from: string; to: string }) => void;
  wrongWay: string | null;
  disabled?: boolean;
  describedBy?: string | undefined;
}) {
  const errorId = `${name.toLowerCase().replace(/\W+/g, '-')}-wrong-way`;
  return (
    <>
      {(['from', 'to'] as const).map((end) => (
        <label key={end}>
          {end === 'from' ? 'From' : 'to'}
          <input
            type={type}
            {...limits}
            inputMode={type === 'number' ? 'numeric' : undefined}
            aria-label={`${name} ${end}`}
            placeholder={placeholders?.[end]}
            disabled={disabled}
            aria-invalid={end === 'to' && wrongWay !== null}
            aria-describedby={end === 'to' && wrongWay !== null ? errorId : describedBy}
            value={value[end]}
            onChange={(e) => onChange({ ...value, [end]: e.target.value })}
          />
        </label>
      ))}
      {wrongWay && (
        <span id={errorId} className="filter-error">
          {wrongWay}
        </span>
      )}
    </>
  );
}

function CategoryOptions() {
  return (Object.keys(categoryNames) as Category[]).map((c) => (
    <option key={c} value={c}>
      {categoryNames[c]}
    </option>
  ));
}

/**
 * One filter: a labelled group, or `bare` for a control that labels itself.
 * A filter the data cannot support says why, as a tooltip and as the
 * description of its controls.
 */
function Filter({ legend, off, bare, children }: { legend?: string; off?: Unsupported | undefined; bare?: boolean; children: (describedBy: string | undefined) => ReactNode }) {
  const noteId = off ? `filter-off-${off}` : undefined;
  const note = off && (
    <span id={noteId} className="filter-note">
      Not in your data<span className="visually-hidden">: {unsupported[off]}</span>
    </span>
  );
  if (bare) {
    return (
      <div className="filter-group" title={off && unsupported[off]}>
        {children(noteId)}
        {note}
      </div>
    );
  }
  return (
    <fieldset className="filter" title={off && unsupported[off]}>
      <legend>{legend}</legend>
      <div className="filter-controls">{children(noteId)}</div>
      {note}
    </fieldset>
  );
}

export type Chip = { key: string; label: string; remove: (f: Filters) => Filters };

/** The filters in force, each as a chip that removes it. */
export function filterChips(filters: Filters, outlets: Outlet[], currency: string): Chip[] {
  const name = (id: number) => outlets.find((o) => o.id === id)?.name ?? `Outlet ${id}`;
  return filterWords(filters, name, currency).map(({ key, label }) => ({ key, label, remove: (f: Filters) => without(f, key) }));
}
