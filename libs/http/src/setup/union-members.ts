/**
 * The members of a string union, for an OpenAPI `enum`: call it with the union as type argument, and the
 * compiler refuses a record that misses a member or names one the union does not have, so the document
 * keeps up when the union grows.
 */
export function membersOf<T extends string>(members: Record<T, true>): T[] {
  return Object.keys(members) as T[];
}
