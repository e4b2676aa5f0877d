/**
 * One session per page for a model the diffusion figures share: the first call opens it
 * (starts the runtime, downloads the weights), later calls get the same promise. A failed
 * open is forgotten, so a figure's "Try again" starts afresh instead of replaying the error.
 */
export function openOnce<T>(open: (base: string) => Promise<T>): (base: string) => Promise<T> {
  let session: Promise<T> | null = null;
  return (base) => {
    session ??= open(base).catch((error: unknown) => {
      session = null; // "Try again" starts afresh
      throw error;
    });
    return session;
  };
}
