// The add/edit connection wizard, a chunk of its own (dist/wizard.js, see esbuild.mjs): its entry point.
export { editFlow } from './editFlow';
export { splitArgs } from './args';
