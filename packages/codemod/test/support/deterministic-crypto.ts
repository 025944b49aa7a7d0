import * as crypto from 'node:crypto';

/**
 * `node:crypto` with `randomUUID` and `randomBytes` replaced by counters, so two copies of an app that make the
 * same calls in the same order generate the same ids, tokens and secrets. Everything else (HMAC, scrypt,
 * timingSafeEqual…) is the real implementation.
 */
export function deterministicCrypto(): typeof crypto {
  let uuids = 0;
  let draws = 0;
  const randomUUID = (): `${string}-${string}-${string}-${string}-${string}` => {
    uuids++;
    // The first 12 characters must differ between calls: the example app's ids are `${prefix}_${uuid.slice(0, 12)}`.
    return `${uuids.toString(16).padStart(8, '0')}-0000-4000-8000-${uuids.toString(16).padStart(12, '0')}`;
  };
  const randomBytes = (size: number): Buffer => {
    draws++;
    const chunks: Buffer[] = [];
    for (let block = 0; chunks.length * 32 < size; block++) {
      chunks.push(crypto.createHash('sha256').update(`draw ${draws} block ${block}`).digest());
    }
    return Buffer.concat(chunks).subarray(0, size);
  };
  return { ...crypto, randomUUID, randomBytes } as typeof crypto;
}
