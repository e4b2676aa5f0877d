/**
 * Printing a chapter. Paper cannot run a figure, so just before printing each figure is
 * turned into what it shows at that moment, and just after, it is turned back:
 *
 * - every drawn canvas is swapped for an `<img>` of its pixels. A canvas is a live surface
 *   whose print is up to the browser (and a WebGL one may print empty); an image is a
 *   document the print engine lays out, scales and paginates like any other picture;
 * - a blank canvas (a figure that never woke, a model not run yet) is hidden rather than
 *   printed as an empty box; a figure that never woke prints its words and numbers and a
 *   note that says why its pictures are missing;
 * - a slider whose value shows nowhere else prints its value as words;
 * - every figure's text alternative is opened, so its table or description prints.
 *
 * The print stylesheet (src/styles/print.css) hides the controls. Chromium fires
 * `beforeprint` for the print dialog and for `page.pdf()` alike, and lays out the page for
 * paper as soon as the handler returns, so the swap must be synchronous: `toDataURL` (the
 * one synchronous way to read a canvas) gives the PNG, which becomes a blob: URL (the CSP
 * allows `img-src blob:` and no `data:`). An image that has not decoded by then would print
 * as nothing, so its canvas stays in place until the image has loaded.
 */

/** On a canvas replaced by its image, while the image shows. */
const SWAPPED = 'data-print-swapped';
/** On a canvas with nothing drawn: hidden on paper. */
const BLANK = 'data-print-blank';
/** On an image standing in for a canvas; `pending` until it has loaded. */
const SNAPSHOT = 'data-print-snapshot';
/** On the text that stands in for a slider on paper. */
const READING = 'data-print-reading';
/** On a figure that never woke: only its words and numbers print. */
const ASLEEP = 'data-print-asleep';
/** On the note a figure that never woke prints above its table. */
const NOTE = 'data-print-note';

type Undo = () => void;

/** The computed properties that place and frame a canvas; copied to its image. */
const SIDES = ['top', 'right', 'bottom', 'left'] as const;
const CORNERS = ['top-left', 'top-right', 'bottom-right', 'bottom-left'] as const;
const LAYOUT = [
  'display',
  'position',
  'box-sizing',
  'vertical-align',
  'image-rendering',
  'background-color',
  'outline-style',
  'outline-width',
  'outline-color',
  'outline-offset',
  'grid-row-start',
  'grid-row-end',
  'grid-column-start',
  'grid-column-end',
  'align-self',
  'justify-self',
  'z-index',
  ...SIDES.flatMap((s) => [s, `margin-${s}`, `padding-${s}`]),
  ...SIDES.flatMap((s) => [`border-${s}-width`, `border-${s}-style`, `border-${s}-color`]),
  ...CORNERS.map((c) => `border-${c}-radius`),
];

/** Turns every figure under `root` into its printable form; returns what undoes it. */
export function preparePrint(root: ParentNode = document): Undo {
  const undo: Undo[] = [];
  for (const figure of root.querySelectorAll<HTMLElement>('figure[data-figure]')) {
    for (const details of figure.querySelectorAll<HTMLDetailsElement>(
      'details.figure-alternative',
    )) {
      if (details.open) continue;
      details.open = true;
      undo.push(() => (details.open = false));
    }
    // Blank canvases in the flow are the empty boxes; a blank one laid over a chart (a
    // background field, a layer of moving points) leaves the chart readable.
    let emptyBoxes = 0;
    for (const canvas of figure.querySelectorAll('canvas')) {
      const inFlow = getComputedStyle(canvas).position !== 'absolute';
      const swap = printCanvas(canvas);
      if (!swap) continue;
      if (canvas.hasAttribute(BLANK) && inFlow) emptyBoxes++;
      undo.push(swap);
    }
    for (const slider of figure.querySelectorAll<HTMLInputElement>('input[type="range"]')) {
      const reading = printSlider(slider);
      if (reading) undo.push(reading);
    }
    if (emptyBoxes > 0 && figure.dataset['hydrated'] !== 'true') undo.push(asleep(figure));
  }
  return () => undo.reverse().forEach((step) => step());
}

/** Swaps a canvas for its image, or hides it if blank; null if it is not displayed at all. */
function printCanvas(canvas: HTMLCanvasElement): Undo | null {
  const box = canvas.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return null;
  if (canvas.width === 0 || canvas.height === 0 || isBlank(canvas)) {
    canvas.setAttribute(BLANK, '');
    return () => canvas.removeAttribute(BLANK);
  }
  const url = URL.createObjectURL(pngOf(canvas));
  const img = canvas.ownerDocument.createElement('img');
  img.setAttribute(SNAPSHOT, 'pending');
  img.alt = canvas.getAttribute('aria-label') ?? '';
  img.decoding = 'sync';
  copyLayout(canvas, img, box);
  const show = () => {
    img.setAttribute(SNAPSHOT, 'loaded');
    canvas.setAttribute(SWAPPED, '');
  };
  img.addEventListener('load', show, { once: true });
  img.src = url;
  canvas.after(img);
  if (img.complete && img.naturalWidth > 0) show();
  return () => {
    img.removeEventListener('load', show);
    img.remove();
    URL.revokeObjectURL(url);
    canvas.removeAttribute(SWAPPED);
  };
}

/**
 * The print stylesheet hides sliders. Where the slider was the only place its value showed
 * (no number beside it), its spoken value (`aria-valuetext`) prints in its place.
 */
function printSlider(slider: HTMLInputElement): Undo | null {
  const spoken = slider.getAttribute('aria-valuetext');
  const shown = slider.parentElement?.textContent ?? '';
  // A slider over a list of values (index 4 → 0.002) shows the value, not the index.
  if (!spoken || shown.includes(slider.value) || shown.includes(spoken)) return null;
  const reading = slider.ownerDocument.createElement('span');
  reading.setAttribute(READING, '');
  reading.textContent = spoken;
  slider.after(reading);
  return () => reading.remove();
}

/** True when no pixel has been drawn (every alpha is 0). */
function isBlank(canvas: HTMLCanvasElement): boolean {
  // A WebGL canvas has no 2-D context to read: treat it as drawn.
  const ctx = canvas.getContext('2d');
  if (!ctx) return false;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return false;
  return true;
}

/** The canvas's pixels as a PNG blob, read synchronously. */
function pngOf(canvas: HTMLCanvasElement): Blob {
  const url = canvas.toDataURL('image/png');
  const binary = atob(url.slice(url.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: 'image/png' });
}

/**
 * Gives the image the canvas's place, frame and scaling. Sizes are measured on screen,
 * but paper may be narrower: a canvas that filled its box fills it on paper too, and the
 * aspect ratio, not a fixed height, keeps its shape when it shrinks.
 */
function copyLayout(canvas: HTMLCanvasElement, img: HTMLImageElement, box: DOMRect) {
  const view = canvas.ownerDocument.defaultView ?? window;
  const style = view.getComputedStyle(canvas);
  for (const name of LAYOUT) img.style.setProperty(name, style.getPropertyValue(name));
  const parent = canvas.parentElement;
  const absolute = style.position === 'absolute';
  const fills = (size: number, inner: number) => Math.abs(size - inner) < 1;
  let fullWidth = false;
  let fullHeight = false;
  if (parent) {
    const p = view.getComputedStyle(parent);
    const padX = absolute ? 0 : parseFloat(p.paddingLeft) + parseFloat(p.paddingRight);
    const padY = absolute ? 0 : parseFloat(p.paddingTop) + parseFloat(p.paddingBottom);
    fullWidth = fills(box.width, parent.clientWidth - padX);
    fullHeight = absolute && fills(box.height, parent.clientHeight - padY);
  }
  img.style.width = fullWidth ? '100%' : `${box.width}px`;
  img.style.maxWidth = '100%';
  img.style.height = fullHeight ? '100%' : 'auto';
  img.style.aspectRatio = `${box.width} / ${box.height}`;
}

/**
 * A figure that never woke has only empty boxes where its pictures go (its poster is drawn
 * on the server, which has no canvas), so it prints as its title, a note, its caption and
 * its text alternative, which carries its content in words and numbers.
 */
function asleep(figure: HTMLElement): Undo {
  const note = figure.ownerDocument.createElement('p');
  note.setAttribute(NOTE, '');
  note.textContent =
    'This figure draws its pictures live and had not started when the page was printed ' +
    '(open the page and scroll to it to see them); here it is in words and numbers.';
  (figure.querySelector('.figure-body') ?? figure.firstElementChild)?.before(note);
  figure.setAttribute(ASLEEP, '');
  return () => {
    note.remove();
    figure.removeAttribute(ASLEEP);
  };
}

/** Prepares the page for every print (dialog, Ctrl+P, `page.pdf()`) and restores it after. */
export function installPrint(view: Window = window) {
  let restore: Undo | null = null;
  view.addEventListener('beforeprint', () => {
    restore?.();
    restore = preparePrint(view.document);
  });
  view.addEventListener('afterprint', () => {
    restore?.();
    restore = null;
  });
}
