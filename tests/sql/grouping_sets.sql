-- GROUPING SETS, ROLLUP, CUBE and GROUPING(): lowered as one GROUP BY per grouping set,
-- with NULL for the grouping columns outside the set (ordered with ORDER BY).
CREATE TABLE sales (region text, product text, year int, amount numeric);
INSERT INTO sales VALUES ('north', 'a', 2020, 10), ('north', 'b', 2020, 20), ('north', 'a', 2021, 5),
  ('south', 'a', 2020, 7), ('south', 'b', 2021, 3), ('south', NULL, 2021, 1);
SELECT region, product, sum(amount) FROM sales GROUP BY ROLLUP (region, product) ORDER BY region, product, 3;
SELECT region, product, sum(amount), grouping(region, product) FROM sales
  GROUP BY CUBE (region, product) ORDER BY 4, 1, 2;
SELECT region, year, count(*) FROM sales GROUP BY GROUPING SETS ((region), (year), ()) ORDER BY 1, 2;
SELECT region, product, year, sum(amount) FROM sales GROUP BY region, ROLLUP (product, year) ORDER BY 1, 2, 3;
SELECT grouping(region) AS g, region, max(amount) FROM sales GROUP BY ROLLUP (region) ORDER BY g DESC, region;
SELECT region, sum(amount) FROM sales GROUP BY ROLLUP (region) HAVING sum(amount) > 12 ORDER BY 1;
SELECT region, count(region) FROM sales GROUP BY ROLLUP (region) ORDER BY 1;
SELECT region FROM sales GROUP BY ROLLUP (region) ORDER BY 1;
SELECT count(*) FROM sales WHERE false GROUP BY GROUPING SETS (());
SELECT region, product, sum(amount) FROM sales GROUP BY GROUPING SETS (ROLLUP (region), (product)) ORDER BY 1, 2;
SELECT 1 AS x, sum(amount) FROM sales GROUP BY ROLLUP (region) ORDER BY 2;
SELECT region, product FROM sales GROUP BY ROLLUP (region);
SELECT grouping(product) FROM sales GROUP BY ROLLUP (region);
SELECT region FROM sales WHERE grouping(region) = 0 GROUP BY ROLLUP (region);
SELECT DISTINCT region IS NULL AS total FROM sales GROUP BY ROLLUP (region) ORDER BY 1;
SELECT count(*) GROUP BY CUBE (1);
