-- Window functions: FILTER on window aggregates, PostgreSQL's errors for ntile/nth_value
-- arguments, count(), duplicate window names, GROUPS without ORDER BY, window functions in
-- GROUP BY, RANGE offset types (in_range support) and negative/NaN RANGE offsets.
CREATE TABLE wef (depname varchar, salary int, enroll_date date, f4 real, f8 float8);
INSERT INTO wef VALUES ('develop', 5200, '2007-08-01', -1, -1), ('sales', 4800, '2007-08-08', 0, 0),
  ('personnel', 3500, '2007-12-10', 1.1, 1.1), ('sales', 5000, '2006-10-01', 1.12, 1.12),
  ('develop', 4200, '2008-01-01', 2, 2);
SELECT depname, salary, sum(salary) FILTER (WHERE salary > 4500) OVER (PARTITION BY depname),
       count(*) FILTER (WHERE depname <> 'sales') OVER (ORDER BY salary)
  FROM wef ORDER BY depname, salary;
SELECT sum(salary), row_number() OVER (ORDER BY depname),
       sum(sum(salary) FILTER (WHERE enroll_date > '2007-01-01')) FILTER (WHERE depname <> 'sales')
         OVER (ORDER BY depname DESC) AS filtered_sum, depname
  FROM wef GROUP BY depname ORDER BY depname;
SELECT (depname <> 'sales') AS not_sales FROM wef GROUP BY depname ORDER BY 1;
SELECT row_number() FILTER (WHERE salary > 1) OVER () FROM wef;
SELECT ntile(0) OVER (ORDER BY salary) FROM wef;
SELECT nth_value(salary, 0) OVER (ORDER BY salary) FROM wef;
SELECT ntile(2) OVER (ORDER BY salary), nth_value(salary, 2) OVER (ORDER BY salary) FROM wef;
SELECT count() OVER () FROM wef;
SELECT count(*) OVER w FROM wef WINDOW w AS (ORDER BY salary), w AS (ORDER BY salary);
SELECT sum(salary) OVER (PARTITION BY depname GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM wef;
SELECT rank() OVER (ORDER BY 1), count(*) FROM wef GROUP BY 1;
SELECT sum(salary) OVER (ORDER BY depname RANGE BETWEEN '1 year'::interval PRECEDING AND CURRENT ROW) FROM wef;
SELECT max(enroll_date) OVER (ORDER BY enroll_date RANGE BETWEEN 1 PRECEDING AND 2 FOLLOWING) FROM wef;
SELECT max(enroll_date) OVER (ORDER BY salary RANGE BETWEEN '1 year'::interval PRECEDING AND CURRENT ROW) FROM wef;
SELECT max(salary) OVER (ORDER BY f8 RANGE BETWEEN 1 PRECEDING AND 1.5::numeric FOLLOWING) FROM wef;
SELECT max(enroll_date) OVER (ORDER BY salary RANGE BETWEEN -1 PRECEDING AND 2 FOLLOWING) FROM wef;
SELECT max(salary) OVER (ORDER BY f8 RANGE BETWEEN 1.1 PRECEDING AND 'NaN' FOLLOWING) FROM wef;
SELECT f4, first_value(f4) OVER w, last_value(f4) OVER w FROM wef
  WINDOW w AS (ORDER BY f4 RANGE BETWEEN 1 PRECEDING AND 1.1::float4 FOLLOWING) ORDER BY f4;
SELECT f8, first_value(f8) OVER w, last_value(f8) OVER w FROM wef
  WINDOW w AS (ORDER BY f8 RANGE BETWEEN 1 PRECEDING AND 1.1::float4 FOLLOWING) ORDER BY f8;
DROP TABLE wef;
