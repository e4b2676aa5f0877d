/**
 * Writes a chart layout as SVG markup for a file snapshot, with every number rounded to two
 * decimals (as d3-shape's own tests compare paths), so the committed .svg files are
 * readable, open as pictures, and change only when the geometry does.
 */
export const rounded = (text: string) =>
  text.replace(/-?\d+\.\d+(e-?\d+)?/g, (n) => String(Math.round(Number(n) * 100) / 100));

export function svgDocument(width: number, height: number, body: string[]): string {
  return rounded(
    [
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
      ...body.map((line) => `  ${line}`),
      '</svg>',
      '',
    ].join('\n'),
  );
}
