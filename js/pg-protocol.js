// PostgreSQL frontend/backend protocol 3.0 framing for the wire-protocol server (server.js):
// a reader that cuts a connection's byte stream into messages (the untyped startup packet
// first, then type byte + int32 length + body) with length limits, a cursor over a message
// body that throws ProtocolError on malformed input, and encoders of every backend message
// the server sends. No I/O here.

export const PROTOCOL_3_0 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;
export const MAX_STARTUP_PACKET = 10000;  // PostgreSQL's MAX_STARTUP_PACKET_LENGTH

// A violation of the protocol by the client: the connection is closed after a FATAL error.
export class ProtocolError extends Error {
  constructor(message, code = '08P01') {
    super(message);
    this.code = code;
  }
}

// Collects incoming chunks and yields whole messages. startup: the next message is a startup
// packet (no type byte). maxLength: the largest message body accepted.
export class MessageReader {
  constructor(maxLength) {
    this.maxLength = maxLength;
    this.chunks = [];
    this.size = 0;
    this.startup = true;
  }

  push(chunk) {
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  #peek(n) {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0].subarray(0, n);
  }

  #take(n) {
    const all = this.chunks.length > 1 ? Buffer.concat(this.chunks) : this.chunks[0];
    const out = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.size -= n;
    return out;
  }

  // → { type, body } ({ type: null } for a startup packet) or null when more bytes are needed.
  next() {
    if (this.startup) {
      if (this.size < 4) return null;
      const len = this.#peek(4).readInt32BE(0);
      if (len < 8 || len > MAX_STARTUP_PACKET) throw new ProtocolError('invalid length of startup packet');
      if (this.size < len) return null;
      return { type: null, body: Buffer.from(this.#take(len).subarray(4)) };
    }
    if (this.size < 5) return null;
    const head = this.#peek(5);
    const type = String.fromCharCode(head[0]);
    const len = head.readInt32BE(1);
    if (len < 4) throw new ProtocolError(`invalid message length ${len}`);
    if (len - 4 > this.maxLength) {
      throw new ProtocolError(`message of type "${type}" is too long (${len - 4} bytes, the limit is ${this.maxLength})`, '54000');
    }
    if (this.size < len + 1) return null;
    return { type, body: Buffer.from(this.#take(len + 1).subarray(5)) };
  }
}

// Reads the fields of one message body.
export class Cursor {
  constructor(buf) { this.buf = buf; this.pos = 0; }
  #need(n) {
    if (n < 0 || this.pos + n > this.buf.length) throw new ProtocolError('invalid message format');
  }
  int16() { this.#need(2); const v = this.buf.readInt16BE(this.pos); this.pos += 2; return v; }
  int32() { this.#need(4); const v = this.buf.readInt32BE(this.pos); this.pos += 4; return v; }
  uint32() { this.#need(4); const v = this.buf.readUInt32BE(this.pos); this.pos += 4; return v; }
  byte() { this.#need(1); return this.buf[this.pos++]; }
  cstring() {
    const end = this.buf.indexOf(0, this.pos);
    if (end < 0) throw new ProtocolError('invalid string in message');
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end + 1;
    return s;
  }
  bytes(n) { this.#need(n); const b = this.buf.subarray(this.pos, this.pos + n); this.pos += n; return b; }
  rest() { const b = this.buf.subarray(this.pos); this.pos = this.buf.length; return b; }
  end() { if (this.pos !== this.buf.length) throw new ProtocolError('invalid message format'); }
}

// ---- backend messages -------------------------------------------------------------------

function message(type, parts) {
  let len = 4;
  for (const p of parts) len += p.length;
  const head = Buffer.alloc(5);
  head[0] = type.charCodeAt(0);
  head.writeInt32BE(len, 1);
  return Buffer.concat([head, ...parts]);
}
const i16 = (v) => { const b = Buffer.alloc(2); b.writeInt16BE(v); return b; };
const i32 = (v) => { const b = Buffer.alloc(4); b.writeInt32BE(v); return b; };
const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32BE(v >>> 0); return b; };
const cstr = (s) => Buffer.from(s + '\0', 'utf8');

export const authOk = () => message('R', [i32(0)]);
export const authSasl = (mechanisms) => message('R', [i32(10), ...mechanisms.map(cstr), Buffer.from([0])]);
export const authSaslContinue = (data) => message('R', [i32(11), Buffer.from(data, 'utf8')]);
export const authSaslFinal = (data) => message('R', [i32(12), Buffer.from(data, 'utf8')]);
export const parameterStatus = (name, value) => message('S', [cstr(name), cstr(value)]);
export const backendKeyData = (pid, key) => message('K', [i32(pid), i32(key)]);
export const readyForQuery = (status) => message('Z', [Buffer.from(status)]);
export const commandComplete = (tag) => message('C', [cstr(tag)]);
export const emptyQueryResponse = () => message('I', []);
export const parseComplete = () => message('1', []);
export const bindComplete = () => message('2', []);
export const closeComplete = () => message('3', []);
export const noData = () => message('n', []);
export const portalSuspended = () => message('s', []);
export const copyDone = () => message('c', []);
export const copyData = (buf) => message('d', [buf]);
export const parameterDescription = (oids) => message('t', [i16(oids.length), ...oids.map(u32)]);
export const negotiateProtocolVersion = (minor, options) => message('v', [i32(minor), i32(options.length), ...options.map(cstr)]);

// CopyInResponse ('G') / CopyOutResponse ('H'): overall format 0 (text) with ncols text columns.
export const copyInResponse = (ncols) => message('G', [Buffer.from([0]), i16(ncols), ...Array(ncols).fill(i16(0))]);
export const copyOutResponse = (ncols) => message('H', [Buffer.from([0]), i16(ncols), ...Array(ncols).fill(i16(0))]);

// Fixed sizes of the types the server knows (pg_type.typlen); -1 for the rest.
const TYPLEN = { 16: 1, 18: 1, 19: 64, 20: 8, 21: 2, 23: 4, 26: 4, 700: 4, 701: 8, 1082: 4, 1083: 8, 1114: 8, 1184: 8, 2950: 16 };

// fields: [{ name, typeOid, typmod, tableOid?, columnNumber? }] (table OID and attribute number: 0 when
// the column is not a plain table column), formats: format code per field.
export function rowDescription(fields, formats) {
  const parts = [i16(fields.length)];
  fields.forEach((f, i) => {
    parts.push(cstr(f.name), u32(f.tableOid ?? 0), i16(f.columnNumber ?? 0), u32(f.typeOid), i16(TYPLEN[f.typeOid] ?? -1), i32(f.typmod ?? -1), i16(formats[i] ?? 0));
  });
  return message('T', parts);
}

// values: Buffer | null each.
export function dataRow(values) {
  const parts = [i16(values.length)];
  for (const v of values) {
    if (v === null) parts.push(i32(-1));
    else parts.push(i32(v.length), v);
  }
  return message('D', parts);
}

// ErrorResponse ('E') / NoticeResponse ('N'): { severity, code, message, detail, hint, position,
// context }. S and V carry the severity (ERROR, FATAL, NOTICE, WARNING).
function fieldsMessage(type, f) {
  const parts = [];
  const add = (code, v) => { if (v !== undefined && v !== null && v !== '') parts.push(Buffer.from(code), cstr(String(v))); };
  add('S', f.severity);
  add('V', f.severity);
  add('C', f.code);
  add('M', f.message);
  add('D', f.detail);
  add('H', f.hint);
  add('P', f.position);
  add('W', f.context);
  parts.push(Buffer.from([0]));
  return message(type, parts);
}
export const errorResponse = (f) => fieldsMessage('E', { severity: 'ERROR', ...f });
export const noticeResponse = (f) => fieldsMessage('N', { severity: 'NOTICE', ...f });
