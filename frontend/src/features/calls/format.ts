import type { Messages } from '../../i18n/en';

/** A file size limit for people: 10485760 -> "10 MiB". */
export function formatSize(bytes: number, t: Messages): string {
  const number = (n: number) =>
    new Intl.NumberFormat(t.format.locale, { maximumFractionDigits: 1 }).format(n);
  if (bytes >= 1024 * 1024) return t.calls.bytes.mib(number(bytes / (1024 * 1024)));
  if (bytes >= 1024) return t.calls.bytes.kib(number(bytes / 1024));
  return t.calls.bytes.b(number(bytes));
}

/** A score, weight or count for people: 3 -> "3", 2.5 -> "2.5". */
export function formatNumber(value: number, t: Messages): string {
  return new Intl.NumberFormat(t.format.locale, { maximumFractionDigits: 2 }).format(value);
}

/** Short names of the media types documents are usually asked in. */
const MEDIA_TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'text/plain': 'Text',
  'application/zip': 'ZIP',
};

export const COMMON_MEDIA_TYPES = Object.keys(MEDIA_TYPE_NAMES);

export function mediaTypeName(mediaType: string): string {
  return MEDIA_TYPE_NAMES[mediaType] ?? mediaType;
}
