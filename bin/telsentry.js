#!/usr/bin/env node
// Entry shim: the CLI is compiled to dist/ by `npm install` (prepare script).
process.env.UV_THREADPOOL_SIZE ??= '8';
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
