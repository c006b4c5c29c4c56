import type { Permission } from './auth';
import type { CallName } from './contracts';

/**
 * What each IPC call needs: `public` calls work before sign-in (the sign-in
 * itself, first start); every other call needs a signed-in user whose role
 * has the permission. The dispatcher checks this before any handler runs, so
 * a new call cannot be added without saying who may make it.
 */
export const callAccess: { readonly [K in CallName]: Permission | 'public' } = {
  getAuthState: 'public',
  createFirstAdministrator: 'public',
  signIn: 'public',
  signOut: 'public',
  touchSession: 'public',
  changeOwnPassword: 'view',
  listUsers: 'users',
  addUser: 'users',
  updateUser: 'users',
  resetPassword: 'users',
  unlockUser: 'users',
  setIdleMinutes: 'settings',
  listAuditLog: 'users',

  getAppStatus: 'view',
  getDashboardSummary: 'view',
  getSalesByOutlet: 'view',
  getJob: 'view',
  cancelJob: 'view',

  loadDemoData: 'import',
  clearDemoData: 'import',
  chooseImportFile: 'import',
  startImportCheck: 'import',
  getImportCheck: 'import',
  startImport: 'import',
  getImportResult: 'import',
  listImports: 'import',
  deleteImport: 'import',
  getImportReport: 'import',
  saveImportReport: 'import',

  listOutlets: 'view',
  addOutlet: 'settings',
  updateOutlet: 'settings',
  removeOutlet: 'settings',
  listCategoryRules: 'settings',
  setCategoryRule: 'settings',
  removeCategoryRule: 'settings',

  startSegmentation: 'model',
  getSegmentationResult: 'view',
  listModelVersions: 'view',
  activateModelVersion: 'model',
  listSegments: 'view',
  renameSegment: 'model',
  getRfmSummary: 'view',
  getSegmentOverview: 'view',
  getRfmOverview: 'view',
  startReportExport: 'export',
  getReportExport: 'export',
  listReports: 'view',
  regenerateReport: 'export',
  deleteReport: 'export',
  openReport: 'view',
  showReportInFolder: 'view',
  getReportsFolder: 'view',
  setReportsFolder: 'settings',
  // issue 14, guard
  getCurrency: 'view',
  setCurrency: 'settings',
  getSegmentDetail: 'view',
  getSegmentCustomers: 'view',
  // issue 15, backups: everyone signed in sees the damage message; only an administrator acts on it.
  getDatabaseHealth: 'view',
  listBackups: 'settings',
  makeBackup: 'settings',
  setBackupsToKeep: 'settings',
  restoreBackup: 'settings',
  saveReadableData: 'settings',
};
