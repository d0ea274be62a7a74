// Where the build puts the tfjs WASM binaries (client/vite.config.ts) and the worker finds them.
export const WASM_DIRECTORY = '/tfjs-wasm/';
