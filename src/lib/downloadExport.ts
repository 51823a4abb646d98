import type { TokenSource } from './api';

/** Downloads `GET /api/export?format=…` with the token: fetched as a blob, saved through an object URL. */
export async function downloadExport(getToken: TokenSource, format: 'csv' | 'json'): Promise<void> {
  const res = await fetch(`/api/export?format=${format}`, {
    headers: { authorization: `Bearer ${await getToken()}` },
  });
  if (!res.ok) throw new Error(`Export failed (${res.status})`);
  const name =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ??
    `rapport-export.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
