/**
 * Dictionary-encoded columns (pandas' `category`, Parquet dictionary pages kept as dictionaries)
 * decoded to plain columns of their values. DuckDB-WASM refuses parquet-wasm's dictionary
 * batches ("must have at least one column"); plain values load like any other column.
 */
import { DataType, Field, makeData, RecordBatch, Schema, Struct, Table, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow';

export const hasDictionaries = (schema: Schema): boolean => schema.fields.some((f) => DataType.isDictionary(f.type));

/** The same Arrow IPC stream with every dictionary column replaced by its values, order and names kept. */
export function withPlainDictionaries(ipc: Uint8Array): Uint8Array {
  const table = tableFromIPC(ipc);
  if (!hasDictionaries(table.schema)) return ipc;
  const fields = table.schema.fields.map((field) =>
    DataType.isDictionary(field.type) ? new Field(field.name, field.type.dictionary as DataType, field.nullable, field.metadata) : field,
  );
  const schema = new Schema(fields, table.schema.metadata);
  const batches = table.batches.map((batch) => {
    const children = table.schema.fields.map((field, i) => {
      const column = batch.getChildAt(i)!;
      return DataType.isDictionary(field.type) ? vectorFromArray([...column] as unknown[], fields[i]!.type).data[0]! : column.data[0]!;
    });
    return new RecordBatch(schema, makeData({ type: new Struct(fields), length: batch.numRows, nullCount: 0, children }));
  });
  return tableToIPC(batches.length > 0 ? new Table(batches) : new Table(schema), 'stream');
}
