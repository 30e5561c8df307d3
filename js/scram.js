// SCRAM-SHA-256 (RFC 5802 / RFC 7677) as PostgreSQL's server side does it, for
// `pg-micro FILE --server HOST:PORT --password PW` (server.js): the verifier is derived once
// from the password; each authentication is one ScramExchange (client-first → server-first,
// client-final → server-final or failure). No channel binding (the server speaks no TLS).
import crypto from 'node:crypto';

const ITERATIONS = 4096;  // PostgreSQL's scram_iterations default

const hmac = (key, text) => crypto.createHmac('sha256', key).update(text).digest();
const sha256 = (b) => crypto.createHash('sha256').update(b).digest();

// { salt, iterations, storedKey, serverKey } from a password.
export function scramVerifier(password, salt = crypto.randomBytes(16), iterations = ITERATIONS) {
  const salted = crypto.pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  return { salt, iterations, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

export class ScramError extends Error {}

// One authentication. first(clientFirst) → serverFirst text; final(clientFinal) → serverFinal
// text; both throw ScramError on a malformed message or a wrong password.
export class ScramExchange {
  constructor(verifier) { this.v = verifier; }

  first(clientFirst) {
    // gs2-header "n,," or "y,," (the client could bind but thinks the server cannot); "p=" is
    // channel binding, which this server never advertises.
    const m = /^([ny]),(?:a=[^,]*)?,(.*)$/.exec(clientFirst);
    if (!m) throw new ScramError('malformed SCRAM message');
    this.gs2 = clientFirst.slice(0, clientFirst.length - m[2].length);
    this.clientFirstBare = m[2];
    const nonce = /(?:^|,)r=([^,]+)/.exec(this.clientFirstBare);
    if (!nonce) throw new ScramError('malformed SCRAM message');
    this.nonce = nonce[1] + crypto.randomBytes(18).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.v.salt.toString('base64')},i=${this.v.iterations}`;
    return this.serverFirst;
  }

  final(clientFinal) {
    const m = /^c=([^,]*),r=([^,]*)(?:,.*)?,p=([^,]+)$/.exec(clientFinal);
    if (!m) throw new ScramError('malformed SCRAM message');
    if (Buffer.from(m[1], 'base64').toString('latin1') !== this.gs2) throw new ScramError('SCRAM channel binding check failed');
    if (m[2] !== this.nonce) throw new ScramError('SCRAM nonce mismatch');
    const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(',p='));
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const proof = Buffer.from(m[3], 'base64');
    const signature = hmac(this.v.storedKey, authMessage);
    if (proof.length !== signature.length) throw new ScramError('password authentication failed');
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) clientKey[i] = proof[i] ^ signature[i];
    if (!crypto.timingSafeEqual(sha256(clientKey), this.v.storedKey)) throw new ScramError('password authentication failed');
    return `v=${hmac(this.v.serverKey, authMessage).toString('base64')}`;
  }
}
