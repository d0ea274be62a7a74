// Puts a study's outputs on disk: docs/study/NAME.json, NAME.md, NAME.svg and NAME.png (the PNG
// drawn by Chromium; without it the SVG alone is written and the reason returned). Node only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPng } from '../plot/render-png.ts';
import { renderSvg } from '../plot/render-svg.ts';
import type { Study, StudyResults } from './study.ts';
import { studyJson, studyMarkdown, studyPlot, type StudyMeta } from './study-output.ts';

export interface Written {
  files: string[];
  /** Why the PNG is missing, when it is. */
  warning: string | null;
}

export async function writeStudy(dir: string, study: Study, results: StudyResults, meta: StudyMeta): Promise<Written> {
  mkdirSync(dir, { recursive: true });
  const path = (ext: string): string => join(dir, `${study.name}.${ext}`);
  writeFileSync(path('json'), `${JSON.stringify(studyJson(study, results, meta), null, 2)}\n`);
  writeFileSync(path('md'), studyMarkdown(study, results, meta));
  const svg = await renderSvg(studyPlot(study, results));
  writeFileSync(path('svg'), svg);
  const files = [path('json'), path('md'), path('svg')];
  const png = await renderPng(svg);
  if (!png.ok) return { files, warning: png.error };
  writeFileSync(path('png'), png.png);
  return { files: [...files, path('png')], warning: null };
}
