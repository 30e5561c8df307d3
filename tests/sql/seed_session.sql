-- The seed example session: a table with a serial key, two inserts, then look at it.
CREATE TABLE users (id SERIAL PRIMARY KEY, name TEXT, email TEXT);
INSERT INTO users (name, email) VALUES ('Alice', 'alice@example.com');
INSERT INTO users (name, email) VALUES ('Bob', 'bob@example.com');
SELECT * FROM users;
\dt
\d users
SELECT id, name FROM users WHERE name = 'Bob';
SELECT count(*) FROM users;
