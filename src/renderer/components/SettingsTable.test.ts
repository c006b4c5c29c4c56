import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SettingsTable } from './SettingsTable';

describe('SettingsTable', () => {
  const card = (rules: { source: string }[]) =>
    renderToStaticMarkup(
      h(SettingsTable<{ source: string }>, {
        titleId: 'rules-title',
        title: 'Category rules',
        count: `${rules.length} rules`,
        intro: 'How a category counts.',
        columns: [{ label: 'In the files' }, { label: 'Rows', className: 'num', title: 'Lines in the file' }],
        empty: 'No rules yet.',
        rows: rules,
        rowKey: (r) => r.source,
        cells: (r) => h('td', null, r.source),
        actions: (r) => h('button', { type: 'button', 'aria-label': `Forget ${r.source}` }, 'Forget'),
        adding: { cells: h('td', null, 'new'), actions: h('button', { type: 'button' }, 'Add rule') },
      }),
    );

  it('is a card named by its title, with the count, the words, a hidden "Actions" header and an adding row', () => {
    const html = card([{ source: 'VEG' }]);
    expect(html).toContain('<section class="card" aria-labelledby="rules-title"><div class="card-head"><h2 id="rules-title">Category rules</h2><span class="muted">1 rules</span></div>');
    expect(html).toContain('<p class="muted">How a category counts.</p><div class="table-wrap full"><table class="table middle">');
    expect(html).toContain('<th scope="col" class="num" title="Lines in the file">Rows</th><th scope="col"><span class="visually-hidden">Actions</span></th>');
    expect(html).toContain('<tbody><tr><td>VEG</td><td class="row-actions"><div><button type="button" aria-label="Forget VEG">Forget</button></div></td></tr></tbody>');
    expect(html).toContain('<tfoot><tr><td>new</td><td class="row-actions"><div><button type="button">Add rule</button></div></td></tr></tfoot>');
    expect(html).not.toContain('No rules yet.');
  });

  it('says so across every column while it has no rows', () => {
    expect(card([])).toContain('<tbody><tr><td colSpan="3" class="muted">No rules yet.</td></tr></tbody>');
  });
});
