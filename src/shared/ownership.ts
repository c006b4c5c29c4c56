import type { Role } from './auth';

/**
 * Who may delete or overwrite a report: the account that made it, or an
 * administrator. A report of unknown maker (saved before makers were kept,
 * or by the command line) is an administrator's to remove. The backend
 * checks this on every call; the window uses it only to hide what would be
 * refused.
 */
export function mayRemoveReport(user: { id: number; role: Role } | null, createdById: number | null): boolean {
  if (!user) return false;
  return user.role === 'administrator' || (createdById !== null && createdById === user.id);
}

export const othersReportWords = 'Only the person who made this report, or an administrator, can delete or overwrite it.';
