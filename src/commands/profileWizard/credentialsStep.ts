// The wizard's credentials step: what it asks depends on the auth kind (user and password, a token,
// a header, a token command, or nothing). The secret stays in the wizard until the profile is saved.
import { isHeaderName } from '../../airflow';
import { plainHttpWarning } from '../../profiles/urlChecks';
import { askText } from '../../ui/quickInput';
import { splitArgs } from './args';
import type { Wizard } from './wizardState';

export async function askCredentials(w: Wizard): Promise<boolean> {
  const { draft, editing, entry } = w;
  // A workspace profile's secret belongs to that workspace: the user-settings copy gets its own.
  const keep =
    editing && entry?.source === 'user' && editing.auth === draft.auth ? ' (leave empty to keep the stored one)' : '';
  const step = { title: w.title, step: 4, totalSteps: w.total, warning: plainHttpWarning(draft.url, draft.auth) };
  switch (draft.auth) {
    case 'basic':
    case 'jwt': {
      const user = await askText({
        ...step,
        warning: undefined,
        prompt: 'User name',
        value: draft.username ?? '',
        validate: (v) => (v.trim() ? undefined : 'Enter a user name.'),
      });
      if (user === undefined) return false;
      draft.username = user.trim();
      w.secret = await askText({
        ...step,
        prompt: `Password for ${draft.username}${keep}. Kept in VS Code's secret storage.`,
        password: true,
        validate: (v) => (v || keep ? undefined : 'Enter the password.'),
      });
      return w.secret !== undefined;
    }
    case 'bearer':
      w.secret = await askText({
        ...step,
        prompt: `API token${keep}. Kept in VS Code's secret storage.`,
        password: true,
        validate: (v) => (v || keep ? undefined : 'Enter the token.'),
      });
      return w.secret !== undefined;
    case 'header': {
      const name = await askText({
        ...step,
        warning: undefined,
        prompt: 'Header name',
        value: draft.headerName ?? 'Authorization',
        validate: (v) => (isHeaderName(v) ? undefined : 'Not a valid header name.'),
      });
      if (name === undefined) return false;
      draft.headerName = name;
      const prefix = await askText({
        ...step,
        warning: undefined,
        prompt: 'Value prefix, if any (e.g. "Token" or "Bearer"); leave empty for none',
        value: draft.headerPrefix ?? '',
      });
      if (prefix === undefined) return false;
      draft.headerPrefix = prefix.trim() || undefined;
      w.secret = await askText({
        ...step,
        prompt: `Header value${keep}. Kept in VS Code's secret storage.`,
        password: true,
        validate: (v) => (v || keep ? undefined : 'Enter the value.'),
      });
      return w.secret !== undefined;
    }
    case 'command': {
      const cmd = await askText({
        ...step,
        prompt: 'Command that prints a token (run without a shell)',
        value: w.tokenCommandText || 'gcloud auth print-access-token',
        validate: (v) => (splitArgs(v).length ? undefined : 'Enter a command.'),
      });
      if (cmd === undefined) return false;
      w.tokenCommandText = cmd;
      draft.tokenCommand = splitArgs(cmd);
      return true;
    }
    case 'none':
      return true;
  }
}
