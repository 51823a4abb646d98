import {
  Button,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  SearchBox,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { Empty } from '../../components/LoadError';
import type { MapPerson } from '../../lib/mapApi';
import { shortDate } from '../../lib/dates';
import { BAND_LABEL } from '../../lib/health';
import { isStakeholder } from '../../lib/stakeholder';
import type { ViewProps } from '../../components/viewProps';
import { downloadExport } from '../../lib/downloadExport';
import { Sparkline } from './Sparkline';
import { useRowWindow } from './windowing';

/** Every row has this height (cells do not wrap): what lets the grid draw only the rows in view. */
const ROW = 45;

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    flexWrap: 'wrap',
    marginBottom: tokens.spacingVerticalM,
  },
  spacer: { flexGrow: 1 },
  grid: { minWidth: '960px' },
  // The grid scrolls in its own box (both ways), so its header can stick and the page stays put.
  scroll: {
    overflow: 'auto',
    maxHeight: 'max(320px, calc(100vh - 240px))',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  body: { boxSizing: 'border-box' },
  row: { height: `${ROW}px`, boxSizing: 'border-box', cursor: 'pointer' },
  cell: { overflow: 'hidden' },
  text: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  small: { fontSize: tokens.fontSizeBase200 },
});

const BAND_ORDER = { none: 0, poor: 1, fair: 2, good: 3 } as const;
const cmpStr = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

interface Column {
  id: string;
  label: string;
  compare: (a: MapPerson, b: MapPerson) => number;
  /** Plain text, shown truncated with the full text as a tooltip; or `render` for anything else. */
  text?: (p: MapPerson) => string;
  render?: (p: MapPerson, onOpen: (address: string) => void) => ReactNode;
}

const COLUMNS: Column[] = [
  {
    id: 'person',
    label: 'Person',
    compare: (a, b) => a.displayName.localeCompare(b.displayName),
    render: (p, onOpen) => (
      // Not a tab stop of its own: the row is (Enter opens the person), so Tab leaves the grid.
      <Link
        tabIndex={-1}
        onClick={(e) => {
          e.stopPropagation();
          onOpen(p.address);
        }}
      >
        {p.displayName}
      </Link>
    ),
  },
  {
    id: 'function',
    label: 'Function',
    compare: (a, b) => a.function.localeCompare(b.function),
    text: (p) => p.function,
  },
  {
    id: 'why',
    label: 'Why they matter',
    compare: (a, b) => cmpStr(a.stakeholder?.why ?? null, b.stakeholder?.why ?? null),
    text: (p) => p.stakeholder?.why ?? '—',
  },
  {
    id: 'health',
    label: 'Self vs inferred',
    compare: (a, b) => BAND_ORDER[a.health.band] - BAND_ORDER[b.health.band] || a.strength - b.strength,
    text: (p) =>
      `${p.calibration.selfRating ? `${p.calibration.selfRating}/5` : '—'} vs ${BAND_LABEL[p.health.band]}${
        p.calibration.flag ? ' ⚑' : ''
      }`,
  },
  {
    id: 'strength',
    label: 'Strength',
    compare: (a, b) => a.strength - b.strength,
    text: (p) => p.strength.toFixed(1),
  },
  {
    id: 'lastContact',
    label: 'Last contact',
    compare: (a, b) => cmpStr(a.evidence?.lastContact ?? null, b.evidence?.lastContact ?? null),
    text: (p) => shortDate(p.evidence?.lastContact ?? null),
  },
  {
    id: 'trend',
    label: 'Trend',
    compare: (a, b) =>
      (a.series.at(-1) ?? 0) - (a.series[0] ?? 0) - ((b.series.at(-1) ?? 0) - (b.series[0] ?? 0)),
    render: (p) => <Sparkline series={p.series} label={`Trend ${p.health.trend ?? 'unknown'}`} />,
  },
  {
    id: 'due',
    label: 'Due',
    compare: (a, b) => cmpStr(a.health.dueDate, b.health.dueDate),
    text: (p) => shortDate(p.health.dueDate),
  },
  {
    id: 'next',
    label: 'Next action',
    compare: (a, b) => cmpStr(a.nextAction, b.nextAction),
    text: (p) => p.nextAction ?? '—',
  },
];

type Sort = { column: string; direction: 'ascending' | 'descending' };

/** Who the table shows: everyone on the map, or only the stakeholders the user has chosen. */
export type Show = 'everyone' | 'stakeholders';

/** Filters and sorts the whole list (the window only decides which of the result is drawn). */
export function tableRows(
  people: readonly MapPerson[],
  query: string,
  fn: string,
  sort: Sort,
  show: Show = 'everyone',
): MapPerson[] {
  const q = query.trim().toLowerCase();
  const found = people.filter(
    (p) =>
      (show === 'everyone' || isStakeholder(p)) &&
      (!fn || p.function === fn) &&
      (!q ||
        p.displayName.toLowerCase().includes(q) ||
        p.address.includes(q) ||
        (p.jobTitle ?? '').toLowerCase().includes(q)),
  );
  const col = COLUMNS.find((c) => c.id === sort.column);
  if (!col) return found;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return found.sort((a, b) => sign * col.compare(a, b));
}

/**
 * The map as a table: sortable, searchable, filtered by function, exportable — for thousands of
 * people. Sorting, search and the filter act on everyone; only the rows in view (and a few either
 * side) are in the DOM, while aria-rowcount/aria-rowindex tell assistive technology the real size.
 * The keyboard moves a single focused row (arrows, Page Up/Down, Home/End; Enter opens the person),
 * which scrolls into view and is drawn even when it was far outside the window.
 */
export default function TableView({ map, getToken, onOpen, focusFunction }: ViewProps) {
  const s = useStyles();
  const [query, setQuery] = useState('');
  const [fn, setFn] = useState(focusFunction ?? '');
  const [show, setShow] = useState<Show>('everyone');
  const [sort, setSort] = useState<Sort>({ column: 'strength', direction: 'descending' });
  const [exportError, setExportError] = useState<string | null>(null);
  const functions = useMemo(() => [...new Set(map.people.map((p) => p.function))].sort(), [map.people]);
  const rows = useMemo(
    () => tableRows(map.people, query, fn, sort, show),
    [map.people, query, fn, sort, show],
  );
  const w = useRowWindow(rows.length, ROW);
  const [active, setActive] = useState(0);
  const focusWanted = useRef(Boolean(focusFunction)); // arriving from a map cluster: focus the grid
  const current = Math.min(active, Math.max(0, rows.length - 1));
  const tabStop = current >= w.start && current < w.end ? current : w.start;

  // A new filter, search or sort starts again from the top.
  const { scroller } = w;
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setActive(0);
  }, [query, fn, sort, show, scroller]);

  // Focus follows the keyboard once its row is drawn.
  const { body } = w;
  useEffect(() => {
    if (!focusWanted.current) return;
    const el = body.current?.querySelector<HTMLElement>(`[data-index="${current}"]`);
    if (el) {
      focusWanted.current = false;
      el.focus({ preventScroll: true });
    }
  });

  const move = (to: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, to));
    setActive(i);
    w.scrollToIndex(i);
    focusWanted.current = true;
  };
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (!(e.target instanceof HTMLElement) || e.target.getAttribute('role') !== 'row') return;
    const page = w.visibleRows;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(current + 1),
      ArrowUp: () => move(current - 1),
      PageDown: () => move(current + page),
      PageUp: () => move(current - page),
      Home: () => move(0),
      End: () => move(rows.length - 1),
      Enter: () => rows[current] && onOpen(rows[current].address),
      ' ': () => rows[current] && onOpen(rows[current].address),
    };
    const act = keys[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  };
  const toggleSort = (column: string) =>
    setSort((o) =>
      o.column === column
        ? { column, direction: o.direction === 'ascending' ? 'descending' : 'ascending' }
        : { column, direction: 'ascending' },
    );

  return (
    <section aria-label="Relationship table">
      <div className={s.bar}>
        <Field label="Search">
          <SearchBox
            placeholder="Name, title or e-mail"
            value={query}
            onChange={(_, d) => setQuery(d.value)}
            data-testid="table-search"
          />
        </Field>
        <Field label="Show">
          <Select
            value={show}
            onChange={(_, d) => setShow(d.value === 'stakeholders' ? 'stakeholders' : 'everyone')}
            data-testid="table-show"
          >
            <option value="everyone">Everyone</option>
            <option value="stakeholders">My stakeholders ({map.people.filter(isStakeholder).length})</option>
          </Select>
        </Field>
        <Field label="Function">
          <Select value={fn} onChange={(_, d) => setFn(d.value)} data-testid="table-function">
            <option value="">All functions</option>
            {functions.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </Select>
        </Field>
        <span className={s.spacer} />
        <Text className={s.small} role="status" data-testid="table-count">
          {rows.length} of {map.people.length}
          {map.totalPeople > map.people.length
            ? ` (your strongest ${map.people.length} of ${map.totalPeople})`
            : ''}
        </Text>
        <Button
          onClick={() => {
            setExportError(null);
            downloadExport(getToken, 'csv').catch((e: unknown) => setExportError(String(e)));
          }}
        >
          Export CSV
        </Button>
      </div>
      {exportError ? (
        <MessageBar intent="error">
          <MessageBarBody>{exportError}</MessageBarBody>
        </MessageBar>
      ) : null}
      {!map.people.length ? (
        <Empty testId="table-empty">No colleagues on your map yet.</Empty>
      ) : (
        <div ref={w.scroller} className={s.scroll} data-testid="table-scroll">
          <Table
            noNativeElements
            sortable
            role="grid"
            className={s.grid}
            aria-label="People on your map"
            aria-rowcount={rows.length + 1 /* the header row counts */}
            data-testid="people-table"
          >
            <TableHeader className={s.header}>
              <TableRow aria-rowindex={1}>
                {COLUMNS.map((c) => (
                  <TableHeaderCell
                    key={c.id}
                    sortDirection={sort.column === c.id ? sort.direction : undefined}
                    onClick={() => toggleSort(c.id)}
                  >
                    {c.label}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody
              ref={w.body}
              className={s.body}
              style={{ height: `${rows.length * ROW}px`, paddingTop: `${w.start * ROW}px` }}
              onKeyDown={onKey}
            >
              {rows.slice(w.start, w.end).map((p, k) => {
                const i = w.start + k;
                return (
                  <TableRow
                    key={p.address}
                    className={s.row}
                    aria-rowindex={i + 2}
                    tabIndex={i === tabStop ? 0 : -1}
                    data-index={i}
                    data-testid="table-row"
                    onFocus={(e) => e.target === e.currentTarget && setActive(i)}
                    onClick={() => {
                      setActive(i);
                      onOpen(p.address);
                    }}
                  >
                    {COLUMNS.map((c) => (
                      <TableCell key={c.id} role="gridcell" className={s.cell}>
                        {c.text ? (
                          <span className={s.text} title={c.text(p)}>
                            {c.text(p)}
                          </span>
                        ) : (
                          c.render?.(p, onOpen)
                        )}
                      </TableCell>
                    ))}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {!rows.length ? <Empty>No one matches.</Empty> : null}
        </div>
      )}
    </section>
  );
}
