// Builds the browser side into dist/client, which wrangler serves as static assets: the contribute
// page at /, the dashboard at /dashboard/ (once client/dashboard/index.html exists), and the tfjs
// WASM binaries. The prepared data shards live in dist/client/data, so the build never empties
// the folder: it removes only what it wrote itself.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { WASM_DIRECTORY } from './page/wasm-directory.ts';

const clientDir = fileURLToPath(new URL('.', import.meta.url));
const outDir = resolve(clientDir, '../dist/client');
const dashboardHtml = resolve(clientDir, 'dashboard/index.html');
const wasmBinaries = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']
  .map((name) => resolve(clientDir, '../node_modules/@tensorflow/tfjs-backend-wasm/dist', name));
/** Everything the build writes; data/ and anything else in dist/client is not the build's. */
const BUILD_OUTPUTS = ['index.html', 'assets', 'dashboard', WASM_DIRECTORY.replace(/\//g, ''), '_headers'];

/** Removes the previous build's files before writing new ones, and nothing else. */
function cleanBuildOutputs(): Plugin {
  return {
    name: 'autogrow:clean-build-outputs',
    apply: 'build',
    buildStart() {
      for (const name of BUILD_OUTPUTS) rmSync(resolve(outDir, name), { recursive: true, force: true });
    },
  };
}

/** The page's source sits in client/page/, but it is the site's front page. */
function pageAtRoot(): Plugin {
  return {
    name: 'autogrow:page-at-root',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['page/index.html'];
      if (page?.type !== 'asset') this.error('autogrow:page-at-root: the build has no page/index.html');
      delete bundle['page/index.html'];
      this.emitFile({ type: 'asset', fileName: 'index.html', source: page.source });
    },
  };
}

/** tfjs-backend-wasm fetches its binaries at run time; the worker points setWasmPaths here. */
function tfjsWasmBinaries(): Plugin {
  return {
    name: 'autogrow:tfjs-wasm-binaries',
    apply: 'build',
    generateBundle() {
      for (const path of wasmBinaries) {
        this.emitFile({ type: 'asset', fileName: `${WASM_DIRECTORY.slice(1)}${basename(path)}`, source: readFileSync(path) });
      }
    },
  };
}

export default defineConfig({
  root: clientDir,
  base: '/',
  // client/page/public holds _headers: COOP and COEP for the static files too, so the page is
  // cross-origin isolated and WASM may use threads.
  publicDir: resolve(clientDir, 'page/public'),
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2022',
    // tfjs-backend-wasm starts its threads from the source text of a function (Function.toString);
    // a minifier renames what that text refers to, and the threads die with "e is not defined".
    minify: false,
    rolldownOptions: {
      input: { page: resolve(clientDir, 'page/index.html'), ...(existsSync(dashboardHtml) ? { dashboard: dashboardHtml } : {}) },
    },
  },
  worker: { format: 'es' },
  plugins: [cleanBuildOutputs(), pageAtRoot(), tfjsWasmBinaries()],
});
