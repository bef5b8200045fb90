/** Global set-up of the slow project: its real processes run the built CLI, so dist/ must match the sources. */
import { ensureBuilt } from '../scripts/build.mjs';

export default function setup(): void {
  ensureBuilt();
}
