/**
 * The ldm's "text encoder", which is honestly a word list: it reads a typed prompt, finds
 * the phrases that name one of the factors the model was conditioned on (eye colour, hair
 * style and colour, backdrop, glasses, skin tone) and turns them into a `Prompt`. Every other
 * word is reported as ignored, so the figure can show the reader exactly what the model
 * hears. A real text encoder (CLIP in Stable Diffusion) maps any sentence to numbers; this
 * one knows a few dozen words and no grammar beyond "colour before its noun" and "no …".
 */
import type { Backdrop, EyeColour, HairColour, HairStyle } from '../../../data/headshots.ts';
import type { Prompt } from '../../../models/latentDenoiser.ts';

export type PromptFactor = keyof Prompt;

export interface PromptWord {
  /** The word as typed, and where it starts in the text. */
  text: string;
  start: number;
  /** factor: part of a phrase that set a factor; filler: a grammar word; ignored: unknown. */
  kind: 'factor' | 'filler' | 'ignored';
  factor?: PromptFactor;
  /** Why an ignored word was ignored, in the reader's words. */
  note?: string;
}

export interface ParsedPrompt {
  words: PromptWord[];
  prompt: Prompt;
}

/** Skin-tone words and where they sit on the 0 (lightest) … 1 (deepest) scale (band centres). */
const SKIN: Record<string, number> = {
  pale: 0.1,
  fair: 0.1,
  'very light': 0.1,
  light: 0.3,
  medium: 0.5,
  olive: 0.5,
  tan: 0.5,
  brown: 0.7,
  dark: 0.9,
  deep: 0.9,
  'deep brown': 0.9,
  'dark brown': 0.9,
  'light brown': 0.5,
};

const EYES: Record<string, EyeColour> = {
  brown: 'dark-brown',
  'dark brown': 'dark-brown',
  dark: 'dark-brown',
  'light brown': 'light-brown',
  hazel: 'light-brown',
  amber: 'light-brown',
  blue: 'blue',
  green: 'green',
  grey: 'grey',
  gray: 'grey',
};

const HAIR: Record<string, HairColour> = {
  black: 'black',
  dark: 'black',
  brown: 'brown',
  'dark brown': 'brown',
  'light brown': 'brown',
  brunette: 'brown',
  blonde: 'blonde',
  blond: 'blonde',
  fair: 'blonde',
  red: 'red',
  ginger: 'red',
  auburn: 'red',
  grey: 'grey',
  gray: 'grey',
  silver: 'grey',
  white: 'grey',
};

const BACKDROP: Record<string, Backdrop> = {
  slate: 'slate',
  grey: 'slate',
  gray: 'slate',
  sage: 'sage',
  green: 'sage',
  sand: 'sand',
  beige: 'sand',
  yellow: 'sand',
  rose: 'rose',
  pink: 'rose',
  sky: 'sky',
  blue: 'sky',
};

/** Words that name a hair colour on their own ("a redhead", "blonde with glasses"). */
const HAIR_ALONE: Record<string, HairColour> = {
  blonde: 'blonde',
  blond: 'blonde',
  ginger: 'red',
  redhead: 'red',
  redheaded: 'red',
  brunette: 'brown',
  auburn: 'red',
};

const STYLES: Record<string, HairStyle> = {
  short: 'short',
  cropped: 'short',
  long: 'long',
  curly: 'curly',
  curls: 'curly',
  wavy: 'curly',
  bun: 'bun',
  bald: 'bald',
  hairless: 'bald',
};

const GLASSES = new Set(['glasses', 'spectacles', 'specs', 'eyeglasses', 'bespectacled']);
const NEGATIONS = new Set(['no', 'without', 'not']);
const BACKDROP_ALONE = new Set(['slate', 'sage', 'sand', 'rose', 'sky']);
const NOUNS: Record<string, 'eyes' | 'hair' | 'backdrop' | 'skin'> = {
  eyes: 'eyes',
  eye: 'eyes',
  eyed: 'eyes',
  hair: 'hair',
  haired: 'hair',
  background: 'backdrop',
  backdrop: 'backdrop',
  skin: 'skin',
  skinned: 'skin',
  complexion: 'skin',
};
/** Words that carry no factor but are not a request either: grammar and "a face". */
const FILLER = new Set(
  (
    'a an the with and of in on at has have having wearing wears who is are her his their ' +
    'some very person face portrait headshot photo picture image someone or plus against ' +
    'in front'
  ).split(' '),
);

/**
 * Reads `text` into a Prompt and a verdict per word. A colour names a factor through the
 * noun after it ("blue eyes", "red hair", "pink background", "dark skin"); a bare colour is
 * ambiguous and ignored, except words that only describe hair ("ginger", "blonde"). "no",
 * "not" or "without" before glasses asks for none. A later phrase overrides an earlier one
 * for the same factor (the earlier words are then marked ignored).
 */
export function parsePrompt(text: string): ParsedPrompt {
  const words: PromptWord[] = [...text.matchAll(/[\p{L}']+/gu)].map((m) => ({
    text: m[0],
    start: m.index,
    kind: 'ignored',
  }));
  const lower = words.map((w) => w.text.toLowerCase().replace(/'s$/, ''));
  const prompt: Prompt = {};
  /** The words that set each factor, so an override can mark them ignored. */
  const setBy = new Map<PromptFactor, number[]>();

  const set = <F extends PromptFactor>(factor: F, value: Prompt[F], at: number[]) => {
    for (const i of setBy.get(factor) ?? []) {
      words[i]!.kind = 'ignored';
      words[i]!.note = 'overridden by a later word';
    }
    prompt[factor] = value;
    setBy.set(factor, at);
    for (const i of at) {
      words[i]!.kind = 'factor';
      words[i]!.factor = factor;
      delete words[i]!.note;
    }
  };

  let i = 0;
  while (i < words.length) {
    const w = lower[i]!;
    const next = lower[i + 1];
    // "no glasses", "without any glasses", "not wearing glasses"
    if (NEGATIONS.has(w)) {
      let j = i + 1;
      while (j < words.length && ['any', 'wearing'].includes(lower[j]!)) j++;
      if (j < words.length && GLASSES.has(lower[j]!)) {
        set(
          'glasses',
          false,
          Array.from({ length: j - i + 1 }, (_, k) => i + k),
        );
        i = j + 1;
        continue;
      }
    }
    if (GLASSES.has(w)) {
      set('glasses', true, [i]);
      i++;
      continue;
    }
    // A colour phrase of one or two words ("dark brown", "light-brown" split in two).
    const two = next !== undefined ? `${w} ${next}` : '';
    const phraseLength = two && (EYES[two] || SKIN[two]) ? 2 : 1;
    const phrase = phraseLength === 2 ? two : w;
    const noun = NOUNS[lower[i + phraseLength] ?? ''];
    const at = Array.from({ length: phraseLength + 1 }, (_, k) => i + k);
    if (noun === 'eyes' && EYES[phrase]) {
      set('eyeColour', EYES[phrase], at);
      i += phraseLength + 1;
      continue;
    }
    if (noun === 'hair' && HAIR[phrase]) {
      set('hairColour', HAIR[phrase], at);
      i += phraseLength + 1;
      continue;
    }
    if (noun === 'backdrop' && BACKDROP[phrase]) {
      set('backdrop', BACKDROP[phrase], at);
      i += phraseLength + 1;
      continue;
    }
    if (noun === 'skin' && SKIN[phrase] !== undefined) {
      set('skinTone', SKIN[phrase], at);
      i += phraseLength + 1;
      continue;
    }
    if (STYLES[w]) {
      // "long hair" lights both words; "long red hair" leaves "red hair" to the colour rule.
      const withHair = NOUNS[next ?? ''] === 'hair';
      set('hairStyle', STYLES[w], withHair ? [i, i + 1] : [i]);
      i += withHair ? 2 : 1;
      continue;
    }
    if (HAIR_ALONE[w]) {
      set('hairColour', HAIR_ALONE[w], [i]);
      i++;
      continue;
    }
    if (BACKDROP_ALONE.has(w)) {
      set('backdrop', w as Backdrop, [i]);
      i++;
      continue;
    }
    if (w === 'pale' || w === 'fair') {
      set('skinTone', SKIN[w]!, [i]);
      i++;
      continue;
    }
    const word = words[i]!;
    if (FILLER.has(w) || NOUNS[w]) {
      word.kind = 'filler';
    } else if (EYES[w] || HAIR[w] || BACKDROP[w]) {
      word.note = 'a colour of what? Say "blue eyes", "red hair" or "blue background"';
    } else {
      word.note = 'not a factor the model was conditioned on';
    }
    i++;
  }
  return { words, prompt };
}

/** The prompt in the model's own terms, e.g. "eye colour blue · glasses no". */
export function promptSummary(prompt: Prompt): string {
  const parts: string[] = [];
  if (prompt.eyeColour) parts.push(`eye colour ${prompt.eyeColour.replace('-', ' ')}`);
  if (prompt.hairStyle) parts.push(`hair style ${prompt.hairStyle}`);
  if (prompt.hairColour) parts.push(`hair colour ${prompt.hairColour}`);
  if (prompt.backdrop) parts.push(`backdrop ${prompt.backdrop}`);
  if (prompt.glasses !== undefined) parts.push(`glasses ${prompt.glasses ? 'yes' : 'no'}`);
  if (prompt.skinTone !== undefined) parts.push(`skin tone ${prompt.skinTone.toFixed(1)}`);
  return parts.length ? parts.join(' · ') : 'nothing: an unconditional sample';
}
