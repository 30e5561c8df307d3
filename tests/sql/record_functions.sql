-- Column definition lists for record-returning functions in FROM: json(b)_to_record(set) and
-- LANGUAGE sql functions RETURNS record / SETOF record.
SELECT * FROM json_to_record('{"a":1,"b":"x","c":[1,2],"d":null}') AS x(a int, b text, c json, d int, e text);
SELECT * FROM jsonb_to_record('{"a":1,"b":"x","c":{"z": [1, 2]}}') AS x(a int, b text, c jsonb);
SELECT * FROM jsonb_to_recordset('[{"a":1,"b":"x"},{"a":2,"b":true}]') AS x(a int, b text);
SELECT * FROM json_to_recordset('[{"a":1.5}, {"b":"2020-01-02"}]') AS x(a numeric, b date) WITH ORDINALITY;
SELECT t.id, r.* FROM (VALUES (1, '{"k": 5}'::jsonb), (2, '{"k": 6}')) t(id, doc), jsonb_to_record(t.doc) AS r(k int);
CREATE TABLE orders (id int, lines jsonb);
INSERT INTO orders VALUES (1, '[{"sku": "a", "qty": 2}, {"sku": "b", "qty": 1}]'), (2, '[]');
SELECT o.id, l.sku, l.qty FROM orders o, jsonb_to_recordset(o.lines) AS l(sku text, qty int) ORDER BY 1, 2;
SELECT o.id, l.sku FROM orders o LEFT JOIN LATERAL jsonb_to_recordset(o.lines) AS l(sku text) ON true ORDER BY 1, 2;
CREATE FUNCTION pair(n int) RETURNS record LANGUAGE sql AS $$ SELECT n, 'v' || n $$;
SELECT * FROM pair(3) AS p(a int, b text);
CREATE FUNCTION pairs(n int) RETURNS SETOF record LANGUAGE sql AS $$ SELECT g, g * 2 FROM generate_series(1, n) g $$;
SELECT * FROM pairs(3) AS p(x int, y int);
-- errors
SELECT * FROM json_to_record('{"a":1}');
SELECT * FROM generate_series(1,2) AS x(a int);
SELECT * FROM jsonb_to_record('[1]') AS x(a int);
SELECT * FROM json_to_record('{"a":"x"}') AS x(a int);
SELECT * FROM pair(3);
SELECT * FROM json_to_record(NULL) AS x(a int);
SELECT * FROM jsonb_to_recordset(NULL) AS x(a int);
