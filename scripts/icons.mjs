#!/usr/bin/env node
// Draws Rapport's icons (a person at the centre of a ring of colleagues) into PNGs: the Teams app's
// colour (192×192) and outline (32×32, white on transparent) icons, and the Outlook ribbon sizes.
// Run once after changing the design: `node scripts/icons.mjs`; the PNGs are committed.
import fs from 'node:fs';
import { PNG } from 'pngjs';

const BRAND = [0x4f, 0x52, 0xb2];

function draw(size, { background, foreground }) {
  const png = new PNG({ width: size, height: size });
  const c = size / 2;
  const dots = Array.from({ length: 6 }, (_, i) => {
    const a = (i / 6) * 2 * Math.PI - Math.PI / 2;
    return [c + Math.cos(a) * size * 0.3, c + Math.sin(a) * size * 0.3];
  });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const px = x + 0.5;
      const py = y + 0.5;
      const d = Math.hypot(px - c, py - c);
      let on = d < size * 0.13; // you
      on ||= Math.abs(d - size * 0.3) < size * 0.025; // the ring of relationships
      on ||= dots.some(([dx, dy]) => Math.hypot(px - dx, py - dy) < size * 0.075); // colleagues
      const inTile = background && Math.max(Math.abs(px - c), Math.abs(py - c)) < size / 2;
      const [r, g, b, a] = on ? [...foreground, 255] : inTile ? [...background, 255] : [0, 0, 0, 0];
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

fs.writeFileSync('appPackage/color.png', draw(192, { background: BRAND, foreground: [255, 255, 255] }));
fs.writeFileSync('appPackage/outline.png', draw(32, { background: null, foreground: [255, 255, 255] }));
for (const s of [16, 32, 64, 80, 128])
  fs.writeFileSync(
    `src/public/icons/icon-${s}.png`,
    draw(s, { background: BRAND, foreground: [255, 255, 255] }),
  );
console.log('icons written');
