// The exported LayersModel, loaded with stock tf.loadLayersModel on the tfjs cpu backend, predicts
// what a float64 reference forward of the same plan and tensors computes.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { parameterCount, tensorSize, tensorSpecs } from '../architecture/index.ts';
import type { ModelState } from '../state/types.ts';
import { exportLayersModel, type ExportOptions, type LayersModelExport } from './layers-model.ts';
import { referenceLogits } from './test-reference-forward.ts';
import { EXPORT_FAMILIES as FAMILIES, randomImages, randomState } from './test-states.ts';

async function load({ modelJson, weightData }: LayersModelExport): Promise<LayersModel> {
  // The same path a browser takes for model.json + its weights file, minus the fetch.
  const json = JSON.parse(JSON.stringify(modelJson));
  const artifacts = await tf.io.getModelArtifactsForJSON(json, async (manifest) => [
    manifest.flatMap((group) => group.weights),
    weightData.slice().buffer,
  ]);
  return loadLayersModel(tf.io.fromMemory(artifacts));
}

async function predict(state: ModelState, images: Float32Array[], options: ExportOptions): Promise<Float32Array[]> {
  const exported = exportLayersModel(state, options);
  if (!exported.ok) throw new Error(exported.error);
  const model = await load(exported.value);
  const { height, width, channels } = state.architecture.input;
  const input = tf.tensor4d(images.flatMap((image) => [...image]), [images.length, height, width, channels]);
  const output = model.predict(input) as tf.Tensor;
  const rows = (await output.array()) as number[][];
  tf.dispose([input, output]);
  model.dispose();
  return rows.map((row) => Float32Array.from(row));
}

const maxAbsDifference = (a: ArrayLike<number>, b: ArrayLike<number>): number =>
  Array.from(a).reduce((max, v, i) => Math.max(max, Math.abs(v - b[i]!)), 0);

const softmax = (logits: Float64Array): number[] => {
  const top = Math.max(...logits);
  const exps = Array.from(logits, (v) => Math.exp(v - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('exportLayersModel', () => {
  for (const [label, spec] of Object.entries(FAMILIES)) {
    it(`predicts the reference forward's logits and probabilities for a ${label} family (${spec.family})`, async () => {
      const state = randomState(spec, 11);
      const images = randomImages(spec, 3, 7);
      const reference = images.map((image) => referenceLogits(spec, state.tensors, image));
      const logits = await predict(state, images, { head: 'logits' });
      const probabilities = await predict(state, images, {});
      logits.forEach((row, i) => expect(maxAbsDifference(row, reference[i]!)).toBeLessThan(1e-4));
      probabilities.forEach((row, i) => expect(maxAbsDifference(row, softmax(reference[i]!))).toBeLessThan(1e-5));
      // The logits must vary across classes, or the comparison proves little.
      expect(Math.max(...reference[0]!) - Math.min(...reference[0]!)).toBeGreaterThan(0.1);
    });
  }

  it('writes one weights file holding every network tensor and no momentum buffer', () => {
    const spec = FAMILIES.residual!;
    const state = randomState(spec, 3);
    const withMomentum = { ...state, tensors: [...state.tensors, { name: 'head.w#momentum', shape: [8, 5], data: new Float32Array(40) }] };
    const exported = exportLayersModel(withMomentum, { weightsPath: 'model.weights.bin' });
    if (!exported.ok) throw new Error(exported.error);
    const [group, ...rest] = exported.value.modelJson.weightsManifest;
    expect(rest).toHaveLength(0);
    expect(group!.paths).toEqual(['model.weights.bin']);
    expect(group!.weights).toHaveLength(tensorSpecs(spec).length);
    const values = tensorSpecs(spec).reduce((sum, t) => sum + tensorSize(t.shape), 0);
    expect(exported.value.weightData.byteLength).toBe(values * 4);
    expect(exported.value.modelJson.userDefinedMetadata.architectureName).toBe('Basic3ResNet-2-1-2');
  });

  it('records the dataset\'s normalization in the metadata, one mean and std per input channel', () => {
    const state = randomState(FAMILIES.bottleneck!, 2);
    const dataset = { name: 'cifar10' as const, mean: [0.4914, 0.4822, 0.4465], std: [0.247, 0.2435, 0.2616] };
    const exported = exportLayersModel(state, { dataset, metadata: { run: 'r1' } });
    if (!exported.ok) throw new Error(exported.error);
    expect(exported.value.modelJson.userDefinedMetadata).toMatchObject({ dataset: 'cifar10', mean: dataset.mean, std: dataset.std, run: 'r1' });
    expect(exportLayersModel(state, { dataset: { ...dataset, mean: [0.5] } })).toEqual({ ok: false, error: expect.stringContaining('per input channel (3), got 1 and 3') });
  });

  it('records the run\'s budget and the network\'s share of each count limit in the metadata', () => {
    const spec = FAMILIES.residual!;
    const state = randomState(spec, 4);
    const limits = { parameters: 2 * parameterCount(spec), multiplyAccumulates: null, latencyMs: 3 };
    const exported = exportLayersModel(state, { budget: limits });
    if (!exported.ok) throw new Error(exported.error);
    expect(exported.value.modelJson.userDefinedMetadata.budget).toEqual({ limits, used: { parameters: 0.5, multiplyAccumulates: null } });
    const unbudgeted = exportLayersModel(state);
    expect(unbudgeted.ok && 'budget' in unbudgeted.value.modelJson.userDefinedMetadata).toBe(false);
  });

  it('refuses a state that lacks a tensor or has one of the wrong shape', () => {
    const spec = FAMILIES.plain!;
    const state = randomState(spec, 5);
    const missing = exportLayersModel({ ...state, tensors: state.tensors.filter((t) => t.name !== 's1.b0.bn1.var') });
    expect(missing).toEqual({ ok: false, error: expect.stringContaining('"s1.b0.bn1.var"') });
    const reshaped = state.tensors.map((t) => (t.name === 'head.w' ? { ...t, shape: [t.shape[1]!, t.shape[0]!] } : t));
    expect(exportLayersModel({ ...state, tensors: reshaped })).toEqual({ ok: false, error: expect.stringContaining('should have shape [8,6]') });
  });
});
