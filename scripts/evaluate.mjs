// Runs `npm run evaluate` (src/cli/evaluate.ts, bundled by run-cli.mjs).
import { runCli } from './run-cli.mjs';

await runCli('evaluate');
