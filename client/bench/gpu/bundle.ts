// `npm run bench:gpu:bundle [-- --vulkan-deb FILE]`: packs the WebGPU benchmark for a Linux x64
// machine with a GPU and no network into dist/gpu-bench/ (about 40 MB, to travel as a carried
// build folder): the benchmark bundled into one file, this Node binary and Dawn's addon
// (xz-compressed), the Vulkan loader when one is at hand, run.sh, and RUN.txt saying how to run it.
import { build } from 'esbuild';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../../cli/coordinator-process.ts';
import { defaultDawnPath } from './node-webgpu.ts';

const OUT = resolve(REPO_ROOT, 'dist/gpu-bench');

const RUN_SH = `#!/bin/sh
# ResNet-20 training through tfjs-backend-webgpu on this machine's GPU (Dawn over Vulkan), with
# the Node and Dawn that came in this folder. Arguments go to the benchmark (--batch, --steps).
set -e
here=$(cd "$(dirname "$0")" && pwd)
work="\${TMPDIR:-/tmp}/autogrow-gpu-bench"
mkdir -p "$work"
unxz_to() {
  if command -v xz >/dev/null 2>&1; then xz -dc "$1" > "$2"
  else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi
}
[ -x "$work/node" ] || { unxz_to "$here/node.xz" "$work/node"; chmod +x "$work/node"; }
[ -f "$work/dawn.node" ] || unxz_to "$here/dawn.node.xz" "$work/dawn.node"
# Dawn opens libvulkan.so.1; a machine without the loader gets the one carried here.
if ! ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1 ' && [ -f "$here/libvulkan.so.1" ]; then
  export LD_LIBRARY_PATH="$here\${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# Containers with NVIDIA's runtime mount the driver's Vulkan ICD under /usr/local/nvidia.
nvidia_icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
if [ -z "$VK_DRIVER_FILES" ] && [ -f "$nvidia_icd" ] && ! ls /usr/share/vulkan/icd.d/*nvidia* /etc/vulkan/icd.d/*nvidia* >/dev/null 2>&1; then
  export VK_DRIVER_FILES="$nvidia_icd"
fi
"$work/node" --version >/dev/null
echo "node $("$work/node" --version), Vulkan loader: $(ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1 ' && echo system || echo carried), VK_DRIVER_FILES=\${VK_DRIVER_FILES:-unset}"
exec "$work/node" "$here/webgpu-bench.mjs" --dawn "$work/dawn.node" "$@"
`;

function xz(source: string, target: string): void {
  if (existsSync(target) && statSync(target).mtimeMs > statSync(source).mtimeMs) return;
  execFileSync('sh', ['-c', 'xz -T0 -6 -c "$0" > "$1"', source, target], { stdio: 'inherit' });
}

/** libvulkan.so.1 from a libvulkan1 .deb, else this machine's; null when there is none. */
function vulkanLoader(deb: string | undefined): { path: string; from: string } | null {
  if (deb) {
    const unpacked = mkdtempSync(join(tmpdir(), 'autogrow-vulkan-'));
    execFileSync('dpkg-deb', ['-x', deb, unpacked]);
    const found = spawnSync('sh', ['-c', 'find "$0" -name "libvulkan.so.1*" -type f | head -1', unpacked], { encoding: 'utf8' }).stdout.trim();
    return found ? { path: found, from: deb } : null;
  }
  const line = spawnSync('sh', ['-c', 'ldconfig -p | grep "libvulkan.so.1 "'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  const path = line?.split('=> ')[1];
  return path && existsSync(path) ? { path, from: 'this machine' } : null;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'vulkan-deb': { type: 'string' } } });
  if (values['vulkan-deb'] && !existsSync(values['vulkan-deb'])) {
    process.stderr.write(`--vulkan-deb: no file ${values['vulkan-deb']}\n`);
    return 2;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') process.stdout.write(`note: this Node is ${process.platform}-${process.arch}; the bundle runs only where that matches\n`);
  mkdirSync(OUT, { recursive: true });
  for (const name of readdirSync(OUT)) if (!name.endsWith('.xz')) rmSync(join(OUT, name), { recursive: true, force: true });
  await build({
    entryPoints: [resolve(REPO_ROOT, 'client/bench/gpu/webgpu-bench.ts')],
    outfile: join(OUT, 'webgpu-bench.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // The bundled CommonJS parts of tfjs call require; an ES module has none of its own.
    banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  xz(process.execPath, join(OUT, 'node.xz'));
  xz(defaultDawnPath(import.meta.url), join(OUT, 'dawn.node.xz'));
  const loader = vulkanLoader(values['vulkan-deb']);
  if (loader) copyFileSync(loader.path, join(OUT, 'libvulkan.so.1'));
  writeFileSync(join(OUT, 'run.sh'), RUN_SH);
  chmodSync(join(OUT, 'run.sh'), 0o755);
  const carried = loader ? `the Vulkan loader libvulkan.so.1 (from ${loader.from}), used where the machine has none` : 'no Vulkan loader: the GPU machine must have libvulkan.so.1 (Debian/Ubuntu libvulkan1); `apt-get download libvulkan1` here and bundle again with --vulkan-deb FILE to carry one';
  writeFileSync(join(OUT, 'RUN.txt'), [
    'ResNet-20 training through tfjs-backend-webgpu on a GPU, for a Linux x64 machine without network.',
    'Carry this folder (dist/gpu-bench) with the working tree, then on that machine, from the repository root:',
    '',
    '  sh dist/gpu-bench/run.sh                       # batches 64 and 256, 10 timed steps each',
    '  sh dist/gpu-bench/run.sh --batch 128 --steps 20',
    '',
    `It carries Node ${process.version} (node.xz), Dawn's dawn.node from the npm package webgpu (dawn.node.xz), and ${carried}.`,
    'It needs the GPU driver\'s Vulkan ICD (NVIDIA: nvidia_icd.json; run.sh points VK_DRIVER_FILES at /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json when only that one exists).',
    'Without an adapter it says "no WebGPU adapter" and exits 1 having measured nothing.',
    '',
  ].join('\n'));
  const size = readdirSync(OUT).reduce((sum, name) => sum + statSync(join(OUT, name)).size, 0);
  process.stdout.write(`dist/gpu-bench: ${readdirSync(OUT).join(', ')} (${(size / 2 ** 20).toFixed(1)} MiB)\nrun there: sh dist/gpu-bench/run.sh\n${loader ? '' : `warning: ${carried}\n`}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
