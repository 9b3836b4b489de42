import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MdfClaimView } from '../../../../electron/contract/mdf';
import { useOp } from '../../api/hooks';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';

function blobOf(base64: string, type: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** One proof: images shown, PDFs and OFD e-invoices saved to open in the system's viewer; its SHA-256 shown. */
function Proof({ id }: { id: number }) {
  const { t } = useTranslation('mdf');
  const proof = useOp('mdf.proofs.get', { id });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!proof.data) return;
    const u = URL.createObjectURL(blobOf(proof.data.dataBase64, proof.data.mediaType));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [proof.data]);
  if (!proof.data) return <ErrorBanner error={proof.error} />;
  const p = proof.data;
  return (
    <div className="mdf-proof" data-testid="mdf-proof">
      <div>
        <strong data-testid="mdf-proof-name">{p.fileName}</strong> <span className="muted">{p.mediaType} · {(p.sizeBytes / 1024).toFixed(0)} KB</span>
      </div>
      <div className="muted mdf-sha">SHA-256 <code data-testid="mdf-proof-sha">{p.sha256}</code></div>
      {url && p.mediaType.startsWith('image/') && <img src={url} alt={p.fileName} className="mdf-proof-image" data-testid="mdf-proof-image" />}
      {url && (
        <a href={url} download={p.fileName} data-testid="mdf-proof-download">
          {t('proof.download')}
        </a>
      )}
    </div>
  );
}

export function ProofViewer({ claim, onClose }: { claim: MdfClaimView; onClose: () => void }) {
  const { t } = useTranslation(['mdf', 'common']);
  const [current, setCurrent] = useState(claim.proofs[0]?.id ?? null);
  return (
    <Modal title={t('mdf:proof.title', { id: claim.id })} onClose={onClose} testId="mdf-proof-viewer" wide>
      <div className="mdf-proof-viewer">
        <ul>
          {claim.proofs.map((p) => (
            <li key={p.id}>
              <button type="button" className={p.id === current ? 'link active' : 'link'} onClick={() => setCurrent(p.id)}>
                {p.fileName}
              </button>
            </li>
          ))}
        </ul>
        {current != null && <Proof id={current} />}
      </div>
      <div className="form-actions">
        <button type="button" onClick={onClose}>{t('common:actions.close')}</button>
      </div>
    </Modal>
  );
}
