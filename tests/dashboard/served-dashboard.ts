// The browser tests' setup: the dashboard built once, served by the fixture coordinator from the
// snapshot `startAt`, and one Chromium, all torn down after the file's tests.
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildDashboard } from './build-dashboard.ts';
import { launchChromium } from './chromium.ts';
import { startFixtureCoordinator, type FixtureCoordinator } from './fixture-coordinator.ts';

export const ARTIFACTS = resolve(import.meta.dirname, '../../artifacts');

export interface ServedDashboard {
  readonly coordinator: FixtureCoordinator;
  readonly browser: Browser;
}

export function servedDashboard(startAt: number): ServedDashboard {
  let buildDir: string | undefined;
  let coordinator: FixtureCoordinator | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    buildDir = await buildDashboard();
    coordinator = await startFixtureCoordinator(buildDir, startAt);
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await coordinator?.close();
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });
  return {
    get coordinator() {
      return coordinator!;
    },
    get browser() {
      return browser!;
    },
  };
}
