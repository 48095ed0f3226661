/** Arguments of `npm run dynamics` (DYNAMICS.md, "Headless"). */
import { SEGMENT_NAME } from '../engine/library-schema';
import { UsageError } from './parse-args';

export type DynamicsArgs =
  | { readonly command: 'import'; readonly data: string; readonly name?: string }
  | { readonly command: 'export'; readonly data: string; readonly segments: string; readonly only: string };

const USAGE =
  'usage: npm run --silent dynamics -- import --data DIR [--name NAME] < query.txt\n' +
  '       npm run --silent dynamics -- export --data DIR --segments LIBRARY.json --only NAME';

export function parseDynamicsArgs(argv: readonly string[]): DynamicsArgs {
  const [command, ...rest] = argv;
  if (command !== 'import' && command !== 'export')
    throw new UsageError(`${command === undefined ? 'a command is required' : `unknown command "${command}"`}: import or export\n${USAGE}`);
  const allowed = command === 'import' ? ['--data', '--name'] : ['--data', '--segments', '--only'];
  const values = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!allowed.includes(flag)) throw new UsageError(`unknown argument "${arg}" for ${command}\n${USAGE}`);
    if (values.has(flag)) throw new UsageError(`${flag} is given twice\n${USAGE}`);
    const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${flag} needs a value\n${USAGE}`);
    values.set(flag, value);
  }
  const need = (flag: string) =>
    values.get(flag) ??
    (() => {
      throw new UsageError(`${flag} is required\n${USAGE}`);
    })();
  const data = need('--data');
  if (command === 'import') {
    const name = values.get('--name');
    if (name !== undefined && !SEGMENT_NAME.test(name))
      throw new UsageError(`--name: "${name}" is not a segment name (a letter, then letters, digits or _, at most 100)`);
    return { command, data, ...(name !== undefined ? { name } : {}) };
  }
  return { command, data, segments: need('--segments'), only: need('--only') };
}
