import { useState } from 'react';
import { formatCount } from '../../../shared/format';
import type { OutletInput } from '../../../shared/outlets';
import { api } from '../../api';
import { useAction } from '../../useAction';
import { useQuery } from '../../useQuery';
import { SettingsTable } from '../../components/SettingsTable';
// issue 15, names
import { nameProblem } from '../../components/NameProblem';
import { firstInvisible } from '../../../shared/text';

const blank: OutletInput = { name: '', city: '', province: '' };
const hasInvisible = (v: OutletInput): boolean => [v.name, v.city, v.province].some((t) => firstInvisible(t) !== null);

function OutletFields({
  value,
  onChange,
  label,
  placeholders = false,
}: {
  value: OutletInput;
  onChange: (v: OutletInput) => void;
  label: string;
  placeholders?: boolean;
}) {
  const key = label.replace(/\W+/g, '-');
  const name = nameProblem(`${key}-name-problem`, 'outlet name', value.name);
  const city = nameProblem(`${key}-city-problem`, 'city', value.city);
  const province = nameProblem(`${key}-province-problem`, 'province', value.province);
  return (
    <>
      <td>
        <input type="text" aria-label={`${label}: name`} {...name.inputProps}
          placeholder={placeholders ? 'New outlet' : undefined} value={value.name} maxLength={80} onChange={(e) => onChange({ ...value, name: e.target.value })} />
        {name.note}
      </td>
      <td>
        <input type="text" aria-label={`${label}: city`} {...city.inputProps}
          placeholder={placeholders ? 'City' : undefined} value={value.city} maxLength={80} onChange={(e) => onChange({ ...value, city: e.target.value })} />
        {city.note}
      </td>
      <td>
        <input
          type="text"
          aria-label={`${label}: province`}
          {...province.inputProps}
          placeholder={placeholders ? 'Province' : undefined}
          value={value.province}
          maxLength={80}
          onChange={(e) => onChange({ ...value, province: e.target.value })}
        />
        {province.note}
      </td>
    </>
  );
}

/** The chain's outlets, which imported spellings are matched to: add, rename, remove one that nothing uses. */
export function OutletsCard() {
  const list = useQuery(['sales', 'settings'], () => api.listOutlets());
  const [editing, setEditing] = useState<{ id: number; value: OutletInput } | null>(null);
  const [adding, setAdding] = useState<OutletInput>(blank);
  const { run, feedback } = useAction(list.reload);
  const editedOf = (id: number): OutletInput | null => (editing?.id === id ? editing.value : null);

  const outlets = list.data?.outlets ?? [];
  return (
    <SettingsTable
      titleId="outlets-title"
      title="Outlets"
      count={list.data ? `${outlets.length} outlets` : ''}
      intro={
        <>
          Imported files name outlets in many ways; each spelling is matched to one of these. Renaming an outlet keeps its sales and the
          spellings already matched to it.
        </>
      }
      feedback={feedback}
      columns={[
        { label: 'Name' },
        { label: 'City' },
        { label: 'Province' },
        { label: 'Sales lines', className: 'num' },
        { label: 'Customers', className: 'num' },
        { label: 'Spellings matched', className: 'num', title: 'Spellings in imported files that were confirmed as this outlet' },
      ]}
      rows={outlets}
      rowKey={(o) => o.id}
      cells={(o) => {
        const edited = editedOf(o.id);
        return (
          <>
            {edited ? (
              <OutletFields label={`Outlet ${o.name}`} value={edited} onChange={(value) => setEditing({ id: o.id, value })} />
            ) : (
              <>
                <td>{o.name}</td>
                <td>{o.city}</td>
                <td>{o.district ? `${o.province} (${o.district} District)` : o.province}</td>
              </>
            )}
            <td className="num">{formatCount(o.salesLines)}</td>
            <td className="num">{formatCount(o.customers)}</td>
            <td className="num">{formatCount(o.spellings.length)}</td>
          </>
        );
      }}
      actions={(o) => {
        const edited = editedOf(o.id);
        return edited ? (
          <>
            <button
              type="button"
              className="button primary small"
              disabled={hasInvisible(edited)}
              onClick={() => run(api.updateOutlet({ id: o.id, ...edited }), `Saved ${edited.name.trim()}.`, () => setEditing(null))}
            >
              Save
            </button>
            <button type="button" className="button small" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button
              type="button"
              className="button small"
              aria-label={`Edit ${o.name}`}
              onClick={() => setEditing({ id: o.id, value: { name: o.name, city: o.city, province: o.province } })}
            >
              Edit
            </button>
            <button type="button" className="button small" aria-label={`Remove ${o.name}`} onClick={() => run(api.removeOutlet({ id: o.id }), `Removed ${o.name}.`)}>
              Remove
            </button>
          </>
        );
      }}
      adding={{
        cells: (
          <>
            <OutletFields label="New outlet" value={adding} onChange={setAdding} placeholders />
            <td colSpan={3} />
          </>
        ),
        actions: (
          <button
            type="button"
            className="button small"
            disabled={adding.name.trim() === '' || hasInvisible(adding)}
            onClick={() => run(api.addOutlet(adding), `Added ${adding.name.trim()}.`, () => setAdding(blank))}
          >
            Add outlet
          </button>
        ),
      }}
    />
  );
}
