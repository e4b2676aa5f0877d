/**
 * The seed article's claims about the three families, each checked against our own
 * measurements: a verdict (supported, qualified or contradicted), the sentence with the
 * numbers behind it, and the chapter figure that shows it. The thresholds are stated here,
 * in one place, so a reader of the code can see exactly what "supported" means; the numbers
 * come from metrics.json and the model cards (compareFile.ts), never from this file.
 */
import { formatNumber } from '../figures/compare/compareNumbers.ts';
import type { FigureId } from '../figures/ids.ts';
import type { ClaimInputs } from '../figures/compare/compareFile.ts';

export type { CardFacts, ClaimInputs } from '../figures/compare/compareFile.ts';

export type Verdict = 'supported' | 'qualified' | 'contradicted' | 'unmeasured';

export interface Claim {
  id: string;
  /** The claim as the seed article makes it. */
  claim: string;
  verdict: Verdict;
  /** What we measured, with the numbers. */
  evidence: string;
  /** The chapter figure that shows it. */
  figure: { chapter: 'vae' | 'gan' | 'diffusion'; id: FigureId };
  /** A second figure where the reader can test the claim live. */
  also?: { chapter: 'vae' | 'gan' | 'diffusion'; id: FigureId };
}

/** Where a GAN and a diffusion model train on the same points at once. */
const RACE = { chapter: 'diffusion', id: 'race-2d' } as const;

const pct = (v: number) => `${Math.round(v * 100)}%`;
const times = (v: number) => `${v >= 10 ? Math.round(v) : Number(v.toFixed(1))}×`;
const minutes = (s: number) => `${Math.round(s / 60)} min`;

/** The largest rise of a loss above its lowest value so far, after the first tenth of training. */
export function worstRebound(losses: readonly number[]): number {
  let best = Infinity;
  let worst = 0;
  losses.forEach((v, i) => {
    if (i >= losses.length / 10 && best < Infinity) worst = Math.max(worst, v / best - 1);
    best = Math.min(best, v);
  });
  return worst;
}

const unmeasured = (id: string, claim: string, figure: Claim['figure']): Claim => ({
  id,
  claim,
  verdict: 'unmeasured',
  evidence: 'Not measured yet: run npm run evaluate.',
  figure,
});

export function checkClaims(input: ClaimInputs): Claim[] {
  const { numbers, cards } = input;
  const { vae, gan, ddpm, ldm } = numbers.models;
  const claims: Claim[] = [];

  {
    const claim = 'VAEs blur and miss details.';
    const figure = { chapter: 'vae', id: 'vae-forgot' } as const;
    if (!vae || input.vaeEyeColourAccuracy === null)
      claims.push(unmeasured('vae-blur', claim, figure));
    else
      claims.push({
        id: 'vae-blur',
        claim,
        verdict:
          vae.sharpness < 0.5 ? 'supported' : vae.sharpness < 0.9 ? 'qualified' : 'contradicted',
        evidence: `VAE samples keep ${pct(vae.sharpness)} of real faces’ fine detail, and after one trip through the VAE the probe reads the right eye colour on only ${pct(input.vaeEyeColourAccuracy)} of faces (guessing would get about 20%).`,
        figure,
      });
  }
  {
    const claim = 'VAEs assume a Gaussian.';
    const figure = { chapter: 'vae', id: 'vae-latent-map' } as const;
    claims.push(
      vae
        ? {
            id: 'vae-gaussian',
            claim,
            verdict: 'supported',
            evidence:
              'True by design rather than by measurement: the loss pulls every face’s code towards a standard normal bell curve, and new faces are drawn from that bell curve. The latent map shows how well the codes fill it.',
            figure,
          }
        : unmeasured('vae-gaussian', claim, figure),
    );
  }
  {
    const claim = 'GANs are hard to train.';
    const figure = { chapter: 'gan', id: 'gan-losses' } as const;
    const c = cards.gan;
    const start = c?.first['generator'];
    const end = c?.last['generator'];
    if (!gan || !c || start === undefined || end === undefined)
      claims.push(unmeasured('gan-hard', claim, figure));
    else
      claims.push({
        id: 'gan-hard',
        claim,
        // A loss that ends above where it began says nothing about progress: that is the
        // hard part we can measure. The run itself did not fail, hence "qualified".
        verdict: end > start ? 'qualified' : 'supported',
        evidence: `Our generator’s loss ended at ${formatNumber(end)}, ${end > start ? 'higher than' : 'below'} the ${formatNumber(start)} it started from, so the loss cannot tell you whether the faces are improving. Yet the ${c.steps.toLocaleString('en')}-step run we ship did not fail: a tiny FID of ${formatNumber(gan.fid)} and ${pct(gan.coverage)} coverage. The live 2-D GAN shows how easily other settings collapse, and the race trains one beside a diffusion model on the same points.`,
        figure,
        also: RACE,
      });
  }
  {
    const claim = 'GANs are less diverse.';
    const figure = { chapter: 'gan', id: 'gan-diversity' } as const;
    if (!gan || !ddpm || !ldm) claims.push(unmeasured('gan-diverse', claim, figure));
    else {
      const best = Math.max(ddpm.coverage, ldm.coverage);
      const worst = Math.min(ddpm.coverage, ldm.coverage);
      claims.push({
        id: 'gan-diverse',
        claim,
        verdict:
          gan.coverage >= best ? 'contradicted' : gan.coverage < worst ? 'supported' : 'qualified',
        evidence: `Our GAN covers ${pct(gan.coverage)} of the 25 eye colour × hair style pairs, against ${pct(ddpm.coverage)} for the pixel diffusion model and ${pct(ldm.coverage)} for latent diffusion (real faces: ${pct(numbers.data.coverage)}). ${gan.coverage > best ? 'On this small data set it is the diffusion models that miss more.' : gan.coverage === best ? 'On this small data set it misses no more than the best diffusion model.' : gan.coverage < worst ? 'Both diffusion models cover more.' : 'The GAN lands between the two diffusion models: it misses more pairs than latent diffusion, fewer than pixel diffusion.'}`,
        figure,
      });
    }
  }
  {
    const claim = 'GANs need more compute than VAEs.';
    const figure = { chapter: 'gan', id: 'gan-losses' } as const;
    const g = cards.gan;
    const v = cards.vae;
    if (!g || !v || !gan || !vae || gan.msPerFace === null || vae.msPerFace === null)
      claims.push(unmeasured('gan-compute', claim, figure));
    else {
      const ratio = g.wallTimeSeconds / g.steps / (v.wallTimeSeconds / v.steps);
      claims.push({
        id: 'gan-compute',
        claim,
        verdict: ratio > 1.2 ? 'supported' : ratio < 0.8 ? 'contradicted' : 'qualified',
        evidence: `Training, yes: each GAN step took ${times(ratio)} as long as a VAE step (${minutes(g.wallTimeSeconds)} against ${minutes(v.wallTimeSeconds)} for ${g.steps.toLocaleString('en')} steps each), because every step trains two networks. Drawing a face is another matter: ${formatNumber(gan.msPerFace)} ms for the GAN, ${formatNumber(vae.msPerFace)} ms for the VAE.`,
        figure,
      });
    }
  }
  {
    const claim = 'Diffusion has better quality.';
    const figure = { chapter: 'diffusion', id: 'why-latent' } as const;
    if (!gan || !ddpm || !ldm || !vae) claims.push(unmeasured('diffusion-quality', claim, figure));
    else {
      const best = Math.min(ddpm.fid, ldm.fid);
      const unprompted = input.ldmUnconditionalFid;
      const sharpGap =
        Math.abs(1 - Math.max(ddpm.sharpness, ldm.sharpness)) > Math.abs(1 - gan.sharpness);
      claims.push({
        id: 'diffusion-quality',
        claim,
        verdict: best >= gan.fid ? 'contradicted' : sharpGap ? 'qualified' : 'supported',
        evidence: `By tiny FID, yes: ${formatNumber(ldm.fid)} for latent diffusion prompted with real faces’ factors${unprompted === null ? '' : ` (${formatNumber(unprompted)} without a prompt)`} and ${formatNumber(ddpm.fid)} for pixel diffusion, against ${formatNumber(gan.fid)} for the GAN and ${formatNumber(vae.fid)} for the VAE.${unprompted !== null && unprompted >= gan.fid ? ' Without a prompt, though, the latent model comes no closer to real faces than the GAN.' : ''} ${sharpGap ? `But our diffusion samples keep only ${pct(ddpm.sharpness)} (pixels) and ${pct(ldm.sharpness)} (latent) of real faces’ fine detail, where the GAN has ${pct(gan.sharpness)}.` : `Fine detail agrees: the latent model keeps ${pct(ldm.sharpness)} of real faces’, the GAN ${pct(gan.sharpness)} and pixel diffusion ${pct(ddpm.sharpness)}; none is as crisp as a real face yet.`}`,
        figure,
      });
    }
  }
  {
    const claim = 'Diffusion trains stably.';
    const figure = { chapter: 'diffusion', id: 'reverse-process' } as const;
    const d = cards.ddpm;
    const l = cards.ldm;
    if (!d || !l || d.losses.length < 2 || l.losses.length < 2)
      claims.push(unmeasured('diffusion-stable', claim, figure));
    else {
      const rebound = Math.max(worstRebound(d.losses), worstRebound(l.losses));
      claims.push({
        id: 'diffusion-stable',
        claim,
        verdict: rebound < 0.5 ? 'supported' : 'qualified',
        evidence: `The pixel model’s loss fell from ${formatNumber(d.losses[0]!)} to ${formatNumber(d.losses.at(-1)!)} and the latent model’s from ${formatNumber(l.losses[0]!)} to ${formatNumber(l.losses.at(-1)!)}, one plain regression each; after the first tenth of training neither rose more than ${pct(rebound)} above its best so far. The race lets you watch a diffusion model and a GAN learn the same points at once.`,
        figure,
        also: RACE,
      });
    }
  }
  {
    const claim = 'Diffusion allows control by prompt.';
    const figure = { chapter: 'diffusion', id: 'prompting' } as const;
    const acc = input.promptAccuracy;
    if (!acc || Object.keys(acc).length === 0)
      claims.push(unmeasured('diffusion-prompt', claim, figure));
    else {
      const values = Object.values(acc);
      const names: Record<string, string> = {
        eyeColour: 'eye colour',
        hairStyle: 'hair style',
        glasses: 'glasses',
      };
      claims.push({
        id: 'diffusion-prompt',
        claim,
        verdict: values.every((v) => v >= 0.8)
          ? 'supported'
          : values.some((v) => v >= 0.8)
            ? 'qualified'
            : 'contradicted',
        evidence: `Asked for one factor at guidance 3, the latent model delivers it ${Object.entries(
          acc,
        )
          .map(([k, v]) => `${pct(v)} of the time for ${names[k] ?? k}`)
          .join(
            ', ',
          )}, as the probe reads its faces.${(acc['eyeColour'] ?? 1) < 0.8 && (acc['hairStyle'] ?? 0) >= 0.8 ? ' Large features obey; the few pixels of an eye’s colour often do not.' : ''}`,
        figure,
      });
    }
  }
  {
    const claim = 'Latent space makes it fast.';
    const figure = { chapter: 'diffusion', id: 'why-latent' } as const;
    if (!ddpm || !ldm || ddpm.msPerFace === null || ldm.msPerFace === null)
      claims.push(unmeasured('latent-fast', claim, figure));
    else {
      const ratio = ddpm.msPerFace / ldm.msPerFace;
      const steps = [ddpm.sampler, ldm.sampler].map((s) => /(\d+) steps/.exec(s ?? '')?.[1]);
      const same =
        steps[0] && steps[0] === steps[1] ? `With the same ${steps[0]} sampling steps, a` : 'A';
      claims.push({
        id: 'latent-fast',
        claim,
        verdict: ratio > 2 ? 'supported' : ratio < 1 ? 'contradicted' : 'qualified',
        evidence: `${same} face takes ${formatNumber(ldm.msPerFace)} ms in the small latent and ${formatNumber(ddpm.msPerFace)} ms on every pixel: ${times(ratio)} faster.`,
        figure,
      });
    }
  }
  return claims;
}
