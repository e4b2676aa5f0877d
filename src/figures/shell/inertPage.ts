/**
 * Presenter mode makes the rest of the page inert, so keyboard focus and screen readers stay
 * in the figure: every sibling of every ancestor of `el`, up to <body>. Returns what undoes it
 * (elements that were inert already stay so).
 */
export function inertAllBut(el: HTMLElement): () => void {
  const inerted: HTMLElement[] = [];
  for (
    let node: HTMLElement | null = el;
    node && node !== document.body;
    node = node.parentElement
  ) {
    for (const sibling of node.parentElement?.children ?? []) {
      if (sibling !== node && sibling instanceof HTMLElement && !sibling.inert) {
        sibling.inert = true;
        inerted.push(sibling);
      }
    }
  }
  return () => inerted.forEach((s) => (s.inert = false));
}
