// Types the test bindings: `env` from cloudflare:workers is the coordinator's Env, and `exports`
// the worker's main module.
type CoordinatorEnv = import('../../worker/env.ts').Env;

declare namespace Cloudflare {
  interface Env extends CoordinatorEnv {}
  interface GlobalProps {
    mainModule: typeof import('../../worker/index.ts');
    durableNamespaces: 'RunObject' | 'RunRegistry' | 'RunAssigner';
  }
}
