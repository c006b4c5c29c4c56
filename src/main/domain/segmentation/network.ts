import path from 'node:path';
import type * as TfCore from '@tensorflow/tfjs-core';
import type * as TfLayers from '@tensorflow/tfjs-layers';
import type * as TfWasm from '@tensorflow/tfjs-backend-wasm';
import { Random } from '../../../shared/random';
import { classificationScores } from './metrics';
import type { QualityReport } from '../../../shared/segments';

/**
 * The deployed model: a small multilayer perceptron (tfjs, WebAssembly
 * backend) that assigns a customer's scaled features to a segment. It is
 * trained on the k-means segments (or on a label column an import brought)
 * and scored on held-out customers. After a later import it assigns every
 * customer without clustering again, so segments keep their identity.
 *
 * Training is deterministic: seeded initial weights, and batches shuffled by
 * our own seeded generator (tfjs's `fit` shuffles with Math.random).
 */

export interface NetworkSpec {
  inputs: number;
  hidden: number[];
  classes: number;
}

/** Weights as stored with a model version: shapes and little-endian float32 values, base64. */
export interface SavedNetwork {
  spec: NetworkSpec;
  weights: Array<{ shape: number[]; data: string }>;
}

export type NetworkScores = QualityReport['network'];

export interface TrainOptions {
  seed?: number;
  /** Customers sampled for training and held-out scoring together. */
  sampleSize?: number;
  heldOutShare?: number;
  epochs?: number;
  batchSize?: number;
  /** Called after each epoch; throw from it to stop. */
  onEpoch?: (epoch: number, epochs: number) => void;
}

// tfjs loads on first use: import jobs and k-means threads start without it.
let tf: typeof TfCore;
let tfl: typeof TfLayers;
let backend: Promise<void> | null = null;

/** Loads tfjs and starts its WebAssembly backend once per thread; the .wasm files load from disk, never the network. */
export function tfReady(): Promise<void> {
  backend ??= (async () => {
    // require, not import(): CommonJS loads the same way from node_modules, the bundle and app.asar.
    /* eslint-disable @typescript-eslint/no-require-imports */
    tf = require('@tensorflow/tfjs-core') as typeof TfCore;
    tfl = require('@tensorflow/tfjs-layers') as typeof TfLayers;
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof TfWasm;
    /* eslint-enable @typescript-eslint/no-require-imports */
    // In an installed app the .wasm files are unpacked beside app.asar (electron-builder asarUnpack): read them there.
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')).replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
    wasm.setWasmPaths(`${dist}${path.sep}`);
    if (!(await tf.setBackend('wasm'))) throw new Error('The WebAssembly backend of tfjs could not start.');
    await tf.ready();
  })();
  return backend;
}

function build(spec: NetworkSpec, seed: number): TfLayers.Sequential {
  const model = tfl.sequential();
  spec.hidden.forEach((units, i) => {
    model.add(
      tfl.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tfl.initializers.heNormal({ seed: seed + i }),
        ...(i === 0 ? { inputShape: [spec.inputs] } : {}),
      }),
    );
  });
  model.add(
    tfl.layers.dense({
      units: spec.classes,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + spec.hidden.length }),
    }),
  );
  return model;
}

/** Rows `rows` of the row-major matrix as a float32 tensor. */
function rowsTensor(x: Float64Array, d: number, rows: ArrayLike<number>, from = 0, to = rows.length): TfCore.Tensor2D {
  const out = new Float32Array((to - from) * d);
  for (let r = from; r < to; r++) {
    const i = rows[r] as number;
    for (let j = 0; j < d; j++) out[(r - from) * d + j] = x[i * d + j] as number;
  }
  return tf.tensor2d(out, [to - from, d]);
}

export async function trainNetwork(
  x: Float64Array,
  d: number,
  labels: Int32Array,
  k: number,
  options: TrainOptions = {},
): Promise<{ network: SavedNetwork; scores: NetworkScores }> {
  await tfReady();
  const n = labels.length;
  const seed = options.seed ?? 42;
  const rng = new Random(seed);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  shuffle(order, rng);
  const sample = order.subarray(0, Math.min(n, options.sampleSize ?? 40_000));
  const heldOutCount = Math.max(1, Math.round(sample.length * (options.heldOutShare ?? 0.2)));
  const heldOut = sample.subarray(0, heldOutCount);
  const train = Int32Array.from(sample.subarray(heldOutCount));
  const spec: NetworkSpec = { inputs: d, hidden: [32, 16], classes: k };
  const model = build(spec, seed);
  model.compile({ optimizer: tf.train.adam(0.005), loss: 'sparseCategoricalCrossentropy' });
  const epochs = options.epochs ?? 12;
  const batchSize = options.batchSize ?? 128;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      shuffle(train, rng);
      for (let b = 0; b < train.length; b += batchSize) {
        const end = Math.min(train.length, b + batchSize);
        const xs = rowsTensor(x, d, train, b, end);
        const ys = tf.tensor1d(Float32Array.from(train.subarray(b, end), (i) => labels[i] as number));
        await model.trainOnBatch(xs, ys);
        xs.dispose();
        ys.dispose();
      }
      options.onEpoch?.(epoch + 1, epochs);
    }
    const predicted = predictRows(model, x, d, heldOut);
    const truth = Int32Array.from(heldOut, (i) => labels[i] as number);
    const scores = classificationScores(truth, predicted, k);
    return { network: save(model, spec), scores: { ...scores, trainedOn: train.length, heldOut: heldOut.length, epochs } };
  } finally {
    model.dispose();
  }
}

/** The segment the network gives each row of the scaled matrix. */
export async function assignSegments(network: SavedNetwork, x: Float64Array, d: number): Promise<Int32Array> {
  await tfReady();
  const model = load(network);
  try {
    const n = x.length / d;
    return predictRows(model, x, d, { length: n } as ArrayLike<number>, true);
  } finally {
    model.dispose();
  }
}

function predictRows(model: TfLayers.Sequential, x: Float64Array, d: number, rows: ArrayLike<number>, identity = false): Int32Array {
  const out = new Int32Array(rows.length);
  const chunk = 16_384;
  for (let from = 0; from < rows.length; from += chunk) {
    const to = Math.min(rows.length, from + chunk);
    const labels = tf.tidy(() => {
      const xs = identity ? tf.tensor2d(Float32Array.from(x.subarray(from * d, to * d)), [to - from, d]) : rowsTensor(x, d, rows, from, to);
      return tf.argMax(model.predict(xs) as TfCore.Tensor, -1);
    });
    out.set(labels.dataSync() as Int32Array, from);
    labels.dispose();
  }
  return out;
}

function save(model: TfLayers.Sequential, spec: NetworkSpec): SavedNetwork {
  return {
    spec,
    weights: model.getWeights().map((w) => {
      const values = w.dataSync() as Float32Array;
      return { shape: w.shape, data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64') };
    }),
  };
}

function load(saved: SavedNetwork): TfLayers.Sequential {
  const model = build(saved.spec, 0);
  const tensors = saved.weights.map((w) => {
    const bytes = Buffer.from(w.data, 'base64');
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    return tf.tensor(values, w.shape);
  });
  model.setWeights(tensors);
  for (const t of tensors) t.dispose();
  return model;
}

function shuffle(a: Int32Array, rng: Random): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
}

