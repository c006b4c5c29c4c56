import type { ChangeTopic } from '../../../shared/contracts';
import type { AppContext } from '../../app/context';
import type { Logger } from '../../platform/log';
import { createDispatch, type Dispatch, type HandlerTable } from './dispatch';
import { appStatus, cancelJob, clearDemo, startDemoLoad } from '../../app/demo';
import {
  chooseImportFile,
  importCheck,
  importReport,
  importResult,
  listImports,
  removeImport,
  saveImportReport,
  startImport,
  startImportCheck,
} from '../../app/import';
import { listCategoryRules, removeCategoryRule, setCategoryRule } from '../../domain/categories/rules';
import { addOutlet, removeOutlet, updateOutlet } from '../../domain/outlets/service';
import { activateVersion, rename, segmentationResult, segmentList, startSegmentation } from '../../app/segmentation';
import { listVersions } from '../../domain/segmentation/store';
import { rfmOverview, segmentOverview } from '../../app/overview';
import { listAudit } from '../../domain/auth/audit';
import { chainCurrency, setChainCurrency } from '../../domain/settings/currency';
import { listReports } from '../../domain/reports/history';
import { deleteReport, exportResult, openReport, regenerate, reportsFolder, setReportsFolder, showInFolder, startExport } from '../../app/reports';
import type { Permission } from '../../../shared/auth';
import type { JobKind } from '../../../shared/contracts';
import { segmentCustomers, segmentDetail } from '../../app/detailViews';
import { backupNow, restoreBackup, saveReadableData } from '../../app/backups';
import { backupsFolder, listBackups } from '../../platform/db/backups';
import { backupsToKeep, setBackupsToKeep } from '../../domain/settings/backups';
import { guardAgainstDamage } from './damageGuard';


/** Passes a result through after telling every open view what changed. */
function changed<T>(ctx: AppContext, what: ChangeTopic, result: T): T {
  ctx.emit({ type: 'dataChanged', what });
  return result;
}

/** Writes a finished call to the audit log in the signed-in user's name, and passes its result through. */
function audited<T>(ctx: AppContext, action: string, detail: string, result: T): T {
  ctx.auth.audit(action, detail);
  return result;
}

/** A job's start goes to the audit log, and its end when it ends. */
function auditedJob<T extends { jobId: string }>(ctx: AppContext, action: string, detail: string, result: T): T {
  ctx.auditJob(result.jobId, action, detail);
  return result;
}

/** Stopping a job needs what starting it needed. */
const jobPermission: Record<JobKind, Permission> = { demoLoad: 'import', importAnalyse: 'import', import: 'import', segment: 'model', assign: 'model', export: 'export' };

export function createHandlers(ctx: AppContext): HandlerTable {
  const fileName = (fileId: string) => ctx.files.describe(fileId).name;
  return {
    getAuthState: () => ctx.auth.state(),
    createFirstAdministrator: (input) => ctx.auth.createFirstAdministrator(input),
    signIn: (input) => ctx.auth.signIn(input.username, input.password),
    signOut: () => ctx.auth.signOut(),
    touchSession: () => {
      ctx.auth.touch();
      return { active: ctx.auth.current() !== null };
    },
    changeOwnPassword: (input) => ctx.auth.changeOwnPassword(input.current, input.next),
    listUsers: () => ({ users: ctx.auth.listUsers() }),
    addUser: (input) => ctx.auth.addUser(input),
    updateUser: ({ id, ...change }) => ctx.auth.updateUser(id, change),
    resetPassword: (input) => ctx.auth.setPassword(input.id, input.password),
    unlockUser: (input) => ctx.auth.unlock(input.id),
    setIdleMinutes: (input) => ctx.auth.setIdleMinutes(input.minutes),
    listAuditLog: (input) => listAudit(ctx.connection.sqlite, input),
    getAppStatus: () => appStatus(ctx),
    getDashboardSummary: () => ctx.background.run('dashboardSummary'),
    getSalesByOutlet: () => ctx.background.run('salesByOutlet'),
    loadDemoData: (input) => auditedJob(ctx, 'demoLoad', `${input.customers ?? 'default number of'} demo customers`, startDemoLoad(ctx, input.customers)),
    clearDemoData: async () => {
      const result = await clearDemo(ctx);
      return audited(ctx, 'demoCleared', `${result.removedSalesLines} sales lines, ${result.removedCustomers} customers removed`, result);
    },
    getJob: (input) => ctx.jobs.get(input.jobId),
    cancelJob: (input) => {
      ctx.auth.authorize(jobPermission[ctx.jobs.get(input.jobId).kind]);
      return cancelJob(ctx, input.jobId);
    },
    chooseImportFile: () => chooseImportFile(ctx),
    startImportCheck: (input) => startImportCheck(ctx, input),
    getImportCheck: (input) => importCheck(ctx, input.jobId),
    startImport: async (input) => auditedJob(ctx, 'import', fileName(input.fileId), await startImport(ctx, input)),
    getImportResult: (input) => importResult(ctx, input.jobId),
    listImports: () => listImports(ctx.connection.sqlite),
    deleteImport: async (input) => {
      const result = await removeImport(ctx, input.importId);
      return audited(ctx, 'importDeleted', `Import #${input.importId}: ${result.removedSalesLines} sales lines removed`, result);
    },
    getImportReport: (input) => importReport(ctx.connection.sqlite, input.importId, input.offset, input.limit),
    saveImportReport: (input) => saveImportReport(ctx, input.importId),
    listOutlets: () => ctx.background.run('listOutlets'),
    addOutlet: (input) => audited(ctx, 'settingsChanged', `Outlet added: ${input.name}`, changed(ctx, 'settings', addOutlet(ctx.connection.sqlite, input))),
    updateOutlet: ({ id, ...input }) => audited(ctx, 'settingsChanged', `Outlet #${id} changed: ${input.name}`, changed(ctx, 'settings', updateOutlet(ctx.connection.sqlite, id, input))),
    removeOutlet: (input) => audited(ctx, 'settingsChanged', `Outlet #${input.id} removed`, changed(ctx, 'settings', removeOutlet(ctx.connection.sqlite, input.id))),
    listCategoryRules: () => listCategoryRules(ctx.connection.sqlite),
    setCategoryRule: (input) =>
      audited(ctx, 'settingsChanged', `Category rule: "${input.source}" → ${input.category}`, changed(ctx, 'settings', setCategoryRule(ctx.connection.sqlite, input))),
    removeCategoryRule: (input) =>
      audited(ctx, 'settingsChanged', `Category rule removed: "${input.source}"`, changed(ctx, 'settings', removeCategoryRule(ctx.connection.sqlite, input.source))),
    startSegmentation: async (input) => auditedJob(ctx, 'segmentation', `k ${input.k ?? 'auto'}`, await startSegmentation(ctx, input)),
    getSegmentationResult: (input) => segmentationResult(ctx, input.jobId),
    listModelVersions: () => ({ versions: listVersions(ctx.connection.sqlite) }),
    activateModelVersion: (input) => auditedJob(ctx, 'modelActivated', `Model v${input.modelId}`, activateVersion(ctx, input.modelId)),
    listSegments: (input) => segmentList(ctx.connection.sqlite, input.modelId),
    renameSegment: (input) => {
      const result = changed(ctx, 'names', rename(ctx.connection.sqlite, input.modelId, input.segment, input.name));
      return audited(ctx, 'segmentRenamed', `Model v${input.modelId}, segment ${input.segment + 1}: "${result.name}"`, result);
    },
    getRfmSummary: () => ctx.background.run('rfmSummary'),
    getSegmentOverview: (input) => segmentOverview(ctx, input),
    getRfmOverview: (input) => rfmOverview(ctx, input),
    startReportExport: (input) => startExport(ctx, input.params, input.whenExists),
    getReportExport: (input) => exportResult(ctx, input.jobId),
    listReports: () => ({ reports: listReports(ctx.connection.sqlite) }),
    regenerateReport: (input) => regenerate(ctx, input.id, input.whenExists),
    deleteReport: (input) => deleteReport(ctx, input.id, input.deleteFile),
    openReport: (input) => openReport(ctx, input.id),
    showReportInFolder: (input) => showInFolder(ctx, input.id),
    getReportsFolder: () => ({ folder: reportsFolder(ctx) }),
    setReportsFolder: (input) => setReportsFolder(ctx, input.folder),
    // issue 14, guard
    getCurrency: () => ({ currency: chainCurrency(ctx.connection.sqlite) }),
    setCurrency: (input) => audited(ctx, 'settingsChanged', `Currency: ${input.currency}`, setChainCurrency(ctx.connection.sqlite, input.currency)),
    getSegmentDetail: (input) => segmentDetail(ctx, input),
    getSegmentCustomers: (input) => segmentCustomers(ctx, input),
    // issue 15, backups
    getDatabaseHealth: () => ctx.health.view(ctx.auth.current()?.permissions.includes('settings') ?? false),
    listBackups: () => ({ backups: listBackups(ctx.connection.path), keep: backupsToKeep(ctx.connection.sqlite), folder: backupsFolder(ctx.connection.path) }),
    makeBackup: () => backupNow(ctx),
    setBackupsToKeep: (input) => audited(ctx, 'settingsChanged', `Backups to keep: ${input.keep}`, { keep: setBackupsToKeep(ctx.connection.sqlite, input.keep) }),
    restoreBackup: (input) => restoreBackup(ctx, input.name),
    saveReadableData: () => saveReadableData(ctx),
  };
}

/** The app's one door: every call checked against the signed-in user, then served by the handler table. */
export function appDispatch(ctx: AppContext, log: Logger): Dispatch {
  return createDispatch(guardAgainstDamage(ctx, createHandlers(ctx)), log, ctx.auth);
}
