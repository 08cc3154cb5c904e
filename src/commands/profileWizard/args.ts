// A token command as one line of text in the wizard and as its arguments in the profile; no shell is involved.

/** Splits a command line into arguments, honouring quotes; no shell is involved. */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  const re = /"((?:\\.|[^"\\])*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line))
    args.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]));
  return args;
}

export function quoteArg(a: string): string {
  return /[\s"']/.test(a) ? `"${a.replace(/(["\\])/g, '\\$1')}"` : a;
}
