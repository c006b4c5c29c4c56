// Bundled and run by bench/segment.mjs: the features of a database scaled as
// the model scales them, written to a float64 file for scikit-learn, and our
// k-means timed on the same matrix, as the segment job runs it. Prints one JSON line.
import fs from 'node:fs';
import { openDatabase } from '../src/main/platform/db/connection';
import { computeFeatures } from '../src/main/domain/features/customerFeatures';
import path from 'node:path';
import { kmeansInThreads } from '../src/main/domain/segmentation/threads';
import { fitScaler, scale } from '../src/main/domain/segmentation/scaling';

const [database, matrixFile, kText, restartsText, root] = process.argv.slice(2);
if (!database || !matrixFile || !kText || !restartsText || !root) throw new Error('usage: kmeans-entry DB MATRIX K RESTARTS ROOT');
const connection = openDatabase(database);
const features = computeFeatures(connection.sqlite);
const scaler = fitScaler(features);
const x = scale(scaler, features);
const d = scaler.features.length;
fs.writeFileSync(matrixFile, Buffer.from(x.buffer, x.byteOffset, x.byteLength));
// As the segment job runs it: restarts shared over the cores, in the job worker's bundle.
const started = performance.now();
void kmeansInThreads(x, d, { k: Number(kText), restarts: Number(restartsText), seed: 1 }, path.join(root, 'out/main/worker.js'), () => undefined).then((result) => {
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ n: features.count, d, seconds, inertia: result.inertia, iterations: result.iterations, distances: result.distances }));
  connection.close();
});
