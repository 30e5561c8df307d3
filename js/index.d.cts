// Type declarations for the CommonJS entries (js/index.cjs, js/worker.cjs).
import type * as PgMicro from './index.js';

/** Opens a database (the ES module's connect, loaded on first use). */
export declare function connect(path?: string, options?: PgMicro.ConnectOptions): Promise<PgMicro.Database>;
/** The ES module's namespace: DatabaseError, sql, identifier, raw, types, ... */
export declare function load(): Promise<typeof PgMicro>;
