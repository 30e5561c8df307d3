-- WHERE: comparisons, AND/OR/NOT with NULLs, IS [NOT] NULL, BETWEEN, IN, LIKE.
CREATE TABLE products (id integer PRIMARY KEY, name text, category text, price numeric(8,2), stock integer, discontinued boolean);
INSERT INTO products VALUES
  (1, 'Widget', 'tools', 9.99, 100, false),
  (2, 'Gadget', 'tools', 24.50, 0, false),
  (3, 'Doohickey', 'misc', 4.25, 12, true),
  (4, 'Thingamajig', NULL, 99.00, NULL, false),
  (5, 'widget mini', 'tools', 5.00, 40, NULL),
  (6, 'Gizmo', 'gadgets', 15.75, 7, false),
  (7, 'Sprocket', 'parts', 0.50, 1000, false),
  (8, '100% Cotton', 'misc', 12.00, 3, false);
SELECT name FROM products WHERE price > 10 ORDER BY name;
SELECT name FROM products WHERE price >= 9.99 AND price <= 24.50 ORDER BY id;
SELECT name FROM products WHERE category = 'tools' ORDER BY id;
SELECT name FROM products WHERE category <> 'tools' ORDER BY id;
SELECT name FROM products WHERE category IS NULL;
SELECT name FROM products WHERE category IS NOT NULL ORDER BY id;
SELECT name FROM products WHERE stock = 0 OR discontinued ORDER BY id;
SELECT name FROM products WHERE NOT discontinued ORDER BY id;
SELECT name FROM products WHERE discontinued IS NULL;
SELECT name FROM products WHERE discontinued = false AND stock > 5 ORDER BY id;
SELECT name FROM products WHERE price BETWEEN 5 AND 15 ORDER BY id;
SELECT name FROM products WHERE price NOT BETWEEN 5 AND 15 ORDER BY id;
SELECT name FROM products WHERE id IN (1, 3, 5, 99) ORDER BY id;
SELECT name FROM products WHERE id NOT IN (1, 3, 5) ORDER BY id;
SELECT name FROM products WHERE category IN ('misc', 'parts') ORDER BY id;
SELECT name FROM products WHERE name LIKE 'W%' ORDER BY id;
SELECT name FROM products WHERE name LIKE 'w%' ORDER BY id;
SELECT name FROM products WHERE name LIKE '%dg%' ORDER BY id;
SELECT name FROM products WHERE name LIKE '_izmo';
SELECT name FROM products WHERE name NOT LIKE '%o%' ORDER BY id;
SELECT name FROM products WHERE name LIKE '100\% %';
SELECT name FROM products WHERE stock > 10 AND (category = 'tools' OR category = 'parts') ORDER BY id;
SELECT name FROM products WHERE stock > 10 AND category = 'tools' OR category = 'parts' ORDER BY id;
SELECT name FROM products WHERE price * stock > 500 ORDER BY id;
SELECT name, price * stock AS value FROM products WHERE stock IS NOT NULL ORDER BY value DESC;
SELECT name FROM products WHERE length(name) > 8 ORDER BY id;
SELECT name FROM products WHERE lower(name) = 'widget';
SELECT name FROM products WHERE upper(category) = 'TOOLS' ORDER BY id;
SELECT name FROM products WHERE COALESCE(stock, 0) = 0 ORDER BY id;
SELECT name FROM products WHERE CASE WHEN stock IS NULL THEN true ELSE stock < 5 END ORDER BY id;
SELECT name FROM products WHERE id = 2 + 2;
SELECT name FROM products WHERE id % 2 = 0 ORDER BY id;
SELECT name FROM products WHERE 1 = 0;
SELECT name FROM products WHERE NULL;
SELECT name FROM products WHERE category = NULL;
SELECT NULL = NULL AS eq, NULL IS NULL AS isnull, NULL AND false AS and_false, NULL OR true AS or_true, NULL AND true AS and_true, NULL OR false AS or_false, NOT NULL::boolean AS not_null;
SELECT 5 BETWEEN 1 AND 10 AS inside, 5 BETWEEN 10 AND 1 AS reversed, NULL BETWEEN 1 AND 2 AS nul;
SELECT 3 IN (1, 2, 3) AS found, 4 IN (1, 2, 3) AS missing, 4 IN (1, NULL) AS with_null, 1 IN (1, NULL) AS found_with_null, 4 NOT IN (1, NULL) AS not_in_null;
SELECT 'abc' LIKE 'abc' AS exact, 'abc' LIKE 'a_c' AS underscore, 'abc' LIKE 'A%' AS case_sensitive, 'a%c' LIKE 'a\%c' AS escaped, NULL LIKE 'a' AS nul;
SELECT name FROM products WHERE stock > '10' ORDER BY id;
SELECT name FROM products WHERE price > 10.5 AND price < 50 ORDER BY price;
SELECT id FROM products WHERE discontinued IS NOT TRUE ORDER BY id;
SELECT name FROM products p WHERE p.stock < 10 ORDER BY p.name;
