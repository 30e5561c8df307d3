-- Aggregates, GROUP BY, HAVING: result types and scales as PostgreSQL computes them.
CREATE TABLE sales (id serial PRIMARY KEY, region text, rep text, amount integer, price numeric(10,2), weight real, ratio double precision, units smallint, big bigint);
INSERT INTO sales (region, rep, amount, price, weight, ratio, units, big) VALUES
  ('north', 'ann', 100, 10.50, 1.5, 0.25, 1, 10000000000),
  ('north', 'ann', 250, 20.25, 2.5, 0.5, 2, 20000000000),
  ('north', 'bob', 75, 5.00, 0.5, 0.125, 3, 30000000000),
  ('south', 'cid', 300, 99.99, 10, 1, 4, 40000000000),
  ('south', 'cid', NULL, NULL, NULL, NULL, NULL, NULL),
  ('east', 'dee', 50, 1.01, 0.25, 2, 5, 50000000000),
  ('east', 'eve', 60, 2.02, 0.75, 3, 6, 60000000000),
  ('east', 'eve', 70, 3.03, 1.25, 4, 7, 70000000000);
SELECT count(*) FROM sales;
SELECT count(amount) FROM sales;
SELECT count(*), count(amount), sum(amount), avg(amount), min(amount), max(amount) FROM sales;
SELECT sum(price), avg(price), min(price), max(price) FROM sales;
SELECT sum(weight), avg(weight), min(weight), max(weight) FROM sales;
SELECT sum(ratio), avg(ratio), min(ratio), max(ratio) FROM sales;
SELECT sum(units), avg(units), sum(big), avg(big) FROM sales;
SELECT min(region), max(region), min(rep), max(rep) FROM sales;
SELECT region, count(*) FROM sales GROUP BY region ORDER BY region;
SELECT region, sum(amount) AS total, avg(amount) AS mean FROM sales GROUP BY region ORDER BY region;
SELECT region, rep, sum(amount) FROM sales GROUP BY region, rep ORDER BY region, rep;
SELECT region, count(*) AS n FROM sales GROUP BY region HAVING count(*) > 2 ORDER BY region;
SELECT region, sum(amount) FROM sales GROUP BY region HAVING sum(amount) >= 180 ORDER BY region;
SELECT region, max(price) - min(price) AS spread FROM sales GROUP BY region ORDER BY spread DESC;
SELECT rep, count(*) FROM sales WHERE amount > 60 GROUP BY rep ORDER BY count(*) DESC, rep;
SELECT region, avg(price) FROM sales GROUP BY region ORDER BY avg(price);
SELECT count(*) FROM sales WHERE amount IS NULL;
SELECT sum(amount) FROM sales WHERE false;
SELECT count(*), avg(amount), max(region) FROM sales WHERE false;
SELECT region FROM sales GROUP BY region ORDER BY region DESC;
SELECT upper(region) AS r, sum(amount) * 2 AS doubled FROM sales GROUP BY region ORDER BY r;
SELECT sum(amount) / count(amount) AS int_avg, avg(amount) AS real_avg FROM sales;
SELECT avg(amount)::numeric(10,2) AS rounded FROM sales;
SELECT round(avg(price), 2) AS avg_price FROM sales;
SELECT region, min(amount), max(amount) FROM sales GROUP BY region HAVING min(amount) < 80 ORDER BY 1;
SELECT count(*) AS n FROM sales HAVING count(*) > 100;
SELECT count(*) AS n FROM sales HAVING count(*) > 1;
SELECT region, rep FROM sales GROUP BY region;
SELECT sum(region) FROM sales;
SELECT avg(1), avg(1.5), sum(1.5), sum(2147483647), avg(2), sum(1::smallint);
CREATE TABLE big_sums (v integer);
INSERT INTO big_sums VALUES (2147483647), (2147483647), (2147483647);
SELECT sum(v), avg(v), max(v) FROM big_sums;
CREATE TABLE bool_vals (b boolean, n numeric);
INSERT INTO bool_vals VALUES (true, 1), (false, 2.5), (NULL, 3.25), (true, NULL);
SELECT count(b), count(n), sum(n), avg(n), min(n), max(n) FROM bool_vals;
SELECT b, count(*) FROM bool_vals GROUP BY b ORDER BY b NULLS FIRST;
