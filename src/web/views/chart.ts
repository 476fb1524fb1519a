/**
 * A horizontal bar chart as inline SVG markup for the digest page: met and missed per
 * milestone. Built by the server from numbers and our own labels (escaped anyway); no
 * script, no remote fonts or images, so the page's CSP needs nothing more. Pure.
 */
import { html, type Html } from '../html.js';

export interface Bar {
  label: string;
  met: number;
  missed: number;
}

export function metMissedChart(bars: Bar[], title: string): Html {
  const rowH = 28;
  const labelW = 170;
  const barW = 360;
  const max = Math.max(1, ...bars.map((b) => b.met + b.missed));
  const h = bars.length * rowH + 30;
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${labelW + barW + 80} ${h}" width="100%" role="img" aria-label="${title}" class="chart">
    <title>${title}</title>
    ${bars.map((b, i) => {
      const y = i * rowH + 4;
      const met = Math.round((b.met / max) * barW);
      const missed = Math.round((b.missed / max) * barW);
      return html`<text x="0" y="${y + 16}" class="lbl">${b.label}</text>
        <rect x="${labelW}" y="${y}" width="${met}" height="20" class="met"></rect>
        <rect x="${labelW + met}" y="${y}" width="${missed}" height="20" class="missed"></rect>
        <text x="${labelW + met + missed + 6}" y="${y + 16}" class="num">${b.met} met, ${b.missed} missed</text>`;
    })}
    <rect x="${labelW}" y="${h - 18}" width="12" height="12" class="met"></rect>
    <text x="${labelW + 16}" y="${h - 8}" class="num">met</text>
    <rect x="${labelW + 70}" y="${h - 18}" width="12" height="12" class="missed"></rect>
    <text x="${labelW + 86}" y="${h - 8}" class="num">missed</text>
  </svg>`;
}
