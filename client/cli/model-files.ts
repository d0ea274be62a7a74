// A version's model as the coordinator serves it (GET /api/runs/:id/model/:version/model.json):
// model.json as sent, and each weights file it names, fetched from beside it as tf.loadLayersModel does.
import type { Fetched, CoordinatorClient } from '../coordinator/index.ts';

export interface FileBytes {
  name: string;
  bytes: Uint8Array;
}

export const modelPath = (id: string, version: number): string => `/api/runs/${encodeURIComponent(id)}/model/${version}/model.json`;

/** The weights files a model.json names, or null if it is not a LayersModel's model.json. */
function weightsPaths(bytes: Uint8Array): string[] | null {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
  const manifest = (body as { weightsManifest?: unknown } | null)?.weightsManifest;
  if (!Array.isArray(manifest)) return null;
  const paths = manifest.flatMap((group: { paths?: unknown }) => (Array.isArray(group?.paths) ? group.paths : [null]));
  return paths.every((path): path is string => typeof path === 'string') ? paths : null;
}

export async function fetchModelFiles(api: CoordinatorClient, id: string, version: number): Promise<Fetched<FileBytes[]>> {
  const path = modelPath(id, version);
  const answer = await api.get(path);
  if (!answer.ok) return answer;
  const modelJson = new Uint8Array(await answer.value.arrayBuffer());
  const paths = weightsPaths(modelJson);
  if (!paths) return { ok: false, status: answer.value.status, retry: false, error: `${path}: the answer is not a LayersModel model.json` };
  const files: FileBytes[] = [{ name: 'model.json', bytes: modelJson }];
  for (const name of paths) {
    // Written under its own name next to model.json: a path that leaves the folder is refused.
    if (!/^[\w-][\w.-]*$/.test(name)) return { ok: false, status: null, retry: false, error: `${path}: weights path "${name}" is not a plain file name` };
    const weights = await api.get(new URL(name, new URL(path, api.baseUrl)).pathname);
    if (!weights.ok) return weights;
    files.push({ name, bytes: new Uint8Array(await weights.value.arrayBuffer()) });
  }
  return { ok: true, value: files };
}
