-- CURRENT_USER, SESSION_USER, CURRENT_ROLE, USER, CURRENT_CATALOG, CURRENT_SCHEMA: one role and database, "postgres".
CREATE TABLE svf_t (a text DEFAULT current_user, b name DEFAULT session_user, c text DEFAULT current_catalog);
INSERT INTO svf_t DEFAULT VALUES;
SELECT a, b, c = current_database() FROM svf_t;
SELECT pg_typeof(current_user), pg_typeof(current_schema), pg_typeof(current_catalog);
DROP TABLE svf_t;
