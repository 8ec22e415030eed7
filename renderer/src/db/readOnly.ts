import type { IndexableType, IndexableTypeArray, Table } from 'dexie'
import type { JiuzhuDb, TableName } from './database'

/**
 * The database as a command READS it inside its transaction (`ctx.read`, commands/context.ts), and as a query
 * takes it: tables that can be got, searched and counted, with no method that writes (no put/add/update/delete on
 * a table, no modify/delete on a collection) and no way back to the Dexie instance (no `db`, no `transaction`).
 * The office's `JiuzhuDb` is one (screens pass theirs to the same queries); a command only ever has this view, so
 * it writes through the context's audited operations or not at all (docs/architecture.md “命令上下文”).
 */
export interface ReadCollection<T, K = IndexableType> {
  and(filter: (x: T) => boolean): ReadCollection<T, K>
  count(): Promise<number>
  distinct(): ReadCollection<T, K>
  each(callback: (obj: T, cursor: { key: IndexableType; primaryKey: K }) => unknown): Promise<void>
  filter(filter: (x: T) => boolean): ReadCollection<T, K>
  first(): Promise<T | undefined>
  last(): Promise<T | undefined>
  keys(): Promise<IndexableTypeArray>
  primaryKeys(): Promise<K[]>
  uniqueKeys(): Promise<IndexableTypeArray>
  limit(n: number): ReadCollection<T, K>
  offset(n: number): ReadCollection<T, K>
  or(index: string): ReadWhereClause<T, K>
  reverse(): ReadCollection<T, K>
  sortBy(keyPath: string): Promise<T[]>
  toArray(): Promise<T[]>
  until(filter: (value: T) => boolean, includeStopEntry?: boolean): ReadCollection<T, K>
}

export interface ReadWhereClause<T, K = IndexableType> {
  above(key: unknown): ReadCollection<T, K>
  aboveOrEqual(key: unknown): ReadCollection<T, K>
  anyOf(keys: ReadonlyArray<IndexableType>): ReadCollection<T, K>
  below(key: unknown): ReadCollection<T, K>
  belowOrEqual(key: unknown): ReadCollection<T, K>
  between(lower: unknown, upper: unknown, includeLower?: boolean, includeUpper?: boolean): ReadCollection<T, K>
  equals(key: IndexableType): ReadCollection<T, K>
  noneOf(keys: ReadonlyArray<IndexableType>): ReadCollection<T, K>
  notEqual(key: IndexableType): ReadCollection<T, K>
  equalsIgnoreCase(key: string): ReadCollection<T, K>
  startsWith(key: string): ReadCollection<T, K>
  startsWithAnyOf(prefixes: string[]): ReadCollection<T, K>
}

export interface ReadTable<T, K = IndexableType> {
  readonly name: string
  get(key: K): Promise<T | undefined>
  bulkGet(keys: K[]): Promise<(T | undefined)[]>
  where(index: string | string[]): ReadWhereClause<T, K>
  filter(fn: (obj: T) => boolean): ReadCollection<T, K>
  count(): Promise<number>
  each(callback: (obj: T, cursor: { key: unknown; primaryKey: K }) => unknown): Promise<void>
  toArray(): Promise<T[]>
  toCollection(): ReadCollection<T, K>
  orderBy(index: string | string[]): ReadCollection<T, K>
  reverse(): ReadCollection<T, K>
  limit(n: number): ReadCollection<T, K>
  offset(n: number): ReadCollection<T, K>
}

type ReadTables = {
  readonly [N in TableName]: JiuzhuDb[N] extends Table<infer R, infer K> ? ReadTable<R, K> : never
}

export type ReadDb = ReadTables & {
  // biome-ignore lint/suspicious/noExplicitAny: like Dexie's own `table(name)`, rows of a table named at run time
  table(name: string): ReadTable<any, any>
}
