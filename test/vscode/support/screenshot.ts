import { uiAction } from './ui';

export {
  uiAction,
  uiAvailable,
  hover,
  click,
  pressKeys,
  typeText,
  waitForSelector,
  getText,
  getValue,
  getTextsOfAll,
  getAttribute,
  getAttributesOfAll,
  getStyle,
  countElements,
  mouseMove,
  setWindowFocus,
  resultsDir,
} from './ui';

/**
 * Takes a screenshot of the whole workbench (or of one element) through the
 * outer runner and returns the absolute path of the PNG:
 * <resultsDir>/screenshots/<name>.png.
 */
export async function screenshot(name: string, opts: { selector?: string; fullPage?: boolean } = {}): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`screenshot name must be [A-Za-z0-9_.-]+: ${name}`);
  return uiAction<string>({ action: 'screenshot', name, ...opts });
}
