/** The tables and views one load creates, named for its generation, so that an error can drop them all. */
import * as q from '../../engine/sql/build';
import type { Query } from '../../engine/sql/ast';
import type { SqlRunner } from '../engines/engine';
import { execute } from './check';
import { dropTables } from './tables';

export class LoadTables {
  readonly created: string[] = [];
  readonly prefix: string;
  /** Where new tables and views go (`STAGING_DATABASE` for a small load); unset, the connector's default database. */
  database: string | undefined;

  constructor(generation = 1) {
    this.prefix = `g${generation}`;
  }

  /** A name no table of this load has yet, and remembers it as created. */
  claim(name: string): string {
    // DuckDB names ignore case, the data's names do not: EmailOpened and emailopened need two tables.
    let table = `${this.prefix}:${name}`;
    for (let n = 2; this.created.some((t) => t.toLowerCase() === table.toLowerCase()); n++) table = `${this.prefix}:${name}#${n}`;
    this.created.push(table);
    return table;
  }

  async create(runner: SqlRunner, name: string, query: Query, kind: 'table' | 'view' = 'table'): Promise<string> {
    const table = this.claim(name);
    const target = q.tableName(table, this.database);
    await execute(runner, kind === 'view' ? q.createView(target, query) : q.createTableAs(target, query));
    return table;
  }

  async dropAll(runner: SqlRunner): Promise<void> {
    await dropTables(runner, this.created);
  }
}
