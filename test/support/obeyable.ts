// What VS Code would act on in a string it shows (issue 23): the tests' own statement of it.

/**
 * What VS Code's notifications turn into a link (base/common/linkedText.ts, read for the rule and
 * restated here): `[`, a label without `]`, `](`, then a target starting with http(s)://, command:
 * or file: and running to `)` without spaces, an optional quoted title.
 */
export const NOTIFICATION_LINK = /\[[^\]]+\]\((?:https?:\/\/|command:|file:)[^)\s]+(?: (["']).+?\1)?\)/i;
/** What the status bar, quick picks and code lenses draw as an icon. */
export const ICON = /\$\([a-z0-9-]+(?:~[a-z0-9-]*)?\)/i;
/** A bare address VS Code would open or run. */
export const BARE_SCHEME = /\b(?:command|file|vscode(?:-insiders|-remote)?):/i;
// eslint-disable-next-line no-control-regex
export const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/** True when `shown` would do something in VS Code rather than be read. */
export function obeyable(shown: string): boolean {
  return NOTIFICATION_LINK.test(shown) || ICON.test(shown) || BARE_SCHEME.test(shown) || CONTROL_OR_BIDI.test(shown);
}
