-- bytea's byte-wise functions, text overlay, and bytea_output = escape.
SELECT substring('\x0102030405'::bytea, 2, 3), substr('\x0102030405'::bytea, 0, 2), substring('\x0102030405'::bytea, 4), substr('\x01'::bytea, 5, 2);
SELECT substring('\x0102'::bytea, 1, -1);
SELECT btrim('\x0001020300'::bytea, '\x00'::bytea), ltrim('\x0001020300'::bytea, '\x00'::bytea), rtrim('\x0001020300'::bytea, '\x00'::bytea);
SELECT get_byte('\x1234'::bytea, 1), set_byte('\x1234'::bytea, 0, 255), get_bit('\x01'::bytea, 0), get_bit('\x01'::bytea, 1), set_bit('\x00'::bytea, 3, 1);
SELECT get_byte('\x1234'::bytea, 2);
SELECT get_bit('\x12'::bytea, 8);
SELECT set_bit('\x12'::bytea, 0, 2);
SELECT overlay('\x010203'::bytea placing '\xff'::bytea from 2), overlay('\x010203'::bytea placing '\xffee'::bytea from 2 for 0);
SELECT overlay('abcdef' placing '45' from 4), overlay('yabadoo' placing 'daba' from 5 for 0), overlay('abc' placing 'X' from 1 for 10);
SET bytea_output = escape;
SELECT '\xdeadbeef5c4100'::bytea, 'abc'::bytea, substr('\x31323334'::bytea, 2, 2);
RESET bytea_output;
SELECT 'abc'::bytea;
