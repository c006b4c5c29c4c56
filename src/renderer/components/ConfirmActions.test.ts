import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmActions } from './ConfirmActions';

const noop = (): void => undefined;

describe('ConfirmActions', () => {
  it('in a table row: small buttons, the red one first, the way back last, nothing around them', () => {
    const html = renderToStaticMarkup(
      h(ConfirmActions, {
        look: 'row',
        choices: [
          { label: 'Delete entry and file', danger: true, onClick: noop },
          { label: 'Entry only', onClick: noop },
        ],
        cancelLabel: 'Keep',
        onCancel: noop,
      }),
    );
    expect(html).toBe(
      '<button type="button" class="button danger small">Delete entry and file</button>' +
        '<button type="button" class="button small">Entry only</button>' +
        '<button type="button" class="button small">Keep</button>',
    );
  });

  it('as a notice: a named red group with the question and its buttons, a busy choice disabled', () => {
    const html = renderToStaticMarkup(
      h(ConfirmActions, {
        look: 'notice',
        label: 'Confirm the restore',
        question: 'Replace all current data?',
        choices: [{ label: 'Yes, replace all data', danger: true, disabled: true, onClick: noop }],
        cancelLabel: 'Cancel',
        onCancel: noop,
      }),
    );
    expect(html).toBe(
      '<div class="notice notice-error" role="group" aria-label="Confirm the restore"><span>Replace all current data?</span>' +
        '<span class="actions confirm-actions"><button type="button" class="button danger" disabled="">Yes, replace all data</button>' +
        '<button type="button" class="button">Cancel</button></span></div>',
    );
  });

  it('as a line of its own: the question, then the buttons', () => {
    const html = renderToStaticMarkup(
      h(ConfirmActions, { look: 'bar', question: 'Remove all demo customers and sales?', choices: [{ label: 'Yes, clear demo data', danger: true, onClick: noop }], cancelLabel: 'Keep it', onCancel: noop }),
    );
    expect(html).toBe(
      '<div class="actions"><span>Remove all demo customers and sales?</span><button type="button" class="button danger">Yes, clear demo data</button>' +
        '<button type="button" class="button">Keep it</button></div>',
    );
  });
});
