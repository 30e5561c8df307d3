-- json(b)_populate_record(set) with composite types: FROM and select list, base records,
-- arrays, nested composites, domains.
create type jpop as (a text, b int, c timestamp);
create type jnest as (i int, ia int[], rec jpop, js json, jsb jsonb, t text[]);
select * from json_populate_record(null::jpop, '{"a":"blurfl","x":43.2}') q;
select * from json_populate_record(row('x',3,'2012-12-31 15:30:56')::jpop, '{"a":"blurfl","x":43.2}') q;
select * from jsonb_populate_record(row('x',3,'2012-12-31 15:30:56')::jpop, '{}') q;
select * from json_populate_record(null::jpop, null) q;
select json_populate_record(null::jpop, '{"b": 5}'), jsonb_populate_record(row('q',1,null)::jpop, '{"c": "2020-01-02"}');
select * from json_populate_record(null::jpop, '{"b": "x"}') q;
select * from json_populate_record(null::jpop, '[1, 2]') q;
select * from json_populate_record(1, '{}') q;
select * from json_populate_recordset(null::jpop, '[{"a":"blurfl","x":43.2},{"b":3,"c":"2012-01-20 10:42:53"}]') q;
select * from jsonb_populate_recordset(row('def',99,null)::jpop, '[{"a":"blurfl","x":43.2},{"b":3,"c":"2012-01-20 10:42:53"}]') q;
select * from json_populate_recordset(null::jpop, '{"a": 1}') q;
select * from json_populate_recordset(null::jpop, '[1]') q;
select ia, rec, js, jsb, t from json_populate_record(null::jnest,
  '{"ia": [[1, 2], [3, null]], "rec": {"a": "abc", "b": 4}, "js": {"k": [1, 2]}, "jsb": {"b": 1, "a": 2}, "t": ["x", "y z"]}') q;
select ia from json_populate_record(null::jnest, '{"ia": "{1,2,3}"}') q;
select ia from json_populate_record(null::jnest, '{"ia": 123}') q;
select ia from json_populate_record(null::jnest, '{"ia": [[1], [2, 3]]}') q;
select ia from json_populate_record(null::jnest, '{"ia": [[1], 2]}') q;
select rec from json_populate_record(null::jnest, '{"rec": "(abc,42,2003-01-02)"}') q;
select rec from json_populate_record(null::jnest, '{"rec": 5}') q;
create domain pos as int check (value > 0);
create type withdom as (p pos);
select * from json_populate_record(null::withdom, '{"p": 1}') q;
select * from json_populate_record(null::withdom, '{"p": -1}') q;
select * from json_populate_recordset(null::record, '[{"x": 776}, {"y": 1}]') as (x int, y int);
select * from jsonb_populate_record(null::record, '{"x": 776}') as (x int, y text);
select * from json_populate_record(null::record, '{"x": 776}');
select * from json_populate_record(null::jpop, '{}') as (x int);
select null::record, row(1, 2)::record;
select '(1)'::record;
select * from json_populate_recordset(row(0::int),'[{"a":"1","b":"2"},{"a":"3"}]') q (a text, b text);
select * from json_populate_recordset(row(0::int,0::int),'[{"a":"1","b":"2"},{"a":"3"}]') q (a text, b text);
select * from json_populate_recordset(row(0::int,0::int,0::int),'[{"a":"1","b":"2"},{"a":"3"}]') q (a text, b text);
select * from json_populate_recordset(row(1000000000::int,50::int),'[{"b":"2"},{"a":"3"}]') q (a text, b text);

select * from json_populate_recordset(null::jpop,'[{"a":"blurfl","x":43.2},{"b":3,"c":"2012-01-20 10:42:53"}]') q;
select * from json_populate_recordset(row('def',99,null)::jpop,'[{"a":"blurfl","x":43.2},{"b":3,"c":"2012-01-20 10:42:53"}]') q;
select * from json_populate_recordset(row('def',99,null)::jpop,'[{"a":[100,200,300],"x":43.2},{"a":{"z":true},"b":3,"c":"2012-01-20 10:42:53"}]') q;

-- anonymous record type
SELECT json_populate_recordset(null::record, '[{"x": 0, "y": 1}]');
SELECT json_populate_recordset(row(1,2), '[{"f1": 0, "f2": 1}]');
SELECT i, json_populate_recordset(row(i,50), '[{"f1":"42"},{"f2":"43"}]')
FROM (VALUES (1),(2)) v(i);

-- empty array is a corner case
SELECT json_populate_recordset(null::record, '[]');
SELECT json_populate_recordset(row(1,2), '[]');
SELECT * FROM json_populate_recordset(NULL::jpop,'[]') q;
select json_populate_recordset(null::jpop, '[{"a": "x", "b": 1}, {"c": "2020-01-01"}]');
select (json_populate_recordset(null::jpop, '[{"a": "x", "b": 1}, {"c": "2020-01-01"}]')).b, 5 as z;
