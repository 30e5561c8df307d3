// Share links: the editor's buffer, deflate-raw compressed (the browser's CompressionStream) and
// base64url-encoded, in the URL's hash (#sql=…), so a link reproduces the session's buffer
// without a server. No dependency: the browser has the codec.
const PREFIX = 'sql=';

function toBase64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text) {
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function encodeShare(text) {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return PREFIX + toBase64url(packed);
}

// The buffer a hash carries, or null.
export async function decodeShare(hash) {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith(PREFIX)) return null;
  try {
    const bytes = await pipe(fromBase64url(h.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
    return new TextDecoder().decode(bytes);
  } catch {
    return null;
  }
}

// The page's URL with the buffer in it.
export async function shareUrl(text) {
  const u = new URL(location.href);
  u.hash = await encodeShare(text);
  return u.href;
}
