// The Graph's zoom (−, the zoom in percent, +, Fit, Ctrl+wheel) and panning by dragging its
// background: the scroller scrolls and the browser draws, nothing is laid out again.
import { el } from './dom';

/** The Graph's zoom, kept across redraws and tabs. */
let zoom = 1;
const ZOOM_STEPS = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3];

/** −, the zoom in percent (a click: 100 %), + and Fit; Ctrl+wheel zooms too. Scrolling pans. */
export function zoomBar(
  canvas: SVGSVGElement,
  size: { width: number; height: number },
  scroller: HTMLElement,
): HTMLElement {
  const label = el('button', { class: 'zoom-level', 'aria-label': 'Zoom to 100 %' });
  const apply = (z: number) => {
    zoom = Math.min(3, Math.max(0.1, z));
    canvas.setAttribute('width', String(Math.round(size.width * zoom)));
    canvas.setAttribute('height', String(Math.round(size.height * zoom)));
    label.textContent = `${Math.round(zoom * 100)} %`;
  };
  const step = (direction: 1 | -1) =>
    apply(
      direction > 0
        ? (ZOOM_STEPS.find((s) => s > zoom + 1e-6) ?? 3)
        : ([...ZOOM_STEPS].reverse().find((s) => s < zoom - 1e-6) ?? 0.1),
    );
  const button = (text: string, name: string, act: () => void) => {
    const b = el('button', { 'aria-label': name }, text);
    b.addEventListener('click', act);
    return b;
  };
  label.addEventListener('click', () => apply(1));
  scroller.addEventListener(
    'wheel',
    (e) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      step(e.deltaY < 0 ? 1 : -1);
    },
    { passive: false },
  );
  apply(zoom);
  const bar = el('div', { class: 'zoom', role: 'toolbar', 'aria-label': 'Zoom' });
  bar.append(
    button('−', 'Zoom out', () => step(-1)),
    label,
    button('+', 'Zoom in', () => step(1)),
    button('Fit', 'Zoom to fit', () =>
      apply(
        Math.min(1, scroller.clientWidth / Math.max(1, size.width), scroller.clientHeight / Math.max(1, size.height)),
      ),
    ),
  );
  return bar;
}

/** Dragging the graph's background pans it (the scroller scrolls, the browser draws). */
export function panByDragging(scroller: HTMLElement): void {
  let last: { x: number; y: number } | undefined;
  scroller.addEventListener('pointerdown', (e) => {
    if ((e.target as Element).closest('.node') || e.button !== 0) return;
    last = { x: e.clientX, y: e.clientY };
    scroller.setPointerCapture(e.pointerId);
    scroller.classList.add('panning');
  });
  scroller.addEventListener('pointermove', (e) => {
    if (!last) return;
    scroller.scrollBy(last.x - e.clientX, last.y - e.clientY);
    last = { x: e.clientX, y: e.clientY };
  });
  const stop = (e: PointerEvent) => {
    if (!last) return;
    last = undefined;
    scroller.releasePointerCapture(e.pointerId);
    scroller.classList.remove('panning');
  };
  scroller.addEventListener('pointerup', stop);
  scroller.addEventListener('pointercancel', stop);
}
