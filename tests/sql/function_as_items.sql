-- CREATE FUNCTION ... AS 'a', 'b' (object file and link symbol) is for LANGUAGE C only.
CREATE FUNCTION fai1 (int) RETURNS int LANGUAGE SQL AS 'a', 'b';
CREATE FUNCTION fai2 (int) RETURNS int LANGUAGE plpgsql AS 'begin return 1; end', 'x';
CREATE FUNCTION fai3 (int) RETURNS int LANGUAGE SQL AS 'SELECT $1 + 1';
SELECT fai3(1);
DROP FUNCTION fai3(int);
