// The files `npm run export` writes for a run: model.json and its weights file (from the
// coordinator's model route when it has one, else built here from the state shards), and report.json.
import { exportLayersModel, runReport, type NetworkShape } from '../../shared/export/index.ts';
import type { CoordinatorApi } from './coordinator-api.ts';

export interface ExportFile {
  name: string;
  bytes: Uint8Array;
}

export type RunExport = { ok: true; files: ExportFile[]; version: number; source: 'model route' | 'state shards' } | { ok: false; error: string };

const encoder = new TextEncoder();
const jsonFile = (name: string, value: unknown): ExportFile => ({ name, bytes: encoder.encode(`${JSON.stringify(value, null, 2)}\n`) });

export const modelRoute = (id: string, version: number): string => `/api/runs/${encodeURIComponent(id)}/model/${version}/model.json`;

/** model.json and the weight files it names, as the coordinator serves them; null if it has no such route. */
async function fromModelRoute(api: CoordinatorApi, id: string, version: number): Promise<ExportFile[] | null | string> {
  const path = modelRoute(id, version);
  const answer = await api.get(path);
  if (!answer.ok) return answer.status === 404 ? null : answer.error;
  const modelJson = (await answer.value.json().catch(() => null)) as { weightsManifest?: { paths: string[] }[] } | null;
  const paths = modelJson?.weightsManifest?.flatMap((group) => group.paths);
  if (!paths) return `${path}: the answer is not a LayersModel model.json`;
  const files: ExportFile[] = [jsonFile('model.json', modelJson)];
  for (const weightsPath of paths) {
    // Relative to model.json, as tf.loadLayersModel resolves them.
    if (weightsPath.includes('/') || weightsPath.includes('..')) return `${path}: weights path "${weightsPath}" is not a plain file name`;
    const weights = await api.get(new URL(weightsPath, new URL(path, api.baseUrl)).pathname);
    if (!weights.ok) return weights.error;
    files.push({ name: weightsPath, bytes: new Uint8Array(await weights.value.arrayBuffer()) });
  }
  return files;
}

export async function exportRun(api: CoordinatorApi, id: string, requestedVersion?: number): Promise<RunExport> {
  const progress = await api.runProgress(id);
  if (!progress.ok) return progress;
  const version = requestedVersion ?? progress.value.version;
  const manifest = await api.stateManifest(id, version);
  if (!manifest.ok) return manifest;
  const shape: NetworkShape = { input: manifest.value.architecture.input, classes: manifest.value.architecture.classes };
  const report = jsonFile('report.json', runReport(progress.value, { shape }));

  const served = await fromModelRoute(api, id, version);
  if (typeof served === 'string') return { ok: false, error: served };
  if (served) return { ok: true, files: [...served, report], version, source: 'model route' };

  const state = await api.modelState(id, version);
  if (!state.ok) return state;
  const exported = exportLayersModel(state.value, { metadata: { run: id, version } });
  if (!exported.ok) return exported;
  const { modelJson, weightData } = exported.model;
  const weightsName = modelJson.weightsManifest[0]!.paths[0]!;
  return { ok: true, files: [jsonFile('model.json', modelJson), { name: weightsName, bytes: weightData }, report], version, source: 'state shards' };
}
