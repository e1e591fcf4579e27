import { DefaultNamingStrategy, NamingStrategyInterface } from 'typeorm';

/** Entities use camelCase properties; columns are snake_case, as the migrations write them. */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override columnName(propertyName: string, customName: string | undefined, prefixes: string[]): string {
    const name = customName ?? propertyName.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
    return prefixes.length > 0 ? `${prefixes.join('_')}_${name}` : name;
  }
}
