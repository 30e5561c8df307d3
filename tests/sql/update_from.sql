-- UPDATE ... FROM and DELETE ... USING.
CREATE TABLE acct (id integer PRIMARY KEY, owner text, balance integer);
CREATE TABLE txn (acct_id integer, delta integer);
INSERT INTO acct VALUES (1, 'ann', 100), (2, 'bob', 50), (3, 'cid', 0);
INSERT INTO txn VALUES (1, 10), (2, -20), (9, 5);
UPDATE acct SET balance = balance + t.delta FROM txn t WHERE t.acct_id = acct.id;
SELECT * FROM acct ORDER BY id;
UPDATE acct a SET balance = a.balance * 2 FROM txn WHERE txn.acct_id = a.id AND txn.delta > 0 RETURNING a.id, balance;
UPDATE acct SET owner = upper(owner) FROM (SELECT 3 AS id) s WHERE s.id = acct.id RETURNING acct.id, owner;
DELETE FROM acct USING txn WHERE txn.acct_id = acct.id AND txn.delta < 0 RETURNING acct.id, balance;
SELECT * FROM acct ORDER BY id;
DELETE FROM acct a USING txn t WHERE t.acct_id = a.id;
SELECT * FROM acct ORDER BY id;
UPDATE acct SET balance = 1 FROM nope WHERE true;
DELETE FROM acct USING acct;
