/**
 * The held-out faces the VAE figures offer, a page of eight at a time: a figure keeps the
 * chosen face as an index into the test seeds (0 … count − 1), and the page is the one that
 * holds it. Pure helpers, shared by the pickers and the figures' "Other faces" buttons.
 */
import { TEST_SEEDS } from '../../data/headshots.ts';

export const PER_PAGE = 8;

/** The page that holds face `index`. */
export const pageOf = (index: number): number => Math.floor(index / PER_PAGE);

/** The seeds of page `page`. */
export const pageSeeds = (page: number): number[] =>
  Array.from({ length: PER_PAGE }, (_, i) => TEST_SEEDS.first + page * PER_PAGE + i);

/** The first face of the page after the one holding `index`, wrapping round at the end. */
export const nextPageStart = (index: number): number =>
  ((pageOf(index) + 1) * PER_PAGE) % TEST_SEEDS.count;

/** A face index chosen at random. */
export const randomFace = (): number => Math.floor(Math.random() * TEST_SEEDS.count);
