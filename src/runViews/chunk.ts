// The run views' chunk (dist/runViews.js), loaded when the first panel opens or is restored.
export { RunViewPanels } from './runViewPanel';
