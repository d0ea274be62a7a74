// Which admin token a CLI sends: the operator's, or the fixed dev token for a coordinator that
// `wrangler dev` runs on this machine (and only there).

/** What `wrangler dev` sets as ADMIN_TOKEN; only ever sent to a coordinator on this machine. */
export const DEV_ADMIN_TOKEN = 'dev-admin-token';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** AUTOGROW_ADMIN_TOKEN when set; else the dev token for a local coordinator, nothing for a remote one. */
export function adminTokenFor(coordinatorUrl: string, env: Record<string, string | undefined>): string | undefined {
  if (env.AUTOGROW_ADMIN_TOKEN) return env.AUTOGROW_ADMIN_TOKEN;
  return LOCAL_HOSTS.has(new URL(coordinatorUrl).hostname) ? DEV_ADMIN_TOKEN : undefined;
}
