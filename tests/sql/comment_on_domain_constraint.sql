-- COMMENT ON CONSTRAINT ... ON DOMAIN
CREATE DOMAIN ccd AS int CONSTRAINT the_constraint CHECK (value > 0);
COMMENT ON CONSTRAINT the_constraint ON DOMAIN ccd IS 'yes, another comment';
SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'the_constraint';
COMMENT ON CONSTRAINT no_constraint ON DOMAIN ccd IS 'bad';
COMMENT ON CONSTRAINT the_constraint ON DOMAIN no_such_dom IS 'bad';
COMMENT ON CONSTRAINT the_constraint ON DOMAIN int4 IS 'bad';
COMMENT ON CONSTRAINT the_constraint ON DOMAIN ccd IS NULL;
SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'the_constraint';
DROP DOMAIN ccd;
