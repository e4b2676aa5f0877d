/** The shared opener: one open per page while it succeeds, a fresh one after a failure. */
import { describe, expect, test, vi } from 'vitest';
import { openOnce } from '../../../../src/figures/diffusion/openOnce.ts';

describe('openOnce', () => {
  test('opens once and shares the session', async () => {
    const open = vi.fn(async (base: string) => ({ base }));
    const get = openOnce(open);
    const a = get('/a/');
    const b = get('/b/');
    expect(a).toBe(b);
    expect(await a).toEqual({ base: '/a/' });
    expect(open).toHaveBeenCalledTimes(1);
  });

  test('forgets a failed open, so the next call tries again', async () => {
    let fail = true;
    const open = vi.fn(async () => {
      if (fail) throw new Error('no weights');
      return 'session';
    });
    const get = openOnce(open);
    await expect(get('/')).rejects.toThrow('no weights');
    fail = false;
    expect(await get('/')).toBe('session');
    expect(await get('/')).toBe('session');
    expect(open).toHaveBeenCalledTimes(2);
  });
});
