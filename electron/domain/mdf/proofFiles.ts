import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Workspace } from '../../../db/database';
import { DomainError } from '../../../shared/errors';
import { MDF_PROOF_MAX_BYTES, type MdfProofContent, type MdfProofType, type MdfProofView } from '../../model/mdf';
import { mdfStore } from './store';
import type { mdfProofFiles } from '../../../db/schema';
import { notFound } from '../../../shared/errorMessages';

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The file's type from its first bytes, never from its name: a renamed .exe stays an .exe. OFD (the Chinese
 * e-invoice format, GB/T 33190) is a ZIP package whose entries include OFD.xml; any other ZIP (and so .docx/.xlsx
 * with macros or not) is refused.
 */
export function sniffProofType(b: Buffer): MdfProofType | null {
  if (startsWith(b, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && b.includes('OFD.xml')) return 'application/ofd';
  return null;
}

export interface ProofUpload {
  path: string;
  name?: string;
}

/** A proof as read back: its stored columns (the drizzle schema's), the media type as the model names it. */
type ReadProof = Pick<typeof mdfProofFiles.$inferSelect, 'fileName' | 'sha256' | 'content'> & { mediaType: MdfProofType };

/** Reads and checks every file before anything is stored: one refused file refuses the claim, naming the file. */
export function readProofs(uploads: ProofUpload[]): ReadProof[] {
  return uploads.map((u) => {
    const fileName = u.name ?? basename(u.path);
    let size: number;
    try {
      size = statSync(u.path).size;
    } catch {
      throw new DomainError(`Proof file ${fileName} cannot be read (${u.path})`, 'NOT_FOUND', { ...notFound('file', fileName), file: fileName });
    }
    if (size > MDF_PROOF_MAX_BYTES) {
      throw new DomainError(`Proof file ${fileName} is ${(size / 1048576).toFixed(1)} MB; the limit is ${MDF_PROOF_MAX_BYTES / 1048576} MB per file`, 'DOMAIN', { reason: 'mdfProofTooLarge', params: { file: fileName, sizeBytes: size, limitBytes: MDF_PROOF_MAX_BYTES } });
    }
    if (size === 0) throw new DomainError(`Proof file ${fileName} is empty`, 'DOMAIN', { file: fileName, reason: 'mdfProofEmpty', params: { file: fileName } });
    const content = readFileSync(u.path);
    const mediaType = sniffProofType(content);
    if (!mediaType) {
      throw new DomainError(`Proof file ${fileName} is not a PDF, JPEG, PNG, GIF, WebP image or OFD e-invoice (judged by its content, not its name)`, 'DOMAIN', { reason: 'mdfProofForbiddenType', params: { file: fileName } });
    }
    return { fileName, mediaType, sha256: createHash('sha256').update(content).digest('hex'), content };
  });
}

/** `at`: the claim's instant (the operation's clock). */
export function storeProofs(ws: Workspace, claimId: number, proofs: ReadProof[], at: string): void {
  for (const p of proofs) mdfStore.insertProof(ws, claimId, { fileName: p.fileName, mediaType: p.mediaType, sizeBytes: p.content.length, sha256: p.sha256, content: p.content }, at);
}

export function proofsOf(ws: Workspace, claimIds: number[]): Map<number, MdfProofView[]> {
  const out = new Map<number, MdfProofView[]>();
  if (!claimIds.length) return out;
  for (const r of mdfStore.proofsOf(ws, claimIds)) out.set(r.claimId, [...(out.get(r.claimId) ?? []), r]);
  return out;
}

/** A stored proof with its bytes, checked against its SHA-256 (a damaged file is reported, not shown). */
export function proofContent(ws: Workspace, id: number): MdfProofContent {
  const row = mdfStore.proofWithContent(ws, id);
  if (!row) throw new DomainError(`No proof file ${id}`, 'NOT_FOUND', notFound('proofFile', id));
  const { content, ...view } = row;
  if (createHash('sha256').update(content).digest('hex') !== view.sha256) throw new DomainError(`Proof file ${view.fileName} no longer matches its SHA-256: the workspace may be damaged`, 'DOMAIN', { reason: 'mdfProofDamaged', params: { file: view.fileName } });
  return { ...view, dataBase64: content.toString('base64') };
}
