// A real headless Chromium (the Debian package, never a downloaded one), with or without a
// WebGPU adapter: --enable-unsafe-webgpu gives WebGPU on SwiftShader; without it there is none.
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

const QUIET_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--mute-audio',
  // Pages in the background keep training at full speed: no timer throttling.
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
];

export function launchChromium(options: { webgpu: boolean }): Promise<Browser> {
  const args = options.webgpu ? [...QUIET_ARGS, '--enable-unsafe-webgpu', '--disable-gpu-watchdog'] : QUIET_ARGS;
  return chromium.launch({ executablePath: CHROMIUM, args });
}
