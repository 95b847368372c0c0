// Certificates: issued on completion, rendered by the worker, verifiable by anyone.
export * from './certificate.service';
export {
  certificatePdfPath,
  certificateStorageKey,
  formatCertificateNumber,
  newCertificateCode,
  verificationUrl,
  yearIn,
} from './issue';
export { renderCertificatePdf, type CertificatePdfData } from './pdf';
