import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import zlib from 'node:zlib';
import { throwIfCancelled, type JobContext } from '../../platform/jobs/types';
import { demoProducts } from './catalogue';
import { DemoGenerator, demoOutlets, type DemoOptions } from './generator';
import { csvCell } from '../../../shared/cells';

export const demoCsvHeader = [
  'Date',
  'Invoice',
  'CustomerID',
  'CustomerAge',
  'CustomerGender',
  'HomeOutlet',
  'Outlet',
  'ProductCode',
  'Product',
  'Category',
  'Quantity',
  'UnitPrice',
  'Amount',
];

export interface DemoCsvResult {
  file: string;
  customers: number;
  salesLines: number;
  bytes: number;
  firstSale: string;
  lastSale: string;
}

// The demo's names are the app's own, but they go through the same rule against formulas as every CSV it writes.
const csvField = csvCell;

/**
 * Writes the demo chain as a loyalty-POS sales export: one row per sales line,
 * grouped by customer, amounts in rupees. A `.gz` name writes it gzipped.
 * Written to a temporary file and renamed, so a stopped run leaves no half file.
 */
export async function writeDemoCsv(file: string, options: DemoOptions, job: JobContext): Promise<DemoCsvResult> {
  const generator = new DemoGenerator(options);
  const total = generator.options.customers;
  const target = path.resolve(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`);
  const fileStream = fs.createWriteStream(temp, { highWaterMark: 1 << 20 });
  const gzip = target.endsWith('.gz') ? zlib.createGzip({ level: 6 }) : null;
  const out: NodeJS.WritableStream = gzip ?? fileStream;
  if (gzip) gzip.pipe(fileStream);
  const fileClosed = once(fileStream, 'close');

  const outletNames = demoOutlets.map((o) => csvField(o.name));
  const productCells = demoProducts.map(
    (p) => `${p.code},${csvField(p.name)},${p.category[0]?.toUpperCase()}${p.category.slice(1)},`,
  );
  let lines = 0;
  let first = '';
  let last = '';
  try {
    out.write(`${demoCsvHeader.join(',')}\n`);
    let chunk = '';
    for (let i = 0; i < total; i++) {
      const { customer, lines: sales } = generator.customer(i);
      const who = `${customer.code},${customer.age},${customer.gender},${outletNames[customer.homeOutlet]}`;
      for (const line of sales) {
        const product = demoProducts[line.product];
        const unit = product ? product.price : 0;
        chunk += `${line.soldAt},${line.basket},${who},${outletNames[line.outlet]},${productCells[line.product]}${line.quantity},${unit.toFixed(2)},${(line.amountCents / 100).toFixed(2)}\n`;
        if (first === '' || line.soldAt < first) first = line.soldAt;
        if (line.soldAt > last) last = line.soldAt;
      }
      lines += sales.length;
      if (chunk.length > 1 << 20 || i + 1 === total) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
        job.onProgress({ step: 'Writing the sales export', current: i + 1, total });
        throwIfCancelled(job.signal);
      }
    }
    out.end();
    await fileClosed;
    fs.renameSync(temp, target);
  } catch (error) {
    fileStream.destroy();
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return { file: target, customers: total, salesLines: lines, bytes: fs.statSync(target).size, firstSale: first, lastSale: last };
}
