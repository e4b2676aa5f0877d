/**
 * Bytes as base64 text and back, shared by everything the site puts in a link (base64url,
 * RFC 4648 §5, unpadded) or in a file (plain base64). Decoding never throws: text that is
 * not base64 gives null, so a mangled link or file is refused rather than half-read.
 */

/** `bytes` as base64, or base64url without padding when `url` is true. */
export function toBase64(bytes: Uint8Array, url = false): string {
  let binary = '';
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  const text = btoa(binary);
  return url ? text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : text;
}

/** The bytes of base64 (or base64url) text, or null for text that is neither. */
export function fromBase64(text: string, url = false): Uint8Array | null {
  if (url && !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  let binary: string;
  try {
    binary = atob(url ? text.replace(/-/g, '+').replace(/_/g, '/') : text);
  } catch {
    return null; // a length or a character base64 cannot have
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
