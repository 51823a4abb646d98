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
  root: { display: 'grid', gap: tokens.spacingVerticalXL },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** "3 deep" per function: good, fair and poor relationships against the target, and who leads. */
export default function CoverageView({ getToken }: { getToken: TokenSource }) {
  const s = useStyles();
  const { result, reload } = useCoverage(getToken);
  if (result.state === 'loading') return <ViewSkeleton label="Loading coverage" />;
  if (result.state === 'error') return <LoadError what="coverage" error={result.error} retry={reload} />;
  const { functions, internalShare } = result.data;
  const shown = functions.filter((f) => f.people > 0 || f.candidates.length > 0);
  return (
    <div className={s.root}>
      <section aria-labelledby="coverage-h">
        <Text as="h2" id="coverage-h" size={500} weight="semibold">
          Coverage by function
        </Text>
        {!shown.length ? (
          <Empty>No functions with colleagues yet.</Empty>
        ) : (
          <Table aria-labelledby="coverage-h" data-testid="coverage-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Function</TableHeaderCell>
                <TableHeaderCell>Good</TableHeaderCell>
                <TableHeaderCell>Fair</TableHeaderCell>
                <TableHeaderCell>Poor</TableHeaderCell>
                <TableHeaderCell>Target</TableHeaderCell>
                <TableHeaderCell>Covered</TableHeaderCell>
                <TableHeaderCell>Unofficial leader</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((f) => (
                <TableRow key={f.name}>
                  <TableCell>{f.name}</TableCell>
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
                  <TableCell>
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
      <section aria-labelledby="share-h">
        <Text as="h2" id="share-h" size={500} weight="semibold">
          Internal share by month
        </Text>
        <Text as="p" className={s.muted}>
          The share of your meeting time spent with colleagues rather than outside your organisation.
        </Text>
        {internalShare.length ? <ShareChart months={internalShare} /> : <Empty>No meetings yet.</Empty>}
      </section>
    </div>
  );
}
