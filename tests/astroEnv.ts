/**
 * Environment for running Astro from inside Vitest. Vitest mirrors `import.meta.env` into
 * `process.env` (BASE_URL, MODE, DEV, PROD, SSR, NODE_ENV=test); a child Astro build would
 * inherit them and, for instance, take BASE_URL=/ over its configured base.
 */
export function astroEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...extra };
  for (const key of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV']) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  return env;
}
