/** A small SVG bar chart of ratios with their target lines, for BENCHMARKS.md. */
export interface ChartSeries {
  readonly label: string;
  readonly values: readonly { readonly label: string; readonly value: number; readonly target: number; readonly note?: string }[];
}

const COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759'];

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function renderRatioChart(title: string, series: readonly ChartSeries[]): string {
  const labels = [...new Set(series.flatMap((s) => s.values.map((v) => v.label)))];
  const barHeight = 12;
  const groupHeight = series.length * barHeight + 10;
  const left = 130;
  const width = 780;
  const plotWidth = width - left - 60;
  const top = 50;
  const height = top + labels.length * groupHeight + 30;
  const finite = series.flatMap((s) => s.values.map((v) => v.value)).filter(Number.isFinite);
  const max = Math.max(4, Math.ceil(Math.max(...finite, 0)));
  const x = (value: number) => left + (Math.min(value, max) / max) * plotWidth;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${left}" y="18" font-size="13" font-weight="bold">${escape(title)}</text>`,
  ];
  series.forEach((s, i) => {
    parts.push(`<rect x="${left + i * 150}" y="28" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/>`);
    parts.push(`<text x="${left + i * 150 + 14}" y="37">${escape(s.label)}</text>`);
  });
  for (let tick = 0; tick <= max; tick++) {
    parts.push(`<line x1="${x(tick)}" y1="${top - 4}" x2="${x(tick)}" y2="${height - 24}" stroke="#ddd"/>`);
    parts.push(`<text x="${x(tick)}" y="${height - 10}" text-anchor="middle">${tick}×</text>`);
  }
  labels.forEach((label, row) => {
    const y0 = top + row * groupHeight;
    parts.push(`<text x="${left - 6}" y="${y0 + groupHeight / 2}" text-anchor="end">${escape(label)}</text>`);
    series.forEach((s, i) => {
      const v = s.values.find((value) => value.label === label);
      if (!v) return;
      const y = y0 + i * barHeight;
      if (Number.isFinite(v.value)) {
        parts.push(
          `<rect x="${left}" y="${y}" width="${Math.max(1, x(v.value) - left)}" height="${barHeight - 2}" fill="${COLORS[i % COLORS.length]}"/>`,
        );
        parts.push(`<text x="${x(v.value) + 3}" y="${y + barHeight - 3}">${v.value.toFixed(2)}${v.value > max ? ' →' : ''}</text>`);
      } else {
        parts.push(`<text x="${left + 3}" y="${y + barHeight - 3}" fill="#b00">${escape(v.note ?? 'did not run')}</text>`);
      }
    });
    const target = series[0]?.values.find((v) => v.label === label)?.target;
    if (target !== undefined)
      parts.push(
        `<line x1="${x(target)}" y1="${y0 - 2}" x2="${x(target)}" y2="${y0 + groupHeight - 8}" stroke="#c00" stroke-dasharray="3,2"/>`,
      );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
