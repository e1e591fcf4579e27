/** A page of a list, counted from 1; the edge validates page ≥ 1 and 1 ≤ pageSize ≤ 100. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** Items across all pages (after any filter). */
  total: number;
}

export function offsetOf(request: PageRequest): number {
  return (request.page - 1) * request.pageSize;
}
