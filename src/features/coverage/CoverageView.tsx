import {
  Badge,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Empty, LoadError } from '../../components/LoadError';
import { ViewSkeleton } from '../../components/ViewSkeleton';
import type { TokenSource } from '../../lib/api';
import { useCoverage } from './api';
import { ShareChart } from './ShareChart';

const useStyles = makeStyles({
  root: { display: 'grid', gap: tokens.spacingVerticalXXL },
  section: { display: 'grid', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  summary: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'baseline', flexWrap: 'wrap' },
  heading: { margin: 0 },
  name: { width: '190px' },
  count: { width: '84px' },
  leader: { width: '40%' },
  details: { marginTop: tokens.spacingVerticalS, color: tokens.colorNeutralForeground2 },
});

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

/**
 * "3 deep and 3 wide": per function, good, fair and poor relationships against the target (deep),
 * how many functions reach it (wide), and who leads each; then the internal share over months.
 */
export default function CoverageView({ getToken }: { getToken: TokenSource }) {
  const s = useStyles();
  const { result, reload } = useCoverage(getToken);
  if (result.state === 'loading') return <ViewSkeleton label="Loading coverage" />;
  if (result.state === 'error') return <LoadError what="coverage" error={result.error} retry={reload} />;
  const { functions, internalShare } = result.data;
  const shown = functions.filter((f) => f.people > 0 || f.candidates.length > 0);
  const covered = shown.filter((f) => f.covered).length;
  const target = shown[0]?.target ?? 3;
  return (
    <div className={s.root}>
      <section aria-labelledby="coverage-h" className={s.section}>
        <Text as="h2" id="coverage-h" size={500} weight="semibold" block className={s.heading}>
          Coverage by function
        </Text>
        {shown.length ? (
          <div className={s.summary} data-testid="coverage-summary">
            <Text size={400} weight="semibold">
              {covered} of {shown.length} functions covered
            </Text>
            <Text className={s.muted}>
              Deep: at least {target} good relationships in a function (change the target in Settings). Wide:
              covered across functions, not just your own.
            </Text>
          </div>
        ) : null}
        {!shown.length ? (
          <Empty>No functions with colleagues yet.</Empty>
        ) : (
          <Table aria-labelledby="coverage-h" data-testid="coverage-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={s.name}>Function</TableHeaderCell>
                <TableHeaderCell className={s.count}>Good</TableHeaderCell>
                <TableHeaderCell className={s.count}>Fair</TableHeaderCell>
                <TableHeaderCell className={s.count}>Poor</TableHeaderCell>
                <TableHeaderCell className={s.count}>Target</TableHeaderCell>
                <TableHeaderCell className={s.count}>Covered</TableHeaderCell>
                <TableHeaderCell className={s.leader}>Unofficial leader</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((f) => (
                <TableRow key={f.name}>
                  <TableCell>
                    <Text weight="semibold">{f.name}</Text>
                  </TableCell>
                  <TableCell>{f.good}</TableCell>
                  <TableCell>{f.fair}</TableCell>
                  <TableCell>{f.poor}</TableCell>
                  <TableCell>{f.target} deep</TableCell>
                  <TableCell>
                    {f.covered ? (
                      <Badge color="success">Covered</Badge>
                    ) : (
                      <Badge color="danger" appearance="tint">
                        {Math.max(0, f.target - f.good)} short
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell className={s.leader}>
                    {f.leader ? (
                      <>
                        <Text weight="semibold">{f.leader.displayName}</Text>
                        <br />
                        <Text size={200} className={s.muted}>
                          {f.leader.reason}
                        </Text>
                      </>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
      <section aria-labelledby="share-h" className={s.section}>
        <Text as="h2" id="share-h" size={500} weight="semibold" block className={s.heading}>
          Internal share by month
        </Text>
        <Text as="p" className={`${s.muted} ${s.heading}`} block>
          Of your meeting hours and of your mail, the share with colleagues only (anything with someone
          outside your organisation counts as external).
        </Text>
        {internalShare.some((m) => m.meetingShare !== null || m.mailShare !== null) ? (
          <>
            <ShareChart months={internalShare} />
            <details className={s.details}>
              <summary>Show as a table</summary>
              <Table aria-label="Internal share by month" size="small" data-testid="share-table">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Month</TableHeaderCell>
                    <TableHeaderCell>Meetings</TableHeaderCell>
                    <TableHeaderCell>Mail</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {internalShare.map((m) => (
                    <TableRow key={m.month}>
                      <TableCell>{m.month}</TableCell>
                      <TableCell>{pct(m.meetingShare)}</TableCell>
                      <TableCell>{pct(m.mailShare)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </details>
          </>
        ) : (
          <Empty>No meetings or mail in the last 12 months yet.</Empty>
        )}
      </section>
    </div>
  );
}
