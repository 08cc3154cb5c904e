// The DAG-file features, one chunk of the bundle (dist/dagFiles.js, see esbuild.mjs): loaded by
// dagFileFeatures.ts when a Python file is first on screen, never at activation.
export { DagFiles } from './dagFiles';
export { DagLenses } from './dagLenses';
// What the language-model tools use to map a file to its deployed DAGs, as the lenses do.
export { findDagDefinitions } from './dagIds';
export { sameSource } from './lensText';
export { sameFile } from './paths';
export { localPathOf } from './workspacePaths';
