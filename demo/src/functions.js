// Names of PostgreSQL functions offered by the editor's completion (those pgmicro implements
// that people type most; the keywords and type names come with @codemirror/lang-sql's dialect).
export const FUNCTIONS = [
  // aggregates
  'count', 'sum', 'avg', 'min', 'max', 'string_agg', 'array_agg', 'bool_and', 'bool_or', 'every',
  'json_agg', 'jsonb_agg', 'json_object_agg', 'jsonb_object_agg', 'stddev', 'variance',
  // window
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead',
  'first_value', 'last_value', 'nth_value',
  // strings
  'length', 'char_length', 'lower', 'upper', 'initcap', 'substr', 'substring', 'position', 'strpos',
  'replace', 'translate', 'trim', 'btrim', 'ltrim', 'rtrim', 'lpad', 'rpad', 'left', 'right',
  'repeat', 'reverse', 'split_part', 'concat', 'concat_ws', 'format', 'md5', 'quote_ident',
  'quote_literal', 'quote_nullable', 'starts_with', 'ascii', 'chr', 'to_hex', 'regexp_replace',
  'regexp_match', 'regexp_matches', 'regexp_split_to_array', 'regexp_split_to_table', 'string_to_array',
  // numbers
  'abs', 'ceil', 'ceiling', 'floor', 'round', 'trunc', 'mod', 'power', 'sqrt', 'cbrt', 'exp', 'ln',
  'log', 'sign', 'random', 'greatest', 'least', 'div', 'gcd', 'lcm', 'width_bucket', 'to_char', 'to_number',
  // date/time
  'now', 'current_date', 'current_timestamp', 'clock_timestamp', 'statement_timestamp', 'date_trunc',
  'date_part', 'date_bin', 'extract', 'age', 'make_date', 'make_time', 'make_timestamp',
  'make_timestamptz', 'make_interval', 'to_date', 'to_timestamp', 'justify_days', 'justify_hours',
  'justify_interval', 'isfinite',
  // arrays
  'array_length', 'array_lower', 'array_upper', 'array_ndims', 'array_dims', 'cardinality',
  'array_append', 'array_prepend', 'array_cat', 'array_position', 'array_positions', 'array_remove',
  'array_replace', 'array_fill', 'array_to_string', 'unnest', 'generate_series', 'generate_subscripts',
  // json
  'to_json', 'to_jsonb', 'json_build_object', 'jsonb_build_object', 'json_build_array',
  'jsonb_build_array', 'json_each', 'jsonb_each', 'json_each_text', 'jsonb_each_text',
  'json_array_elements', 'jsonb_array_elements', 'json_array_elements_text', 'jsonb_array_elements_text',
  'json_object_keys', 'jsonb_object_keys', 'json_typeof', 'jsonb_typeof', 'jsonb_set', 'jsonb_insert',
  'jsonb_pretty', 'jsonb_strip_nulls', 'json_array_length', 'jsonb_array_length', 'jsonb_path_query',
  'json_to_record', 'jsonb_to_record', 'json_to_recordset', 'jsonb_to_recordset', 'row_to_json',
  // misc
  'coalesce', 'nullif', 'gen_random_uuid', 'nextval', 'currval', 'setval', 'lastval',
  'current_setting', 'set_config', 'current_schema', 'current_schemas', 'pg_typeof', 'version',
];
