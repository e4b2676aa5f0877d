import { describe, expect, test } from 'vitest';
import {
  choiceField,
  intField,
  optionalChoiceField,
  readState,
  stateUrl,
} from '../../../../src/figures/shell/urlState.ts';

type State = { t: number; schedule: 'linear' | 'cosine'; sel: string | null };

const fields = {
  t: intField(0, 0, 1000),
  schedule: choiceField('linear', ['linear', 'cosine'] as const),
  sel: optionalChoiceField(['vae', 'dcgan']),
};

describe('readState', () => {
  test('reads the figure’s own prefixed parameters', () => {
    expect(readState('?fd.t=250&fd.schedule=cosine&fd.sel=dcgan&t=9', 'fd', fields)).toEqual({
      t: 250,
      schedule: 'cosine',
      sel: 'dcgan',
    });
  });

  test('falls back to defaults when parameters are absent', () => {
    expect(readState('', 'fd', fields)).toEqual({ t: 0, schedule: 'linear', sel: null });
  });

  test('clamps out-of-range numbers and rounds fractions', () => {
    expect(readState('?fd.t=99999', 'fd', fields).t).toBe(1000);
    expect(readState('?fd.t=-5', 'fd', fields).t).toBe(0);
    expect(readState('?fd.t=12.6', 'fd', fields).t).toBe(13);
  });

  test('ignores values that are not numbers or not in the list', () => {
    expect(readState('?fd.t=abc&fd.schedule=quadratic&fd.sel=<script>', 'fd', fields)).toEqual({
      t: 0,
      schedule: 'linear',
      sel: null,
    });
    expect(readState('?fd.t=&fd.t2=4', 'fd', fields).t).toBe(0);
    expect(readState('?fd.t=Infinity', 'fd', fields).t).toBe(0);
  });
});

describe('stateUrl', () => {
  test('writes only non-default values and points at the figure', () => {
    const url = stateUrl<State>('https://x.test/blog/vae/?other=1', 'fd', fields, {
      t: 300,
      schedule: 'linear',
      sel: null,
    });
    expect(url).toBe('https://x.test/blog/vae/?other=1&fd.t=300#fig-fd');
  });

  test('replaces the figure’s stale parameters but keeps other figures’', () => {
    const url = stateUrl<State>('https://x.test/?fd.t=5&timeline.sel=vae#top', 'fd', fields, {
      t: 0,
      schedule: 'cosine',
      sel: 'vae',
    });
    const params = new URL(url).searchParams;
    expect(params.get('fd.t')).toBeNull();
    expect(params.get('fd.schedule')).toBe('cosine');
    expect(params.get('fd.sel')).toBe('vae');
    expect(params.get('timeline.sel')).toBe('vae');
  });

  test('round-trips through readState', () => {
    const state: State = { t: 731, schedule: 'cosine', sel: 'dcgan' };
    const url = new URL(stateUrl('https://x.test/', 'fd', fields, state));
    expect(readState(url.search, 'fd', fields)).toEqual(state);
  });
});
