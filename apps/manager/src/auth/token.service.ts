import { Injectable } from '@nestjs/common';
import { sha256 } from '../common/hash';
import { Store } from '../store/store';
import type { TokenObject } from '../store/objects';

export interface Principal {
  tokenId: string;
  name: string;
  role: TokenObject['role'];
}

/** Checks bearer tokens against the hashed tokens in the store. */
@Injectable()
export class TokenService {
  constructor(private readonly store: Store) {}

  /** `authorization` is the header value ("Bearer …"); null when it proves nothing. */
  authenticate(authorization: unknown): Principal | null {
    if (typeof authorization !== 'string') return null;
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m || m[1].length > 512) return null;
    const hash = sha256(m[1]);
    for (const t of this.store.tokens()) {
      if (t.hash === hash) return { tokenId: t.id, name: t.name, role: t.role };
    }
    return null;
  }
}
