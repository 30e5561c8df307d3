-- RANGE frames with interval offsets over time, timetz, interval, date, timestamp and
-- timestamptz ORDER BY columns (PostgreSQL's in_range_*_interval), and their errors.
create temp table wrd(id int, t time, tz timetz, iv interval, d date, ts timestamp, tstz timestamptz);
insert into wrd values
(1, '11:00', '11:00+01', '1 year', '2000-01-01', '2000-01-01 10:00', '2000-01-01 10:00+00'),
(2, '12:00', '12:00+01', '2 years', '2000-01-02', '2000-01-01 11:00', '2000-01-01 11:00+00'),
(3, '13:00', '12:00+02', '2 years 1 day', '2000-01-04', '2000-01-02 10:00', '2000-01-01 12:30+00'),
(4, '15:00', '15:00+01', '30 days', '2000-01-04', '2000-01-03 10:00', '2000-01-01 13:00+00'),
(5, '15:00', '15:00-03', '1 mon', 'infinity', 'infinity', 'infinity'),
(6, null, null, null, null, null, null),
(7, '24:00', '23:59-12', '-1 year', '-infinity', '-infinity', '-infinity');
select id, t, first_value(id) over w, last_value(id) over w, count(*) over w from wrd
window w as (order by t range between '70 min'::interval preceding and '2 hours'::interval following) order by id;
select id, t, first_value(id) over w, last_value(id) over w from wrd
window w as (order by t desc range between '1 hour' preceding and '1 day 1 hour' following) order by id;
select id, tz, first_value(id) over w, last_value(id) over w, count(*) over w from wrd
window w as (order by tz range between '1 hour'::interval preceding and '1 hour'::interval following) order by id;
select id, iv, first_value(id) over w, last_value(id) over w, count(*) over w from wrd
window w as (order by iv range between '1 year' preceding and '1 day' following) order by id;
select id, d, sum(id) over (order by d range between '2 days' preceding and current row),
  count(*) over (order by d desc range between '1 day' preceding and '1 day' following exclude current row) from wrd order by id;
select id, ts, sum(id) over (order by ts range between '1 day' preceding and '1 hour' following) from wrd order by id;
select id, tstz, sum(id) over (order by tstz range between '90 min' preceding and '30 min' following) from wrd order by id;
-- errors
select sum(id) over (order by t range between '-1 hour'::interval preceding and current row) from wrd;
select sum(id) over (order by d range between '-1 year'::interval preceding and current row) from wrd;
select sum(id) over (order by iv range between current row and '-1 day' following) from wrd;
select sum(id) over (order by d range between 1 preceding and current row) from wrd;
