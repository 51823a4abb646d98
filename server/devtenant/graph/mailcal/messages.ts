import express, { type Request, type Response } from 'express';
import type { MailboxStore, MailItem } from '../../mailbox/store';
import type { DirectoryUser, MailFolderName } from '../../model';
import type { GraphPrincipal } from '../../principal';
import type { GraphContext } from '../context';
import { GraphError } from '../errors';
import {
  baseUrl,
  decodeToken,
  encodeToken,
  param,
  parsePrefer,
  parseSelect,
  parseTop,
  pick,
  queryOption,
} from '../odata';
import { type DeltaStream, deltaState, serveDeltaPage } from './delta';
import { BODY_PROPS, graphMessage, MESSAGE_PROPS } from './format';
import { both, ctxUrl, DEFAULT_PAGE, denied, has, MAIL_READ, MAX_PAGE, owner, who } from './shared';

/** Mail: the well-known folders, message lists and per-folder message delta. */

const WELL_KNOWN: MailFolderName[] = ['inbox', 'sentitems', 'archive', 'deleteditems'];
const FILTERED_DELTA_LIMIT = 5_000;
const FOLDER_NAMES: Record<MailFolderName, string> = {
  inbox: 'Inbox',
  sentitems: 'Sent Items',
  archive: 'Archive',
  deleteditems: 'Deleted Items',
};

const folderIdOf = (u: DirectoryUser, f: MailFolderName) =>
  `AQMkA${Buffer.from(`${u.id}:${f}`).toString('base64url').slice(0, 40)}AAAA`;

/** A folder by well-known name or id (quoted or not, any case). */
const folderOf = (u: DirectoryUser, key: string): MailFolderName => {
  const k = key.replace(/^'|'$/g, '').toLowerCase();
  const f = WELL_KNOWN.find((w) => w === k || folderIdOf(u, w).toLowerCase() === k);
  if (!f) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return f;
};

/** `$filter=receivedDateTime ge|gt {instant}`, the only filter Graph allows on messages; null without one. */
const receivedFilter = (req: Request): number | null => {
  const filter = queryOption(req, 'filter');
  if (filter === undefined) return null;
  const m = /^receivedDateTime\s+(ge|gt)\s+'?([^']+?)'?$/i.exec(filter.trim());
  const at = m ? Date.parse(m[2]!) : Number.NaN;
  if (!m || Number.isNaN(at))
    throw new GraphError(
      400,
      'ErrorInvalidUrlQueryFilter',
      'Only receivedDateTime ge/gt filters are supported on messages by the dev tenant.',
    );
  return m[1]!.toLowerCase() === 'gt' ? at + 1 : at;
};

const canReadBody = (p: GraphPrincipal) => has(p, ['Mail.Read', 'Mail.ReadWrite']);

/** A message as Graph shows it; selecting a body without Mail.Read is denied. */
const messageJson = (res: Response, u: DirectoryUser, i: MailItem, fields: string[] | null) => {
  const full = graphMessage(i, folderIdOf(u, i.entry.folder), canReadBody(res.locals.principal!));
  if (
    fields?.some((f) => ['body', 'bodyPreview', 'uniqueBody'].includes(f)) &&
    !canReadBody(res.locals.principal!)
  )
    throw denied();
  return pick(full, fields, ['@odata.type', '@odata.etag', 'id']);
};

export function createMessagesRouter(ctx: GraphContext, store: MailboxStore): express.Router {
  const router = express.Router();

  /** With a $filter, message delta returns at most 5,000 messages: the newest ones. */
  const capToNewest = (u: DirectoryUser, folder: MailFolderName, since: number): number => {
    const times: number[] = [];
    for (const i of store.mailbox(u.id).mail.values()) {
      if (i.deleted || i.entry.folder !== folder) continue;
      const t = Date.parse(i.entry.message.receivedDateTime);
      if (t >= since) times.push(t);
    }
    if (times.length <= FILTERED_DELTA_LIMIT) return since;
    times.sort((a, b) => b - a);
    return times[FILTERED_DELTA_LIMIT - 1]!;
  };

  router.get(
    [...both('/mailFolders/:folder/messages/delta'), ...both('/mailfolders/:folder/messages/delta')],
    (req, res) => {
      const u = owner(ctx, req, res, MAIL_READ);
      const folder = folderOf(u, param(req, 'folder')!);
      if (parsePrefer(req).immutableId) res.setHeader('Preference-Applied', 'IdType="ImmutableId"');
      const mail = store.mailbox(u.id).mail;
      const spec: DeltaStream = {
        stream: `mail:${folder}`,
        linkPath: `${who(u, req)}/mailFolders/${folder}/messages/delta`,
        entity: 'message',
        restartUrl: () => `${baseUrl(req)}/${who(u, req)}/mailFolders/${folder}/messages/delta?$deltatoken=`,
        initial: (r) => {
          const sel = parseSelect(r, MESSAGE_PROPS, 'message');
          if (sel?.some((f) => BODY_PROPS.has(f)) && !canReadBody(res.locals.principal!)) throw denied();
          if (
            queryOption(r, 'orderby') &&
            !/^receivedDateTime\s+desc$/i.test(queryOption(r, 'orderby')!.trim())
          )
            throw new GraphError(
              400,
              'ErrorInvalidUrlQuery',
              'Only $orderby=receivedDateTime desc is supported with delta on messages.',
            );
          const ct = queryOption(r, 'changeType');
          if (ct !== undefined && ct !== 'created' && ct !== 'updated' && ct !== 'deleted')
            throw new GraphError(400, 'ErrorInvalidParameter', `The changeType '${ct}' is not valid.`);
          const since = receivedFilter(r);
          return {
            ...(sel ? { sel } : {}),
            ...(ct ? { ct } : {}),
            ...(since !== null ? { rf: capToNewest(u, folder, since) } : {}),
          };
        },
        view: (id, st) => {
          const item = mail.get(id);
          if (!item) return null;
          const live = !item.deleted && item.entry.folder === folder;
          if (!live) return st.ct === 'created' || st.ct === 'updated' ? null : { removed: true };
          if (st.rf !== undefined && Date.parse(item.entry.message.receivedDateTime) < st.rf) return null;
          if (st.ct === 'deleted') return null;
          const isNew = st.since === 0 || item.createdSeq > st.since;
          if ((st.ct === 'created' && !isNew) || (st.ct === 'updated' && isNew)) return null;
          return { live: messageJson(res, u, item, st.sel ?? null) };
        },
      };
      serveDeltaPage(req, res, store, u.id, spec, deltaState(req, store, u.id, spec));
    },
  );

  router.get([...both('/mailFolders/:folder'), ...both('/mailfolders/:folder')], (req, res) => {
    const u = owner(ctx, req, res, MAIL_READ);
    const folder = folderOf(u, param(req, 'folder')!);
    const items = store.mail(u.id).filter((i) => !i.deleted && i.entry.folder === folder);
    const full = {
      id: folderIdOf(u, folder),
      displayName: FOLDER_NAMES[folder],
      parentFolderId: folderIdOf(u, 'inbox').replace('AAAA', 'AAAB'),
      childFolderCount: 0,
      unreadItemCount: items.filter((i) => !i.entry.isRead).length,
      totalItemCount: items.length,
      sizeInBytes: items.length * 4096,
      isHidden: false,
    };
    res.json({
      '@odata.context': ctxUrl(req, `users('${u.id}')/mailFolders/$entity`),
      ...pick(full, parseSelect(req, Object.keys(full), 'mailFolder')),
    });
  });

  const listMessages = (req: Request, res: Response, folder: MailFolderName | null) => {
    const u = owner(ctx, req, res, MAIL_READ);
    const skip = queryOption(req, 'skiptoken');
    const st = skip ? decodeToken<{ off: number; ps: number; q: Record<string, string> }>(skip) : null;
    // Later pages replay the first request's query options, which the skiptoken carries.
    const q =
      st?.q ??
      (Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string')) as Record<
        string,
        string
      >);
    const view = { query: q } as unknown as Request;
    const fields = parseSelect(view, MESSAGE_PROPS, 'message');
    const ps = st?.ps ?? parseTop(view, MAX_PAGE) ?? DEFAULT_PAGE;
    const off = st?.off ?? 0;
    // The same filter rule as message delta: gt is strictly after, quotes are allowed.
    const since = receivedFilter(view) ?? Number.NEGATIVE_INFINITY;
    const items = store
      .mail(u.id)
      .filter(
        (i) =>
          !i.deleted &&
          (!folder || i.entry.folder === folder) &&
          Date.parse(i.entry.message.receivedDateTime) >= since,
      )
      .sort((a, b) => b.entry.message.receivedDateTime.localeCompare(a.entry.message.receivedDateTime));
    const body: Record<string, unknown> = {
      '@odata.context': ctxUrl(req, `users('${u.id}')/messages${fields ? `(${fields.join(',')})` : ''}`),
    };
    body.value = items.slice(off, off + ps).map((i) => messageJson(res, u, i, fields));
    if (off + ps < items.length)
      body['@odata.nextLink'] =
        `${baseUrl(req)}/${who(u, req)}/${folder ? `mailFolders/${folder}/` : ''}messages?$skiptoken=${encodeToken({ off: off + ps, ps, q })}`;
    res.json(body);
  };
  router.get(both('/messages'), (req, res) => listMessages(req, res, null));
  router.get(
    [...both('/mailFolders/:folder/messages'), ...both('/mailfolders/:folder/messages')],
    (req, res) => {
      const u = owner(ctx, req, res, MAIL_READ);
      listMessages(req, res, folderOf(u, param(req, 'folder')!));
    },
  );

  return router;
}
