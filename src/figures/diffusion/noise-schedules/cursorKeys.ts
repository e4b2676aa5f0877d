/**
 * The keys that move the noise-schedules charts' t cursor, as a slider's would: arrows by
 * one step (by a tenth of T with Shift), Page Up and Page Down by a tenth, Home and End to
 * the ends. Pure, so a test can check it without a keyboard.
 */

/** The new t for a key press (not yet clamped to [0, T]), or undefined for other keys. */
export function cursorKey(key: string, shift: boolean, t: number, T: number): number | undefined {
  const big = Math.max(1, Math.round(T / 10));
  const step = shift ? big : 1;
  const moves: Record<string, number> = {
    ArrowRight: t + step,
    ArrowUp: t + step,
    ArrowLeft: t - step,
    ArrowDown: t - step,
    PageUp: t + big,
    PageDown: t - big,
    Home: 0,
    End: T,
  };
  return moves[key];
}
