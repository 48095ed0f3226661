import { describe, expect, it } from 'vitest';
import { countAtBar, histogramBars, logTicks, zoomLimit } from '../src/state/designer/editor-histogram';

describe('the histogram threshold', () => {
  const bar = (v: number) => ({ x1: v - 0.45, x2: v + 0.45 });

  it('a click on a count bar sets the threshold to its value, keeping the kind of test', () => {
    expect(countAtBar({ op: 'atLeast', value: 1 }, bar(4), true)).toEqual({ op: 'atLeast', value: 4 });
    expect(countAtBar({ op: 'atMost', value: 9 }, bar(2), true)).toEqual({ op: 'atMost', value: 2 });
    expect(countAtBar({ op: 'exactly', value: 0 }, bar(3), true)).toEqual({ op: 'exactly', value: 3 });
  });

  it('a range moves its nearer end, or the end the bar lies beyond', () => {
    expect(countAtBar({ op: 'between', value: [2, 8] }, bar(3), true)).toEqual({ op: 'between', value: [3, 8] });
    expect(countAtBar({ op: 'between', value: [2, 8] }, bar(7), true)).toEqual({ op: 'between', value: [2, 7] });
    expect(countAtBar({ op: 'between', value: [2, 8] }, bar(12), true)).toEqual({ op: 'between', value: [2, 12] });
    expect(countAtBar({ op: 'between', value: [2, 8] }, bar(0), true)).toEqual({ op: 'between', value: [0, 8] });
  });

  it('a measure bar gives its lower edge to atLeast and its upper edge to atMost', () => {
    const [first] = histogramBars(
      [
        { value: 10, contacts: 1 },
        { value: 40, contacts: 2 },
      ],
      { op: 'atLeast', value: 0 },
      false,
      3,
    );
    expect(countAtBar({ op: 'atLeast', value: 0 }, first!, false)).toEqual({ op: 'atLeast', value: 10 });
    expect(countAtBar({ op: 'atMost', value: 0 }, first!, false)).toEqual({ op: 'atMost', value: 20 });
  });

  it('a zoomed axis ends where 99% of contacts are, never short of the threshold', () => {
    const bins = [
      { value: 0, contacts: 900 },
      { value: 1, contacts: 95 },
      { value: 2, contacts: 4 },
      { value: 500, contacts: 1 },
    ];
    expect(zoomLimit(bins, { op: 'atLeast', value: 1 })).toBe(1);
    expect(zoomLimit(bins, { op: 'atLeast', value: 40 })).toBe(40);
    expect(zoomLimit(bins, { op: 'between', value: [0, 3] })).toBe(3);
  });

  it('a log axis has ticks at 0 and the powers of ten up to the tallest bar', () => {
    expect(logTicks([{ contacts: 4200 }, { contacts: 3 }])).toEqual([0, 1, 10, 100, 1000]);
  });
});
