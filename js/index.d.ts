// Type declarations for pg-micro (js/index.js).

// Symbol.asyncDispose for projects whose lib setting predates it (as @types/node declares it).
declare global {
  interface SymbolConstructor {
    readonly asyncDispose: unique symbol;
  }
}

/** A JS value accepted as a parameter ($1..$n); sent to the engine in PostgreSQL's text format. */
export type ParamValue =
  | string | number | bigint | boolean | Date | Uint8Array | ArrayBuffer | ArrayBufferView
  | null | undefined | ParamValue[] | { toPostgres(): ParamValue } | Record<string, unknown>;

export type Row = Record<string, any>;
export type RowMode = 'array' | 'object';

export interface ConnectOptions {
  /** int8 (bigint) columns: 'bigint' (default), 'number' (may lose precision) or 'string'. */
  int8?: 'bigint' | 'number' | 'string';
  /** date/timestamp/timestamptz columns: 'date' (default; JS Date, timestamp read as UTC) or 'string'. */
  dates?: 'date' | 'string';
  /** Per type OID, a function from PostgreSQL's text output to the JS value; replaces the built-in mapping. */
  parsers?: { [oid: number]: (text: string, typeOid: number) => any };
  /** Called with every NOTICE/WARNING the engine raises. */
  onNotice?: (notice: Notice) => void;
  /** A precompiled module (edge runtimes such as Cloudflare Workers). */
  wasmModule?: WebAssembly.Module;
  /** The module's bytes. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch pgmicro.wasm from (default: next to index.js, `new URL('./pgmicro.wasm', import.meta.url)`). */
  wasmUrl?: string | URL;
  /** The bytes of a SQLite database file to start from: ':memory:', 'opfs://NAME' and 'idb://NAME' (replacing what it held). */
  data?: Uint8Array | ArrayBuffer;
}

export interface Notice {
  severity: string;
  code: string;
  message: string;
  detail?: string;
  hint?: string;
}

export interface FieldDef {
  name: string;
  dataTypeID: number;
}

export interface Results<R = Row> {
  rows: R[];
  fields: FieldDef[];
  /** Rows inserted, updated or deleted (0 for other statements). */
  affectedRows: number;
  /** The count in the command tag (rows returned by SELECT, changed by DML), null when it has none. */
  rowCount: number | null;
  /** The command tag without its counts: 'SELECT', 'INSERT', 'CREATE TABLE', ... */
  command: string;
}

export interface QueryOptions {
  rowMode?: RowMode;
  /**
   * Aborting rejects with DatabaseError 57014 "canceling statement due to user request": at once
   * when the call has not started (it then never runs); with pg-micro/worker also while it runs
   * (needs SharedArrayBuffer: in browsers only on cross-origin isolated pages).
   */
  signal?: AbortSignal;
  /**
   * 'sqlite': the SQL is SQLite's, run on the same connection and transaction state (values come
   * back as integer/bigint, double precision, text or bytea columns by what SQLite returned);
   * 'postgres': PostgreSQL's. Default: the session's `SET pgmicro.dialect` ('postgres').
   */
  dialect?: 'postgres' | 'sqlite';
}

export interface QueryConfig {
  text: string;
  values?: ParamValue[];
  rowMode?: RowMode;
  signal?: AbortSignal;
}

/** The last argument of a Statement method: stmt.all(1, 2, { signal }). */
export interface StatementOptions {
  signal?: AbortSignal;
}

export interface TransactionOptions {
  /** Cancels the transaction before it starts, and is the signal of tx's statements that have none. */
  signal?: AbortSignal;
}

export interface ColumnInfo {
  name: string;
  /** format_type() text: 'integer', 'character varying(10)', ... */
  type: string;
  dataTypeID: number;
  typmod: number;
}

export interface RunResult {
  /** Rows the statement inserted, updated or deleted (0 for other statements). */
  changes: number;
  /**
   * SQLite's rowid of the last row inserted on this database (by this statement or, when it
   * inserted nothing, an earlier one; 0 before any): a number, a bigint beyond 2^53 - 1
   * (as better-sqlite3 gives it). PostgreSQL has no equivalent: RETURNING is the portable way.
   */
  lastInsertRowid: number | bigint;
}

export declare class Statement<R = Row> {
  readonly source: string;
  /** raw(true): rows as arrays. */
  raw(on?: boolean): Statement<any[]>;
  /** Parameters bind $1..$n (or one array of them); a last { signal } argument is options. */
  all(...params: (ParamValue | StatementOptions)[]): Promise<R[]>;
  get(...params: (ParamValue | StatementOptions)[]): Promise<R | undefined>;
  run(...params: (ParamValue | StatementOptions)[]): Promise<RunResult>;
  iterate(...params: (ParamValue | StatementOptions)[]): AsyncIterableIterator<R>;
  /**
   * Known once the statement has run; before that (pg-micro only, not pg-micro/worker) a
   * read-only query is run once with NULL parameters to learn it.
   */
  columns(): ColumnInfo[];
}

export interface Queryable {
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  query<R = Row>(query: string | QueryConfig, params?: ParamValue[], options?: QueryOptions): Promise<Results<R>>;
  query<R = Row>(query: SqlQuery, options?: QueryOptions): Promise<Results<R>>;
  sql<R = Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Results<R>>;
  prepare<R = Row>(sql: string, options?: { dialect?: 'postgres' | 'sqlite' }): Statement<R>;
}

export declare class Transaction implements Queryable {
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  query<R = Row>(query: string | QueryConfig, params?: ParamValue[], options?: QueryOptions): Promise<Results<R>>;
  query<R = Row>(query: SqlQuery, options?: QueryOptions): Promise<Results<R>>;
  sql<R = Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Results<R>>;
  prepare<R = Row>(sql: string, options?: { dialect?: 'postgres' | 'sqlite' }): Statement<R>;
  /** Rolls back now; transaction() then resolves with the callback's value. */
  rollback(): Promise<void>;
  readonly closed: boolean;
}

export declare class Database implements Queryable {
  exec(sql: string, options?: QueryOptions): Promise<Results[]>;
  query<R = Row>(query: string | QueryConfig, params?: ParamValue[], options?: QueryOptions): Promise<Results<R>>;
  query<R = Row>(query: SqlQuery, options?: QueryOptions): Promise<Results<R>>;
  sql<R = Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Results<R>>;
  prepare<R = Row>(sql: string, options?: { dialect?: 'postgres' | 'sqlite' }): Statement<R>;
  /** BEGIN; fn(tx); COMMIT — or ROLLBACK and rethrow. Other calls on the database wait meanwhile. */
  transaction<T>(fn: (tx: Transaction) => Promise<T> | T, options?: TransactionOptions): Promise<T>;
  /** The database as the bytes of a standard SQLite database file (refused inside a transaction block). */
  export(): Promise<Uint8Array>;
  /** PRAGMA integrity_check of the stored database: 'ok', or SQLite's findings one per line. */
  integrityCheck(): Promise<string>;
  /** Frees the database's memory (pg-micro/worker: ends its Worker); later calls fail. */
  close(): Promise<void>;
  readonly closed: boolean;
  readonly inTransaction: boolean;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A PostgreSQL error, with the fields node-postgres gives. */
export declare class DatabaseError extends Error {
  name: 'DatabaseError';
  severity: 'ERROR';
  /** SQLSTATE, e.g. '42P01'. */
  code: string;
  detail?: string;
  hint?: string;
  /** 1-based character offset in the query, as a string (as node-postgres gives it). */
  position?: string;
  query?: string;
  params?: unknown[];
}

export declare class SqlQuery {
  readonly text: string;
  readonly values: unknown[];
}

/** sql`SELECT * FROM t WHERE id = ${id}`: values become $n parameters; nested sql`` fragments are inlined. */
export declare function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlQuery;
/** A double-quoted identifier for use inside sql``. */
export declare function identifier(name: string): unknown;
/** Raw SQL text for use inside sql`` (never user input). */
export declare function raw(text: string): unknown;

/**
 * Opens a database: ':memory:', a file path (Node, Deno, Bun), 'opfs://NAME' (browsers: the
 * Origin Private File System; on a page the engine runs in a Worker) or 'idb://NAME' (browsers:
 * IndexedDB). Several tabs may open one opfs:// or idb:// database: one owns it, the others
 * send their statements to it (pg-micro/worker: in a new Worker).
 */
export declare function connect(path?: ':memory:' | string, options?: ConnectOptions): Promise<Database>;

export declare const types: {
  readonly BOOL: 16; readonly BYTEA: 17; readonly CHAR: 18; readonly NAME: 19; readonly INT8: 20;
  readonly INT2: 21; readonly INT4: 23; readonly TEXT: 25; readonly OID: 26; readonly JSON: 114;
  readonly FLOAT4: 700; readonly FLOAT8: 701; readonly UNKNOWN: 705; readonly BPCHAR: 1042;
  readonly VARCHAR: 1043; readonly DATE: 1082; readonly TIME: 1083; readonly TIMESTAMP: 1114;
  readonly TIMESTAMPTZ: 1184; readonly INTERVAL: 1186; readonly NUMERIC: 1700; readonly UUID: 2950;
  readonly JSONB: 3802;
};

declare const _default: {
  connect: typeof connect; sql: typeof sql; identifier: typeof identifier; raw: typeof raw;
  types: typeof types; DatabaseError: typeof DatabaseError;
};
export default _default;
