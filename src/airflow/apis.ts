// Both API generations, one chunk of the bundle (dist/api.js, see esbuild.mjs): activation needs
// neither, and they share their log parsers.
export { V1_FORBIDDEN_PROBE, V1Api } from './v1';
export { V2Api } from './v2';
