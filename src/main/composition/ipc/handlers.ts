import type { AppContext } from '../../app/context';
import type { Logger } from '../../platform/log';
import { createDispatch, type Dispatch, type Effects, type HandlerTable } from './dispatch';
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
import { segmentCustomers, segmentDetail } from '../../app/detailViews';
import { backupNow, restoreBackup, saveReadableData } from '../../app/backups';
import { backupsFolder, listBackups } from '../../platform/db/backups';
import { backupsToKeep, setBackupsToKeep } from '../../domain/settings/backups';
import { guardAgainstDamage, asDamage } from './damageGuard';

/** Each call to the service that does it; access, audit entries and change events are dispatch's (see callEffects). */
export function createHandlers(ctx: AppContext): HandlerTable {
  return {
    getAuthState: () => ctx.auth.state(),
    createFirstAdministrator: (input) => ctx.auth.createFirstAdministrator(input),
    signIn: (input) => ctx.auth.signIn(input.username, input.password),
    signOut: () => ctx.auth.signOut(),
    touchSession: () => {
      ctx.auth.touch();
      return { active: ctx.auth.current() !== null };
    },
    changeOwnPassword: (input, user) => ctx.auth.changeOwnPassword(user, input.current, input.next),
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
    loadDemoData: (input) => startDemoLoad(ctx, input.customers),
    clearDemoData: () => clearDemo(ctx),
    getJob: (input) => ctx.jobs.get(input.jobId),
    cancelJob: (input) => cancelJob(ctx, input.jobId),
    chooseImportFile: () => chooseImportFile(ctx),
    startImportCheck: (input) => startImportCheck(ctx, input),
    getImportCheck: (input) => importCheck(ctx, input.jobId),
    startImport: (input) => startImport(ctx, input),
    getImportResult: (input) => importResult(ctx, input.jobId),
    listImports: () => listImports(ctx.connection.sqlite),
    deleteImport: (input) => removeImport(ctx, input.importId),
    getImportReport: (input) => importReport(ctx.connection.sqlite, input.importId, input.offset, input.limit),
    saveImportReport: (input) => saveImportReport(ctx, input.importId),
    listOutlets: () => ctx.background.run('listOutlets'),
    addOutlet: (input) => addOutlet(ctx.connection.sqlite, input),
    updateOutlet: ({ id, ...input }) => updateOutlet(ctx.connection.sqlite, id, input),
    removeOutlet: (input) => removeOutlet(ctx.connection.sqlite, input.id),
    listCategoryRules: () => listCategoryRules(ctx.connection.sqlite),
    setCategoryRule: (input) => setCategoryRule(ctx.connection.sqlite, input),
    removeCategoryRule: (input) => removeCategoryRule(ctx.connection.sqlite, input.source),
    startSegmentation: (input) => startSegmentation(ctx, input),
    getSegmentationResult: (input) => segmentationResult(ctx, input.jobId),
    listModelVersions: () => ({ versions: listVersions(ctx.connection.sqlite) }),
    activateModelVersion: (input) => activateVersion(ctx, input.modelId),
    listSegments: (input) => segmentList(ctx.connection.sqlite, input.modelId),
    renameSegment: (input) => rename(ctx.connection.sqlite, input.modelId, input.segment, input.name),
    getRfmSummary: () => ctx.background.run('rfmSummary'),
    getSegmentOverview: (input) => segmentOverview(ctx, input),
    getRfmOverview: (input) => rfmOverview(ctx, input),
    startReportExport: (input, user) => startExport(ctx, user, input.params, input.whenExists),
    getReportExport: (input) => exportResult(ctx, input.jobId),
    listReports: () => ({ reports: listReports(ctx.connection.sqlite) }),
    regenerateReport: (input, user) => regenerate(ctx, user, input.id, input.whenExists),
    deleteReport: (input, user) => deleteReport(ctx, user, input.id, input.deleteFile),
    openReport: (input) => openReport(ctx, input.id),
    showReportInFolder: (input) => showInFolder(ctx, input.id),
    getReportsFolder: () => ({ folder: reportsFolder(ctx) }),
    setReportsFolder: (input) => setReportsFolder(ctx, input.folder),
    // issue 14, guard
    getCurrency: () => ({ currency: chainCurrency(ctx.connection.sqlite) }),
    setCurrency: (input) => setChainCurrency(ctx.connection.sqlite, input.currency),
    getSegmentDetail: (input) => segmentDetail(ctx, input),
    getSegmentCustomers: (input) => segmentCustomers(ctx, input),
    // issue 15, backups
    getDatabaseHealth: () => ctx.health.view(ctx.auth.current()?.permissions.includes('settings') ?? false),
    listBackups: () => ({ backups: listBackups(ctx.connection.path), keep: backupsToKeep(ctx.connection.sqlite), folder: backupsFolder(ctx.connection.path) }),
    makeBackup: () => backupNow(ctx),
    setBackupsToKeep: (input) => ({ keep: setBackupsToKeep(ctx.connection.sqlite, input.keep) }),
    restoreBackup: (input) => restoreBackup(ctx, input.name),
    saveReadableData: () => saveReadableData(ctx),
  };
}

/** Where dispatch applies each call's declared effects in this process: the session, the audit log, the open views. */
export function effectsOf(ctx: AppContext): Effects {
  return {
    authorize: (permission) => ctx.auth.authorize(permission),
    refused: (call, reason) => ctx.auth.refused(call, reason),
    audit(action, detail) {
      // Nothing is written into a damaged file, not even an audit line (saving what can still be read works on one): the log keeps it.
      if (ctx.health.damaged) ctx.log.info(`${action}: ${detail}`);
      else asDamage(ctx, () => ctx.auth.audit(action, detail));
    },
    auditJob: (jobId, action, detail) => asDamage(ctx, () => ctx.auditJob(jobId, action, detail)),
    changed: (what) => ctx.emit({ type: 'dataChanged', what }),
    jobKind: (jobId) => ctx.jobs.get(jobId).kind,
  };
}

/** The app's one door: every call checked against the signed-in user, then served by the handler table. */
export function appDispatch(ctx: AppContext, log: Logger): Dispatch {
  return createDispatch(guardAgainstDamage(ctx, createHandlers(ctx)), log, effectsOf(ctx));
}
