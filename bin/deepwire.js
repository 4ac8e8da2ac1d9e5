#!/usr/bin/env node
// `deepwire` command: runs the TypeScript CLI through tsx (no build step needed).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
