import { useRef, useState } from 'react';

export type Outlet = { id: number; name: string };

/** Outlets, one or more, found by typing part of the name. Escape, or leaving the picker, closes the list. */
export function OutletPicker({
  chosen,
  outlets,
  onChange,
  disabled,
  describedBy,
}: {
  chosen: number[];
  outlets: Outlet[];
  onChange: (ids: number[]) => void;
  disabled: boolean;
  describedBy?: string | undefined;
}) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const shown = outlets.filter((o) => o.name.toLowerCase().includes(search.trim().toLowerCase()));
  const summary =
    chosen.length === 0 ? 'All outlets' : chosen.length === 1 ? (outlets.find((o) => o.id === chosen[0])?.name ?? '1 outlet') : `${chosen.length} outlets`;
  return (
    <div
      className="filter outlet-picker"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) close();
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <span id="outlet-picker-label">Outlets</span>
      <button
        ref={button}
        type="button"
        className="picker-button"
        disabled={disabled}
        aria-expanded={open}
        aria-controls="outlet-picker-panel"
        aria-labelledby="outlet-picker-label outlet-picker-value"
        aria-describedby={describedBy}
        onClick={() => setOpen(!open)}
      >
        <span id="outlet-picker-value">{summary}</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          id="outlet-picker-panel"
          className="picker-panel"
          role="group"
          aria-label="Choose outlets"
          // Focusable, so a click on its blank parts stays inside the picker.
          tabIndex={-1}
        >
          <input type="search" placeholder="Search outlets" aria-label="Search outlets" value={search} onChange={(e) => setSearch(e.target.value)} />
          <ul>
            {shown.map((o) => (
              <li key={o.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.includes(o.id)}
                    onChange={(e) => onChange(e.target.checked ? [...chosen, o.id] : chosen.filter((id) => id !== o.id))}
                  />{' '}
                  {o.name}
                </label>
              </li>
            ))}
            {shown.length === 0 && <li className="muted">No outlet matches “{search}”.</li>}
          </ul>
          <div className="actions">
            <button type="button" className="button" onClick={close}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
