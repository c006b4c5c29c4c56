import { useEffect, useRef, useState, type UIEvent } from 'react';
import { genderLabels } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import type { CustomerFiltersInput } from '../../../shared/filters';
import { formatAmount, formatCount, formatDay } from '../../../shared/format';
import { formatItems, type Measure } from '../../../shared/measure';
import type { CustomerRow, CustomerSort, CustomerSortColumn, SegmentCustomersInput } from '../../../shared/segmentDetail';
import { api } from '../../api';
import { ErrorState } from '../../components/States';
import { useCurrency } from '../../currency';
import { onDataChanged } from '../../useQuery';

/**
 * The segment's customers under the filters: a windowed table that renders
 * only the rows in view (fixed row height) and asks the filter thread for
 * them a page at a time, so 300,000 rows open as fast as 300. Written here
 * rather than taken from a library: it needs fixed rows, one scroll box and
 * ARIA table roles, about a hundred lines.
 */

const rowHeight = 36;
const pageSize = 100;
const overscan = 8;
/** Browsers cap an element's height (Chromium near 33 M px): beyond this the scroll maps onto the rows proportionally. */
const maxBodyHeight = 8_000_000;

type Column = { id: CustomerSortColumn; label: string; numeric?: boolean; first: CustomerSort['direction']; cell: (r: CustomerRow) => string };

/** The table's columns; spend in the chain's currency, or (data without values, issue 14, money) the items bought. */
function columnsFor(measure: Measure, currency: string): ReadonlyArray<Column> {
  const spend: Column =
    measure === 'items'
      ? { id: 'spend', label: 'Items bought', numeric: true, first: 'desc', cell: (r) => formatItems(r.spend) }
      : { id: 'spend', label: 'Spend', numeric: true, first: 'desc', cell: (r) => formatAmount(r.spend, currency) };
  return [
    { id: 'code', label: 'Customer', first: 'asc', cell: (r) => r.code },
    { id: 'age', label: 'Age', numeric: true, first: 'asc', cell: (r) => (r.age === null ? '—' : String(r.age)) },
    { id: 'gender', label: 'Gender', first: 'asc', cell: (r) => (r.gender === null ? '—' : genderLabels[r.gender]) },
    spend,
    { id: 'visits', label: 'Visits', numeric: true, first: 'desc', cell: (r) => (r.visits === null ? '—' : formatCount(r.visits)) },
    { id: 'lastPurchase', label: 'Last purchase', first: 'desc', cell: (r) => (r.lastPurchase === null ? '—' : formatDay(r.lastPurchase)) },
    { id: 'outlets', label: 'Outlets', numeric: true, first: 'desc', cell: (r) => formatCount(r.outlets) },
  ];
}

interface Pages {
  key: string;
  total: number | null;
  pages: ReadonlyMap<number, CustomerRow[]>;
  error?: AppError;
}

type Question = Omit<SegmentCustomersInput, 'offset' | 'limit'>;

/**
 * The pages of rows `first`..`last` for `question`, each asked once. Until
 * the first page of a new question arrives the last question's rows stay
 * (`stale`), so a new sort does not flash an empty table.
 */
function useCustomerPages(question: Question, first: number, last: number): Pages & { stale: boolean; retry(): void } {
  const [round, setRound] = useState(0);
  const asJson = JSON.stringify(question);
  const key = `${round} ${asJson}`;
  const [store, setStore] = useState<Pages>({ key: '', total: null, pages: new Map() });
  const asked = useRef({ key: '', pages: new Set<number>() });
  const firstPage = Math.floor(first / pageSize);
  const lastPage = Math.max(firstPage, Math.floor(last / pageSize));

  useEffect(() => onDataChanged(['sales', 'model'], () => setRound((r) => r + 1)), []);
  useEffect(() => {
    if (asked.current.key !== key) asked.current = { key, pages: new Set() };
    for (let page = firstPage; page <= lastPage; page++) {
      if (asked.current.pages.has(page)) continue;
      asked.current.pages.add(page);
      const current = () => asked.current.key === key;
      api.getSegmentCustomers({ ...(JSON.parse(asJson) as Question), offset: page * pageSize, limit: pageSize }).then(
        (answer) => {
          if (!current()) return;
          setStore((s) => {
            const pages = new Map(s.key === key ? s.pages : []);
            pages.set(page, answer.rows);
            return { key, total: answer.total, pages };
          });
        },
        (reason: unknown) => {
          if (!current()) return;
          asked.current.pages.delete(page);
          setStore((s) => ({ ...(s.key === key ? s : { key, total: null, pages: new Map() }), error: AppError.from(reason) }));
        },
      );
    }
  }, [key, asJson, firstPage, lastPage]);
  return { ...store, stale: store.key !== key, retry: () => setRound((r) => r + 1) };
}

export function CustomerTable({
  modelId,
  segment,
  filters,
  segmentName,
  measure = 'money',
}: {
  modelId: number;
  segment: number;
  filters: CustomerFiltersInput;
  segmentName: string;
  measure?: Measure;
}) {
  const currency = useCurrency();
  const shownColumns = columnsFor(measure, currency);
  const [sort, setSort] = useState<CustomerSort>({ column: 'spend', direction: 'desc' });
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  // A question per pause in typing, not per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 200);
    return () => clearTimeout(timer);
  }, [typed]);
  // Where the box is scrolled to, and where that is among all rows (further down when the body is capped).
  const [scroll, setScroll] = useState({ key: '', top: 0, rowsTop: 0 });
  const [viewport, setViewport] = useState(rowHeight * 13);
  const box = useRef<HTMLDivElement>(null);

  const question: Question = { modelId, segment, filters, sort, search };
  const questionKey = JSON.stringify(question);
  const { top, rowsTop } = scroll.key === questionKey ? scroll : { top: 0, rowsTop: 0 };
  // The sticky header row covers the top of the box.
  const bodyViewport = Math.max(rowHeight, viewport - rowHeight);
  const first = Math.max(0, Math.floor(rowsTop / rowHeight) - overscan);
  const wantedLast = Math.ceil((rowsTop + bodyViewport) / rowHeight) + overscan;
  const pages = useCustomerPages(question, first, wantedLast);
  const total = pages.total ?? 0;
  const last = Math.min(total - 1, wantedLast);
  const fullHeight = total * rowHeight;
  const bodyHeight = Math.min(fullHeight, maxBodyHeight);
  const ratio = bodyHeight > bodyViewport ? (fullHeight - bodyViewport) / (bodyHeight - bodyViewport) : 1;

  // A new question starts at the top.
  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
  }, [questionKey]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const onScroll = (e: UIEvent<HTMLDivElement>) => setScroll({ key: questionKey, top: e.currentTarget.scrollTop, rowsTop: e.currentTarget.scrollTop * ratio });
  const sortBy = (column: CustomerSortColumn, firstDirection: CustomerSort['direction']) =>
    setSort((s) => (s.column === column ? { column, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: firstDirection }));

  const rows: Array<{ index: number; row: CustomerRow | undefined }> = [];
  for (let i = first; i <= last; i++) rows.push({ index: i, row: pages.pages.get(Math.floor(i / pageSize))?.[i % pageSize] });
  const loading = pages.total === null && (!pages.error || pages.stale);

  return (
    <section className="card customer-table" aria-labelledby="customers-title">
      <header className="card-head">
        <h4 id="customers-title">Customers</h4>
        <p className="muted" aria-live="polite" data-testid="table-total">
          {pages.total === null
            ? 'Loading customers…'
            : `${formatCount(pages.total)} ${pages.total === 1 ? 'customer' : 'customers'}${search === '' ? '' : ` whose code contains “${search}”`}`}
        </p>
        <input type="search" className="table-search" placeholder="Search by customer code" aria-label="Search customers by code" value={typed} onChange={(e) => setTyped(e.target.value)} />
      </header>
      {pages.error && !pages.stale ? (
        <ErrorState error={pages.error} onRetry={pages.retry} />
      ) : (
        <div
          ref={box}
          className={pages.stale ? 'vt stale' : 'vt'}
          role="table"
          aria-label={`Customers of ${segmentName}`}
          aria-rowcount={total + 1}
          aria-busy={pages.stale || loading}
          // Focusable so the keyboard scrolls it (arrows, Page Up/Down, Home, End).
          tabIndex={0}
          onScroll={onScroll}
        >
          <div className="vt-head" role="rowgroup">
            <div className="vt-row" role="row" aria-rowindex={1}>
              {shownColumns.map((c) => (
                <div
                  key={c.id}
                  role="columnheader"
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={sort.column === c.id ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="sort-button" onClick={() => sortBy(c.id, c.first)}>
                    {c.label}
                    <span aria-hidden="true" className="sort-mark">
                      {sort.column === c.id ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </div>
              ))}
            </div>
          </div>
          <div className="vt-body" role="rowgroup" style={{ height: loading ? rowHeight * 8 : Math.max(bodyHeight, rowHeight) }}>
            {loading &&
              Array.from({ length: 8 }, (_, i) => (
                <div key={i} className="vt-row" style={{ top: i * rowHeight }} aria-hidden="true">
                  <div className="skeleton vt-skeleton" />
                </div>
              ))}
            {!loading && total === 0 && (
              <div className="vt-row vt-empty" role="row">
                <div role="cell">{search === '' ? 'No customer of this segment matches the filters.' : `No customer code contains “${search}”.`}</div>
              </div>
            )}
            {rows.map(({ index, row }) => (
              <div key={index} className="vt-row" role="row" aria-rowindex={index + 2} style={{ top: top + index * rowHeight - rowsTop }} data-testid="customer-row">
                {shownColumns.map((c) => (
                  <div key={c.id} role="cell" className={c.numeric ? 'num' : undefined}>
                    {row ? c.cell(row) : <span className="skeleton vt-skeleton" aria-hidden="true" />}
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      )}
    </section>
  );
}
