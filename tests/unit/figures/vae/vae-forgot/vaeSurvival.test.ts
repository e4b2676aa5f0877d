import { describe, expect, test } from 'vitest';
import {
  chanceAccuracy,
  listWords,
  survivalSentence,
  survivalTable,
  verdict,
  type Survives,
} from '../../../../../src/figures/vae/vae-forgot/vaeSurvival.ts';

const measured = (accuracy: number, r2: number): Survives => ({
  accuracy: {
    eyeColour: accuracy,
    hairStyle: accuracy,
    hairColour: accuracy,
    backdrop: accuracy,
    glasses: accuracy,
  },
  r2: { faceShape: r2, skinTone: r2, brows: r2, smile: r2 },
});

describe('chanceAccuracy', () => {
  test('is the share of the most common value', () => {
    expect(chanceAccuracy('eyeColour')).toBe(0.45);
    expect(chanceAccuracy('glasses')).toBe(0.7);
  });
});

describe('survivalTable', () => {
  test('puts accuracy on the scale of R²: 0 at chance, 1 when perfect', () => {
    const rows = survivalTable(measured(0.45, 0.5));
    const eye = rows.find((r) => r.factor === 'eyeColour')!;
    expect(eye.score).toBeCloseTo(0, 12);
    expect(eye.verdict).toBe('lost');
    expect(survivalTable(measured(1, 1)).every((r) => r.score === 1 && r.verdict === 'kept')).toBe(
      true,
    );
    expect(rows.find((r) => r.factor === 'smile')).toMatchObject({
      score: 0.5,
      verdict: 'partly kept',
    });
  });

  test('an accuracy below chance scores below 0 and is lost', () => {
    const glasses = survivalTable(measured(0.6, 0)).find((r) => r.factor === 'glasses')!;
    expect(glasses.score).toBeLessThan(0);
    expect(glasses.verdict).toBe('lost');
  });
});

describe('verdict', () => {
  test('kept from 0.8, lost below 0.25', () => {
    expect([0.8, 0.79, 0.25, 0.24].map(verdict)).toEqual([
      'kept',
      'partly kept',
      'partly kept',
      'lost',
    ]);
  });
});

describe('survivalSentence', () => {
  test('names what is kept, partly kept and lost, in that order', () => {
    const rows = survivalTable({
      accuracy: {
        eyeColour: 0.1,
        hairStyle: 0.66,
        hairColour: 0.54,
        backdrop: 0.98,
        glasses: 0.66,
      },
      r2: { faceShape: -0.1, skinTone: 0.81, brows: -0.3, smile: 0.5 },
    });
    expect(survivalSentence(rows)).toBe(
      'Reconstructions keep backdrop and skin tone. They keep only part of hair style, hair colour and smile. ' +
        'Eye colour, glasses, face shape and eyebrows are lost: the probe reads them from reconstructions no better than a guess.',
    );
  });

  test('speaks of one lost factor in the singular', () => {
    const rows = survivalTable(measured(1, 1)).map((r) =>
      r.factor === 'glasses' ? { ...r, verdict: 'lost' as const } : r,
    );
    expect(survivalSentence(rows)).toMatch(/Glasses is lost: the probe reads it/);
  });
});

describe('listWords', () => {
  test('joins with commas and a final "and"', () => {
    expect([[], ['a'], ['a', 'b'], ['a', 'b', 'c']].map(listWords)).toEqual([
      '',
      'a',
      'a and b',
      'a, b and c',
    ]);
  });
});
