-- User-defined base types over built-in I/O functions, binary-coercible casts and
-- CREATE OPERATOR (PostgreSQL's expressions and float4 regression scripts build these).
create type myint;
create function myintin(cstring) returns myint strict immutable language
  internal as 'int4in';
create function myintout(myint) returns cstring strict immutable language
  internal as 'int4out';
create function myinthash(myint) returns integer strict immutable language
  internal as 'hashint4';
create function nosuch(cstring) returns myint language internal as 'no_such_fn';
create type myint (input = myintin, output = myintout, like = int4);
create type myint (input = myintin, output = myintout, like = int4);
create cast (int4 as myint) without function;
create cast (myint as int4) without function;
create cast (myint as int4) without function;
create cast (int4 as int4) without function;
create cast (int8 as myint) without function;
create function myinteq(myint, myint) returns bool as $$
begin
  if $1 is null and $2 is null then
    return true;
  else
    return $1::int = $2::int;
  end if;
end;
$$ language plpgsql immutable;
create function myintne(myint, myint) returns bool as $$
begin
  return not myinteq($1, $2);
end;
$$ language plpgsql immutable;
create operator = (leftarg = myint, rightarg = myint, commutator = =, negator = <>,
  procedure = myinteq, restrict = eqsel, join = eqjoinsel, merges);
create operator <> (leftarg = myint, rightarg = myint, commutator = <>, negator = =,
  procedure = myintne, restrict = eqsel, join = eqjoinsel, merges);
create operator = (leftarg = myint, rightarg = myint, procedure = myinteq);
create operator === (leftarg = myint, rightarg = myint, procedure = nosuchfunc);
create operator class myint_ops default for type myint using hash as
  operator 1 = (myint, myint), function 1 myinthash(myint);
create operator class myint_ops default for type myint using hash as
  operator 1 = (myint, myint), function 1 myinthash(myint);
drop operator class if exists nosuch using hash;
drop operator class nosuch using btree;
create table inttest (a myint);
insert into inttest values (null), (0::myint), (1::myint), ('42');
select a, a::int + 1 as plus_one, pg_typeof(a) from inttest;
select a, a = 1::myint as eq, a <> 1::myint as ne, a in (1::myint, 2::myint) as in_list,
  a not in (null::myint, 1::myint) as not_in from inttest;
select a from inttest where a = 42::myint;
select 1::myint = 1;
select 1::myint + 1::myint;
select '7'::myint, 7::myint::text;
-- a type LIKE real read and written as integer bits
create type xfloat4;
create function xfloat4in(cstring) returns xfloat4 immutable strict
  language internal as 'int4in';
create function xfloat4out(xfloat4) returns cstring immutable strict
  language internal as 'int4out';
create type xfloat4 (input = xfloat4in, output = xfloat4out, like = float4);
create cast (xfloat4 as float4) without function;
create cast (float4 as xfloat4) without function;
create cast (xfloat4 as integer) without function;
create cast (integer as xfloat4) without function;
select v, v::xfloat4::float4 as flt, v::xfloat4::float4::xfloat4::integer as back
  from (values (1), (1065353216), (-1082130432), (2139095040), (8388608)) t(v);
select 1.5::float4::xfloat4;
drop type xfloat4;
drop type xfloat4 cascade;
drop cast (int4 as myint);
drop cast if exists (int4 as myint);
drop cast (int4 as text);
drop operator <> (myint, myint);
drop operator if exists <> (myint, myint);
select 1::myint <> 2::myint;
drop table inttest;
drop type myint cascade;
create type shellonly;
drop type shellonly;
