// `npm test` runs this first: when something the tests need is missing, it stops at once with one
// line naming the command that fixes it. Plain JavaScript, so that any Node runs it.
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_MODULES, OWN_NODE_PACKAGE } from '../client/cli/link-node.mjs';

/** Where the browser tests start Chromium (tests/e2e/harness/browser.ts, tests/dashboard/chromium.ts). */
const CHROMIUM = '/usr/bin/chromium';
/** wrangler, miniflare and vitest need it; the scripts get the project's Node 24 from node_modules/.bin. */
const NODE_NEEDED = [22, 12];

const problem = dependenciesProblem() ?? nodeProblem() ?? chromiumProblem();
if (problem) {
  console.error(`npm test cannot start: ${problem}`);
  process.exit(1);
}
console.log(`npm test: node ${process.version} (${process.execPath}), chromium ${CHROMIUM}`);

function dependenciesProblem() {
  return existsSync(join(NODE_MODULES, '.bin/vitest')) ? null : 'the dependencies are not installed: run `npm install`';
}

function nodeProblem() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > NODE_NEEDED[0] || (major === NODE_NEEDED[0] && minor >= NODE_NEEDED[1])) return null;
  const found = `Node ${process.version} runs the scripts, and they need ${NODE_NEEDED.join('.')} or newer`;
  if (!OWN_NODE_PACKAGE) {
    return `${found}; the project brings Node 24 only for Linux and macOS on x64 and arm64: install Node 22.12 or newer (https://nodejs.org)`;
  }
  if (!existsSync(join(NODE_MODULES, OWN_NODE_PACKAGE, 'bin/node'))) {
    return `${found}, and the project's own Node (${OWN_NODE_PACKAGE}, an optional dependency) is not installed: run \`npm install --include=optional\``;
  }
  if (!existsSync(join(NODE_MODULES, '.bin/node'))) {
    return `${found}, and node_modules/.bin/node is missing: run \`node client/cli/link-node.mjs\``;
  }
  return `${found}; node_modules/.bin/node is Node 24 but was not first on PATH: run the tests as \`npm test\``;
}

function chromiumProblem() {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return null;
  } catch {
    return `the browser tests need Chromium at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\``;
  }
}
