// Binary wire format (format code 1) of the wire-protocol server's common types, converted
// in JS to and from the engine's PostgreSQL text format: result values (text → binary) and
// Bind parameters (binary → text). Types: bool, bytea, int2/int4/int8, oid, float4/float8,
// text/varchar/bpchar/name/char/unknown, date, timestamp, timestamptz, uuid, numeric. Dates
// and timestamps are read in DateStyle ISO (the engine's default output). A type without a
// converter here, or text this cannot read, is an UnsupportedBinary error (0A000).

export class UnsupportedBinary extends Error {
  constructor(message) { super(message); this.code = '0A000'; }
}

const TEXTUAL = new Set([18, 19, 25, 705, 1042, 1043]);
const POSTGRES_EPOCH_JDATE = 2451545;  // date2j(2000, 1, 1)
const USECS_PER_DAY = 86400000000n;

export const BINARY_TYPES = new Set([16, 17, 20, 21, 23, 26, 700, 701, 1082, 1114, 1184, 2950, 1700, ...TEXTUAL]);

// PostgreSQL's date2j / j2date (proleptic Gregorian Julian day numbers).
function date2j(y, m, d) {
  if (m > 2) { m += 1; y += 4800; } else { m += 13; y += 4799; }
  const century = Math.floor(y / 100);
  let julian = y * 365 - 32167;
  julian += Math.floor(y / 4) - century + Math.floor(century / 4);
  julian += Math.floor((7834 * m) / 256) + d;
  return julian;
}

function j2date(jd) {
  let julian = jd + 32044;
  let quad = Math.floor(julian / 146097);
  const extra = (julian - quad * 146097) * 4 + 3;
  julian += 60 + quad * 3 + Math.floor(extra / 146097);
  quad = Math.floor(julian / 1461);
  julian -= quad * 1461;
  let y = Math.floor((julian * 4) / 1461);
  julian = (y !== 0 ? (julian + 305) % 365 : (julian + 306) % 366) + 123;
  y += quad * 4;
  const year = y - 4800;
  quad = Math.floor((julian * 2141) / 65536);
  const day = julian - Math.floor((7834 * quad) / 256);
  const month = ((quad + 10) % 12) + 1;
  return [year, month, day];
}

const pad = (n, w) => String(n).padStart(w, '0');

// 'YYYY-MM-DD[ BC]' → days since 2000-01-01.
function parseDate(text, what) {
  const m = /^(\d{4,})-(\d\d)-(\d\d)( BC)?$/.exec(text);
  if (!m) throw new UnsupportedBinary(`binary output of ${what} "${text}" needs DateStyle ISO`);
  let y = Number(m[1]);
  if (m[4]) y = 1 - y;
  return date2j(y, Number(m[2]), Number(m[3])) - POSTGRES_EPOCH_JDATE;
}

function formatDate(days) {
  const [y, mo, d] = j2date(days + POSTGRES_EPOCH_JDATE);
  return y > 0 ? `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}` : `${pad(1 - y, 4)}-${pad(mo, 2)}-${pad(d, 2)} BC`;
}

// 'YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM[:SS]]][ BC]' → microseconds since 2000-01-01 (UTC for
// timestamptz: the offset is subtracted).
function parseTimestamp(text, withZone) {
  const m = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?)?( BC)?$/.exec(text);
  if (!m || (withZone && !m[8])) {
    throw new UnsupportedBinary(`binary output of ${withZone ? 'timestamptz' : 'timestamp'} "${text}" needs DateStyle ISO`);
  }
  let y = Number(m[1]);
  if (m[12]) y = 1 - y;
  const days = BigInt(date2j(y, Number(m[2]), Number(m[3])) - POSTGRES_EPOCH_JDATE);
  let secs = Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
  if (m[8]) {
    const off = Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0);
    secs -= m[8] === '-' ? -off : off;
  }
  const frac = m[7] ? BigInt(m[7].padEnd(6, '0')) : 0n;
  return days * USECS_PER_DAY + BigInt(secs) * 1000000n + frac;
}

function formatTimestamp(us, withZone) {
  let days = us / USECS_PER_DAY;
  let rest = us % USECS_PER_DAY;
  if (rest < 0n) { rest += USECS_PER_DAY; days -= 1n; }
  const [y, mo, d] = j2date(Number(days) + POSTGRES_EPOCH_JDATE);
  const secs = Number(rest / 1000000n), frac = Number(rest % 1000000n);
  let s = `${pad(y > 0 ? y : 1 - y, 4)}-${pad(mo, 2)}-${pad(d, 2)} ${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}`;
  if (frac) s += '.' + pad(frac, 6).replace(/0+$/, '');
  if (withZone) s += '+00';
  if (y <= 0) s += ' BC';
  return s;
}

// numeric: int16 ndigits, weight, sign, dscale, then base-10000 digits.
const NUMERIC_POS = 0x0000, NUMERIC_NEG = 0x4000, NUMERIC_NAN = 0xc000, NUMERIC_PINF = 0xd000, NUMERIC_NINF = 0xf000;

function numericToBinary(text) {
  const special = { NaN: NUMERIC_NAN, Infinity: NUMERIC_PINF, '-Infinity': NUMERIC_NINF }[text];
  const out = (digits, weight, sign, dscale) => {
    const b = Buffer.alloc(8 + digits.length * 2);
    b.writeInt16BE(digits.length, 0); b.writeInt16BE(weight, 2); b.writeUInt16BE(sign, 4); b.writeInt16BE(dscale, 6);
    digits.forEach((d, i) => b.writeInt16BE(d, 8 + i * 2));
    return b;
  };
  if (special !== undefined) return out([], 0, special, 0);
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new UnsupportedBinary(`binary output of numeric "${text}"`);
  const sign = m[1] ? NUMERIC_NEG : NUMERIC_POS;
  let int = m[2].replace(/^0+/, '');
  const frac = m[3] ?? '';
  const dscale = frac.length;
  // Integer part padded on the left, fraction on the right, to groups of four digits.
  int = int.padStart(Math.ceil(int.length / 4) * 4, '0');
  const fracPadded = frac.padEnd(Math.ceil(frac.length / 4) * 4, '0');
  const groups = [];
  for (let i = 0; i < int.length; i += 4) groups.push(Number(int.slice(i, i + 4)));
  for (let i = 0; i < fracPadded.length; i += 4) groups.push(Number(fracPadded.slice(i, i + 4)));
  let weight = int.length / 4 - 1;
  // Strip leading and trailing zero groups.
  let start = 0, end = groups.length;
  while (start < end && groups[start] === 0) { start++; weight--; }
  while (end > start && groups[end - 1] === 0) end--;
  if (start === end) return out([], 0, NUMERIC_POS, dscale);
  return out(groups.slice(start, end), weight, sign, dscale);
}

function numericToText(b) {
  if (b.length < 8) throw new UnsupportedBinary('invalid binary numeric');
  const n = b.readInt16BE(0), weight = b.readInt16BE(2), sign = b.readUInt16BE(4), dscale = b.readInt16BE(6);
  if (b.length !== 8 + n * 2) throw new UnsupportedBinary('invalid binary numeric');
  if (sign === NUMERIC_NAN) return 'NaN';
  if (sign === NUMERIC_PINF) return 'Infinity';
  if (sign === NUMERIC_NINF) return '-Infinity';
  const digit = (i) => (i >= 0 && i < n ? b.readInt16BE(8 + i * 2) : 0);
  let int = '';
  for (let i = 0; i <= weight; i++) int += i === 0 ? String(digit(i)) : pad(digit(i), 4);
  if (int === '') int = '0';
  let frac = '';
  for (let i = weight + 1; frac.length < dscale; i++) frac += pad(digit(i), 4);
  frac = frac.slice(0, dscale);
  return (sign === NUMERIC_NEG ? '-' : '') + int + (dscale > 0 ? '.' + frac : '');
}

function byteaText(text) {
  if (text.startsWith('\\x')) return Buffer.from(text.slice(2), 'hex');
  // bytea_output = escape: \\ and \ooo escapes
  const out = [];
  for (let i = 0; i < text.length;) {
    if (text[i] === '\\') {
      if (text[i + 1] === '\\') { out.push(92); i += 2; continue; }
      out.push(parseInt(text.slice(i + 1, i + 4), 8)); i += 4; continue;
    }
    const bytes = Buffer.from(text[i], 'utf8');
    for (const x of bytes) out.push(x);
    i++;
  }
  return Buffer.from(out);
}

// A result value (engine text) in binary format for the type typeOid.
export function textToBinary(typeOid, text) {
  let b;
  switch (typeOid) {
    case 16: return Buffer.from([text === 't' ? 1 : 0]);
    case 17: return byteaText(text);
    case 21: b = Buffer.alloc(2); b.writeInt16BE(Number(text)); return b;
    case 23: b = Buffer.alloc(4); b.writeInt32BE(Number(text)); return b;
    case 26: b = Buffer.alloc(4); b.writeUInt32BE(Number(text)); return b;
    case 20: b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(text)); return b;
    case 700: b = Buffer.alloc(4); b.writeFloatBE(Number(text)); return b;
    case 701: b = Buffer.alloc(8); b.writeDoubleBE(Number(text)); return b;
    case 1082: {
      b = Buffer.alloc(4);
      b.writeInt32BE(text === 'infinity' ? 0x7fffffff : text === '-infinity' ? -0x80000000 : parseDate(text, 'date'));
      return b;
    }
    case 1114: case 1184: {
      b = Buffer.alloc(8);
      b.writeBigInt64BE(text === 'infinity' ? 0x7fffffffffffffffn : text === '-infinity' ? -0x8000000000000000n
        : parseTimestamp(text, typeOid === 1184));
      return b;
    }
    case 2950: return Buffer.from(text.replace(/-/g, ''), 'hex');
    case 1700: return numericToBinary(text);
    default:
      if (TEXTUAL.has(typeOid)) return Buffer.from(text, 'utf8');
      throw new UnsupportedBinary(`binary format for type OID ${typeOid} is not supported`);
  }
}

// A Bind parameter in binary format for the declared type typeOid → engine text.
export function binaryToText(typeOid, b) {
  const size = (n) => { if (b.length !== n) throw new BadBinary(typeOid); };
  switch (typeOid) {
    case 16: size(1); return b[0] ? 't' : 'f';
    case 17: return '\\x' + b.toString('hex');
    case 21: size(2); return String(b.readInt16BE(0));
    case 23: size(4); return String(b.readInt32BE(0));
    case 26: size(4); return String(b.readUInt32BE(0));
    case 20: size(8); return String(b.readBigInt64BE(0));
    case 700: size(4); return floatText(b.readFloatBE(0));
    case 701: size(8); return floatText(b.readDoubleBE(0));
    case 1082: {
      size(4);
      const v = b.readInt32BE(0);
      return v === 0x7fffffff ? 'infinity' : v === -0x80000000 ? '-infinity' : formatDate(v);
    }
    case 1114: case 1184: {
      size(8);
      const v = b.readBigInt64BE(0);
      if (v === 0x7fffffffffffffffn) return 'infinity';
      if (v === -0x8000000000000000n) return '-infinity';
      return formatTimestamp(v, typeOid === 1184);
    }
    case 2950: {
      size(16);
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    case 1700: return numericToText(b);
    default:
      if (TEXTUAL.has(typeOid)) return b.toString('utf8');
      throw new UnsupportedBinary(`binary format for parameters of type OID ${typeOid} is not supported`);
  }
}

// PostgreSQL's "insufficient data left in message" / "incorrect binary data format".
export class BadBinary extends Error {
  constructor(typeOid) { super(`incorrect binary data format in bind parameter (type OID ${typeOid})`); this.code = '22P03'; }
}

function floatText(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return Object.is(v, -0) ? '-0' : String(v);
}
