-- text_pattern_ops' operators ~<~ ~<=~ ~>=~ ~>~ (byte-wise), also in row comparisons; field
-- selection errors on row constructors point at the constructor.
select 'a'::text ~<=~ 'b', 'a' ~<~ 'b'::text, 'b' ~>~ 'a'::text, 'b'::text ~>=~ 'b', 'B'::text ~<~ 'a';
select ROW('ABC','DEF') ~<=~ ROW('DEF','ABC') as true;
select ROW('ABC','DEF') ~>=~ ROW('DEF','ABC') as false;
select ROW('ABC','DEF') ~<~ ROW('ABC','DEF') as false, ROW('ABC','DEF') ~>=~ ROW('ABC','DEF') as true;
select ROW('ABC', NULL) ~<~ ROW('ABD', 'X') as true, ROW('ABC', NULL) ~<~ ROW('ABC', 'X') as null;
select (row(1, 2.0)).nosuch;
select (row('Jim', 'Beam')).text;
