// A rendered SVG as a PNG, drawn by the real Chromium (the browser the tests already need), so the
// raster matches what a browser shows. Node only.
import { chromium } from 'playwright-core';

/** Debian's Chromium; nothing downloads a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export type PngRender = { ok: true; png: Uint8Array } | { ok: false; error: string };

/** `scale` is the device pixel ratio: 2 gives a crisp image on high-density screens. */
export async function renderPng(svg: string, scale = 2): Promise<PngRender> {
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless', '--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  } catch (error) {
    return { ok: false, error: `renderPng: cannot start Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium): ${(error as Error).message.split('\n')[0]}` };
  }
  try {
    const page = await browser.newPage({ deviceScaleFactor: scale });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:white">${svg}</body></html>`);
    const png = await page.locator('svg').first().screenshot({ type: 'png' });
    return { ok: true, png: new Uint8Array(png) };
  } finally {
    await browser.close();
  }
}
