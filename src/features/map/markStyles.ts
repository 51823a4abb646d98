import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * Dots and bubbles are SVG buttons: a pointer, a thicker outline on hover, and for the keyboard a
 * focus ring drawn by each mark's own `.focus` circle (an SVG group has no outline of its own).
 */
export const useMarkStyles = makeStyles({
  mark: {
    cursor: 'pointer',
    outlineStyle: 'none',
    ':focus-visible > .focus': { stroke: tokens.colorStrokeFocus2, strokeWidth: '3px' },
    ':hover > .dot': { strokeWidth: '2.5px' },
  },
  focus: { fill: 'none', stroke: 'transparent' },
});
