-- pg_get_viewdef of a relation that does not exist: the error points at the name literal.
select pg_get_viewdef('no_such_view'::regclass);
select pg_get_viewdef('no_such_view');
select pg_get_viewdef('no_such_view', true);
