// One vitest run over every test layer; each layer is a project config beside this file.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { projects: ['./vitest.*.config.ts'] },
});
