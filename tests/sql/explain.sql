-- EXPLAIN: option parsing and errors as PostgreSQL 15's, and the plans whose shape SQLite's
-- plan and PostgreSQL's share (tests/unit/explain_test.cpp asserts pgmicro's own plan text).
CREATE TABLE ex_t (a int, b text);
INSERT INTO ex_t VALUES (1, 'one'), (2, 'two'), (3, 'three');
EXPLAIN (COSTS OFF) SELECT 1;
EXPLAIN (COSTS OFF) SELECT * FROM ex_t;
EXPLAIN (COSTS OFF) SELECT count(*) FROM ex_t;
EXPLAIN (COSTS OFF) SELECT * FROM ex_t LIMIT 2;
EXPLAIN (COSTS OFF) VALUES (1), (2);
EXPLAIN (COSTS OFF) INSERT INTO ex_t VALUES (4, 'four');
EXPLAIN (COSTS false, VERBOSE off) SELECT a FROM ex_t;
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM ex_t;
EXPLAIN (ANALYZE on, COSTS OFF, TIMING OFF, SUMMARY OFF) SELECT * FROM ex_t LIMIT 2;
-- EXPLAIN without ANALYZE does not run the statement
EXPLAIN (COSTS OFF) UPDATE ex_t SET b = 'x';
SELECT count(*) FROM ex_t;
-- options
EXPLAIN (foo) SELECT 1;
EXPLAIN (costs maybe) SELECT 1;
EXPLAIN (analyze 2) SELECT 1;
EXPLAIN (format xml2) SELECT 1;
EXPLAIN (format 1) SELECT 1;
EXPLAIN (timing) SELECT 1;
EXPLAIN (timing off, COSTS OFF) SELECT 1;
EXPLAIN (wal) SELECT 1;
EXPLAIN (COSTS OFF, buffers, settings) SELECT 1;
-- the statement's own errors
EXPLAIN SELECT * FROM ex_nosuch;
EXPLAIN SELECT nosuch FROM ex_t;
EXPLAIN INSERT INTO ex_t VALUES ('x');
EXPLAIN EXECUTE ex_nosuch;
SELECT 1;
