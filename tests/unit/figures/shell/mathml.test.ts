import { describe, expect, test } from 'vitest';
import { VAE_KL_TEX, VAE_LOSS_TEX, texToMathml } from '../../../../src/figures/shell/mathml.ts';

describe('texToMathml', () => {
  test('writes MathML with no inline styles, and display equations take focus', () => {
    for (const tex of [VAE_LOSS_TEX, VAE_KL_TEX]) {
      const html = texToMathml(tex);
      expect(html).toMatch(/<math tabindex="0" [^>]*display="block"/);
      expect(html).not.toMatch(/\sstyle=/);
    }
    expect(texToMathml('x^2', false)).not.toContain('tabindex');
  });
});
