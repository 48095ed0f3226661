// Runs `npm run dynamics` (src/cli/dynamics.ts, bundled by run-cli.mjs).
import { runCli } from './run-cli.mjs';

await runCli('dynamics');
