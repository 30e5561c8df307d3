-- Transaction characteristics: SHOW after a block shows the defaults again; SET TRANSACTION
-- inside a multi-statement query string applies to its implicit block, without a warning.
BEGIN;
COMMIT;
SHOW transaction_read_only;
SHOW transaction_deferrable;
SHOW transaction_isolation;
SELECT 1\; BEGIN\; SAVEPOINT sp\; ROLLBACK TO SAVEPOINT sp\; COMMIT;
SHOW transaction_read_only;
SET TRANSACTION READ ONLY;
SET TRANSACTION READ ONLY\; COMMIT AND CHAIN;
SHOW transaction_read_only;
SET TRANSACTION READ ONLY\; ROLLBACK AND CHAIN;
SHOW transaction_read_only;
CREATE TABLE tsi_t (a int);
SET TRANSACTION READ ONLY\; INSERT INTO tsi_t VALUES (1);
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE\; SHOW transaction_isolation;
SHOW transaction_isolation;
INSERT INTO tsi_t VALUES (2)\; SHOW transaction_read_only;
SELECT * FROM tsi_t;
DROP TABLE tsi_t;
-- COMMIT/ROLLBACK AND CHAIN keep DEFERRABLE too
START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ WRITE, DEFERRABLE;
COMMIT AND CHAIN;
SHOW transaction_deferrable;
SAVEPOINT x;
ROLLBACK AND CHAIN;
SHOW transaction_isolation;
SHOW transaction_deferrable;
COMMIT;
SHOW transaction_deferrable;
