import { execFile } from 'node:child_process';

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

/**
 * Builds the site into `outDir` with `env` added; resolves to null, or the failure with
 * Astro's output. Asynchronous on purpose: a synchronous build blocks the Vitest worker's
 * event loop for a minute or more on a busy machine, and Vitest's own messages then time out.
 */
export function buildAstro(outDir: string, env: Record<string, string>): Promise<string | null> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      ['node_modules/astro/astro.js', 'build', '--outDir', outDir],
      { encoding: 'utf8', env: astroEnv(env), maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) => resolve(error ? `${error.message}\n${stderr}` : null),
    ),
  );
}
