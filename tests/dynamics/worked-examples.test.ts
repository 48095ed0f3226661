/**
 * Golden tests of DYNAMICS.md's worked examples, both ways: each text imports as the table says,
 * the imported segment exports to text that is valid under the documented grammar, and that
 * text imports back to the same segment.
 */
import { describe, expect, it } from 'vitest';
import { exportDynamics, importDynamics, formatProblem } from '../../src/engine/dynamics/dynamics';
import type { Segment } from '../../src/engine/library-schema';
import { documentedGrammarProblem } from './documented-grammar';
import { MICROSOFT_CATALOG } from './microsoft-catalog';

const head = { name: 'Imported', status: 'draft', timeZone: 'UTC' } as const;

const EXAMPLES: { text: string; segment: Segment; definitions?: Segment[]; exported: string }[] = [
  {
    text: 'PROFILE(contact)',
    segment: { ...head, kind: 'profile', query: { groups: [{}] } },
    exported: 'PROFILE(contact)\n',
  },
  {
    text: 'INTERACTION(EmailSoftBounced, EmailSoftBounced_ContactLink).HAVING(COUNT()>10, UTCMONTHS(1))',
    segment: {
      ...head,
      kind: 'interaction',
      query: {
        interaction: 'EmailSoftBounced',
        relation: 'ContactId',
        count: { op: 'atLeast', value: 11 },
        window: { last: 1, unit: 'month' },
      },
    },
    exported: 'INTERACTION(EmailSoftBounced, EmailSoftBounced_ContactLink).HAVING(COUNT()>10, UTCMONTHS(1))\n',
  },
  {
    text: "INTERACTION(RedirectLinkClicked, RedirectLinkClicked_ContactLink).FILTER(EmailId == '12345').HAVING(COUNT()>0, UTCDAYS(7))",
    segment: {
      ...head,
      kind: 'interaction',
      query: {
        interaction: 'RedirectLinkClicked',
        relation: 'ContactId',
        where: { field: 'EmailId', op: 'eq', value: '12345' },
        count: { op: 'atLeast', value: 1 },
        window: { last: 7, unit: 'day' },
      },
    },
    exported:
      "INTERACTION(RedirectLinkClicked, RedirectLinkClicked_ContactLink).FILTER(EmailId == '12345').HAVING(COUNT()>0, UTCDAYS(7))\n",
  },
  {
    text: 'SEGMENT(segment1) UNION SEGMENT(segment2)',
    segment: { ...head, kind: 'compound', query: { steps: [{ segment: 'segment1' }, { combine: 'union', segment: 'segment2' }] } },
    exported: 'SEGMENT(segment1)\nUNION SEGMENT(segment2)\n',
  },
];

describe('DYNAMICS.md worked examples', () => {
  for (const example of EXAMPLES) {
    it(`imports ${example.text}`, () => {
      const imported = importDynamics(example.text, MICROSOFT_CATALOG);
      expect(imported).toEqual({ ok: true, segment: example.segment, definitions: example.definitions ?? [] });
    });

    it(`exports it back as valid text: ${example.text}`, () => {
      const exported = exportDynamics(example.segment, MICROSOFT_CATALOG);
      expect(exported).toEqual({ ok: true, text: example.exported });
      if (!exported.ok) return;
      expect(documentedGrammarProblem(exported.text)).toBeUndefined();
      expect(importDynamics(exported.text, MICROSOFT_CATALOG)).toEqual({ ok: true, segment: example.segment, definitions: [] });
    });
  }

  it('refuses the filter on a relationship and the missing comparison before 1, each at its place', () => {
    const text = 'PROFILE(Subscription).TRAVERSE(InSubscription, FILTER(DATEDIFF(month, SubscriptionEndDate, DATETIMEUTCNOW()) 1))';
    const imported = importDynamics(text, MICROSOFT_CATALOG);
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.problems.map(formatProblem)).toEqual([
      `line 1, column ${text.indexOf('FILTER') + 1}: a FILTER on a relationship has no Segment Studio meaning: filter the entity after the TRAVERSE instead`,
      `line 1, column ${text.lastIndexOf('1') + 1}: missing comparison before '1': expected ==, !=, <, <=, > or >=`,
    ]);
  });

  it('refuses a filter on a relationship even when the filter itself is well formed', () => {
    const text = "PROFILE(Subscription).TRAVERSE(InSubscription, FILTER(SubscriptionEndDate > '2026-01-01'))";
    const imported = importDynamics(text, MICROSOFT_CATALOG);
    expect(imported).toEqual({
      ok: false,
      problems: [
        {
          line: 1,
          column: text.indexOf('FILTER') + 1,
          message: 'a FILTER on a relationship has no Segment Studio meaning: filter the entity after the TRAVERSE instead',
        },
      ],
    });
  });
});
