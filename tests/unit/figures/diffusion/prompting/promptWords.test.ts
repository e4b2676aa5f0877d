import { describe, expect, test } from 'vitest';
import {
  parsePrompt,
  promptSummary,
} from '../../../../../src/figures/diffusion/prompting/promptWords.ts';
import { numberField, readState, textField } from '../../../../../src/figures/shell/urlState.ts';

const kinds = (text: string) =>
  parsePrompt(text).words.map((w) => `${w.text}:${w.kind}${w.factor ? `=${w.factor}` : ''}`);

describe('parsePrompt', () => {
  test('reads the default prompt: glasses and red hair, "smiling" ignored', () => {
    const { prompt, words } = parsePrompt('a smiling face with glasses and red hair');
    expect(prompt).toEqual({ glasses: true, hairColour: 'red' });
    expect(kinds('a smiling face with glasses and red hair')).toEqual([
      'a:filler',
      'smiling:ignored',
      'face:filler',
      'with:filler',
      'glasses:factor=glasses',
      'and:filler',
      'red:factor=hairColour',
      'hair:factor=hairColour',
    ]);
    expect(words[1]!.note).toBe('not a factor the model was conditioned on');
  });

  test('synonyms of glasses and of red hair', () => {
    for (const w of ['specs', 'spectacles', 'eyeglasses', 'bespectacled'])
      expect(parsePrompt(`someone in ${w}`).prompt).toEqual({ glasses: true });
    expect(parsePrompt('a ginger').prompt).toEqual({ hairColour: 'red' });
    expect(parsePrompt('a redhead').prompt).toEqual({ hairColour: 'red' });
    expect(parsePrompt('ginger hair').prompt).toEqual({ hairColour: 'red' });
  });

  test('negation: "no glasses", "without any glasses", "not wearing glasses"', () => {
    expect(parsePrompt('no glasses').prompt).toEqual({ glasses: false });
    expect(parsePrompt('without any glasses').prompt).toEqual({ glasses: false });
    expect(kinds('not wearing glasses')).toEqual([
      'not:factor=glasses',
      'wearing:factor=glasses',
      'glasses:factor=glasses',
    ]);
  });

  test('a colour names the factor of the noun after it', () => {
    expect(parsePrompt('blue eyes, grey hair, pink background').prompt).toEqual({
      eyeColour: 'blue',
      hairColour: 'grey',
      backdrop: 'rose',
    });
    expect(parsePrompt('light brown eyes').prompt).toEqual({ eyeColour: 'light-brown' });
    expect(parsePrompt('hazel eyes').prompt).toEqual({ eyeColour: 'light-brown' });
    expect(parsePrompt('dark hair').prompt).toEqual({ hairColour: 'black' });
  });

  test('a bare colour is ambiguous and ignored, with a hint', () => {
    const { prompt, words } = parsePrompt('blue');
    expect(prompt).toEqual({});
    expect(words[0]!.kind).toBe('ignored');
    expect(words[0]!.note).toMatch(/colour of what/);
  });

  test('hair style words, alone or with "hair", and style plus colour', () => {
    expect(parsePrompt('curly').prompt).toEqual({ hairStyle: 'curly' });
    expect(parsePrompt('long curly red hair').prompt).toEqual({
      hairStyle: 'curly',
      hairColour: 'red',
    });
    expect(kinds('short hair')).toEqual(['short:factor=hairStyle', 'hair:factor=hairStyle']);
    expect(parsePrompt('bald man').prompt).toEqual({ hairStyle: 'bald' });
  });

  test('skin tone words map to the centre of their band', () => {
    expect(parsePrompt('dark skin').prompt).toEqual({ skinTone: 0.9 });
    expect(parsePrompt('pale').prompt).toEqual({ skinTone: 0.1 });
    expect(parsePrompt('medium skin').prompt).toEqual({ skinTone: 0.5 });
  });

  test('a later phrase overrides an earlier one, which is then marked ignored', () => {
    const { prompt, words } = parsePrompt('red hair and blonde hair');
    expect(prompt).toEqual({ hairColour: 'blonde' });
    expect(words[0]!.kind).toBe('ignored');
    expect(words[0]!.note).toBe('overridden by a later word');
  });

  test('unknown words are ignored; case and positions are kept', () => {
    const { words, prompt } = parsePrompt('A Happy WIZARD with Glasses');
    expect(prompt).toEqual({ glasses: true });
    expect(words.map((w) => [w.text, w.start, w.kind])).toEqual([
      ['A', 0, 'filler'],
      ['Happy', 2, 'ignored'],
      ['WIZARD', 8, 'ignored'],
      ['with', 15, 'filler'],
      ['Glasses', 20, 'factor'],
    ]);
    expect(parsePrompt('').words).toEqual([]);
  });
});

describe('promptSummary', () => {
  test('says what the model hears, or that it hears nothing', () => {
    expect(promptSummary({ eyeColour: 'dark-brown', glasses: false })).toBe(
      'eye colour dark brown · glasses no',
    );
    expect(promptSummary({})).toBe('nothing: an unconditional sample');
  });
});

describe('numberField and textField', () => {
  const fields = { w: numberField(3, 0, 10, 0.5), p: textField('hi', 5) };
  test('round to the step, clamp, ignore non-numbers; cut text to its length', () => {
    expect(readState('?f.w=2.3&f.p=abcdefgh', 'f', fields)).toEqual({ w: 2.5, p: 'abcde' });
    expect(readState('?f.w=99', 'f', fields)).toEqual({ w: 10, p: 'hi' });
    expect(readState('?f.w=abc&f.p=', 'f', fields)).toEqual({ w: 3, p: '' });
  });
});
