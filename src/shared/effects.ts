import type { z } from 'zod';
import type { Permission } from './auth';
import { changeTopics, type CallName, type ChangeTopic, type Contracts, type JobKind } from './contracts';

/** What a call takes, once its contract has read it. */
export type CallInput<K extends CallName> = z.output<Contracts[K]['input']>;

/** What a handler gives back: the answer its contract describes, with the facts its audit entry needs (see AuditFacts). */
export type CallResult<K extends CallName> = z.input<Contracts[K]['output']> & (K extends keyof AuditFacts ? AuditFacts[K] : unknown);

/** An export the audit log names: which segment, as what, to where, and whether it replaced the earlier file. */
export interface ExportFacts {
  report?: { segmentName: string; format: 'pdf' | 'xlsx'; target: string; overwrite: boolean };
}

/**
 * What a few handlers hand back beside their answer, for their audit entry
 * only: the answer's contract leaves these out, so the window never sees
 * them (dispatch checks the answer against the contract, which drops them).
 */
export interface AuditFacts {
  updateUser: { username: string; changes: string[] };
  resetPassword: { username: string };
  unlockUser: { username: string };
  startImport: { fileName: string };
  startReportExport: ExportFacts;
  regenerateReport: ExportFacts;
  deleteReport: { fileName?: string };
  makeBackup: { reused: boolean };
}

/** One audit entry a call writes when it succeeds, in the signed-in user's name (or the command line's). */
export interface AuditRule<I, R> {
  /** As the audit log stores it; Settings → Audit log shows it in words. */
  readonly action: string;
  /** The entry's words, from the input and the result; null when nothing happened worth an entry. */
  detail(input: I, result: R): string | null;
  /** The call starts a job (its result has the jobId): this is the job's start; its end ("action:finished", ":failed", ":cancelled") is written when the job ends, in the same name. */
  readonly job?: true;
}

/** Everything a call does besides its work, declared once; dispatch applies it. */
export interface CallEffects<K extends CallName> {
  /** `public`: works before sign-in (the sign-in itself, first start); else the signed-in user's role needs this permission. Checked before the input is read. */
  readonly access: Permission | 'public';
  /** Also needs the permission that starting the job named by the input's jobId needed (see jobPermission). */
  readonly accessToJob?: true;
  /** Written by dispatch after the call succeeds. */
  readonly audit?: AuditRule<CallInput<K>, CallResult<K>>;
  /** Entries the call writes itself, and why, where dispatch cannot (see each). */
  readonly ownEntries?: readonly string[];
  /** What every open view is told changed, after the call succeeds. */
  readonly changes?: readonly ChangeTopic[];
}

/** Stopping a job needs what starting it needed. */
export const jobPermission: Readonly<Record<JobKind, Permission>> = { demoLoad: 'import', importAnalyse: 'import', import: 'import', segment: 'model', assign: 'model', export: 'export' };

const settingsChanged = 'settingsChanged';

/**
 * Each IPC call's access, audit entry and change event. Dispatch checks the
 * access before any handler runs, and writes the entry and tells the views
 * after it succeeds: a refused or failed call writes nothing but the refusal
 * and changes nothing. A new call cannot be added without saying who may
 * make it (the type asks for every call).
 */
export const callEffects = {
  // The session's calls write their own entries: what they write depends on how the try went (a wrong password,
  // a lock), is written when it fails too, and names the account tried, not a signed-in user.
  getAuthState: { access: 'public' },
  createFirstAdministrator: { access: 'public', ownEntries: ['accountCreated'] },
  signIn: { access: 'public', ownEntries: ['signIn', 'signInFailed', 'signInRefused', 'accountLocked'] },
  signOut: { access: 'public', ownEntries: ['signOut'] },
  touchSession: { access: 'public' },
  changeOwnPassword: { access: 'view', audit: { action: 'passwordChanged', detail: () => 'Own password' } },
  listUsers: { access: 'users' },
  addUser: { access: 'users', audit: { action: 'userAdded', detail: (input) => `${input.username} (${input.displayName}) as ${input.role}` } },
  updateUser: { access: 'users', audit: { action: 'userChanged', detail: (_, r) => (r.changes.length > 0 ? `${r.username}: ${r.changes.join(', ')}` : null) } },
  resetPassword: { access: 'users', audit: { action: 'passwordReset', detail: (_, r) => r.username } },
  unlockUser: { access: 'users', audit: { action: 'userUnlocked', detail: (_, r) => r.username } },
  setIdleMinutes: { access: 'settings', audit: { action: settingsChanged, detail: (input) => `Sign-out after ${input.minutes} minutes without activity` } },
  listAuditLog: { access: 'users' },

  getAppStatus: { access: 'view' },
  getDashboardSummary: { access: 'view' },
  getSalesByOutlet: { access: 'view' },
  getJob: { access: 'view' },
  cancelJob: { access: 'view', accessToJob: true },

  loadDemoData: { access: 'import', audit: { action: 'demoLoad', job: true, detail: (input) => `${input.customers ?? 'default number of'} demo customers` } },
  clearDemoData: {
    access: 'import',
    audit: { action: 'demoCleared', detail: (_, r) => `${r.removedSalesLines} sales lines, ${r.removedCustomers} customers removed` },
    changes: ['sales'],
  },
  chooseImportFile: { access: 'import' },
  startImportCheck: { access: 'import' },
  getImportCheck: { access: 'import' },
  startImport: { access: 'import', audit: { action: 'import', job: true, detail: (_, r) => r.fileName } },
  getImportResult: { access: 'import' },
  listImports: { access: 'import' },
  deleteImport: {
    access: 'import',
    audit: { action: 'importDeleted', detail: (input, r) => `Import #${input.importId}: ${r.removedSalesLines} sales lines removed` },
    changes: ['sales'],
  },
  getImportReport: { access: 'import' },
  saveImportReport: { access: 'import' },

  listOutlets: { access: 'view' },
  addOutlet: { access: 'settings', audit: { action: settingsChanged, detail: (input) => `Outlet added: ${input.name}` }, changes: ['settings'] },
  updateOutlet: { access: 'settings', audit: { action: settingsChanged, detail: (input) => `Outlet #${input.id} changed: ${input.name}` }, changes: ['settings'] },
  removeOutlet: { access: 'settings', audit: { action: settingsChanged, detail: (input) => `Outlet #${input.id} removed` }, changes: ['settings'] },
  listCategoryRules: { access: 'settings' },
  setCategoryRule: { access: 'settings', audit: { action: settingsChanged, detail: (input) => `Category rule: "${input.source}" → ${input.category}` }, changes: ['settings'] },
  removeCategoryRule: { access: 'settings', audit: { action: settingsChanged, detail: (input) => `Category rule removed: "${input.source}"` }, changes: ['settings'] },

  startSegmentation: { access: 'model', audit: { action: 'segmentation', job: true, detail: (input) => `k ${input.k ?? 'auto'}` } },
  getSegmentationResult: { access: 'view' },
  listModelVersions: { access: 'view' },
  activateModelVersion: { access: 'model', audit: { action: 'modelActivated', job: true, detail: (input) => `Model v${input.modelId}` } },
  listSegments: { access: 'view' },
  renameSegment: {
    access: 'model',
    audit: { action: 'segmentRenamed', detail: (input, r) => `Model v${input.modelId}, segment ${input.segment + 1}: "${r.name}"` },
    changes: ['names'],
  },
  getRfmSummary: { access: 'view' },
  getSegmentOverview: { access: 'view' },
  getRfmOverview: { access: 'view' },
  startReportExport: { access: 'export', audit: { action: 'export', job: true, detail: (_, r) => exportWords(r) } },
  getReportExport: { access: 'export' },
  listReports: { access: 'view' },
  regenerateReport: { access: 'export', audit: { action: 'export', job: true, detail: (_, r) => exportWords(r) } },
  deleteReport: { access: 'export', audit: { action: 'reportDeleted', detail: (_, r) => (r.removed && r.fileName !== undefined ? `${r.fileName}${r.fileRemoved ? ' (file deleted)' : ''}` : null) } },
  openReport: { access: 'view' },
  showReportInFolder: { access: 'view' },
  getReportsFolder: { access: 'view' },
  setReportsFolder: { access: 'settings', audit: { action: settingsChanged, detail: (_, r) => `Reports folder: ${r.folder}` } },
  // issue 14, guard
  getCurrency: { access: 'view' },
  setCurrency: { access: 'settings', audit: { action: settingsChanged, detail: (input) => `Currency: ${input.currency}` } },
  getSegmentDetail: { access: 'view' },
  getSegmentCustomers: { access: 'view' },
  // issue 15, backups: everyone signed in sees the damage message; only an administrator acts on it.
  getDatabaseHealth: { access: 'view' },
  listBackups: { access: 'settings' },
  makeBackup: { access: 'settings', audit: { action: 'backupMade', detail: (_, r) => (r.reused ? `No new backup: ${r.name} already holds this data` : `Backup ${r.name}`) } },
  setBackupsToKeep: { access: 'settings', audit: { action: settingsChanged, detail: (input) => `Backups to keep: ${input.keep}` } },
  // The restore writes its entry itself, into the restored file, before it ends a session whose account that file does not hold.
  restoreBackup: { access: 'settings', ownEntries: ['backupRestored'], changes: changeTopics },
  // On a damaged file the entry goes to the log instead: nothing is written into it (dispatch's writer sees to that).
  saveReadableData: {
    access: 'settings',
    audit: {
      action: 'dataSalvaged',
      detail: (_, r) =>
        r.saved ? `${r.tables.reduce((sum, t) => sum + t.rows, 0)} rows saved to ${r.path}; up to ${r.tables.reduce((sum, t) => sum + t.unreadable, 0)} could not be read` : null,
    },
  },
} satisfies { readonly [K in CallName]: CallEffects<K> };

/** "Fresh Regulars as PDF to /home/…/Fresh Regulars.pdf (overwrite)", for an export that started; null when it asked first or was cancelled. */
function exportWords(result: ExportFacts): string | null {
  const r = result.report;
  return r ? `${r.segmentName} as ${r.format.toUpperCase()} to ${r.target}${r.overwrite ? ' (overwrite)' : ''}` : null;
}

/** Who may make a call: public, or signed in with the permission (see callEffects). */
export type CallAccess<K extends CallName> = (typeof callEffects)[K]['access'];
