-- ALTER TABLE ... ENABLE [REPLICA | ALWAYS] / DISABLE RULE and session_replication_role:
-- which rules fire (pg_rewrite.ev_enabled), transactional like the rest of the catalog.
CREATE TABLE ruletest1 (a int);
CREATE TABLE ruletest2 (b int);
CREATE RULE rule1 AS ON INSERT TO ruletest1
    DO INSTEAD INSERT INTO ruletest2 VALUES (NEW.*);
INSERT INTO ruletest1 VALUES (1);
ALTER TABLE ruletest1 DISABLE RULE rule1;
INSERT INTO ruletest1 VALUES (2);
ALTER TABLE ruletest1 ENABLE RULE rule1;
SET session_replication_role = replica;
INSERT INTO ruletest1 VALUES (3);
ALTER TABLE ruletest1 ENABLE REPLICA RULE rule1;
INSERT INTO ruletest1 VALUES (4);
RESET session_replication_role;
INSERT INTO ruletest1 VALUES (5);
ALTER TABLE ruletest1 ENABLE ALWAYS RULE rule1;
INSERT INTO ruletest1 VALUES (6);
ALTER TABLE ruletest1 DISABLE RULE nosuch;
BEGIN;
ALTER TABLE ruletest1 DISABLE RULE rule1;
INSERT INTO ruletest1 VALUES (7);
ROLLBACK;
INSERT INTO ruletest1 VALUES (8);
SELECT * FROM ruletest1;
SELECT * FROM ruletest2;
