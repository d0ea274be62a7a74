// ModelState -> TensorFlow.js LayersModel artifacts: model.json (Keras functional topology plus a
// manifest of one weights file) and the bytes of that file. Load with tf.loadLayersModel.
import { multiplyAccumulates, parameterCount, tensorSize, tensorSpecs } from '../architecture/parameters.ts';
import { networkPlan } from '../architecture/plan.ts';
import { architectureName, type ArchitectureSpec } from '../architecture/spec.ts';
import type { BudgetConfig } from '../config/budget.ts';
import type { DatasetView } from '../protocol/dataset-view.ts';
import { fail, ok, type Result } from '../result/index.ts';
import type { ModelState, NamedTensor } from '../state/types.ts';
import { budgetRecord, type BudgetRecord } from './budget-record.ts';
import { kerasGraph, type HeadOutput } from './keras-graph.ts';
import type { KerasLayer } from './keras-layers.ts';

export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32';
}

export interface LayersModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: {
    class_name: 'Model';
    config: { name: string; layers: KerasLayer[]; input_layers: [string, number, number][]; output_layers: [string, number, number][] };
    keras_version: string;
    backend: string;
  };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
  userDefinedMetadata: Record<string, unknown>;
}

export interface LayersModelExport {
  modelJson: LayersModelJson;
  /** The one weights file: float32 little-endian, in manifest order. */
  weightData: Uint8Array;
}

export interface ExportOptions {
  /** Default 'softmax': predict() returns class probabilities. */
  head?: HeadOutput;
  /** The weights file's name, relative to model.json. */
  weightsPath?: string;
  /** The run's dataset: its name and per-channel mean and std go into userDefinedMetadata. */
  dataset?: Pick<DatasetView, 'name' | 'mean' | 'std'>;
  /** The run's cost budget: its limits and the network's share of each go into userDefinedMetadata. */
  budget?: BudgetConfig;
  /** Merged into userDefinedMetadata, e.g. the run and version. */
  metadata?: Record<string, unknown>;
}

export const DEFAULT_WEIGHTS_PATH = 'weights.bin';

function describe(spec: ArchitectureSpec, head: HeadOutput): Record<string, unknown> {
  return {
    architecture: spec,
    architectureName: architectureName(spec),
    parameters: parameterCount(spec),
    multiplyAccumulates: multiplyAccumulates(spec),
    input: 'NHWC float32 images, each channel normalized as (pixel / 255 - mean) / std',
    output: head === 'softmax' ? 'class probabilities' : 'logits',
  };
}

/** The stages that stopped at the budget are the run's story, not the model's: the run report has them. */
function exportedBudget(spec: ArchitectureSpec, budget: BudgetConfig): Omit<BudgetRecord, 'stops'> {
  const { limits, used } = budgetRecord(budget, { parameters: parameterCount(spec), multiplyAccumulates: multiplyAccumulates(spec) });
  return { limits, used };
}

export function exportLayersModel(state: ModelState, options: ExportOptions = {}): Result<LayersModelExport> {
  const head = options.head ?? 'softmax';
  const spec = state.architecture;
  const { dataset } = options;
  if (dataset && (dataset.mean.length !== spec.input.channels || dataset.std.length !== spec.input.channels)) {
    return fail(`exportLayersModel: dataset ${dataset.name} should have a mean and std per input channel (${spec.input.channels}), got ${dataset.mean.length} and ${dataset.std.length}`);
  }
  const graph = kerasGraph(networkPlan(spec), [spec.input.height, spec.input.width, spec.input.channels], head);
  const byName = new Map(state.tensors.map((t) => [t.name, t]));
  const expectedShape = new Map(tensorSpecs(spec).map((t) => [t.name, t.shape]));
  const bound: { spec: WeightSpec; tensor: NamedTensor }[] = [];
  for (const { weight, tensor: tensorName } of graph.weights) {
    const tensor = byName.get(tensorName);
    if (!tensor) return fail(`exportLayersModel: the state of ${architectureName(spec)} has no tensor "${tensorName}"`);
    const shape = expectedShape.get(tensorName)!;
    if (tensor.shape.join() !== shape.join() || tensor.data.length !== tensorSize(shape)) {
      return fail(`exportLayersModel: "${tensorName}" should have shape [${shape}], got shape [${tensor.shape}] with ${tensor.data.length} values`);
    }
    bound.push({ spec: { name: weight, shape: [...shape], dtype: 'float32' }, tensor });
  }

  const values = bound.reduce((sum, b) => sum + b.tensor.data.length, 0);
  const weightData = new Uint8Array(values * 4);
  const view = new DataView(weightData.buffer);
  let offset = 0;
  for (const { tensor } of bound) {
    for (const value of tensor.data) {
      view.setFloat32(offset, value, true);
      offset += 4;
    }
  }

  const modelJson: LayersModelJson = {
    format: 'layers-model',
    generatedBy: 'autogrow-fleet',
    convertedBy: null,
    modelTopology: {
      class_name: 'Model',
      config: { name: architectureName(spec), layers: graph.layers, input_layers: [[graph.input, 0, 0]], output_layers: [[graph.output, 0, 0]] },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: [options.weightsPath ?? DEFAULT_WEIGHTS_PATH], weights: bound.map((b) => b.spec) }],
    userDefinedMetadata: {
      ...describe(spec, head),
      ...(dataset ? { dataset: dataset.name, mean: [...dataset.mean], std: [...dataset.std] } : {}),
      ...(options.budget ? { budget: exportedBudget(spec, options.budget) } : {}),
      ...options.metadata,
    },
  };
  return ok({ modelJson, weightData });
}
