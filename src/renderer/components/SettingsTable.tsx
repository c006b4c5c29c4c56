import type { Key, ReactNode } from 'react';

export interface TableColumn {
  label: ReactNode;
  className?: string;
  title?: string;
  /** Only on a column the table can be sorted by. */
  sort?: 'ascending' | 'descending' | 'none';
}

export interface ActionsTableProps<T> {
  columns: readonly TableColumn[];
  rows: readonly T[];
  rowKey: (row: T) => Key;
  /** The row's cells before its actions, as `<td>`s. */
  cells: (row: T) => ReactNode;
  /** The row's buttons; they share one cell, the last. */
  actions: (row: T) => ReactNode;
  /** Said in the table itself while it has no rows. */
  empty?: ReactNode;
  /** A last row, apart from the list, for adding one: its cells and its buttons. */
  adding?: { cells: ReactNode; actions: ReactNode };
  className?: string;
  /** A short table that stands on its own leaves out `full` (it scrolls inside a fixed height). */
  wrapClassName?: string;
  busy?: boolean;
  rowTestId?: string;
}

/** A table of rows, each with its buttons in a last column headed "Actions" for screen readers only. */
export function ActionsTable<T>({
  columns,
  rows,
  rowKey,
  cells,
  actions,
  empty,
  adding,
  className = 'table middle',
  wrapClassName = 'table-wrap full',
  busy,
  rowTestId,
}: ActionsTableProps<T>) {
  return (
    <div className={wrapClassName}>
      <table className={className} aria-busy={busy}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.className} title={c.title} aria-sort={c.sort}>
                {c.label}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty !== undefined && (
            <tr>
              <td colSpan={columns.length + 1} className="muted">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={rowTestId}>
              {cells(row)}
              <td className="row-actions">
                <div>{actions(row)}</div>
              </td>
            </tr>
          ))}
        </tbody>
        {adding && (
          <tfoot>
            <tr>
              {adding.cells}
              <td className="row-actions">
                <div>{adding.actions}</div>
              </td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

/**
 * A card whose body is a table of rows to add to, change and remove: the title with a count (or a
 * search box) beside it, a word on what the rows are, what the last change did, then the table.
 * Anything after the table (an "Add a user" form, a note) comes as children.
 */
export function SettingsTable<T>({
  titleId,
  title,
  count,
  aside,
  intro,
  feedback,
  children,
  ...table
}: ActionsTableProps<T> & {
  titleId: string;
  title: ReactNode;
  /** Beside the title, once the rows are loaded: "3 rules". */
  count?: string;
  /** Beside the title instead of the count: a search box. */
  aside?: ReactNode;
  intro?: ReactNode;
  feedback?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card-head">
        <h2 id={titleId}>{title}</h2>
        {aside ?? <span className="muted">{count}</span>}
      </div>
      {intro !== undefined && <p className="muted">{intro}</p>}
      {feedback}
      <ActionsTable {...table} />
      {children}
    </section>
  );
}
