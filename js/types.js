// PostgreSQL text format <-> JS values, mapped as node-postgres and PGlite map them.

export const types = Object.freeze({
  BOOL: 16, BYTEA: 17, CHAR: 18, NAME: 19, INT8: 20, INT2: 21, INT4: 23, TEXT: 25, OID: 26,
  JSON: 114, FLOAT4: 700, FLOAT8: 701, UNKNOWN: 705, BPCHAR: 1042, VARCHAR: 1043, DATE: 1082,
  TIME: 1083, TIMESTAMP: 1114, TIMESTAMPTZ: 1184, INTERVAL: 1186, NUMERIC: 1700, UUID: 2950,
  JSONB: 3802,
});

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function parseBytea(text) {
  if (!text.startsWith('\\x')) return parseByteaEscape(text);
  const n = (text.length - 2) >> 1;
  const out = new Uint8Array(n);
  for (let i = 0, j = 2; i < n; i++, j += 2) out[i] = parseInt(text.substring(j, j + 2), 16);
  return out;
}

// The older 'escape' output format: \\ and \ooo octal escapes.
function parseByteaEscape(text) {
  const out = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 92) out.push(c);
    else if (text[i + 1] === '\\') { out.push(92); i++; }
    else { out.push(parseInt(text.substring(i + 1, i + 4), 8)); i += 3; }
  }
  return Uint8Array.from(out);
}

const DATETIME = /^(\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d):(\d\d)(?:\.(\d+))?)?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?|Z)?( BC)?$/;

// date / timestamp / timestamptz text → Date. A timestamp without time zone is read as UTC
// (a Date parameter is sent as UTC too, so values round-trip whatever the host's zone);
// 'infinity' → Infinity as node-postgres does; anything unrecognised stays text.
export function parseDateTime(text) {
  if (text === 'infinity') return Infinity;
  if (text === '-infinity') return -Infinity;
  const m = DATETIME.exec(text);
  if (!m) return text;
  let year = +m[1];
  if (m[12]) year = 1 - year;
  const ms = m[7] ? +m[7].padEnd(3, '0').slice(0, 3) : 0;
  const d = new Date(Date.UTC(2000, 0, 1, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, ms));
  d.setUTCFullYear(year, +m[2] - 1, +m[3]);
  if (m[8]) {
    const offset = (+m[9] * 3600 + (m[10] ? +m[10] : 0) * 60 + (m[11] ? +m[11] : 0)) * 1000;
    d.setTime(d.getTime() - (m[8] === '-' ? -offset : offset));
  }
  return d;
}

const identity = null;  // no conversion: the value stays PostgreSQL's text

// Array type OID → element type OID (the built-in array types the engine has).
const ARRAY_ELEMENT = new Map([
  [1000, 16], [1001, 17], [1005, 21], [1007, 23], [1016, 20], [1021, 700], [1022, 701], [1009, 25],
  [1015, 1043], [1014, 1042], [1231, 1700], [1182, 1082], [1115, 1114], [1185, 1184], [1187, 1186],
  [199, 114], [3807, 3802], [2951, 2950], [1028, 26], [1183, 1083], [1002, 18], [1003, 19],
]);

// PostgreSQL's array text ('{1,2,NULL}', '{{"a b",c}}', '[0:1]={1,2}') → nested JS arrays, each
// element through `element` (null: kept as text).
export function parseArray(text, element) {
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  const conv = (t) => (element ? element(t) : t);
  function parse() {
    const out = [];
    i++;  // '{'
    if (text[i] === '}') { i++; return out; }
    for (;;) {
      if (text[i] === '{') {
        out.push(parse());
      } else if (text[i] === '"') {
        let s = '';
        i++;
        while (text[i] !== '"') {
          if (text[i] === '\\') i++;
          s += text[i++];
        }
        i++;
        out.push(conv(s));
      } else {
        const start = i;
        while (text[i] !== ',' && text[i] !== '}') i++;
        const s = text.slice(start, i);
        out.push(s.toUpperCase() === 'NULL' ? null : conv(s));
      }
      if (text[i] === ',') { i++; continue; }
      i++;  // '}'
      return out;
    }
  }
  return parse();
}

// The parser for one type OID under the connection's options, or null for "keep the text".
export function parserFor(oid, options) {
  const custom = options.parsers?.[oid];
  if (custom) return (text) => custom(text, oid);
  switch (oid) {
    case types.BOOL: return (t) => t === 't';
    case types.INT2: case types.INT4: case types.OID: case types.FLOAT4: case types.FLOAT8:
      return Number;
    case types.INT8:
      if (options.int8 === 'number') return Number;
      if (options.int8 === 'string') return identity;
      return BigInt;
    case types.JSON: case types.JSONB: return JSON.parse;
    case types.BYTEA: return parseBytea;
    case types.DATE: case types.TIMESTAMP: case types.TIMESTAMPTZ:
      return options.dates === 'string' ? identity : parseDateTime;
    default: {
      const elem = ARRAY_ELEMENT.get(oid);
      if (elem !== undefined) {
        const p = parserFor(elem, options);
        return (t) => parseArray(t, p);
      }
      return identity;  // numeric, text, varchar, char, name, time, uuid, ...
    }
  }
}

function pad(n, width) { return String(n).padStart(width, '0'); }

// Date → ISO-8601 text in UTC that PostgreSQL's input functions read (BC years included).
export function formatDate(d) {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new TypeError('pg-micro: cannot bind an invalid Date');
  const y = d.getUTCFullYear();
  const year = y > 0 ? pad(y, 4) : pad(1 - y, 4);
  return `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:` +
    `${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}Z${y > 0 ? '' : ' BC'}`;
}

export function formatBytea(bytes) {
  let s = '\\x';
  for (let i = 0; i < bytes.length; i++) s += HEX[bytes[i]];
  return s;
}

function arrayElement(v) {
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return formatArray(v);
  const s = serialize(v);
  return '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

function formatArray(a) { return '{' + a.map(arrayElement).join(',') + '}'; }

// A JS parameter → PostgreSQL text format (string) or null for SQL NULL.
export function serialize(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string': return v;
    case 'number': return String(v);
    case 'bigint': return v.toString();
    case 'boolean': return v ? 't' : 'f';
    case 'object':
      if (v instanceof Date) return formatDate(v);
      if (v instanceof Uint8Array) return formatBytea(v);
      if (v instanceof ArrayBuffer) return formatBytea(new Uint8Array(v));
      if (ArrayBuffer.isView(v)) return formatBytea(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      if (Array.isArray(v)) return formatArray(v);
      if (typeof v.toPostgres === 'function') return serialize(v.toPostgres());
      return JSON.stringify(v);
    default:
      throw new TypeError(`pg-micro: cannot bind a parameter of type ${typeof v}`);
  }
}
