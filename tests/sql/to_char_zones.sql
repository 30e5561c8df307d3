-- to_char / to_timestamp in the session TimeZone (formatting meets time zones)
SET TimeZone = 'America/New_York';
SELECT to_char(timestamptz '2024-03-10 06:59:59+00', 'YYYY-MM-DD HH24:MI:SS TZ OF TZH:TZM');
SELECT to_char(timestamptz '2024-03-10 07:00:00+00', 'YYYY-MM-DD HH24:MI:SS TZ OF TZH:TZM');
SELECT to_char(timestamptz '2024-11-03 05:30:00+00', 'YYYY-MM-DD HH24:MI:SS tz OF');
SELECT to_char(timestamptz '1850-01-01 12:00:00+00', 'YYYY-MM-DD HH24:MI:SS TZ OF');
SELECT to_timestamp('2024-07-01 12:00', 'YYYY-MM-DD HH24:MI');
SELECT to_timestamp('2024-03-10 02:30', 'YYYY-MM-DD HH24:MI');
SELECT to_timestamp('2024-01-15 08:00 +02', 'YYYY-MM-DD HH24:MI TZH');
SET TimeZone = 'Asia/Kolkata';
SELECT to_char(timestamptz '2024-01-01 00:00:00+00', 'HH24:MI TZ OF TZH TZM');
SELECT to_timestamp('2024-01-01 05:30', 'YYYY-MM-DD HH24:MI');
SET TimeZone = 'UTC+3';
SELECT to_char(timestamptz '2024-01-01 00:00:00+00', 'HH24:MI TZ OF');
RESET TimeZone;
SELECT to_char(timestamptz '2024-01-01 00:00:00+00', 'HH24:MI TZ OF');
