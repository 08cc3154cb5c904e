// The Gantt on the page: a row per task instance in start order, its queued and running phases
// placed by fractions of the axis; the tries and times in its tooltip.
import type { GanttModel } from '../ganttModel';
import { el, stateName, stateWords } from './dom';

export function drawGantt(root: HTMLElement, gantt: GanttModel | undefined, select: (ref: string) => void): void {
  if (!gantt || gantt.bars.length === 0) {
    root.replaceChildren(el('p', { class: 'empty' }, 'No task instance of this run has been queued yet.'));
    return;
  }
  const list = el('div', {
    class: 'gantt',
    role: 'list',
    'aria-label': `Task instances of run ${gantt.runId} in start order`,
  });
  for (const bar of gantt.bars) {
    const words = `${bar.label}: ${stateWords(bar.state)}, try ${bar.tryNumber}; queued ${bar.queuedAt ?? '–'}, started ${bar.startDate ?? '–'}, ended ${bar.endDate ?? '–'}`;
    const row = el('div', {
      class: 'gantt-row',
      role: 'listitem',
      tabindex: '0',
      'data-key': bar.key,
      'data-start': bar.startDate ?? '',
      'aria-label': words,
      title: words,
    });
    row.append(el('span', { class: 'gantt-label' }, bar.label));
    const track = el('div', { class: 'gantt-track' });
    for (const [phase, span] of [
      ['queued', bar.queued],
      ['running', bar.running],
    ] as const) {
      if (!span) continue;
      const part = el('div', { class: `phase ${phase}`, 'data-state': stateName(bar.state) });
      part.style.left = `${(span.from * 100).toFixed(3)}%`;
      part.style.width = `${Math.max(0.2, (span.to - span.from) * 100).toFixed(3)}%`;
      track.append(part);
    }
    row.append(track);
    row.addEventListener('click', () => select(bar.key));
    row.addEventListener('keydown', (e) => e.key === 'Enter' && select(bar.key));
    list.append(row);
  }
  root.replaceChildren(list);
}
