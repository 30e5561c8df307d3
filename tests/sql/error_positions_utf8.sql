-- Error positions are character positions, not byte offsets, when non-ASCII text precedes them.
SELECT 'ü😀' || nosuch;
SELECT 'é' || 1/0 + 'x';
SELECT 'ñandú' AS "ç", 'x'::int;
SELECT 1 FROM "tablé";
