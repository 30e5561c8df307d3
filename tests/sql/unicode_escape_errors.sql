-- The scanner's hints for bad Unicode escapes in E'' and U&'' strings.
SELECT U&'wrong: \061';
SELECT U&'wrong: \+0061';
SELECT E'wrong: \u061';
SELECT E'wrong: \U0061';
SELECT U&'d\0061t\+000061', E'\u0441\U0000043B';
