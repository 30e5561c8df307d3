-- unistr(): Unicode escapes, surrogate pairs and their errors.
select unistr('d\0061t\+000061'), unistr('\u0441\u043B\u043E\u043D'), unistr('a\\b');
select unistr('wrong: \db99');
select unistr('wrong: \db99\0061');
select unistr('wrong: \+00db99\+000061');
select unistr('wrong: \+2FFFFF');
select unistr('wrong: \udb99\u0061');
select unistr('wrong: \U0000db99\U00000061');
select unistr('wrong: \U002FFFFF');
select unistr('wrong: \xyz');
select unistr('\d800');
select unistr('ab\');
select unistr(NULL), unistr('');
