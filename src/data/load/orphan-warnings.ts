/**
 * Interactions that belong to no contact are ignored (SPEC §2); the load says how many, in the
 * same words for every loader.
 */
import type { InteractionTypeInfo } from '../../engine/catalog';

export interface OrphanCount {
  readonly type: string;
  /** Interactions with no value in the link column. */
  readonly empty: number;
  /** Interactions whose link names no contact. */
  readonly dangling: number;
}

/** Sums counts per type and link, across sources. */
export class OrphanTally {
  private readonly counts = new Map<string, { empty: number; dangling: number }>();

  add(link: string, counts: readonly Pick<OrphanCount, 'type' | 'empty' | 'dangling'>[]): void {
    for (const { type, empty, dangling } of counts) {
      const key = `${type}\u0000${link}`;
      const sum = this.counts.get(key) ?? { empty: 0, dangling: 0 };
      this.counts.set(key, { empty: sum.empty + empty, dangling: sum.dangling + dangling });
    }
  }

  /** Dangling links for every link; empty ones only for a type's first link (later links are often optional). */
  warnings(types: Readonly<Record<string, InteractionTypeInfo>>): string[] {
    const warnings: string[] = [];
    for (const [type, info] of Object.entries(types)) {
      for (const link of info.links) {
        const { empty = 0, dangling = 0 } = this.counts.get(`${type}\u0000${link}`) ?? {};
        warnings.push(...orphanWarnings(type, link, { dangling, empty: link === info.links[0] ? empty : 0 }));
      }
    }
    return warnings;
  }
}

/** The wording of both orphan warnings, for every loader; a count of 0 gives no warning. */
export function orphanWarnings(type: string, link: string, counts: { readonly dangling: number; readonly empty: number }): string[] {
  const interactions = (n: number) => (n === 1 ? '1 interaction' : `${n} interactions`);
  const warnings: string[] = [];
  if (counts.dangling > 0)
    warnings.push(
      `${type}: ${interactions(counts.dangling)} whose ${link} is not a contact key ${counts.dangling === 1 ? 'belongs' : 'belong'} to no contact and ${counts.dangling === 1 ? 'is' : 'are'} ignored`,
    );
  if (counts.empty > 0)
    warnings.push(
      `${type}: ${interactions(counts.empty)} with no ${link} ${counts.empty === 1 ? 'belongs' : 'belong'} to no contact through ${link}`,
    );
  return warnings;
}
