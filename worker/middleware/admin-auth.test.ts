import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../app.ts';

const createRun = (bindings: Partial<typeof env>, authorization?: string) =>
  app.request('/api/runs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) },
    body: JSON.stringify({ preset: 'tiny' }),
  }, { ...env, ...bindings });

describe('adminAuth', () => {
  it('turns admin routes off (503) when no ADMIN_TOKEN is configured, whatever is sent', async () => {
    const response = await createRun({ ADMIN_TOKEN: undefined }, 'Bearer anything');
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: expect.stringContaining('set the ADMIN_TOKEN secret') });
  });

  it('refuses a missing, malformed or wrong token (401)', async () => {
    for (const authorization of [undefined, 'secret', 'Bearer', 'Basic abc', 'Bearer wrong']) {
      expect((await createRun({ ADMIN_TOKEN: 'secret' }, authorization)).status).toBe(401);
    }
  });

  it('lets the configured token through', async () => {
    expect((await createRun({ ADMIN_TOKEN: 'secret' }, 'Bearer secret')).status).toBe(201);
  });
});
