/**
 * TeX to MathML at build time, for figures that show an equation (articles get theirs from
 * remark-math + rehype-katex). Same KaTeX, same MathML-only output, so no inline styles reach
 * the page and the CSP holds; display equations get a tab stop like the articles' ones, as
 * they may scroll sideways on a phone. Server only: no KaTeX is shipped to the browser.
 */
import katex from 'katex';

export function texToMathml(tex: string, display = true): string {
  const html = katex.renderToString(tex, {
    output: 'mathml',
    displayMode: display,
    throwOnError: true,
  });
  return display ? html.replace('<math ', '<math tabindex="0" ') : html;
}

/**
 * The VAE's loss for one face: the reconstruction term plus the KL term, one per line so it
 * fits a phone without scrolling.
 */
export const VAE_LOSS_TEX = String.raw`\begin{aligned} \text{loss}(x) \;=\; & \mathbb{E}_{z \sim q(z \mid x)}\big[-\log p(x \mid z)\big] \\ & +\; D_{\mathrm{KL}}\big(q(z \mid x)\,\|\,\mathcal{N}(0, I)\big) \end{aligned}`;

/** The KL term in closed form for a diagonal Gaussian q = N(μ, diag σ²). */
export const VAE_KL_TEX = String.raw`D_{\mathrm{KL}} \;=\; \tfrac{1}{2}\sum_{j=1}^{2}\big(\mu_j^2 + \sigma_j^2 - 1 - \log \sigma_j^2\big)`;

/**
 * The forward process in the form one codes it, a scaled image plus scaled noise; the noise's
 * law on a line of its own so the equation fits a phone.
 */
export const FORWARD_TEX = String.raw`\begin{gathered} x_t \;=\; \sqrt{\bar\alpha_t}\,x_0 \;+\; \sqrt{1-\bar\alpha_t}\,\varepsilon \\ \varepsilon \sim \mathcal{N}(0, I) \end{gathered}`;
