import { z } from 'zod';
import { formatCount, formatDayTime, formatDayTimeSeconds } from './format';

/** Why a backup was taken; each reason is part of the file name, so the folder says it too. */
export const backupReasons = ['import', 'training', 'deleteImport', 'clearDemo', 'restore', 'onRequest'] as const;
export type BackupReason = (typeof backupReasons)[number];

export const backupReasonWords: Record<BackupReason, string> = {
  import: 'Before an import',
  training: 'Before finding segments',
  deleteImport: 'Before deleting an import',
  clearDemo: 'Before clearing the demo data',
  restore: 'Before a restore',
  onRequest: 'Made from Settings',
};

export const minBackupsKept = 1;
export const maxBackupsKept = 30;
export const defaultBackupsKept = 3;
export const backupsKeptSchema = z
  .number()
  .int()
  .min(minBackupsKept, `Keep at least ${minBackupsKept} backup`)
  .max(maxBackupsKept, `At most ${maxBackupsKept} backups can be kept`);

/** A backup's file name inside the backups folder: never a path, so a call cannot name another file. */
export const backupNameSchema = z.string().regex(/^octave-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(-\d+)?-[a-z-]+\.sqlite$/, 'Not a backup of this app');

export const backupEntrySchema = z.object({
  name: backupNameSchema,
  takenAt: z.string(),
  reason: z.enum(backupReasons),
  bytes: z.number().int().nonnegative(),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

export const backupListSchema = z.object({
  backups: z.array(backupEntrySchema),
  keep: z.number().int(),
  folder: z.string(),
});
export type BackupList = z.infer<typeof backupListSchema>;

export const databaseHealthSchema = z.object({
  /** `checking` until the check at start has answered. */
  status: z.enum(['checking', 'good', 'damaged']),
  /** What the user is told when the file is damaged. */
  message: z.string().nullable(),
  latestBackup: backupEntrySchema.nullable(),
});
export type DatabaseHealth = z.infer<typeof databaseHealthSchema>;

export const salvageResultSchema = z.object({
  saved: z.boolean(),
  path: z.string().nullable(),
  tables: z.array(z.object({ table: z.string(), rows: z.number().int().nonnegative(), unreadable: z.number().int().nonnegative() })),
});
export type SalvageResult = z.infer<typeof salvageResultSchema>;

/** The words every signed-in user sees once the data file is found damaged; only an administrator can act on them. */
export function damageMessage(latestBackup: Pick<BackupEntry, 'takenAt'> | null, forAdministrator: boolean): string {
  const start = 'Your data file is damaged, so Octave Segments has stopped saving changes to it.';
  const restore = latestBackup ? `restore the latest good backup (${formatDayTime(latestBackup.takenAt)}) or ` : '';
  return forAdministrator
    ? `${start} You can ${restore}save what can still be read to a new file.`
    : `${start} Ask an administrator to ${restore}save what can still be read to a new file.`;
}

/** The question before a restore: what is lost, and what the app does first. */
export function restoreQuestion(backup: Pick<BackupEntry, 'takenAt'>, when = formatDayTime(backup.takenAt)): string {
  return `Replace all current data with the backup of ${when}? Everything imported, trained or changed since then will be gone. A backup of the current data is taken first, unless the data file is damaged.`;
}

/** What saving the readable rows did, in a sentence: how much was saved, and how much could not be read. */
export function salvageWords(result: SalvageResult): string {
  const saved = result.tables.reduce((sum, t) => sum + t.rows, 0);
  const lost = result.tables.filter((t) => t.unreadable > 0);
  const where = `Saved ${formatCount(saved)} rows to ${result.path ?? 'the new file'}.`;
  if (lost.length === 0) return `${where} Every row could be read.`;
  return `${where} Could not be read: ${lost.map((t) => `up to ${formatCount(t.unreadable)} ${t.table.replace(/_/g, ' ')}`).join(', ')}.`;
}

/**
 * When each backup in a list was taken, by name: to the minute, and to the
 * second where two share a minute (several backups before a few quick
 * imports), so no two rows read "12:19".
 */
export function backupTimes(backups: ReadonlyArray<Pick<BackupEntry, 'name' | 'takenAt'>>): Map<string, string> {
  const minutes = backups.map((b) => formatDayTime(b.takenAt));
  return new Map(backups.map((b, i) => [b.name, minutes.indexOf(minutes[i] as string) === minutes.lastIndexOf(minutes[i] as string) ? (minutes[i] as string) : formatDayTimeSeconds(b.takenAt)]));
}
