import { randomFillSync } from 'node:crypto';

/** Bytes of one question id: 96 random bits, 16 base64url characters. */
const ID_BYTES = 12;
/** Ids drawn from the CSPRNG at once: one system call per 256 questions instead of one each. */
const IDS_PER_FILL = 256;
const idPool = Buffer.alloc(ID_BYTES * IDS_PER_FILL);
let idPoolAt = idPool.length;

/**
 * Short, unguessable and safe in a custom_id: 96 random bits from the CSPRNG, as 16 base64url
 * characters. The bytes come from a pool refilled by one `randomFillSync` call every 256 ids (each
 * byte used once), so the reply path does not enter the CSPRNG for every question.
 */
export function newQuestionId(): string {
  if (idPoolAt === idPool.length) {
    randomFillSync(idPool);
    idPoolAt = 0;
  }
  const id = idPool.toString('base64url', idPoolAt, idPoolAt + ID_BYTES);
  idPoolAt += ID_BYTES;
  return id;
}
