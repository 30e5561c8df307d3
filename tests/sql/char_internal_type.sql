-- The one-byte "char" type: first byte of the input or a \ooo escape; high bytes print as \ooo.
SELECT 'a'::"char", '\101'::"char", '\377'::"char", 'abc'::"char", ''::"char";
SELECT 'a'::"char"::text, '\377'::"char"::text, '\000'::"char"::text, 'a'::text::"char", ''::text::"char";
SELECT pg_typeof('x'::"char"), pg_typeof('x'::char), 'xy'::char;
