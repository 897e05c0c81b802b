import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/** Column types PostgreSQL's to_json writes as strings but the driver hands over as Date. */
const TIMESTAMP_TYPES = new Set<unknown>(['timestamptz', 'timestamp', 'timestamp with time zone', Date]);

/**
 * An entity from a row PostgreSQL turned into JSON (`to_json(row)`): each column read by its
 * database name into its property, timestamps back to Date and any column transformer
 * applied, so the result equals what TypeORM's own hydration gives for the same row (the
 * plan reader's differential test compares both). Lets one statement return several tables.
 */
export function entityFromJson<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  json: Record<string, unknown>,
): T {
  const metadata = dataSource.getMetadata(entity);
  const instance = metadata.create() as T;
  for (const column of metadata.columns) {
    let value = json[column.databaseName] ?? null;
    if (value !== null && TIMESTAMP_TYPES.has(column.type)) value = new Date(value as string);
    const transformer = column.transformer;
    if (transformer && !Array.isArray(transformer)) value = transformer.from(value);
    column.setEntityValue(instance, value);
  }
  return instance;
}
