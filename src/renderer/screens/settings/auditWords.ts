import type { AuditEntry } from '../../../shared/auth';
import { formatCount } from '../../../shared/format';
import { revealInvisible } from '../../../shared/text';

/** "23 Nov 2026, 16:45:03", on this computer's clock. */
export const when = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Who, in words: a refused call with nobody signed in was made by "not signed
 * in". Invisible characters are shown as "⟨U+202E⟩" here too: entries
 * written before the log did so still hold them as typed.
 */
export function who(e: AuditEntry): string {
  return e.username === null ? (e.action === 'refused' ? 'not signed in' : '—') : revealInvisible(e.username);
}

/** "deleteReport: needs permission settings (12 times, the last at 23 Nov 2026, 16:45:09)", invisible characters shown as in `who`. */
export function details(e: AuditEntry): string {
  const detail = revealInvisible(e.detail);
  if (e.repeats <= 1) return detail;
  return `${detail} (${formatCount(e.repeats)} times${e.lastAt ? `, the last at ${when.format(new Date(e.lastAt))}` : ''})`;
}
