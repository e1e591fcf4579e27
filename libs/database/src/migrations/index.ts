import { DirectoryAndSessions1764380000000 } from './1764380000000-directory-and-sessions';

/** Every migration, oldest first. Listed by hand so that a build never depends on a file glob. */
export const MIGRATIONS = [DirectoryAndSessions1764380000000];
