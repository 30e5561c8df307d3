-- to_tsvector of text, json and jsonb, json(b)_to_tsvector with value filters ('simple' and
-- 'english' with the Snowball English stemmer and stop words)
select to_tsvector('english', 'The quick brown foxes jumped over the lazy dogs; generalization, relational, happily!');
select to_tsvector('simple', 'The quick brown foxes jumped over the lazy dogs');
select to_tsvector('Running runs ran (cried) "skies" dying news atlas ABC123 123 0042.');
select to_tsvector('pg_catalog.english', 'hoping hopping hopes hoped agreed feed conditional');
select to_tsvector('english', '');
select to_tsvector('{"a": "aaa bbb ddd ccc", "b": ["eee fff ggg"], "c": {"d": "hhh iii"}}'::json);
select to_tsvector('english', '{"a": "aaa in bbb ddd ccc", "b": 123, "c": 456}'::jsonb);
select json_to_tsvector('english', '{"a": "aaa in bbb", "b": 123, "c": 456, "d": true, "f": false, "g": null}'::json, '"all"');
select jsonb_to_tsvector('english', '{"a": "aaa in bbb", "b": 123, "c": 456, "d": true, "f": false, "g": null}'::jsonb, '["key", "boolean"]');
select jsonb_to_tsvector('simple', '{"z": "The End", "a": [150, "x y"]}'::jsonb, '["numeric", "STRING"]');
select json_to_tsvector('{"z": "The End", "a": [150, "x y"]}'::json, '"all"');
select json_to_tsvector('english', '{"a": 1}'::json, '""');
select json_to_tsvector('english', '{"a": 1}'::json, '{}');
select jsonb_to_tsvector('english', '{"a": 1}'::jsonb, '[]');
select jsonb_to_tsvector('english', '{"a": 1}'::jsonb, '["all", null]');
select to_tsvector(null::json), to_tsvector('english', null::text);
select pg_typeof(to_tsvector('x'));
set default_text_search_config = 'pg_catalog.simple';
select to_tsvector('The foxes');
reset default_text_search_config;
select to_tsvector('The foxes');
