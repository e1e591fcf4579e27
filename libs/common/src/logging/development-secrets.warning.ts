import { LoggerService } from '@nestjs/common';
import { SitepassConfig } from '@sitepass/config';

/**
 * Every entry point calls this right after loading its configuration, before it connects to anything, so
 * that a process running on the generated development secrets says so even when it fails later (ABUSE-14).
 * A warning, so that it shows at the default LOG_LEVEL.
 */
export function warnAboutDevelopmentSecrets(config: SitepassConfig, logger: LoggerService): void {
  const used = config.developmentSecrets;
  if (!used) return;
  const what = `development secrets (${used.variables.join(', ')})`;
  const where = used.generated ? `Generated ${what} in ${used.file}` : `Reused ${what} from ${used.file}`;
  logger.warn(
    {
      msg: `${where}. These secrets must never be used in production, where ${used.variables.join(', ')} must be set.`,
      file: used.file,
      generated: used.generated,
      variables: used.variables,
    },
    'Config',
  );
}
