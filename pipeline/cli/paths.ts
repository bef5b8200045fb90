/** Which folder the paths on the command line are relative to. */
import { realpathSync } from 'node:fs';
import path from 'node:path';

const real = (file: string): string => {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
};

/**
 * The folder the user ran the command from. `npm run extract` runs the script in the project folder and says
 * where the user stood in INIT_CWD; it is honoured only for this project's own `extract` and `report` scripts, since paths
 * written inside some other package's script are relative to that package, not to the user.
 */
export function userFolder(projectRoot: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const started = env.INIT_CWD;
  if (started && (env.npm_lifecycle_event === 'extract' || env.npm_lifecycle_event === 'report') && env.npm_package_json
    && real(env.npm_package_json) === real(path.join(projectRoot, 'package.json'))) return started;
  return cwd;
}
