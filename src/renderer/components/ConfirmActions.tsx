import type { ReactNode } from 'react';

/** One way to go ahead, named in the words of what it does ("Yes, clear demo data", "Entry only"). */
export interface ConfirmChoice {
  label: ReactNode;
  onClick: () => void;
  /** The choice that removes or replaces something is red; a milder one beside it is not. */
  danger?: boolean;
  disabled?: boolean;
}

/**
 * The second step of a change that cannot be undone: the question, the ways to go ahead, and the way
 * back, which always comes last. `row` sits among a table row's actions (small buttons, no line of
 * its own); `bar` is a line of its own; `notice` stands out in red as a group named by `label`.
 */
export function ConfirmActions({
  look,
  question,
  choices,
  cancelLabel,
  onCancel,
  label,
}: {
  look: 'row' | 'bar' | 'notice';
  question?: ReactNode;
  choices: readonly ConfirmChoice[];
  /** "Keep", "Keep it", "Cancel": whatever the screen already says. */
  cancelLabel: string;
  onCancel: () => void;
  label?: string;
}) {
  const size = look === 'row' ? ' small' : '';
  const buttons = (
    <>
      {choices.map((c, i) => (
        <button key={i} type="button" className={`button${c.danger ? ' danger' : ''}${size}`} disabled={c.disabled} onClick={c.onClick}>
          {c.label}
        </button>
      ))}
      <button type="button" className={`button${size}`} onClick={onCancel}>
        {cancelLabel}
      </button>
    </>
  );
  const asked = question === undefined ? null : <span>{question}</span>;
  if (look === 'row') {
    return (
      <>
        {asked}
        {buttons}
      </>
    );
  }
  if (look === 'notice') {
    return (
      <div className="notice notice-error" role="group" aria-label={label}>
        {asked}
        <span className="actions confirm-actions">{buttons}</span>
      </div>
    );
  }
  return (
    <div className="actions">
      {asked}
      {buttons}
    </div>
  );
}
