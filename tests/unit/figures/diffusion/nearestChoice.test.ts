import { describe, expect, test } from 'vitest';
import { nearest, nearestChoiceField } from '../../../../src/figures/diffusion/nearestChoice.ts';

describe('nearestChoiceField', () => {
  const field = nearestChoiceField(1000, [10, 50, 100, 1000]);

  test('snaps a number to the nearest choice, the lower one on a tie', () => {
    expect(field.parse('50')).toBe(50);
    expect(field.parse(' 70 ')).toBe(50);
    expect(field.parse('80')).toBe(100);
    expect(field.parse('30')).toBe(10);
    expect(field.parse('5000')).toBe(1000);
    expect(field.parse('-3')).toBe(10);
    expect(nearest([10, 20], 15)).toBe(10);
  });

  test('ignores what is not a number, and writes choices back as they are', () => {
    expect(field.parse('')).toBeUndefined();
    expect(field.parse('  ')).toBeUndefined();
    expect(field.parse('many')).toBeUndefined();
    expect(field.parse('Infinity')).toBeUndefined();
    expect(field.format(250)).toBe('250');
    expect(field.fallback).toBe(1000);
  });
});
