import { z } from 'zod';
import { customerFiltersSchema, rfmOverviewSchema, segmentOverviewSchema } from './filters';
import { modelVersionViewSchema, rfmSummarySchema, segmentInputSchema, segmentListSchema, trainSummarySchema } from './segments';
import { defineContract, defineContracts, type CallFn, type Envelope, type Input } from './contract';
import { categoryCodes } from './domain';
import { measures } from './measure';
import {
  chosenFileSchema,
  importCheckInputSchema,
  importCheckSchema,
  importListSchema,
  importReportInputSchema,
  importReportSchema,
  importSummarySchema,
  jobRefSchema,
  startImportInputSchema,
} from './importViews';
import { currencySchema } from './importGuard';
import { categoryRuleInputSchema, categoryRuleListSchema } from './categoryRules';
import { outletInputSchema, outletListSchema } from './outlets';
import { exportResultSchema, reportEntrySchema, startExportInputSchema, startExportSchema, whenExistsSchema } from './reports';
import { auditEntrySchema, authStateSchema, displayNameSchema, idleMinutesSchema, newUserSchema, passwordSchema, roleSchema, userViewSchema } from './auth';
import { backupEntrySchema, backupListSchema, backupNameSchema, backupsKeptSchema, databaseHealthSchema, salvageResultSchema } from './backups';
import { segmentCustomersInputSchema, segmentCustomersSchema, segmentDetailSchema, segmentRefSchema } from './segmentDetail';
// issue 15, names
import { cleanText } from './text';

const noInput = z.object({}).strict();
const jobId = z.string().min(1).max(64);
const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}/);

export const jobKinds = ['demoLoad', 'importAnalyse', 'import', 'segment', 'assign', 'export'] as const;
export const jobKindSchema = z.enum(jobKinds);
export type JobKind = (typeof jobKinds)[number];

export const jobStatusSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled']);

export const jobStateSchema = z.object({
  jobId,
  kind: jobKindSchema,
  status: jobStatusSchema,
  step: z.string(),
  current: z.number(),
  total: z.number(),
  rows: z.number().int().nonnegative().optional(),
  startedAt: z.string(),
  error: z.string().optional(),
});
export type JobState = z.infer<typeof jobStateSchema>;

export const appStatusSchema = z.object({
  version: z.string(),
  databasePath: z.string(),
  /** `loading` while the demo set is being written; `dismissed` once the user cleared or cancelled it. */
  demo: z.enum(['none', 'loading', 'loaded', 'dismissed']),
  demoJob: jobStateSchema.nullable(),
  hasData: z.boolean(),
  /** How fresh the numbers are: the latest sale, and the active segmentation model. */
  freshness: z.object({
    lastSale: z.string().nullable(),
    model: z.object({ version: z.number().int(), trainedAt: z.string() }).nullable(),
  }),
});
export type AppStatus = z.infer<typeof appStatusSchema>;

const categoryAmount = z.object({
  category: z.enum(categoryCodes),
  amountCents: z.number().int(),
  lines: z.number().int().nonnegative(),
  // issue 14, money: items bought (sum of quantities).
  items: z.number().default(0),
});

export const dashboardSummarySchema = z.object({
  customers: z.number().int().nonnegative(),
  outlets: z.number().int().nonnegative(),
  salesLines: z.number().int().nonnegative(),
  totalCents: z.number().int(),
  byCategory: z.array(categoryAmount),
  firstSale: isoDateTime.nullable(),
  lastSale: isoDateTime.nullable(),
  // issue 14, money: 'items' when lines have no value; the tiles then count items, never LKR 0.
  measure: z.enum(measures).default('money'),
  totalItems: z.number().default(0),
  /** Lines without a value. */
  unvalued: z.number().int().nonnegative().default(0),
});
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;

export const salesByOutletSchema = z.object({
  outlets: z.array(
    z.object({
      outletId: z.number().int(),
      name: z.string(),
      totalCents: z.number().int(),
      byCategory: z.record(z.enum(categoryCodes), z.number().int()),
      // issue 14, money
      items: z.number().default(0),
      byCategoryItems: z.record(z.enum(categoryCodes), z.number()).optional(),
    }),
  ),
  // issue 14, money: 'items' when lines have no value; the chart then counts items.
  measure: z.enum(measures).default('money'),
});
export type SalesByOutlet = z.infer<typeof salesByOutletSchema>;

const userId = z.number().int().positive();

export const contracts = defineContracts([
  // Accounts: sign-in, the session, users and the audit log.
  defineContract('getAuthState', noInput, authStateSchema),
  defineContract('createFirstAdministrator', newUserSchema.omit({ role: true }), authStateSchema),
  defineContract('signIn', z.object({ username: z.string().max(200), password: z.string().max(200) }).strict(), authStateSchema),
  defineContract('signOut', noInput, authStateSchema),
  defineContract('touchSession', noInput, z.object({ active: z.boolean() })),
  defineContract('changeOwnPassword', z.object({ current: z.string().max(200), next: passwordSchema }).strict(), z.object({ changed: z.boolean() })),
  defineContract('listUsers', noInput, z.object({ users: z.array(userViewSchema) })),
  defineContract('addUser', newUserSchema, z.object({ id: z.number().int() })),
  defineContract(
    'updateUser',
    z.object({ id: userId, displayName: displayNameSchema.optional(), role: roleSchema.optional(), active: z.boolean().optional() }).strict(),
    z.object({ id: z.number().int() }),
  ),
  defineContract('resetPassword', z.object({ id: userId, password: passwordSchema }).strict(), z.object({ id: z.number().int() })),
  defineContract('unlockUser', z.object({ id: userId }).strict(), z.object({ id: z.number().int() })),
  defineContract('setIdleMinutes', z.object({ minutes: idleMinutesSchema }).strict(), authStateSchema),
  defineContract(
    'listAuditLog',
    z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100), action: z.string().max(40).optional() }).strict(),
    z.object({ total: z.number().int(), entries: z.array(auditEntrySchema) }),
  ),
  defineContract('getAppStatus', noInput, appStatusSchema),
  defineContract('getDashboardSummary', noInput, dashboardSummarySchema),
  defineContract('getSalesByOutlet', noInput, salesByOutletSchema),
  defineContract(
    'loadDemoData',
    z.object({ customers: z.number().int().min(100).max(200_000).optional() }).strict(),
    z.object({ jobId }),
  ),
  defineContract(
    'clearDemoData',
    noInput,
    z.object({ removedSalesLines: z.number().int(), removedCustomers: z.number().int() }),
  ),
  defineContract('getJob', z.object({ jobId }).strict(), jobStateSchema),
  // Import Data: a file is chosen (native dialog, or uploaded through the browser bridge) and known by id.
  defineContract('chooseImportFile', noInput, chosenFileSchema.nullable()),
  defineContract('startImportCheck', importCheckInputSchema, z.object({ jobId })),
  defineContract('getImportCheck', jobRefSchema, importCheckSchema),
  defineContract('startImport', startImportInputSchema, z.object({ jobId })),
  defineContract('getImportResult', jobRefSchema, importSummarySchema),
  defineContract('listImports', noInput, importListSchema),
  defineContract(
    'deleteImport',
    z.object({ importId: z.number().int().positive() }).strict(),
    z.object({ removedSalesLines: z.number().int(), removedCustomers: z.number().int() }),
  ),
  defineContract('getImportReport', importReportInputSchema, importReportSchema),
  defineContract(
    'saveImportReport',
    z.object({ importId: z.number().int().positive() }).strict(),
    z.object({ saved: z.boolean(), path: z.string().nullable() }),
  ),
  defineContract('cancelJob', z.object({ jobId }).strict(), z.object({ cancelled: z.boolean() })),
  // Settings: the chain's outlets.
  defineContract('listOutlets', noInput, outletListSchema),
  defineContract('addOutlet', outletInputSchema, z.object({ id: z.number().int() })),
  defineContract('updateOutlet', outletInputSchema.extend({ id: z.number().int().positive() }).strict(), z.object({ id: z.number().int() })),
  defineContract('removeOutlet', z.object({ id: z.number().int().positive() }).strict(), z.object({ removed: z.boolean() })),
  // Settings: the category rules imports apply.
  defineContract('listCategoryRules', noInput, categoryRuleListSchema),
  defineContract('setCategoryRule', categoryRuleInputSchema, z.object({ source: z.string() })),
  defineContract('removeCategoryRule', z.object({ source: z.string().min(1).max(200) }).strict(), z.object({ removed: z.boolean() })),
  // Segmentation: train (a job), versions, segments, the RFM lens.
  defineContract('startSegmentation', segmentInputSchema, z.object({ jobId })),
  defineContract('getSegmentationResult', jobRefSchema, trainSummarySchema),
  defineContract('listModelVersions', noInput, z.object({ versions: z.array(modelVersionViewSchema) })),
  defineContract('activateModelVersion', z.object({ modelId: z.number().int().positive() }).strict(), z.object({ jobId })),
  defineContract('listSegments', z.object({ modelId: z.number().int().positive().optional() }).strict(), segmentListSchema),
  defineContract(
    'renameSegment',
    z.object({ modelId: z.number().int().positive(), segment: z.number().int().nonnegative(), name: cleanText('segment name').max(200) }).strict(),
    z.object({ name: z.string() }),
  ),
  defineContract('getRfmSummary', noInput, rfmSummarySchema),
  // Customer Segmentation dashboard: the active segments under the filters.
  defineContract('getSegmentOverview', customerFiltersSchema, segmentOverviewSchema),
  defineContract('getRfmOverview', customerFiltersSchema, rfmOverviewSchema),
  // Reports: export a segment (a job), the History tab, the reports folder.
  defineContract('startReportExport', startExportInputSchema, startExportSchema),
  defineContract('getReportExport', jobRefSchema, exportResultSchema),
  defineContract('listReports', noInput, z.object({ reports: z.array(reportEntrySchema) })),
  defineContract('regenerateReport', z.object({ id: z.number().int().positive(), whenExists: whenExistsSchema.default('ask') }).strict(), startExportSchema),
  defineContract('deleteReport', z.object({ id: z.number().int().positive(), deleteFile: z.boolean().default(false) }).strict(), z.object({ removed: z.boolean(), fileRemoved: z.boolean() })),
  defineContract('openReport', z.object({ id: z.number().int().positive() }).strict(), z.object({ opened: z.boolean() })),
  defineContract('showReportInFolder', z.object({ id: z.number().int().positive() }).strict(), z.object({ shown: z.boolean() })),
  defineContract('getReportsFolder', noInput, z.object({ folder: z.string() })),
  defineContract('setReportsFolder', z.object({ folder: z.string().min(1).max(1000) }).strict(), z.object({ folder: z.string() })),
  // issue 14, guard: the chain's currency (imports' amounts are checked against it).
  defineContract('getCurrency', noInput, z.object({ currency: z.string() })),
  defineContract('setCurrency', z.object({ currency: currencySchema }).strict(), z.object({ currency: z.string() })),
  // Customer Segmentation dashboard: one segment in detail under the filters, and its customers a page at a time.
  defineContract('getSegmentDetail', segmentRefSchema, segmentDetailSchema),
  defineContract('getSegmentCustomers', segmentCustomersInputSchema, segmentCustomersSchema),
  // issue 15, backups: the data file's health, backups, restore and saving what can still be read.
  defineContract('getDatabaseHealth', noInput, databaseHealthSchema),
  defineContract('listBackups', noInput, backupListSchema),
  defineContract('makeBackup', noInput, backupEntrySchema),
  defineContract('setBackupsToKeep', z.object({ keep: backupsKeptSchema }).strict(), z.object({ keep: z.number().int() })),
  defineContract('restoreBackup', z.object({ name: backupNameSchema }).strict(), backupEntrySchema),
  defineContract('saveReadableData', noInput, salvageResultSchema),
]);

export type Contracts = typeof contracts;
export type CallName = keyof Contracts;
export const callNames = Object.keys(contracts) as CallName[];

/** The typed API the renderer sees, whether through the preload or the browser bridge. */
export type OctaveApi = { [K in CallName]: CallFn<Contracts[K]> };

/** What the preload exposes: every call returns an envelope instead of throwing. */
export type OctaveBridge = {
  [K in CallName]: (input: Input<Contracts[K]>) => Promise<Envelope<unknown>>;
} & { onEvent(listener: (event: AppEvent) => void): () => void };

/**
 * What a change touched, so that each view reloads only what it shows and the filter thread rebuilds
 * its snapshot only when the customers' facts or their segments changed: sales (imports, the demo data,
 * deletions), model (segments found again, a version activated, customers assigned), names (a segment
 * renamed), settings (outlets, category rules, currency, folders, accounts), reports (exported or deleted).
 */
export const changeTopics = ['sales', 'model', 'names', 'settings', 'reports'] as const;
export type ChangeTopic = (typeof changeTopics)[number];

/** Events pushed from the backend to the window. */
export const appEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: jobStateSchema }),
  z.object({ type: z.literal('dataChanged'), what: z.enum(changeTopics) }),
]);
export type AppEvent = z.infer<typeof appEventSchema>;

/** Channel names used by Electron's IPC. */
export const ipcChannel = (name: CallName): string => `octave:${name}`;
export const ipcEventChannel = 'octave:event';
