-- gist/spgist/brin indexes: catalog entries (pg_indexes, pg_class.relam) over the same query results
CREATE TABLE geo_idx (id int, p point, b box, c circle, g polygon);
INSERT INTO geo_idx VALUES (1, '(0,0)', '(1,1),(0,0)', '<(0,0),1>', '(0,0),(0,1),(1,1)'),
  (2, '(5,5)', '(6,6),(4,4)', '<(5,5),2>', '(4,4),(4,6),(6,6)'), (3, NULL, NULL, NULL, NULL);
CREATE INDEX geo_idx_p ON geo_idx USING gist (p);
CREATE INDEX geo_idx_b ON geo_idx USING gist (b);
CREATE INDEX geo_idx_c ON geo_idx USING gist (c);
CREATE INDEX geo_idx_g ON geo_idx USING gist (g);
CREATE INDEX geo_idx_sp ON geo_idx USING spgist (p);
CREATE INDEX geo_idx_brin ON geo_idx USING brin (id);
CREATE INDEX ON geo_idx USING hash (id);
CREATE INDEX geo_idx_bad ON geo_idx USING gist (id);
CREATE UNIQUE INDEX geo_idx_u ON geo_idx USING gist (p);
CREATE INDEX geo_idx_x ON geo_idx USING nosuch (p);
SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'geo_idx' ORDER BY 1;
SELECT c.relname, a.amname FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE c.relname LIKE 'geo_idx%' ORDER BY 1;
SELECT id FROM geo_idx WHERE p <@ box '(-1,-1),(2,2)' ORDER BY id;
SELECT id FROM geo_idx WHERE b && box '(3,3),(4.5,4.5)' ORDER BY id;
SELECT id, p <-> point '(4,4)' AS d FROM geo_idx ORDER BY p <-> point '(4,4)';
DROP TABLE geo_idx;
SELECT count(*) FROM pg_class WHERE relname LIKE 'geo_idx%';
