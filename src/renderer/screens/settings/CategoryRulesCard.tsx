import { useState } from 'react';
import type { CategoryRuleInput } from '../../../shared/categoryRules';
import { categoryCodes, categoryLabels, type CategoryCode } from '../../../shared/domain';
import { api } from '../../api';
import { useAction } from '../../useAction';
import { useQuery } from '../../useQuery';
import { SettingsTable } from '../../components/SettingsTable';
import { LabelledSelect } from '../../components/LabelledSelect';
// issue 15, names
import { nameProblem } from '../../components/NameProblem';

function CategorySelect({ value, label, onChange }: { value: CategoryCode; label: string; onChange: (c: CategoryCode) => void }) {
  return <LabelledSelect options={categoryCodes} labels={categoryLabels} value={value} label={label} onChange={onChange} />;
}

/** The rules imports apply to category and department names before the usual names: change, forget, add. */
export function CategoryRulesCard() {
  const list = useQuery(['settings'], () => api.listCategoryRules());
  const [adding, setAdding] = useState<CategoryRuleInput>({ source: '', category: 'fresh' });
  const sourceProblem = nameProblem('new-rule-problem', 'name', adding.source);
  const { run, feedback } = useAction(list.reload);
  const rules = list.data?.rules ?? [];
  return (
    <SettingsTable
      titleId="category-rules-title"
      title="Category rules"
      count={list.data ? `${rules.length} ${rules.length === 1 ? 'rule' : 'rules'}` : ''}
      intro={
        <>
          How a category or department named in your files counts — Fresh, Dry, Luxury or Other — when it is not one of the usual names, or
          when you decided otherwise during an import. Rules apply to the next imports; lines already imported keep their category.
        </>
      }
      feedback={feedback}
      className="table middle narrow"
      columns={[{ label: 'In the files' }, { label: 'Counts as' }]}
      empty="No rules yet: they are kept from the choices you make when importing."
      rows={rules}
      rowKey={(r) => r.source}
      cells={(r) => (
        <>
          <td className="file-value">{r.source}</td>
          <td>
            <CategorySelect
              value={r.category}
              label={`“${r.source}” counts as`}
              onChange={(category) => run(api.setCategoryRule({ source: r.source, category }), `“${r.source}” now counts as ${categoryLabels[category]}.`)}
            />
          </td>
        </>
      )}
      actions={(r) => (
        <button
          type="button"
          className="button small"
          aria-label={`Forget the rule for “${r.source}”`}
          onClick={() => run(api.removeCategoryRule({ source: r.source }), `Forgot the rule for “${r.source}”.`)}
        >
          Forget
        </button>
      )}
      adding={{
        cells: (
          <>
            <td>
              <input
                type="text"
                aria-label="New rule: name in the files"
                {...sourceProblem.inputProps}
                placeholder="Name in the files"
                value={adding.source}
                maxLength={200}
                onChange={(e) => setAdding({ ...adding, source: e.target.value })}
              />
              {sourceProblem.note}
            </td>
            <td>
              <CategorySelect value={adding.category} label="New rule: counts as" onChange={(category) => setAdding({ ...adding, category })} />
            </td>
          </>
        ),
        actions: (
          <button
            type="button"
            className="button small"
            disabled={adding.source.trim() === '' || sourceProblem.message !== null}
            onClick={() => run(api.setCategoryRule(adding), `Added a rule for “${adding.source.trim()}”.`, () => setAdding({ source: '', category: 'fresh' }))}
          >
            Add rule
          </button>
        ),
      }}
    />
  );
}
