/** The experiments' numbers (bench/harness/experiments.ts) as markdown, for BENCHMARKS.md. */
import { formatBytes, formatMs, formatRatio, ratio } from './stats';

type Json = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === 'number' ? value : NaN);
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const sumValues = (value: unknown): number => Object.values(obj(value)).reduce<number>((a, b) => a + num(b), 0);

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function decode(e: Json): string[] {
  const row = (label: string, v: Json): string[] =>
    v.error !== undefined
      ? [label, `failed: ${String(v.error).slice(0, 60)}`, '', '', '', formatBytes(num(v.decoderHeapAfter))]
      : [
          label,
          formatMs(num(v.readMs ?? v.decodeMs) + (num(v.ipcMs) || 0)),
          formatMs(num(v.insertMs)),
          String(v.batches ?? v.rowGroups ?? ''),
          formatBytes(num(v.ipcBytes)),
          formatBytes(num(v.decoderHeapAfter)),
        ];
  return [
    `**Decode and stage** ${String(e.file)} (${formatBytes(num(e.fileBytes))}), median of ${String(e.runs ?? 1)} interleaved runs; the decoder's wasm heap was ${formatBytes(num(e.decoderHeapStart))} before (it never shrinks):`,
    '',
    ...table(
      ['how', 'Parquet → Arrow IPC', 'IPC → DuckDB', 'batches', 'IPC size', "decoder's heap after"],
      [
        row("the app's way: readParquet, 1,024-row batches", obj(e.appDefault)),
        row('readParquet with 131,072-row batches', obj(e.bigBatches)),
        row('streamed by row group (ParquetFile, 131,072-row batches; extra copy to append)', obj(e.streamed)),
      ],
    ),
    '',
  ];
}

function split(e: Json, appSegmentsMs: number): string[] {
  const names: [string, string][] = [
    ['oneTableViews', 'one table, a view per type'],
    ['oneTableByTypeViews', 'one table sorted by type and time, a view per type'],
    ['allColumns', 'a table per type, every column of the long table'],
    ['ownColumns', 'only the columns the type uses'],
    ['ownColumnsByContact', 'only its columns, ordered by contact and time'],
  ];
  return [
    `**Interaction tables** from the staged long table (${String(e.columns)} columns; staged ${formatMs(num(e.stageMs))}, ${formatBytes(num(e.memoryStaged))}; finding each type's columns: ${formatMs(num(e.layoutMs))}):`,
    '',
    ...table(
      ['layout', 'build all types', 'memory', 'all segments'],
      names.map(([key, label]) => {
        const v = obj(e[key]);
        return [label, formatMs(num(v.createMs)), formatBytes(num(v.memory)), formatMs(sumValues(v.segments))];
      }),
    ),
    '',
    `(The app's tables in the same tab: all segments ${formatMs(appSegmentsMs)}.)`,
    '',
  ];
}

function checks(e: Json): string[] {
  const pairs: [string, string, string][] = [
    ['InteractionId duplicates', 'idDuplicatesAsLoader', 'idDuplicatesAnyFirst'],
    ['null timestamps', 'timestampNullAsLoader', 'timestampNullCount'],
    ['column metadata', 'metadataInformationSchema', 'metadataDescribe'],
  ];
  return [
    '**Checks**, as the loader asks them and a cheaper way (the detail is only needed once a problem is known to exist):',
    '',
    ...table(
      ['check', 'as the loader asks', 'cheaper', 'ratio'],
      pairs.map(([label, a, b]) => [label, formatMs(num(e[a])), formatMs(num(e[b])), formatRatio(ratio(num(e[a]), num(e[b])))]),
    ),
    '',
  ];
}

function compress(e: Json): string[] {
  return [
    `**Compressed tables**: the loaded tables copied into \`ATTACH ':memory:' AS z (COMPRESS)\` take ${formatBytes(num(e.compressed))} instead of ${formatBytes(num(e.tablesBefore))} (${formatRatio(ratio(num(e.tablesBefore), num(e.compressed)))} smaller); copying took ${formatMs(num(e.copyMs))}, the checkpoint ${formatMs(num(e.checkpointMs))}. All segments: ${formatMs(sumValues(e.segments))} on the compressed tables, ${formatMs(sumValues(e.plainSegments))} on the app's tables (same tab, same runs).`,
    '',
  ];
}

function previewReuse(e: Json): string[] {
  const flow = obj(e.flow);
  const count = obj(e.countEdit);
  const groups = (flow.eachGroupOnItsOwnMs as number[] | undefined) ?? [];
  return [
    `**Reusing work across preview edits**: editing group 1 of the Flow ("${String(flow.label)}") needs only that group (${formatMs(num(flow.editedGroupMs))}) and the set operations and counts (${formatMs(num(flow.combineAndCountMs))}) when the other groups' members are kept; the groups on their own take ${groups.map(formatMs).join(', ')}. ` +
      `Changing a count test ("${String(count.label)}"): per-contact values take ${formatMs(num(count.perContactValuesMs))} once; from them, the new count takes ${formatMs(num(count.countFromValuesMs))} and the histogram ${formatMs(num(count.histogramFromValuesMs))}.`,
    '',
  ];
}

function streamLoad(e: Json, appLoadMs: number, native1: Record<string, number>): string[] {
  if (e.error !== undefined)
    return [`**Streaming loader prototype** failed: \`${String(e.error)}\` (tab peak ${formatBytes(num(e.rendererPeakBytes))}).`, ''];
  const phases = obj(e.phases);
  const segments = obj(e.segments);
  return [
    `**Streaming loader prototype** (fresh tab: row groups decoded ${8} at a time and split straight into compressed per-type tables; no whole-file Arrow, no whole-file staging): ` +
      `load ${formatMs(num(e.loadMs))}${Number.isFinite(appLoadMs) ? ` (the app's loader: ${formatMs(appLoadMs)})` : " (the app's loader could not load this)"}; ` +
      `decode ${formatMs(num(phases.decode))}, stage ${formatMs(num(phases.stage))}, split into compressed tables ${formatMs(num(phases.split))}, checkpoints ${formatMs(num(phases.checkpoint))}. ` +
      `DuckDB memory after the load ${formatBytes(num(e.memoryAfterLoad))} (peak ${formatBytes(num(e.peakDuckdb))}, limit ${String(e.memoryLimit)}); tab peak ${formatBytes(num(e.rendererPeakBytes))}.`,
    '',
    ...table(
      ['segment', 'prototype (browser)', 'native, 1 thread', 'ratio'],
      Object.keys(segments).map((name) => [
        name,
        formatMs(num(segments[name])),
        formatMs(native1[name] ?? NaN),
        formatRatio(ratio(num(segments[name]), native1[name] ?? NaN)),
      ]),
    ),
    '',
  ];
}

export function experimentsSection(
  experiments: Readonly<Record<string, unknown>>,
  context: { appLoadMs: number; appSegmentsMs: number; native1: Record<string, number> },
): string[] {
  const out: string[] = [];
  const e = (name: string) => obj(experiments[name]);
  if (experiments.decode) out.push(...decode(e('decode')));
  if (experiments.split) out.push(...split(e('split'), context.appSegmentsMs));
  if (experiments.checks) out.push(...checks(e('checks')));
  if (experiments.compress) out.push(...compress(e('compress')));
  if (experiments['preview-reuse']) out.push(...previewReuse(e('preview-reuse')));
  if (experiments['stream-load']) out.push(...streamLoad(e('stream-load'), context.appLoadMs, context.native1));
  return out.length > 0
    ? ["**Experiments** (bench/harness/experiments.ts: proposed changes tried beside the app's code, same tab, same data):", '', ...out]
    : [];
}
