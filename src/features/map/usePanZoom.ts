import { select } from 'd3-selection';
import { type ZoomBehavior, type ZoomTransform, zoom, zoomIdentity } from 'd3-zoom';
import { useEffect, useRef, useState } from 'react';

/** How much one press of a zoom button zooms in or out. */
const ZOOM_STEP = 1.6;

/**
 * Pan and zoom (d3-zoom: wheel, drag, pinch; and buttons for the keyboard), so a map of hundreds of
 * people stays legible: zoom into a crowded function's rim. `drawn`: whether the svg is rendered.
 */
export function usePanZoom(drawn: boolean) {
  const svg = useRef<SVGSVGElement>(null);
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 8])
      .on('zoom', (e: { transform: ZoomTransform }) => setTransform(e.transform));
    behaviour.current = z;
    const sel = select(el);
    sel.call(z).on('dblclick.zoom', null); // double-click opens a person, not a zoom
    return () => {
      sel.on('.zoom', null);
    };
  }, [drawn]); // the svg exists only once there are people to draw
  const by = (k: number) => {
    if (svg.current && behaviour.current) select(svg.current).call(behaviour.current.scaleBy, k);
  };
  const reset = () => {
    if (svg.current && behaviour.current) select(svg.current).call(behaviour.current.transform, zoomIdentity);
  };
  const zoomed = transform.k !== 1 || transform.x !== 0 || transform.y !== 0;
  return { svg, transform, zoomed, zoomIn: () => by(ZOOM_STEP), zoomOut: () => by(1 / ZOOM_STEP), reset };
}

export type PanZoom = ReturnType<typeof usePanZoom>;
