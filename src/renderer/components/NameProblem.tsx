import { invisibleMessage } from '../../shared/text';

/**
 * Beside a name field: says at once when what was typed or pasted holds an
 * invisible control or bidi character (the backend refuses it with the same
 * sentence), and marks the field invalid for screen readers.
 */
export function nameProblem(id: string, label: string, value: string) {
  const message = invisibleMessage(label, value);
  return {
    message,
    inputProps: message ? { 'aria-invalid': true, 'aria-describedby': id } : {},
    note: message ? (
      <p id={id} role="alert" className="error-text field-problem">
        {message}
      </p>
    ) : null,
  };
}
