/**
 * Figure state in the URL: each figure owns the query parameters prefixed with its id
 * (`?timeline.from=2014&timeline.sel=dcgan`). Parsing never throws: a bad value is clamped
 * into range or ignored (the default stands), so a mangled shared link still opens.
 */
export interface Field<T> {
  readonly fallback: T;
  /** Returns the value for a raw parameter, clamped, or undefined to ignore it. */
  parse(raw: string): T | undefined;
  format(value: T): string;
}

export type Fields<S> = { [K in keyof S]: Field<S[K]> };

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** An integer in [min, max]; out-of-range values are clamped, non-numbers ignored. */
export function intField(fallback: number, min: number, max: number): Field<number> {
  return {
    fallback,
    parse: (raw) => {
      const x = Number(raw.trim());
      return raw.trim() !== '' && Number.isFinite(x) ? clamp(Math.round(x), min, max) : undefined;
    },
    format: String,
  };
}

/** One of a fixed list of strings; anything else is ignored. */
export function choiceField<T extends string>(fallback: T, values: readonly T[]): Field<T> {
  return {
    fallback,
    parse: (raw) => ((values as readonly string[]).includes(raw) ? (raw as T) : undefined),
    format: (value) => value,
  };
}

/** A string from a list that is only known at run time (e.g. milestone ids), or none. */
export function optionalChoiceField(values: readonly string[]): Field<string | null> {
  return {
    fallback: null,
    parse: (raw) => (values.includes(raw) ? raw : undefined),
    format: (value) => value ?? '',
  };
}

/** A number in [min, max] rounded to a multiple of `step`; non-numbers are ignored. */
export function numberField(
  fallback: number,
  min: number,
  max: number,
  step: number,
): Field<number> {
  return {
    fallback,
    parse: (raw) => {
      const x = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(x)) return undefined;
      return clamp(Math.round(x / step) * step, min, max);
    },
    format: String,
  };
}

/** Free text, such as a typed prompt, cut to `maxLength` characters. */
export function textField(fallback: string, maxLength: number): Field<string> {
  return { fallback, parse: (raw) => raw.slice(0, maxLength), format: (value) => value };
}

export function readState<S extends object>(search: string, prefix: string, fields: Fields<S>): S {
  const params = new URLSearchParams(search);
  const state = {} as S;
  for (const key of Object.keys(fields) as (keyof S & string)[]) {
    const field = fields[key];
    const raw = params.get(`${prefix}.${key}`);
    const parsed = raw === null ? undefined : field.parse(raw);
    state[key] = parsed === undefined ? field.fallback : parsed;
  }
  return state;
}

/**
 * The URL that restores `state`: the page URL with this figure's parameters replaced
 * (defaults left out to keep links short) and the figure's anchor as the fragment.
 */
/**
 * Page parameters that belong to this viewer, not to the state being shared: presenter mode
 * and a backend override chosen for one classroom machine.
 */
const PER_VIEWER = ['present', 'backend'];

export function stateUrl<S extends object>(
  href: string,
  prefix: string,
  fields: Fields<S>,
  state: S,
): string {
  const url = new URL(href);
  for (const key of [...url.searchParams.keys()]) {
    if (key.startsWith(`${prefix}.`) || PER_VIEWER.includes(key)) url.searchParams.delete(key);
  }
  for (const key of Object.keys(fields) as (keyof S & string)[]) {
    const field = fields[key];
    const value = state[key];
    if (value !== field.fallback) url.searchParams.set(`${prefix}.${key}`, field.format(value));
  }
  url.hash = `fig-${prefix}`;
  return url.toString();
}
