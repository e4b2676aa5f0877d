import { describe, expect, test } from 'vitest';
import {
  stepPosition,
  stepSearch,
  verdict,
  verdictSentence,
  withStepState,
} from '../../../src/site/lessonSteps.ts';

describe('stepSearch', () => {
  test('prefixes every parameter with the figure id', () => {
    expect(stepSearch('vae-loss', { face: 6, s: 0 })).toBe('?vae-loss.face=6&vae-loss.s=0');
  });
  test('adds the controls to hide as a teacher link does, commas kept', () => {
    expect(stepSearch('gan-2d', {}, ['settings', 'seed'])).toBe('?gan-2d-hide=settings,seed');
  });
  test('is empty for a step that sets nothing', () => {
    expect(stepSearch('gan-2d', {})).toBe('');
  });
  test('encodes values that need it', () => {
    expect(stepSearch('prompting', { prompt: 'red hair & glasses' })).toBe(
      '?prompting.prompt=red+hair+%26+glasses',
    );
  });
});

describe('withStepState', () => {
  const step = '?vae-loss.face=6&vae-loss.s=0';
  test('adds the step parameters to a bare URL', () => {
    expect(withStepState('', 'vae-loss', step)).toBe(step);
  });
  test('keeps parameters that belong to the viewer, such as presenter mode', () => {
    expect(withStepState('?present=vae-loss', 'vae-loss', step)).toBe(
      '?present=vae-loss&vae-loss.face=6&vae-loss.s=0',
    );
  });
  test('leaves a URL that already sets the figure alone: a shared link wins', () => {
    expect(withStepState('?vae-loss.x=40', 'vae-loss', step)).toBeNull();
  });
  test('leaves a URL that already hides controls of the figure alone', () => {
    expect(withStepState('?vae-loss-hide=face', 'vae-loss', step)).toBeNull();
  });
  test('ignores parameters of other figures', () => {
    expect(withStepState('?vae-loss-extra=1', 'vae-loss', step)).toBe(
      '?vae-loss-extra=1&vae-loss.face=6&vae-loss.s=0',
    );
  });
  test('does nothing for a step without state', () => {
    expect(withStepState('?a=1', 'gan-2d', '')).toBeNull();
  });
});

describe('stepPosition', () => {
  const steps = [{ id: 'one' }, { id: 'two' }, { id: 'three' }];
  test('numbers from 1 and names the neighbours', () => {
    expect(stepPosition(steps, 'two')).toEqual({
      number: 2,
      total: 3,
      previous: { id: 'one' },
      next: { id: 'three' },
    });
  });
  test('the first step has no previous, the last no next', () => {
    expect(stepPosition(steps, 'one').previous).toBeUndefined();
    expect(stepPosition(steps, 'three').next).toBeUndefined();
  });
  test('throws, listing the ids, for a step the lesson does not have', () => {
    expect(() => stepPosition(steps, 'four')).toThrow('one, two, three');
  });
});

describe('verdict', () => {
  test('right, wrong or unanswered', () => {
    expect(verdict(1, 1)).toBe('right');
    expect(verdict(0, 1)).toBe('wrong');
    expect(verdict(null, 1)).toBe('unanswered');
  });
  test('the sentence quotes the reader’s choice', () => {
    expect(verdictSentence('right', 'B')).toBe('You predicted “B”. That is right.');
    expect(verdictSentence('wrong', 'A')).toBe('You predicted “A”. Not quite.');
    expect(verdictSentence('unanswered', null)).toBe('You did not pick a prediction this time.');
  });
});
