import type { z } from 'zod';
import type { CallName, Contracts } from '../../shared/contracts';
import type { AppContext } from '../app/context';
import { dashboardSummary, salesByOutlet } from '../dashboard/queries';
import { appStatus, cancelJob, clearDemo, startDemoLoad } from '../demo/service';
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
} from '../import/interactive';
import { listCategoryRules, removeCategoryRule, setCategoryRule } from '../categories/rules';
import { addOutlet, listOutlets, removeOutlet, updateOutlet } from '../outlets/service';
import { activateVersion, rename, rfmSummary, segmentationResult, segmentList, startSegmentation } from '../segmentation/service';
import { listVersions } from '../segmentation/store';
import { rfmOverview, segmentOverview } from '../filters/overview';
import { segmentCustomers, segmentDetail } from '../filters/detailViews';

type Handler<K extends CallName> = (
  input: z.output<Contracts[K]['input']>,
) => z.input<Contracts[K]['output']> | Promise<z.input<Contracts[K]['output']>>;

/** The one table from IPC call to service. Electron's ipcMain and the browser bridge both serve it. */
export type HandlerTable = { [K in CallName]: Handler<K> };

/** Passes a result through after telling every open view that the data changed. */
function changed<T>(ctx: AppContext, result: T): T {
  ctx.emit({ type: 'dataChanged' });
  return result;
}

export function createHandlers(ctx: AppContext): HandlerTable {
  return {
    getAppStatus: () => appStatus(ctx),
    getDashboardSummary: () => dashboardSummary(ctx.connection.db),
    getSalesByOutlet: () => salesByOutlet(ctx.connection.db),
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
    listOutlets: () => listOutlets(ctx.connection.sqlite),
    addOutlet: (input) => changed(ctx, addOutlet(ctx.connection.sqlite, input)),
    updateOutlet: ({ id, ...input }) => changed(ctx, updateOutlet(ctx.connection.sqlite, id, input)),
    removeOutlet: (input) => changed(ctx, removeOutlet(ctx.connection.sqlite, input.id)),
    listCategoryRules: () => listCategoryRules(ctx.connection.sqlite),
    setCategoryRule: (input) => changed(ctx, setCategoryRule(ctx.connection.sqlite, input)),
    removeCategoryRule: (input) => changed(ctx, removeCategoryRule(ctx.connection.sqlite, input.source)),
    startSegmentation: (input) => startSegmentation(ctx, input),
    getSegmentationResult: (input) => segmentationResult(ctx, input.jobId),
    listModelVersions: () => ({ versions: listVersions(ctx.connection.sqlite) }),
    activateModelVersion: (input) => activateVersion(ctx, input.modelId),
    listSegments: (input) => segmentList(ctx.connection.sqlite, input.modelId),
    renameSegment: (input) => changed(ctx, rename(ctx.connection.sqlite, input.modelId, input.segment, input.name)),
    getRfmSummary: () => rfmSummary(ctx.connection.sqlite),
    getSegmentOverview: (input) => segmentOverview(ctx, input),
    getRfmOverview: (input) => rfmOverview(ctx, input),
    getSegmentDetail: (input) => segmentDetail(ctx, input),
    getSegmentCustomers: (input) => segmentCustomers(ctx, input),
  };
}
