// The DAG-file features, one chunk of the bundle (dist/dagFiles.js, see esbuild.mjs): loaded by
// dagFileFeatures.ts when a Python file is first on screen, never at activation.
export { DagFiles } from './dagFiles';
export { DagLenses } from './dagLenses';
