import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { join } from 'node:path';
import { freePort } from './ports';

export const TOKEN_SERVICE = 'shoal-test-registry';
const ISSUER = 'shoal-test-token';

export interface TokenService {
  realm: string;
  /** The certificate the registry trusts the tokens' key by (`rootcertbundle`). */
  certificate: string;
  /** `scope` of every token asked for, in order (anonymous: no credentials are checked). */
  scopes: string[];
  close(): Promise<void>;
}

/**
 * A token service for a registry with `auth: token`, as ghcr.io and quay.io have: it gives
 * anyone a token for the scope asked (an anonymous pull, or the test's own push).
 * The key and certificate are made with openssl in `dir`.
 */
export async function startTokenService(dir: string): Promise<TokenService> {
  const keyFile = join(dir, 'token.key');
  const certificate = join(dir, 'token.crt');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certificate,
      '-subj',
      '/CN=shoal-test-token',
      '-days',
      '2',
    ],
    {
      stdio: 'ignore',
    },
  );
  const key = readFileSync(keyFile);
  const kid = libtrustKeyId(createPublicKey(key).export({ type: 'spki', format: 'der' }));
  const scopes: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '', 'http://token');
    // repository:team/app:pull,push (the engine may ask for several at once)
    const access = url.searchParams.getAll('scope').map((scope) => {
      scopes.push(scope);
      const parts = scope.split(':');
      return { type: parts[0], name: parts.slice(1, -1).join(':'), actions: (parts.at(-1) ?? '').split(',') };
    });
    const now = Math.floor(Date.now() / 1000);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const unsigned = `${b64({ typ: 'JWT', alg: 'ES256', kid })}.${b64({
      iss: ISSUER,
      sub: '',
      aud: url.searchParams.get('service'),
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: `${now}-${scopes.length}`,
      access,
    })}`;
    const signature = sign('sha256', Buffer.from(unsigned), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: `${unsigned}.${signature}`, expires_in: 300 }));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certificate,
    scopes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The `auth: token:` section of a registry config trusting `t`. */
export function tokenAuthConfig(t: TokenService): string {
  return `auth: { token: { realm: "${t.realm}", service: ${TOKEN_SERVICE}, issuer: ${ISSUER}, rootcertbundle: ${t.certificate} } }`;
}

/** libtrust's key id, which distribution matches a token's `kid` against: base32 of the first 240 bits of the key's SHA-256, in groups of 4. */
function libtrustKeyId(spki: Buffer): string {
  const bytes = createHash('sha256').update(spki).digest().subarray(0, 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  const chars = bits.match(/.{5}/g)!.map((c) => alphabet[parseInt(c, 2)]);
  return chars.join('').match(/.{4}/g)!.join(':');
}
