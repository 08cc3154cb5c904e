// The one list of tests that may be skipped, each only where it does not apply. Any other
// skipped test fails `npm test` (a skipped test is a failing one): the runner prints both kinds.
// `title`: a part of the test's full title; `applies(fullTitle)`: false where the test cannot run
// here (a VS Code suite's full title names the VS Code it ran in).
export const NOT_APPLICABLE = [
  { title: 'refuses a named pipe at once', applies: () => process.platform !== 'win32', why: 'Windows has no mkfifo' },
  { title: 'refuses a device', applies: () => process.platform !== 'win32', why: 'Windows has no /dev/zero' },
  {
    title: 'http.noProxy and NO_PROXY bypass the proxy',
    applies: (fullTitle) => !/\(VS Code 1\.(9[0-2])\./.test(fullTitle),
    why: 'VS Code before 1.93 has no http.noProxy setting',
  },
];

/** Splits skipped test titles into those declared not applicable here and the rest. */
export function sortSkipped(titles) {
  const declared = [];
  const undeclared = [];
  for (const title of titles) {
    const entry = NOT_APPLICABLE.find((e) => title.includes(e.title) && !e.applies(title));
    if (entry) declared.push(`${title} (not applicable: ${entry.why})`);
    else undeclared.push(title);
  }
  return { declared, undeclared };
}
