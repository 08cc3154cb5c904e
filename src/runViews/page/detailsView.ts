// The details strip of the selected task instance, and its actions (through the extension's commands).
import type { TaskAction, TaskDetails } from '../protocol';
import { el, stateName, stateWords } from './dom';

const ACTIONS: [TaskAction, string][] = [
  ['openLog', 'Open Log'],
  ['clear', 'Clear…'],
  ['mark', 'Mark…'],
  ['openInWebUi', 'Open in Web UI'],
];

/** What each strip shows: a refresh that changes nothing in it leaves it (and its buttons) as they are. */
const drawnDetails = new WeakMap<HTMLElement, string>();

export function drawDetails(
  root: HTMLElement,
  d: TaskDetails | undefined,
  act: (a: TaskAction, ref: string) => void,
): void {
  const key = JSON.stringify(d ?? null);
  if (drawnDetails.get(root) === key) return;
  drawnDetails.set(root, key);
  if (!d) {
    root.replaceChildren(el('p', { class: 'hint' }, 'Select a cell to see its task instance.'));
    return;
  }
  const facts = el('dl', { class: 'facts' });
  const fact = (name: string, value: string | null) => {
    if (value === null || value === '') return;
    facts.append(el('dt', {}, name), el('dd', {}, value));
  };
  fact('Task', d.label);
  fact('State', stateWords(d.state));
  fact('Try', String(d.tryNumber));
  fact('Started', d.startDate);
  fact('Ended', d.endDate);
  fact('Duration', d.duration);
  fact('Operator', d.operator);
  fact('Host', d.hostname);
  fact('Queue', d.queue);
  const buttons = el('div', { class: 'actions', role: 'toolbar', 'aria-label': `Actions on ${d.label}` });
  for (const [action, title] of ACTIONS) {
    const b = el('button', {}, title);
    b.addEventListener('click', () => act(action, d.ref));
    buttons.append(b);
  }
  const strip = el('section', {
    class: 'details',
    'data-state': stateName(d.state),
    'aria-label': `Details of ${d.label}`,
  });
  strip.append(facts, buttons);
  root.replaceChildren(strip);
}
