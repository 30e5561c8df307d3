// Generates the compact zone table compiled into the engine (engine/types/timezone_data.h)
// from the system's TZif files (Debian's tzdata package, /usr/share/zoneinfo).
// Usage: node tools/gen-tzdata.mjs ZONEINFO_DIR OUT.cpp
// Per zone it keeps the local-time types, the default type (before the first transition), the
// explicit transitions up to the point where the POSIX TZ footer rule reproduces them, and the
// footer; identical zones (links, merged zones) share one record. PostgreSQL's own tz code
// extrapolates past the last transition with the same footer rule.
import fs from 'node:fs';
import path from 'node:path';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) { console.error('usage: gen-tzdata.mjs ZONEINFO_DIR OUT.cpp'); process.exit(2); }

// ---- TZif reading (RFC 8536), version 2+ 64-bit body
function readTzif(buf) {
  if (buf.length < 44 || buf.toString('latin1', 0, 4) !== 'TZif') return null;
  const counts = (off) => [0, 1, 2, 3, 4, 5].map((i) => buf.readUInt32BE(off + 20 + 4 * i));
  let [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(0);
  if (buf[4] < 0x32) return null;  // version 1 only: not produced by current zic
  let off = 44 + timecnt * 5 + typecnt * 6 + charcnt + leap * 8 + isstd + isut;
  [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(off);
  if (leap) return null;  // "right/" zones: PostgreSQL refuses leap seconds
  off += 44;
  const times = [];
  for (let i = 0; i < timecnt; i++) times.push(Number(buf.readBigInt64BE(off + 8 * i)));
  off += 8 * timecnt;
  const idx = [...buf.subarray(off, off + timecnt)];
  off += timecnt;
  const types = [];
  for (let i = 0; i < typecnt; i++) {
    types.push({ utoff: buf.readInt32BE(off), isdst: buf[off + 4], abbrind: buf[off + 5] });
    off += 6;
  }
  const chars = buf.toString('latin1', off, off + charcnt);
  off += charcnt + leap * 12 + isstd + isut;
  const footer = buf.toString('latin1', off).split('\n')[1] ?? '';
  for (const t of types) t.abbr = chars.slice(t.abbrind, chars.indexOf('\0', t.abbrind));
  return { times, idx, types, footer };
}

// ---- POSIX TZ rule (the footer), enough to list a year's transitions
function parsePosix(s) {
  let i = 0;
  const name = () => {
    if (s[i] === '<') { const j = s.indexOf('>', i); const n = s.slice(i + 1, j); i = j + 1; return n; }
    const st = i; while (i < s.length && /[A-Za-z]/.test(s[i])) i++; return s.slice(st, i);
  };
  const num = () => { const st = i; while (i < s.length && /[0-9]/.test(s[i])) i++; return Number(s.slice(st, i)); };
  const offset = () => {  // [+-]hh[:mm[:ss]] seconds
    let sign = 1; if (s[i] === '+' || s[i] === '-') { if (s[i] === '-') sign = -1; i++; }
    let v = num() * 3600; if (s[i] === ':') { i++; v += num() * 60; if (s[i] === ':') { i++; v += num(); } }
    return sign * v;
  };
  const r = { std: name(), stdoff: -offset() };
  if (i >= s.length) return r;
  r.dst = name();
  r.dstoff = (i < s.length && s[i] !== ',') ? -offset() : r.stdoff + 3600;
  const date = () => {
    let d;
    if (s[i] === 'J') { i++; d = { k: 'J', n: num() }; }
    else if (s[i] === 'M') { i++; const m = num(); i++; const w = num(); i++; d = { k: 'M', m, w, d: num() }; }
    else d = { k: 'n', n: num() };
    d.time = 7200; if (s[i] === '/') { i++; d.time = offset(); }
    return d;
  };
  if (s[i] === ',') { i++; r.start = date(); i++; r.end = date(); }
  else { r.start = { k: 'M', m: 3, w: 2, d: 0, time: 7200 }; r.end = { k: 'M', m: 11, w: 1, d: 0, time: 7200 }; }
  return r;
}
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysFromCivil = (y, m, d) => Math.round(Date.UTC(y, m - 1, d) / 86400000) - (y < 100 && y >= 0 ? 0 : 0);
function ruleDay(y, d) {  // days since 1970-01-01 of the rule date in year y
  const jan1 = Math.floor(Date.UTC(y, 0, 1) / 86400000);
  if (d.k === 'J') return jan1 + d.n - 1 + (leap(y) && d.n >= 60 ? 1 : 0);
  if (d.k === 'n') return jan1 + d.n;
  const first = Math.floor(Date.UTC(y, d.m - 1, 1) / 86400000);
  const dow = (first + 4) % 7;  // 1970-01-01 was a Thursday
  let day = first + ((d.d - dow + 7) % 7) + 7 * (d.w - 1);
  const mdays = [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][d.m - 1];
  while (day >= first + mdays) day -= 7;
  return day;
}
function ruleTransitions(r, y) {  // [{t, utoff, isdst, abbr}] of year y, sorted
  if (!r.dst) return [];
  const on = ruleDay(y, r.start) * 86400 + r.start.time - r.stdoff;
  const off = ruleDay(y, r.end) * 86400 + r.end.time - r.dstoff;
  return [{ t: on, utoff: r.dstoff, isdst: 1, abbr: r.dst }, { t: off, utoff: r.stdoff, isdst: 0, abbr: r.std }]
    .sort((a, b) => a.t - b.t);
}

// ---- zones
const names = [];
(function walk(rel) {
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    // posix/ holds the same zones again (the lookup maps it), right/ the leap-second variants
    // PostgreSQL refuses, localtime the host's own zone
    if (!rel && ['posix', 'right', 'localtime'].includes(e.name)) continue;
    const st = fs.statSync(path.join(dir, r));
    if (st.isDirectory()) walk(r);
    else names.push(r);
  }
})('');

const records = new Map();  // encoded bytes (as string key) -> record index
const recordBytes = [];
const zones = [];
const abbrs = new Map();  // abbreviation -> index
const abbrIndex = (a) => { if (!abbrs.has(a)) abbrs.set(a, abbrs.size); return abbrs.get(a); };
const footers = new Map();
const footerIndex = (f) => { if (!footers.has(f)) footers.set(f, footers.size); return footers.get(f); };

function varint(out, v) {  // unsigned LEB128 (v < 2^53)
  do { let b = v % 128; v = Math.floor(v / 128); if (v > 0) b |= 128; out.push(b); } while (v > 0);
}
const zigzag = (v) => (v < 0 ? -2 * v - 1 : 2 * v);

for (const name of names.sort()) {
  const z = readTzif(fs.readFileSync(path.join(dir, name)));
  if (!z) continue;
  let { times, idx } = z;
  const { types, footer } = z;
  // The default type, as PostgreSQL's tzload infers it.
  let def = idx.includes(0) ? -1 : 0;
  if (def < 0 && times.length && types[idx[0]].isdst) { def = idx[0]; while (--def >= 0) if (!types[def].isdst) break; }
  if (def < 0) { def = 0; while (types[def].isdst) if (++def >= types.length) { def = 0; break; } }
  // zic's "big bang" transition at -2^59: it only says which type applies from the start.
  while (times.length && times[0] < -(2 ** 40)) { def = idx[0]; times = times.slice(1); idx = idx.slice(1); }
  // Drop the trailing transitions the footer rule reproduces.
  if (footer) {
    const r = parsePosix(footer);
    const same = (i) => {
      const y = new Date(times[i] * 1000).getUTCFullYear();
      const tt = types[idx[i]];
      return [y - 1, y, y + 1].some((yy) => ruleTransitions(r, yy).some((x) =>
        x.t === times[i] && x.utoff === tt.utoff && x.isdst === tt.isdst && x.abbr === tt.abbr));
    };
    let n = times.length;
    // keep the first transition into the rule's regime (it fixes the type in effect before it)
    while (n > 1 && r.dst && same(n - 1) && same(n - 2)) n--;
    times = times.slice(0, n); idx = idx.slice(0, n);
  }
  // Encode: types, default type, transitions (zigzag deltas), footer index.
  const used = [...new Set([def, ...idx])].sort((a, b) => a - b);
  const remap = new Map(used.map((t, i) => [t, i]));
  const b = [];
  varint(b, used.length);
  for (const t of used) { varint(b, zigzag(types[t].utoff)); varint(b, abbrIndex(types[t].abbr) * 2 + types[t].isdst); }
  varint(b, remap.get(def));
  varint(b, times.length);
  let prev = 0;
  for (let i = 0; i < times.length; i++) { varint(b, zigzag(times[i] - prev)); prev = times[i]; }
  for (let i = 0; i < times.length; i++) b.push(remap.get(idx[i]));
  varint(b, footerIndex(footer));
  const key = Buffer.from(b).toString('latin1');
  if (!records.has(key)) { records.set(key, recordBytes.length); recordBytes.push(b); }
  zones.push({ name, rec: records.get(key) });
}

// Names sorted case-insensitively (lookup is case-insensitive, as PostgreSQL's).
zones.sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
let version = 'unknown';
try { version = fs.readFileSync(path.join(dir, 'tzdata.zi'), 'latin1').match(/^# version (\S+)/m)[1]; } catch {}

const offsets = [];
const data = [];
for (const b of recordBytes) { offsets.push(data.length); data.push(...b); }
const cstr = (s) => JSON.stringify(s);
const hex = (arr) => arr.map((x) => `${x}`).join(',').replace(/(.{1,110})(,|$)/g, '$1$2\n');
const src = `// Generated by tools/gen-tzdata.mjs from ${dir} (tzdata ${version}). Do not edit.
#include "types/timezone_data.h"

namespace pgmicro::tzdata {

const char* const kVersion = ${cstr(version)};
static const char kNames[] = ${zones.map((z) => `"${z.name}\\0"`).join('\n    ')};
static const ZoneName kZoneList[] = {
${(() => { let o = 0; return zones.map((z) => { const s = `    {${o}, ${z.rec}}`; o += z.name.length + 1; return s; }).join(',\n'); })()}
};
static const char* const kAbbrevList[] = {${[...abbrs.keys()].map(cstr).join(', ')}};
static const char* const kFooterList[] = {${[...footers.keys()].map(cstr).join(', ')}};
static const uint32_t kRecordOffsets[] = {${offsets.join(',')}};
static const unsigned char kRecordData[] = {
${hex(data)}};

const Table kTable = {kNames, kZoneList, ${zones.length}, kAbbrevList, kFooterList, kRecordOffsets, kRecordData};

}  // namespace pgmicro::tzdata
`;
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out + '.tmp', src);
fs.renameSync(out + '.tmp', out);
console.error(`gen-tzdata: ${zones.length} names, ${recordBytes.length} records, ${data.length} bytes of data (tzdata ${version})`);
