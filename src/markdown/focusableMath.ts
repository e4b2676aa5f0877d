/**
 * Rehype plugin: display equations scroll sideways on narrow screens, and a scrollable
 * region must be reachable by keyboard, so each block `<math>` gets a tab stop.
 */
import type { Element, Nodes, Root } from 'hast';

export function rehypeFocusableMath() {
  return (tree: Root) => visit(tree);
}

function visit(node: Nodes): void {
  if (node.type === 'element' && isBlockMath(node)) node.properties['tabIndex'] = 0;
  if ('children' in node) node.children.forEach(visit);
}

const isBlockMath = (el: Element) => el.tagName === 'math' && el.properties['display'] === 'block';
