/** Reader-facing words for the factors of a headshot (figures, tables, alt text). */
import {
  EYE_COLOURS,
  FREQUENCIES,
  HAIR_COLOURS,
  HAIR_STYLES,
  TRAIN_SEEDS,
  sampleFactors,
  type HeadshotFactors,
} from './headshots.ts';

/** The name of each factor as a reader would say it. */
export const FACTOR_NAMES: Record<keyof HeadshotFactors, string> = {
  faceShape: 'Face shape',
  skinTone: 'Skin tone',
  eyeColour: 'Eye colour',
  brows: 'Eyebrows',
  hairStyle: 'Hair style',
  hairColour: 'Hair colour',
  smile: 'Smile',
  glasses: 'Glasses',
  backdrop: 'Backdrop',
};

/** Words for a value in [0, 1], from the low end to the high end in equal steps. */
function band(value: number, words: readonly string[]): string {
  return words[Math.min(words.length - 1, Math.floor(value * words.length))]!;
}

const dash = (s: string) => s.replace('-', ' ');

/** Each factor of `f` in words, in the order of FACTOR_NAMES. */
export function describeFactors(
  f: HeadshotFactors,
): { factor: keyof HeadshotFactors; text: string }[] {
  return [
    { factor: 'faceShape', text: band(f.faceShape, ['round', 'oval', 'egg-shaped']) },
    {
      factor: 'skinTone',
      text: band(f.skinTone, ['very light', 'light', 'medium', 'brown', 'deep brown']),
    },
    { factor: 'eyeColour', text: dash(f.eyeColour) },
    { factor: 'brows', text: band(f.brows, ['thin', 'medium', 'thick']) },
    { factor: 'hairStyle', text: f.hairStyle },
    { factor: 'hairColour', text: f.hairColour },
    { factor: 'smile', text: band(f.smile, ['neutral', 'slight smile', 'broad smile']) },
    { factor: 'glasses', text: f.glasses ? 'yes' : 'no' },
    { factor: 'backdrop', text: f.backdrop },
  ];
}

/** One sentence describing a face, for alternative text. */
export function faceSentence(f: HeadshotFactors): string {
  const d = Object.fromEntries(describeFactors(f).map(({ factor, text }) => [factor, text]));
  const hair = f.hairStyle === 'bald' ? 'a bald head' : `${d['hairColour']} ${d['hairStyle']} hair`;
  const article = /^[aeiou]/.test(d['faceShape']!) ? 'An' : 'A';
  return (
    `${article} ${d['faceShape']} face with ${d['skinTone']} skin, ${d['eyeColour']} eyes, ` +
    `${d['brows']} eyebrows and ${hair}; ${d['smile']}` +
    `${f.glasses ? ', glasses' : ''}; ${d['backdrop']} backdrop.`
  );
}

/**
 * How often each categorical value occurs among the first `n` training faces (`value`),
 * beside the generator's recipe (`reference`), one chart per factor. Factors are sampled once.
 */
export function factorShares(n: number) {
  const sample = Array.from({ length: n }, (_, i) => sampleFactors(TRAIN_SEEDS.first + i));
  const chart = <T extends string>(
    title: string,
    values: readonly T[],
    pick: (f: HeadshotFactors) => T,
    recipe: Readonly<Record<T, number>>,
  ) => ({
    title,
    bars: values.map((v) => ({
      label: dash(v),
      value: sample.filter((f) => pick(f) === v).length / n,
      reference: recipe[v],
    })),
  });
  return [
    chart('Eye colour', EYE_COLOURS, (f) => f.eyeColour, FREQUENCIES.eyeColour),
    chart('Hair style', HAIR_STYLES, (f) => f.hairStyle, FREQUENCIES.hairStyle),
    chart('Hair colour', HAIR_COLOURS, (f) => f.hairColour, FREQUENCIES.hairColour),
    chart('Glasses', ['yes', 'no'] as const, (f) => (f.glasses ? 'yes' : 'no'), {
      yes: FREQUENCIES.glasses.true,
      no: FREQUENCIES.glasses.false,
    }),
  ];
}
