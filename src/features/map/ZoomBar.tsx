import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { PanZoom } from './usePanZoom';

const useStyles = makeStyles({
  zoomBar: {
    position: 'absolute',
    top: 0,
    right: 0,
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    zIndex: 1,
  },
});

/** The zoom buttons over the map's corner: zooming without a wheel or a pinch, from the keyboard too. */
export function ZoomBar({ panZoom }: { panZoom: PanZoom }) {
  const s = useStyles();
  return (
    <div className={s.zoomBar} role="toolbar" aria-label="Zoom the map">
      <Button size="small" aria-label="Zoom in" onClick={panZoom.zoomIn}>
        +
      </Button>
      <Button
        size="small"
        aria-label="Zoom out"
        onClick={panZoom.zoomOut}
        disabled={panZoom.transform.k <= 1}
      >
        −
      </Button>
      <Button size="small" onClick={panZoom.reset} disabled={!panZoom.zoomed}>
        Reset
      </Button>
    </div>
  );
}
