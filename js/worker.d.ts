// Type declarations for pg-micro/worker (js/worker.js): the API of pg-micro, with the engine
// in a dedicated Worker. Statement.columns() is known there once the statement has run.
export * from './index.js';
export { default } from './index.js';
