-- Default foreign key names: PostgreSQL's ChooseConstraintName shortening long table and column names to 63 bytes.
create table fktable2 (a_very_very_long_column_name_to_exceed_63_characters int, very_very_long_column_name_to_exceed_63_characters int, f1 int);
create table pk2 (a int primary key, b int unique, unique (a, b));
alter table fktable2 add foreign key (a_very_very_long_column_name_to_exceed_63_characters) references pk2;
alter table fktable2 add foreign key (a_very_very_long_column_name_to_exceed_63_characters) references pk2(b);
alter table fktable2 add foreign key (very_very_long_column_name_to_exceed_63_characters) references pk2;
alter table fktable2 add foreign key (f1, very_very_long_column_name_to_exceed_63_characters) references pk2(a, b);
select conname from pg_constraint where conrelid = 'fktable2'::regclass order by conname;
