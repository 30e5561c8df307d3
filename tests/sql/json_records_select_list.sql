-- json(b)_each(_text) and json(b)_populate_recordset over a domain in the select list,
-- json(b)_to_record into array and composite columns, nested bases, row_to_json(x, pretty)
select json_each('{"f1":[1,2,3],"f2":{"f3":1},"f4":null}');
select jsonb_each('{"b":[1,2],"a":{"y":1,"x":"s"},"c":"cc","n":null}'::jsonb) as q;
select json_each_text('{"f1":[1,2,3],"f4":null,"f5":"null"}');
select jsonb_each_text('{"a":"x","b":2}') as p, 1 as one;
select (jsonb_each('{"a":1,"b":2}')).key;
select (json_each('{"a":1,"b":2}')).value;
create temp table jt(id int, j jsonb);
insert into jt values (1, '{"x":1,"y":2}'), (2, '{"z":3}'), (3, '{}');
select id, jsonb_each(j) from jt order by id;
select key, count(*) from (select (jsonb_each(j)).key from jt) s group by key order by key;
select jsonb_each('[1,2]');
select json_each('"x"');
select json_each(null::json);
create type jpair as (x int, y int);
create domain jordered as jpair check ((value).x <= (value).y);
select json_populate_recordset(null::jordered, '[{"x": 0, "y": 1}]');
select jsonb_populate_recordset(row(1,2)::jordered, '[{"x": 0}, {"y": 3}]');
select jsonb_populate_recordset(row(1,2)::jordered, '[{"x": 1, "y": 0}]');
create type jinner as (a text, b int, c timestamp);
create type jouter as (i int, rec jinner);
select rec from json_populate_record(row(1, row('x', 3, '2012-12-31 15:30:56')::jinner)::jouter,
  '{"rec": {"a": "abc", "c": "01.02.2003"}}') q;
select * from jsonb_populate_record(row(1, row('x', 3, null)::jinner)::jouter, '{"i": 5}');
select * from json_to_record('{"ia": [1, "2", null, 4]}') as x(ia int[]);
select * from jsonb_to_record('{"ia": [[1, 2], [3, 4]], "t": ["a", "b"]}') as x(ia int[], t text[]);
select * from json_to_record('{"ia": 123}') as x(ia int[]);
select * from jsonb_to_record('{"ia": [[1], 2]}') as x(ia int[]);
select * from json_to_record('{"ia": [[1], [2, 3]]}') as x(ia int[]);
select * from json_to_record('{"r": {"a": "q", "b": 2}}') as x(r jinner);
select * from jsonb_to_recordset('[{"r": {"b": 7}, "ia": [5]}, {"ia": []}]') as x(r jinner, ia int[]);
select row_to_json(q, true) from (select 1 as a, 'x' as b, array[1,2] as c) q;
select row_to_json(row(1, 'foo'), false);
select row_to_json(q, false) from (select 1 as a) q;
