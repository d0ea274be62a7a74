// Node-only data exports: reading dataset files from disk and the prepare step.
export * from './index.ts';
export { DEBIAN_FASHION_MNIST_DIR, loadDatasetFiles, openDataset, type FilesLoad } from './dataset-files-node.ts';
export { prepareDataset, type PrepareOptions, type PrepareResult } from './prepare-node.ts';
