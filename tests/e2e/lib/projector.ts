/**
 * The projector check: is every piece of text in a figure's presenter mode big enough and
 * dark enough to read from the back of a classroom? Issue 8 asks for text ≥ 24 px and a
 * contrast ≥ 7:1 at 1024×768 (axe's color-contrast-enhanced lets large text off at 4.5:1,
 * which is weaker, so the contrast is computed here).
 *
 * `scanPresenter` runs inside the page. Playwright cannot pass functions into a page, so
 * it is sent as source text together with the colour functions it calls; for that reason
 * every function below may use only the others in this file and the browser's globals.
 * The colour functions are pure and unit-tested (tests/unit/projectorContrast.test.ts).
 */
import type { Page } from 'playwright-core';

/** An sRGB colour: red, green, blue in 0…255 and alpha in 0…1. */
export type Rgba = [number, number, number, number];

/**
 * Reads the colour forms a computed style returns (`rgb()`, `rgba()`, `color(srgb …)`,
 * `transparent`) and hex; null for anything else (the page then asks a canvas).
 */
export function parseColor(css: string): Rgba | null {
  const text = css.trim().toLowerCase();
  if (text === 'transparent') return [0, 0, 0, 0];
  const hex = /^#([0-9a-f]{3,8})$/.exec(text)?.[1];
  if (hex) {
    if (hex.length === 5 || hex.length === 7) return null;
    const digits = hex.length <= 4 ? [...hex].map((d) => d + d) : (hex.match(/../g) ?? []);
    const [r = 0, g = 0, b = 0, a = 255] = digits.map((d) => parseInt(d, 16));
    return [r, g, b, a / 255];
  }
  const call = /^(rgba?|color)\((.*)\)$/.exec(text);
  if (!call) return null;
  const srgb = call[1] === 'color';
  let body = call[2] ?? '';
  if (srgb) {
    if (!body.startsWith('srgb ')) return null;
    body = body.slice(5);
  }
  const parts = body
    .replace('/', ' ')
    .split(/[\s,]+/)
    .filter((p) => p !== '');
  if (parts.length < 3 || parts.length > 4) return null;
  const channel = (p: string) =>
    p.endsWith('%') ? (parseFloat(p) / 100) * 255 : parseFloat(p) * (srgb ? 255 : 1);
  const alpha = (p = '1') => (p.endsWith('%') ? parseFloat(p) / 100 : parseFloat(p));
  const rgba: Rgba = [channel(parts[0]!), channel(parts[1]!), channel(parts[2]!), alpha(parts[3])];
  return rgba.some(Number.isNaN) ? null : rgba;
}

/** `top` painted over `bottom` (source-over), as a straight-alpha colour. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const alpha = top[3] + bottom[3] * (1 - top[3]);
  if (alpha === 0) return [0, 0, 0, 0];
  const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / alpha;
  return [mix(0), mix(1), mix(2), alpha];
}

/** WCAG 2 relative luminance of an sRGB colour, ignoring alpha: 0 for black, 1 for white. */
export function relativeLuminance(colour: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(colour[0]) + 0.7152 * linear(colour[1]) + 0.0722 * linear(colour[2]);
}

/** WCAG 2 contrast ratio of two opaque colours, from 1 (the same) to 21 (black on white). */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * The contrast of text in `ink` over background `layers` (topmost first) painted on `base`:
 * the layers, then the ink, are composited before the two colours are compared.
 */
export function textContrast(ink: Rgba, layers: Rgba[], base: Rgba = [255, 255, 255, 1]): number {
  const background = layers.reduceRight((below, layer) => over(layer, below), base);
  return contrastRatio(over(ink, background), background);
}

/** One run of text as the projector check saw it. */
export interface TextReport {
  /** A CSS path from the figure to the text's element. */
  selector: string;
  text: string;
  /** Rendered font size in viewport pixels (zoom and SVG scaling included). */
  px: number;
  /** Worst contrast over the sampled points; null when the background is a picture. */
  ratio: number | null;
  /** Why the text fails: too small, too pale, or cut off by a box that clips it. */
  problems: ('size' | 'contrast' | 'clipped')[];
  /** The picture (canvas, img, background image) the text sits on, when it does. */
  over?: string;
}

export interface ProjectorReport {
  /** How many runs of visible text were measured. */
  checked: number;
  violations: TextReport[];
  /** Text over a picture, whose contrast cannot be computed from styles. */
  overPictures: TextReport[];
}

/**
 * Measures every visible run of text inside `root`: its rendered size and its contrast
 * against what is painted under it (found with elementsFromPoint, plus the SVG shapes
 * under it, which may not take pointer events). Text of disabled controls is exempt from
 * the contrast rule, as in WCAG; its size still counts. Runs in the page.
 */
export function scanPresenter(root: Element, minPx: number, minRatio: number): ProjectorReport {
  const report: ProjectorReport = { checked: 0, violations: [], overPictures: [] };
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  /** Any CSS colour (oklch, color-mix…): computed styles first, a painted pixel otherwise. */
  const colour = (css: string): Rgba => {
    const parsed = parseColor(css);
    if (parsed) return parsed;
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0, a = 0] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const style = (el: Element) => getComputedStyle(el);
  const selectorOf = (el: Element) => {
    const steps: string[] = [];
    for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
      const classes = [...e.classList].filter((c) => !c.startsWith('svelte-'));
      let step = e.tagName.toLowerCase() + classes.map((c) => `.${CSS.escape(c)}`).join('');
      const same = [...(e.parentElement?.children ?? [])].filter((s) => s.tagName === e!.tagName);
      if (same.length > 1) step += `:nth-of-type(${same.indexOf(e) + 1})`;
      steps.unshift(step);
    }
    return steps.join(' > ');
  };
  const opacityOf = (el: Element) => {
    let opacity = 1;
    for (let e: Element | null = el; e; e = e.parentElement)
      opacity *= parseFloat(style(e).opacity);
    return opacity;
  };
  const renderedPx = (el: Element) => {
    const size = parseFloat(style(el).fontSize);
    const ctm = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
    // The screen matrix includes the viewBox scaling and any CSS zoom around the SVG.
    if (ctm) return size * Math.sqrt(Math.abs(ctm.a * ctm.d - ctm.b * ctm.c));
    let zoom = 1;
    for (let e: Element | null = el; e; e = e.parentElement) zoom *= parseFloat(style(e).zoom) || 1;
    return size * zoom;
  };
  /**
   * The rectangles of `rects` left visible by ancestors that clip: overflow hidden or clip,
   * `clip`, `clip-path`; and scrolling boxes, whose content past their start edges (left,
   * top) cannot be scrolled to.
   */
  const unclipped = (el: Element, rects: DOMRect[]) => {
    let boxes = rects.map((r) => [r.left, r.top, r.right, r.bottom]);
    // The root and body pass their overflow to the viewport, which scrolls rather than clips.
    for (
      let e: Element | null = el;
      e && e !== document.body && boxes.length;
      e = e.parentElement
    ) {
      const s = style(e);
      const overflow = [s.overflowX, s.overflowY];
      const clips =
        overflow.some((o) => o === 'hidden' || o === 'clip') ||
        !['auto', ''].includes(s.getPropertyValue('clip')) ||
        s.clipPath !== 'none';
      const scrolls = overflow.some((o) => o === 'auto' || o === 'scroll');
      if (!clips && !scrolls) continue;
      const c = e.getBoundingClientRect();
      const edges = clips
        ? [c.left, c.top, c.right, c.bottom]
        : [c.left - e.scrollLeft, c.top - e.scrollTop, Infinity, Infinity];
      boxes = boxes
        .map(([l, t, r, b]) => [
          Math.max(l!, edges[0]!),
          Math.max(t!, edges[1]!),
          Math.min(r!, edges[2]!),
          Math.min(b!, edges[3]!),
        ])
        .filter(([l, t, r, b]) => r! - l! >= 2 && b! - t! >= 2);
    }
    return boxes;
  };
  /** Where text lies: its boxes, scrolled into the viewport first if need be. */
  const boxesOf = (el: Element, measure: () => DOMRect[]) => {
    let boxes = unclipped(el, measure()).slice(0, 3);
    const inView = (b: number[]) =>
      b[0]! >= 0 && b[1]! >= 0 && b[2]! <= innerWidth && b[3]! <= innerHeight;
    if (boxes.length && !boxes.every(inView)) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      boxes = unclipped(el, measure()).slice(0, 3);
    }
    return boxes;
  };
  /** SVG shapes painted before `el` in its own SVG and covering the point (topmost first). */
  const shapesUnder = (el: Element, svg: SVGSVGElement, x: number, y: number) => {
    const found: SVGGeometryElement[] = [];
    for (const shape of svg.querySelectorAll('rect, circle, ellipse, path, polygon')) {
      if (!(shape instanceof SVGGeometryElement)) continue;
      if (!(shape.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
      if (style(shape).fill === 'none' || !shape.checkVisibility()) continue;
      const inverse = shape.getScreenCTM()?.inverse();
      if (!inverse) continue;
      const p = new DOMPoint(x, y).matrixTransform(inverse);
      if (shape.isPointInFill(p)) found.unshift(shape);
    }
    return found;
  };
  /** What is painted under the text at (x, y): colour layers, or the picture it sits on. */
  const underneath = (el: Element, x: number, y: number): { layers: Rgba[]; picture?: string } => {
    const layers: Rgba[] = [];
    const stack = document.elementsFromPoint(x, y);
    const own = el instanceof SVGElement ? el.ownerSVGElement : null;
    // An HTML element paints its own background under its text; an SVG text has none.
    const below: Element[] = own ? shapesUnder(el, own, x, y) : [el];
    for (const e of stack.slice(Math.max(stack.indexOf(el), 0))) {
      if (el.contains(e) || (own && own.contains(e) && e !== own)) continue;
      below.push(e);
    }
    for (const e of below) {
      if (
        e instanceof HTMLCanvasElement ||
        e instanceof HTMLImageElement ||
        e instanceof HTMLVideoElement ||
        e instanceof SVGImageElement
      ) {
        return { layers, picture: selectorOf(e) };
      }
      const s = style(e);
      let paint: Rgba;
      if (e instanceof SVGElement && !(e instanceof SVGSVGElement)) {
        if (!(e instanceof SVGGeometryElement) || s.fill === 'none') continue;
        if (s.fill.startsWith('url(')) return { layers, picture: selectorOf(e) };
        paint = colour(s.fill);
        paint[3] *= parseFloat(s.fillOpacity) * opacityOf(e);
      } else {
        if (s.backgroundImage !== 'none') return { layers, picture: selectorOf(e) };
        paint = colour(s.backgroundColor);
        paint[3] *= parseFloat(s.opacity);
      }
      if (paint[3] > 0) layers.push(paint);
      if (paint[3] >= 1) break;
    }
    return { layers };
  };

  const measure = (el: Element, text: string, getRects: () => DOMRect[]) => {
    const s = style(el);
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return;
    const boxes = boxesOf(el, getRects);
    if (!boxes.length) return;
    report.checked++;
    // Cut off: more than 3 px of its width hidden (its height includes the font's empty
    // ascent, which a box may clip harmlessly).
    const width = (bs: number[][]) => bs.reduce((sum, [l, , r]) => sum + r! - l!, 0);
    const drawn = getRects();
    const lost =
      width(drawn.map((r) => [r.left, r.top, r.right, r.bottom])) - width(unclipped(el, drawn));
    const px = renderedPx(el);
    const isSvg = el instanceof SVGElement;
    const ink = colour(isSvg ? s.fill : s.color);
    if (isSvg) ink[3] *= parseFloat(s.fillOpacity);
    ink[3] *= opacityOf(el);
    // A halo (an SVG stroke painted under the fill) is the text's own background.
    const halo =
      isSvg && s.stroke !== 'none' && s.paintOrder.startsWith('stroke') ? colour(s.stroke) : null;
    const disabled = el.closest(':disabled, [aria-disabled="true"]') !== null;
    let ratio: number | null = null;
    let picture: string | undefined;
    for (const [l, t, r, b] of boxes) {
      const found = underneath(el, (l! + r!) / 2, (t! + b!) / 2);
      const layers = halo ? [halo, ...found.layers] : found.layers;
      if (found.picture && !(halo && halo[3] >= 1)) {
        picture = found.picture;
        continue;
      }
      const value = textContrast(ink, layers);
      ratio = ratio === null ? value : Math.min(ratio, value);
    }
    const entry: TextReport = {
      selector: selectorOf(el),
      text: text.trim().replace(/\s+/g, ' ').slice(0, 60),
      px: Math.round(px * 100) / 100,
      ratio: ratio === null ? null : Math.round(ratio * 100) / 100,
      problems: [],
    };
    if (px < minPx - 0.01) entry.problems.push('size');
    if (lost > 3) entry.problems.push('clipped');
    if (ratio !== null && ratio < minRatio && !disabled) entry.problems.push('contrast');
    if (picture) entry.over = picture;
    if (entry.problems.length) report.violations.push(entry);
    else if (picture && ratio === null) report.overPictures.push(entry);
  };

  const scroller = root.closest('.presenting') ?? document.scrollingElement;
  const scrollTop = scroller?.scrollTop ?? 0;
  const skip = 'script, style, title, desc, option, textarea, noscript, template';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.textContent?.trim() || el.closest(skip)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    measure(el, node.textContent, () => [...range.getClientRects()]);
  }
  // Form controls show text that is not in a text node: the value, the chosen option.
  for (const field of root.querySelectorAll('select, textarea, input')) {
    const type = field.getAttribute('type') ?? 'text';
    if (!['text', 'search', 'number', 'url', 'email'].includes(type)) continue;
    const f = field as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
    const shown = f instanceof HTMLSelectElement ? (f.selectedOptions[0]?.text ?? '') : f.value;
    if (shown.trim()) measure(f, shown, () => [f.getBoundingClientRect()]);
  }
  scroller?.scrollTo(0, scrollTop);
  return report;
}

/** The viewport of a classroom projector. */
export const PROJECTOR = { width: 1024, height: 768 } as const;

/** Runs `scanPresenter` on the presenting figure `id` in `page`. */
export function projectorReport(
  page: Page,
  id: string,
  { minPx = 24, minRatio = 7 } = {},
): Promise<ProjectorReport> {
  const helpers = [parseColor, over, relativeLuminance, contrastRatio, textContrast];
  const root = JSON.stringify(`[data-figure="${id}"]`);
  // `__name` is what esbuild's keepNames (tsx) wraps functions in; the page has none.
  const source = `(() => {
    const __name = (f) => f;
    ${helpers.map((f) => f.toString()).join('\n')}
    return (${scanPresenter.toString()})(document.querySelector(${root}), ${minPx}, ${minRatio});
  })()`;
  return page.evaluate(source) as Promise<ProjectorReport>;
}
