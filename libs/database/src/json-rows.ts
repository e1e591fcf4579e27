import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from a row that PostgreSQL built with `to_jsonb(table)`: keys are column names, timestamps
 * are ISO strings. Lets one statement return several tables' rows (with `json_agg`) on hot paths and
 * still hand entities to the domain, converted by the entity's own column metadata.
 */
export function entityFromJson<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, row: Record<string, unknown>): T {
  const values: Record<string, unknown> = {};
  for (const column of manager.connection.getMetadata(entity).columns) {
    // A join column without a property of its own stands for the relation: the row holds no entity for it.
    if (column.relationMetadata?.propertyName === column.propertyName || !(column.databaseName in row)) continue;
    let value = row[column.databaseName];
    if (value !== null && (column.type === 'timestamptz' || column.type === Date)) value = new Date(value as string);
    if (column.transformer && !Array.isArray(column.transformer)) value = column.transformer.from(value);
    values[column.propertyName] = value;
  }
  return manager.create(entity, values as T);
}
