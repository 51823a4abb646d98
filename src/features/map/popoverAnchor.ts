import type { CSSProperties } from 'react';
import type { ZoomTransform } from 'd3-zoom';

/**
 * Where a popover (a person's card, a group's summary) stands beside a point of the map: at the
 * point as it is zoomed, in percent of the map's frame so it follows the frame's size, and on the
 * side towards the centre so it stays within the map. The map's coordinates have 0,0 at the centre
 * of a `size` square; `gap` is the distance between the point and the popover's corner.
 */
export function popoverAnchor(
  point: { x: number; y: number },
  { transform, size, gap }: { transform: ZoomTransform; size: number; gap: number },
): CSSProperties {
  const half = size / 2;
  const away = (coordinate: number) => (coordinate > 0 ? `calc(-100% - ${gap}px)` : `${gap}px`);
  return {
    left: `${((transform.applyX(point.x) + half) / size) * 100}%`,
    top: `${((transform.applyY(point.y) + half) / size) * 100}%`,
    transform: `translate(${away(point.x)}, ${away(point.y)})`,
  };
}
