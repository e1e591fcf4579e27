import { ConfigError } from './config.error';
import { SitepassConfig } from './config.types';
import { ConfigDefaults, loadConfig } from './load-config';
import { Env } from './env-reader';

/**
 * For entry points, and the one place that reads process.env: a bad environment stops the process with
 * a message naming each variable (OPS-2).
 */
export function loadConfigOrExit(defaults: ConfigDefaults, env: Env = process.env): SitepassConfig {
  try {
    return loadConfig(env, defaults);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: error.message, problems: error.problems })}\n`,
    );
    process.exit(1);
  }
}
