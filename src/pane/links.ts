/**
 * "Open in Teams": a Teams deep link to Rapport's personal tab (documented at Microsoft Learn,
 * "deep link to an app's tab": /l/entity/{appId}/{entityId}) with the person as the sub-entity,
 * and the tab's own web address (the table, their panel open) as the fallback Teams offers. The tab
 * reads either (src/features/app/route.ts). Without the Teams app id (the manifest's pane URL
 * passes `teamsAppId`) the tab opens in the browser instead.
 */
export function tabLink(teamsAppId: string | null, origin: string, address: string): string {
  const web = `${origin}/tab/#table?${new URLSearchParams({ person: address }).toString()}`;
  if (!teamsAppId) return web;
  const q = new URLSearchParams({
    webUrl: web,
    label: 'Rapport',
    context: JSON.stringify({ subEntityId: `person:${address}` }),
  });
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/map?${q.toString()}`;
}
