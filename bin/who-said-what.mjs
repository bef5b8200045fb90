#!/usr/bin/env node
// `who-said-what` (npx, a global install): tsx is registered in this very process rather than run as a CLI that
// starts a second node, so a signal sent to this pid reaches the run itself.
import { register } from 'tsx/esm/api';

register();
await import('../pipeline/cli.ts');
