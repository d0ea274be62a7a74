// The model `npm run export` writes, loaded with stock tf.loadLayersModel, predicts the logits of
// the engine's own eval-mode forward pass (tfjs cpu backend) for each block kind.
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { networkPlan } from '../../shared/architecture/index.ts';
import { exportLayersModel } from '../../shared/export/index.ts';
import { EXPORT_FAMILIES, randomImages, randomState } from '../../shared/export/test-states.ts';
import { forward, initBackend } from '../engine/index.ts';

beforeAll(async () => {
  await initBackend(['cpu']);
});

describe('exported LayersModel against the engine', () => {
  for (const [label, spec] of Object.entries(EXPORT_FAMILIES)) {
    it(`matches the engine's eval forward within 1e-4 for a ${label} family (${spec.family})`, async () => {
      const state = randomState(spec, 21);
      const exported = exportLayersModel(state, { head: 'logits' });
      if (!exported.ok) throw new Error(exported.error);
      const { modelJson, weightData } = exported.value;
      const artifacts = await tf.io.getModelArtifactsForJSON(JSON.parse(JSON.stringify(modelJson)), async (manifest) => [manifest.flatMap((g) => g.weights), weightData.slice().buffer]);
      const model = await loadLayersModel(tf.io.fromMemory(artifacts));

      const { height, width, channels } = spec.input;
      const images = randomImages(spec, 4, 9);
      const [exportedLogits, engineLogits] = tf.tidy(() => {
        const x = tf.tensor4d(images.flatMap((image) => [...image]), [images.length, height, width, channels]);
        const params = new Map(state.tensors.map((t) => [t.name, tf.tensor(t.data, t.shape)]));
        const param = (name: string): tf.Tensor => {
          const tensor = params.get(name);
          if (!tensor) throw new Error(`the state has no "${name}"`);
          return tensor;
        };
        return [model.predict(x) as tf.Tensor, forward(networkPlan(spec), param, x, { training: false })];
      });
      const difference = tf.tidy(() => tf.max(tf.abs(tf.sub(exportedLogits, engineLogits))).dataSync()[0]!);
      const spread = tf.tidy(() => tf.sub(tf.max(engineLogits), tf.min(engineLogits)).dataSync()[0]!);
      tf.dispose([exportedLogits, engineLogits]);
      model.dispose();
      expect(difference).toBeLessThan(1e-4);
      expect(spread).toBeGreaterThan(0.1);
    });
  }
});
