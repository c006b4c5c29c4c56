import type { z } from 'zod';
import type { CallName, Contracts } from '../../shared/contracts';
import type { AppContext } from '../app/context';
import { dashboardSummary, salesByOutlet } from '../dashboard/queries';
import { appStatus, cancelJob, clearDemo, startDemoLoad } from '../demo/service';

type Handler<K extends CallName> = (
  input: z.output<Contracts[K]['input']>,
) => z.input<Contracts[K]['output']> | Promise<z.input<Contracts[K]['output']>>;

/** The one table from IPC call to service. Electron's ipcMain and the browser bridge both serve it. */
export type HandlerTable = { [K in CallName]: Handler<K> };

export function createHandlers(ctx: AppContext): HandlerTable {
  return {
    getAppStatus: () => appStatus(ctx),
    getDashboardSummary: () => dashboardSummary(ctx.connection.db),
    getSalesByOutlet: () => salesByOutlet(ctx.connection.db),
    loadDemoData: (input) => startDemoLoad(ctx, input.customers),
    clearDemoData: () => clearDemo(ctx),
    getJob: (input) => ctx.jobs.get(input.jobId),
    cancelJob: (input) => cancelJob(ctx, input.jobId),
  };
}
