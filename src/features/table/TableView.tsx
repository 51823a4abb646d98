import {
  Button,
  createTableColumn,
  DataGrid,
  DataGridBody,
  DataGridCell,
  DataGridHeader,
  DataGridHeaderCell,
  DataGridRow,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  makeStyles,
  SearchBox,
  Select,
  type TableColumnDefinition,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { Empty } from '../../components/LoadError';
import type { MapPerson } from '../map/api';
import { BAND_LABEL, shortDate } from '../map/health';
import type { ViewProps } from '../map/MapView';
import { downloadExport } from './exportCsv';
import { Sparkline } from './Sparkline';

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
  scroll: { overflowX: 'auto' },
  small: { fontSize: tokens.fontSizeBase200 },
});

const BAND_ORDER = { none: 0, poor: 1, fair: 2, good: 3 } as const;
const cmpStr = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

function columns(onOpen: (a: string) => void): Array<TableColumnDefinition<MapPerson>> {
  return [
    createTableColumn<MapPerson>({
      columnId: 'person',
      compare: (a, b) => a.displayName.localeCompare(b.displayName),
      renderHeaderCell: () => 'Person',
      renderCell: (p) => (
        <Link
          onClick={(e) => {
            e.stopPropagation();
            onOpen(p.address);
          }}
        >
          {p.displayName}
        </Link>
      ),
    }),
    createTableColumn<MapPerson>({
      columnId: 'function',
      compare: (a, b) => a.function.localeCompare(b.function),
      renderHeaderCell: () => 'Function',
      renderCell: (p) => p.function,
    }),
    createTableColumn<MapPerson>({
      columnId: 'why',
      compare: (a, b) => cmpStr(a.stakeholder?.why ?? null, b.stakeholder?.why ?? null),
      renderHeaderCell: () => 'Why they matter',
      renderCell: (p) => p.stakeholder?.why ?? '—',
    }),
    createTableColumn<MapPerson>({
      columnId: 'health',
      compare: (a, b) => BAND_ORDER[a.health.band] - BAND_ORDER[b.health.band] || a.strength - b.strength,
      renderHeaderCell: () => 'Self vs inferred',
      renderCell: (p) =>
        `${p.calibration.selfRating ? `${p.calibration.selfRating}/5` : '—'} vs ${BAND_LABEL[p.health.band]}${
          p.calibration.flag ? ' ⚑' : ''
        }`,
    }),
    createTableColumn<MapPerson>({
      columnId: 'strength',
      compare: (a, b) => a.strength - b.strength,
      renderHeaderCell: () => 'Strength',
      renderCell: (p) => p.strength.toFixed(1),
    }),
    createTableColumn<MapPerson>({
      columnId: 'lastContact',
      compare: (a, b) => cmpStr(a.evidence?.lastContact ?? null, b.evidence?.lastContact ?? null),
      renderHeaderCell: () => 'Last contact',
      renderCell: (p) => shortDate(p.evidence?.lastContact ?? null),
    }),
    createTableColumn<MapPerson>({
      columnId: 'trend',
      compare: (a, b) =>
        (a.series.at(-1) ?? 0) - (a.series[0] ?? 0) - ((b.series.at(-1) ?? 0) - (b.series[0] ?? 0)),
      renderHeaderCell: () => 'Trend',
      renderCell: (p) => <Sparkline series={p.series} label={`Trend ${p.health.trend ?? 'unknown'}`} />,
    }),
    createTableColumn<MapPerson>({
      columnId: 'due',
      compare: (a, b) => cmpStr(a.health.dueDate, b.health.dueDate),
      renderHeaderCell: () => 'Due',
      renderCell: (p) => shortDate(p.health.dueDate),
    }),
    createTableColumn<MapPerson>({
      columnId: 'next',
      compare: (a, b) => cmpStr(a.nextAction, b.nextAction),
      renderHeaderCell: () => 'Next action',
      renderCell: (p) => p.nextAction ?? '—',
    }),
  ];
}

/** The map as the template's table: sortable, searchable, filtered by function, exportable. */
export default function TableView({ map, getToken, onOpen }: ViewProps) {
  const s = useStyles();
  const [query, setQuery] = useState('');
  const [fn, setFn] = useState('');
  const [exportError, setExportError] = useState<string | null>(null);
  const cols = useMemo(() => columns(onOpen), [onOpen]);
  const functions = useMemo(() => [...new Set(map.people.map((p) => p.function))].sort(), [map.people]);
  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    return map.people.filter(
      (p) =>
        (!fn || p.function === fn) &&
        (!q ||
          p.displayName.toLowerCase().includes(q) ||
          p.address.includes(q) ||
          (p.jobTitle ?? '').toLowerCase().includes(q)),
    );
  }, [map.people, query, fn]);
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
        <Field label="Function">
          <Select value={fn} onChange={(_, d) => setFn(d.value)} data-testid="table-function">
            <option value="">All functions</option>
            {functions.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </Select>
        </Field>
        <span className={s.spacer} />
        <Text className={s.small}>
          {rows.length} of {map.people.length}
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
        <div className={s.scroll}>
          <DataGrid
            className={s.grid}
            items={rows}
            columns={cols}
            sortable
            defaultSortState={{ sortColumn: 'strength', sortDirection: 'descending' }}
            getRowId={(p: MapPerson) => p.address}
            aria-label="People on your map"
            data-testid="people-table"
          >
            <DataGridHeader>
              <DataGridRow>
                {({ renderHeaderCell }) => <DataGridHeaderCell>{renderHeaderCell()}</DataGridHeaderCell>}
              </DataGridRow>
            </DataGridHeader>
            <DataGridBody<MapPerson>>
              {({ item, rowId }) => (
                <DataGridRow<MapPerson>
                  key={rowId}
                  onClick={() => onOpen(item.address)}
                  data-testid="table-row"
                >
                  {({ renderCell }) => <DataGridCell>{renderCell(item)}</DataGridCell>}
                </DataGridRow>
              )}
            </DataGridBody>
          </DataGrid>
          {!rows.length ? <Empty>No one matches.</Empty> : null}
        </div>
      )}
    </section>
  );
}
